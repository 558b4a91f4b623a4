/**
 * JSON batching: POST /v1.0/$batch with {requests:[{id, method, url, headers?, body?, dependsOn?}]}.
 *
 * As Graph does: at most 20 requests; ids must be unique (case-insensitively); a body
 * needs a Content-Type header and a write needs a body (otherwise the whole batch is
 * 400); URLs are relative ("/sites/root/lists/L/items"); an entry whose dependency
 * failed gets 424; every entry has its own status and headers. Each entry runs
 * through the same route handler as a plain request (with the batch's user, so each
 * entry's rights are judged on their own) and rolls its own throttling fault, so a
 * 429 with Retry-After can appear inside a 200 batch.
 */
import { randomUUID } from "node:crypto";
import { FaultInjector } from "./faults";
import { GraphError, badRequest, graphErrorBody } from "./graphErrors";
import type { GraphRequest, GraphResponse } from "./graphRoutes";

export const MAX_BATCH_REQUESTS = 20;
const METHODS: ReadonlySet<string> = new Set(["GET", "POST", "PATCH", "PUT", "DELETE"]);
const WRITE_METHODS: ReadonlySet<string> = new Set(["POST", "PATCH", "PUT"]);

interface BatchEntry {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  hasBody: boolean;
  dependsOn: string[];
}

export interface BatchResponseEntry {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export interface BatchOptions {
  /** Shuffle the order of responses (Graph may answer in any order). */
  shuffle?: boolean;
  /** Random source for the shuffle. */
  random?: () => number;
}

function parseEntries(body: unknown): BatchEntry[] {
  if (typeof body !== "object" || body === null || !Array.isArray((body as { requests?: unknown }).requests)) {
    throw badRequest('Invalid batch payload format: expected {"requests": [...]}.', "BadRequest");
  }
  const raw = (body as { requests: unknown[] }).requests;
  if (raw.length === 0) throw badRequest("The batch contains no requests.", "BadRequest");
  if (raw.length > MAX_BATCH_REQUESTS) {
    throw badRequest(`The batch contains ${raw.length} requests; at most ${MAX_BATCH_REQUESTS} are allowed in one batch.`, "BadRequest");
  }
  const seen = new Set<string>();
  const entries = raw.map((r, i): BatchEntry => {
    if (typeof r !== "object" || r === null) throw badRequest(`Batch request #${i + 1} is not an object.`, "BadRequest");
    const o = r as Record<string, unknown>;
    if (typeof o.id !== "string" || o.id === "") {
      throw badRequest(`Batch request #${i + 1} has no 'id' string.`, "BadRequest");
    }
    const key = o.id.toLowerCase();
    if (seen.has(key)) throw badRequest(`Batch request id '${o.id}' is used more than once; ids must be unique.`, "BadRequest");
    seen.add(key);
    const method = typeof o.method === "string" ? o.method.toUpperCase() : "";
    if (!METHODS.has(method)) throw badRequest(`Batch request '${o.id}' has an invalid method.`, "BadRequest");
    if (typeof o.url !== "string" || o.url === "") throw badRequest(`Batch request '${o.id}' has no 'url'.`, "BadRequest");
    const headers: Record<string, string> = {};
    if (o.headers !== undefined && o.headers !== null) {
      if (typeof o.headers !== "object" || Array.isArray(o.headers)) {
        throw badRequest(`Batch request '${o.id}': 'headers' must be an object.`, "BadRequest");
      }
      for (const [k, v] of Object.entries(o.headers as Record<string, unknown>)) {
        if (typeof v !== "string") throw badRequest(`Batch request '${o.id}': header '${k}' must be a string.`, "BadRequest");
        headers[k.toLowerCase()] = v;
      }
    }
    const hasBody = o.body !== undefined && o.body !== null;
    if ((hasBody && !headers["content-type"]) || (WRITE_METHODS.has(method) && !hasBody)) {
      throw badRequest(`Write request id : ${o.id} does not contain Content-Type header or body.`, "BadRequest");
    }
    let dependsOn: string[] = [];
    if (o.dependsOn !== undefined && o.dependsOn !== null) {
      if (!Array.isArray(o.dependsOn) || !o.dependsOn.every((d) => typeof d === "string")) {
        throw badRequest(`Batch request '${o.id}': 'dependsOn' must be an array of request ids.`, "BadRequest");
      }
      dependsOn = o.dependsOn as string[];
    }
    return { id: o.id, method, url: o.url, headers, body: o.body, hasBody, dependsOn };
  });
  for (const e of entries) {
    for (const d of e.dependsOn) {
      if (!seen.has(d.toLowerCase()) || d.toLowerCase() === e.id.toLowerCase()) {
        throw badRequest(`Batch request '${e.id}' depends on unknown request '${d}'.`, "BadRequest");
      }
    }
  }
  return entries;
}

/** Order entries so each runs after its dependencies (stable otherwise); a cycle is a 400. */
function executionOrder(entries: BatchEntry[]): BatchEntry[] {
  const byId = new Map(entries.map((e) => [e.id.toLowerCase(), e]));
  const state = new Map<string, "visiting" | "done">();
  const out: BatchEntry[] = [];
  const visit = (e: BatchEntry) => {
    const key = e.id.toLowerCase();
    if (state.get(key) === "done") return;
    if (state.get(key) === "visiting") throw badRequest("The dependsOn references in the batch form a cycle.", "BadRequest");
    state.set(key, "visiting");
    for (const d of e.dependsOn) visit(byId.get(d.toLowerCase()) as BatchEntry);
    state.set(key, "done");
    out.push(e);
  };
  entries.forEach(visit);
  return out;
}

function decodeEntryBody(e: BatchEntry): unknown {
  if (!e.hasBody) return undefined;
  if (typeof e.body !== "string") return e.body;
  // A string body is base64 (Graph allows that for non-JSON payloads); JSON inside is accepted.
  try {
    return JSON.parse(Buffer.from(e.body, "base64").toString("utf8"));
  } catch {
    throw badRequest(`Batch request '${e.id}': the body is neither a JSON object nor base64-encoded JSON.`, "BadRequest");
  }
}

/** Relative Graph URL → "/v1.0/…" target, or throw a 400 for the entry. */
function entryTarget(url: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw badRequest("Batch request URLs must be relative, e.g. '/sites/root/lists'.", "BadRequest");
  }
  let rel = url.replace(/^\/+/, "");
  if (rel.startsWith("v1.0/")) rel = rel.slice("v1.0/".length);
  if (rel === "$batch" || rel.startsWith("$batch?") || rel.startsWith("$batch/")) {
    throw badRequest("A batch cannot contain another batch.", "BadRequest");
  }
  return `/v1.0/${rel}`;
}

