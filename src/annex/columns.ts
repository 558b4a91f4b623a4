/** Columns of a recognised table: header labels, number-row labels, roles and formula specs. */
import { parseFormulaSpec, numberRowLabel } from "./formulaSpec";
import { roleFromHeader } from "./headers";
import type { AnnexColumn, ColumnRole } from "./model";
import { columnLetter, type SheetView } from "./snapshot";
import { cellText } from "./text";

/** Roles whose cells hold words, never figures: a number-row label on them is not an operand. */
const TEXT_ROLES: ReadonlySet<ColumnRole> = new Set([
  "ordinal",
  "name",
  "unit",
  "lead",
  "partner",
  "deadline",
  "status",
  "note",
  "completedOn",
  "source",
  "product",
]);

export function assignColumns(
  view: SheetView,
  headerRows: number[],
  numberRow: number | null,
  left: number,
  right: number,
  nameColumn: number,
  corrections: Record<string, ColumnRole> = {},
): AnnexColumn[] {
  const columns: AnnexColumn[] = [];
  for (let c = left; c <= right; c++) {
    const labels: string[] = [];
    for (const r of headerRows) {
      const text = cellText(view.shownValue(r, c));
      if (text && labels[labels.length - 1] !== text) labels.push(text);
    }
    const numberText = numberRow === null ? "" : cellText(view.value(numberRow, c));
    let role = roleFromHeader(labels) ?? "value";
    if (role === "name" && c !== nameColumn) role = "value";
    if (c === nameColumn) role = "name";
    // A person's correction wins; "formula" cannot be forced: only the number row defines formulas.
    const corrected = corrections[columnLetter(c)];
    if (corrected && corrected !== "formula") role = corrected;
    columns.push({
      column: c,
      letter: columnLetter(c),
      number: numberText ? numberRowLabel(numberText) : null,
      role,
      labels,
      header: labels.join(" › "),
    });
  }

  if (numberRow !== null) {
    const byLabel = new Map(columns.filter((c) => c.number).map((c) => [c.number!, c]));
    const isColumn = (label: string) => {
      const col = byLabel.get(label);
      return col !== undefined && !TEXT_ROLES.has(col.role);
    };
    for (const col of columns) {
      const text = numberRow === null ? "" : cellText(view.value(numberRow, col.column));
      if (!/[=＝]/.test(text) || (corrections[col.letter] && corrections[col.letter] !== "formula")) continue;
      const spec = parseFormulaSpec(text, isColumn);
      if (spec && spec.operands.every((label) => byLabel.has(label))) {
        col.role = "formula";
        col.formula = spec;
      }
    }
  }
  return columns;
}
