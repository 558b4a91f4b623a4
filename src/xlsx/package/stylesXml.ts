/**
 * The styles part edited in place: number formats, fonts, fills, cell formats (`cellXfs`) and
 * differential formats (`dxfs`, for conditional formats) are appended, never renumbered, so every
 * index already used in the workbook keeps its meaning. An entry identical to one already there
 * is reused, which also keeps a second --fix from piling up copies.
 */
import { applySplices, child, escapeXml, parseXml, withAttribute, type Splice, type XmlElement } from "./xmlTree";

/** Excel's built-in number formats that a fill may ask for (ECMA-376 §18.8.30). */
const BUILT_IN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "@": 49,
};

const FIRST_CUSTOM_FORMAT = 164;

/** Children of `<styleSheet>` in schema order (CT_Stylesheet). */
const STYLESHEET_ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
];

interface Collection {
  local: string;
  element: XmlElement | null;
  /** The XML of each entry, in order: the stored ones, then the added ones. */
  entries: string[];
  added: string[];
}

export interface CellStyleChange {
  numberFormat?: string;
  bold?: boolean;
  fontColor?: string;
  fill?: string;
}

export class StylesXml {
  private readonly root: XmlElement;
  private readonly collections = new Map<string, Collection>();
  private readonly customFormats = new Map<string, number>();
  private nextFormatId = FIRST_CUSTOM_FORMAT;

  constructor(private readonly text: string) {
    this.root = parseXml(text);
    if (this.root.local !== "styleSheet") throw new Error("not a styles part");
    for (const local of ["numFmts", "fonts", "fills", "cellXfs", "dxfs"]) {
      const element = child(this.root, local) ?? null;
      const entries = element ? element.children.map((e) => text.slice(e.start, e.end)) : [];
      this.collections.set(local, { local, element, entries, added: [] });
    }
    for (const numFmt of child(this.root, "numFmts")?.children ?? []) {
      const id = Number(numFmt.attributes.get("numFmtId"));
      const code = numFmt.attributes.get("formatCode");
      if (code !== undefined && !this.customFormats.has(code)) this.customFormats.set(code, id);
      this.nextFormatId = Math.max(this.nextFormatId, id + 1);
    }
  }

  private get prefix(): string {
    return this.root.prefix ? `${this.root.prefix}:` : "";
  }

  get isChanged(): boolean {
    return [...this.collections.values()].some((c) => c.added.length > 0);
  }

  /** The index of a cell format like `base` with the given changes. */
  cellStyle(base: number, change: CellStyleChange): number {
    const xfs = this.collections.get("cellXfs")!;
    const baseXml = xfs.entries[base] ?? xfs.entries[0] ?? `<${this.prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const baseXf = parseXml(baseXml);
    let tag = baseXml.slice(0, baseXf.openEnd);
    if (change.numberFormat !== undefined) {
      const id = this.numberFormatId(change.numberFormat);
      if (Number(baseXf.attributes.get("numFmtId") ?? 0) !== id) {
        tag = withAttribute(withAttribute(tag, "numFmtId", String(id)), "applyNumberFormat", "1");
      }
    }
    if (change.bold || change.fontColor) {
      const fontId = this.fontLike(Number(baseXf.attributes.get("fontId") ?? 0), change);
      tag = withAttribute(withAttribute(tag, "fontId", String(fontId)), "applyFont", "1");
    }
    if (change.fill) {
      const p = this.prefix;
      const fill = `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb(change.fill)}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`;
      tag = withAttribute(withAttribute(tag, "fillId", String(this.entryIndex("fills", fill))), "applyFill", "1");
    }
    if (tag === baseXml.slice(0, baseXf.openEnd)) return base;
    return this.entryIndex("cellXfs", tag + baseXml.slice(baseXf.openEnd));
  }

  /** The index of a differential format: a solid fill (conditional formats take it as bgColor) and a font colour. */
  differentialStyle(fill: string, fontColor: string): number {
    const p = this.prefix;
    return this.entryIndex(
      "dxfs",
      `<${p}dxf><${p}font><${p}color rgb="${argb(fontColor)}"/></${p}font><${p}fill><${p}patternFill patternType="solid"><${p}bgColor rgb="${argb(fill)}"/></${p}patternFill></${p}fill></${p}dxf>`,
    );
  }

  numberFormatId(code: string): number {
    const builtIn = BUILT_IN_FORMATS[code];
    if (builtIn !== undefined) return builtIn;
    const known = this.customFormats.get(code);
    if (known !== undefined) return known;
    const id = this.nextFormatId++;
    this.customFormats.set(code, id);
    this.entryIndex("numFmts", `<${this.prefix}numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    return id;
  }

  toText(): string {
    const splices: Splice[] = [];
    for (const collection of this.collections.values()) {
      if (collection.added.length === 0) continue;
      const count = collection.entries.length;
      const element = collection.element;
      if (element) {
        const openTag = withAttribute(this.text.slice(element.start, element.openEnd).replace(/\s*\/>$/, ">"), "count", String(count));
        if (element.selfClosing) {
          splices.push({ start: element.start, end: element.end, text: `${openTag}${collection.added.join("")}</${element.name}>` });
        } else {
          splices.push({ start: element.start, end: element.openEnd, text: openTag });
          splices.push({ start: element.innerEnd, end: element.innerEnd, text: collection.added.join("") });
        }
      } else {
        const p = this.prefix;
        const later = STYLESHEET_ORDER.slice(STYLESHEET_ORDER.indexOf(collection.local) + 1);
        const next = this.root.children.find((c) => later.includes(c.local));
        const at = next ? next.start : this.root.innerEnd;
        splices.push({
          start: at,
          end: at,
          text: `<${p}${collection.local} count="${count}">${collection.added.join("")}</${p}${collection.local}>`,
        });
      }
    }
    return applySplices(this.text, splices);
  }

  private fontLike(base: number, change: CellStyleChange): number {
    const fonts = this.collections.get("fonts")!;
    const p = this.prefix;
    const baseXml = fonts.entries[base] ?? fonts.entries[0] ?? `<${p}font/>`;
    const font = parseXml(baseXml);
    const keep = font.children.filter((c) => !(change.bold && c.local === "b") && !(change.fontColor && c.local === "color"));
    const inner =
      (change.bold ? `<${p}b/>` : "") +
      keep.map((c) => baseXml.slice(c.start, c.end)).join("") +
      (change.fontColor ? `<${p}color rgb="${argb(change.fontColor)}"/>` : "");
    return this.entryIndex("fonts", `${baseXml.slice(0, font.openEnd).replace(/\s*\/>$/, ">")}${inner}</${font.name}>`);
  }

  /** The index of an entry with exactly this XML, appended when there is none. */
  private entryIndex(local: string, xml: string): number {
    const collection = this.collections.get(local)!;
    const found = collection.entries.indexOf(xml);
    if (found >= 0) return found;
    collection.entries.push(xml);
    collection.added.push(xml);
    return collection.entries.length - 1;
  }
}

function argb(hex: string): string {
  return "FF" + hex.replace("#", "").toUpperCase();
}
