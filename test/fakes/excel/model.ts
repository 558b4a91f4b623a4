/**
 * The workbook behind the fake Excel objects: a sparse grid of cells per sheet, merges,
 * conditional formats, settings, the active sheet and the selection. Plain TypeScript, no Node
 * modules (the fake is bundled into a browser harness too).
 *
 * Cell input follows Excel's rules for a value typed or set through `Range.values`/`formulas`:
 * a string starting with "=" (or "+"/"-" and not a number) becomes a formula, "'" forces text,
 * numbers in en-US form become numbers, "TRUE"/"FALSE" booleans, "#N/A"… errors, "" clears the
 * cell, `null` leaves it unchanged — and a cell formatted as Text ("@") keeps any string as typed.
 * Formulas are stored as text and not computed; a formula cell reports the cached value it was
 * loaded with, or "" once the adapter has written it.
 */
import { areaAddress, cellAddress, EXCEL_ERRORS, parseAreaAddress, type CellArea } from "../../../src/annex/snapshot";
import { FakeOfficeError, fakeErrors } from "./errors";
import { checkFormula } from "./formulaCheck";

export type FakeScalar = string | number | boolean;

export type FakeContent =
  | { kind: "empty" }
  | { kind: "number"; value: number }
  | { kind: "text"; value: string; quotePrefix?: boolean }
  | { kind: "boolean"; value: boolean }
  | { kind: "error"; value: string }
  | { kind: "formula"; formula: string; cached: FakeScalar | null };

export interface FakeCell {
  content: FakeContent;
  numberFormat: string;
  bold: boolean;
  italic: boolean;
}

export interface FakeConditionalFormat {
  id: string;
  type: string;
  /** The cells the rule applies to; clearing part of them splits the areas. */
  areas: CellArea[];
  formula: string | null;
  fill: string | null;
  fontColor: string | null;
}

/** How a test describes a cell. A bare scalar is a typed constant (a string stays text). */
export interface FakeCellData {
  value?: FakeScalar | null;
  formula?: string;
  /** A constant error value such as "#N/A" (a string `value` is text). */
  error?: string;
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
}

/** `Excel.SheetVisibility` values. */
export type FakeSheetVisibility = "Visible" | "Hidden" | "VeryHidden";

export interface FakeSheetData {
  name: string;
  /** Default "Visible". */
  visibility?: FakeSheetVisibility;
  /** Hidden sheet columns, by letter ("J"). */
  hiddenColumns?: string[];
  cells?: Record<string, FakeCellData | FakeScalar | null>;
  merges?: string[];
  protected?: boolean;
  /** A person's rules; `type` defaults to "Custom" (another type, e.g. "ColorScale", has no formula). */
  conditionalFormats?: { range: string; formula?: string; fill?: string; fontColor?: string; type?: string }[];
}

/** A workbook-scoped defined name: what Excel keeps of it ("=DATE(2023,9,30)", "='Phụ lục'!$A$1"). */
export interface FakeDefinedName {
  name: string;
  /** In invariant syntax, starting with "=". */
  formula: string;
  comment: string;
  visible: boolean;
}

export interface FakeWorkbookData {
  sheets: FakeSheetData[];
  activeSheet?: string;
  settings?: Record<string, unknown>;
  /** Workbook-scoped defined names, e.g. [{ name: "AnnexAsOf", formula: "=DATE(2023,9,30)" }]. */
  names?: { name: string; formula: string; comment?: string; visible?: boolean }[];
  /** Highest ExcelApi requirement set the host supports (default "1.17"). */
  excelApi?: string;
}

const key = (row: number, column: number) => `${row}:${column}`;

export class FakeSheetState {
  readonly cells = new Map<string, FakeCell>();
  merges: CellArea[] = [];
  conditionalFormats: FakeConditionalFormat[] = [];
  /** Sheet columns (1-based) hidden through `range.columnHidden`. */
  readonly hiddenColumns = new Set<number>();
  protected = false;
  visibility: FakeSheetVisibility = "Visible";

  constructor(
    readonly id: string,
    public name: string,
  ) {}

  /**
   * usedArea's answers until a cell is next taken for writing: every range derived from the used
   * range asks again, and recounting 45,000 cells each time made the fake, not the pane, block
   * the browser harness for seconds on a 5,000-row annex.
   */
  private usedAreas: { values?: CellArea | null; all?: CellArea | null } = {};

