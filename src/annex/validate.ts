/**
 * The pre-send check. It reports what a careful reader would: formula columns that disagree with
 * their figures beyond the rounding the planners typed, "+" parts that do not add up, "of which"
 * rows larger than their parent, numbers typed as text, error cells, rows without a lead unit,
 * broken numbering. Precision matters more than volume: a clean annex yields no error or warning.
 */
import { evaluate } from "./formulaSpec";
import type { FindingParams, FormulaColumnName } from "../messages";
import { makeFinding, type Finding, type FindingCode } from "./findings";
import type { AnnexColumn, AnnexRow, AnnexTable, CellNumber, Expr, FormulaSpec } from "./model";
import { isBlankValue, isErrorValue, type CellValue, type SheetSnapshot } from "./snapshot";
import { indexTable, type TableIndex } from "./tableIndex";
import { parseTarget } from "./targets";
import { cellText, fold, sectionRomanValue } from "./text";

type Interval = [number, number];

const EPSILON = 1e-9;
/** Excel's column count: row * MAX_COLUMNS + column is unique per cell. */
const MAX_COLUMNS = 16_384;

/** Digits after the decimal point in the value's own units (percent points for a percentage). */
function ownDecimals(n: CellNumber): number {
  return n.percent ? n.decimals - 2 : n.decimals;
}

/** A figure typed with decimals may have been rounded by half a unit; a whole figure is taken as typed. */
function operandInterval(n: CellNumber): Interval {
  const half = ownDecimals(n) > 0 ? 0.5 * 10 ** -n.decimals : 0;
  return [n.value - half, n.value + half];
}

/** One unit in the last typed place: the rounding of whole operands is allowed to move the result by that much. */
function lastPlace(n: CellNumber): number {
  return 10 ** -n.decimals;
}

function intervalOf(expr: Expr, operand: (label: string) => Interval): Interval | null {
  if (expr.kind === "number") return [expr.value, expr.value];
  if (expr.kind === "column") return operand(expr.label);
  const a = intervalOf(expr.left, operand);
  const b = intervalOf(expr.right, operand);
  if (!a || !b) return null;
  if (expr.op === "+") return [a[0] + b[0], a[1] + b[1]];
  if (expr.op === "-") return [a[0] - b[1], a[1] - b[0]];
  if (expr.op === "/" && b[0] <= 0 && b[1] >= 0) return null;
  const products =
    expr.op === "*" ? [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]] : [a[0] / b[0], a[0] / b[1], a[1] / b[0], a[1] / b[1]];
  return [Math.min(...products), Math.max(...products)];
}

/** Whether a typed figure agrees with an exact value known within an interval, given its own rounding. */
function agrees(typed: CellNumber, exact: number, range: Interval): boolean {
  const half = 0.5 * lastPlace(typed);
  const slack = EPSILON * Math.max(1, Math.abs(exact));
  const overlaps = typed.value + half + slack >= range[0] && typed.value - half - slack <= range[1];
  return overlaps || Math.abs(typed.value - exact) <= lastPlace(typed) + slack;
}

function isRateUnit(unit: string): boolean {
  const u = fold(unit);
  return u.includes("%") || u.includes("‰") || u.startsWith("ty le") || u === "lan";
}

type Add = <C extends FindingCode>(
  code: C,
  row: number,
  column: number,
  params: FindingParams[C],
  expected?: CellValue,
  actual?: CellValue,
) => void;

export function validateTable(snapshot: SheetSnapshot, table: AnnexTable, index: TableIndex = indexTable(snapshot, table)): Finding[] {
  const findings: Finding[] = [];
  /** Per finding, its cell as one number: the order findings are given in. */
  const cellKeys: number[] = [];
  /** The operand cells already reported missing (an operand feeding two formula columns is reported once). */
  const missingOperands = new Set<number>();
  const add: Add = (code, row, column, params, expected, actual) => {
    const key = row * MAX_COLUMNS + column;
    if (code === "operand-missing") {
      if (missingOperands.has(key)) return;
      missingOperands.add(key);
    }
    findings.push(makeFinding(code, { sheet: table.sheet, row, column }, params, undefined, { expected, actual }));
    cellKeys.push(key);
  };
  // One pass per kind of check; each row's work is a small function of its own, which the engine
  // compiles early (a long loop in one big function would allocate an iterator result per step).
  for (const row of table.rows) checkRowCells(index, row, add);
  for (const target of table.columns) {
    if (target.formula) checkFormulaColumn(index, target, target.formula, add);
  }
  for (const parent of table.rows) {
    if (parent.kind !== "section") checkChildren(index, parent, add);
  }
  const leadColumn = index.columnWithRole("lead");
  if (leadColumn) for (const row of table.rows) checkLead(index, row, leadColumn, add);
  checkOrdinals(index, add);
  return inCellOrder(findings, cellKeys);
}

