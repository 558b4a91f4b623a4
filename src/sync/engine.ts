/**
 * Sync an annex table with a shared list, host-agnostic: a snapshot and a recognised table in,
 * cell writes, a new SyncState and a report out. Adapters (.xlsx, Excel) read the snapshot,
 * apply the writes and store the state; they never talk to the list themselves.
 *
 * One sync:
 * 1. Read the workbook rows and their RowKeys (new keys for new rows, see workbook.ts).
 * 2. Make sure the list exists with the needed columns (skipped when the state says it was done
 *    for the same columns).
 * 3. Read the list: the first time (or after 410 Gone) every item, after taking a delta link
 *    (`token=latest`) so nothing that changes meanwhile is missed; later only `items/delta` from
 *    the stored delta link. Deleted items are reported, never re-created.
 * 4. Plan (plan.ts, pure): rows without a key the list knows are first matched to existing items
 *    by identity (identity.ts); then each row is merged three ways per field against its base
 *    (merge.ts): pulls become cell writes, pushes become outbox entries, conflicts are reported
 *    with both values and left as they are.
 * 5. Run the outbox (outbox.ts): creates as batched POSTs; updates as batched PATCHes with If-Match. A create
 *    without an answer (dropped connection, 5xx, 409 duplicate key) is looked up by RowKey before
 *    it is posted again; a 412 re-reads the item and merges again. The state is saved after every
 *    batch (`checkpoint`), so an interrupted sync resumes: confirmed writes moved their base
 *    forward, the rest is planned again from base, workbook and list on the next run.
 */
import { type AnnexTable, type SheetSnapshot, SheetView, columnLetter } from "../annex";
import { type StateColumn, type SyncField, stateColumns, syncFields } from "./fields";
import { type GraphClient, GraphError } from "./graphClient";
import { ensureList, ListGoneError, type ListAccess, lookupKeys, readItems } from "./listAccess";
import type { Resolution } from "./merge";
import { runOutbox, SyncStopped } from "./outbox";
import { type Resolutions, SyncPlanner } from "./plan";
import type { RemoteItem } from "./remoteItem";
import { emptyReport, type SyncReport } from "./report";
import { type SyncState, cloneState, loadRows, newState, storeRows } from "./state";
import { type KeyColumn, type SyncCellWrite, locateKeyColumn, readWorkbookRows } from "./workbook";

export type { FailedWrite, RowRef, SkippedField, SyncReport } from "./report";

/** Where the list is: the site segment as Graph takes it ("root", "{site-id}", "host:/sites/x:") and the list name or id. */
export interface ListLocation {
  site: string;
  list: string;
  /** The list's id when the address was resolved to one (a pasted SharePoint page address). */
  id?: string | null;
}

export interface SyncInput {
  client: GraphClient;
  location: ListLocation;
  snapshot: SheetSnapshot;
  table: AnnexTable;
  state?: SyncState | null;
  resolutions?: Resolution[];
  /** RowKey generator (default crypto.randomUUID). */
  newId?: () => string;
  now?: () => Date;
  /** Items per page asked for when reading the list (default 1000; the server may give fewer). */
  pageSize?: number;
  /** Rounds of the outbox in one sync (412 re-merges, creates to look up) (default 5). */
  maxRounds?: number;
  /**
   * Called with the state and every cell write decided so far, after the plan and after each
   * batch of list writes, for hosts that save progress mid-way (the writes carry the keys the
   * list now knows and the values pulled into the base: a resumed sync must see them in the cells).
   */
  checkpoint?: (state: SyncState, writes: SyncCellWrite[]) => void | Promise<void>;
  /** Asked between batches; true stops the sync there (Ctrl-C): the state stays consistent. */
  shouldStop?: () => boolean;
  /** Plan only: read the list and report what would be created, matched, pushed and pulled; write nothing. */
  dryRun?: boolean;
  /** The list the state names is gone: create it again and push every row (the workbook's values). */
  recreate?: boolean;
}

export interface SyncResult {
  state: SyncState;
  writes: SyncCellWrite[];
  keyColumn: KeyColumn;
  fields: SyncField[];
  report: SyncReport;
}

function defaultId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  // Fallback (no crypto): random hex in the GUID layout.
  const hex = () =>
    Math.floor(Math.random() * 0x10000)
      .toString(16)
      .padStart(4, "0");
  return `${hex()}${hex()}-${hex()}-4${hex().slice(1)}-${hex()}-${hex()}${hex()}${hex()}`;
}

function resolutionMap(list: Resolution[] | undefined): Resolutions {
  const out: Resolutions = new Map();
  for (const r of list ?? []) {
    if (!out.has(r.rowKey)) out.set(r.rowKey, new Map());
    out.get(r.rowKey)!.set(r.field, r.take);
  }
  return out;
}

/** The state for this list: the stored one when it names the same list and sheet, else a new one (keys stay in the cells). */
function stateFor(input: SyncInput): SyncState {
  const { client, location, table } = input;
  const given = input.state ?? null;
  const sameList =
    given &&
    given.list.base === client.baseUrl &&
    given.list.site === location.site &&
    given.list.ref === location.list &&
    given.sheet === table.sheet;
  return sameList ? cloneState(given) : newState(client.baseUrl, location.site, location.list, table.sheet);
}

/** Forget the list the state knew (it is gone): every row is created again from the workbook. */
function forgetList(state: SyncState): void {
  state.list.id = null;
  state.schema = null;
  state.deltaLink = null;
  state.rows = {};
  state.outbox = [];
}

