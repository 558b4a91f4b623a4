/**
 * Request and response sizes. Excel on the web rejects a request or a response over 5 MB
 * (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded), and the limit is per
 * `context.sync()`: everything queued before one sync travels as one request and comes back as
 * one response, so splitting a read into several ranges only helps when the pieces are synced
 * separately. The adapter therefore plans each sync to stay under a budget below the limit.
 */

/** Excel on the web's limit for one request and for one response. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/** What the adapter allows itself per sync: a fifth under the limit, for what it cannot measure. */
export const SYNC_BUDGET_BYTES = 4_000_000;

/** Bytes of a value as JSON in UTF-8 (Vietnamese letters take 2–3 bytes). */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? "");
}

export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair is one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Splits items into consecutive groups whose summed size stays within the budget. */
export function packBySize<T>(items: T[], size: (item: T) => number, budget: number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const item of items) {
    const s = size(item);
    if (current.length > 0 && used + s > budget) {
      groups.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += s;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** A write queued into a batch, with the bytes it adds to the request (to pack writes under the 5 MB limit). */
export interface QueuedWrite {
  bytes: number;
  queue(context: Excel.RequestContext): void;
}

/** Per-range overhead of a write in the request. */
export const RANGE_OVERHEAD = 300;
