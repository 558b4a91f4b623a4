/**
 * A small Microsoft Graph client for list sync: plain `fetch` (injected), no Node or Office
 * imports, so the CLI, the tests and the task pane use the same code.
 *
 * - GET with paging: `@odata.nextLink` / `@odata.deltaLink` are followed exactly as received.
 * - `$batch` of at most 20 requests with relative URLs and `Content-Type` on entries with a body.
 *   A 429/503 inside a batch is retried per entry after `Retry-After` (or `RateLimit-Reset` when
 *   that is longer; fractional seconds allowed), else after a bounded exponential backoff; every
 *   entry has a cap on attempts.
 * - Whole requests are retried on 429/503 (never processed), and on dropped connections and other
 *   5xx only when the request is idempotent (GET, or a write carrying `If-Match`): a create whose
 *   answer was lost is not re-sent blindly; its caller resolves it (look the key up first).
 * - `requests` counts the HTTP requests actually sent, for reports.
 */
import { bilingual, texts, type MessageRef } from "../messages";

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

export interface TokenProvider {
  (options?: { forceRefresh?: boolean }): Promise<string>;
}

export interface GraphClientOptions {
  /** Graph root, e.g. "https://graph.microsoft.com/v1.0" or "http://127.0.0.1:4100/v1.0". */
  baseUrl: string;
  getToken: TokenProvider;
  fetch?: FetchLike;
  /** Waits between retries; tests inject a fake. */
  sleep?: (ms: number) => Promise<void>;
  /** Attempts per request or batch entry, the first included (default 6). */
  maxAttempts?: number;
  /** First backoff step when the server names no wait (default 250 ms), doubled per attempt. */
  baseDelayMs?: number;
  /** Largest backoff step (default 8 s). */
  maxDelayMs?: number;
  /** Largest wait honoured from Retry-After / RateLimit-Reset (default 120 s). */
  maxRetryAfterMs?: number;
  /** Jitter source (default Math.random). */
  random?: () => number;
}

/** A Graph failure: HTTP status (0 for a network failure), Graph error code and message. */
export class GraphError extends Error {
  readonly status: number;
  readonly code: string;
  /** The request was a write and may have been applied (connection dropped, 5xx). */
  readonly uncertain: boolean;
  readonly retryAfterMs: number | null;

  constructor(status: number, code: string, message: string, options: { uncertain?: boolean; retryAfterMs?: number | null } = {}) {
    super(message);
    this.name = "GraphError";
    this.status = status;
    this.code = code;
    this.uncertain = options.uncertain ?? false;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

export interface GraphResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  body: T;
}

export interface BatchRequest {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Relative to the Graph root: "/sites/root/lists/L/items". */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface BatchResult {
  /** Entry status; 0 when no answer came (connection dropped for a write: it may have been applied). */
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** Set for any non-2xx result. */
  error?: GraphError;
}

export interface GraphStats {
  /** HTTP requests actually sent (a $batch counts once). */
  requests: number;
  batches: number;
  /** Write operations sent (POST/PATCH/PUT/DELETE, inside batches included), retries included. */
  writes: number;
}

export const MAX_BATCH = 20;

interface RawEntry {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export class GraphClient {
  readonly baseUrl: string;
  readonly stats: GraphStats = { requests: 0, batches: 0, writes: 0 };
  private readonly getToken: TokenProvider;
  private readonly fetchImpl: FetchLike;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly random: () => number;

  constructor(options: GraphClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.getToken = options.getToken;
    const globalFetch = (globalThis as { fetch?: FetchLike }).fetch;
    const f = options.fetch ?? globalFetch;
    if (!f) throw new Error("No fetch implementation available");
    // Called detached: a browser's fetch stored on an object and called as a method throws "Illegal invocation".
    this.fetchImpl = (input, init) => f(input, init);
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 6);
    this.baseDelayMs = options.baseDelayMs ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 8000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
    this.random = options.random ?? Math.random;
  }

  /** HTTP requests sent so far. */
  get requests(): number {
    return this.stats.requests;
  }

