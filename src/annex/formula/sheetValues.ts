/**
 * Values for the formula cells a file saved without a cached result (openpyxl-style exporters,
 * reporting systems, the tool's own --fix output). They are computed in dependency order; a cell
 * on a reference cycle, or one whose formula this engine cannot follow, stays empty (unknown).
 */
import { isErrorValue, type CellValue, type SheetSnapshot } from "../snapshot";
import { evaluateFormula, isFormulaError, isUnknown, UNKNOWN, type FormulaValue } from "./evaluate";
import { FormulaTrees } from "./formulaShapes";
import { referencedCells, type FormulaNode } from "./parse";

interface Pending {
  row: number;
  column: number;
  tree: FormulaNode | null;
}

/**
 * The snapshot with every formula cell that has no cached value given its computed value. Cached
 * values are kept as they are: they are what the spreadsheet shows.
 */
export function withFormulaValues(snapshot: SheetSnapshot): SheetSnapshot {
  const formulas = snapshot.formulas;
  if (!formulas) return snapshot;
  const pending = new Map<number, Pending>();
  const trees = new FormulaTrees();
  formulas.forEach((line, r) =>
    line.forEach((formula, c) => {
      if (typeof formula !== "string" || !formula.startsWith("=")) return;
      if ((snapshot.values[r]?.[c] ?? null) !== null) return;
      const row = r + snapshot.top;
      const column = c + snapshot.left;
      pending.set(cellKey(row, column), { row, column, tree: trees.at(formula, row, column) });
    }),
  );
  if (pending.size === 0) return snapshot;

  const computed = new Map<number, FormulaValue>();
  const lookup = (row: number, column: number): FormulaValue => {
    const k = cellKey(row, column);
    // A pending cell not computed yet is on a cycle with the cell asking.
    if (pending.has(k)) return computed.get(k) ?? UNKNOWN;
    const value = snapshot.values[row - snapshot.top]?.[column - snapshot.left] ?? null;
    return isErrorValue(value) ? { error: value.trim().toUpperCase() } : value;
  };
  for (const cell of dependencyOrder(pending)) {
    computed.set(cellKey(cell.row, cell.column), cell.tree ? evaluateFormula(cell.tree, lookup) : UNKNOWN);
  }

  const values = snapshot.values.map((line) => [...line]);
  for (const [k, value] of computed) {
    const cell = pending.get(k)!;
    values[cell.row - snapshot.top][cell.column - snapshot.left] = toCellValue(value);
  }
  return { ...snapshot, values };
}

/** One number per cell: string keys would be most of what this pass allocates. */
function cellKey(row: number, column: number): number {
  return row * 16_384 + column;
}

function toCellValue(value: FormulaValue): CellValue {
  if (isUnknown(value)) return null;
  if (isFormulaError(value)) return value.error;
  return value;
}

/** Pending cells, each after the pending cells it reads (iterative: long chains must not overflow the stack). */
function dependencyOrder(pending: Map<number, Pending>): Pending[] {
  const order: Pending[] = [];
  const state = new Map<number, "open" | "done">();
  const dependencies = (cell: Pending) =>
    (cell.tree ? (referencedCells(cell.tree) ?? []) : [])
      .map((ref) => pending.get(cellKey(ref.row, ref.column)))
      .filter((p): p is Pending => p !== undefined);
  for (const start of pending.values()) {
    if (state.has(cellKey(start.row, start.column))) continue;
    const stack: { cell: Pending; next: Pending[] }[] = [{ cell: start, next: dependencies(start) }];
    state.set(cellKey(start.row, start.column), "open");
    while (stack.length) {
      const top = stack[stack.length - 1];
      const dependency = top.next.pop();
      if (dependency) {
        const k = cellKey(dependency.row, dependency.column);
        if (state.has(k)) continue; // done, or open: a cycle, which the lookup answers with UNKNOWN
        state.set(k, "open");
        stack.push({ cell: dependency, next: dependencies(dependency) });
        continue;
      }
      stack.pop();
      state.set(cellKey(top.cell.row, top.cell.column), "done");
      order.push(top.cell);
    }
  }
  return order;
}
