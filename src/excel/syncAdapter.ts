/**
 * The Office.js side of a sync, the counterpart of src/xlsx/syncStore.ts: where the SyncState
 * lives in the workbook, and how the sync's cell writes (keys, pulled values) reach the cells.
 * Nothing here syncs on its own account: the reads are queued into the snapshot's first sync and
 * the writes go out together, so a sync costs the snapshot read plus one write (plus one more,
 * before anything is sent to the list, the first time rows get their keys).
 *
 * **The state** is kept in `workbook.settings` (per file and per add-in, saved with the workbook),
 * as the state object itself: Office stores a setting as JSON once, and the state is already
 * compact (base values aligned with a field list, trailing empties dropped; about 270 bytes a row
 * for the 2020 sample). Settings were chosen over a custom XML part because they are read in the
 * same sync as the snapshot with the add-in's other settings, need no XML escaping of Vietnamese
 * text or namespace bookkeeping, work from ExcelApi 1.4 on every host, and the adapter's fake
 * models them. Their limit is the cost: Office keeps about 2 MB of settings per add-in and the
 * fill's undo may take up to 1.5 MB of it, so the state is refused above `MAX_STATE_BYTES` (1 MB,
 * roughly 3,000 rows) — checked *before* the sync sends anything to the list, so a refused state
 * never leaves list writes the workbook does not know about. When the settings are full anyway
 * (a large undo saved), the saved undo is given up (it stays in the pane's memory) and the state
 * saved again. A small separate setting, the profile, keeps what the pane shows without reading
 * the state (last sync, list, field labels for the liaison view).
 *
 * **Keys** go in a hidden column right of the table (see src/sync/workbook.ts), written as text:
 * the number format "@" is set before the value, in the same batch, and the column is hidden.
 *
 * **Pulled values**: numbers as JS numbers (a cell formatted as Text gets "General" first, or the
 * number would be stored as text); text that Excel would read as something else — a formula
 * ("=HYPERLINK(…)", "+84…", "-", "@…", the sync's `asText`) or a number, date, percentage or
 * boolean ("1.1", "15/9", "TRUE") — gets the Text format "@" first, then the value, in the same
 * batch. Excel honours both ways of keeping such text (a leading apostrophe, the Text format) when
 * writing `values`; the Text format is used because `Range.formulas`/`values` drop the apostrophe
 * when read back (office-js#6687), so a later read-and-write by any add-in would turn the text
 * into a live formula, while a Text cell keeps it text when written again or edited by hand, and
 * it is what the .xlsx adapter writes.
 */
import { areaAddress, cellAddress, type SheetSnapshot } from "../annex/snapshot";
import { mustWriteAsText, parseState, serializeState, type SyncCellWrite, type SyncState } from "../sync";
import { cellBlocks, packBlocks, type CellBlock } from "./blocks";
import { errorCode } from "./errors";
import { jsonBytes, SYNC_BUDGET_BYTES, utf8Length } from "./payload";
import { queueReadJson, SETTING_KEYS } from "./settings";

export const SYNC_SETTING_KEYS = {
  /** The SyncState (object). */
  state: "annex.sync.state",
  /** The profile (small object): list, sheet, fields' labels, last sync. */
  profile: "annex.sync.profile",
  /** The connection (kind, list URL, client id; never a token). */
  connection: "annex.sync.connection",
} as const;

/** Largest state kept in settings (bytes of JSON). */
export const MAX_STATE_BYTES = 1_000_000;

export class SyncStateTooLargeError extends Error {
  readonly code = "SyncStateTooLarge";

  constructor(readonly bytes: number) {
    super(`The sync state takes ${bytes} bytes; at most ${MAX_STATE_BYTES} are kept in the workbook`);
    this.name = "SyncStateTooLargeError";
  }
}

/** A field as the liaison view labels it. */
export interface ProfileField {
  name: string;
  label: string;
  owner: "planner" | "liaison";
  source: string;
}

/** What the pane shows without reading the state. */
export interface SyncProfile {
  v: 1;
  sheet: string;
  /** The list: Graph root, site and list as given, list id. */
  list: { base: string; site: string; ref: string; id: string | null };
  keyColumn: string | null;
  fields: ProfileField[];
  /** Field names of the plan and estimate columns for the liaison view. */
  plan: string | null;
  estimate: string | null;
  lastSync: string | null;
}

