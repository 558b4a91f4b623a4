/**
 * The merge plan of a sync, pure: given the workbook rows, what the state remembers and the list
 * items read, decide per row what to push (outbox entries), what to pull (cell writes), what a
 * person must choose (conflicts) and what to report. No I/O: the engine feeds it what it read
 * and what the list answered to each write; tests drive it without a server.
 */
import { cellAddress, columnLetter } from "../annex";
import { type FieldValue, type SyncField, ROW_KEY_FIELD, normalizeValue, sameValue } from "./fields";
import { identityOf, matchByIdentity } from "./identity";
import { type Conflict, mergeRow } from "./merge";
import type { RemoteItem } from "./remoteItem";
import type { RowRef, SyncReport } from "./report";
import type { OutboxEntry, RowRecord } from "./state";
import { type LocalRow, type SyncCellWrite, pullWrite } from "./workbook";

export type CreateEntry = Extract<OutboxEntry, { op: "create" }>;
export type UpdateEntry = Extract<OutboxEntry, { op: "update" }>;
export type Resolutions = Map<string, Map<string, "workbook" | "list">>;

export interface PlannerInput {
  sheet: string;
  fields: SyncField[];
  /** Sheet column of the hidden RowKey column. */
  keyColumn: number;
  /** The state's rows by RowKey (changed in place as the plan goes). */
  rows: Map<string, RowRecord>;
  local: LocalRow[];
  /** Cell writes already decided (keys); pulls are added. */
  writes: SyncCellWrite[];
  report: SyncReport;
  resolutions: Resolutions;
  /** The outbox an earlier, interrupted sync left. */
  carried: OutboxEntry[];
}

const newRecord = (): RowRecord => ({ i: null, e: null, base: {}, remote: {}, deleted: false });

export class SyncPlanner {
  outbox: OutboxEntry[] = [];
  readonly localByKey: Map<string, LocalRow>;
  private readonly fieldByName: Map<string, SyncField>;
  private readonly fieldNames: string[];
  private readonly conflictIndex = new Map<string, number>();

  constructor(private readonly input: PlannerInput) {
    this.localByKey = new Map(input.local.map((r) => [r.rowKey, r]));
    this.fieldByName = new Map(input.fields.map((f) => [f.name, f]));
    this.fieldNames = input.fields.map((f) => f.name);
  }

  get rows(): Map<string, RowRecord> {
    return this.input.rows;
  }

  private get report(): SyncReport {
    return this.input.report;
  }

  /** Plan every row against the items read (all of them, or the changes since the last sync). */
  planAll(remoteItems: Map<string, RemoteItem>, extraByKey: Map<string, RemoteItem> = new Map()): void {
    const { rows, local, carried, report } = this.input;
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
    for (const [key, item] of extraByKey) byKey.set(key, item);
    if (report.fullRead) {
      // Every live item was listed: a known item that is not there was deleted.
      for (const rec of rows.values()) if (rec.i && !remoteItems.has(rec.i)) rec.deleted = true;
    }
    if (report.fullRead) this.matchUnknownRows(byKey);

    const ourCreates = new Map<string, Record<string, FieldValue>>();
    for (const e of carried) if (e.op === "create") ourCreates.set(e.key, e.fields);
    const seenKeys = new Set<string>();
    for (const row of local) {
      const key = row.rowKey;
      seenKeys.add(key);
      let rec = rows.get(key);
      const item = byKey.get(key);
      if (item && (!rec || !rec.i || item.id !== rec.i)) {
        // A create of ours that happened without our hearing of it, a row whose state was lost,
        // or an item re-created in the list with the row's key: follow the key.
        const sent = !rec?.i ? (ourCreates.get(key) ?? null) : null;
        if (sent) {
          report.created++;
          report.recovered++;
        }
        this.adopt(row, key, item, sent);
        continue;
      }
      if (rec?.deleted) {
        report.deletedRemotely.push(this.refOf(key, rec));
        continue;
      }
      if (!rec || !rec.i) {
        if (!rec) {
          rec = newRecord();
          rows.set(key, rec);
        }
        this.outbox.push({ op: "create", key, fields: this.createFields(row) });
        continue;
      }
      if (item) rec.e = item.etag;
      this.mergeAndPlan(row, rec, item?.fields ?? this.knownRemote(rec));
    }
    for (const [key, item] of byKey) {
      if (seenKeys.has(key)) continue;
      const rec = rows.get(key);
      if (rec) {
        rec.e = item.etag;
        if (item.fields) this.setRemote(rec, item.fields);
      } else report.remoteOnly.push({ rowKey: key, itemId: item.id, row: null, title: item.title });
    }
    // Rows gone from the workbook: their items stay in the list (a sync never deletes list items).
    for (const [key, rec] of rows) {
      if (!seenKeys.has(key) && rec.i && !rec.deleted) report.missingInWorkbook.push(this.refOf(key, rec, byKey.get(key)?.title ?? null));
    }
    for (const item of remoteItems.values()) {
      if (!item.deleted && !item.key) report.remoteOnly.push({ rowKey: "", itemId: item.id, row: null, title: item.title });
    }
  }

