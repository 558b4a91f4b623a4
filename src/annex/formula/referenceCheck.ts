/**
 * The reference check: does each live formula in a formula column compute its column's spec for
 * its own row? A formula that reads another row, another column, its operands the other way round,
 * an absolute reference copied down ($E$7/F8), or a number typed among the column's live formulas,
 * is a `formula-reference` finding with the formula it should be. It is an error when the cell's
 * value differs from the spec's today, a warning when it agrees today but would not after an edit.
 */
import type { CellShown, FormulaColumnName, ReferenceProblem, ReferenceToday } from "../../messages";
import { cellText } from "../text";
import { makeFinding, type Finding } from "../findings";
import { evaluate, guardedFormula, toExcel } from "../formulaSpec";
import { cellNumber, type AnnexColumn, type AnnexTable, type CellNumber, type FormulaSpec } from "../model";
import { cellAddress, columnLetter, isBlankValue, isErrorValue, SheetView, type CellValue, type SheetSnapshot } from "../snapshot";
import { compareForms, normalForm, stripGuards } from "./equivalence";
import { FormulaTrees, formulaShape, hasAbsoluteRow } from "./formulaShapes";
import { parseFormula, referencedCells, type FormulaNode } from "./parse";

/** What a formula cell does with its row: computes the spec, does not, or cannot be told. */
type Verdict = "right" | "wrong" | "unknown";

/** What a wrong formula reads, for its message. */
interface WrongReads {
  reads: string[];
  absolute: string[];
}

interface RowContext {
  row: number;
  expectedFormula: string;
  expectedCells: string[];
}

/**
 * `snapshot` should carry the values of formulas saved without a cached result
 * (see `withFormulaValues`): they decide between error and warning.
 */
export function checkFormulaReferences(snapshot: SheetSnapshot, table: AnnexTable): Finding[] {
  const view = new SheetView(snapshot);
  const byLabel = new Map(table.columns.filter((c) => c.number).map((c) => [c.number!, c]));
  const findings: Finding[] = [];
  const trees = new FormulaTrees();
  for (const target of table.columns) {
    if (target.formula) findings.push(...checkColumn(view, table, target, target.formula, byLabel, trees));
  }
  return findings;
}

function checkColumn(
  view: SheetView,
  table: AnnexTable,
  target: AnnexColumn,
  spec: FormulaSpec,
  byLabel: Map<string, AnnexColumn>,
  trees: FormulaTrees,
): Finding[] {
  const rows = table.rows.filter((r) => r.kind !== "section" && !view.merge(r.row, target.column)).map((r) => r.row);
  const number = (row: number, column: number) => cellNumber(table, row, column);
  const operandColumns = spec.operands.map((label) => byLabel.get(label)!);
  const live = rows.filter((row) => view.formula(row, target.column)).length;
  // Without live formulas there is nothing to follow: no formula to judge, no number typed over one.
  if (live === 0) return [];
  const typed = rows.filter((row) => !view.formula(row, target.column) && number(row, target.column)).length;
  const findings: Finding[] = [];
  // Copies of one formula share a verdict: judged once per shape (per row when a row is fixed with "$").
  const verdicts = new Map<string, Verdict>();
  const ROW = "\u0000";
  const expectedParts = guardedFormula(spec.expr, (label) => `${byLabel.get(label)!.letter}${ROW}`).split(ROW);
  const plainParts = ("=" + toExcel(spec.expr, (label) => `${byLabel.get(label)!.letter}${ROW}`)).split(ROW);
  const column: FormulaColumnName = { number: target.number!, spec: spec.text };

  for (const row of rows) {
    const formula = view.formula(row, target.column);
    const cell = number(row, target.column);
    if (!formula && !(cell && live > typed)) continue;
    const context: RowContext = {
      row,
      expectedFormula: expectedParts.join(String(row)),
      expectedCells: operandColumns.map((c) => cellAddress(row, c.column)),
    };
    const operands = operandColumns.map((c) => number(row, c.column));
    const exact = operands.some((n) => n === undefined)
      ? null
      : evaluate(spec.expr, (label) => operands[spec.operands.indexOf(label)]!.value);
    const value = view.value(row, target.column);
    let problem: ReferenceProblem;
    let actual: CellValue;
    if (formula) {
      const tree = trees.at(formula, row, target.column);
      const shape = formulaShape(formula, row, target.column);
      const key = hasAbsoluteRow(shape) ? `${row}|${shape}` : shape;
      let verdict = verdicts.get(key);
      if (!verdict) {
        verdict = judge(tree, plainParts.join(String(row)), context.expectedCells);
        verdicts.set(key, verdict);
      }
      if (verdict !== "wrong") continue;
      problem = describeFormula(formula, wrongReads(tree!), context);
      actual = formula;
    } else if (cell && exact !== null && live > typed) {
      // A number among live formulas: typed over a formula, it no longer follows its row.
      problem = {
        kind: "typed",
        shown: cell.storedAsText ? { kind: "text", text: cellText(value) } : { kind: "number", value: cell.value },
      };
      actual = cell.value;
    } else continue;
    const comparison = compareValue(formula !== "", value, cell, exact);
    const today: ReferenceToday =
      comparison === "differs" ? { kind: "differs", shows: shownValue(value, cell), exact } : { kind: comparison };
    const params = {
      column,
      row,
      expectedCells: context.expectedCells,
      expectedFormula: context.expectedFormula,
      percent: spec.percent || Boolean(cell?.percent),
      problem,
      today,
    };
    const severity = comparison === "differs" ? "error" : "warning";
    const at = { sheet: table.sheet, row, column: target.column };
    findings.push(makeFinding("formula-reference", at, params, severity, { expected: context.expectedFormula, actual }));
  }
  return findings;
}

