/**
 * Proxy objects shaped like the Excel JavaScript API's, for the members the adapter uses.
 * Office semantics: a property is readable only after `load(...)` and `context.sync()` (else a
 * PropertyNotLoaded error); setters and methods are queued and run, in order, on `sync()`;
 * `*OrNullObject` proxies settle `isNullObject` on sync.
 */
import type { CellArea } from "../../../src/annex/snapshot";
import type { FakeRequestContext } from "./context";
import { FakeOfficeError, fakeErrors } from "./errors";
import {
  contains,
  intersects,
  parseAddress,
  parseInput,
  qualifiedAddress,
  type FakeConditionalFormat,
  type FakeSheetState,
  type FakeSheetVisibility,
} from "./model";
import { areaAddress } from "../../../src/annex/snapshot";
import { FakeEventHandlers } from "./events";
import { checkFormula } from "./formulaCheck";

type LoadArg = string | string[] | { select?: string; expand?: string } | Record<string, unknown> | undefined;

/** Property paths named by a `load(...)` argument ("a, b", ["a"], {select}, {a: true, b: {c: true}}). */
export function loadPaths(arg: LoadArg): string[] {
  if (arg === undefined || arg === null) {
    throw new Error("fake Excel: load() without property names is not allowed here — name the properties (see NOTES.md)");
  }
  if (typeof arg === "string")
    return arg
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(arg)) return arg.flatMap((a) => loadPaths(a));
  if (typeof arg.select === "string") return loadPaths(arg.select);
  const out: string[] = [];
  const walk = (o: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(o)) {
      if (k.startsWith("$")) continue;
      if (v === true) out.push(prefix + k);
      else if (v && typeof v === "object") walk(v as Record<string, unknown>, `${prefix}${k}/`);
    }
  };
  walk(arg as Record<string, unknown>, "");
  if (out.length === 0) throw new Error("fake Excel: load() named no properties");
  return out;
}

export abstract class FakeClientObject {
  protected loaded = new Map<string, unknown>();
  private isNull: boolean | undefined;

  constructor(
    readonly context: FakeRequestContext,
    readonly path: string,
    readonly nullable: boolean,
  ) {
    if (nullable) context.registerNullable(this);
  }

  get isNullObject(): boolean {
    if (this.isNull === undefined) throw fakeErrors.propertyNotLoaded("isNullObject");
    return this.isNull;
  }

  settleNull(isNull: boolean): void {
    this.isNull = isNull;
  }

  /** Whether the object exists now (evaluated when an operation runs). */
  abstract exists(): boolean;

  /** Reads a property's current value from the workbook, when the load runs. */
  protected abstract read(path: string): unknown;

  /** Makes a loaded value readable; collections override this to build their items. */
  protected applyLoaded(path: string, value: unknown): void {
    this.loaded.set(path, value);
  }

  protected get<T>(name: string): T {
    if (!this.loaded.has(name)) throw fakeErrors.propertyNotLoaded(name);
    return this.loaded.get(name) as T;
  }

  protected missing(): FakeOfficeError {
    return fakeErrors.itemNotFound(this.path);
  }

  load(arg?: LoadArg): this {
    const paths = loadPaths(arg).filter((p) => p !== "isNullObject");
    this.context.enqueue({
      request: { op: "load", path: this.path, properties: paths },
      execute: () => {
        if (!this.exists()) {
          if (this.nullable) return;
          throw this.missing();
        }
        const values = paths.map((p) => this.read(p));
        return {
          payload: { path: this.path, values },
          commit: () => paths.forEach((p, i) => this.applyLoaded(p, values[i])),
        };
      },
    });
    return this;
  }

  /**
   * A member above the host's ExcelApi version: Office.js still has it, the host refuses the
   * batch on sync with ApiNotFound (an unguarded call fails the test that makes it).
   */
  protected requireApi(version: string, member: string): void {
    if (this.context.state.isSetSupported("ExcelApi", version)) return;
    this.context.enqueue({
      request: { path: this.path, op: "call", method: member },
      execute: () => {
        throw fakeErrors.apiNotFound(member, version);
      },
    });
  }

  /** Queues a state change; it runs on sync, after the operations queued before it. */
  protected queue(request: Record<string, unknown>, run: () => void): void {
    this.context.enqueue({
      request: { path: this.path, ...request },
      execute: () => {
        if (!this.exists()) throw this.missing();
        run();
      },
    });
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

export class FakeClientResult<T> {
  private settled = false;
  private result: T | undefined;

  get value(): T {
    if (!this.settled) throw fakeErrors.valueNotLoaded();
    return this.result as T;
  }

  settle(value: T): void {
    this.result = value;
    this.settled = true;
  }
}

const quote = (s: string) => JSON.stringify(s);

/** The worksheet grid: 1,048,576 rows by 16,384 columns (XFD). */
const SHEET_ROWS = 1_048_576;
const SHEET_COLUMNS = 16_384;
/** More cells than any response may carry (one byte each is already past the 5 MB limit). */
const GRID_CELL_LIMIT = 5 * 1024 * 1024;

export class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly settings: FakeSettingCollection;
  /** Workbook-scoped defined names (ExcelApi 1.1; adding and deleting 1.4). */
  readonly names: FakeNamedItemCollection;

  constructor(readonly context: FakeRequestContext) {
    this.worksheets = new FakeWorksheetCollection(context);
    this.settings = new FakeSettingCollection(context);
    this.names = new FakeNamedItemCollection(context);
  }
}

export class FakeWorksheetCollection extends FakeClientObject {
  private loadedItems: FakeWorksheet[] | null = null;

