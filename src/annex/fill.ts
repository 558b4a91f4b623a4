/**
 * The fill plan: for each data row, the live formula each formula column should hold, and every
 * cell whose content would change, with its old and new value, for a person to review first.
 */
import { evaluate, guardedFormula } from "./formulaSpec";
import { cellKey, type AnnexColumn, type AnnexTable, type CellNumber, type CellWrite, type FillPlan, type SkippedCell } from "./model";
import { decimalsOfFormat, isPercentFormat, parseNumberText } from "./numbers";
import { cellAddress, isBlankValue, isErrorValue, type SheetSnapshot, type SheetView } from "./snapshot";
import { indexTable, type TableIndex } from "./tableIndex";

export function planFill(snapshot: SheetSnapshot, table: AnnexTable, index: TableIndex = indexTable(snapshot, table)): FillPlan {
  const { view, columnByLabel: byLabel } = index;
  // Keyed by row and column as one number: a "row:column" string per cell is the slow part at scale.
  const writes = new Map<number, CellWrite>();
  const skipped: SkippedCell[] = [];

  for (const target of table.columns) {
    const spec = target.formula;
    if (!spec) continue;
    const operandColumns = spec.operands.map((label) => byLabel.get(label)!);
    // One formula per column with a row placeholder: building it per row is the slow part.
    const ROW = "\u0000";
    const formulaParts = guardedFormula(spec.expr, (label) => `${byLabel.get(label)!.letter}${ROW}`).split(ROW);
    const operandValues: number[] = new Array(operandColumns.length);
    const operandValue = (label: string) => operandValues[spec.operands.indexOf(label)];
    for (const row of table.rows) {
      const r = row.row;
      if (row.kind === "section" || view.merge(r, target.column)) continue;
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
          const numberFormat = targetFormat(view, r, target, operandColumns, writes, spec.percent);
          const shown = { old: current, oldFormula, new: "" as const, changesValue: !isBlankValue(current) };
          writes.set(cellKey(r, target.column), formulaWrite(r, target.column, formula, numberFormat, shown));
        }
        continue;
      }
      if (typeof current === "string" && !isBlankValue(current) && !parseNumberText(current) && !isErrorValue(current)) {
        skipped.push({ cell: cellAddress(r, target.column), row: r, column: target.column, reason: "text", value: current });
        continue;
      }

      // Operands typed as text become numbers first, or the live formula could not read them.
      for (const col of operandColumns) {
        const n = index.number(r, col.column)!;
        if (n.storedAsText) addNumberWrite(writes, view, r, col, n);
      }

      if (oldFormula === formula) continue;
      const value = evaluate(spec.expr, operandValue);
      const numberFormat = targetFormat(view, r, target, operandColumns, writes, spec.percent);
      const old = index.number(r, target.column)?.value ?? current;
      const shown = {
        old: current,
        oldFormula,
        new: value === null ? "" : Number(value.toPrecision(15)),
        changesValue: !sameShownValue(old, value, numberFormat),
      };
      writes.set(cellKey(r, target.column), formulaWrite(r, target.column, formula, numberFormat, shown));
    }
  }
  const ordered = [...writes.values()].sort((a, b) => a.row - b.row || a.column - b.column);
  return { sheet: table.sheet, writes: ordered, skipped };
}

function formulaWrite(
  row: number,
  column: number,
  formula: string,
  numberFormat: string,
  shown: Pick<CellWrite, "old" | "oldFormula" | "new" | "changesValue">,
): CellWrite {
  return { cell: cellAddress(row, column), row, column, kind: "formula", formula, numberFormat, ...shown };
}

function addNumberWrite(writes: Map<number, CellWrite>, view: SheetView, row: number, col: AnnexColumn, n: CellNumber): void {
  const key = cellKey(row, col.column);
  if (writes.has(key)) return;
  const address = cellAddress(row, col.column);
  const digits = n.percent ? Math.max(0, n.decimals - 2) : n.decimals;
  const fraction = digits > 0 ? "." + "0".repeat(digits) : "";
  writes.set(key, {
    cell: address,
    row,
    column: col.column,
    kind: "number",
    value: n.value,
    numberFormat: n.percent ? `0${fraction}%` : `#,##0${fraction}`,
    old: view.value(row, col.column),
    oldFormula: "",
    new: n.value,
    changesValue: false,
  });
}

/** A ratio shows as a percentage; other results keep the cell's own format, else their operand's. */
function targetFormat(
  view: SheetView,
  row: number,
  target: AnnexColumn,
  operands: AnnexColumn[],
  writes: Map<number, CellWrite>,
  percent: boolean,
): string {
  const own = view.numberFormat(row, target.column);
  const usable = (f: string | undefined) => f !== undefined && f !== "" && !/^(general|@)$/i.test(f);
  if (percent) return isPercentFormat(own) ? own : "0.0%";
  if (usable(own) && !isPercentFormat(own)) return own;
  for (const col of operands) {
    const f = writes.get(cellKey(row, col.column))?.numberFormat ?? view.numberFormat(row, col.column);
    if (usable(f)) return f;
  }
  return "General";
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
