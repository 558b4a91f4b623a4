/**
 * CLI entry of the local list server (`npm run list-server`, i.e. `tsx src/server/main.ts`).
 *
 *   --port <n>            default 4100
 *   --host <addr>         default 127.0.0.1
 *   --data <dir>          default .data/list-server (":memory:" for a throw-away store)
 *   --token <t>           default $LIST_SERVER_TOKEN or "dev-token"
 *   --fault-rate <0..1>   share of requests answered 429/503 (default 0)
 *   --drop-rate <0..1>    share of requests whose connection is dropped (default 0)
 *   --latency <ms>        delay added to every request (default 0)
 *   --seed <n>            seed of the fault generator (default 1)
 *   --cors-origin <url>   allowed task pane origin (repeatable; default https://localhost:3000)
 *   --max-page-size <n>   largest page returned (default 5000)
 *   --shuffle-batch       answer $batch entries in a shuffled order
 *   --quiet               no per-request log
 */
import { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TOKEN, ListServerOptions, startListServer } from "./listServer";

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ListServerOptions & { quiet: boolean } {
  const opts: ListServerOptions & { quiet: boolean } = {
    port: DEFAULT_PORT,
    host: DEFAULT_HOST,
    dataDir: DEFAULT_DATA_DIR,
    token: env.LIST_SERVER_TOKEN || DEFAULT_TOKEN,
    quiet: false,
  };
  const origins: string[] = [];
  const num = (flag: string, v: string | undefined, min: number, max: number): number => {
    const n = Number(v);
    if (v === undefined || v.trim() === "" || !Number.isFinite(n) || n < min || n > max) {
      throw new Error(`${flag} expects a number between ${min} and ${max}`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf("=");
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case "--port":
        opts.port = num(flag, value(), 0, 65535);
        break;
      case "--host":
        opts.host = value() ?? "";
        break;
      case "--data":
        opts.dataDir = value() ?? "";
        break;
      case "--token":
        opts.token = value() ?? "";
        break;
      case "--fault-rate":
        opts.faultRate = num(flag, value(), 0, 1);
        break;
      case "--drop-rate":
        opts.dropRate = num(flag, value(), 0, 1);
        break;
      case "--latency":
        opts.latencyMs = num(flag, value(), 0, 600000);
        break;
      case "--seed":
        opts.seed = num(flag, value(), 0, 2 ** 32 - 1);
        break;
      case "--cors-origin":
        origins.push(value() ?? "");
        break;
      case "--max-page-size":
        opts.maxPageSize = num(flag, value(), 1, 5000);
        break;
      case "--shuffle-batch":
        opts.shuffleBatchResponses = true;
        break;
      case "--quiet":
        opts.quiet = true;
        break;
      case "--help":
      case "-h":
        throw new Error("help");
      default:
        throw new Error(`Unknown option '${arg}'`);
    }
  }
  if (origins.length) opts.corsOrigins = origins;
  if (!opts.host) throw new Error("--host expects an address");
  if (!opts.dataDir) throw new Error("--data expects a folder");
  if (!opts.token) throw new Error("--token expects a value");
  if (!LOOPBACK.has(opts.host) && opts.token === DEFAULT_TOKEN) {
    throw new Error(`Refusing to listen on ${opts.host} with the default token: pass --token or set LIST_SERVER_TOKEN.`);
  }
  return opts;
}

const USAGE =
  "Usage: list-server [--port 4100] [--host 127.0.0.1] [--data .data/list-server] [--token dev-token]\n" +
  "                   [--fault-rate 0..1] [--drop-rate 0..1] [--latency ms] [--seed n]\n" +
  "                   [--cors-origin https://localhost:3000] [--max-page-size n] [--shuffle-batch] [--quiet]";

async function main(): Promise<void> {
  let opts: ListServerOptions & { quiet: boolean };
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (msg !== "help") console.error(msg);
    console.error(USAGE);
    process.exit(msg === "help" ? 0 : 2);
  }
  const { quiet, ...serverOpts } = opts;
  const server = await startListServer({ ...serverOpts, log: quiet ? undefined : (line) => console.log(line) });
  console.log(`Local list server (Microsoft Graph v1.0 subset) at ${server.graphUrl}`);
  console.log(
    `  data: ${opts.dataDir}   token: ${opts.token === DEFAULT_TOKEN ? "dev-token (default)" : "(from --token / LIST_SERVER_TOKEN)"}`,
  );
  if (opts.faultRate || opts.dropRate || opts.latencyMs) {
    console.log(`  faults: rate=${opts.faultRate ?? 0} drop=${opts.dropRate ?? 0} latency=${opts.latencyMs ?? 0}ms seed=${opts.seed ?? 1}`);
  }
  const stop = () => {
    server.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
