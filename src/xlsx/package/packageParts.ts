/** Edits of the package's bookkeeping parts: relationships and content types. */
import { applySplices, children, escapeXml, parseXml } from "./xmlTree";

const RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

/** A relationships part with one more relationship, and the id it got. */
export function addRelationship(relsText: string | null, type: string, target: string): { text: string; id: string } {
  const text =
    relsText ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELATIONSHIPS_NS}"></Relationships>`;
  const root = parseXml(text);
  const ids = new Set(children(root, "Relationship").map((r) => r.attributes.get("Id")));
  let n = ids.size + 1;
  while (ids.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const p = root.prefix ? `${root.prefix}:` : "";
  const element = `<${p}Relationship Id="${id}" Type="${escapeXml(type)}" Target="${escapeXml(target)}"/>`;
  return { text: insertInto(text, root, element), id };
}

export function removeRelationship(relsText: string, id: string): string {
  const root = parseXml(relsText);
  const splices = children(root, "Relationship")
    .filter((r) => r.attributes.get("Id") === id)
    .map((r) => ({ start: r.start, end: r.end, text: "" }));
  return applySplices(relsText, splices);
}

/** `[Content_Types].xml` with an override for a new part. */
export function addContentTypeOverride(typesText: string, part: string, contentType: string): string {
  const root = parseXml(typesText);
  const p = root.prefix ? `${root.prefix}:` : "";
  return insertInto(typesText, root, `<${p}Override PartName="/${escapeXml(part)}" ContentType="${escapeXml(contentType)}"/>`);
}

export function removeContentTypeOverride(typesText: string, part: string): string {
  const root = parseXml(typesText);
  const splices = children(root, "Override")
    .filter((o) => o.attributes.get("PartName")?.replace(/^\//, "").toLowerCase() === part.toLowerCase())
    .map((o) => ({ start: o.start, end: o.end, text: "" }));
  return applySplices(typesText, splices);
}

function insertInto(text: string, root: ReturnType<typeof parseXml>, element: string): string {
  if (root.selfClosing) {
    const open = text.slice(root.start, root.openEnd).replace(/\s*\/>$/, ">");
    return applySplices(text, [{ start: root.start, end: root.end, text: `${open}${element}</${root.name}>` }]);
  }
  return applySplices(text, [{ start: root.innerEnd, end: root.innerEnd, text: element }]);
}
