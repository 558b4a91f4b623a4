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
 * 4. Merge each row three ways per field against its base (merge.ts): pulls become cell writes,
 *    pushes become outbox entries, conflicts are reported with both values and left as they are.
 * 5. Run the outbox: creates as batched POSTs; updates as batched PATCHes with If-Match. A create
 *    without an answer (dropped connection, 5xx, 409 duplicate key) is looked up by RowKey before
 *    it is posted again; a 412 re-reads the item and merges again. The state is saved after every
 *    batch (`checkpoint`), so an interrupted sync resumes: confirmed writes moved their base
 *    forward, the rest is planned again from base, workbook and list on the next run.
 */
import { type AnnexTable, type SheetSnapshot, SheetView, columnLetter } from "../annex";
import {
  type FieldValue,
  type StateColumn,
  type SyncField,
  ROW_KEY_FIELD,
  listColumnDefinitions,
  normalizeValue,
  sameValue,
  schemaSignature,
  stateColumns,
  syncFields,
} from "./fields";
import { type BatchRequest, type BatchResult, type GraphClient, GraphError } from "./graphClient";
import { type Conflict, type Resolution, mergeRow } from "./merge";
import { type OutboxEntry, type RowRecord, type SyncState, cloneState, loadRows, newState, storeRows } from "./state";
import { type KeyColumn, type LocalRow, type SyncCellWrite, locateKeyColumn, pullWrite, readWorkbookRows } from "./workbook";

/** Where the list is: the site segment as Graph takes it ("root", "{site-id}", "host:/sites/x:") and the list name or id. */
export interface ListLocation {
  site: string;
  list: string;
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
  /** Called with the state after each batch of writes, for adapters that can save mid-way. */
  checkpoint?: (state: SyncState) => void | Promise<void>;
}

export interface RowRef {
  rowKey: string;
  itemId: string | null;
  row: number | null;
  title: string | null;
}

export interface SkippedField {
  rowKey: string;
  field: string;
  row: number;
  /** Why the value was not merged: the cell cannot be written, or the cell cannot be read. */
  reason: "merged" | "formula" | "inherited" | "derived" | "notNumber" | "error";
  /** The list value that waits (for a pull that could not be written). */
  list?: FieldValue;
}

export interface FailedWrite {
  rowKey: string;
  op: "create" | "update";
  status: number;
  code: string;
  message: string;
}

export interface SyncReport {
  /** Items created in the list. */
  created: number;
  /** Items updated in the list. */
  updated: number;
  /** Field values brought from the list (cells written, list-only fields stored). */
  pulled: number;
  conflicts: Conflict[];
  deletedRemotely: RowRef[];
  /** HTTP requests sent. */
  requests: number;
  /** Write operations sent (POST/PATCH, inside batches too; retries included). */
  writeRequests: number;
  keysAssigned: number;
  duplicateKeys: number;
  /** Creates whose answer was lost (dropped connection, 5xx, 409), looked up by RowKey before any re-post. */
  lookups: number;
  /** Of those, found in the list (the create had happened) and adopted, not posted again. */
  recovered: number;
  skipped: SkippedField[];
  failed: FailedWrite[];
  /** Items the state knows whose row is no longer in the workbook (never deleted by the sync). */
  missingInWorkbook: RowRef[];
  /** Items in the list that no workbook row has. */
  remoteOnly: RowRef[];
  /** Changes made by the side that does not own the field (merged all the same). */
  nonOwnerChanges: { rowKey: string; field: string; side: "workbook" | "list" }[];
  resolved: { rowKey: string; field: string; take: "workbook" | "list" }[];
  /** The list was read in full (first sync, new columns or an expired delta link). */
  fullRead: boolean;
  listCreated: boolean;
  /** Planned writes not done yet (throttled, failed connection): the next sync does them. */
  outboxRemaining: number;
  /** Set when the sync stopped early; the state is still consistent. */
  interrupted: { status: number; code: string; message: string; stage: "read" | "write" } | null;
  warnings: string[];
}

