/**
 * The Office.js side of a sync, the counterpart of src/xlsx/syncStore.ts: the pane's small
 * settings (the profile and the connection) and how the sync's cell writes (keys, pulled values)
 * reach the cells. Nothing here syncs on its own account but `applyWrites`, which sends queued
 * writes in as few syncs as the 5 MB request limit allows; src/excel/workbookHost.ts puts cells,
 * the key column, the state sheet and the profile into one of them.
 *
 * **The state** lives in a very hidden sheet (src/excel/stateSheetStore.ts), no longer in
 * `workbook.settings`, whose limit is undocumented (reported near 1 MB, shared with the fill's
 * undo). An older workbook's state in the setting `annex.sync.state` is still read, once, and
 * moved to the sheet by the next sync. The profile, a small setting, keeps what the pane shows
 * without reading the state (last sync, list, field names and labels for the liaison view).
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
 *
 * **A leading apostrophe** ("'0123", "'=A1" pulled from the list) is part of the text. Written as
 * a value into a General cell, Excel takes it as its text prefix and keeps "0123" (quotePrefix), so
 * the next sync would read "0123", see the workbook changed and push it back: such text goes into a
 * Text cell too (`mustWriteAsText`). What Excel does with the apostrophe once the cell is Text is
 * not documented: the office-js issues only report that `Range.formulas`/`values` read a
 * quote-prefixed cell without its apostrophe (office-js#6687, closed as a feature request, no
 * answer on Text cells), and no issue or reference page on learn.microsoft.com describes writing
 * "'…" through `values` into an "@" cell. The fake keeps a Text cell's string as written, as the
 * .xlsx side (a shared string) does; this is to be confirmed in Excel on the web and desktop.
 */
import { areaAddress, cellAddress, type SheetSnapshot } from "../annex/snapshot";
import { mustWriteAsText, parseState, type SyncCellWrite, type SyncState } from "../sync";
import type { ListField } from "../sync/liaison";
import { cellBlocks, packBlocks, type CellBlock } from "./blocks";
import { jsonBytes, packBySize, RANGE_OVERHEAD, SYNC_BUDGET_BYTES, type QueuedWrite } from "./payload";
import { queueReadJson } from "./settings";

export const SYNC_SETTING_KEYS = {
  /** Where older versions kept the SyncState (read once, then moved to the state sheet). */
  legacyState: "annex.sync.state",
  /** The profile (small object): list, sheet, fields' labels, last sync. */
  profile: "annex.sync.profile",
  /** The connection (kind, list URL, client id; never a token). */
  connection: "annex.sync.connection",
} as const;

/** What the pane shows without reading the state. */
export interface SyncProfile {
  v: 1;
  sheet: string;
  /** The list: Graph root, site and list as given, list id. */
  list: { base: string; site: string; ref: string; id: string | null };
  keyColumn: string | null;
  fields: ListField[];
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
  /** A state an older version kept in the settings (null when there is none). */
  legacyState: SyncState | null;
  profile: SyncProfile | null;
  connection: SavedConnectionData | null;
}

/** Queues the read of the profile and the connection, and the legacy state if asked (no sync); the function gives them after it. */
export function queueLoadSyncStore(context: Excel.RequestContext, parts: { legacyState?: boolean } = {}): () => SyncStore {
  const legacy = parts.legacyState ? queueReadJson(context, SYNC_SETTING_KEYS.legacyState) : () => undefined;
  const profile = queueReadJson(context, SYNC_SETTING_KEYS.profile);
  const connection = queueReadJson(context, SYNC_SETTING_KEYS.connection);
  return () => ({
    legacyState: toState(legacy()),
    profile: toProfile(profile()),
    connection: toConnection(connection()),
  });
}

export async function loadSyncStore(context: Excel.RequestContext, parts: { legacyState?: boolean } = {}): Promise<SyncStore> {
  const read = queueLoadSyncStore(context, parts);
  await context.sync();
  return read();
}

function toState(raw: unknown): SyncState | null {
  if (raw === undefined || raw === null) return null;
  return parseState(typeof raw === "string" ? raw : JSON.stringify(raw));
}

