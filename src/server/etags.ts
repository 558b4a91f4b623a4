/**
 * SharePoint-style list item ETags: `"{GUID},N"` — a per-item GUID and a version
 * number bumped on every write. The quotes are part of the value (Graph returns
 * `"eTag": "\"{…},3\""`), and clients send the value back as-is in If-Match.
 */

export function formatEtag(guid: string, version: number): string {
  return `"{${guid.toUpperCase()}},${version}"`;
}

/** Reduce an ETag to "guid,n" (lower-case), accepting quoted/unquoted, braced/unbraced and W/ forms. */
function canonical(tag: string): string {
  let t = tag.trim();
  if (t.startsWith("W/")) t = t.slice(2);
  if (t.startsWith('"') && t.endsWith('"') && t.length >= 2) t = t.slice(1, -1);
  t = t.replace(/\\"/g, "");
  const m = /^\{?([0-9a-fA-F-]{36})\}?,(\d+)$/.exec(t);
  return m ? `${m[1].toLowerCase()},${Number(m[2])}` : t;
}

/**
 * Does an If-Match header value match the current ETag? `*` matches any existing
 * item. An ETag itself contains a comma, so a header is not split into a list.
 */
export function ifMatchSatisfied(ifMatch: string, guid: string, version: number): boolean {
  const v = ifMatch.trim();
  if (v === "*") return true;
  return canonical(v) === `${guid.toLowerCase()},${version}`;
}