  peek(row: number, column: number): FakeCell | undefined {
    return this.cells.get(key(row, column));
  }

  cell(row: number, column: number): FakeCell {
    this.usedAreas = {};
    let cell = this.cells.get(key(row, column));
    if (!cell) {
      cell = { content: { kind: "empty" }, numberFormat: "General", bold: false, italic: false };
      this.cells.set(key(row, column), cell);
    }
    return cell;
  }

  /** What `Range.values` reports for a cell. */
  valueAt(row: number, column: number): FakeScalar {
    const c = this.peek(row, column)?.content ?? { kind: "empty" };
    switch (c.kind) {
      case "empty":
        return "";
      case "formula":
        return c.cached ?? "";
      default:
        return c.value;
    }
  }

  /** What `Range.formulas` reports: the formula, else the value (a quote-prefixed text loses its quote). */
  formulaAt(row: number, column: number): FakeScalar {
    const c = this.peek(row, column)?.content ?? { kind: "empty" };
    return c.kind === "formula" ? c.formula : this.valueAt(row, column);
  }

  numberFormatAt(row: number, column: number): string {
    return this.peek(row, column)?.numberFormat ?? "General";
  }

  /** The bounding box of cells with content (valuesOnly) or with content or formatting. */
  usedArea(valuesOnly: boolean): CellArea | null {
    const known = this.usedAreas[valuesOnly ? "values" : "all"];
    if (known !== undefined) return known;
    let area: CellArea | null = null;
    for (const [k, cell] of this.cells) {
      const hasContent = cell.content.kind !== "empty";
      const hasFormat = cell.numberFormat !== "General" || cell.bold || cell.italic;
      if (!hasContent && (valuesOnly || !hasFormat)) continue;
      const [row, column] = k.split(":").map(Number);
      area = area
        ? {
            top: Math.min(area.top, row),
            left: Math.min(area.left, column),
            bottom: Math.max(area.bottom, row),
            right: Math.max(area.right, column),
          }
        : { top: row, left: column, bottom: row, right: column };
    }
    this.usedAreas[valuesOnly ? "values" : "all"] = area;
    return area;
  }

  /** Removes every conditional format from the cells of `area`; rules elsewhere keep their other cells. */
  clearConditionalFormats(area: CellArea): void {
    const kept: FakeConditionalFormat[] = [];
    for (const cf of this.conditionalFormats) {
      cf.areas = cf.areas.flatMap((a) => subtractArea(a, area));
      if (cf.areas.length > 0) kept.push(cf);
    }
    this.conditionalFormats = kept;
  }

  conditionalFormatsOn(area: CellArea): FakeConditionalFormat[] {
    return this.conditionalFormats.filter((cf) => cf.areas.some((a) => intersects(a, area)));
  }
}

export class FakeWorkbookState {
  readonly sheets: FakeSheetState[] = [];
  readonly settings = new Map<string, unknown>();
  activeSheetId: string | null = null;
  selection: { sheetId: string; area: CellArea } | null = null;
  excelApi = "1.17";
  /**
   * Past this a settings save fails with InvalidArgument and nothing of its batch is done. The
   * limit is undocumented for workbook settings (2 MB is Outlook's roaming settings); office-js
   * issue 3957 reports failures from about 1 MB on Excel 2021, so the fake is that strict.
   */
  settingsLimitBytes = 1024 * 1024;
  private nextId = 1;

  newId(prefix: string): string {
    return `${prefix}${this.nextId++}`;
  }

  addSheet(name: string): FakeSheetState {
    const sheet = new FakeSheetState(this.newId("{sheet-") + "}", name);
    this.sheets.push(sheet);
    if (!this.activeSheetId) this.activeSheetId = sheet.id;
    return sheet;
  }

  sheet(name: string): FakeSheetState | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  sheetById(id: string): FakeSheetState | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  settingsBytes(): number {
    let total = 0;
    for (const [k, v] of this.settings) total += utf8Bytes(k) + utf8Bytes(JSON.stringify(v));
    return total;
  }

  /** Settings round-trip through JSON in Office, like this. */
  setSetting(name: string, value: unknown): void {
    const json = JSON.stringify(value === undefined ? null : value);
    const previous = this.settings.get(name);
    this.settings.set(name, JSON.parse(json));
    if (this.settingsBytes() > this.settingsLimitBytes) {
      if (previous === undefined) this.settings.delete(name);
      else this.settings.set(name, previous);
      throw fakeErrors.invalidArgument(`settings exceed ${this.settingsLimitBytes} bytes`);
    }
  }