  constructor(context: FakeRequestContext) {
    super(context, "workbook/worksheets", false);
  }

  exists(): boolean {
    return true;
  }

  get items(): FakeWorksheet[] {
    if (!this.loadedItems) throw fakeErrors.propertyNotLoaded("items");
    return this.loadedItems;
  }

  override load(arg?: LoadArg): this {
    const paths = loadPaths(arg).map((p) => (p.startsWith("items/") ? p : `items/${p}`));
    return super.load(paths);
  }

  protected read(path: string): unknown {
    const prop = path.slice("items/".length);
    return this.context.state.sheets.map((s) => ({ id: s.id, value: readSheetProperty(s, prop, this.context) }));
  }

  protected override applyLoaded(path: string, value: unknown): void {
    const rows = value as { id: string; value: unknown }[];
    if (!this.loadedItems || this.loadedItems.length !== rows.length) {
      this.loadedItems = rows.map(
        (r) =>
          new FakeWorksheet(
            this.context,
            `workbook/worksheets/getItem(${quote(r.id)})`,
            false,
            () => this.context.state.sheetById(r.id) ?? null,
          ),
      );
    }
    rows.forEach((r, i) => this.loadedItems![i].acceptLoaded(path.slice("items/".length), r.value));
  }

  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, `workbook/worksheets/getItem(${quote(key)})`, false, () => findSheet(this.context, key));
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    this.requireApi("1.4", "WorksheetCollection.getItemOrNullObject");
    return new FakeWorksheet(this.context, `workbook/worksheets/getItemOrNullObject(${quote(key)})`, true, () =>
      findSheet(this.context, key),
    );
  }

  /** Adds a sheet at the end (Excel refuses a name already taken, compared without case, or not a valid sheet name). */
  add(name: string): FakeWorksheet {
    let added: FakeSheetState | null = null;
    this.queue({ op: "call", method: "add", args: [name] }, () => {
      if (!isValidSheetName(name)) throw fakeErrors.invalidArgument(`not a valid sheet name: ${name}`);
      if (this.context.state.sheet(name)) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named ${name} already exists.`);
      added = this.context.state.addSheet(name);
    });
    return new FakeWorksheet(this.context, `workbook/worksheets/add(${quote(name)})`, false, () => added);
  }

  /** Any sheet's data changed (ExcelApi 1.9). */
  get onChanged(): FakeEventHandlers {
    this.requireApi("1.9", "WorksheetCollection.onChanged");
    return new FakeEventHandlers(
      this.context,
      "WorksheetChanged",
      () => null,
      (request, run) => this.queue(request, run),
    );
  }

  /** Another sheet became the active one (ExcelApi 1.7). */
  get onActivated(): FakeEventHandlers {
    this.requireApi("1.7", "WorksheetCollection.onActivated");
    return new FakeEventHandlers(
      this.context,
      "WorksheetActivated",
      () => null,
      (request, run) => this.queue(request, run),
    );
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, "workbook/worksheets/getActiveWorksheet()", false, () => {
      const id = this.context.state.activeSheetId;
      return id ? (this.context.state.sheetById(id) ?? null) : null;
    });
  }
}

/** Makes the sheet the active one; WorksheetActivated when that changes anything. */
function activateSheet(context: FakeRequestContext, sheet: FakeSheetState): void {
  if (context.state.activeSheetId === sheet.id) return;
  context.state.activeSheetId = sheet.id;
  context.noteEvent({ type: "WorksheetActivated", worksheetId: sheet.id });
}

function isValidSheetName(name: string): boolean {
  return name.length > 0 && name.length <= 31 && !/[:\\/?*[\]]/.test(name) && !name.startsWith("'") && !name.endsWith("'");
}

function findSheet(context: FakeRequestContext, key: string): FakeSheetState | null {
  return context.state.sheet(key) ?? context.state.sheetById(key) ?? null;
}

function readSheetProperty(sheet: FakeSheetState, prop: string, context: FakeRequestContext): unknown {
  switch (prop) {
    case "name":
      return sheet.name;
    case "id":
      return sheet.id;
    case "position":
      return context.state.sheets.indexOf(sheet);
    case "visibility":
      return sheet.visibility;
    default:
      throw new Error(`fake Excel: Worksheet.${prop} is not modelled`);
  }
}

export class FakeWorksheet extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    path: string,
    nullable: boolean,
    readonly resolve: () => FakeSheetState | null,
  ) {
    super(context, path, nullable);
  }

  exists(): boolean {
    return this.resolve() !== null;
  }

  sheet(): FakeSheetState {
    const s = this.resolve();
    if (!s) throw this.missing();
    return s;
  }

  acceptLoaded(prop: string, value: unknown): void {
    this.applyLoaded(prop, value);
  }

  protected read(path: string): unknown {
    return readSheetProperty(this.sheet(), path, this.context);
  }

  get name(): string {
    return this.get("name");
  }

  get id(): string {
    return this.get("id");
  }

  get position(): number {
    return this.get("position");
  }

  get visibility(): FakeSheetVisibility {
    return this.get("visibility");
  }

  /** Excel keeps at least one sheet visible. */
  set visibility(value: FakeSheetVisibility) {
    this.queue({ op: "set", property: "visibility", value }, () => {
      if (!["Visible", "Hidden", "VeryHidden"].includes(value))
        throw fakeErrors.invalidArgument(`not a sheet visibility: ${String(value)}`);
      const sheet = this.sheet();
      const othersVisible = this.context.state.sheets.some((s) => s !== sheet && s.visibility === "Visible");
      if (value !== "Visible" && !othersVisible) throw fakeErrors.invalidArgument("a workbook must keep at least one visible sheet");
      sheet.visibility = value;
    });
  }

  /** The range at `address`, or the whole sheet without one (A1:XFD1048576). */
  getRange(address?: string): FakeRange {
    const path = `${this.path}/getRange(${quote(address ?? "")})`;
    if (!address) {
      return new FakeRange(this.context, path, false, () => ({
        sheet: this.sheet(),
        area: { top: 1, left: 1, bottom: SHEET_ROWS, right: SHEET_COLUMNS },
      }));
    }
    const parsed = parseAddress(address);
    return new FakeRange(this.context, path, false, () => {
      const sheet = this.sheet();
      if (parsed.sheet !== null && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
        throw fakeErrors.invalidArgument(`${address} is not on sheet ${sheet.name}`);
      }
      return { sheet, area: parsed.area };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    this.requireApi("1.4", "Worksheet.getUsedRangeOrNullObject");
    return new FakeRange(this.context, `${this.path}/getUsedRangeOrNullObject(${valuesOnly})`, true, () => {
      const sheet = this.sheet();
      const area = sheet.usedArea(valuesOnly);
      return area ? { sheet, area } : null;
    });
  }

  activate(): void {
    this.queue({ op: "call", method: "activate" }, () => activateSheet(this.context, this.sheet()));
  }

  /** This sheet's data changed (ExcelApi 1.7). */
  get onChanged(): FakeEventHandlers {
    this.requireApi("1.7", "Worksheet.onChanged");
    return new FakeEventHandlers(
      this.context,
      "WorksheetChanged",
      () => this.sheet().id,
      (request, run) => this.queue(request, run),
    );
  }
}

interface RangeTarget {
  sheet: FakeSheetState;
  area: CellArea;
}

type CellPropertiesOptions = { address?: boolean; format?: { font?: { bold?: boolean; italic?: boolean } } };

export class FakeRange extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    path: string,
    nullable: boolean,
    private readonly resolve: () => RangeTarget | null,
  ) {
    super(context, path, nullable);
  }

  exists(): boolean {
    return this.resolve() !== null;
  }

  target(): RangeTarget {
    const t = this.resolve();
    if (!t) throw this.missing();
    return t;
  }

  acceptLoaded(prop: string, value: unknown): void {
    this.applyLoaded(prop, value);
  }

  protected read(path: string): unknown {
    const { sheet, area } = this.target();
    const grid = <T>(f: (r: number, c: number) => T): T[][] => {
      // A grid this large cannot come back in one response (Excel on the web stops at 5 MB, and
      // at least a byte a cell); refusing it early keeps the fake from building it.
      const cells = (area.bottom - area.top + 1) * (area.right - area.left + 1);
      if (cells > GRID_CELL_LIMIT) throw fakeErrors.responseTooLarge(cells, GRID_CELL_LIMIT);
      const out: T[][] = [];
      for (let r = area.top; r <= area.bottom; r++) {
        const row: T[] = [];
        for (let c = area.left; c <= area.right; c++) row.push(f(r, c));
        out.push(row);
      }
      return out;
    };
    switch (path) {
      case "address":
        return qualifiedAddress(sheet.name, area);
      case "addressLocal":
        return qualifiedAddress(sheet.name, area);
      case "rowCount":
        return area.bottom - area.top + 1;
      case "columnCount":
        return area.right - area.left + 1;
      case "rowIndex":
        return area.top - 1;
      case "columnIndex":
        return area.left - 1;
      case "cellCount":
        return (area.bottom - area.top + 1) * (area.right - area.left + 1);
      case "values":
        return grid((r, c) => sheet.valueAt(r, c));
      case "formulas":
        return grid((r, c) => sheet.formulaAt(r, c));
      case "numberFormat":
        return grid((r, c) => sheet.numberFormatAt(r, c));
      default:
        throw new Error(`fake Excel: Range.${path} is not modelled`);
    }
  }

  get address(): string {
    return this.get("address");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }
  get cellCount(): number {
    return this.get("cellCount");
  }
  get values(): unknown[][] {
    return this.get("values");
  }
  set values(input: unknown[][]) {
    this.write("values", input);
  }
  get formulas(): unknown[][] {
    return this.get("formulas");
  }
  set formulas(input: unknown[][]) {
    this.write("formulas", input);
  }
  get numberFormat(): unknown[][] {
    return this.get("numberFormat");
  }
  set numberFormat(input: unknown[][]) {
    this.write("numberFormat", input);
  }
  /** Setting it on any cell hides or shows the whole column, as in Excel. */
  set columnHidden(hidden: boolean) {
    this.queue({ op: "set", property: "columnHidden", value: hidden }, () => {
      const { sheet, area } = this.target();
      for (let c = area.left; c <= area.right; c++) {
        if (hidden) sheet.hiddenColumns.add(c);
        else sheet.hiddenColumns.delete(c);
      }
    });
  }

  private write(property: "values" | "formulas" | "numberFormat", input: unknown): void {
    const copy = JSON.parse(JSON.stringify(input)) as unknown;
    this.queue({ op: "set", property, value: copy }, () => {
      const { sheet, area } = this.target();
      if (sheet.protected) throw fakeErrors.accessDenied(`sheet ${sheet.name} is protected`);
      const rows = area.bottom - area.top + 1;
      const columns = area.right - area.left + 1;
      // Validate the shape before changing anything; a single value goes to every cell.
      if (Array.isArray(copy) && (copy.length !== rows || copy.some((row) => !Array.isArray(row) || row.length !== columns))) {
        throw fakeErrors.invalidArgument(
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${areaAddress(area)}).`,
        );
      }
      const at = (r: number, c: number): unknown => (Array.isArray(copy) ? (copy as unknown[][])[r][c] : copy);
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < columns; c++) {
          const v = at(r, c);
          const row = area.top + r;
          const column = area.left + c;
          if (property === "numberFormat") {
            if (v === null || v === undefined) continue;
            if (typeof v !== "string") throw fakeErrors.invalidArgument(`number format must be text: ${String(v)}`);
            sheet.cell(row, column).numberFormat = v === "" ? "General" : v;
          } else {
            const existing = sheet.peek(row, column);
            const parsed = parseInput(v, existing?.numberFormat ?? "General");
            if (parsed === "unchanged") continue;
            sheet.cell(row, column).content = parsed;
          }
        }
      }
      this.context.recordWrite({ sheet: sheet.name, address: areaAddress(area), property, rows, columns });
      if (property !== "numberFormat") {
        this.context.noteEvent({
          type: "WorksheetChanged",
          worksheetId: sheet.id,
          address: areaAddress(area),
          changeType: "RangeEdited",
          source: "Local",
          triggerSource: "ThisLocalAddin",
        });
      }
    });
  }

  getCellProperties(options: CellPropertiesOptions): FakeClientResult<Record<string, unknown>[][]> {
    this.requireApi("1.9", "Range.getCellProperties");
    const result = new FakeClientResult<Record<string, unknown>[][]>();
    const wanted = loadPaths(options as Record<string, unknown>);
    for (const w of wanted) {
      if (!["address", "format/font/bold", "format/font/italic"].includes(w))
        throw new Error(`fake Excel: getCellProperties ${w} is not modelled`);
    }
    this.context.enqueue({
      request: { path: this.path, op: "call", method: "getCellProperties", args: [options] },
      execute: () => {
        const { sheet, area } = this.target();
        const out: Record<string, unknown>[][] = [];
        for (let r = area.top; r <= area.bottom; r++) {
          const row: Record<string, unknown>[] = [];
          for (let c = area.left; c <= area.right; c++) {
            const cell = sheet.peek(r, c);
            const props: Record<string, unknown> = {};
            if (wanted.includes("address")) props.address = qualifiedAddress(sheet.name, { top: r, left: c, bottom: r, right: c });
            const font: Record<string, unknown> = {};
            if (wanted.includes("format/font/bold")) font.bold = cell?.bold ?? false;
            if (wanted.includes("format/font/italic")) font.italic = cell?.italic ?? false;
            if (Object.keys(font).length) props.format = { font };
            row.push(props);
          }
          out.push(row);
        }
        return { payload: out, commit: () => result.settle(out) };
      },
    });
    return result;
  }

  /** Row `index` (0-based) of the range; Excel refuses a row outside it. */
  getRow(index: number): FakeRange {
    return new FakeRange(this.context, `${this.path}/getRow(${index})`, false, () => {
      const { sheet, area } = this.target();
      const row = area.top + index;
      if (!Number.isInteger(index) || index < 0 || row > area.bottom) throw fakeErrors.invalidArgument(`row ${index} is outside the range`);
      return { sheet, area: { ...area, top: row, bottom: row } };
    });
  }

  /** The cell at (row, column) from the range's top-left, 0-based; it may lie outside the range, not outside the grid. */
  getCell(row: number, column: number): FakeRange {
    return new FakeRange(this.context, `${this.path}/getCell(${row},${column})`, false, () => {
      const { sheet, area } = this.target();
      const r = area.top + row;
      const c = area.left + column;
      if (r < 1 || c < 1 || r > SHEET_ROWS || c > SHEET_COLUMNS)
        throw fakeErrors.invalidArgument("the cell falls outside the worksheet grid");
      return { sheet, area: { top: r, left: c, bottom: r, right: c } };
    });
  }

  /** The range with its bottom-right corner moved; an error past the sheet's edges or before its top-left. */
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    this.requireApi("1.7", "Range.getResizedRange");
    return new FakeRange(this.context, `${this.path}/getResizedRange(${deltaRows},${deltaColumns})`, false, () => {
      const { sheet, area } = this.target();
      const resized = { ...area, bottom: area.bottom + deltaRows, right: area.right + deltaColumns };
      if (resized.bottom < resized.top || resized.right < resized.left || resized.bottom > SHEET_ROWS || resized.right > SHEET_COLUMNS) {
        throw fakeErrors.invalidArgument("the resized range falls outside the worksheet grid");
      }
      return { sheet, area: resized };
    });
  }

  /** The rectangular intersection with another range on the same sheet, or a null object. */
  getIntersectionOrNullObject(other: FakeRange | string): FakeRange {
    this.requireApi("1.4", "Range.getIntersectionOrNullObject");
    const label = typeof other === "string" ? quote(other) : other.path;
    return new FakeRange(this.context, `${this.path}/getIntersectionOrNullObject(${label})`, true, () => {
      const { sheet, area } = this.target();
      let b: CellArea;
      if (typeof other === "string") {
        const parsed = parseAddress(other);
        if (parsed.sheet !== null && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase())
          throw fakeErrors.invalidArgument(`${other} is not on sheet ${sheet.name}`);
        b = parsed.area;
      } else {
        const t = other.target();
        if (t.sheet !== sheet) throw fakeErrors.invalidArgument("the ranges are on different sheets");
        b = t.area;
      }
      if (!intersects(area, b)) return null;
      return {
        sheet,
        area: {
          top: Math.max(area.top, b.top),
          left: Math.max(area.left, b.left),
          bottom: Math.min(area.bottom, b.bottom),
          right: Math.min(area.right, b.right),
        },
      };
    });
  }

  /**
   * One entry per row of the range with the requested properties; a property that is not the
   * same in every cell of the row is null (as Excel documents for getRowProperties).
   */
  getRowProperties(options: CellPropertiesOptions & { rowIndex?: boolean }): FakeClientResult<Record<string, unknown>[]> {
    this.requireApi("1.9", "Range.getRowProperties");
    const result = new FakeClientResult<Record<string, unknown>[]>();
    const wanted = loadPaths(options as Record<string, unknown>);
    for (const w of wanted) {
      if (!["address", "rowIndex", "format/font/bold", "format/font/italic"].includes(w))
        throw new Error(`fake Excel: getRowProperties ${w} is not modelled`);
    }
    this.context.enqueue({
      request: { path: this.path, op: "call", method: "getRowProperties", args: [options] },
      execute: () => {
        const { sheet, area } = this.target();
        // Per row, the cells that exist in the range's columns (a missing cell is plain).
        const width = area.right - area.left + 1;
        const present = new Map<number, { bold: number; italic: number; count: number }>();
        for (const [k, cell] of sheet.cells) {
          const [r, c] = k.split(":").map(Number);
          if (r < area.top || r > area.bottom || c < area.left || c > area.right) continue;
          const p = present.get(r) ?? { bold: 0, italic: 0, count: 0 };
          p.count++;
          if (cell.bold) p.bold++;
          if (cell.italic) p.italic++;
          present.set(r, p);
        }
        const same = (r: number, flag: "bold" | "italic"): boolean | null => {
          const p = present.get(r);
          const on = p ? p[flag] : 0;
          if (on === 0) return false;
          return on === width ? true : null;
        };
        const out: Record<string, unknown>[] = [];
        for (let r = area.top; r <= area.bottom; r++) {
          const props: Record<string, unknown> = {};
          if (wanted.includes("address")) props.address = qualifiedAddress(sheet.name, { ...area, top: r, bottom: r });
          if (wanted.includes("rowIndex")) props.rowIndex = r - 1;
          const font: Record<string, unknown> = {};
          if (wanted.includes("format/font/bold")) font.bold = same(r, "bold");
          if (wanted.includes("format/font/italic")) font.italic = same(r, "italic");
          if (Object.keys(font).length) props.format = { font };
          out.push(props);
        }
        return { payload: out, commit: () => result.settle(out) };
      },
    });
    return result;
  }

  getMergedAreasOrNullObject(): FakeRangeAreas {
    this.requireApi("1.13", "Range.getMergedAreasOrNullObject");
    return new FakeRangeAreas(this.context, `${this.path}/getMergedAreasOrNullObject()`, () => {
      const { sheet, area } = this.target();
      // Like Excel: only merges whose top-left cell lies inside the range.
      const found = sheet.merges.filter((m) => contains(area, m.top, m.left));
      if (found.length > 512) throw new FakeOfficeError("GeneralException", "There are more than 512 merged areas in the range.");
      return found.length ? { sheet, areas: found } : null;
    });
  }

  select(): void {
    this.queue({ op: "call", method: "select" }, () => {
      const { sheet, area } = this.target();
      activateSheet(this.context, sheet);
      this.context.state.selection = { sheetId: sheet.id, area };
    });
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    this.requireApi("1.6", "Range.conditionalFormats");
    return new FakeConditionalFormatCollection(this.context, `${this.path}/conditionalFormats`, () => this.target());
  }
}

