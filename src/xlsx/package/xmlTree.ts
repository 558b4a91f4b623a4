/**
 * A light view of an XML part: every element with its position in the original text, so a writer
 * can splice in changes and leave every other byte as it was. Text nodes are not kept; comments,
 * processing instructions and CDATA are skipped.
 */

export interface XmlElement {
  /** Qualified name as written ("c", "x:c"). */
  name: string;
  prefix: string;
  local: string;
  attributes: Map<string, string>;
  /** Offsets in the text: the "<" of the start tag, the character after its ">", the "<" of the end tag, the character after the end. */
  start: number;
  openEnd: number;
  innerEnd: number;
  end: number;
  selfClosing: boolean;
  children: XmlElement[];
}

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export class XmlParseError extends Error {}

/** The root element of a part, its descendants linked. */
export function parseXml(text: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  for (const match of text.matchAll(TOKEN)) {
    const [token, closing, name, attributeText, selfClosing] = match;
    if (!name) continue;
    const at = match.index!;
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new XmlParseError(`unexpected </${name}> at ${at}`);
      open.innerEnd = at;
      open.end = at + token.length;
      continue;
    }
    const colon = name.indexOf(":");
    const element: XmlElement = {
      name,
      prefix: colon < 0 ? "" : name.slice(0, colon),
      local: colon < 0 ? name : name.slice(colon + 1),
      attributes: parseAttributes(attributeText),
      start: at,
      openEnd: at + token.length,
      innerEnd: at + token.length,
      end: at + token.length,
      selfClosing: Boolean(selfClosing),
      children: [],
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else if (!root) root = element;
    else throw new XmlParseError("more than one root element");
    if (!element.selfClosing) stack.push(element);
  }
  if (!root || stack.length > 0) throw new XmlParseError("unclosed element");
  return root;
}

function parseAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [, name, double, single] of text.matchAll(ATTRIBUTE)) attributes.set(name, unescapeXml(double ?? single));
  return attributes;
}

export function child(element: XmlElement, local: string): XmlElement | undefined {
  return element.children.find((c) => c.local === local);
}

export function children(element: XmlElement, local: string): XmlElement[] {
  return element.children.filter((c) => c.local === local);
}

/** The text content of an element (its descendants' text, tags removed), unescaped. */
export function textOf(text: string, element: XmlElement): string {
  return unescapeXml(text.slice(element.openEnd, element.innerEnd).replace(/<[^>]*>/g, ""));
}

export function escapeXml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function unescapeXml(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) =>
    entity.startsWith("#x")
      ? String.fromCodePoint(parseInt(entity.slice(2), 16))
      : entity.startsWith("#")
        ? String.fromCodePoint(Number(entity.slice(1)))
        : ENTITIES[entity],
  );
}

/** A start tag with one attribute set (added at the end when missing), everything else as written. */
export function withAttribute(tag: string, name: string, value: string): string {
  const pattern = new RegExp(`(\\s${name.replace(".", "\\.")}\\s*=\\s*)("[^"]*"|'[^']*')`);
  const quoted = `"${escapeXml(value)}"`;
  if (pattern.test(tag)) return tag.replace(pattern, `$1${quoted}`);
  return tag.replace(/\s*(\/?)>$/, ` ${name}=${quoted}$1>`);
}

export function withoutAttribute(tag: string, name: string): string {
  return tag.replace(new RegExp(`\\s${name.replace(".", "\\.")}\\s*=\\s*("[^"]*"|'[^']*')`), "");
}

/** One replacement of the original text between two offsets. */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** The text with the splices applied; splices must not overlap (insertions at one point keep their order). */
export function applySplices(text: string, splices: Splice[]): string {
  const ordered = splices.map((s, i) => ({ ...s, i })).sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  let out = "";
  let at = 0;
  for (const s of ordered) {
    if (s.start < at) throw new Error("overlapping XML edits");
    out += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + text.slice(at);
}