  /** Workbook-scoped defined names by name in lower case (Excel compares names without case). */
  readonly names = new Map<string, FakeDefinedName>();

  /** Adds a workbook-scoped name as Excel does: a valid name not taken yet, a formula Excel accepts. */
  addName(name: string, formula: string, comment = ""): FakeDefinedName {
    if (!isValidDefinedName(name)) throw fakeErrors.invalidArgument(`not a valid name: ${name}`);
    if (this.names.has(name.toLowerCase()))
      throw new FakeOfficeError("ItemAlreadyExists", `A resource with the same name or identifier already exists. (${name})`);
    checkFormula(formula);
    const item: FakeDefinedName = { name, formula, comment, visible: true };
    this.names.set(name.toLowerCase(), item);
    return item;
  }

  isSetSupported(name: string, version?: string): boolean {
    if (name !== "ExcelApi") return false;
    return compareVersions(version ?? "1.1", this.excelApi) <= 0;
  }
}

/**
 * Excel's rules for a defined name: a letter, "_" or a backslash first, then letters, digits, "_",
 * "." or backslashes; at most 255 characters; never something that reads as a cell (A1, XFD1048576, R1C1) nor
 * "R"/"C" alone.
 */
export function isValidDefinedName(name: string): boolean {
  if (name.length === 0 || name.length > 255) return false;
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name)) return false;
  if (/^[rc]$/i.test(name)) return false;
  const a1 = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
  if (a1 && columnNumberOf(a1[1]) <= 16_384 && Number(a1[2]) >= 1 && Number(a1[2]) <= 1_048_576) return false;
  return !/^[rR]\d*[cC]\d*$/.test(name);
}

function columnNumberOf(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const NUMBER_EN_US = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?%?$/;

/** Excel's reading of one input written through `values`/`formulas` into a cell with the given format. */
export function parseInput(input: unknown, numberFormat: string): FakeContent | "unchanged" {
  if (input === null || input === undefined) return "unchanged";
  if (typeof input === "number") {
    if (!Number.isFinite(input)) throw fakeErrors.invalidArgument(`not a finite number: ${input}`);
    // Stricter than Excel may be: a Text cell keeps whatever arrives as text.
    return numberFormat === "@" ? { kind: "text", value: String(input) } : { kind: "number", value: input };
  }
  if (typeof input === "boolean")
    return numberFormat === "@" ? { kind: "text", value: input ? "TRUE" : "FALSE" } : { kind: "boolean", value: input };
  if (typeof input !== "string") throw fakeErrors.invalidArgument(`cannot write a ${typeof input} into a cell`);
  if (input === "") return { kind: "empty" };
  if (numberFormat === "@") return { kind: "text", value: input };
  if (input.startsWith("'")) return { kind: "text", value: input.slice(1), quotePrefix: true };
  const trimmed = input.trim();
  if (/\d/.test(trimmed) && NUMBER_EN_US.test(trimmed)) {
    const percent = trimmed.endsWith("%");
    const n = Number(trimmed.replace(/[,%]/g, ""));
    if (Number.isFinite(n)) return { kind: "number", value: percent ? n / 100 : n };
  }
  if (input.startsWith("=") && input.length > 1) return formulaContent(input);
  if (input.startsWith("+") || input.startsWith("-")) {
    // Typed "+…"/"-…" is a formula when it reads as one ("-" alone or "- 5 euro" stays text).
    try {
      return formulaContent("=" + input);
    } catch {
      return { kind: "text", value: input };
    }
  }
  const upper = trimmed.toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return { kind: "boolean", value: upper === "TRUE" };
  if (EXCEL_ERRORS.includes(upper)) return { kind: "error", value: upper };
  return { kind: "text", value: input };
}

/** A formula as Excel takes it: refused when malformed, #NAME? when it calls an unknown function. */
function formulaContent(formula: string): FakeContent {
  const { unknownFunction } = checkFormula(formula);
  return { kind: "formula", formula, cached: unknownFunction ? "#NAME?" : null };
}

export function intersects(a: CellArea, b: CellArea): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

export function contains(outer: CellArea, row: number, column: number): boolean {
  return row >= outer.top && row <= outer.bottom && column >= outer.left && column <= outer.right;
}

/** `a` minus `b` as up to four rectangles. */
export function subtractArea(a: CellArea, b: CellArea): CellArea[] {
  if (!intersects(a, b)) return [a];
  const out: CellArea[] = [];
  if (a.top < b.top) out.push({ top: a.top, left: a.left, bottom: b.top - 1, right: a.right });
  if (a.bottom > b.bottom) out.push({ top: b.bottom + 1, left: a.left, bottom: a.bottom, right: a.right });
  const top = Math.max(a.top, b.top);
  const bottom = Math.min(a.bottom, b.bottom);
  if (a.left < b.left) out.push({ top, left: a.left, bottom, right: b.left - 1 });
  if (a.right > b.right) out.push({ top, left: b.right + 1, bottom, right: a.right });
  return out;
}

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Excel quotes a sheet name in an address unless it is a plain identifier. */
export function qualifiedAddress(sheetName: string, area: CellArea): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheetName) && !/^[A-Za-z]{1,3}\d+$/.test(sheetName);
  const sheet = plain ? sheetName : `'${sheetName.replace(/'/g, "''")}'`;
  return `${sheet}!${areaAddress(area)}`;
}

