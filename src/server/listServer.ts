/**
 * The local list server: a node:http(s) server speaking the Microsoft Graph v1.0 subset
 * a list client uses (see graphRoutes.ts), backed by SQLite (listStore.ts), with
 * JSON batching (batch.ts) and optional fault injection (faults.ts). As the office
 * server it also answers `/health` and serves the task pane's build (staticSite.ts).
 *
 * Request pipeline: `/health` → the pane's files (when a site folder is given, for paths
 * outside /v1.0) → CORS → OPTIONS preflight → bearer token of a known user (401) → body
 * ≤ 4 MB (413) → JSON Content-Type of a write (400/415) → injected latency → injected drop
 * → injected 429/503 → JSON parse (400) → route, where the user's rights are checked.
 */
import { randomUUID } from "node:crypto";
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { claimDataDir, releaseDataDir } from "./backup";
import { runBatch } from "./batch";
import { FaultInjector, FaultOptions, seededRandom } from "./faults";
import { GraphError, graphErrorBody } from "./graphErrors";
import { GraphRequest, GraphResponse, GraphRouter } from "./graphRoutes";
import { sendHealth } from "./health";
import {
  DEFAULT_CORS_ORIGINS,
  answerPreflight,
  applyCors,
  bearerToken,
  checkJsonContentType,
  linkBase,
  readBody,
  sendGraphResponse,
} from "./httpSupport";
import { ListStore } from "./listStore";
import { serveStatic } from "./staticSite";
import { UserDirectory } from "./users";

export interface ListServerOptions extends FaultOptions {
  /** Port to listen on (default 4100; 0 picks a free port). */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** Folder for the SQLite database (default ".data/list-server"), or ":memory:". */
  dataDir?: string;
  /** The one bearer token clients must send, acting as a planner (default "dev-token"); ignored with `users`. */
  token?: string;
  /** Known users, their tokens and rights (`--users FILE`). */
  users?: UserDirectory;
  /** Serve over HTTPS with this PEM certificate and key. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Origin written in links (nextLink, deltaLink), e.g. "https://khdt.example.vn:8443"; default the request's Host. */
  publicUrl?: string;
  /** A folder of static files (the pane's `dist/`) served outside /v1.0, without a token. */
  siteDir?: string;
  /** Largest accepted request body in bytes (default 4 MB). */
  maxBodyBytes?: number;
  /** Origins allowed by CORS (default the task pane dev server https://localhost:3000). */
  corsOrigins?: string[];
  /** Page size without $top (default 200). */
  defaultPageSize?: number;
  /** Largest page returned whatever $top asks (default 5000). */
  maxPageSize?: number;
  /** Non-indexed filters fail above this many items even with the Prefer header (default 5000). */
  listViewThreshold?: number;
  /** Return $batch responses in a shuffled order (default false). */
  shuffleBatchResponses?: boolean;
  /** Deleted-item tombstones older than this are purged, expiring older delta tokens (default 30). */
  tombstoneRetentionDays?: number;
  /** Called with one line per request. */
  log?: (line: string) => void;
}