  /**
   * Rows whose key neither the state nor the list knows take the key of the existing item with
   * their identity, so re-running a sync on a workbook without keys creates nothing twice.
   */
  private matchUnknownRows(byKey: Map<string, RemoteItem>): void {
    const { rows, local, writes, report } = this.input;
    const workbookKeys = new Set(local.map((r) => r.rowKey));
    const unknown = local.filter((r) => !byKey.has(r.rowKey) && !rows.get(r.rowKey)?.i);
    if (!unknown.length) return;
    const ownedItems = new Set<string>();
    for (const rec of rows.values()) if (rec.i) ownedItems.add(rec.i);
    const candidates = [...byKey.entries()]
      .filter(([key, item]) => !workbookKeys.has(key) && !ownedItems.has(item.id))
      .map(([, item]) => item);
    if (!candidates.length) return;
    const matches = matchByIdentity(
      unknown.map((r) => ({ rowKey: r.rowKey, values: r.values })),
      candidates,
    );
    for (const row of unknown) {
      const item = matches.get(row.rowKey);
      if (!item?.key) continue;
      const oldKey = row.rowKey;
      const key = item.key;
      // The row takes the item's key: its key cell gets that key instead of a new one.
      const write = writes.find((w) => w.purpose === "key" && w.rowKey === oldKey);
      if (write) {
        write.value = key;
        write.rowKey = key;
      } else {
        writes.push({
          sheet: this.input.sheet,
          row: row.row,
          column: this.input.keyColumn,
          cell: cellAddress(row.row, this.input.keyColumn),
          value: key,
          asText: true,
          numberFormat: "@",
          purpose: "key",
          rowKey: key,
        });
      }
      rows.delete(oldKey);
      this.localByKey.delete(oldKey);
      row.rowKey = key;
      this.localByKey.set(key, row);
      report.matched.push({ rowKey: key, itemId: item.id, row: row.row, title: row.title, identity: identityOf(row.values) });
    }
  }

  /** Merge one row against list values, queue its pushes and emit its pulls. */
  mergeAndPlan(row: LocalRow, rec: RowRecord, listValues: Record<string, FieldValue>): void {
    const { report, writes, sheet, resolutions } = this.input;
    this.removeConflicts(row.rowKey);
    const m = mergeRow(this.input.fields, rec.base, row.values, listValues, resolutions.get(row.rowKey));
    for (const [name, v] of Object.entries(m.same)) rec.base[name] = v;
    for (const [name, v] of Object.entries(m.pull)) {
      const f = this.fieldByName.get(name)!;
      if (f.source === "listOnly" || (f.column === null && f.source !== "section")) {
        // No cell for it in this workbook (list-only, or a column the table lacks): the state keeps it.
        rec.base[name] = v;
        report.pulled++;
        continue;
      }
      const cell = row.cells[name];
      if (cell?.merge) {
        // One merged cell holds several rows' values: writing it would change the others too.
        this.addConflict({
          rowKey: row.rowKey,
          field: name,
          base: rec.base[name] ?? null,
          workbook: row.values[name] ?? null,
          list: v,
          owner: f.owner,
          reason: "mergedCell",
          sheet,
          row: row.row,
          cell: `${columnLetter(cell.column)}${cell.row}`,
          title: row.title,
          merge: cell.merge,
        });
        continue;
      }
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
      this.addConflict({
        rowKey: row.rowKey,
        field: c.field,
        base: c.base,
        workbook: c.workbook,
        list: c.list,
        owner: c.owner,
        reason: cell?.merge && c.reason === "listChangedPlannerField" ? "mergedCell" : c.reason,
        sheet,
        row: row.row,
        cell: cell ? `${columnLetter(cell.column)}${cell.row}` : null,
        title: row.title,
        ...(cell?.merge ? { merge: cell.merge } : {}),
      });
    }
    for (const n of m.nonOwner) report.nonOwnerChanges.push({ rowKey: row.rowKey, field: n.field, side: n.side });
    for (const name of m.resolved) {
      const take = resolutions.get(row.rowKey)!.get(name)!;
      report.resolved.push({ rowKey: row.rowKey, field: name, take });
    }
    this.setRemote(rec, listValues);
    if (Object.keys(m.push).length && rec.i) this.upsertUpdate({ op: "update", key: row.rowKey, id: rec.i, etag: rec.e, fields: m.push });
  }

  /**
   * Take a list item as a row's item. `sent` is what a create of ours sent, when the item is that
   * create (its answer was lost): it is the base, so later edits on either side merge three ways.
   * Without it the base stays as known (empty for a row never synced: every difference between
   * the two sides is then a conflict or a one-sided value, never a silent overwrite).
   */
  adopt(row: LocalRow | undefined, key: string, item: RemoteItem, sent: Record<string, FieldValue> | null): void {
    const rec = this.rows.get(key) ?? newRecord();
    this.rows.set(key, rec);
    rec.i = item.id;
    rec.e = item.etag;
    rec.deleted = false;
    if (sent) rec.base = this.normalizeRecord(sent);
    if (row) this.mergeAndPlan(row, rec, item.fields ?? {});
    else this.setRemote(rec, item.fields ?? {});
  }