/** A1 address of a range, with or without a sheet ('It''s'!A1:B2, Sheet1!A1). */
export function parseAddress(address: string): { sheet: string | null; area: CellArea } {
  const text = address.trim();
  let sheet: string | null = null;
  let local = text;
  const bang = text.lastIndexOf("!");
  if (bang >= 0) {
    const raw = text.slice(0, bang);
    sheet = raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw;
    local = text.slice(bang + 1);
  }
  try {
    return { sheet, area: parseAreaAddress(local) };
  } catch {
    throw fakeErrors.invalidArgument(`not a range address: ${address}`);
  }
}

/** Builds the workbook state from test data. */
export function buildWorkbook(data: FakeWorkbookData): FakeWorkbookState {
  const wb = new FakeWorkbookState();
  if (data.excelApi) wb.excelApi = data.excelApi;
  for (const sd of data.sheets) {
    const sheet = wb.addSheet(sd.name);
    sheet.protected = Boolean(sd.protected);
    sheet.visibility = sd.visibility ?? "Visible";
    for (const letter of sd.hiddenColumns ?? []) sheet.hiddenColumns.add(parseAddress(`${letter}1`).area.left);
    for (const [addr, raw] of Object.entries(sd.cells ?? {})) {
      const { row, column } = (() => {
        const a = parseAddress(addr).area;
        return { row: a.top, column: a.left };
      })();
      const cell = sheet.cell(row, column);
      const d: FakeCellData = raw !== null && typeof raw === "object" ? raw : { value: raw };
      if (d.formula !== undefined) {
        cell.content = { kind: "formula", formula: d.formula.startsWith("=") ? d.formula : "=" + d.formula, cached: d.value ?? null };
      } else if (d.error !== undefined) {
        cell.content = { kind: "error", value: d.error };
      } else if (d.value === null || d.value === undefined || d.value === "") {
        cell.content = { kind: "empty" };
      } else if (typeof d.value === "number") {
        cell.content = { kind: "number", value: d.value };
      } else if (typeof d.value === "boolean") {
        cell.content = { kind: "boolean", value: d.value };
      } else {
        cell.content = { kind: "text", value: d.value };
      }
      if (d.numberFormat !== undefined) cell.numberFormat = d.numberFormat || "General";
      if (d.bold !== undefined) cell.bold = d.bold;
      if (d.italic !== undefined) cell.italic = d.italic;
    }
    sheet.merges = (sd.merges ?? []).map((m) => parseAddress(m).area);
    for (const cf of sd.conditionalFormats ?? []) {
      sheet.conditionalFormats.push({
        id: wb.newId("cf-"),
        type: cf.type ?? "Custom",
        areas: [parseAddress(cf.range).area],
        formula: cf.formula ?? null,
        fill: cf.fill ?? null,
        fontColor: cf.fontColor ?? null,
      });
    }
  }
  if (data.activeSheet) {
    const active = wb.sheet(data.activeSheet);
    if (!active) throw new Error(`fake: no sheet named ${data.activeSheet}`);
    wb.activeSheetId = active.id;
  }
  for (const [k, v] of Object.entries(data.settings ?? {})) wb.setSetting(k, v);
  for (const n of data.names ?? []) Object.assign(wb.addName(n.name, n.formula, n.comment), n.visible === false ? { visible: false } : {});
  return wb;
}

export { cellAddress };