export class FakeRangeAreas extends FakeClientObject {
  private loadedAreas: FakeRange[] | null = null;

  constructor(
    context: FakeRequestContext,
    path: string,
    private readonly resolve: () => { sheet: FakeSheetState; areas: CellArea[] } | null,
    nullable = true,
  ) {
    super(context, path, nullable);
  }

  exists(): boolean {
    return this.resolve() !== null;
  }

  protected read(path: string): unknown {
    const found = this.resolve()!;
    if (path === "address") return found.areas.map((a) => qualifiedAddress(found.sheet.name, a)).join(", ");
    if (path === "areaCount") return found.areas.length;
    if (path === "cellCount") return found.areas.reduce((n, a) => n + (a.bottom - a.top + 1) * (a.right - a.left + 1), 0);
    if (path === "areas/items/address") return found.areas.map((a) => qualifiedAddress(found.sheet.name, a));
    throw new Error(`fake Excel: RangeAreas.${path} is not modelled`);
  }

  protected override applyLoaded(path: string, value: unknown): void {
    if (path !== "areas/items/address") {
      super.applyLoaded(path, value);
      return;
    }
    const addresses = value as string[];
    this.loadedAreas = addresses.map((address, i) => {
      const r = new FakeRange(this.context, `${this.path}/areas/items[${i}]`, false, () => null);
      r.acceptLoaded("address", address);
      return r;
    });
  }

