/**
 * Start a local list server for a test: random port on 127.0.0.1, a random token,
 * and an in-memory store unless `dataDir` is given ("temp" makes a temporary folder
 * that is removed on close). Faults send fractional Retry-After values unless told
 * otherwise, so throttled tests stay fast. With `tls`, it speaks HTTPS and `graph`
 * trusts that certificate.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ListServerOptions, startListServer } from "../../src/server/listServer";
import type { ListStore } from "../../src/server/listStore";
import { trustingFetch, type TestCert } from "./tls";

export interface GraphInit {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Another user's bearer token (default the server's planner token). */
  token?: string;
}

export interface TestListServer {
  /** e.g. http://127.0.0.1:54321 */
  url: string;
  /** e.g. http://127.0.0.1:54321/v1.0 */
  graphUrl: string;
  token: string;
  dataDir: string;
  store: ListStore;
  /** fetch a Graph path ("/sites/root/lists") or absolute URL with the bearer token (JSON body if given). */
  graph(pathOrUrl: string, init?: GraphInit): Promise<Response>;
  /** fetch that trusts the server's certificate (global fetch without TLS). */
  fetch: typeof fetch;
  close(): Promise<void>;
}

export function makeTempDataDir(): string {
  return mkdtempSync(join(tmpdir(), "list-server-test-"));
}

export async function startTestListServer(
  options: Omit<ListServerOptions, "dataDir" | "tls"> & { dataDir?: string | "temp"; removeDataDirOnClose?: boolean; tls?: TestCert } = {},
): Promise<TestListServer> {
  const ownsDir = options.dataDir === "temp";
  const dataDir = ownsDir ? makeTempDataDir() : (options.dataDir ?? ":memory:");
  const token = options.token ?? `test-${randomUUID()}`;
  const server = await startListServer({
    fractionalRetryAfter: true,
    ...options,
    dataDir,
    token,
    port: options.port ?? 0,
    host: options.host ?? "127.0.0.1",
  });
  const fetchImpl: typeof fetch = options.tls ? trustingFetch(options.tls.cert) : fetch;
  const graph: TestListServer["graph"] = (pathOrUrl, init = {}) => {
    const url = /^https?:/.test(pathOrUrl) ? pathOrUrl : `${server.graphUrl}${pathOrUrl}`;
    const headers: Record<string, string> = { Authorization: `Bearer ${init.token ?? token}`, ...(init.headers ?? {}) };
    let body: string | undefined;
    if (init.body !== undefined) {
      headers["Content-Type"] = headers["Content-Type"] ?? "application/json";
      body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    }
    return fetchImpl(url, { method: init.method ?? "GET", headers, body });
  };
  return {
    url: server.url,
    graphUrl: server.graphUrl,
    token,
    dataDir,
    store: server.store,
    graph,
    fetch: fetchImpl,
    async close() {
      await server.close();
      if (ownsDir || options.removeDataDirOnClose) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