export interface ListServer {
  /** e.g. "http://127.0.0.1:4100" (https:// with TLS) */
  url: string;
  /** Graph root for clients, e.g. "http://127.0.0.1:4100/v1.0" */
  graphUrl: string;
  port: number;
  host: string;
  /** The storage, for tests and tools. */
  store: ListStore;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4100;
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_DATA_DIR = ".data/list-server";
export const DEFAULT_TOKEN = "dev-token";
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

const DAY_MS = 24 * 60 * 60 * 1000;

function headerString(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(", ") : v;
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    const s = headerString(v);
    if (s !== undefined) out[k.toLowerCase()] = s;
  }
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function startListServer(options: ListServerOptions = {}): Promise<ListServer> {
  const host = options.host ?? DEFAULT_HOST;
  const users = options.users ?? UserDirectory.singleToken(options.token ?? DEFAULT_TOKEN);
  const publicUrl = options.publicUrl?.replace(/\/+$/, "");
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const corsOrigins = options.corsOrigins ?? DEFAULT_CORS_ORIGINS;
  const faults = new FaultInjector(options);
  const shuffleRandom = seededRandom((options.seed ?? 1) ^ 0x9e3779b9);
  const store = ListStore.open(options.dataDir ?? DEFAULT_DATA_DIR);
  const retentionMs = (options.tombstoneRetentionDays ?? 30) * DAY_MS;
  store.compact(new Date(Date.now() - retentionMs));
  const router = new GraphRouter(store, {
    defaultPageSize: options.defaultPageSize ?? 200,
    maxPageSize: options.maxPageSize ?? 5000,
    listViewThreshold: options.listViewThreshold ?? 5000,
    hostname: "localhost",
  });
  const scheme = options.tls ? "https" : "http";
  let fallbackBase = `${scheme}://${host}`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const method = (req.method ?? "GET").toUpperCase();
    const target = req.url ?? "/";
    const path = target.split("?")[0];
    if (path === "/health" && (method === "GET" || method === "HEAD")) {
      sendHealth(res, store);
      return;
    }
    if (options.siteDir && !path.startsWith("/v1.0/") && serveStatic(req, res, options.siteDir)) return;
    const requestId = randomUUID();
    const given = headerString(req.headers["client-request-id"]);
    const clientRequestId = given && given.length <= 200 ? given : requestId;
    res.setHeader("request-id", requestId);
    res.setHeader("client-request-id", clientRequestId);
    const ids = { requestId, clientRequestId };
    const fail = (e: GraphError, extra: Record<string, string> = {}) => sendGraphResponse(res, router.errorResponse(ids, e), extra);
    res.on("finish", () => options.log?.(`${method} ${target} ${res.statusCode} ${Date.now() - started}ms`));

    const originAllowed = applyCors(req, res, corsOrigins);
    if (method === "OPTIONS") {
      answerPreflight(req, res, originAllowed);
      return;
    }

    const token = bearerToken(headerString(req.headers.authorization));
    const user = token ? users.authenticate(token) : null;
    if (!user) {
      req.resume();
      fail(
        new GraphError(401, "InvalidAuthenticationToken", token === "" ? "Access token is empty." : "Access token validation failure."),
        { "WWW-Authenticate": 'Bearer realm="local-list-server"' },
      );
      return;
    }

    const read = await readBody(req, maxBodyBytes);
    if (read.kind === "aborted") return;
    if (read.kind === "tooLarge") {
      fail(new GraphError(413, "RequestEntityTooLarge", `The request body is larger than ${maxBodyBytes} bytes.`), {
        Connection: "close",
      });
      return;
    }

    const mediaTypeError = checkJsonContentType(method, headerString(req.headers["content-type"]));
    if (mediaTypeError) {
      fail(mediaTypeError);
      return;
    }

    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    const drop = faults.decideDrop(method !== "GET" && method !== "HEAD");
    if (drop === "before") {
      req.socket.destroy();
      return;
    }
    const throttled = faults.throttle();
    if (throttled) {
      if (drop === "after") {
        req.socket.destroy();
        return;
      }
      fail(new GraphError(throttled.status, throttled.code, throttled.message, throttled.headers));
      return;
    }

    let body: unknown;
    if (read.body.length > 0) {
      try {
        body = JSON.parse(read.body.toString("utf8"));
      } catch {
        fail(
          new GraphError(
            400,
            "BadRequest",
            "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
          ),
        );
        return;
      }
    }

    const graphReq: GraphRequest = {
      method,
      target,
      headers: lowerCaseHeaders(req),
      body,
      baseUrl: linkBase(req, fallbackBase, publicUrl),
      requestId,
      clientRequestId,
      user,
    };
    let response: GraphResponse;
    if (path === "/v1.0/$batch") {
      if (method !== "POST") {
        response = router.errorResponse(
          ids,
          new GraphError(405, "BadRequest", "Specified HTTP method is not allowed for the request target."),
        );
      } else {
        try {
          response = runBatch(body, graphReq, (r) => router.handle(r), faults, {
            shuffle: options.shuffleBatchResponses,
            random: shuffleRandom,
          });
        } catch (e) {
          if (!(e instanceof GraphError)) throw e;
          response = router.errorResponse(ids, e);
        }
      }
    } else {
      response = router.handle(graphReq);
    }

    if (drop === "after") {
      // The write happened; the client never hears about it.
      req.socket.destroy();
      return;
    }
    sendGraphResponse(res, response);
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      if (!res.headersSent && !res.destroyed) {
        const id = randomUUID();
        sendGraphResponse(res, {
          status: 500,
          headers: {},
          body: graphErrorBody("generalException", `Internal error: ${message}`, id, id),
        });
      }
    });
  };
  const server: Server = options.tls ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, listener) : createServer(listener);

  await new Promise<void>((resolve, reject) => {
    const onError = (e: Error) => {
      store.close();
      reject(e);
    };
    server.once("error", onError);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off("error", onError);
      resolve();
    });
  });

  const port = (server.address() as AddressInfo).port;
  const urlHost = host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  const url = `${scheme}://${urlHost}:${port}`;
  fallbackBase = url;
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const ownsDataDir = dataDir !== ":memory:";
  if (ownsDataDir) claimDataDir(dataDir, url);

  const compactTimer = setInterval(
    () => {
      try {
        store.compact(new Date(Date.now() - retentionMs));
      } catch {
        // best effort; retried next hour
      }
    },
    60 * 60 * 1000,
  );
  compactTimer.unref();

  let closed: Promise<void> | null = null;
  return {
    url,
    graphUrl: `${url}/v1.0`,
    port,
    host,
    store,
    close(): Promise<void> {
      if (!closed) {
        closed = new Promise<void>((resolve) => {
          clearInterval(compactTimer);
          server.close(() => {
            store.close();
            if (ownsDataDir) releaseDataDir(dataDir);
            resolve();
          });
          server.closeAllConnections();
        });
      }
      return closed;
    },
  };
}
