/**
 * SharePoint-style list item ETags: `"{GUID},N"` — a per-item GUID and a version
 * number bumped on every write. The quotes are part of the value (Graph returns
 * `"eTag": "\"{…},3\""`), and clients send the value back as-is in If-Match.
 */
import { GraphError } from "./graphErrors";

export function formatEtag(guid: string, version: number): string {
  return `"{${guid.toUpperCase()}},${version}"`;
}

const QUOTED_ETAG = /^"\{([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\},(\d{1,15})"$/;

export const malformedEtag = (): GraphError =>
  new GraphError(400, "malformedEntityTag", 'The ETag header is malformed. ETags must be quoted strings, e.g. "{GUID},1", or *.');

/**
 * Does an If-Match header value match the current ETag? `*` matches any existing item. Only the
 * forms Graph accepts are read: `*` or the quoted `"{GUID},N"`; unquoted, weak (`W/"…"`) or
 * brace-less tags are a 400 `malformedEntityTag`. An ETag contains a comma, so the header is
 * not split into a list.
 */
export function ifMatchSatisfied(ifMatch: string, guid: string, version: number): boolean {
  const v = ifMatch.trim();
  if (v === "*") return true;
  const m = QUOTED_ETAG.exec(v);
  if (!m) throw malformedEtag();
  return m[1].toLowerCase() === guid.toLowerCase() && Number(m[2]) === version;
}

/** Throw the 400 for an If-Match value Graph would refuse, before anything else is looked at. */
export function checkIfMatchSyntax(ifMatch: string | undefined): void {
  if (ifMatch === undefined) return;
  const v = ifMatch.trim();
  if (v !== "*" && !QUOTED_ETAG.test(v)) throw malformedEtag();
}
