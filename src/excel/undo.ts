/**
 * Undo for the add-in's own writes (Excel's Ctrl+Z does not reliably undo them). The last fills
 * are kept in memory; the latest is also saved in the very hidden sheet `_annex_undo` (the chunked
 * layout of chunkedSheet.ts) so it survives a reload of the pane. It used to live in
 * `workbook.settings`, whose real limit is undocumented and reported near 1 MB (office-js#3957):
 * a full settings store made the whole fill fail with no cell written. Only a record larger than
 * ~3 MB (about 40,000 cells) stays in memory only; the saved one is then emptied so an older fill
 * is never undone by mistake. An undo an older version saved in the setting `annex.undo` is still
 * read while the workbook has no undo sheet.
 *
 * Before anything is put back, the cells are read and compared with what the fill wrote (one
 * sync): when a person has changed any of them since — typing, or Excel's own Ctrl+Z, which undoes
 * part of an add-in's writes — nothing is overwritten and the changed cells are named
 * (UndoConflictError). Restoring then takes one sync and puts every cell back exactly — formula
 * text, number, boolean, error, empty, or text (even text that looks like a formula or a number) —
 * with its number format; see restoreSteps.
 */
import { areaAddress } from "../annex/snapshot";
import { cellBlocks, packBlocks, type CellBlock } from "./blocks";
import { UndoConflictError } from "./errors";
import { chunkedWrites, queueChunkedExists, readChunkedText, type ChunkedSheet, type ChunkedSheetInfo } from "./chunkedSheet";
import { jsonBytes, SYNC_BUDGET_BYTES, utf8Length } from "./payload";
import { queueReadJson, SETTING_KEYS } from "./settings";
import { cellPosition, decodeUndo, encodeUndo, restoreSteps, sameContent, type UndoRecord } from "./undoRecord";

export type { UndoCell, UndoKind, UndoRecord } from "./undoRecord";

/** The very hidden sheet that holds the last fill's undo record. */
export const UNDO_SHEET: ChunkedSheet = { name: "_annex_undo", marker: "annex-undo" };

/** Above this many bytes of JSON an undo record stays in memory only (it must fit one request with room to spare). */
export const MAX_SAVED_UNDO_BYTES = 3_000_000;

/** The undo sheet as last seen, shared by the calls of one pane; null while unknown. */
export interface UndoSheetKnowledge {
  info: ChunkedSheetInfo | null;
}

export class UndoHistory {
  private records: UndoRecord[] = [];

  constructor(readonly limit = 10) {}

  push(record: UndoRecord): void {
    this.records = this.records.filter((r) => r.id !== record.id);
    this.records.push(record);
    if (this.records.length > this.limit) this.records.shift();
  }

  /** The latest record, or the one `depth` before it. */
  peek(depth = 0): UndoRecord | undefined {
    return this.records[this.records.length - 1 - depth];
  }

  remove(id: string): void {
    this.records = this.records.filter((r) => r.id !== id);
  }

  get size(): number {
    return this.records.length;
  }

  clear(): void {
    this.records = [];
  }
}

/** The pane's history (one per task pane, i.e. per open workbook). */
export const undoHistory = new UndoHistory();

export type UndoStorage = "sheet" | "memory";

/** What the undo sheet will hold for this record, and where the record then lives. */
export function savedForm(record: UndoRecord | null): { json: string; bytes: number; storage: UndoStorage } {
  const json = record ? encodeUndo(record) : "";
  const bytes = utf8Length(json);
  return bytes > MAX_SAVED_UNDO_BYTES || !record ? { json: "", bytes: 0, storage: "memory" } : { json, bytes, storage: "sheet" };
}

/**
 * Queues the save of `record` as the workbook's last undo (no sync): in the undo sheet when small
 * enough, else the sheet is emptied and the record lives in memory only. `known.info` must say
 * whether the sheet exists; it is updated for after the caller's sync.
 */
export function queueSaveUndo(context: Excel.RequestContext, record: UndoRecord | null, known: UndoSheetKnowledge): UndoStorage {
  if (!known.info) throw new Error("queueSaveUndo: whether the undo sheet exists is not known yet (see ensureUndoSheetKnown)");
  const { json, storage } = savedForm(record);
  const { writes, after } = chunkedWrites(UNDO_SHEET, json, known.info);
  for (const write of writes) write.queue(context);
  known.info = after;
  return storage;
}

/** Learns whether the undo sheet exists, with a sync of its own, when the pane does not know yet. Returns the syncs made. */
export async function ensureUndoSheetKnown(context: Excel.RequestContext, known: UndoSheetKnowledge): Promise<number> {
  if (known.info) return 0;
  const exists = queueChunkedExists(context, UNDO_SHEET);
  await context.sync();
  known.info = { exists: exists(), lastRow: 0 };
  return 1;
}