export async function syncAnnex(input: SyncInput): Promise<SyncResult> {
  const { client, location, snapshot, table } = input;
  const newId = input.newId ?? defaultId;
  const now = input.now ?? (() => new Date());
  const startRequests = client.stats.requests;
  const startWrites = client.stats.writes;
  const sheet = table.sheet;
  const state = stateFor(input);

  const keyColumn = locateKeyColumn(new SheetView(snapshot), table);
  const fields = syncFields(table, state.columns as StateColumn[], new Set([keyColumn.column]));
  const fieldNames = fields.map((f) => f.name);
  state.columns = stateColumns(fields, columnLetter);
  state.keyColumn = keyColumn.letter;
  const report = emptyReport();
  report.dryRun = input.dryRun === true;
  const access: ListAccess = {
    client,
    sitePath: `/sites/${location.site}`,
    listRef: location.list,
    listId: location.id ?? null,
    fields,
    state,
    report,
    pageSize: input.pageSize ?? 1000,
  };

  let rows = loadRows(state);
  let local = readWorkbookRows(snapshot, table, fields, keyColumn, rows, newId);
  let carried = state.outbox;
  const writes: SyncCellWrite[] = [...local.keyWrites];
  const planner = (): SyncPlanner =>
    new SyncPlanner({
      sheet,
      fields,
      keyColumn: keyColumn.column,
      rows,
      local: local.rows,
      writes,
      report,
      resolutions: resolutionMap(input.resolutions),
      carried,
    });
  let plan = planner();

  const finish = (outbox = plan.outbox): SyncResult => {
    report.keysAssigned = local.keysAssigned;
    report.duplicateKeys = local.duplicateKeys;
    report.conflicts = plan.conflicts();
    storeRows(state, rows, fieldNames);
    state.outbox = outbox;
    report.outboxRemaining = outbox.length;
    report.requests = client.stats.requests - startRequests;
    report.writeRequests = client.stats.writes - startWrites;
    return { state, writes, keyColumn, fields, report };
  };
  const checkpoint = async () => {
    if (!input.checkpoint || report.dryRun) return;
    storeRows(state, rows, fieldNames);
    state.outbox = plan.outbox;
    await input.checkpoint(cloneState(state), [...writes]);
  };
  const interrupt = (e: unknown, stage: "read" | "write") => {
    if (!(e instanceof GraphError)) throw e;
    report.interrupted = { status: e.status, code: e.code, message: e.message, stage };
    if (e instanceof ListGoneError) report.listGone = true;
  };
  for (const row of local.rows) {
    for (const u of row.unreadable) report.skipped.push({ rowKey: row.rowKey, field: u.field, row: row.row, reason: u.reason });
  }

  // ------------------------------------------------------------ 2–3. the list and its items
  let listPath = "";
  let remoteItems = new Map<string, RemoteItem>();
  let deltaLink: string | null = null;
  try {
    if (report.dryRun) {
      listPath = await findListForPreview(access);
      if (listPath) ({ items: remoteItems, deltaLink } = await readItems(access, listPath, false));
    } else {
      const open = async () => {
        const ensured = await ensureList(access);
        listPath = ensured.listPath;
        ({ items: remoteItems, deltaLink } = await readItems(access, listPath, ensured.fresh));
      };
      try {
        await open();
      } catch (e) {
        if (!(e instanceof ListGoneError) || !input.recreate) throw e;
        // The person asked for it: a new list, every row created again with the workbook's values.
        forgetList(state);
        carried = [];
        rows = loadRows(state);
        local = readWorkbookRows(snapshot, table, fields, keyColumn, rows, newId);
        writes.splice(0, writes.length, ...local.keyWrites);
        plan = planner();
        await open();
      }
    }
  } catch (e) {
    interrupt(e, "read");
    // Nothing was merged: keep the state (and its outbox) as it was, apart from new keys.
    return finish(carried);
  }

  // Creates of an earlier, interrupted sync that may have happened: look their keys up first.
  const found = new Map<string, RemoteItem>();
  try {
    const known = new Set([...remoteItems.values()].map((it) => it.key));
    const uncertain = carried.filter((e) => e.op === "create" && e.uncertain && !known.has(e.key)).map((e) => e.key);
    if (uncertain.length && listPath) {
      for (const [key, item] of await lookupKeys(access, listPath, uncertain)) if (item) found.set(key, item);
    }
  } catch (e) {
    interrupt(e, "read");
    return finish(carried);
  }

  // ------------------------------------------------------------ 4. the plan
  plan.planAll(remoteItems, found);
  if (report.dryRun) return finish(carried);
  state.deltaLink = deltaLink;
  state.lastSync = now().toISOString();
  await checkpoint();

  // ------------------------------------------------------------ 5. the outbox
  try {
    await runOutbox({
      access,
      listPath,
      planner: plan,
      maxRounds: input.maxRounds ?? 5,
      checkpoint,
      shouldStop: input.shouldStop ?? (() => false),
    });
  } catch (e) {
    if (e instanceof SyncStopped) report.interrupted = { status: 0, code: "stopped", message: e.message, stage: "write" };
    else interrupt(e, "write");
  }
  return finish();
}

/** A preview: the list's path if it exists (nothing is created, no column added). */
async function findListForPreview(access: ListAccess): Promise<string> {
  const ref = access.state.list.id ?? access.listId ?? access.listRef;
  try {
    const list = await access.client.get<Record<string, unknown>>(`${access.sitePath}/lists/${encodeURIComponent(ref)}?$select=id`);
    return `${access.sitePath}/lists/${String(list.id)}`;
  } catch (e) {
    if (e instanceof GraphError && e.status === 404) return "";
    throw e;
  }
}
