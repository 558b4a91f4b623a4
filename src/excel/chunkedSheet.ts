/**
 * A text kept in a very hidden worksheet, laid out like the sync state (src/sync/stateSheet.ts):
 * column A as text, A1 a marker, B1 the chunk count, A2… the text in chunks of at most 30,000
 * characters (a cell holds 32,767). A worksheet has no practical size limit, unlike
 * `workbook.settings`, whose limit is undocumented and reported near 1 MB (office-js#3957); and
 * only add-ins can unhide a very hidden sheet.
 *
 * Writes are queued (the caller syncs them with its other writes): the chunks' cells get "@"
 * before their values, so a chunk starting with "=", "+" or "-" stays text, and the marker and
 * count go last, so an interrupted batch never pairs a new count with old chunks.
 */
import { jsonBytes } from "./payload";

export const CHUNK_CHARS = 30_000;
/** Chunks read per sync: 40 × 30,000 characters keeps a response well under 5 MB. */
const CHUNKS_PER_READ = 40;

export interface ChunkedSheet {
  name: string;
  marker: string;
}

/** What is known of the sheet between calls: whether it exists and the last row it used. */
export interface ChunkedSheetInfo {
  exists: boolean;
  lastRow: number;
}

/** Queues the writes that store `text` (empty: the sheet holds no text); returns their request bytes and the sheet after them. */
export function queueWriteChunked(
  context: Excel.RequestContext,
  store: ChunkedSheet,
  text: string,
  before: ChunkedSheetInfo,
): { bytes: number; after: ChunkedSheetInfo } {
  const chunks: string[] = [];
  for (let at = 0; at < text.length; at += CHUNK_CHARS) chunks.push(text.slice(at, at + CHUNK_CHARS));
  if (!before.exists) context.workbook.worksheets.add(store.name).visibility = Excel.SheetVisibility.veryHidden;
  const sheet = context.workbook.worksheets.getItem(store.name);
  if (chunks.length > 0) {
    const body = sheet.getRange(`A2:A${chunks.length + 1}`);
    body.numberFormat = chunks.map(() => ["@"]);
    body.values = chunks.map((chunk) => [chunk]);
  }
  const lastRow = 1 + chunks.length;
  const stale = Math.max(0, before.lastRow - lastRow);
  if (stale > 0) sheet.getRange(`A${lastRow + 1}:A${before.lastRow}`).values = Array.from({ length: stale }, () => [""]);
  const head = sheet.getRange("A1:B1");
  head.numberFormat = [["@", "General"]];
  head.values = [[store.marker, chunks.length]];
  return { bytes: jsonBytes(chunks) + 3 * stale + 1_000, after: { exists: true, lastRow } };
}

/** Queues the question whether the sheet exists; the function answers after the sync. */
export function queueChunkedExists(context: Excel.RequestContext, store: ChunkedSheet): () => boolean {
  const sheet = context.workbook.worksheets.getItemOrNullObject(store.name);
  // eslint-disable-next-line office-addins/call-sync-before-read
  return () => !sheet.isNullObject;
}

/**
 * The text the sheet holds ("" when its marker or count is missing), reading rows only when the
 * sheet is known to exist: one sync for up to 40 chunks, one more per 40 after.
 */
export async function readChunked(context: Excel.RequestContext, store: ChunkedSheet): Promise<{ text: string; info: ChunkedSheetInfo }> {
  const sheet = context.workbook.worksheets.getItem(store.name);
  const rows = (from: number, to: number) => {
    const range = sheet.getRange(`A${from}:B${to}`);
    range.load("values");
    return range;
  };
  const first = rows(1, 1 + CHUNKS_PER_READ);
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("rowIndex,rowCount");
  await context.sync();
  const lastRow = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
  let values = first.values as unknown[][];
  const count = Number(values[0]?.[1]);
  if (values[0]?.[0] !== store.marker || !Number.isInteger(count) || count < 0) return { text: "", info: { exists: true, lastRow } };
  while (values.length < 1 + count) {
    const next = rows(values.length + 1, Math.min(1 + count, values.length + CHUNKS_PER_READ));
    // One sync per 40 chunks: a response must stay under 5 MB.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    values = [...values, ...(next.values as unknown[][])];
  }
  const text = values
    .slice(1, 1 + count)
    .map((row) => (typeof row[0] === "string" ? row[0] : ""))
    .join("");
  return { text, info: { exists: true, lastRow } };
}