export interface SyncResult {
  state: SyncState;
  writes: SyncCellWrite[];
  keyColumn: KeyColumn;
  fields: SyncField[];
  report: SyncReport;
}

interface RemoteItem {
  id: string;
  etag: string | null;
  key: string | null;
  fields: Record<string, FieldValue> | null;
  title: string | null;
  deleted: boolean;
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

function isGuid(text: string): boolean {
  return /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i.test(text);
}

/** Errors that stop the whole sync (everything else is per entry). */
function isFatal(error: GraphError | undefined): boolean {
  return error !== undefined && (error.status === 401 || error.status === 403);
}

export async function syncAnnex(input: SyncInput): Promise<SyncResult> {
  const { client, location, snapshot, table } = input;
  const newId = input.newId ?? defaultId;
  const now = input.now ?? (() => new Date());
  const pageSize = input.pageSize ?? 1000;
  const maxRounds = input.maxRounds ?? 5;
  const startRequests = client.stats.requests;
  const startWrites = client.stats.writes;
  const sheet = table.sheet;

  const given = input.state ?? null;
  // The state belongs to one list on one server: another list starts afresh (the keys stay).
  const sameList =
    given &&
    given.list.base === client.baseUrl &&
    given.list.site === location.site &&
    given.list.ref === location.list &&
    given.sheet === sheet;
  const state: SyncState = sameList ? cloneState(given) : newState(client.baseUrl, location.site, location.list, sheet);

  const view = new SheetView(snapshot);
  const keyColumn = locateKeyColumn(view, table);
  const fields = syncFields(table, state.columns as StateColumn[], new Set([keyColumn.column]));
  const fieldByName = new Map(fields.map((f) => [f.name, f]));
  const fieldNames = fields.map((f) => f.name);
  state.columns = stateColumns(fields, columnLetter);
  state.keyColumn = keyColumn.letter;
  const rows = loadRows(state);
  const local = readWorkbookRows(snapshot, table, fields, keyColumn, rows, newId);
  const localByKey = new Map(local.rows.map((r) => [r.rowKey, r]));
  const writes: SyncCellWrite[] = [...local.keyWrites];
  const carried = state.outbox;
  let outbox: OutboxEntry[] = [];

  const report: SyncReport = {
    created: 0,
    updated: 0,
    pulled: 0,
    conflicts: [],
    deletedRemotely: [],
    requests: 0,
    writeRequests: 0,
    keysAssigned: local.keysAssigned,
    duplicateKeys: local.duplicateKeys,
    lookups: 0,
    recovered: 0,
    skipped: [],
    failed: [],
    missingInWorkbook: [],
    remoteOnly: [],
    nonOwnerChanges: [],
    resolved: [],
    fullRead: false,
    listCreated: false,
    outboxRemaining: 0,
    interrupted: null,
    warnings: [],
  };
  for (const row of local.rows) {
    for (const u of row.unreadable) report.skipped.push({ rowKey: row.rowKey, field: u.field, row: row.row, reason: u.reason });
  }

  const resolutions = new Map<string, Map<string, "workbook" | "list">>();
  for (const r of input.resolutions ?? []) {
    if (!resolutions.has(r.rowKey)) resolutions.set(r.rowKey, new Map());
    resolutions.get(r.rowKey)!.set(r.field, r.take);
  }

  const select = [ROW_KEY_FIELD, ...fieldNames].join(",");
  const expand = `$expand=fields($select=${select})`;
  const sitePath = `/sites/${location.site}`;
  let listPath = "";

  const finish = async (): Promise<SyncResult> => {
    storeRows(state, rows, fieldNames);
    state.outbox = outbox;
    report.outboxRemaining = outbox.length;
    report.requests = client.stats.requests - startRequests;
    report.writeRequests = client.stats.writes - startWrites;
    return { state, writes, keyColumn, fields, report };
  };
  const checkpoint = async () => {
    if (!input.checkpoint) return;
    storeRows(state, rows, fieldNames);
    state.outbox = outbox;
    await input.checkpoint(cloneState(state));
  };
  const interrupt = (e: unknown, stage: "read" | "write") => {
    if (e instanceof GraphError) report.interrupted = { status: e.status, code: e.code, message: e.message, stage };
    else throw e;
  };

  const parseFields = (raw: unknown): Record<string, FieldValue> => {
    const src = (raw ?? {}) as Record<string, unknown>;
    const out: Record<string, FieldValue> = {};
    // A field missing from a fields object read with $select has no value: missing means empty here.
    for (const f of fields) out[f.name] = normalizeValue(f, src[f.name]);
    return out;
  };
  const parseItem = (raw: unknown): RemoteItem => {
    const o = (raw ?? {}) as Record<string, unknown>;
    const id = String(o.id ?? "");
    if (o.deleted !== undefined && o.deleted !== null) return { id, etag: null, key: null, fields: null, title: null, deleted: true };
    const f = o.fields as Record<string, unknown> | undefined;
    const etag = (o["@odata.etag"] ?? o.eTag ?? f?.["@odata.etag"] ?? null) as string | null;
    const key = f && typeof f[ROW_KEY_FIELD] === "string" ? (f[ROW_KEY_FIELD] as string) : null;
    return {
      id,
      etag,
      key,
      fields: f ? parseFields(f) : null,
      title: f && typeof f.Title === "string" ? f.Title : null,
      deleted: false,
    };
  };

  // ------------------------------------------------------------ 2. the list
  let freshList = false;
  const ensureList = async (): Promise<void> => {
    const signature = schemaSignature(fields);
    if (state.list.id && state.schema === signature) {
      listPath = `${sitePath}/lists/${state.list.id}`;
      return;
    }
    const ref = state.list.id ?? location.list;
    for (let attempt = 1; ; attempt++) {
      let list: Record<string, unknown> | null = null;
      try {
        list = await client.get<Record<string, unknown>>(`${sitePath}/lists/${encodeURIComponent(ref)}?$expand=columns`);
      } catch (e) {
        if (!(e instanceof GraphError) || e.status !== 404) throw e;
        if (state.list.id || isGuid(ref)) throw e; // a list we knew is gone, or an id: never re-create silently
      }
      if (list) {
        const id = String(list.id);
        listPath = `${sitePath}/lists/${id}`;
        const existing = new Map<string, Record<string, unknown>>();
        for (const c of (list.columns as Record<string, unknown>[] | undefined) ?? []) existing.set(String(c.name), c);
        const rowKey = existing.get(ROW_KEY_FIELD);
        if (rowKey && !rowKey.indexed) report.warnings.push("RowKey column is not indexed: lookups by key may fail on large lists");
        const missing = listColumnDefinitions(fields).filter((d) => !existing.has(String(d.name)));
        if (missing.length) {
          const results = await client.batch(missing.map((d) => ({ method: "POST", url: `${listPath}/columns`, body: d })));
          results.forEach((r, i) => {
            // 409: the column exists already (an earlier attempt whose answer was lost).
            if (r.error && r.status !== 409) {
              if (r.status === 0 || r.status >= 500 || r.status === 429) throw r.error;
              report.warnings.push(`Column ${String(missing[i].name)} could not be added: ${r.error.message}`);
            }
          });
        }
        // Fields added since the delta link was made are not in its $select: read everything once.
        if (state.schema !== signature) state.deltaLink = null;
        state.list.id = id;
        state.schema = signature;
        return;
      }
      try {
        const created = await client.request<Record<string, unknown>>("POST", `${sitePath}/lists`, {
          body: { displayName: location.list, columns: listColumnDefinitions(fields), list: { template: "genericList" } },
        });
        const id = String(created.body.id);
        listPath = `${sitePath}/lists/${id}`;
        state.list.id = id;
        state.schema = signature;
        state.deltaLink = null;
        freshList = true;
        report.listCreated = true;
        return;
      } catch (e) {
        // 409: it exists (ours, created by an attempt whose answer was lost, or someone else's);
        // no answer: it may exist. Either way read it again.
        if (!(e instanceof GraphError) || !(e.status === 409 || e.status === 0 || e.status >= 500) || attempt >= 4) throw e;
      }
    }
  };

  // ------------------------------------------------------------ 3. read the list
  const remoteItems = new Map<string, RemoteItem>();
  let newDeltaLink: string | null = null;
  const readRemote = async (): Promise<void> => {
    if (state.deltaLink) {
      try {
        const { items, deltaLink } = await client.getAllPages(state.deltaLink);
        for (const raw of items) {
          const item = parseItem(raw);
          remoteItems.set(item.id, item); // an item may appear twice: the last one wins
        }
        newDeltaLink = deltaLink;
      } catch (e) {
        if (!(e instanceof GraphError) || e.status !== 410) throw e;
        remoteItems.clear();
        state.deltaLink = null;
      }
    }
    if (!state.deltaLink) {
      report.fullRead = true;
      // The link first: changes made while the items are listed come again next time (harmless).
      const latest = await client.get<Record<string, unknown>>(`${listPath}/items/delta?token=latest&${expand}&$top=${pageSize}`);
      newDeltaLink = typeof latest?.["@odata.deltaLink"] === "string" ? (latest["@odata.deltaLink"] as string) : null;
      if (!freshList) {
        const { items } = await client.getAllPages(`${listPath}/items?${expand}&$top=${pageSize}`);
        for (const raw of items) {
          const item = parseItem(raw);
          remoteItems.set(item.id, item);
        }
      }
    }
    // Items a delta reported without their fields: read them.
    const bare = [...remoteItems.values()].filter((it) => !it.deleted && it.fields === null);
    if (bare.length) {
      const results = await client.batch(bare.map((it) => ({ method: "GET", url: `${listPath}/items/${it.id}?${expand}` })));
      results.forEach((r, i) => {
        if (r.status === 200) remoteItems.set(bare[i].id, parseItem(r.body));
        else if (r.status === 404) remoteItems.set(bare[i].id, { ...bare[i], deleted: true });
        else throw r.error ?? new GraphError(r.status, "readFailed", "Could not read a changed item");
      });
    }
  };

  try {
    await ensureList();
    await readRemote();
  } catch (e) {
    interrupt(e, "read");
    // Nothing was merged: keep the state (and its outbox) as it was, apart from new keys.
    outbox = carried;
    return finish();
  }

  // ------------------------------------------------------------ 4. merge
  const conflictIndex = new Map<string, number>();
  const addConflict = (c: Conflict) => {
    const id = `${c.rowKey}\u0000${c.field}`;
    const at = conflictIndex.get(id);
    if (at === undefined) {
      conflictIndex.set(id, report.conflicts.length);
      report.conflicts.push(c);
    } else report.conflicts[at] = c;
  };
  const removeConflicts = (rowKey: string) => {
    for (const [id, at] of conflictIndex) {
      if (id.startsWith(`${rowKey}\u0000`)) {
        report.conflicts[at] = null as unknown as Conflict;
        conflictIndex.delete(id);
      }
    }
  };
  const newRecord = (): RowRecord => ({ i: null, e: null, base: {}, remote: {}, deleted: false });
  const refOf = (key: string, rec: RowRecord | undefined, title: string | null = null): RowRef => {
    const row = localByKey.get(key);
    return {
      rowKey: key,
      itemId: rec?.i ?? null,
      row: row?.row ?? null,
      title: row?.title ?? title ?? (rec?.base.Title as string | null) ?? null,
    };
  };
  /** The list's side as known without reading the item: base with the known differences. */
  const knownRemote = (rec: RowRecord): Record<string, FieldValue> => ({ ...rec.base, ...rec.remote });
  const setRemote = (rec: RowRecord, listValues: Record<string, FieldValue>) => {
    rec.remote = {};
    for (const name of fieldNames) {
      const v = listValues[name] ?? null;
      if (!sameValue(v, rec.base[name] ?? null)) rec.remote[name] = v;
    }
  };
  const upsertUpdate = (entry: Extract<OutboxEntry, { op: "update" }>) => {
    outbox = outbox.filter((e) => !(e.op === "update" && e.key === entry.key));
    outbox.push(entry);
  };

  /** Merge one row against list values, queue its pushes and emit its pulls. */
  const mergeAndPlan = (row: LocalRow, rec: RowRecord, listValues: Record<string, FieldValue>) => {
    removeConflicts(row.rowKey);
    const m = mergeRow(fields, rec.base, row.values, listValues, resolutions.get(row.rowKey));
    for (const [name, v] of Object.entries(m.same)) rec.base[name] = v;
    for (const [name, v] of Object.entries(m.pull)) {
      const f = fieldByName.get(name)!;
      if (f.source === "listOnly" || (f.column === null && f.source !== "section")) {
        // No cell for it in this workbook (list-only, or a column the table lacks): the state keeps it.
        rec.base[name] = v;
        report.pulled++;
        continue;
      }
      const cell = row.cells[name];
      if (f.source === "section" || !cell || !cell.writable) {
        const reason = f.source === "section" ? "derived" : (cell?.reason ?? "derived");
        const known = report.skipped.find((k) => k.rowKey === row.rowKey && k.field === name);
        if (known) known.list = v;
        else report.skipped.push({ rowKey: row.rowKey, field: name, row: row.row, reason, list: v });
        continue;
      }
      writes.push(pullWrite(sheet, row.rowKey, f, cell, v));
      row.values[name] = v;
      rec.base[name] = v;
      report.pulled++;
    }
    for (const c of m.conflicts) {
      const cell = row.cells[c.field];
      addConflict({
        rowKey: row.rowKey,
        field: c.field,
        base: c.base,
        workbook: c.workbook,
        list: c.list,
        owner: c.owner,
        sheet,
        row: row.row,
        cell: cell ? `${columnLetter(cell.column)}${cell.row}` : null,
        title: row.title,
      });
    }
    for (const n of m.nonOwner) report.nonOwnerChanges.push({ rowKey: row.rowKey, field: n.field, side: n.side });
    for (const name of m.resolved) {
      const take = resolutions.get(row.rowKey)!.get(name)!;
      report.resolved.push({ rowKey: row.rowKey, field: name, take });
    }
    setRemote(rec, listValues);
    if (Object.keys(m.push).length && rec.i) upsertUpdate({ op: "update", key: row.rowKey, id: rec.i, etag: rec.e, fields: m.push });
  };

  const createFields = (row: LocalRow): Record<string, FieldValue> => {
    const out: Record<string, FieldValue> = { [ROW_KEY_FIELD]: row.rowKey };
    for (const [name, v] of Object.entries(row.values)) if (v !== null) out[name] = v;
    return out;
  };

  const normalizeRecord = (values: Record<string, FieldValue>): Record<string, FieldValue> => {
    const out: Record<string, FieldValue> = {};
    for (const f of fields) {
      const v = normalizeValue(f, values[f.name]);
      if (v !== null) out[f.name] = v;
    }
    return out;
  };

  /**
   * Take a list item as a row's item. `sent` is what a create of ours sent, when the item is that
   * create (its answer was lost): it is the base, so later edits on either side merge three ways.
   * Without it the base stays as known (empty for a row never synced: every difference between
   * the two sides is then a conflict or a one-sided value, never a silent overwrite).
   */
  const adopt = (row: LocalRow | undefined, key: string, item: RemoteItem, sent: Record<string, FieldValue> | null) => {
    const rec = rows.get(key) ?? newRecord();
    rows.set(key, rec);
    rec.i = item.id;
    rec.e = item.etag;
    rec.deleted = false;
    if (sent) rec.base = normalizeRecord(sent);
    if (row) mergeAndPlan(row, rec, item.fields ?? {});
    else setRemote(rec, item.fields ?? {});
  };

  const byKey = new Map<string, RemoteItem>();
  const keyByItem = new Map<string, string>();
  for (const [key, rec] of rows) if (rec.i) keyByItem.set(rec.i, key);
  for (const item of remoteItems.values()) {
    if (item.deleted) {
      const key = keyByItem.get(item.id);
      if (key) rows.get(key)!.deleted = true;
      continue;
    }
    if (item.key && !byKey.has(item.key)) byKey.set(item.key, item);
    else if (item.key) report.warnings.push(`Two list items carry the key ${item.key} (items ${byKey.get(item.key)!.id} and ${item.id})`);
  }
  if (report.fullRead) {
    // Every live item was listed: a known item that is not there was deleted.
    for (const rec of rows.values()) if (rec.i && !remoteItems.has(rec.i)) rec.deleted = true;
  }

  // Creates of an earlier, interrupted sync that may have happened: look their keys up first.
  const uncertainKeys = new Set<string>();
  for (const e of carried) if (e.op === "create" && e.uncertain && !byKey.has(e.key)) uncertainKeys.add(e.key);
  const ourCreates = new Map<string, Record<string, FieldValue>>();
  for (const e of carried) if (e.op === "create") ourCreates.set(e.key, e.fields);

  const lookupKeys = async (keys: string[]): Promise<Map<string, RemoteItem | null>> => {
    report.lookups += keys.length;
    const found = new Map<string, RemoteItem | null>();
    const requests: BatchRequest[] = keys.map((k) => ({
      method: "GET",
      url: `${listPath}/items?$filter=${encodeURIComponent(`fields/${ROW_KEY_FIELD} eq '${k.replace(/'/g, "''")}'`)}&${expand}`,
    }));
    const results = await client.batch(requests);
    results.forEach((r, i) => {
      if (r.status === 200) {
        const value = ((r.body as { value?: unknown[] })?.value ?? []).map(parseItem).filter((it) => !it.deleted);
        found.set(keys[i], value[0] ?? null);
      } else if (isFatal(r.error) || r.status === 0) {
        // No answer even after retries: the connection is gone; stop here, the outbox is kept.
        throw r.error;
      }
    });
    return found;
  };

  try {
    if (uncertainKeys.size) {
      const found = await lookupKeys([...uncertainKeys]);
      // Found: adopted below like any create of ours that happened unheard (counted there).
      for (const [key, item] of found) if (item) byKey.set(key, item);
    }
  } catch (e) {
    interrupt(e, "read");
    outbox = carried;
    return finish();
  }

  const seenKeys = new Set<string>();
  for (const row of local.rows) {
    const key = row.rowKey;
    seenKeys.add(key);
    let rec = rows.get(key);
    const item = byKey.get(key);
    if (item && (!rec || !rec.i || item.id !== rec.i)) {
      // A create of ours that happened without our hearing of it, a row whose state was lost,
      // or an item re-created in the list with the row's key: follow the key.
      const sent = !rec?.i ? (ourCreates.get(key) ?? null) : null;
      if (sent) {
        // Created by an earlier, interrupted sync whose answer never came.
        report.created++;
        report.recovered++;
      }
      adopt(row, key, item, sent);
      continue;
    }
    if (rec?.deleted) {
      report.deletedRemotely.push(refOf(key, rec));
      continue;
    }
    if (!rec || !rec.i) {
      if (!rec) {
        rec = newRecord();
        rows.set(key, rec);
      }
      outbox.push({ op: "create", key, fields: createFields(row) });
      continue;
    }
    if (item) rec.e = item.etag;
    mergeAndPlan(row, rec, item?.fields ?? knownRemote(rec));
  }
  for (const [key, item] of byKey) {
    if (seenKeys.has(key)) continue;
    const rec = rows.get(key);
    if (rec) {
      rec.e = item.etag;
      if (item.fields) setRemote(rec, item.fields);
    } else report.remoteOnly.push({ rowKey: key, itemId: item.id, row: null, title: item.title });
  }
  // Rows gone from the workbook: their items stay in the list (a sync never deletes list items).
  for (const [key, rec] of rows) {
    if (!seenKeys.has(key) && rec.i && !rec.deleted) report.missingInWorkbook.push(refOf(key, rec, byKey.get(key)?.title ?? null));
  }
  for (const item of remoteItems.values()) {
    if (!item.deleted && !item.key) report.remoteOnly.push({ rowKey: "", itemId: item.id, row: null, title: item.title });
  }
  state.deltaLink = newDeltaLink;
  state.lastSync = now().toISOString();
  await checkpoint();

  // ------------------------------------------------------------ 5. the outbox
  const recordFailure = (key: string, op: "create" | "update", r: BatchResult) => {
    const e = r.error ?? new GraphError(r.status, "unknown", "Write failed");
    report.failed.push({ rowKey: key, op, status: e.status, code: e.code, message: e.message });
  };

  const runCreates = async (entries: Extract<OutboxEntry, { op: "create" }>[]): Promise<boolean> => {
    let progress = false;
    for (let start = 0; start < entries.length; start += 20) {
      const chunk = entries.slice(start, start + 20);
      const results = await client.batch(chunk.map((e) => ({ method: "POST", url: `${listPath}/items`, body: { fields: e.fields } })));
      results.forEach((r, i) => {
        const entry = chunk[i];
        if (isFatal(r.error)) throw r.error;
        if (r.status === 201 || r.status === 200) {
          const body = (r.body ?? {}) as Record<string, unknown>;
          const item = parseItem(body);
          const rec = rows.get(entry.key) ?? newRecord();
          rows.set(entry.key, rec);
          rec.i = item.id;
          rec.e = item.etag;
          rec.deleted = false;
          const returned = (body.fields ?? {}) as Record<string, unknown>;
          rec.base = {};
          for (const f of fields) {
            const v = f.name in returned ? normalizeValue(f, returned[f.name]) : (entry.fields[f.name] ?? null);
            if (v !== null) rec.base[f.name] = v;
          }
          rec.remote = {};
          outbox = outbox.filter((e) => e !== entry);
          report.created++;
          progress = true;
        } else if (r.status === 409 || r.status === 0 || (r.status >= 500 && r.status !== 503) || r.error?.uncertain) {
          // It may exist (409: the key is taken, likely by this very create): look it up first.
          entry.uncertain = true;
          progress = true;
        } else if (r.status === 429 || r.status === 503) {
          // Still throttled after the retries: stays queued for the next round or sync.
        } else {
          recordFailure(entry.key, "create", r);
          outbox = outbox.filter((e) => e !== entry);
        }
      });
      await checkpoint();
    }
    return progress;
  };

  const runLookups = async (entries: Extract<OutboxEntry, { op: "create" }>[]): Promise<boolean> => {
    let progress = false;
    for (let start = 0; start < entries.length; start += 20) {
      const chunk = entries.slice(start, start + 20);
      const found = await lookupKeys(chunk.map((e) => e.key));
      for (const entry of chunk) {
        if (!found.has(entry.key)) continue; // lookup itself failed: try again next round
        const item = found.get(entry.key);
        progress = true;
        if (item) {
          outbox = outbox.filter((e) => e !== entry);
          report.created++;
          report.recovered++;
          adopt(localByKey.get(entry.key), entry.key, item, entry.fields);
        } else entry.uncertain = false; // not there: post it again
      }
      await checkpoint();
    }
    return progress;
  };

  const runUpdates = async (entries: Extract<OutboxEntry, { op: "update" }>[]): Promise<boolean> => {
    let progress = false;
    // Without an ETag there is no conditional write: read the item first.
    const reread: string[] = entries.filter((e) => !e.etag).map((e) => e.key);
    const sendable = entries.filter((e) => e.etag);
    for (let start = 0; start < sendable.length; start += 20) {
      const chunk = sendable.slice(start, start + 20);
      const results = await client.batch(
        chunk.map((e) => ({
          method: "PATCH",
          url: `${listPath}/items/${e.id}/fields`,
          headers: { "If-Match": e.etag as string },
          body: e.fields,
        })),
      );
      results.forEach((r, i) => {
        const entry = chunk[i];
        const rec = rows.get(entry.key);
        if (isFatal(r.error) || r.status === 0) throw r.error;
        if (!rec) {
          outbox = outbox.filter((e) => e !== entry);
          return;
        }
        if (r.status === 200) {
          const body = (r.body ?? {}) as Record<string, unknown>;
          for (const [name, sent] of Object.entries(entry.fields)) {
            const f = fieldByName.get(name);
            if (!f) continue;
            const v = name in body ? normalizeValue(f, body[name]) : sent;
            if (v === null) delete rec.base[name];
            else rec.base[name] = v;
            delete rec.remote[name];
          }
          const etag = body["@odata.etag"];
          if (typeof etag === "string") rec.e = etag;
          outbox = outbox.filter((e) => e !== entry);
          report.updated++;
          progress = true;
        } else if (r.status === 412 || (r.status === 409 && r.error?.code === "resourceModified")) {
          // Changed in the list since it was read: read it again and merge again.
          reread.push(entry.key);
          progress = true;
        } else if (r.status === 404) {
          rec.deleted = true;
          outbox = outbox.filter((e) => e !== entry);
          report.deletedRemotely.push(refOf(entry.key, rec));
          progress = true;
        } else if (r.status === 0 || r.status === 429 || r.status >= 500) {
          // No answer or still throttled: stays queued (If-Match makes a repeat safe).
        } else {
          recordFailure(entry.key, "update", r);
          outbox = outbox.filter((e) => e !== entry);
        }
      });
      await checkpoint();
    }
    if (reread.length) {
      const keys = reread.filter((k) => rows.get(k)?.i);
      const results = await client.batch(keys.map((k) => ({ method: "GET", url: `${listPath}/items/${rows.get(k)!.i}?${expand}` })));
      results.forEach((r, i) => {
        const key = keys[i];
        const rec = rows.get(key)!;
        if (isFatal(r.error) || r.status === 0) throw r.error;
        if (r.status === 200) {
          const item = parseItem(r.body);
          rec.e = item.etag;
          outbox = outbox.filter((e) => !(e.op === "update" && e.key === key));
          const row = localByKey.get(key);
          if (row && item.fields) mergeAndPlan(row, rec, item.fields);
        } else if (r.status === 404) {
          rec.deleted = true;
          outbox = outbox.filter((e) => !(e.op === "update" && e.key === key));
          report.deletedRemotely.push(refOf(key, rec));
        }
      });
      await checkpoint();
    }
    return progress;
  };

  try {
    for (let round = 1; round <= maxRounds && outbox.length > 0; round++) {
      let progress = false;
      const creates = outbox.filter((e): e is Extract<OutboxEntry, { op: "create" }> => e.op === "create");
      const uncertain = creates.filter((e) => e.uncertain);
      if (uncertain.length) progress = (await runLookups(uncertain)) || progress;
      const ready = outbox.filter((e): e is Extract<OutboxEntry, { op: "create" }> => e.op === "create" && !e.uncertain);
      if (ready.length) progress = (await runCreates(ready)) || progress;
      const updates = outbox.filter((e): e is Extract<OutboxEntry, { op: "update" }> => e.op === "update");
      if (updates.length) progress = (await runUpdates(updates)) || progress;
      if (!progress) break;
    }
  } catch (e) {
    interrupt(e, "write");
  }
  report.conflicts = report.conflicts.filter((c) => c !== null);
  return finish();
}
