/**
 * One worksheet part edited in place: cells written into `<sheetData>` (rows in row order, cells
 * in column order), conditional formats removed and added at their place in the schema, the
 * `<dimension>` widened. Everything the edits do not reach stays as written, prefixes included.
 */
import { areaAddress, columnLetter, parseAreaAddress, parseCellAddress, type CellArea } from "../../annex";
import {
  applySplices,
  child,
  children,
  escapeXml,
  parseXml,
  textOf,
  withAttribute,
  withoutAttribute,
  type Splice,
  type XmlElement,
} from "./xmlTree";

export interface CellFormula {
  text: string;
  type: string | null;
  ref: string | null;
  sharedIndex: string | null;
}

/** A cell as stored: what a writer needs to know before replacing it. */
export interface StoredCell {
  row: number;
  column: number;
  type: string | null;
  style: number;
  formula: CellFormula | null;
  value: string | null;
  inlineText: string | null;
}

export type NewCellContent = { formula: string } | { number: number } | { text: string };

interface CellState {
  column: number;
  xml: string;
}

interface RowState {
  row: number;
  element: XmlElement | null;
  openTag: string;
  cells: CellState[];
  dirty: boolean;
}

/** Worksheet children that come after `<conditionalFormatting>` in the schema (CT_Worksheet). */
const AFTER_CONDITIONAL_FORMATTING = [
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

export interface ConditionalFormatting {
  element: XmlElement;
  sqref: string;
  rules: { type: string | null; formulas: string[] }[];
}

export class SheetXml {
  private readonly root: XmlElement;
  private readonly sheetData: XmlElement;
  private readonly rows = new Map<number, RowState>();
  private readonly splices: Splice[] = [];
  private readonly removedFormats = new Set<XmlElement>();
  private readonly addedFormats: string[] = [];
  private written: CellArea | null = null;
  private changed = false;

  constructor(private readonly text: string) {
    this.root = parseXml(text);
    const sheetData = child(this.root, "sheetData");
    if (this.root.local !== "worksheet" || !sheetData) throw new Error("not a worksheet part");
    this.sheetData = sheetData;
    let previousRow = 0;
    for (const rowElement of children(sheetData, "row")) {
      const row = Number(rowElement.attributes.get("r") ?? previousRow + 1);
      previousRow = row;
      let previousColumn = 0;
      const cells = children(rowElement, "c").map((c) => {
        const address = c.attributes.get("r");
        const column = address ? parseCellAddress(address).column : previousColumn + 1;
        previousColumn = column;
        return { column, xml: text.slice(c.start, c.end) };
      });
      this.rows.set(row, { row, element: rowElement, openTag: text.slice(rowElement.start, rowElement.openEnd), cells, dirty: false });
    }
  }

  /** The prefix the part uses for SpreadsheetML elements ("" or "x:"). */
  get prefix(): string {
    return this.root.prefix ? `${this.root.prefix}:` : "";
  }

  cell(row: number, column: number): StoredCell | null {
    const xml = this.rows.get(row)?.cells.find((c) => c.column === column)?.xml;
    return xml ? readCell(xml, row, column) : null;
  }

  /** Every stored cell, row by row. */
  *cells(): Generator<StoredCell> {
    for (const state of [...this.rows.values()].sort((a, b) => a.row - b.row)) {
      for (const cell of state.cells) yield readCell(cell.xml, state.row, cell.column);
    }
  }

  mergedAreas(): CellArea[] {
    const merges = child(this.root, "mergeCells");
    return merges ? children(merges, "mergeCell").map((m) => parseAreaAddress(m.attributes.get("ref") ?? "A1")) : [];
  }

  /** Write a cell's content; its style is kept unless `style` is given. */
  writeCell(row: number, column: number, content: NewCellContent, style?: number): void {
    const state = this.rowState(row);
    const index = state.cells.findIndex((c) => c.column >= column);
    const existing = index >= 0 && state.cells[index].column === column ? state.cells[index] : null;
    const address = `${columnLetter(column)}${row}`;
    let tag = existing ? existing.xml.slice(0, existing.xml.indexOf(">") + 1).replace(/\/>$/, ">") : `<${this.prefix}c r="${address}">`;
    for (const name of ["t", "cm", "vm"]) tag = withoutAttribute(tag, name);
    tag = withAttribute(tag, "r", address);
    if (style !== undefined) tag = style === 0 ? withoutAttribute(tag, "s") : withAttribute(tag, "s", String(style));
    const p = this.prefix;
    let body: string;
    if ("formula" in content) body = `<${p}f>${escapeXml(content.formula.replace(/^=/, ""))}</${p}f>`;
    else if ("number" in content) body = `<${p}v>${String(content.number)}</${p}v>`;
    else {
      tag = withAttribute(tag, "t", "inlineStr");
      const space = /^\s|\s$/.test(content.text) ? ' xml:space="preserve"' : "";
      body = `<${p}is><${p}t${space}>${escapeXml(content.text)}</${p}t></${p}is>`;
    }
    const xml = `${tag}${body}</${p}c>`;
    if (existing) existing.xml = xml;
    else state.cells.splice(index < 0 ? state.cells.length : index, 0, { column, xml });
    state.dirty = true;
    this.widen(row, column);
  }

  /** Replace a cell's stored XML as a whole (for formulas moved to another master cell). */
  replaceCellXml(row: number, column: number, xml: string): void {
    const state = this.rowState(row);
    const cell = state.cells.find((c) => c.column === column);
    if (!cell) throw new Error(`no cell at ${columnLetter(column)}${row}`);
    cell.xml = xml;
    state.dirty = true;
  }

  storedCellXml(row: number, column: number): string | undefined {
    return this.rows.get(row)?.cells.find((c) => c.column === column)?.xml;
  }

  conditionalFormattings(): ConditionalFormatting[] {
    return children(this.root, "conditionalFormatting")
      .filter((element) => !this.removedFormats.has(element))
      .map((element) => ({
        element,
        sqref: element.attributes.get("sqref") ?? "",
        rules: children(element, "cfRule").map((rule) => ({
          type: rule.attributes.get("type") ?? null,
          formulas: children(rule, "formula").map((f) => textOf(this.text, f)),
        })),
      }));
  }

  /** The highest priority number in use by the rules that stay. */
  maxPriority(): number {
    return Math.max(
      0,
      ...this.conditionalFormattings().flatMap((cf) =>
        children(cf.element, "cfRule").map((rule) => Number(rule.attributes.get("priority") ?? 0)),
      ),
    );
  }

  removeConditionalFormatting(format: ConditionalFormatting): void {
    this.removedFormats.add(format.element);
    this.splices.push({ start: format.element.start, end: format.element.end, text: "" });
    this.changed = true;
  }

  addConditionalFormatting(sqref: string, rules: { formula: string; dxfId: number; priority: number }[]): void {
    const p = this.prefix;
    const body = rules
      .map(
        (r) =>
          `<${p}cfRule type="expression" dxfId="${r.dxfId}" priority="${r.priority}"><${p}formula>${escapeXml(r.formula.replace(/^=/, ""))}</${p}formula></${p}cfRule>`,
      )
      .join("");
    this.addedFormats.push(`<${p}conditionalFormatting sqref="${escapeXml(sqref)}">${body}</${p}conditionalFormatting>`);
    this.changed = true;
  }

  get isChanged(): boolean {
    return this.changed || [...this.rows.values()].some((r) => r.dirty);
  }

  toText(): string {
    const splices = [...this.splices, ...this.sheetDataSplices()];
    if (this.addedFormats.length) splices.push({ ...this.conditionalFormattingPoint(), text: this.addedFormats.join("") });
    const dimension = child(this.root, "dimension");
    if (dimension && this.written) {
      const ref = dimension.attributes.get("ref") ?? "A1";
      const widened = areaAddress(union(parseAreaAddress(ref), this.written));
      if (widened !== ref) {
        const tag = this.text.slice(dimension.start, dimension.openEnd);
        splices.push({ start: dimension.start, end: dimension.openEnd, text: withAttribute(tag, "ref", widened) });
      }
    }
    return applySplices(this.text, splices);
  }

  private rowState(row: number): RowState {
    let state = this.rows.get(row);
    if (!state) {
      state = { row, element: null, openTag: `<${this.prefix}row r="${row}">`, cells: [], dirty: true };
      this.rows.set(row, state);
    }
    return state;
  }

  private widen(row: number, column: number): void {
    const cell = { top: row, bottom: row, left: column, right: column };
    this.written = this.written ? union(this.written, cell) : cell;
  }

  private sheetDataSplices(): Splice[] {
    const dirty = [...this.rows.values()].filter((r) => r.dirty).sort((a, b) => a.row - b.row);
    if (dirty.length === 0) return [];
    const p = this.prefix;
    const serialize = (state: RowState) => {
      let tag = withAttribute(state.openTag.replace(/\s*\/>$/, ">"), "r", String(state.row));
      const spans = state.openTag.match(/\sspans="(\d+):(\d+)"/);
      const first = state.cells[0]?.column;
      const last = state.cells[state.cells.length - 1]?.column;
      if (spans && first !== undefined && (first < Number(spans[1]) || last > Number(spans[2]))) {
        tag = withAttribute(tag, "spans", `${Math.min(first, Number(spans[1]))}:${Math.max(last, Number(spans[2]))}`);
      }
      const cells = state.cells.map(
        (c) =>
          withAttribute(c.xml.slice(0, c.xml.indexOf(">") + 1), "r", `${columnLetter(c.column)}${state.row}`) +
          c.xml.slice(c.xml.indexOf(">") + 1),
      );
      return `${tag}${cells.join("")}</${p}row>`;
    };
    if (this.sheetData.selfClosing) {
      const name = this.sheetData.name;
      return [{ start: this.sheetData.start, end: this.sheetData.end, text: `<${name}>${dirty.map(serialize).join("")}</${name}>` }];
    }
    // Rows without an r attribute are numbered by position: once rows are inserted, every row states its number.
    const numberAll = dirty.some((r) => !r.element) && [...this.rows.values()].some((r) => r.element && !r.element.attributes.has("r"));
    const originals = [...this.rows.values()].filter((r) => r.element).sort((a, b) => a.row - b.row);
    const splices: Splice[] = [];
    for (const state of numberAll ? [...dirty, ...originals.filter((r) => !r.dirty)] : dirty) {
      if (state.element) {
        splices.push({ start: state.element.start, end: state.element.end, text: serialize(state) });
      } else {
        const next = originals.find((r) => r.row > state.row);
        const at = next ? next.element!.start : this.sheetData.innerEnd;
        splices.push({ start: at, end: at, text: serialize(state) });
      }
    }
    return splices;
  }

  /** Where a new `<conditionalFormatting>` goes: after the last one kept, else before the first element that follows it in the schema. */
  private conditionalFormattingPoint(): { start: number; end: number } {
    const formats = children(this.root, "conditionalFormatting");
    if (formats.length) {
      const end = formats[formats.length - 1].end;
      return { start: end, end };
    }
    const after = this.root.children.find((c) => AFTER_CONDITIONAL_FORMATTING.includes(c.local));
    const at = after ? after.start : this.root.innerEnd;
    return { start: at, end: at };
  }
}

function readCell(xml: string, row: number, column: number): StoredCell {
  const element = parseXml(xml);
  const f = child(element, "f");
  const v = child(element, "v");
  const is = child(element, "is");
  return {
    row,
    column,
    type: element.attributes.get("t") ?? null,
    style: Number(element.attributes.get("s") ?? 0),
    formula: f
      ? {
          text: textOf(xml, f),
          type: f.attributes.get("t") ?? null,
          ref: f.attributes.get("ref") ?? null,
          sharedIndex: f.attributes.get("si") ?? null,
        }
      : null,
    value: v ? textOf(xml, v) : null,
    // Phonetic runs (<rPh>) are not part of the text.
    inlineText: is
      ? children(is, "r")
          .concat(children(is, "t"))
          .sort((a, b) => a.start - b.start)
          .map((e) => textOf(xml, e))
          .join("")
      : null,
  };
}

function union(a: CellArea, b: CellArea): CellArea {
  return {
    top: Math.min(a.top, b.top),
    left: Math.min(a.left, b.left),
    bottom: Math.max(a.bottom, b.bottom),
    right: Math.max(a.right, b.right),
  };
}