  get address(): string {
    return this.get("address");
  }

  get areaCount(): number {
    return this.get("areaCount");
  }

  get areas(): { items: FakeRange[] } {
    const items = this.loadedAreas;
    return {
      get items(): FakeRange[] {
        if (!items) throw fakeErrors.propertyNotLoaded("areas/items");
        return items;
      },
    };
  }
}

/** One conditional format and the sheet it is on, as a proxy reaches it when its operation runs. */
interface CfTarget {
  sheet: FakeSheetState;
  cf: FakeConditionalFormat;
}

/**
 * Excel's answer when `custom` (not `customOrNullObject`) is loaded on a format of another type:
 * office-js#2180 reports `items/custom/rule/formula` failing the whole batch with "This operation
 * is not permitted for the current object" as soon as one rule of the collection is not custom.
 */
const notCustom = (type: string) =>
  new FakeOfficeError(
    "InvalidOperation",
    `This operation is not permitted for the current object. (a ${type} conditional format has no custom rule)`,
  );

/** A property of a conditional format, by load path ("type", "custom/rule/formula", "customOrNullObject/format/fill/color"…). */
function readConditionalFormat(target: CfTarget, path: string): unknown {
  const { sheet, cf } = target;
  if (path === "type") return cf.type;
  if (path === "id") return cf.id;
  if (path === "priority") return sheet.conditionalFormats.indexOf(cf);
  const custom = /^(custom|customOrNullObject)\/(rule\/formula|format\/fill\/color|format\/font\/color)$/.exec(path);
  if (custom) {
    if (cf.type !== "Custom") {
      if (custom[1] === "custom") throw notCustom(cf.type);
      return null;
    }
    return custom[2] === "rule/formula" ? cf.formula : custom[2] === "format/fill/color" ? cf.fill : cf.fontColor;
  }
  throw new Error(`fake Excel: ConditionalFormat.${path} is not modelled`);
}