function withContentType(r: GraphResponse): Record<string, string> {
  const headers = { ...r.headers };
  if (r.body !== undefined) headers["Content-Type"] = "application/json";
  return headers;
}

/**
 * Run a batch. Throws GraphError (400) when the batch itself is malformed; otherwise
 * returns the 200 response with one entry per request.
 */
export function runBatch(
  body: unknown,
  outer: Pick<GraphRequest, "baseUrl" | "requestId" | "clientRequestId" | "user">,
  handle: (req: GraphRequest) => GraphResponse,
  faults: FaultInjector,
  opts: BatchOptions = {},
): GraphResponse {
  const entries = executionOrder(parseEntries(body));
  const statusById = new Map<string, number>();
  const responses: BatchResponseEntry[] = [];

  for (const e of entries) {
    const requestId = randomUUID();
    const clientRequestId = e.headers["client-request-id"] ?? outer.clientRequestId;
    const fail = (err: GraphError): BatchResponseEntry => ({
      id: e.id,
      status: err.status,
      headers: { ...err.headers, "Content-Type": "application/json" },
      body: graphErrorBody(err.code, err.message, requestId, clientRequestId),
    });
    let res: BatchResponseEntry;
    const failedDep = e.dependsOn.find((d) => {
      const s = statusById.get(d.toLowerCase());
      return s === undefined || s < 200 || s >= 300;
    });
    if (failedDep !== undefined) {
      res = fail(new GraphError(424, "FailedDependency", `The request depends on request '${failedDep}', which failed.`));
    } else {
      const throttled = faults.throttle();
      if (throttled) {
        res = fail(new GraphError(throttled.status, throttled.code, throttled.message, throttled.headers));
      } else {
        try {
          const r = handle({
            method: e.method,
            target: entryTarget(e.url),
            headers: e.headers,
            body: decodeEntryBody(e),
            baseUrl: outer.baseUrl,
            requestId,
            clientRequestId,
            user: outer.user,
          });
          res = { id: e.id, status: r.status, headers: withContentType(r), ...(r.body !== undefined ? { body: r.body } : {}) };
        } catch (err) {
          if (!(err instanceof GraphError)) throw err;
          res = fail(err);
        }
      }
    }
    statusById.set(e.id.toLowerCase(), res.status);
    responses.push(res);
  }

  if (opts.shuffle) {
    const rand = opts.random ?? Math.random;
    for (let i = responses.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [responses[i], responses[j]] = [responses[j], responses[i]];
    }
  }
  return { status: 200, headers: {}, body: { responses } };
}
