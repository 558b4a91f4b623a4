/**
 * Opaque continuation tokens.
 *
 * - `$skiptoken` for item pages: base64 of "Paged=TRUE&p_ID=<last id>", the shape
 *   SharePoint uses. Paging walks item ids upwards, so items created while a client
 *   pages are never skipped and never repeated.
 * - delta `token`: base64url JSON carrying the list id, the database epoch (a random id
 *   written when the database is created, so a token from another data folder is
 *   unknown) and a position in the change log (or the item id reached while the
 *   initial enumeration is still paging).
 *
 * Decoders return null for anything they do not recognise; callers answer with the
 * Graph error the situation calls for.
 */

export function encodeSkipToken(lastId: number): string {
  return Buffer.from(`Paged=TRUE&p_ID=${lastId}`, "utf8").toString("base64");
}

export function decodeSkipToken(token: string): number | null {
  let text: string;
  try {
    text = Buffer.from(token, "base64").toString("utf8");
  } catch {
    return null;
  }
  const m = /^Paged=TRUE&p_ID=(\d{1,15})$/.exec(text);
  return m ? Number(m[1]) : null;
}

export interface DeltaToken {
  /** list id */
  l: string;
  /** database epoch */
  e: string;
  /** change number: changes with a greater number are still to be delivered */
  c: number;
  /** while the initial enumeration pages: the last item id returned */
  a?: number;
}

export function encodeDeltaToken(t: DeltaToken): string {
  return Buffer.from(JSON.stringify({ v: 1, ...t }), "utf8").toString("base64url");
}

export function decodeDeltaToken(token: string): DeltaToken | null {
  if (token.length > 2048) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const o = parsed as Record<string, unknown>;
  if (o.v !== 1 || typeof o.l !== "string" || typeof o.e !== "string") return null;
  if (typeof o.c !== "number" || !Number.isSafeInteger(o.c) || o.c < 0) return null;
  if (o.a !== undefined && (typeof o.a !== "number" || !Number.isSafeInteger(o.a) || o.a < 0)) return null;
  return { l: o.l, e: o.e, c: o.c, ...(o.a !== undefined ? { a: o.a as number } : {}) };
}
