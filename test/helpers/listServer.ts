/**
 * Start a local list server for a test: random port on 127.0.0.1, a random token,
 * and an in-memory store unless `dataDir` is given ("temp" makes a temporary folder
 * that is removed on close).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ListServerOptions, startListServer } from "../../src/server/listServer";
import type { ListStore } from "../../src/server/listStore";

export interface TestListServer {
  /** e.g. http://127.0.0.1:54321 */
  url: string;
  /** e.g. http://127.0.0.1:54321/v1.0 */
  graphUrl: string;
  token: string;
  dataDir: string;
  store: ListStore;
  /** fetch a Graph path ("/sites/root/lists") or absolute URL with the bearer token (JSON body if given). */
  graph(pathOrUrl: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

export function makeTempDataDir(): string {
  return mkdtempSync(join(tmpdir(), "list-server-test-"));
}

export async function startTestListServer(
  options: Omit<ListServerOptions, "dataDir"> & { dataDir?: string | "temp"; removeDataDirOnClose?: boolean } = {},
): Promise<TestListServer> {
  const ownsDir = options.dataDir === "temp";
  const dataDir = ownsDir ? makeTempDataDir() : (options.dataDir ?? ":memory:");
  const token = options.token ?? `test-${randomUUID()}`;
  const server = await startListServer({ ...options, dataDir, token, port: options.port ?? 0, host: options.host ?? "127.0.0.1" });
  const graph: TestListServer["graph"] = (pathOrUrl, init = {}) => {
    const url = /^https?:/.test(pathOrUrl) ? pathOrUrl : `${server.graphUrl}${pathOrUrl}`;
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) };
    let body: string | undefined;
    if (init.body !== undefined) {
      headers["Content-Type"] = headers["Content-Type"] ?? "application/json";
      body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    }
    return fetch(url, { method: init.method ?? "GET", headers, body });
  };
  return {
    url: server.url,
    graphUrl: server.graphUrl,
    token,
    dataDir,
    store: server.store,
    graph,
    async close() {
      await server.close();
      if (ownsDir || options.removeDataDirOnClose) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