  /** Absolute URL for a Graph path; absolute URLs (nextLink, deltaLink) are kept unchanged. */
  url(pathOrUrl: string): string {
    if (/^https?:\/\//i.test(pathOrUrl)) return pathOrUrl;
    return this.baseUrl + (pathOrUrl.startsWith("/") ? pathOrUrl : `/${pathOrUrl}`);
  }

  /** Bounded exponential backoff with jitter for attempt n (1-based). */
  backoffMs(attempt: number): number {
    const step = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(step * (0.5 + this.random() / 2));
  }

  private async send(method: string, url: string, headers: Record<string, string>, body: string | undefined, forceRefresh = false) {
    const token = await this.getToken(forceRefresh ? { forceRefresh: true } : undefined);
    const all: Record<string, string> = { Accept: "application/json", ...headers, Authorization: `Bearer ${token}` };
    if (body !== undefined) all["Content-Type"] = "application/json";
    this.stats.requests++;
    if (method !== "GET") {
      if (url.endsWith("/$batch")) this.stats.batches++;
      else this.stats.writes++;
    }
    const res = await this.fetchImpl(url, { method, headers: all, body });
    const text = await res.text();
    const responseHeaders: Record<string, string> = {};
    for (const name of ["retry-after", "ratelimit-reset", "etag", "location", "content-type"]) {
      const v = res.headers.get(name);
      if (v !== null) responseHeaders[name] = v;
    }
    let parsed: unknown = undefined;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: res.status, headers: responseHeaders, body: parsed };
  }

  /**
   * One request with retries. Throws GraphError for a final non-2xx answer, or status 0 when no
   * answer came. `idempotent` (default: GET, or a write with If-Match) allows re-sending after a
   * dropped connection or a 5xx other than 503.
   */
  async request<T = unknown>(
    method: string,
    pathOrUrl: string,
    options: { body?: unknown; headers?: Record<string, string>; idempotent?: boolean } = {},
  ): Promise<GraphResponse<T>> {
    const headers = options.headers ?? {};
    const idempotent = options.idempotent ?? (method === "GET" || hasHeader(headers, "if-match"));
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const url = this.url(pathOrUrl);
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      let res: { status: number; headers: Record<string, string>; body: unknown };
      try {
        res = await this.send(method, url, headers, body, refreshed);
      } catch (e) {
        const err = new GraphError(0, "networkError", errorText(e), { uncertain: !idempotent && method !== "GET" && !isUnreachable(e) });
        // A dropped connection is worth another try; a refused one or an unknown host is not.
        if (!idempotent || isUnreachable(e) || attempt >= this.maxAttempts) throw err;
        await this.sleep(this.backoffMs(attempt));
        continue;
      }
      if (res.status >= 200 && res.status < 300) return res as GraphResponse<T>;
      if (res.status === 401 && !refreshed) {
        // One retry with a fresh token (an expired cached token is the usual cause).
        refreshed = true;
        attempt--;
        continue;
      }
      const wait = retryAfterMs(res.headers);
      const throttled = res.status === 429 || res.status === 503;
      const retryable = throttled || (res.status >= 500 && idempotent);
      if (retryable && attempt < this.maxAttempts) {
        await this.sleep(Math.min(wait ?? this.backoffMs(attempt), this.maxRetryAfterMs));
        continue;
      }
      throw errorFromResponse(res.status, res.body, wait, !throttled && res.status >= 500 && method !== "GET");
    }
  }

  async get<T = unknown>(pathOrUrl: string, headers?: Record<string, string>): Promise<T> {
    return (await this.request<T>("GET", pathOrUrl, { headers })).body;
  }

  /**
   * Every page of a collection: follows `@odata.nextLink` unchanged until it stops. Returns the
   * items and the `@odata.deltaLink` of the last page, if any.
   */
  async getAllPages<T = unknown>(
    pathOrUrl: string,
    headers?: Record<string, string>,
  ): Promise<{ items: T[]; deltaLink: string | null; pages: number }> {
    const items: T[] = [];
    let next: string | undefined = pathOrUrl;
    let deltaLink: string | null = null;
    let pages = 0;
    while (next !== undefined) {
      const page: Record<string, unknown> = (await this.get<Record<string, unknown>>(next, headers)) ?? {};
      pages++;
      const value = page.value;
      if (Array.isArray(value)) items.push(...(value as T[]));
      const nextLink: unknown = page["@odata.nextLink"];
      const delta = page["@odata.deltaLink"];
      if (typeof delta === "string") deltaLink = delta;
      next = typeof nextLink === "string" ? nextLink : undefined;
    }
    return { items, deltaLink, pages };
  }

