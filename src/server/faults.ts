/**
 * Fault injection, off by default, driven by a seeded generator so a test that
 * sends the same requests in the same order sees the same faults.
 *
 * - throttling: a share `faultRate` of requests (and of each $batch entry) is answered
 *   429 (activityLimitReached) or 503 (serviceNotAvailable) with `Retry-After` in whole
 *   seconds, as Graph sends it (default 1–3); sometimes also `RateLimit-Limit`,
 *   `RateLimit-Remaining` and a `RateLimit-Reset` that may be the larger wait.
 *   `fractionalRetryAfter` sends fractions instead (e.g. "0.05"): fast tests, and a check that
 *   clients parse them.
 * - drops: a share `dropRate` of HTTP requests get their socket destroyed with no
 *   response. For writes, half of those drops happen AFTER the write was applied —
 *   a timeout where the create/update really happened.
 * - latency: every HTTP request waits `latencyMs` before it is handled.
 */

export interface FaultOptions {
  /** Share 0..1 of requests (and batch entries) answered 429/503. */
  faultRate?: number;
  /** Share 0..1 of HTTP requests whose connection is dropped without a response. */
  dropRate?: number;
  /** Delay in ms added to every HTTP request. */
  latencyMs?: number;
  /** Seed of the random generator (default 1). */
  seed?: number;
  /** Range of Retry-After values in seconds (default [1, 3], or [0.01, 0.1] when fractional). */
  retryAfterSeconds?: [number, number];
  /** Send fractional Retry-After / RateLimit-Reset values (default whole seconds, as Graph). */
  fractionalRetryAfter?: boolean;
}

export interface ThrottleFault {
  status: 429 | 503;
  code: string;
  message: string;
  headers: Record<string, string>;
}

export type DropDecision = "none" | "before" | "after";

/** mulberry32: a small, fast, seedable PRNG returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function checkRate(name: string, v: number | undefined): number {
  const r = v ?? 0;
  if (!Number.isFinite(r) || r < 0 || r > 1) throw new RangeError(`${name} must be between 0 and 1 (got ${v})`);
  return r;
}

/** Seconds as a short decimal string: 0.05 → "0.05", 1.5 → "1.5". */
function secondsText(s: number): string {
  return String(Math.round(s * 1000) / 1000);
}

export class FaultInjector {
  readonly faultRate: number;
  readonly dropRate: number;
  readonly latencyMs: number;
  private readonly rand: () => number;
  private readonly retryRange: [number, number];
  private readonly fractional: boolean;

  constructor(opts: FaultOptions = {}) {
    this.faultRate = checkRate("faultRate", opts.faultRate);
    this.dropRate = checkRate("dropRate", opts.dropRate);
    this.latencyMs = Math.max(0, opts.latencyMs ?? 0);
    this.rand = seededRandom(opts.seed ?? 1);
    this.fractional = opts.fractionalRetryAfter ?? false;
    const [lo, hi] = opts.retryAfterSeconds ?? (this.fractional ? [0.01, 0.1] : [1, 3]);
    if (!(lo > 0) || !(hi >= lo)) throw new RangeError("retryAfterSeconds must be [min, max] with 0 < min <= max");
    this.retryRange = this.fractional ? [lo, hi] : [Math.ceil(lo), Math.max(Math.ceil(lo), Math.floor(hi))];
  }

  /** Should this HTTP request be dropped, and if so before or after it is applied? */
  decideDrop(isWrite: boolean): DropDecision {
    if (this.dropRate === 0) return "none";
    if (this.rand() >= this.dropRate) return "none";
    if (!isWrite) return "before";
    return this.rand() < 0.5 ? "before" : "after";
  }

  /** A throttling answer for this request or batch entry, or null to let it through. */
  throttle(): ThrottleFault | null {
    if (this.faultRate === 0) return null;
    if (this.rand() >= this.faultRate) return null;
    const [lo, hi] = this.retryRange;
    // Steps of 10 ms inside the range when fractional ("0.05"), else whole seconds ("2").
    const step = this.fractional ? 100 : 1;
    const retryAfter = Math.max(lo, Math.round((lo + this.rand() * (hi - lo)) * step) / step);
    const headers: Record<string, string> = { "Retry-After": secondsText(retryAfter) };
    if (this.rand() < 0.3) {
      // Sometimes the RateLimit-Reset wait is the longer one: a client must honour the larger.
      const reset = this.rand() < 0.5 ? retryAfter * 2 : retryAfter / 2;
      headers["RateLimit-Limit"] = "1250";
      headers["RateLimit-Remaining"] = "0";
      headers["RateLimit-Reset"] = secondsText(this.fractional ? Math.max(0.01, reset) : Math.max(1, Math.round(reset)));
    }
    if (this.rand() < 0.7) {
      return {
        status: 429,
        code: "activityLimitReached",
        message: "The request has been throttled. Retry after the time given in the Retry-After header.",
        headers,
      };
    }
    return {
      status: 503,
      code: "serviceNotAvailable",
      message: "The service is temporarily unavailable. Retry after the time given in the Retry-After header.",
      headers,
    };
  }
}
