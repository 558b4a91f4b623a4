/**
 * CLI of the local list server and the office server.
 *
 *   npm run list-server -- [options]            the list API (Microsoft Graph v1.0 subset)
 *   npm run list-server -- backup DIR [--data D] online copy of the data folder's database into DIR
 *   npm run list-server -- restore DIR [--data D] put a backup back (the server must be stopped)
 *   npm run serve -- [options] [--dist dist]     the pane's build and the list API on one HTTPS port
 *
 * Exit codes: 0 done, 1 unexpected failure, 2 bad arguments or a refusal (one line, vi / en).
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { DataFolderError, backupDataDir, restoreDataDir } from "./backup";
import { CliOptions, UsageError, loadServerOptions, parseServerArgs } from "./cliOptions";
import { DEFAULT_DATA_DIR, startListServer } from "./listServer";
import { PANE_PAGE } from "./staticSite";

const USAGE = `Usage:
  list-server [--port 4100] [--host 127.0.0.1] [--data .data/list-server] [--token dev-token | --users FILE]
              [--cert FILE --key FILE] [--public-url https://host:port] [--cors-origin https://localhost:3000]
              [--fault-rate 0..1] [--drop-rate 0..1] [--latency ms] [--seed n] [--fractional-retry-after]
              [--max-page-size n] [--shuffle-batch] [--quiet]
  list-server backup DIR [--data .data/list-server]
  list-server restore DIR [--data .data/list-server]
  serve [--port 8443] [--dist dist] and the list-server options (HTTPS and --users off loopback)`;

type Print = (line: string) => void;

function dataDirArg(argv: string[]): { dir: string; dataDir: string } {
  let dir: string | null = null;
  let dataDir = DEFAULT_DATA_DIR;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--data" && argv[i + 1]) dataDir = argv[++i];
    else if (argv[i].startsWith("--data=")) dataDir = argv[i].slice("--data=".length);
    else if (dir === null && !argv[i].startsWith("-")) dir = argv[i];
    else throw new UsageError(`Tùy chọn không rõ '${argv[i]}'`, `Unknown option '${argv[i]}'`);
  }
  if (dir === null) throw new UsageError("Cần thư mục của bản sao", "A backup folder is required");
  return { dir, dataDir };
}

async function backup(argv: string[], out: Print): Promise<number> {
  const { dir, dataDir } = dataDirArg(argv);
  const r = await backupDataDir(dataDir, dir);
  out(`Đã sao lưu ${r.lists} danh sách, ${r.items} mục vào ${r.file} / Backed up ${r.lists} lists, ${r.items} items to ${r.file}`);
  return 0;
}

function restore(argv: string[], out: Print): number {
  const { dir, dataDir } = dataDirArg(argv);
  const { keptAs } = restoreDataDir(dir, dataDir);
  out(`Đã khôi phục ${dataDir} từ ${dir} / Restored ${dataDir} from ${dir}`);
  if (keptAs) out(`  cơ sở dữ liệu cũ giữ ở / the previous database is kept as ${keptAs}`);
  return 0;
}

async function serve(opts: CliOptions, out: Print): Promise<number> {
  const siteDir = opts.mode === "serve" ? resolve(opts.distDir) : undefined;
  if (siteDir && !existsSync(join(siteDir, PANE_PAGE))) {
    throw new UsageError(
      `Chưa có bản dựng của ngăn tác vụ (${join(opts.distDir, PANE_PAGE)}): hãy chạy npm run build trước`,
      `The task pane build is missing (${join(opts.distDir, PANE_PAGE)}): run npm run build first`,
    );
  }
  const server = await startListServer({
    ...loadServerOptions(opts),
    siteDir,
    log: opts.quiet ? undefined : (line) => out(line),
  });
  const origin = opts.publicUrl ?? server.url;
  out(`Local list server (Microsoft Graph v1.0 subset) at ${origin}/v1.0`);
  if (siteDir) out(`  task pane: ${origin}${PANE_PAGE}   health: ${origin}/health`);
  out(
    `  data: ${opts.dataDir}   ${opts.usersFile ? `users: ${opts.usersFile}` : `token: ${opts.tokenGiven ? "(from --token / LIST_SERVER_TOKEN)" : "dev-token (default)"}`}`,
  );
  if (opts.faultRate || opts.dropRate || opts.latencyMs) {
    out(`  faults: rate=${opts.faultRate ?? 0} drop=${opts.dropRate ?? 0} latency=${opts.latencyMs ?? 0}ms seed=${opts.seed ?? 1}`);
  }
  // Closing the server clears its timer and connections: Node then exits by itself.
  const stop = () => void server.close();
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return 0;
}

/** Run a command line; resolves with the exit code (a running server keeps the process alive). */
export async function runServerCli(argv: string[], out: Print = console.log, err: Print = console.error): Promise<number> {
  try {
    if (argv[0] === "backup") return await backup(argv.slice(1), out);
    if (argv[0] === "restore") return restore(argv.slice(1), out);
    const mode = argv[0] === "serve" ? "serve" : "list-server";
    return await serve(parseServerArgs(mode, mode === "serve" ? argv.slice(1) : argv), out);
  } catch (e) {
    if (e instanceof Error && e.message === "help") {
      out(USAGE);
      return 0;
    }
    if (e instanceof UsageError || e instanceof DataFolderError) {
      err(e.message);
      return 2;
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE" || code === "EACCES" || code === "EADDRNOTAVAIL") {
      err(`Không mở được cổng: ${(e as Error).message} / Cannot listen: ${(e as Error).message}`);
      return 2;
    }
    err(e instanceof Error ? e.message : String(e));
    return 1;
  }
}

if (require.main === module) {
  runServerCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
