/**
 * The sync state kept by the pane in the very hidden sheet `_annex_sync` (see chunkedSheet.ts for
 * how, and src/sync/stateSheet.ts for the layout the .xlsx host writes too).
 */
import { parseState, serializeState, STATE_MARKER, STATE_SHEET, type SyncState } from "../sync";
import { chunkedWrites, queueHead, readChunkedText, type ChunkedSheet, type ChunkedSheetInfo, type HeadRead } from "./chunkedSheet";
import type { QueuedWrite } from "./payload";

export const STATE_STORE: ChunkedSheet = { name: STATE_SHEET, marker: STATE_MARKER };

/** What the pane knows of the state sheet between calls: only add-ins change a very hidden sheet. */
export interface StateSheetKnowledge {
  exists: boolean | null;
}

export type StateSheetInfo = ChunkedSheetInfo;

/** Queues the head of the state sheet (or, not knowing it exists, the question); read the result after the sync. */
export function queueStateSheetHead(context: Excel.RequestContext, knownToExist: boolean): () => HeadRead {
  return queueHead(context, STATE_STORE, knownToExist);
}

/** The state from the head read, with the syncs the rest of it took. */
export async function readStateSheet(
  context: Excel.RequestContext,
  head: HeadRead,
): Promise<{ state: SyncState | null; info: StateSheetInfo; syncs: number }> {
  const { text, info, syncs } = await readChunkedText(context, STATE_STORE, head);
  return { state: parseState(text), info, syncs };
}

/** The writes that store the state, and what the sheet looks like after them. */
export function stateSheetWrites(state: SyncState, before: StateSheetInfo): { writes: QueuedWrite[]; after: StateSheetInfo } {
  return chunkedWrites(STATE_STORE, serializeState(state), before);
}
