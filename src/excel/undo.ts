/**
 * Undo for the add-in's own writes (Ctrl+Z does not undo them). The last fills are kept in
 * memory; the latest is also saved in workbook settings so it survives a reload of the pane,
 * unless its compact JSON is larger than ~1.5 MB (settings hold about 2 MB in all): then it is
 * kept in memory only, and the saved one is cleared so an older fill is never undone by mistake.
 *
 * Restoring takes one sync (more only if the record is larger than ~4 MB of request) and puts
 * every cell back exactly — formula text, number, boolean, error, empty, or text (even text that
 * looks like a formula or a number) — with its number format; see restoreSteps.
 * The restore does not check whether someone edited those cells after the fill.
 */
import { areaAddress } from "../annex/snapshot";
import { cellBlocks, packBlocks, type CellBlock } from "./blocks";
import { jsonBytes, SYNC_BUDGET_BYTES, utf8Length } from "./payload";
import { queueReadJson, queueWriteString, SETTING_KEYS } from "./settings";
import { cellPosition, decodeUndo, encodeUndo, restoreSteps, type UndoRecord } from "./undoRecord";

export type { UndoCell, UndoKind, UndoRecord } from "./undoRecord";

/** Above this many bytes of JSON an undo record stays in memory only. */
export const MAX_SAVED_UNDO_BYTES = 1_500_000;

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

export type UndoStorage = "settings" | "memory";

/**
 * Queues the save of `record` as the workbook's last undo (no sync): in settings when small
 * enough, else the setting is cleared and the record lives in memory only.
 */
export function queueSaveUndo(context: Excel.RequestContext, record: UndoRecord | null): UndoStorage {
  const { json, storage } = savedForm(record);
  queueWriteString(context, SETTING_KEYS.undo, json);
  return storage;
}

/** What the undo setting will hold for this record, and where the record then lives. */
export function savedForm(record: UndoRecord | null): { json: string; bytes: number; storage: UndoStorage } {
  const json = record ? encodeUndo(record) : "";
  const bytes = utf8Length(json);
  return bytes > MAX_SAVED_UNDO_BYTES || !record ? { json: "", bytes: 0, storage: "memory" } : { json, bytes, storage: "settings" };
}

export async function saveUndo(context: Excel.RequestContext, record: UndoRecord): Promise<UndoStorage> {
  const where = queueSaveUndo(context, record);
  await context.sync();
  return where;
}

/** The undo saved in the workbook, if any (one sync). */
export async function loadUndo(context: Excel.RequestContext): Promise<UndoRecord | null> {
  const read = queueReadJson(context, SETTING_KEYS.undo);
  await context.sync();
  const value = read();
  return decodeUndo(typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value));
}

/** Puts back every cell of the record; one sync for any ordinary fill. Returns the syncs made. */
export async function undoLastWrite(
  context: Excel.RequestContext,
  record: UndoRecord,
  options: { maxBytesPerSync?: number } = {},
): Promise<number> {
  const sheet = context.workbook.worksheets.getItem(record.sheet);
  const cells = record.cells.map((cell) => ({ ...cellPosition(cell), step: restoreSteps(cell) }));
  const size = (block: CellBlock<(typeof cells)[number]>) => jsonBytes(block.cells.map((row) => row.map((c) => c.step))) + 300;
  const groups = packBlocks(cellBlocks(cells), size, options.maxBytesPerSync ?? SYNC_BUDGET_BYTES);
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
    await context.sync();
    syncs++;
  }
  return syncs;
}

/**
 * Undoes the latest fill: from memory, or from the workbook settings after a reload. The saved
 * undo then becomes the next one in memory (or none), in the same sync as the restore.
 * Returns the record undone, or null when there is nothing to undo.
 */
export async function undoLast(context: Excel.RequestContext, history: UndoHistory = undoHistory): Promise<UndoRecord | null> {
  const record = history.peek() ?? (await loadUndo(context));
  if (!record) return null;
  const next = history.peek()?.id === record.id ? history.peek(1) : history.peek();
  queueSaveUndo(context, next ?? null);
  await undoLastWrite(context, record);
  history.remove(record.id);
  return record;
}
