/**
 * The sync state kept by the pane in the very hidden sheet `_annex_sync`, laid out exactly as
 * src/sync/stateSheet.ts says (the .xlsx host writes the same cells): column A as text, A1 the
 * marker, B1 the chunk count, A2… the JSON in chunks of at most 30,000 characters.
 *
 * Reading: the sheet's first rows are queued into the snapshot's first sync when the pane knows
 * the sheet exists (it saw it, or wrote it); a longer state takes one more sync per 40 chunks.
 * Asking for a range of a sheet that may not exist would refuse the whole batch on a strict host,
 * so when the pane does not know yet, the first sync only asks whether the sheet exists, and its
 * cells take one more sync when it does.
 *
 * Writing: the sheet is added (very hidden: Excel's menu cannot unhide it) when missing; the
 * chunks' cells get the Text format before their values, so a chunk starting with "-", "=" or "+"
 * stays text; the marker and count go last, with the old chunks past the new count cleared.
 */
import { STATE_SHEET, stateCells, stateFromValues, type SyncState } from "../sync";
import { jsonBytes } from "./payload";
import { RANGE_OVERHEAD, type QueuedWrite } from "./syncAdapter";

/** Chunks (of up to 30,000 characters) read per sync, and the first ones read along the snapshot. */
const CHUNKS_PER_SYNC = 40;
/** Chunks written per range: a range write stays near 1 MB, so the writes pack into syncs under the budget. */
const CHUNKS_PER_RANGE = 10;

/** What the pane knows of the state sheet between calls: only add-ins change a very hidden sheet. */
export interface StateSheetKnowledge {
  exists: boolean | null;
}

/** The state sheet as last seen: whether it exists and the last row of column A in use. */
export interface StateSheetInfo {
  exists: boolean;
  lastRow: number;
}

interface HeadRead {
  exists: boolean;
  /** Rows from A1 (two columns), null when only the existence was asked. */
  values: unknown[][] | null;
  lastRow: number;
}

const stateSheet = (context: Excel.RequestContext) => context.workbook.worksheets.getItem(STATE_SHEET);

function queueRows(context: Excel.RequestContext, from: number, to: number): { values: () => unknown[][]; lastRow: () => number } {
  const sheet = stateSheet(context);
  const range = sheet.getRange(`A${from}:B${to}`);
  range.load("values");
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("rowIndex,rowCount");
  // Read only after the caller's sync (the lint rules cannot see through the closures).
  return {
    // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read
    values: () => range.values as unknown[][],
    // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read
    lastRow: () => (used.isNullObject ? 0 : used.rowIndex + used.rowCount),
  };
}

/** Queues the head of the state sheet (or, not knowing it exists, the question); read the result after the sync. */
export function queueStateSheetHead(context: Excel.RequestContext, knownToExist: boolean): () => HeadRead {
  if (knownToExist) {
    const head = queueRows(context, 1, 1 + CHUNKS_PER_SYNC);
    return () => ({ exists: true, values: head.values(), lastRow: head.lastRow() });
  }
  const sheet = context.workbook.worksheets.getItemOrNullObject(STATE_SHEET);
  // eslint-disable-next-line office-addins/call-sync-before-read
  return () => ({ exists: !sheet.isNullObject, values: null, lastRow: 0 });
}

/** The state from the head read, with the syncs the rest of it took. */
export async function readStateSheet(
  context: Excel.RequestContext,
  head: HeadRead,
): Promise<{ state: SyncState | null; info: StateSheetInfo; syncs: number }> {
  if (!head.exists) return { state: null, info: { exists: false, lastRow: 0 }, syncs: 0 };
  let syncs = 0;
  let { values, lastRow } = head;
  if (!values) {
    const first = queueRows(context, 1, 1 + CHUNKS_PER_SYNC);
    await context.sync();
    syncs++;
    values = first.values();
    lastRow = first.lastRow();
  }
  const count = Number(values[0]?.[1]);
  const rows = Number.isInteger(count) && count >= 0 ? 1 + count : 1;
  values = values.slice(0, rows);
  while (values.length < rows) {
    const next = queueRows(context, values.length + 1, Math.min(rows, values.length + CHUNKS_PER_SYNC));
    // One sync per 40 chunks (up to 1.2 million characters): a response must stay under 5 MB.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    syncs++;
    values = [...values, ...next.values()];
  }
  return { state: stateFromValues(values), info: { exists: true, lastRow }, syncs };
}

/** The writes that store the state, and what the sheet looks like after them. */
export function stateSheetWrites(state: SyncState, before: StateSheetInfo): { writes: QueuedWrite[]; after: StateSheetInfo } {
  const { marker, count, chunks } = stateCells(state);
  const writes: QueuedWrite[] = [];
  if (!before.exists) {
    writes.push({
      bytes: RANGE_OVERHEAD,
      queue(context) {
        context.workbook.worksheets.add(STATE_SHEET).visibility = Excel.SheetVisibility.veryHidden;
      },
    });
  }
  for (let i = 0; i < chunks.length; i += CHUNKS_PER_RANGE) {
    const part = chunks.slice(i, i + CHUNKS_PER_RANGE);
    const top = i + 2;
    writes.push({
      bytes: jsonBytes(part) + RANGE_OVERHEAD,
      queue(context) {
        const range = stateSheet(context).getRange(`A${top}:A${top + part.length - 1}`);
        range.numberFormat = part.map(() => ["@"]);
        range.values = part.map((chunk) => [chunk]);
      },
    });
  }
  // Last, so that an interrupted write never pairs a new count with old chunks it did not reach.
  const lastRow = 1 + count;
  const stale = Math.max(0, before.lastRow - lastRow);
  writes.push({
    bytes: jsonBytes(marker) + 3 * stale + 2 * RANGE_OVERHEAD,
    queue(context) {
      const sheet = stateSheet(context);
      const head = sheet.getRange("A1:B1");
      head.numberFormat = [["@", "General"]];
      head.values = [[marker, count]];
      if (stale > 0) sheet.getRange(`A${lastRow + 1}:A${before.lastRow}`).values = Array.from({ length: stale }, () => [""]);
    },
  });
  return { writes, after: { exists: true, lastRow } };
}