  /** A create the list confirmed: what it returned becomes the base. */
  created(entry: CreateEntry, item: RemoteItem, returned: Record<string, unknown>): void {
    const rec = this.rows.get(entry.key) ?? newRecord();
    this.rows.set(entry.key, rec);
    rec.i = item.id;
    rec.e = item.etag;
    rec.deleted = false;
    rec.base = {};
    for (const f of this.input.fields) {
      const v = f.name in returned ? normalizeValue(f, returned[f.name]) : (entry.fields[f.name] ?? null);
      if (v !== null) rec.base[f.name] = v;
    }
    rec.remote = {};
    this.drop(entry);
    this.report.created++;
  }

  /** An update the list confirmed. */
  updated(entry: UpdateEntry, body: Record<string, unknown>): void {
    const rec = this.rows.get(entry.key);
    this.drop(entry);
    if (!rec) return;
    for (const [name, sent] of Object.entries(entry.fields)) {
      const f = this.fieldByName.get(name);
      if (!f) continue;
      const v = name in body ? normalizeValue(f, body[name]) : sent;
      if (v === null) delete rec.base[name];
      else rec.base[name] = v;
      delete rec.remote[name];
    }
    const etag = body["@odata.etag"];
    if (typeof etag === "string") rec.e = etag;
    this.report.updated++;
  }

  /** The item changed in the list since it was read: merge again against what it holds now. */
  remerge(key: string, item: RemoteItem): void {
    const rec = this.rows.get(key);
    if (!rec) return;
    rec.e = item.etag;
    this.outbox = this.outbox.filter((e) => !(e.op === "update" && e.key === key));
    const row = this.localByKey.get(key);
    if (row && item.fields) this.mergeAndPlan(row, rec, item.fields);
  }

  /** The item is gone from the list. */
  deleted(key: string): void {
    const rec = this.rows.get(key);
    this.outbox = this.outbox.filter((e) => !(e.op === "update" && e.key === key));
    if (!rec) return;
    rec.deleted = true;
    this.report.deletedRemotely.push(this.refOf(key, rec));
  }

  drop(entry: OutboxEntry): void {
    this.outbox = this.outbox.filter((e) => e !== entry);
  }

  /** The conflicts still open, in the order they were found. */
  conflicts(): Conflict[] {
    return this.report.conflicts.filter((c) => c !== null);
  }

  refOf(key: string, rec: RowRecord | undefined, title: string | null = null): RowRef {
    const row = this.localByKey.get(key);
    return {
      rowKey: key,
      itemId: rec?.i ?? null,
      row: row?.row ?? null,
      title: row?.title ?? title ?? (rec?.base.Title as string | null) ?? null,
    };
  }

  private createFields(row: LocalRow): Record<string, FieldValue> {
    const out: Record<string, FieldValue> = { [ROW_KEY_FIELD]: row.rowKey };
    for (const [name, v] of Object.entries(row.values)) if (v !== null) out[name] = v;
    return out;
  }

  private normalizeRecord(values: Record<string, FieldValue>): Record<string, FieldValue> {
    const out: Record<string, FieldValue> = {};
    for (const f of this.input.fields) {
      const v = normalizeValue(f, values[f.name]);
      if (v !== null) out[f.name] = v;
    }
    return out;
  }

  /** The list's side as known without reading the item: base with the known differences. */
  private knownRemote(rec: RowRecord): Record<string, FieldValue> {
    return { ...rec.base, ...rec.remote };
  }

  private setRemote(rec: RowRecord, listValues: Record<string, FieldValue>): void {
    rec.remote = {};
    for (const name of this.fieldNames) {
      const v = listValues[name] ?? null;
      if (!sameValue(v, rec.base[name] ?? null)) rec.remote[name] = v;
    }
  }

  private upsertUpdate(entry: UpdateEntry): void {
    this.outbox = this.outbox.filter((e) => !(e.op === "update" && e.key === entry.key));
    this.outbox.push(entry);
  }

  private addConflict(c: Conflict): void {
    const id = `${c.rowKey}\u0000${c.field}`;
    const at = this.conflictIndex.get(id);
    if (at === undefined) {
      this.conflictIndex.set(id, this.report.conflicts.length);
      this.report.conflicts.push(c);
    } else this.report.conflicts[at] = c;
  }

  private removeConflicts(rowKey: string): void {
    for (const [id, at] of this.conflictIndex) {
      if (id.startsWith(`${rowKey}\u0000`)) {
        this.report.conflicts[at] = null as unknown as Conflict;
        this.conflictIndex.delete(id);
      }
    }
  }
}
