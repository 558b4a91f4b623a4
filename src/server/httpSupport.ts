/**
 * HTTP plumbing for the list server: bearer token, CORS for the task pane, the JSON
 * Content-Type a write must carry, size-limited body reading, link base URL and
 * response writing.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { GraphError } from "./graphErrors";
import type { GraphResponse } from "./graphRoutes";

export const DEFAULT_CORS_ORIGINS = ["https://localhost:3000"];
const ALLOWED_HEADERS = "Authorization, Content-Type, If-Match, Prefer, client-request-id, return-client-request-id";
const EXPOSED_HEADERS = "ETag, Location, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, request-id, client-request-id";
const ALLOWED_METHODS = "GET, POST, PATCH, DELETE, OPTIONS";

/** The token of `Authorization: Bearer <token>`: "" when the header is missing, null when malformed. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return "";
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : null;
}

const WRITE_METHODS: ReadonlySet<string> = new Set(["POST", "PATCH", "PUT"]);

/**
 * A write must say its body is JSON, as Graph requires: without a Content-Type Graph answers 400
 * "Unable to read JSON request payload…"; with another media type, 415.
 */
export function checkJsonContentType(method: string, contentType: string | undefined): GraphError | null {
  if (!WRITE_METHODS.has(method)) return null;
  if (contentType === undefined || contentType.trim() === "") {
    return new GraphError(
      400,
      "BadRequest",
      "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
    );
  }
  const mediaType = contentType.split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/json") {
    return new GraphError(415, "UnsupportedMediaType", `The media type '${mediaType}' is not supported; send 'application/json'.`);
  }
  return null;
}

/** Add CORS response headers when the request comes from an allowed origin. */
export function applyCors(req: IncomingMessage, res: ServerResponse, origins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin || !origins.includes(origin)) return false;
  res.setHeader("Access-Control-Allow-Origin", origin);
  res.setHeader("Vary", "Origin");
  res.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
  return true;
}

/** Answer a CORS preflight (or a plain OPTIONS). */
export function answerPreflight(req: IncomingMessage, res: ServerResponse, originAllowed: boolean): void {
  if (req.headers.origin && !originAllowed) {
    res.writeHead(403, { "Content-Type": "text/plain; charset=utf-8" });
    res.end("Origin not allowed");
    return;
  }
  res.writeHead(204, {
    Allow: ALLOWED_METHODS,
    ...(originAllowed
      ? {
          "Access-Control-Allow-Methods": ALLOWED_METHODS,
          "Access-Control-Allow-Headers": ALLOWED_HEADERS,
          "Access-Control-Max-Age": "600",
        }
      : {}),
  });
  res.end();
}

export type BodyResult = { kind: "ok"; body: Buffer } | { kind: "tooLarge" } | { kind: "aborted" };

/**
 * Read a request body of at most `limit` bytes. An oversized body is drained (up to a
 * cap, then the connection is cut) so the client can read the 413 that follows.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const drainCap = Math.max(64 * 1024 * 1024, limit * 4);
  return new Promise((resolve) => {
    const declared = Number(req.headers["content-length"]);
    let tooLarge = Number.isFinite(declared) && declared > limit;
    if (Number.isFinite(declared) && declared > drainCap) {
      req.socket.destroy();
      resolve({ kind: "aborted" });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > drainCap) {
        done = true;
        req.socket.destroy();
        resolve({ kind: "aborted" });
        return;
      }
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on("end", () => {
      if (done) return;
      done = true;
      resolve(tooLarge ? { kind: "tooLarge" } : { kind: "ok", body: Buffer.concat(chunks) });
    });
    req.on("error", () => {
      if (done) return;
      done = true;
      resolve({ kind: "aborted" });
    });
    req.on("close", () => {
      if (done) return;
      done = true;
      resolve({ kind: "aborted" });
    });
  });
}

const HOST_HEADER = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * Origin for absolute links (nextLink, deltaLink): the public URL when one is configured (a server
 * behind a name or a proxy), else the Host the client used, if well-formed, with the scheme the
 * connection has.
 */
export function linkBase(req: IncomingMessage, fallback: string, publicUrl?: string): string {
  if (publicUrl) return publicUrl;
  const host = req.headers.host;
  const scheme = (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http";
  return host && HOST_HEADER.test(host) ? `${scheme}://${host}` : fallback;
}

const JSON_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

export function sendGraphResponse(res: ServerResponse, r: GraphResponse, extra: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { "OData-Version": "4.0", "Cache-Control": "no-store", ...r.headers, ...extra };
  if (r.body === undefined || r.status === 204) {
    res.writeHead(r.status, headers);
    res.end();
    return;
  }
  const payload = Buffer.from(JSON.stringify(r.body), "utf8");
  headers["Content-Type"] = JSON_TYPE;
  headers["Content-Length"] = String(payload.length);
  res.writeHead(r.status, headers);
  res.end(payload);
}
