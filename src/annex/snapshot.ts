/**
 * A plain, host-independent picture of one worksheet: what every adapter (Excel, .xlsx, tests)
 * produces and what the engine reads. Coordinates are 1-based sheet rows and columns.
 */

/** A cell's value as Excel reports it: error cells are their error text ("#REF!", "#DIV/0!", …). */
export type CellValue = string | number | boolean | null;

/** An inclusive block of cells, 1-based. */
export interface CellArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetSnapshot {
  sheet: string;
  /** Sheet row and column of `values[0][0]` (the used range need not start at A1). */
  top: number;
  left: number;
  /** Rectangular grid of values; `null` for an empty cell. */
  values: CellValue[][];
  /** Same shape: the formula text ("=E7/F7") of a formula cell, "" for any other cell. */
  formulas?: string[][];
  /** Same shape: en-US number format codes ("0.0%", "#,##0.00", "General"). */
  numberFormats?: string[][];
  bold?: boolean[][];
  italic?: boolean[][];
  merges: CellArea[];
}

export const EXCEL_ERRORS = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"];

const ERROR_TEXTS = new Set(EXCEL_ERRORS);

export function isErrorValue(value: CellValue): value is string {
  // Every error text has a "#": most cells are ruled out without copying their text.
  return typeof value === "string" && value.includes("#") && ERROR_TEXTS.has(value.trim().toUpperCase());
}

/** Letters by column number, made once each: addresses are written for tens of thousands of cells. */
const letters: string[] = [];

export function columnLetter(column: number): string {
  let known = letters[column];
  if (known === undefined) {
    known = "";
    for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) known = String.fromCharCode(65 + ((n - 1) % 26)) + known;
    if (Number.isInteger(column) && column > 0 && column <= 16_384) letters[column] = known;
  }
  return known;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

export function parseCellAddress(address: string): { row: number; column: number } {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!match) throw new Error(`Not a cell address: ${address}`);
  return { row: Number(match[2]), column: columnNumber(match[1]) };
}

export function areaAddress(area: CellArea): string {
  const start = cellAddress(area.top, area.left);
  const end = cellAddress(area.bottom, area.right);
  return start === end ? start : `${start}:${end}`;
}

export function parseAreaAddress(address: string): CellArea {
  const [start, end = start] = address.split(":");
  const a = parseCellAddress(start);
  const b = parseCellAddress(end);
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.column, b.column),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.column, b.column),
  };
}

/** Read access to a snapshot by sheet coordinates, with merged cells resolved to their anchor. */
export class SheetView {
  readonly bottom: number;
  readonly right: number;
  /** Merged areas by cell (row * 16384 + column: a number key, not a string per lookup). */
  private readonly mergeAnchor = new Map<number, CellArea>();

  constructor(readonly snapshot: SheetSnapshot) {
    this.bottom = snapshot.top + snapshot.values.length - 1;
    // A loop, not Math.max(...rows): spreading a sheet of 100,000 rows overflows the call stack.
    let width = 0;
    for (const row of snapshot.values) width = Math.max(width, row.length);
    this.right = snapshot.left + width - 1;
    for (const area of snapshot.merges) {
      for (let r = area.top; r <= area.bottom; r++) {
        for (let c = area.left; c <= area.right; c++) this.mergeAnchor.set(r * 16_384 + c, area);
      }
    }
  }

  get top(): number {
    return this.snapshot.top;
  }

  get left(): number {
    return this.snapshot.left;
  }

  private at<T>(grid: T[][] | undefined, row: number, column: number): T | undefined {
    return grid?.[row - this.snapshot.top]?.[column - this.snapshot.left];
  }

  /** The cell's own value (a covered cell of a merge is usually empty). */
  value(row: number, column: number): CellValue {
    return this.at(this.snapshot.values, row, column) ?? null;
  }

  /** The value shown in the cell: the merge anchor's value for a cell inside a merged area. */
  shownValue(row: number, column: number): CellValue {
    const merge = this.merge(row, column);
    if (merge) return this.value(merge.top, merge.left);
    return this.value(row, column);
  }

  formula(row: number, column: number): string {
    const f = this.at(this.snapshot.formulas, row, column);
    return typeof f === "string" && f.startsWith("=") ? f : "";
  }

  numberFormat(row: number, column: number): string {
    return this.at(this.snapshot.numberFormats, row, column) ?? "General";
  }

  isBold(row: number, column: number): boolean {
    const merge = this.merge(row, column);
    return Boolean(merge ? this.at(this.snapshot.bold, merge.top, merge.left) : this.at(this.snapshot.bold, row, column));
  }

  isItalic(row: number, column: number): boolean {
    return Boolean(this.at(this.snapshot.italic, row, column));
  }

  merge(row: number, column: number): CellArea | undefined {
    return this.mergeAnchor.size === 0 ? undefined : this.mergeAnchor.get(row * 16_384 + column);
  }

  isBlank(row: number, column: number): boolean {
    return isBlankValue(this.shownValue(row, column));
  }

  isRowBlank(row: number, left = this.left, right = this.right): boolean {
    for (let c = left; c <= right; c++) if (!isBlankValue(this.value(row, c))) return false;
    return true;
  }
}

export function isBlankValue(value: CellValue): boolean {
  return value === null || (typeof value === "string" && value.trim() === "");
}
