/**
 * Formulas filled down a column are one formula copied: "=E7/F7", "=E8/F8"… read the same once
 * their references are written relative to their own cell. Parsing each copy is most of the cost of
 * a large sheet, so each shape is parsed once and moved to the other cells.
 */
import { columnNumber } from "../snapshot";
import { parseFormula, shiftTree, type FormulaNode } from "./parse";

// A string literal (kept as it is), a sheet name before "!", or a cell reference not part of a longer name.
const PIECES = /"(?:[^"]|"")*"|'(?:[^']|'')+'!|(?<![A-Za-z0-9_.$])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_.(!$])/g;

/** The formula with each reference relative to (row, column): "=E8/$F$7" in G8 reads "=C[-2]R[0]/$F$7". */
export function formulaShape(formula: string, row: number, column: number): string {
  return formula.replace(PIECES, (piece: string, columnDollar?: string, letters?: string, rowDollar?: string, digits?: string) => {
    if (letters === undefined || digits === undefined) return piece;
    const c = columnDollar ? `$${letters.toUpperCase()}` : `C[${columnNumber(letters) - column}]`;
    const r = rowDollar ? `$${digits}` : `R[${Number(digits) - row}]`;
    return c + r;
  });
}

/** Whether a shape holds a reference whose row is fixed with "$": such copies differ row by row. */
export function hasAbsoluteRow(shape: string): boolean {
  return /(?:\$[A-Za-z]{1,3}|\])\$\d/.test(shape);
}

export class FormulaTrees {
  private readonly shapes = new Map<string, { tree: FormulaNode | null; row: number; column: number }>();

  /** The tree of the formula in the cell at (row, column); null when it cannot be parsed. */
  at(formula: string, row: number, column: number): FormulaNode | null {
    const shape = formulaShape(formula, row, column);
    const known = this.shapes.get(shape);
    if (known) return known.tree && shiftTree(known.tree, row - known.row, column - known.column);
    const tree = parseFormula(formula);
    this.shapes.set(shape, { tree, row, column });
    return tree;
  }
}