  /**
   * Send requests through `$batch`, at most 20 per HTTP request, and return one result per
   * request in the order given. Throttled entries are retried; other failures are returned as
   * results with `error` set. Throws GraphError only when the batch request itself is refused
   * (400, 401, 403, 404…), which applies to every entry alike.
   */
  async batch(requests: BatchRequest[]): Promise<BatchResult[]> {
    const results: BatchResult[] = new Array(requests.length);
    for (let start = 0; start < requests.length; start += MAX_BATCH) {
      const chunk = requests.slice(start, start + MAX_BATCH);
      const chunkResults = await this.batchChunk(chunk);
      chunkResults.forEach((r, i) => (results[start + i] = r));
    }
    return results;
  }

  private async batchChunk(requests: BatchRequest[]): Promise<BatchResult[]> {
    const results: (BatchResult | undefined)[] = new Array(requests.length);
    /** Answers per entry (throttled or failed) so far. */
    const attempts = new Array<number>(requests.length).fill(0);
    /** Whole-request failures (no per-entry answer): dropped connection, 429/503 or 5xx for the batch. */
    let wholeFailures = 0;
    let refreshed = false;
    let pending = requests.map((_, i) => i);
    while (pending.length > 0) {
      const payload = {
        requests: pending.map((i) => {
          const r = requests[i];
          const headers: Record<string, string> = { ...(r.headers ?? {}) };
          if (r.body !== undefined && !hasHeader(headers, "content-type")) headers["Content-Type"] = "application/json";
          if (r.method !== "GET") this.stats.writes++;
          return {
            id: String(i + 1),
            method: r.method,
            url: r.url,
            ...(Object.keys(headers).length ? { headers } : {}),
            ...(r.body !== undefined ? { body: r.body } : {}),
          };
        }),
      };
      let res: { status: number; headers: Record<string, string>; body: unknown } | null = null;
      let failure: GraphError | null = null;
      try {
        res = await this.send("POST", this.url("/$batch"), {}, JSON.stringify(payload), refreshed);
      } catch (e) {
        failure = new GraphError(0, "networkError", errorText(e));
        if (isUnreachable(e)) {
          // Refused before anything was sent: nothing ran, nothing is uncertain.
          for (const i of pending) results[i] = failedResult(failure);
          break;
        }
      }
      if (res && res.status === 401 && !refreshed) {
        refreshed = true;
        continue;
      }
      if (res && res.status !== 200) {
        const wait = retryAfterMs(res.headers);
        if (res.status === 429 || res.status === 503) {
          // The batch as a whole was throttled: nothing in it ran, so it is safe to re-send.
          wholeFailures++;
          if (wholeFailures < this.maxAttempts) {
            await this.sleep(Math.min(wait ?? this.backoffMs(wholeFailures), this.maxRetryAfterMs));
            continue;
          }
          const error = errorFromResponse(res.status, res.body, wait, false);
          for (const i of pending) results[i] = failedResult(error);
          break;
        }
        if (res.status < 500) throw errorFromResponse(res.status, res.body, wait, false);
        failure = errorFromResponse(res.status, res.body, wait, false);
      }
      if (failure) {
        // No per-entry answer. Re-send when every entry is safe to repeat; otherwise report each
        // write as uncertain (it may have been applied) and let the caller resolve it.
        wholeFailures++;
        if (pending.every((i) => isIdempotent(requests[i])) && wholeFailures < this.maxAttempts) {
          await this.sleep(this.backoffMs(wholeFailures));
          continue;
        }
        for (const i of pending) {
          const uncertain = requests[i].method !== "GET";
          results[i] = failedResult(new GraphError(failure.status, failure.code, failure.message, { uncertain }));
        }
        break;
      }
      const body = (res?.body ?? {}) as { responses?: RawEntry[] };
      const byId = new Map<string, RawEntry>();
      for (const entry of body.responses ?? []) byId.set(String(entry.id), entry);
      const retry: number[] = [];
      let wait = 0;
      for (const i of pending) {
        attempts[i]++;
        const entry = byId.get(String(i + 1));
        if (!entry) {
          // No answer for this entry: like a dropped connection for it alone.
          if (isIdempotent(requests[i]) && attempts[i] < this.maxAttempts) {
            retry.push(i);
            wait = Math.max(wait, this.backoffMs(attempts[i]));
          } else {
            const uncertain = requests[i].method !== "GET";
            results[i] = failedResult(new GraphError(0, "missingResponse", "No answer for this batch entry", { uncertain }));
          }
          continue;
        }
        const headers = lowerKeys(entry.headers ?? {});
        const status = Number(entry.status);
        if (status >= 200 && status < 300) {
          results[i] = { status, headers, body: entry.body };
          continue;
        }
        const throttled = status === 429 || status === 503;
        const serverError = status >= 500 && !throttled;
        const entryWait = retryAfterMs(headers);
        if ((throttled || (serverError && isIdempotent(requests[i]))) && attempts[i] < this.maxAttempts) {
          retry.push(i);
          wait = Math.max(wait, Math.min(entryWait ?? this.backoffMs(attempts[i]), this.maxRetryAfterMs));
          continue;
        }
        results[i] = {
          status,
          headers,
          body: entry.body,
          error: errorFromResponse(status, entry.body, entryWait, serverError && requests[i].method !== "GET"),
        };
      }
      pending = retry;
      if (pending.length > 0) await this.sleep(wait);
    }
    return results.map((r) => r ?? failedResult(new GraphError(0, "notSent", "The request was not sent")));
  }
}

function failedResult(error: GraphError): BatchResult {
  return { status: error.status, headers: {}, body: undefined, error };
}

function isIdempotent(r: BatchRequest): boolean {
  if (r.method === "GET" || r.method === "PUT") return true;
  if (r.method === "POST") return false;
  return hasHeader(r.headers ?? {}, "if-match");
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = String(v);
  return out;
}

/** Nothing listens there (connection refused, unknown host): Node's fetch names it in `cause.code`. */
function isUnreachable(e: unknown): boolean {
  const code = (e as { cause?: { code?: unknown } } | null)?.cause?.code;
  return code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN";
}

function errorText(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as { cause?: unknown }).cause;
    return cause instanceof Error ? `${e.message} (${cause.message})` : e.message;
  }
  return String(e);
}

