/**
 * A text kept in a very hidden worksheet, laid out as src/sync/stateSheet.ts says (the .xlsx host
 * writes the same cells): column A as text, A1 a marker, B1 the chunk count, A2… the text in
 * chunks of at most 30,000 characters (a cell holds 32,767). The pane keeps its sync state
 * (`_annex_sync`) and its undo record (`_annex_undo`) this way: a worksheet has no practical size
 * limit, unlike `workbook.settings`, whose limit is undocumented and reported near 1 MB
 * (office-js#3957); and only add-ins can unhide a very hidden sheet.
 *
 * Reading: the sheet's first rows can be queued into another read's sync when the pane knows the
 * sheet exists; a longer text takes one more sync per 40 chunks. Asking for a range of a sheet
 * that may not exist would refuse the whole batch on a strict host, so when the pane does not know
 * yet, the first sync only asks whether the sheet exists, and its cells take one more sync.
 *
 * Writing: the sheet is added (very hidden) when missing; the chunks' cells get the Text format
 * before their values, so a chunk starting with "-", "=" or "+" stays text; the marker and count
 * go last, with the old chunks past the new count cleared, so an interrupted batch never pairs a
 * new count with old chunks.
 */
import { chunkCells, textFromChunkValues } from "../sync";
import { jsonBytes, RANGE_OVERHEAD, type QueuedWrite } from "./payload";

/** Chunks (of up to 30,000 characters) read per sync, and the first ones read along another read. */
const CHUNKS_PER_SYNC = 40;
/** Chunks written per range: a range write stays near 1 MB, so the writes pack into syncs under the budget. */
const CHUNKS_PER_RANGE = 10;

export interface ChunkedSheet {
  name: string;
  marker: string;
}

/** The sheet as last seen: whether it exists and the last row of column A in use. */
export interface ChunkedSheetInfo {
  exists: boolean;
  lastRow: number;
}

export interface HeadRead {
  exists: boolean;
  /** Rows from A1 (two columns), null when only the existence was asked. */
  values: unknown[][] | null;
  lastRow: number;
}

function queueRows(context: Excel.RequestContext, store: ChunkedSheet, from: number, to: number) {
  const sheet = context.workbook.worksheets.getItem(store.name);
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

/** Queues the sheet's first rows (or, not knowing it exists, the question); read the result after the sync. */
export function queueHead(context: Excel.RequestContext, store: ChunkedSheet, knownToExist: boolean): () => HeadRead {
  if (knownToExist) {
    const head = queueRows(context, store, 1, 1 + CHUNKS_PER_SYNC);
    return () => ({ exists: true, values: head.values(), lastRow: head.lastRow() });
  }
  const sheet = context.workbook.worksheets.getItemOrNullObject(store.name);
  // eslint-disable-next-line office-addins/call-sync-before-read
  return () => ({ exists: !sheet.isNullObject, values: null, lastRow: 0 });
}

/** Queues the question whether the sheet exists; the function answers after the sync. */
export function queueChunkedExists(context: Excel.RequestContext, store: ChunkedSheet): () => boolean {
  const head = queueHead(context, store, false);
  return () => head().exists;
}

/** The text from a head read (null when the sheet or its marker is missing), with the syncs the rest took. */
export async function readChunkedText(
  context: Excel.RequestContext,
  store: ChunkedSheet,
  head: HeadRead,
): Promise<{ text: string | null; info: ChunkedSheetInfo; syncs: number }> {
  if (!head.exists) return { text: null, info: { exists: false, lastRow: 0 }, syncs: 0 };
  let syncs = 0;
  let { values, lastRow } = head;
  if (!values) {
    const first = queueRows(context, store, 1, 1 + CHUNKS_PER_SYNC);
    await context.sync();
    syncs++;
    values = first.values();
    lastRow = first.lastRow();
  }
  const count = Number(values[0]?.[1]);
  const rows = values[0]?.[0] === store.marker && Number.isInteger(count) && count >= 0 ? 1 + count : 1;
  values = values.slice(0, rows);
  while (values.length < rows) {
    const next = queueRows(context, store, values.length + 1, Math.min(rows, values.length + CHUNKS_PER_SYNC));
    // One sync per 40 chunks (up to 1.2 million characters): a response must stay under 5 MB.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    syncs++;
    values = [...values, ...next.values()];
  }
  return { text: textFromChunkValues(store.marker, values), info: { exists: true, lastRow }, syncs };
}

/** The writes that store `text` ("" keeps no text), and what the sheet looks like after them. */
export function chunkedWrites(
  store: ChunkedSheet,
  text: string,
  before: ChunkedSheetInfo,
): { writes: QueuedWrite[]; after: ChunkedSheetInfo } {
  const { marker, count, chunks } = chunkCells(store.marker, text);
  const sheet = (context: Excel.RequestContext) => context.workbook.worksheets.getItem(store.name);
  const writes: QueuedWrite[] = [];
  if (!before.exists) {
    writes.push({
      bytes: RANGE_OVERHEAD,
      queue(context) {
        context.workbook.worksheets.add(store.name).visibility = Excel.SheetVisibility.veryHidden;
      },
    });
  }
  for (let i = 0; i < chunks.length; i += CHUNKS_PER_RANGE) {
    const part = chunks.slice(i, i + CHUNKS_PER_RANGE);
    const top = i + 2;
    writes.push({
      bytes: jsonBytes(part) + RANGE_OVERHEAD,
      queue(context) {
        const range = sheet(context).getRange(`A${top}:A${top + part.length - 1}`);
        range.numberFormat = part.map(() => ["@"]);
        range.values = part.map((chunk) => [chunk]);
      },
    });
  }
  const lastRow = 1 + count;
  const stale = Math.max(0, before.lastRow - lastRow);
  writes.push({
    bytes: jsonBytes(marker) + 3 * stale + 2 * RANGE_OVERHEAD,
    queue(context) {
      const head = sheet(context).getRange("A1:B1");
      head.numberFormat = [["@", "General"]];
      head.values = [[marker, count]];
      if (stale > 0) sheet(context).getRange(`A${lastRow + 1}:A${before.lastRow}`).values = Array.from({ length: stale }, () => [""]);
    },
  });
  return { writes, after: { exists: true, lastRow } };
}