/**
 * The conditional formats that overlap a range, in priority order (ExcelApi 1.6): add, clearAll,
 * getCount, getItemAt, and `items` after a load (`load("type")` or `load("items/type")` load the
 * items' properties).
 */
export class FakeConditionalFormatCollection extends FakeClientObject {
  private loadedItems: FakeConditionalFormatProxy[] | null = null;
  /** The formats a load listed, kept from its run until its commit. */
  private listed: CfTarget[] = [];

  constructor(
    context: FakeRequestContext,
    path: string,
    private readonly resolve: () => RangeTarget,
  ) {
    super(context, path, false);
  }

  exists(): boolean {
    return true;
  }

  /** The formats overlapping the range now, highest priority first. */
  private list(): CfTarget[] {
    const { sheet, area } = this.resolve();
    return sheet.conditionalFormatsOn(area).map((cf) => ({ sheet, cf }));
  }

  get items(): FakeConditionalFormatProxy[] {
    if (!this.loadedItems) throw fakeErrors.propertyNotLoaded("items");
    return this.loadedItems;
  }

  override load(arg?: LoadArg): this {
    const paths = loadPaths(arg).map((p) => (p.startsWith("items/") ? p : `items/${p}`));
    return super.load(paths);
  }

  protected read(path: string): unknown {
    if (!path.startsWith("items/")) throw new Error(`fake Excel: ConditionalFormatCollection.${path} is not modelled`);
    this.listed = this.list();
    const prop = path.slice("items/".length);
    return this.listed.map((t) => readConditionalFormat(t, prop));
  }