/** Seconds (possibly fractional) or an HTTP date → milliseconds from now; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: () => number = Date.now): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text === "") return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (!Number.isNaN(date)) return Math.max(0, date - now());
  return null;
}

/** The wait a response asks for: the larger of Retry-After and RateLimit-Reset (header names in lower case). */
export function retryAfterMs(headers: Record<string, string>): number | null {
  const lower = lowerKeys(headers);
  const a = parseRetryAfter(lower["retry-after"]);
  const b = parseRetryAfter(lower["ratelimit-reset"]);
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

function errorFromResponse(status: number, body: unknown, wait: number | null, uncertain: boolean): GraphError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof error?.code === "string" ? error.code : `http${status}`;
  const message = typeof error?.message === "string" ? error.message : typeof body === "string" ? body.slice(0, 200) : `HTTP ${status}`;
  return new GraphError(status, code, message, { uncertain, retryAfterMs: wait });
}

/** Which message explains a failure to a person: by HTTP status for a Graph failure. */
export function graphErrorRef(error: unknown): MessageRef<GraphFailureCode> {
  if (!(error instanceof GraphError)) {
    return { code: "graph.unexpected", params: { text: error instanceof Error ? error.message : String(error) } };
  }
  const code = GRAPH_FAILURE_BY_STATUS[error.status];
  return code ? { code, params: {} } : { code: "graph.failed", params: { status: error.status, code: error.code, message: error.message } };
}

/** The failures a status alone explains. */
type StatusFailureCode =
  "graph.unreachable" | "graph.unauthorized" | "graph.forbidden" | "graph.notFound" | "graph.changed" | "graph.throttled";
type GraphFailureCode = StatusFailureCode | "graph.unexpected" | "graph.failed";

const GRAPH_FAILURE_BY_STATUS: Partial<Record<number, StatusFailureCode>> = {
  0: "graph.unreachable",
  401: "graph.unauthorized",
  403: "graph.forbidden",
  404: "graph.notFound",
  409: "graph.changed",
  412: "graph.changed",
  429: "graph.throttled",
  503: "graph.throttled",
};

/** A person-facing explanation of a Graph failure, in Vietnamese and English. */
export function graphErrorMessage(error: unknown): { vi: string; en: string } {
  const { code, params } = graphErrorRef(error);
  return texts<GraphFailureCode>(code, params);
}

/** One line: "Vietnamese / English". */
export function graphErrorText(error: unknown): string {
  const { code, params } = graphErrorRef(error);
  return bilingual<GraphFailureCode>(code, params);
}