/** Error values anywhere in the row, and figures typed as text. */
function checkRowCells(index: TableIndex, row: AnnexRow, add: Add): void {
  const view = index.view;
  for (const col of index.table.columns) {
    const value = view.value(row.row, col.column);
    if (isErrorValue(value)) add("error-value", row.row, col.column, { value }, undefined, value);
  }
  for (const col of index.figureColumns) {
    const n = index.number(row.row, col.column);
    if (n?.storedAsText) {
      const text = cellText(view.value(row.row, col.column));
      add("number-stored-as-text", row.row, col.column, { text }, n.value, text);
    }
  }
}

/** "+" parts that do not add up to their row, "of which" rows larger than it (in the parent's unit). */
function checkChildren(index: TableIndex, parent: AnnexRow, add: Add): void {
  const children = index.childrenOf(parent.row);
  if (children.length === 0 || isRateUnit(parent.unit)) return;
  const num = (row: number, column: number) => index.number(row, column);
  const unit = fold(parent.unit);
  const sameUnit = children.filter((r) => fold(r.unit) === unit);
  const parts = sameUnit.filter((r) => r.relation === "part");
  const ofWhich = sameUnit.filter((r) => r.relation === "ofWhich");
  for (const col of index.valueColumns) {
    const total = num(parent.row, col.column);
    if (!total) continue;
    const partNumbers = parts.map((r) => num(r.row, col.column));
    if (parts.length >= 2 && partNumbers.every((n) => n !== undefined)) {
      const sum = partNumbers.reduce((s, n) => s + n!.value, 0);
      const range = partNumbers.reduce<Interval>(
        (acc, n) => {
          const [lo, hi] = operandInterval(n!);
          return [acc[0] + lo, acc[1] + hi];
        },
        [0, 0],
      );
      if (!agrees(total, sum, range)) {
        const rows = parts.map((r) => r.row);
        add("children-sum-mismatch", parent.row, col.column, { rows, sum, total: total.value }, round(sum), total.value);
      }
    }
    for (const child of ofWhich) {
      const part = num(child.row, col.column);
      if (part && part.value > total.value + lastPlace(total) + EPSILON * Math.abs(total.value)) {
        const params = { part: part.value, parentRow: parent.row, total: total.value };
        add("child-exceeds-parent", child.row, col.column, params, `<= ${total.value}`, part.value);
      }
    }
  }
}

/** A row with figures and no lead unit: not its own, not a merged one, not its parent's. */
function checkLead(index: TableIndex, row: AnnexRow, leadColumn: AnnexColumn, add: Add): void {
  if (row.kind === "section" || row.lead || !hasFigure(index, row.row, index.figureColumns)) return;
  add("missing-lead", row.row, leadColumn.column, { name: row.name, task: false });
}

/** By cell, in sheet order; findings at one cell in the order the passes made them. */
function inCellOrder(findings: Finding[], cellKeys: number[]): Finding[] {
  const n = findings.length;
  let maxKey = 0;
  for (let i = 0; i < n; i++) maxKey = Math.max(maxKey, cellKeys[i]);
  if ((maxKey + 1) * n > Number.MAX_SAFE_INTEGER) {
    return Array.from(findings, (_, i) => i)
      .sort((a, b) => cellKeys[a] - cellKeys[b] || a - b)
      .map((i) => findings[i]);
  }
  // Key and position in one number: a typed array sorts numbers natively, many times faster than a comparator.
  const order = new Float64Array(n);
  for (let i = 0; i < n; i++) order[i] = cellKeys[i] * n + i;
  order.sort();
  const sorted: Finding[] = new Array(n);
  for (let i = 0; i < n; i++) sorted[i] = findings[order[i] % n];
  return sorted;
}

function hasFigure(index: TableIndex, row: number, columns: AnnexColumn[]): boolean {
  for (const c of columns) if (index.number(row, c.column)) return true;
  return false;
}

