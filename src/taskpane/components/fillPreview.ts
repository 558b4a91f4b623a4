/**
 * The fill plan as a planner reads it: what each write does to the cell (fills an empty cell,
 * replaces a figure someone typed, changes a formula's result…), per-column counts, and the
 * column formula in words ("cột 4 / cột 5").
 */
import type { AnnexColumn, CellWrite, Expr, FillPlan } from "../../annex";

/**
 * - overwrite: replaces a figure typed into the cell (no formula) with a different value;
 * - recalc: replaces a formula whose result differs;
 * - fill: the cell is empty;
 * - conversion: a number typed as text becomes a number;
 * - same: the shown value stays, the cell gets the live formula.
 */
export type WriteKind = "overwrite" | "recalc" | "fill" | "conversion" | "same";

/** The order the preview lists them in: what a person most needs to check first. */
export const WRITE_KIND_ORDER: WriteKind[] = ["overwrite", "recalc", "fill", "conversion", "same"];

function isBlank(value: CellWrite["old"]): boolean {
  return value === null || (typeof value === "string" && value.trim() === "");
}

export function writeKind(write: CellWrite): WriteKind {
  if (write.kind === "number") return "conversion";
  if (isBlank(write.old)) return "fill";
  if (!write.changesValue) return "same";
  return write.oldFormula ? "recalc" : "overwrite";
}

export interface PreviewWrite {
  write: CellWrite;
  kind: WriteKind;
}

/** Every write with its kind, overwrites of typed figures first, then by kind, then in sheet order. */
export function previewWrites(plan: FillPlan): PreviewWrite[] {
  const rank = new Map(WRITE_KIND_ORDER.map((k, i) => [k, i]));
  return plan.writes
    .map((write) => ({ write, kind: writeKind(write) }))
    .sort((a, b) => rank.get(a.kind)! - rank.get(b.kind)! || a.write.row - b.write.row || a.write.column - b.write.column);
}

export interface ColumnSummary {
  letter: string;
  column: AnnexColumn | undefined;
  cells: number;
  /** Cells that now hold a different number (typed or a formula's result). */
  differing: number;
  /** The formula written to the column's first row, for the disclosure. */
  example: CellWrite | undefined;
}

/** One line per column the fill writes to, in column order. */
export function columnSummaries(writes: PreviewWrite[], columns: AnnexColumn[]): ColumnSummary[] {
  const byColumn = new Map<number, ColumnSummary>();
  for (const { write, kind } of writes) {
    let summary = byColumn.get(write.column);
    if (!summary) {
      const column = columns.find((c) => c.column === write.column);
      summary = { letter: write.cell.replace(/\d+$/, ""), column, cells: 0, differing: 0, example: undefined };
      byColumn.set(write.column, summary);
    }
    summary.cells++;
    if (kind === "overwrite" || kind === "recalc") summary.differing++;
    if (write.kind === "formula" && (!summary.example || write.row < summary.example.row)) summary.example = write;
  }
  return [...byColumn.entries()].sort(([a], [b]) => a - b).map(([, summary]) => summary);
}

const PRECEDENCE = { "+": 1, "-": 1, "*": 2, "/": 2 } as const;
const SYMBOL = { "+": "+", "-": "−", "*": "×", "/": "/" } as const;

/** An expression over column numbers in words: "cột 4 / cột 5", "(cột 6 + cột 7) / 2". */
export function expressionInWords(expr: Expr, columnRef: (label: string) => string, parent = 0, right = false): string {
  if (expr.kind === "number") return String(expr.value);
  if (expr.kind === "column") return columnRef(expr.label);
  const own = PRECEDENCE[expr.op];
  const text = `${expressionInWords(expr.left, columnRef, own)} ${SYMBOL[expr.op]} ${expressionInWords(expr.right, columnRef, own, true)}`;
  return own < parent || (right && own === parent) ? `(${text})` : text;
}