/** A profile of this version: an older one (fields without kinds) waits for the planner's next sync. */
function toProfile(raw: unknown): SyncProfile | null {
  if (!raw || typeof raw !== "object") return null;
  const p = raw as Partial<SyncProfile>;
  if (p.v !== 1 || typeof p.sheet !== "string" || !p.list || !Array.isArray(p.fields)) return null;
  if (!p.fields.every((f) => typeof f?.name === "string" && typeof f.kind === "string")) return null;
  return p as SyncProfile;
}

function toConnection(raw: unknown): SavedConnectionData | null {
  if (!raw || typeof raw !== "object") return null;
  const c = raw as Partial<SavedConnectionData>;
  if ((c.kind !== "local" && c.kind !== "sharepoint") || typeof c.listUrl !== "string") return null;
  return { kind: c.kind, listUrl: c.listUrl, clientId: typeof c.clientId === "string" ? c.clientId : null };
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

/** One piece of a batched write: what it adds to the request, and how to queue it. */
export { RANGE_OVERHEAD, type QueuedWrite } from "./payload";
/** Largest single range write: a quarter of a sync's budget. */
const BLOCK_BYTES = SYNC_BUDGET_BYTES / 4;

/** The cell writes of one sheet as range writes: per rectangle its number formats first, then its values. */
export function cellWrites(sheetName: string, writes: SyncCellWrite[], snapshot: SheetSnapshot | null): QueuedWrite[] {
  const prepared = prepareWrites(
    writes.filter((w) => w.sheet === sheetName),
    snapshot,
  );
  const size = (block: CellBlock<PreparedWrite>) =>
    jsonBytes(block.cells.map((row) => row.map((p) => [p.value, p.format]))) + RANGE_OVERHEAD;
  // Blocks cut by rows to a size that packs well into syncs.
  const blocks = packBlocks(cellBlocks(prepared), size, BLOCK_BYTES).flat();
  return blocks.map((block) => ({
    bytes: size(block),
    queue(context: Excel.RequestContext) {
      const range = context.workbook.worksheets.getItem(sheetName).getRange(areaAddress(block.area));
      // The format first: a Text cell then keeps "=…" as text; a number goes into a General cell.
      range.numberFormat = block.cells.map((row) => row.map((p) => p.format));
      range.values = block.cells.map((row) => row.map((p) => p.value));
    },
  }));
}

/** Hides a sheet column (columnHidden on any of its cells hides the whole column). */
export function hideColumnWrite(sheetName: string, column: { column: number; row: number }): QueuedWrite {
  return {
    bytes: RANGE_OVERHEAD,
    queue(context) {
      context.workbook.worksheets.getItem(sheetName).getRange(cellAddress(column.row, column.column)).columnHidden = true;
    },
  };
}

/** Sends the writes in order, in as few syncs as the request budget allows; returns the syncs made. */
export async function applyWrites(context: Excel.RequestContext, writes: QueuedWrite[], budget = SYNC_BUDGET_BYTES): Promise<number> {
  let syncs = 0;
  for (const group of packBySize(writes, (w) => w.bytes, budget)) {
    for (const w of group) w.queue(context);
    // One sync per group: each group is sized to keep its request under the 5 MB limit.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    syncs++;
  }
  return syncs;
}

export interface SyncWriteOptions {
  /** Hide this column (the key column), by sheet column number. */
  hideColumn?: { column: number; row: number } | null;
  maxBytesPerSync?: number;
}

export interface SyncWriteReport {
  syncs: number;
  rangeWrites: number;
  cells: number;
}

/** Writes the cells of one sheet and hides the key column, in one sync unless the request would pass the budget. */
export async function applySyncWrites(
  context: Excel.RequestContext,
  sheetName: string,
  writes: SyncCellWrite[],
  snapshot: SheetSnapshot | null,
  options: SyncWriteOptions = {},
): Promise<SyncWriteReport> {
  const cells = cellWrites(sheetName, writes, snapshot);
  const all = options.hideColumn ? [...cells, hideColumnWrite(sheetName, options.hideColumn)] : cells;
  const syncs = await applyWrites(context, all, options.maxBytesPerSync);
  return {
    syncs,
    rangeWrites: cells.length,
    cells: prepareWrites(
      writes.filter((w) => w.sheet === sheetName),
      null,
    ).length,
  };
}
