/**
 * How a SyncState is kept in a workbook, the same way by every host (the .xlsx adapter and the
 * pane's Excel one): a very hidden worksheet `_annex_sync` (users cannot unhide it from Excel's
 * menu), column A, formatted as text: A1 holds a marker, B1 the number of chunks, A2… the state's
 * JSON cut into chunks of at most 30,000 characters (Excel holds at most 32,767 in a cell).
 * A worksheet, unlike `workbook.settings` (whose limit is undocumented and reported near 1 MB),
 * holds the state of tens of thousands of rows; and a workbook synced from the command line is
 * then synced from the pane (and back) with the same state.
 */
import { parseState, serializeState, type SyncState } from "./state";

export const STATE_SHEET = "_annex_sync";
export const STATE_MARKER = "annex-sync-state";
export const STATE_CHUNK = 30_000;

/** Is this the sheet that holds the sync state (to leave out of table recognition)? */
export function isStateSheet(name: string): boolean {
  return name === STATE_SHEET;
}

export interface ChunkCells {
  /** A1 */
  marker: string;
  /** B1 */
  count: number;
  /** A2… */
  chunks: string[];
}

/** The cells that keep a text under a marker (the same layout serves the pane's undo record). */
export function chunkCells(marker: string, text: string): ChunkCells {
  const chunks: string[] = [];
  for (let at = 0; at < text.length; at += STATE_CHUNK) chunks.push(text.slice(at, at + STATE_CHUNK));
  return { marker, count: chunks.length, chunks };
}

/** The text kept under `marker` in the sheet's values (rows from A1, two columns); null when absent or unreadable. */
export function textFromChunkValues(marker: string, values: readonly (readonly unknown[])[]): string | null {
  if (values[0]?.[0] !== marker) return null;
  const count = Number(values[0]?.[1]);
  if (!Number.isInteger(count) || count < 0) return null;
  let text = "";
  for (let i = 0; i < count; i++) {
    const v = values[i + 1]?.[0];
    if (typeof v !== "string") return null;
    text += v;
  }
  return text;
}

/** The cells of column A (top to bottom) and B1, for a state. */
export function stateCells(state: SyncState): ChunkCells {
  return chunkCells(STATE_MARKER, serializeState(state));
}

/** The state from the sheet's values (rows from A1, at least two columns); null when absent or unreadable. */
export function stateFromValues(values: readonly (readonly unknown[])[]): SyncState | null {
  return parseState(textFromChunkValues(STATE_MARKER, values));
}
