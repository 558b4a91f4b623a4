/**
 * Applies a fill plan: every write in one sync for any ordinary annex. Writes are grouped into
 * rectangles (runs of consecutive rows in a column, side-by-side runs over the same rows joined),
 * each written as one 2D `formulas` array — formula text for formula writes, the JS number for
 * number writes (never a locale string: "0,5" would become text) — with its `numberFormat` in the
 * same block, set first. A cell formatted as Text ("@") is given "General" (or the plan's format)
 * before its formula, or Excel would store the formula as text.
 *
 * The undo record comes from the snapshot the plan was made from (no read before writing), with
 * what each cell gets (so the undo can tell whether a person changed it since), and is saved in
 * the very hidden undo sheet in the same sync, ahead of the writes (one more sync, before, only
 * when the caller does not know whether that sheet exists). Syncs only grow past one
 * when the request itself passes ~4 MB (about 100,000 formula cells), never with row count alone.
 */
import type { FillPlan } from "../annex/model";
import type { SheetSnapshot } from "../annex/snapshot";
import { areaAddress } from "../annex/snapshot";
import { cellBlocks, packBlocks, type CellBlock } from "./blocks";
import { jsonBytes, RANGE_OVERHEAD, SYNC_BUDGET_BYTES } from "./payload";
import {
  ensureUndoSheetKnown,
  queueSaveUndo,
  savedForm,
  undoHistory,
  type UndoHistory,
  type UndoSheetKnowledge,
  type UndoStorage,
} from "./undo";
import { newUndoId, previousCell, type UndoRecord } from "./undoRecord";

export interface WriteOptions {
  /** Where the undo record goes: the undo sheet and memory (default), memory only, or nowhere. */
  undo?: "save" | "memory" | "none";
  history?: UndoHistory;
  /** Whether the undo sheet exists, as the caller last saw it (asked with a sync of its own when unknown). */
  undoSheet?: UndoSheetKnowledge;
  maxBytesPerSync?: number;
}

export interface WriteReport {
  undo: UndoRecord;
  undoStorage: UndoStorage | "none";
  syncs: number;
  /** Range objects written (each with one 2D array, plus its formats). */
  rangeWrites: number;
}

interface Prepared {
  row: number;
  column: number;
  input: string | number;
  format: string | null;
}

/** Per-range overhead of a write in the request (address, operation names). */

export async function applyFillPlan(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  plan: FillPlan,
  snapshot: SheetSnapshot,
  options: WriteOptions = {},
): Promise<WriteReport> {
  if (plan.sheet !== snapshot.sheet) throw new Error(`The plan is for sheet "${plan.sheet}" but the snapshot is of "${snapshot.sheet}"`);
  const undo: UndoRecord = {
    id: newUndoId(),
    sheet: plan.sheet,
    createdAt: new Date().toISOString(),
    cells: plan.writes.map((w) => previousCell(snapshot, w.row, w.column, { old: w.old, oldFormula: w.oldFormula })),
  };
  const prepared: Prepared[] = plan.writes.map((w, i) => {
    const previousFormat = undo.cells[i].numberFormat;
    if (w.kind === "formula") {
      if (typeof w.formula !== "string" || !w.formula.startsWith("="))
        throw new Error(`${w.cell}: a formula write needs a formula starting with "="`);
    } else if (typeof w.value !== "number" || !Number.isFinite(w.value)) {
      throw new Error(`${w.cell}: a number write needs a finite number`);
    }
    if (w.numberFormat === "@") throw new Error(`${w.cell}: the Text format would turn the ${w.kind} into text`);
    const format = w.numberFormat ?? (previousFormat === "@" ? "General" : null);
    const input = w.kind === "formula" ? w.formula! : w.value!;
    undo.cells[i].written = input;
    return { row: w.row, column: w.column, input, format };
  });

  if (prepared.length === 0) return { undo, undoStorage: "none", syncs: 0, rangeWrites: 0 };

  const budget = options.maxBytesPerSync ?? SYNC_BUDGET_BYTES;
  const size = (block: CellBlock<Prepared>) => jsonBytes(block.cells.map((row) => row.map((p) => [p.input, p.format]))) + RANGE_OVERHEAD;
  const groups = packBlocks(cellBlocks(prepared), size, budget);

  const mode = options.undo ?? "save";
  const history = options.history ?? undoHistory;
  // The undo setting travels with the first group; it gets a sync of its own only when both
  // would not fit one request.
  const saved = mode === "save" ? savedForm(undo) : null;
  if (saved && saved.bytes + groups[0].reduce((n, b) => n + size(b), 0) > budget) groups.unshift([]);
  const undoSheet = options.undoSheet ?? { info: null };
  let undoStorage: UndoStorage | "none" = "none";
  let syncs = saved ? await ensureUndoSheetKnown(context, undoSheet) : 0;
  let rangeWrites = 0;
  const sheetBefore = undoSheet.info;
  for (const [g, group] of groups.entries()) {
    if (g === 0 && saved) undoStorage = queueSaveUndo(context, undo, undoSheet);
    for (const block of group) {
      const range = sheet.getRange(areaAddress(block.area));
      const formats = block.cells.map((row) => row.map((p) => p.format));
      if (formats.some((row) => row.some((f) => f !== null))) range.numberFormat = formats;
      range.formulas = block.cells.map((row) => row.map((p) => p.input));
      rangeWrites++;
    }
    try {
      // One sync per group: each is sized to keep its request under the 5 MB limit.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (error) {
      if (g === 0) undoSheet.info = sheetBefore;
      throw error;
    }
    syncs++;
    if (g === 0 && mode !== "none") {
      history.push(undo);
      if (mode === "memory") undoStorage = "memory";
    }
  }
  return { undo, undoStorage, syncs, rangeWrites };
}