  protected override applyLoaded(path: string, value: unknown): void {
    const values = value as unknown[];
    const listed = this.listed;
    if (!this.loadedItems || this.loadedItems.length !== listed.length) {
      this.loadedItems = listed.map(
        (t, i) => new FakeConditionalFormatProxy(this.context, `${this.path}/items[${i}]`, () => (isPresent(t) ? t : null)),
      );
    }
    values.forEach((v, i) => this.loadedItems![i].acceptLoaded(path.slice("items/".length), v));
  }

  add(type: string): FakeConditionalFormatProxy {
    let added: CfTarget | null = null;
    const proxy = new FakeConditionalFormatProxy(this.context, `${this.path}/add(${quote(type)})`, () => added);
    this.queue({ op: "call", method: "add", args: [type] }, () => {
      const { sheet, area } = this.resolve();
      if (sheet.protected) throw fakeErrors.accessDenied(`sheet ${sheet.name} is protected`);
      const cf: FakeConditionalFormat = {
        id: this.context.state.newId("cf-"),
        type,
        areas: [area],
        formula: null,
        fill: null,
        fontColor: null,
      };
      sheet.conditionalFormats.unshift(cf); // "adds … at the first/top priority"
      added = { sheet, cf };
    });
    return proxy;
  }

  clearAll(): void {
    this.queue({ op: "call", method: "clearAll" }, () => {
      const { sheet, area } = this.resolve();
      if (sheet.protected) throw fakeErrors.accessDenied(`sheet ${sheet.name} is protected`);
      sheet.clearConditionalFormats(area);
    });
  }

  getCount(): FakeClientResult<number> {
    const result = new FakeClientResult<number>();
    this.context.enqueue({
      request: { path: this.path, op: "call", method: "getCount" },
      execute: () => {
        const n = this.list().length;
        return { payload: n, commit: () => result.settle(n) };
      },
    });
    return result;
  }

  /** The format at `index` in priority order when the batch runs; past the end the batch fails. */
  getItemAt(index: number): FakeConditionalFormatProxy {
    return new FakeConditionalFormatProxy(this.context, `${this.path}/getItemAt(${index})`, () => {
      const list = this.list();
      if (!Number.isInteger(index) || index < 0 || index >= list.length) throw fakeErrors.itemNotFound(`${this.path}/getItemAt(${index})`);
      return list[index];
    });
  }
}