/** Whether the formula computes what `expectedText` computes, reading only the row's operand cells in its guards. */
function judge(tree: FormulaNode | null, expectedText: string, expectedCells: string[]): Verdict {
  const expected = normalForm(parseFormula(expectedText)!);
  const stripped = tree && stripGuards(tree);
  const form = stripped && normalForm(stripped.core);
  if (!stripped || !form || !expected) return "unknown";
  const guardsOwnRow = stripped.guardCells.every((c) => expectedCells.includes(cellAddress(c.row, c.column)));
  // ×100 or ÷100 of the right formula is a scale slip, which the value check reports as ratio-scale-mismatch.
  return compareForms(form, expected) !== "different" && guardsOwnRow ? "right" : "wrong";
}

function wrongReads(tree: FormulaNode): WrongReads {
  const stripped = stripGuards(tree);
  const cells = [...(referencedCells(stripped?.core ?? tree) ?? []), ...(stripped?.guardCells ?? [])];
  return { reads: [...new Set(cells.map((c) => cellAddress(c.row, c.column)))], absolute: absoluteReferences(tree) };
}

function absoluteReferences(tree: FormulaNode): string[] {
  const found: string[] = [];
  const visit = (n: FormulaNode): void => {
    if (n.kind === "ref" && n.rowAbsolute) found.push(`${n.columnAbsolute ? "$" : ""}${columnLetter(n.column)}$${n.row}`);
    else if (n.kind === "range") [n.from, n.to].forEach(visit);
    else if (n.kind === "unary" || n.kind === "percent") visit(n.operand);
    else if (n.kind === "binary") [n.left, n.right].forEach(visit);
    else if (n.kind === "call") n.args.forEach(visit);
  };
  visit(tree);
  return [...new Set(found)];
}

function describeFormula(formula: string, verdict: WrongReads, context: RowContext): ReferenceProblem {
  const sameCells = verdict.reads.length === context.expectedCells.length && verdict.reads.every((c) => context.expectedCells.includes(c));
  if (sameCells) return { kind: "operation", formula };
  const elsewhere = verdict.absolute.filter((ref) => Number(ref.replace(/^\$?[A-Z]+\$/, "")) !== context.row);
  return { kind: "cells", formula, reads: verdict.reads, absolute: elsewhere };
}

type Comparison = "agrees" | "differs" | "unknown";

/** The cell's value against the spec's: a blank cell agrees with a spec that cannot be computed yet. */
function compareValue(isFormula: boolean, value: CellValue, cell: CellNumber | undefined, exact: number | null): Comparison {
  // A live formula with no value is one this engine could not evaluate.
  if (isFormula && value === null) return "unknown";
  if (exact === null) return isBlankValue(value) ? "agrees" : "differs";
  if (!cell) return "differs";
  // A formula agrees when it shows the same figure; a typed number within one unit of its last place,
  // the rounding the value check allows a planner.
  const tolerance = (isFormula ? 0.5 : 1) * 10 ** -cell.decimals;
  return Math.abs(cell.value - exact) <= tolerance + 1e-9 * Math.max(1, Math.abs(exact)) ? "agrees" : "differs";
}

/** What the cell shows, for the message: its figure, its error, nothing, or its text. */
function shownValue(value: CellValue, cell: CellNumber | undefined): CellShown {
  if (cell) return { kind: "number", value: cell.value };
  if (isErrorValue(value)) return { kind: "error", value };
  if (isBlankValue(value)) return { kind: "blank" };
  return { kind: "text", text: cellText(value) };
}

const VALUE_CODES = new Set(["formula-mismatch", "ratio-scale-mismatch", "formula-blank"]);

/**
 * The check's findings with the reference findings added. Where a cell's formula reads the wrong
 * cells, that is the cause: its value findings (mismatch, scale, blank) would only repeat it.
 */
export function withReferenceFindings(findings: Finding[], references: Finding[]): Finding[] {
  if (references.length === 0) return findings;
  const explained = new Set(references.map((f) => `${f.sheet}!${f.cell}`));
  return [...findings.filter((f) => !(VALUE_CODES.has(f.code) && explained.has(`${f.sheet}!${f.cell}`))), ...references].sort(
    (a, b) => a.row - b.row || a.cell.length - b.cell.length || (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0),
  );
}
