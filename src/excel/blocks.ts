/**
 * Grouping of single-cell writes into rectangles written with one 2D array each: runs of
 * consecutive rows in a column, then side-by-side runs that cover the same rows joined into one.
 */
import type { CellArea } from "../annex/snapshot";
import { packBySize } from "./payload";

export interface Positioned {
  row: number;
  column: number;
}

export interface CellBlock<T> {
  area: CellArea;
  /** cells[r][c] is the cell at (area.top + r, area.left + c). */
  cells: T[][];
}

export function cellBlocks<T extends Positioned>(items: T[]): CellBlock<T>[] {
  const sorted = [...items].sort((a, b) => a.column - b.column || a.row - b.row);
  const runs: CellBlock<T>[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const item = sorted[i];
    const prev = sorted[i - 1];
    if (prev && prev.column === item.column && prev.row === item.row) {
      throw new Error(`The same cell is written twice: row ${item.row}, column ${item.column}`);
    }
    const run = runs[runs.length - 1];
    if (run && run.area.left === item.column && run.area.bottom === item.row - 1) {
      run.area.bottom = item.row;
      run.cells.push([item]);
    } else {
      runs.push({ area: { top: item.row, left: item.column, bottom: item.row, right: item.column }, cells: [[item]] });
    }
  }
  // Join a run to the block on its left when they cover exactly the same rows.
  const blocks: CellBlock<T>[] = [];
  for (const run of runs) {
    const left = blocks.find((b) => b.area.right === run.area.left - 1 && b.area.top === run.area.top && b.area.bottom === run.area.bottom);
    if (left) {
      left.area.right = run.area.left;
      left.cells.forEach((row, r) => row.push(run.cells[r][0]));
    } else {
      blocks.push(run);
    }
  }
  return blocks;
}

/** Splits blocks by rows until each fits the budget, then packs them into per-sync groups. */
export function packBlocks<T>(blocks: CellBlock<T>[], size: (block: CellBlock<T>) => number, budget: number): CellBlock<T>[][] {
  const fitting: CellBlock<T>[] = [];
  const split = (block: CellBlock<T>) => {
    const rows = block.cells.length;
    if (rows <= 1 || size(block) <= budget) {
      fitting.push(block);
      return;
    }
    const half = Math.ceil(rows / 2);
    split({ area: { ...block.area, bottom: block.area.top + half - 1 }, cells: block.cells.slice(0, half) });
    split({ area: { ...block.area, top: block.area.top + half }, cells: block.cells.slice(half) });
  };
  blocks.forEach(split);
  return packBySize(fitting, size, budget);
}
