/**
 * Command-line options of `npm run list-server` and `npm run serve` (see main.ts for the usage).
 * Parsing only: files named by the options are read by `loadServerOptions`. Refusals are one
 * line, Vietnamese then English, thrown as UsageError (exit 2).
 */
import { readFileSync } from "node:fs";
import { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TOKEN, ListServerOptions } from "./listServer";
import { UserDirectory } from "./users";

export const DEFAULT_SERVE_PORT = 8443;
export const DEFAULT_DIST_DIR = "dist";
const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

export class UsageError extends Error {
  constructor(vi: string, en: string) {
    super(`${vi} / ${en}`);
    this.name = "UsageError";
  }
}

export interface CliOptions {
  mode: "list-server" | "serve";
  port: number;
  host: string;
  dataDir: string;
  token: string;
  /** The token came from --token or LIST_SERVER_TOKEN (not the development default). */
  tokenGiven: boolean;
  usersFile: string | null;
  certFile: string | null;
  keyFile: string | null;
  publicUrl: string | null;
  distDir: string;
  corsOrigins: string[];
  faultRate?: number;
  dropRate?: number;
  latencyMs?: number;
  seed?: number;
  fractionalRetryAfter: boolean;
  maxPageSize?: number;
  shuffleBatch: boolean;
  quiet: boolean;
}

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host);
}

export function parseServerArgs(mode: CliOptions["mode"], argv: string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  const opts: CliOptions = {
    mode,
    port: mode === "serve" ? DEFAULT_SERVE_PORT : DEFAULT_PORT,
    host: DEFAULT_HOST,
    dataDir: DEFAULT_DATA_DIR,
    token: env.LIST_SERVER_TOKEN || DEFAULT_TOKEN,
    tokenGiven: Boolean(env.LIST_SERVER_TOKEN),
    usersFile: null,
    certFile: null,
    keyFile: null,
    publicUrl: null,
    distDir: DEFAULT_DIST_DIR,
    corsOrigins: [],
    fractionalRetryAfter: false,
    shuffleBatch: false,
    quiet: false,
  };
  const num = (flag: string, v: string | undefined, min: number, max: number): number => {
    const n = Number(v);
    if (v === undefined || v.trim() === "" || !Number.isFinite(n) || n < min || n > max) {
      throw new UsageError(`${flag} cần một số từ ${min} đến ${max}`, `${flag} expects a number between ${min} and ${max}`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf("=");
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const text = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "") throw new UsageError(`${flag} cần một giá trị`, `${flag} expects a value`);
      return v;
    };
    switch (flag) {
      case "--port":
        opts.port = num(flag, inline ?? argv[++i], 0, 65535);
        break;
      case "--host":
        opts.host = text();
        break;
      case "--data":
        opts.dataDir = text();
        break;
      case "--token":
        opts.token = text();
        opts.tokenGiven = true;
        break;
      case "--users":
        opts.usersFile = text();
        break;
      case "--cert":
        opts.certFile = text();
        break;
      case "--key":
        opts.keyFile = text();
        break;
      case "--public-url":
        opts.publicUrl = publicUrl(text());
        break;
      case "--dist":
        opts.distDir = text();
        break;
      case "--cors-origin":
        opts.corsOrigins.push(text());
        break;
      case "--fault-rate":
        opts.faultRate = num(flag, inline ?? argv[++i], 0, 1);
        break;
      case "--drop-rate":
        opts.dropRate = num(flag, inline ?? argv[++i], 0, 1);
        break;
      case "--latency":
        opts.latencyMs = num(flag, inline ?? argv[++i], 0, 600000);
        break;
      case "--seed":
        opts.seed = num(flag, inline ?? argv[++i], 0, 2 ** 32 - 1);
        break;
      case "--fractional-retry-after":
        opts.fractionalRetryAfter = true;
        break;
      case "--max-page-size":
        opts.maxPageSize = num(flag, inline ?? argv[++i], 1, 5000);
        break;
      case "--shuffle-batch":
        opts.shuffleBatch = true;
        break;
      case "--quiet":
        opts.quiet = true;
        break;
      case "--help":
      case "-h":
        throw new Error("help");
      default:
        throw new UsageError(`Tùy chọn không rõ '${arg}'`, `Unknown option '${arg}'`);
    }
  }
  if ((opts.certFile === null) !== (opts.keyFile === null)) {
    throw new UsageError("--cert và --key phải đi cùng nhau", "--cert and --key go together");
  }
  if (!isLoopback(opts.host) && opts.usersFile === null) {
    throw new UsageError(
      `Không mở máy chủ trên ${opts.host} với một mã dùng chung${opts.tokenGiven ? "" : " mặc định"}: hãy cho danh sách người dùng bằng --users FILE`,
      `Refusing to listen on ${opts.host} with a shared ${opts.tokenGiven ? "" : "default "}token: give the users with --users FILE`,
    );
  }
  if (mode === "serve" && !isLoopback(opts.host) && opts.certFile === null) {
    throw new UsageError(
      `Máy chủ văn phòng trên ${opts.host} cần HTTPS: hãy cho --cert FILE --key FILE`,
      `The office server on ${opts.host} needs HTTPS: give --cert FILE --key FILE`,
    );
  }
  return opts;
}

function publicUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    url = new URL("invalid:");
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.pathname.replace(/\/+$/, "") !== "" || url.search !== "") {
    throw new UsageError(
      `--public-url cần một địa chỉ gốc như https://khdt.example.vn:8443`,
      `--public-url expects an origin such as https://khdt.example.vn:8443`,
    );
  }
  return url.origin;
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`Không đọc được ${what} ${file}`, `Cannot read the ${what} ${file}: ${(e as Error).message}`);
  }
}

/** The server options the command line asks for (reads the users file and the certificate). */
export function loadServerOptions(opts: CliOptions): ListServerOptions {
  let users: UserDirectory | undefined;
  if (opts.usersFile !== null) {
    try {
      users = UserDirectory.fromFile(opts.usersFile);
    } catch (e) {
      throw new UsageError("Tệp người dùng không hợp lệ", (e as Error).message);
    }
  }
  const tls =
    opts.certFile !== null && opts.keyFile !== null
      ? { cert: readText(opts.certFile, "certificate"), key: readText(opts.keyFile, "key") }
      : undefined;
  return {
    port: opts.port,
    host: opts.host,
    dataDir: opts.dataDir,
    token: opts.token,
    users,
    tls,
    publicUrl: opts.publicUrl ?? undefined,
    corsOrigins: opts.corsOrigins.length ? opts.corsOrigins : undefined,
    faultRate: opts.faultRate,
    dropRate: opts.dropRate,
    latencyMs: opts.latencyMs,
    seed: opts.seed,
    fractionalRetryAfter: opts.fractionalRetryAfter,
    maxPageSize: opts.maxPageSize,
    shuffleBatchResponses: opts.shuffleBatch,
  };
}
