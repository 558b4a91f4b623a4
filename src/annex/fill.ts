/**
 * The fill plan: for each data row, the live formula each formula column should hold, and every
 * cell whose content would change, with its old and new value, for a person to review first.
 */
import { evaluate, guardedFormula } from "./formulaSpec";
import type { AnnexColumn, AnnexTable, CellNumber, CellWrite, FillPlan, FormulaSpec, SkippedCell } from "./model";
import { decimalsOfFormat, isPercentFormat, parseNumberText } from "./numbers";
import { cellAddress, isBlankValue, isErrorValue, type CellValue, type SheetSnapshot, type SheetView } from "./snapshot";
import { indexTable, type TableIndex } from "./tableIndex";

/** One formula column: the formula as parts to join with a row number ("=IF(…E", "…F", ")"), built once. */
interface FormulaColumn {
  target: AnnexColumn;
  spec: FormulaSpec;
  operandColumns: AnnexColumn[];
  formulaParts: string[];
  /** The row's operand values, in the order of `spec.operands`: one array for all rows. */
  operandValues: number[];
  operandValue: (label: string) => number;
}

export function planFill(snapshot: SheetSnapshot, table: AnnexTable, index: TableIndex = indexTable(snapshot, table)): FillPlan {
  const byLabel = index.columnByLabel;
  const ROW = "\u0000";
  const formulaColumns: FormulaColumn[] = table.columns
    .filter((c) => c.formula)
    .map((target) => {
      const spec = target.formula!;
      const operandValues: number[] = new Array(spec.operands.length).fill(0);
      return {
        target,
        spec,
        operandColumns: spec.operands.map((label) => byLabel.get(label)!),
        formulaParts: guardedFormula(spec.expr, (label) => `${byLabel.get(label)!.letter}${ROW}`).split(ROW),
        operandValues,
        operandValue: (label: string) => operandValues[spec.operands.indexOf(label)],
      };
    });
  const writes: CellWrite[] = [];
  const skipped: SkippedCell[] = [];
  // Row by row, so the writes come out in sheet order.
  const rowWrites = new RowWrites();
  for (const row of table.rows) {
    if (row.kind === "section" || formulaColumns.length === 0) continue;
    for (const column of formulaColumns) planCell(index, row.row, column, rowWrites, skipped);
    rowWrites.moveInto(writes);
  }
  return { sheet: table.sheet, writes, skipped };
}

/**
 * The writes of one row, one per column: a formula written into a cell replaces a number written
 * there, and a later formula's format follows its operands'. A few cells, so a short list, reused
 * from row to row (a map or a sort per row costs more than the row's own work).
 */
class RowWrites {
  private readonly writes: CellWrite[] = [];

  get(column: number): CellWrite | undefined {
    for (const w of this.writes) if (w.column === column) return w;
    return undefined;
  }

  set(write: CellWrite): void {
    const i = this.writes.findIndex((w) => w.column === write.column);
    if (i >= 0) this.writes[i] = write;
    else this.writes.push(write);
  }

  /** Appends the row's writes in column order and empties the list. */
  moveInto(out: CellWrite[]): void {
    const writes = this.writes;
    for (let i = 1; i < writes.length; i++) {
      for (let j = i; j > 0 && writes[j - 1].column > writes[j].column; j--) [writes[j - 1], writes[j]] = [writes[j], writes[j - 1]];
    }
    for (const w of writes) out.push(w);
    writes.length = 0;
  }
}