export interface SavedConnectionData {
  kind: "local" | "sharepoint";
  listUrl: string;
  clientId: string | null;
}

export interface SyncStore {
  state: SyncState | null;
  profile: SyncProfile | null;
  connection: SavedConnectionData | null;
}

/** Queues the read of the state, the profile and the connection (no sync); the function gives them after it. */
export function queueLoadSyncStore(context: Excel.RequestContext, parts: { state?: boolean } = {}): () => SyncStore {
  const state = parts.state === false ? () => undefined : queueReadJson(context, SYNC_SETTING_KEYS.state);
  const profile = queueReadJson(context, SYNC_SETTING_KEYS.profile);
  const connection = queueReadJson(context, SYNC_SETTING_KEYS.connection);
  return () => ({
    state: toState(state()),
    profile: toProfile(profile()),
    connection: toConnection(connection()),
  });
}

export async function loadSyncStore(context: Excel.RequestContext, parts: { state?: boolean } = {}): Promise<SyncStore> {
  const read = queueLoadSyncStore(context, parts);
  await context.sync();
  return read();
}

function toState(raw: unknown): SyncState | null {
  if (raw === undefined || raw === null) return null;
  return parseState(typeof raw === "string" ? raw : JSON.stringify(raw));
}

function toProfile(raw: unknown): SyncProfile | null {
  if (!raw || typeof raw !== "object") return null;
  const p = raw as Partial<SyncProfile>;
  if (p.v !== 1 || typeof p.sheet !== "string" || !p.list || !Array.isArray(p.fields)) return null;
  return p as SyncProfile;
}

function toConnection(raw: unknown): SavedConnectionData | null {
  if (!raw || typeof raw !== "object") return null;
  const c = raw as Partial<SavedConnectionData>;
  if ((c.kind !== "local" && c.kind !== "sharepoint") || typeof c.listUrl !== "string") return null;
  return { kind: c.kind, listUrl: c.listUrl, clientId: typeof c.clientId === "string" ? c.clientId : null };
}

/** Bytes the state takes as JSON. */
export function stateBytes(state: SyncState): number {
  return utf8Length(serializeState(state));
}

/** Queues the save of the state (refused above MAX_STATE_BYTES) and the profile. */
export function queueSaveSyncState(context: Excel.RequestContext, state: SyncState, profile: SyncProfile): void {
  const bytes = stateBytes(state);
  if (bytes > MAX_STATE_BYTES) throw new SyncStateTooLargeError(bytes);
  context.workbook.settings.add(SYNC_SETTING_KEYS.state, state);
  context.workbook.settings.add(SYNC_SETTING_KEYS.profile, profile);
}

export function queueSaveConnection(context: Excel.RequestContext, connection: SavedConnectionData): void {
  context.workbook.settings.add(SYNC_SETTING_KEYS.connection, connection);
}

/**
 * Text Excel would not keep as the same text when written as a value into a General cell: a
 * formula or formula-like entry, a number (either convention), a percentage, a date or time, a
 * boolean or an error literal.
 */