/**
 * The undo saved in the workbook, if any: one sync to look for the sheet (and an older version's
 * setting), one more to read the sheet when it exists.
 */
export async function loadUndo(context: Excel.RequestContext, known: UndoSheetKnowledge = { info: null }): Promise<UndoRecord | null> {
  const exists = queueChunkedExists(context, UNDO_SHEET);
  const legacy = queueReadJson(context, SETTING_KEYS.undo);
  await context.sync();
  if (!exists()) {
    known.info = { exists: false, lastRow: 0 };
    const value = legacy();
    return decodeUndo(typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value));
  }
  const { text, info } = await readChunkedText(context, UNDO_SHEET, { exists: true, values: null, lastRow: 0 });
  known.info = info;
  return decodeUndo(text ?? "");
}

/** Block sizes for a restore: each cell's steps as they travel in the request. */
function restoreBlocks(record: UndoRecord, maxBytesPerSync: number) {
  const cells = record.cells.map((cell) => ({ ...cellPosition(cell), cell, step: restoreSteps(cell) }));
  const size = (block: CellBlock<(typeof cells)[number]>) => jsonBytes(block.cells.map((row) => row.map((c) => c.step))) + 300;
  return packBlocks(cellBlocks(cells), size, maxBytesPerSync);
}

/**
 * The cells of the record whose content is no longer what the fill wrote, read in one sync (a
 * record from an older version, without what was written, is not checked).
 */
export async function changedSinceFill(context: Excel.RequestContext, record: UndoRecord, alwaysSync = false): Promise<string[]> {
  const checked = record.cells.filter((c) => c.written !== undefined);
  if (checked.length === 0) {
    if (alwaysSync) await context.sync();
    return [];
  }
  const sheet = context.workbook.worksheets.getItem(record.sheet);
  const reads = cellBlocks(checked.map((cell) => ({ ...cellPosition(cell), cell }))).map((block) => {
    const range = sheet.getRange(areaAddress(block.area));
    range.load("formulas");
    return { block, range };
  });
  await context.sync();
  const changed: string[] = [];
  for (const { block, range } of reads) {
    const formulas = range.formulas as unknown[][];
    block.cells.forEach((row, r) => row.forEach((c, col) => sameContent(c.cell, formulas[r][col]) || changed.push(c.cell.address)));
  }
  return changed;
}

/** Puts back every cell of the record; one sync for any ordinary fill. Returns the syncs made. */
export async function undoLastWrite(
  context: Excel.RequestContext,
  record: UndoRecord,
  options: { maxBytesPerSync?: number } = {},
): Promise<number> {
  const sheet = context.workbook.worksheets.getItem(record.sheet);
  const groups = restoreBlocks(record, options.maxBytesPerSync ?? SYNC_BUDGET_BYTES);
  let syncs = 0;
  for (const group of groups) {
    for (const block of group) {
      const range = sheet.getRange(areaAddress(block.area));
      const before = block.cells.map((row) => row.map((c) => c.step.before));
      const after = block.cells.map((row) => row.map((c) => c.step.after));
      // In queue order: format first, then the content, then the Text format back.
      if (before.some((row) => row.some((f) => f !== null))) range.numberFormat = before;
      range.formulas = block.cells.map((row) => row.map((c) => c.step.input));
      if (after.some((row) => row.some((f) => f !== null))) range.numberFormat = after;
    }
    // One sync per group: each is sized to keep its request under the 5 MB limit.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    syncs++;
  }
  return syncs;
}

/**
 * Undoes the latest fill: from memory, or from the undo sheet after a reload. First the cells are
 * compared with what the fill wrote (UndoConflictError when a person changed any); then they are
 * restored and the next record (or none) saved, in one sync.
 * Returns the record undone, or null when there is nothing to undo.
 */
export async function undoLast(
  context: Excel.RequestContext,
  history: UndoHistory = undoHistory,
  known: UndoSheetKnowledge = { info: null },
): Promise<UndoRecord | null> {
  const record = history.peek() ?? (await loadUndo(context, known));
  if (!record) return null;
  // Whether the undo sheet exists is asked along the comparison's read.
  const exists = known.info ? null : queueChunkedExists(context, UNDO_SHEET);
  const changed = await changedSinceFill(context, record, exists !== null);
  if (exists) known.info = { exists: exists(), lastRow: 0 };
  if (changed.length > 0) throw new UndoConflictError(record.sheet, changed);
  const next = history.peek()?.id === record.id ? history.peek(1) : history.peek();
  const sheetBefore = known.info;
  queueSaveUndo(context, next ?? null, known);
  try {
    await undoLastWrite(context, record);
  } catch (error) {
    known.info = sheetBefore;
    throw error;
  }
  history.remove(record.id);
  return record;
}