function checkFormulaColumn(index: TableIndex, target: AnnexColumn, spec: FormulaSpec, add: Add): void {
  const { view, table } = index;
  const num = (row: number, column: number) => index.number(row, column);
  const operandColumns = spec.operands.map((label) => index.columnByLabel.get(label)!);
  const column: FormulaColumnName = { number: target.number!, spec: spec.text };
  const percent = spec.percent;
  /** The row's operands, in the order of `spec.operands` (one array for all rows). */
  const operands: (CellNumber | undefined)[] = new Array(operandColumns.length);
  const operandValue = (label: string) => operands[spec.operands.indexOf(label)]!.value;
  for (const row of table.rows) {
    if (row.kind === "section" || view.merge(row.row, target.column)) continue;
    const value = view.value(row.row, target.column);
    if (isErrorValue(value)) continue;
    const typed = num(row.row, target.column);
    if (!typed && !isBlankValue(value)) {
      const text = cellText(value);
      if (parseTarget(text)) continue;
      add("text-in-formula-column", row.row, target.column, { column, text }, undefined, text);
      continue;
    }
    let missing = false;
    for (let i = 0; i < operandColumns.length; i++) {
      operands[i] = num(row.row, operandColumns[i].column);
      if (operands[i] === undefined) missing = true;
    }
    if (missing) {
      const present = operands.some((n) => n !== undefined) || typed !== undefined;
      if (!present) continue;
      operandColumns.forEach((c, i) => {
        const cellValue = view.value(row.row, c.column);
        if (operands[i] !== undefined || isErrorValue(cellValue) || parseTarget(cellText(cellValue))) return;
        // Name every formula column this operand feeds, whichever column reports it first.
        const fed = index.formulaColumnsReading(c.number!).map((t) => ({ number: t.number!, spec: t.formula!.text }));
        add("operand-missing", row.row, c.column, { column: c.number!, fed });
      });
      continue;
    }
    const exact = evaluate(spec.expr, operandValue);
    if (exact === null) continue;
    if (!typed) {
      // A live formula is not a blank cell: its value is "" or unknown, and the reference check judges it.
      if (view.formula(row.row, target.column)) continue;
      add("formula-blank", row.row, target.column, { column, exact, percent }, round(exact));
      continue;
    }
    const range = spec.operands.length ? intervalOfSpec(spec, operands) : null;
    if (range && agrees(typed, exact, range)) continue;
    const scaled = spec.percent ? exact * 100 : spec.timesHundred ? exact / 100 : null;
    if (
      scaled !== null &&
      range &&
      agrees(typed, scaled, spec.percent ? [range[0] * 100, range[1] * 100] : [range[0] / 100, range[1] / 100])
    ) {
      const params = { exact, typed: typed.value, percentColumn: spec.percent };
      add("ratio-scale-mismatch", row.row, target.column, params, round(exact), typed.value);
      continue;
    }
    const shownPercent = percent || typed.percent;
    const params = { column, exact, typed: typed.value, percent: shownPercent };
    add("formula-mismatch", row.row, target.column, params, round(exact), typed.value);
  }
}

function intervalOfSpec(spec: FormulaSpec, operands: (CellNumber | undefined)[]): Interval | null {
  return intervalOf(spec.expr, (label) => operandInterval(operands[spec.operands.indexOf(label)]!));
}

function round(value: number): number {
  return Number.isInteger(value) ? value : Number(value.toPrecision(12));
}

/** The number an ordinal stands for, given the one read before it among its siblings (null: none). */
type ReadOrdinal = (ordinal: string, previous: number | null) => number | null;

const arabicOrdinal: ReadOrdinal = (o) => (/^\d+\.?$/.test(o) ? Number(o.replace(".", "")) : null);

/** Ordinal sequences among siblings: 1, 2, 3… or I, II, III…; a group may continue the previous group's count. */
function checkOrdinals(index: TableIndex, add: Add): void {
  const ordinalColumn = index.columnWithRole("ordinal");
  if (!ordinalColumn) return;
  // Sections are numbered among their siblings too: "A. …" with I, II under it, then "B. …" with I, II, III.
  const numberings: [AnnexRow["kind"], ReadOrdinal][] = [
    ["section", sectionRomanValue],
    ["item", arabicOrdinal],
  ];
  for (const [kind, read] of numberings) {
    let last: number | null = null;
    for (const siblings of groupedByParent(index, kind)) {
      last = checkSequence(siblings, read, last, ordinalColumn.column, add) ?? last;
    }
  }
}

/** One group of siblings, which may start at 1 or go on from `continuesFrom`; returns the last number read. */
function checkSequence(rows: AnnexRow[], read: ReadOrdinal, continuesFrom: number | null, column: number, add: Add): number | null {
  const used = new Map<number, number>();
  // The numbers that may come next (at most two): after "1, 2, 2" both 3 and 4 read as a sequence that goes on.
  let next: [number, number] = [1, (continuesFrom ?? 0) + 1];
  let previous: number | null = null;
  for (const row of rows) {
    const n = read(row.ordinal, previous);
    if (n === null) continue;
    if (used.has(n)) {
      add("ordinal-duplicate", row.row, column, { ordinal: row.ordinal, otherRow: used.get(n)! });
      next = [n + 1, n + 2];
    } else {
      if (n !== next[0] && n !== next[1]) add("ordinal-gap", row.row, column, { previous, ordinal: row.ordinal });
      next = [n + 1, n + 1];
    }
    used.set(n, row.row);
    previous = n;
  }
  return previous;
}

/** The rows of one kind grouped by their parent row, groups in the order they start. */
function groupedByParent(index: TableIndex, kind: AnnexRow["kind"]): AnnexRow[][] {
  const groups = new Map<number | null, AnnexRow[]>();
  for (const row of index.table.rows) {
    if (row.kind !== kind) continue;
    const parent = row.parentRow === null ? null : (index.rowAt(row.parentRow)?.row ?? null);
    const group = groups.get(parent);
    if (group) group.push(row);
    else groups.set(parent, [row]);
  }
  return [...groups.values()];
}