export function wouldNotStayText(text: string): boolean {
  if (mustWriteAsText(text)) return true;
  const t = text.trim();
  if (t === "") return false;
  if (/^[+-]?[\d.,\s\u00a0]*\d[\d.,\s\u00a0]*%?$/.test(t)) return true; // 1.1  71.755,08  91,4%
  if (/^\d{1,4}[/.-]\d{1,2}([/.-]\d{1,4})?$/.test(t)) return true; // 15/9  2020-09-30
  if (/^\d{1,2}:\d{2}(:\d{2})?\s*(am|pm)?$/i.test(t)) return true; // 8:30
  if (/^(true|false)$/i.test(t)) return true;
  if (/^#(N\/A|NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|SPILL!|CALC!|GETTING_DATA)$/i.test(t)) return true;
  return false;
}

interface PreparedWrite {
  row: number;
  column: number;
  value: string | number | boolean;
  format: string;
}

/** The value and number format each write gets: text that must stay text goes into a Text cell. */
export function prepareWrites(writes: SyncCellWrite[], snapshot: SheetSnapshot | null): PreparedWrite[] {
  const currentFormat = (row: number, column: number): string => {
    if (!snapshot) return "General";
    const f = snapshot.numberFormats?.[row - snapshot.top]?.[column - snapshot.left];
    return typeof f === "string" && f !== "" ? f : "General";
  };
  // The last write of a cell wins (the engine writes a cell once; a defensive merge costs nothing).
  const byCell = new Map<string, SyncCellWrite>();
  for (const w of writes) byCell.set(`${w.row}:${w.column}`, w);
  return [...byCell.values()].map((w) => {
    const current = currentFormat(w.row, w.column);
    const value = w.value === null ? "" : w.value;
    let format: string;
    if (typeof value === "string" && value !== "" && (w.asText || wouldNotStayText(value))) format = "@";
    else if (w.numberFormat) format = w.numberFormat;
    else if (typeof value !== "string" && current === "@") format = "General";
    else format = current;
    return { row: w.row, column: w.column, value, format };
  });
}

export interface SyncWriteOptions {
  /** Hide this column (the key column), by sheet column number. */
  hideColumn?: { column: number; row: number } | null;
  /** Save the state and profile after the cells (in the last sync of the writes). */
  save?: { state: SyncState; profile: SyncProfile } | null;
  maxBytesPerSync?: number;
}

export interface SyncWriteReport {
  syncs: number;
  rangeWrites: number;
  cells: number;
  /** The saved undo had to be given up to make room for the state. */
  undoDropped: boolean;
}

/** Per-range overhead of a write in the request. */
const RANGE_OVERHEAD = 300;

/**
 * Writes the cells (each rectangle of writes as one range: its number formats, then its values),
 * hides the key column and saves the state, in one sync unless the request would pass ~4 MB.
 */
export async function applySyncWrites(
  context: Excel.RequestContext,
  sheetName: string,
  writes: SyncCellWrite[],
  snapshot: SheetSnapshot | null,
  options: SyncWriteOptions = {},
): Promise<SyncWriteReport> {
  const sheet = context.workbook.worksheets.getItem(sheetName);
  const prepared = prepareWrites(
    writes.filter((w) => w.sheet === sheetName),
    snapshot,
  );
  const budget = options.maxBytesPerSync ?? SYNC_BUDGET_BYTES;
  const size = (block: CellBlock<PreparedWrite>) =>
    jsonBytes(block.cells.map((row) => row.map((p) => [p.value, p.format]))) + RANGE_OVERHEAD;
  const groups = prepared.length ? packBlocks(cellBlocks(prepared), size, budget) : [[]];
  const save = options.save ?? null;
  if (save) {
    // Refused before anything is queued: the caller checked it before the list was touched.
    const bytes = stateBytes(save.state);
    if (bytes > MAX_STATE_BYTES) throw new SyncStateTooLargeError(bytes);
  }

  let syncs = 0;
  let rangeWrites = 0;
  let undoDropped = false;
  for (const [g, group] of groups.entries()) {
    const last = g === groups.length - 1;
    const queue = () => {
      for (const block of group) {
        const range = sheet.getRange(areaAddress(block.area));
        // The format first: a Text cell then keeps "=…" as text; a number goes into a General cell.
        range.numberFormat = block.cells.map((row) => row.map((p) => p.format));
        range.values = block.cells.map((row) => row.map((p) => p.value));
      }
      if (g === 0 && options.hideColumn) {
        // columnHidden on any cell of the column hides the whole column.
        sheet.getRange(cellAddress(options.hideColumn.row, options.hideColumn.column)).columnHidden = true;
      }
      if (last && save) queueSaveSyncState(context, save.state, save.profile);
    };
    queue();
    rangeWrites += group.length;
    try {
      await context.sync();
      syncs++;
    } catch (error) {
      syncs++;
      // Settings full (a large saved undo): give the saved undo up and write again. Writing the
      // same values twice is harmless; the batch that failed may have applied part of itself.
      if (!(last && save && errorCode(error) === "InvalidArgument") || undoDropped) throw error;
      context.workbook.settings.add(SETTING_KEYS.undo, "");
      undoDropped = true;
      queue();
      await context.sync();
      syncs++;
    }
  }
  return { syncs, rangeWrites, cells: prepared.length, undoDropped };
}
