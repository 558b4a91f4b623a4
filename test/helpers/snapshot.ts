/** Build engine snapshots in tests from rows of values placed anywhere on a sheet. */
import { parseAreaAddress, parseCellAddress, type CellValue, type SheetSnapshot } from "../../src/annex";

export interface SheetSpec {
  sheet?: string;
  /** Where rows[0][0] goes (default A1). */
  at?: string;
  rows: CellValue[][];
  merges?: string[];
  /** Sheet rows (1-based) whose cells are bold. */
  boldRows?: number[];
  /** Number formats by cell address. */
  formats?: Record<string, string>;
  formulas?: Record<string, string>;
}

export function buildSnapshot(spec: SheetSpec): SheetSnapshot {
  const origin = parseCellAddress(spec.at ?? "A1");
  const width = Math.max(...spec.rows.map((r) => r.length)) + origin.column - 1;
  const height = spec.rows.length + origin.row - 1;
  const values: CellValue[][] = [];
  const formulas: string[][] = [];
  const numberFormats: string[][] = [];
  const bold: boolean[][] = [];
  for (let r = 1; r <= height; r++) {
    values.push([]);
    formulas.push([]);
    numberFormats.push([]);
    bold.push([]);
    for (let c = 1; c <= width; c++) {
      const v = spec.rows[r - origin.row]?.[c - origin.column];
      values[r - 1].push(v === undefined ? null : v);
      formulas[r - 1].push("");
      numberFormats[r - 1].push("General");
      bold[r - 1].push(spec.boldRows?.includes(r) ?? false);
    }
  }
  for (const [address, format] of Object.entries(spec.formats ?? {})) {
    const { row, column } = parseCellAddress(address);
    numberFormats[row - 1][column - 1] = format;
  }
  for (const [address, formula] of Object.entries(spec.formulas ?? {})) {
    const { row, column } = parseCellAddress(address);
    formulas[row - 1][column - 1] = formula;
  }
  return {
    sheet: spec.sheet ?? "Sheet1",
    top: 1,
    left: 1,
    values,
    formulas,
    numberFormats,
    bold,
    merges: (spec.merges ?? []).map(parseAreaAddress),
  };
}