function isPresent(t: CfTarget): boolean {
  return t.sheet.conditionalFormats.includes(t.cf);
}

/**
 * One conditional format: `type`, `custom`/`customOrNullObject` (rule formula, fill and font
 * colour, set and loaded), `getRange`/`getRangeOrNullObject` (1.6; one area only), `getRanges`
 * (1.9, every area) and `delete`. A format deleted since is ItemNotFound.
 */
export class FakeConditionalFormatProxy extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    path: string,
    private readonly resolveTarget: () => CfTarget | null,
  ) {
    super(context, path, false);
  }

  private target(): CfTarget {
    const t = this.resolveTarget();
    if (!t || !isPresent(t)) throw this.missing();
    return t;
  }

  exists(): boolean {
    const t = this.resolveTarget();
    return t !== null && isPresent(t);
  }

  acceptLoaded(prop: string, value: unknown): void {
    this.applyLoaded(prop, value);
  }

  /** Loading through `customOrNullObject` also settles its `isNullObject`. */
  protected override applyLoaded(path: string, value: unknown): void {
    super.applyLoaded(path, value);
    const t = this.resolveTarget();
    if (path.startsWith("customOrNullObject/") && t) this.loaded.set("customOrNullObject/isNullObject", t.cf.type !== "Custom");
  }

  protected read(path: string): unknown {
    return readConditionalFormat(this.target(), path);
  }

  get type(): string {
    return this.get("type");
  }

  private setField(field: "formula" | "fill" | "fontColor", value: string, request: string): void {
    this.queue({ op: "set", property: request, value }, () => {
      const { cf } = this.target();
      if (cf.type !== "Custom") throw fakeErrors.invalidArgument(`conditional format is ${cf.type}, not Custom`);
      if (field === "formula") checkFormula(value);
      cf[field] = value;
    });
  }

  /** The custom rule: setters queue, getters read what a load brought (`prefix` is the load path used). */
  private customView(prefix: "custom" | "customOrNullObject") {
    const self = this;
    const read = (p: string): string | null => self.get(`${prefix}/${p}`);
    return {
      rule: {
        get formula(): string | null {
          return read("rule/formula");
        },
        set formula(value: string) {
          self.setField("formula", value, `${prefix}/rule/formula`);
        },
      },
      format: {
        fill: {
          get color(): string | null {
            return read("format/fill/color");
          },
          set color(value: string) {
            self.setField("fill", value, `${prefix}/format/fill/color`);
          },
        },
        font: {
          get color(): string | null {
            return read("format/font/color");
          },
          set color(value: string) {
            self.setField("fontColor", value, `${prefix}/format/font/color`);
          },
        },
      },
    };
  }

  get custom() {
    return this.customView("custom");
  }

  /** Like `custom`, and null (not an error) on a format of another type once loaded. */
  get customOrNullObject() {
    const self = this;
    return Object.assign(this.customView("customOrNullObject"), {
      get isNullObject(): boolean {
        return self.get<boolean>("customOrNullObject/isNullObject");
      },
    });
  }

  /** The single range the format applies to; the batch fails when it has several (ExcelApi 1.6). */
  getRange(): FakeRange {
    return new FakeRange(this.context, `${this.path}/getRange()`, false, () => {
      const { sheet, cf } = this.target();
      if (cf.areas.length !== 1) throw fakeErrors.invalidArgument("the conditional format applies to several ranges");
      return { sheet, area: cf.areas[0] };
    });
  }

  /** The single range, or a null object when the format applies to several (ExcelApi 1.6). */
  getRangeOrNullObject(): FakeRange {
    return new FakeRange(this.context, `${this.path}/getRangeOrNullObject()`, true, () => {
      const { sheet, cf } = this.target();
      return cf.areas.length === 1 ? { sheet, area: cf.areas[0] } : null;
    });
  }

  /** Every area the format applies to (ExcelApi 1.9). */
  getRanges(): FakeRangeAreas {
    this.requireApi("1.9", "ConditionalFormat.getRanges");
    return new FakeRangeAreas(
      this.context,
      `${this.path}/getRanges()`,
      () => {
        const t = this.resolveTarget();
        return t && isPresent(t) ? { sheet: t.sheet, areas: t.cf.areas } : null;
      },
      false,
    );
  }

  delete(): void {
    this.queue({ op: "call", method: "delete" }, () => {
      const { sheet, cf } = this.target();
      if (sheet.protected) throw fakeErrors.accessDenied(`sheet ${sheet.name} is protected`);
      sheet.conditionalFormats = sheet.conditionalFormats.filter((c) => c !== cf);
    });
  }
}

export class FakeSettingCollection extends FakeClientObject {
  constructor(context: FakeRequestContext) {
    super(context, "workbook/settings", false);
  }

  exists(): boolean {
    return true;
  }

  protected read(path: string): unknown {
    throw new Error(`fake Excel: SettingCollection.${path} is not modelled`);
  }

  add(key: string, value: unknown): FakeSetting {
    const copy = value === undefined ? null : JSON.parse(JSON.stringify(value));
    this.queue({ op: "call", method: "add", args: [key, copy] }, () => this.context.state.setSetting(key, copy));
    return new FakeSetting(this.context, `${this.path}/getItem(${quote(key)})`, false, key);
  }

  getItem(key: string): FakeSetting {
    return new FakeSetting(this.context, `${this.path}/getItem(${quote(key)})`, false, key);
  }