function planCell(
  index: TableIndex,
  r: number,
  { target, spec, operandColumns, formulaParts, operandValues, operandValue }: FormulaColumn,
  rowWrites: RowWrites,
  skipped: SkippedCell[],
): void {
  const view = index.view;
  if (view.merge(r, target.column)) return;
  const formula = formulaParts.join(String(r));
  const current = view.value(r, target.column);
  const oldFormula = view.formula(r, target.column);
  let missing = false;
  for (let i = 0; i < operandColumns.length; i++) {
    const n = index.number(r, operandColumns[i].column);
    if (n === undefined) missing = true;
    else operandValues[i] = n.value;
  }
  if (missing) {
    // An operand is missing: only a live formula or an error gives way, to the guarded formula showing "".
    if ((oldFormula || isErrorValue(current)) && oldFormula !== formula) {
      const numberFormat = targetFormat(view, r, target, operandColumns, rowWrites, spec.percent);
      rowWrites.set(formulaWrite(r, target, formula, numberFormat, current, oldFormula, "", !isBlankValue(current)));
    }
    return;
  }
  if (typeof current === "string" && !isBlankValue(current) && !parseNumberText(current) && !isErrorValue(current)) {
    skipped.push({ cell: cellAddress(r, target.column), row: r, column: target.column, reason: "text", value: current });
    return;
  }

  // Operands typed as text become numbers first, or the live formula could not read them.
  for (const col of operandColumns) {
    const n = index.number(r, col.column)!;
    if (n.storedAsText && !rowWrites.get(col.column)) rowWrites.set(numberWrite(view, r, col, n));
  }

  if (oldFormula === formula) return;
  const value = evaluate(spec.expr, operandValue);
  const numberFormat = targetFormat(view, r, target, operandColumns, rowWrites, spec.percent);
  const old = index.number(r, target.column)?.value ?? current;
  // Fifteen significant digits, as Excel shows: 0.1 + 0.2 is 0.3.
  const shown = value === null ? "" : Number.isInteger(value) ? value : Number(value.toPrecision(15));
  rowWrites.set(formulaWrite(r, target, formula, numberFormat, current, oldFormula, shown, !sameShownValue(old, value, numberFormat)));
}

function formulaWrite(
  row: number,
  target: AnnexColumn,
  formula: string,
  numberFormat: string,
  old: CellValue,
  oldFormula: string,
  shown: CellValue,
  changesValue: boolean,
): CellWrite {
  return {
    cell: `${target.letter}${row}`,
    row,
    column: target.column,
    kind: "formula",
    formula,
    numberFormat,
    old,
    oldFormula,
    new: shown,
    changesValue,
  };
}

function numberWrite(view: SheetView, row: number, col: AnnexColumn, n: CellNumber): CellWrite {
  const digits = n.percent ? Math.max(0, n.decimals - 2) : n.decimals;
  const fraction = digits > 0 ? "." + "0".repeat(digits) : "";
  return {
    cell: `${col.letter}${row}`,
    row,
    column: col.column,
    kind: "number",
    value: n.value,
    numberFormat: n.percent ? `0${fraction}%` : `#,##0${fraction}`,
    old: view.value(row, col.column),
    oldFormula: "",
    new: n.value,
    changesValue: false,
  };
}

/** A ratio shows as a percentage; other results keep the cell's own format, else their operand's. */
function targetFormat(
  view: SheetView,
  row: number,
  target: AnnexColumn,
  operands: AnnexColumn[],
  rowWrites: RowWrites,
  percent: boolean,
): string {
  const own = view.numberFormat(row, target.column);
  if (percent) return isPercentFormat(own) ? own : "0.0%";
  if (usable(own) && !isPercentFormat(own)) return own;
  for (const col of operands) {
    const f = rowWrites.get(col.column)?.numberFormat ?? view.numberFormat(row, col.column);
    if (usable(f)) return f;
  }
  return "General";
}

function usable(format: string | undefined): format is string {
  return format !== undefined && format !== "" && !/^(general|@)$/i.test(format);
}

/** Whether two values look the same once shown with the cell's number format. */
function sameShownValue(old: unknown, value: number | null, numberFormat: string): boolean {
  if (value === null) return isBlankValue(old as null);
  const oldNumber = typeof old === "number" ? old : null;
  if (oldNumber === null) return false;
  const decimals = /^general$/i.test(numberFormat) ? 10 : decimalsOfFormat(numberFormat, value);
  const scale = 10 ** decimals;
  return Math.round(oldNumber * scale) === Math.round(value * scale);
}