  getItemOrNullObject(key: string): FakeSetting {
    this.requireApi("1.4", "SettingCollection.getItemOrNullObject");
    return new FakeSetting(this.context, `${this.path}/getItemOrNullObject(${quote(key)})`, true, key);
  }
}

export class FakeSetting extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    path: string,
    nullable: boolean,
    readonly settingKey: string,
  ) {
    super(context, path, nullable);
  }

  exists(): boolean {
    return this.context.state.settings.has(this.settingKey);
  }

  protected read(path: string): unknown {
    if (path === "key") return this.settingKey;
    if (path === "value") return this.context.state.settings.get(this.settingKey);
    throw new Error(`fake Excel: Setting.${path} is not modelled`);
  }

  get key(): string {
    return this.get("key");
  }

  get value(): unknown {
    return this.get("value");
  }

  set value(v: unknown) {
    const copy = v === undefined ? null : JSON.parse(JSON.stringify(v));
    this.queue({ op: "set", property: "value", value: copy }, () => this.context.state.setSetting(this.settingKey, copy));
  }

  delete(): void {
    this.queue({ op: "call", method: "delete" }, () => {
      this.context.state.settings.delete(this.settingKey);
    });
  }
}

/**
 * `workbook.names`: the workbook-scoped defined names. `add` (1.4) takes a formula in invariant
 * syntax ("=DATE(2023,9,30)") or a range; a name already there (compared without case) fails with
 * ItemAlreadyExists, an invalid one or a constant without "=" with InvalidArgument (as Excel on
 * the web does). Worksheet-scoped names are not modelled.
 */
export class FakeNamedItemCollection extends FakeClientObject {
  constructor(context: FakeRequestContext) {
    super(context, "workbook/names", false);
  }

  exists(): boolean {
    return true;
  }

  protected read(path: string): unknown {
    throw new Error(`fake Excel: NamedItemCollection.${path} is not modelled`);
  }

  add(name: string, reference: string | FakeRange, comment?: string): FakeNamedItem {
    this.requireApi("1.4", "NamedItemCollection.add");
    this.queue(
      { op: "call", method: "add", args: [name, typeof reference === "string" ? reference : reference.path, comment ?? ""] },
      () => {
        let formula: string;
        if (typeof reference === "string") {
          if (!reference.startsWith("=")) throw fakeErrors.invalidArgument(`a name's reference must be a formula or a range: ${reference}`);
          formula = reference;
        } else {
          const { sheet, area } = reference.target();
          formula = `=${absoluteAddress(sheet.name, area)}`;
        }
        this.context.state.addName(name, formula, comment ?? "");
      },
    );
    return new FakeNamedItem(this.context, `${this.path}/getItem(${quote(name)})`, false, name);
  }

  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, `${this.path}/getItem(${quote(name)})`, false, name);
  }

  getItemOrNullObject(name: string): FakeNamedItem {
    this.requireApi("1.4", "NamedItemCollection.getItemOrNullObject");
    return new FakeNamedItem(this.context, `${this.path}/getItemOrNullObject(${quote(name)})`, true, name);
  }

  getCount(): FakeClientResult<number> {
    this.requireApi("1.4", "NamedItemCollection.getCount");
    const result = new FakeClientResult<number>();
    this.context.enqueue({
      request: { path: this.path, op: "call", method: "getCount" },
      execute: () => {
        const n = this.context.state.names.size;
        return { payload: n, commit: () => result.settle(n) };
      },
    });
    return result;
  }
}

function absoluteAddress(sheet: string, area: CellArea): string {
  const quoted = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  const corner = (row: number, column: number) =>
    areaAddress({ top: row, bottom: row, left: column, right: column }).replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
  const single = area.top === area.bottom && area.left === area.right;
  return `${quoted}!${corner(area.top, area.left)}${single ? "" : `:${corner(area.bottom, area.right)}`}`;
}

export class FakeNamedItem extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    path: string,
    nullable: boolean,
    readonly itemName: string,
  ) {
    super(context, path, nullable);
  }

  private item() {
    return this.context.state.names.get(this.itemName.toLowerCase());
  }

  exists(): boolean {
    return this.item() !== undefined;
  }

  protected read(path: string): unknown {
    const item = this.item()!;
    switch (path) {
      case "name":
        return item.name;
      case "formula":
        if (!this.context.state.isSetSupported("ExcelApi", "1.7")) throw fakeErrors.apiNotFound("NamedItem.formula", "1.7");
        return item.formula;
      case "comment":
        return item.comment;
      case "visible":
        return item.visible;
      default:
        throw new Error(`fake Excel: NamedItem.${path} is not modelled`);
    }
  }

  get name(): string {
    return this.get("name");
  }

  get formula(): string {
    return this.get("formula");
  }

  /** What the name refers to, in invariant syntax (ExcelApi 1.7). */
  set formula(value: string) {
    this.requireApi("1.7", "NamedItem.formula");
    this.queue({ op: "set", property: "formula", value }, () => {
      if (typeof value !== "string" || !value.startsWith("="))
        throw fakeErrors.invalidArgument(`a name's formula starts with "=": ${value}`);
      checkFormula(value);
      this.item()!.formula = value;
    });
  }

  get comment(): string {
    return this.get("comment");
  }

  get visible(): boolean {
    return this.get("visible");
  }

  delete(): void {
    this.requireApi("1.4", "NamedItem.delete");
    this.queue({ op: "call", method: "delete" }, () => {
      this.context.state.names.delete(this.itemName.toLowerCase());
    });
  }
}
