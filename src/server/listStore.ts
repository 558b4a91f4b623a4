/**
 * SQLite storage for the local list server (better-sqlite3, WAL mode).
 *
 * Layout — chosen so that no SQL text is ever built from request text:
 * - `lists` and `columns`: one row per list and per column; a column's definition is
 *   kept as JSON (it was validated by columns.ts before it got here).
 * - `items`: one row per item with all its field values as ONE JSON document (the
 *   source of truth for responses), the ETag GUID and version, and `change_no`, the
 *   number of the item's latest change. A deleted item stays as a tombstone row
 *   (`deleted = 1`, fields emptied) so delta can report it.
 * - `item_values`: one row per (item, column) with the value normalised for
 *   comparison (text lower-cased, booleans 0/1). $filter and enforceUniqueValues
 *   are answered from this table through an index, with the column name and value
 *   as bound parameters; field names are checked against the list's columns first.
 * - `change_log`: append-only; its AUTOINCREMENT key is the monotonically increasing
 *   change number given to every item write (create, update, delete).
 * - `meta`: the database epoch (embedded in delta tokens) and the site ids.
 * Tombstones older than a retention period are purged by `compact`; a delta token
 * older than the newest purged tombstone can no longer be answered (410 Gone).
 */
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ColumnDef, FieldValue, SYSTEM_FIELDS, coerceFieldValue, isoSeconds, normaliseForIndex, titleColumn } from "./columns";
import { ifMatchSatisfied } from "./etags";
import { AUDIT_SCHEMA, AuditAction, AuditChange, AuditRecord, appendAudit, changedFields, readAudit } from "./auditLog";
import { GraphError, badRequest, conflict, notFound, preconditionFailed } from "./graphErrors";
import type { FilterCondition, FilterOp } from "./odataQuery";

export interface ListRecord {
  id: string;
  name: string;
  displayName: string;
  description: string;
  template: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  createdBy: string;
  /** Title first, then the list's own columns in creation order. */
  columns: ColumnDef[];
}

export interface ItemRecord {
  listId: string;
  id: number;
  guid: string;
  version: number;
  fields: Record<string, FieldValue>;
  createdDateTime: string;
  lastModifiedDateTime: string;
  changeNo: number;
  deleted: boolean;
  createdBy: string;
  modifiedBy: string;
}

interface ListRow {
  id: string;
  name: string;
  display_name: string;
  description: string;
  template: string;
  created_at: string;
  modified_at: string;
  created_by: string;
}

interface ItemRow {
  list_id: string;
  id: number;
  guid: string;
  version: number;
  fields: string;
  created_at: string;
  modified_at: string;
  change_no: number;
  deleted: number;
  created_by: string;
  modified_by: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS lists (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  display_name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  template TEXT NOT NULL,
  created_at TEXT NOT NULL,
  modified_at TEXT NOT NULL,
  next_item_id INTEGER NOT NULL DEFAULT 1,
  min_delta_change INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS lists_display_name ON lists (display_name COLLATE NOCASE);
CREATE UNIQUE INDEX IF NOT EXISTS lists_name ON lists (name COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS columns (
  list_id TEXT NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  position INTEGER NOT NULL,
  definition TEXT NOT NULL,
  PRIMARY KEY (list_id, name)
);
CREATE TABLE IF NOT EXISTS items (
  list_id TEXT NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
  id INTEGER NOT NULL,
  guid TEXT NOT NULL,
  version INTEGER NOT NULL,
  fields TEXT NOT NULL,
  created_at TEXT NOT NULL,
  modified_at TEXT NOT NULL,
  change_no INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (list_id, id)
);
CREATE INDEX IF NOT EXISTS items_by_change ON items (list_id, change_no);
CREATE TABLE IF NOT EXISTS item_values (
  list_id TEXT NOT NULL,
  item_id INTEGER NOT NULL,
  col TEXT NOT NULL,
  val,
  PRIMARY KEY (list_id, item_id, col),
  FOREIGN KEY (list_id, item_id) REFERENCES items (list_id, id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS item_values_lookup ON item_values (list_id, col, val);
CREATE TABLE IF NOT EXISTS change_log (
  change_no INTEGER PRIMARY KEY AUTOINCREMENT,
  list_id TEXT NOT NULL,
  item_id INTEGER NOT NULL,
  op TEXT NOT NULL,
  at TEXT NOT NULL
);
`;

/**
 * One fixed SQL fragment per comparison: the operator is chosen from this table,
 * never copied from the request; column name and value are bound parameters.
 */
const FILTER_SQL: Record<FilterOp, string> = {
  eq: " AND EXISTS (SELECT 1 FROM item_values v WHERE v.list_id = i.list_id AND v.item_id = i.id AND v.col = ? AND v.val = ?)",
  ne: " AND NOT EXISTS (SELECT 1 FROM item_values v WHERE v.list_id = i.list_id AND v.item_id = i.id AND v.col = ? AND v.val = ?)",
  lt: " AND EXISTS (SELECT 1 FROM item_values v WHERE v.list_id = i.list_id AND v.item_id = i.id AND v.col = ? AND v.val < ?)",
  le: " AND EXISTS (SELECT 1 FROM item_values v WHERE v.list_id = i.list_id AND v.item_id = i.id AND v.col = ? AND v.val <= ?)",
  gt: " AND EXISTS (SELECT 1 FROM item_values v WHERE v.list_id = i.list_id AND v.item_id = i.id AND v.col = ? AND v.val > ?)",
  ge: " AND EXISTS (SELECT 1 FROM item_values v WHERE v.list_id = i.list_id AND v.item_id = i.id AND v.col = ? AND v.val >= ?)",
};
const FILTER_IS_NULL = " AND NOT EXISTS (SELECT 1 FROM item_values v WHERE v.list_id = i.list_id AND v.item_id = i.id AND v.col = ?)";
const FILTER_NOT_NULL = " AND EXISTS (SELECT 1 FROM item_values v WHERE v.list_id = i.list_id AND v.item_id = i.id AND v.col = ?)";

const ITEM_COLUMNS =
  "i.list_id, i.id, i.guid, i.version, i.fields, i.created_at, i.modified_at, i.change_no, i.deleted, i.created_by, i.modified_by";

/** Who wrote, when the caller does not say (tools and tests writing to the store directly). */
export const SYSTEM_ACTOR = "Local list server";

/** Columns added after the first release: [table, column, definition]. */
const ADDED_COLUMNS: [string, string, string][] = [
  ["lists", "created_by", "TEXT NOT NULL DEFAULT ''"],
  ["items", "created_by", "TEXT NOT NULL DEFAULT ''"],
  ["items", "modified_by", "TEXT NOT NULL DEFAULT ''"],
];

function nowIso(): string {
  return isoSeconds(new Date());
}

/** A URL-safe list name from a display name: ASCII letters and digits (Vietnamese diacritics folded). */
function urlNameFrom(displayName: string): string {
  const folded = displayName
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, (c) => (c === "đ" ? "d" : "D"));
  return folded.replace(/[^A-Za-z0-9]/g, "").slice(0, 50) || "List";
}

export class ListStore {
  readonly db: Database.Database;
  /** Random id of this database; delta tokens from another database are unknown here. */
  readonly epoch: string;
  readonly siteGuid: string;
  readonly webGuid: string;

  private constructor(db: Database.Database) {
    this.db = db;
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    db.exec(SCHEMA);
    db.exec(AUDIT_SCHEMA);
    this.addMissingColumns();
    this.epoch = this.metaValue("epoch", () => randomUUID());
    this.siteGuid = this.metaValue("site_guid", () => randomUUID());
    this.webGuid = this.metaValue("web_guid", () => randomUUID());
  }

  /** Open (creating if needed) the store in `dataDir`, or in memory for ":memory:". */
  static open(dataDir: string): ListStore {
    if (dataDir === ":memory:") return new ListStore(new Database(":memory:"));
    mkdirSync(dataDir, { recursive: true });
    return new ListStore(new Database(join(dataDir, "lists.sqlite")));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Databases written by an earlier version lack the newer columns. */
  private addMissingColumns(): void {
    for (const [table, column, definition] of ADDED_COLUMNS) {
      const present = (this.db.pragma(`table_info(${table})`) as { name: string }[]).some((c) => c.name === column);
      if (!present) this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
  }

  private metaValue(key: string, make: () => string): string {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined;
    if (row) return row.value;
    const value = make();
    this.db.prepare("INSERT INTO meta (key, value) VALUES (?, ?)").run(key, value);
    return value;
  }

  // ---------------------------------------------------------------- lists

  private toList(row: ListRow): ListRecord {
    const cols = this.db.prepare("SELECT definition FROM columns WHERE list_id = ? ORDER BY position").all(row.id) as {
      definition: string;
    }[];
    return {
      id: row.id,
      name: row.name,
      displayName: row.display_name,
      description: row.description,
      template: row.template,
      createdDateTime: row.created_at,
      lastModifiedDateTime: row.modified_at,
      createdBy: row.created_by || SYSTEM_ACTOR,
      columns: cols.map((c) => JSON.parse(c.definition) as ColumnDef),
    };
  }

  listLists(): ListRecord[] {
    const rows = this.db.prepare("SELECT * FROM lists ORDER BY created_at, rowid").all() as ListRow[];
    return rows.map((r) => this.toList(r));
  }

  /**
   * Find a list by id or by title (displayName), as Graph does. Not by its URL name: Graph answers
   * 404 for `/lists/PhulucKehoach` when the list is titled "Phụ lục Kế hoạch".
   */
  findList(ref: string): ListRecord | null {
    const row =
      (this.db.prepare("SELECT * FROM lists WHERE lower(id) = lower(?)").get(ref) as ListRow | undefined) ??
      (this.db.prepare("SELECT * FROM lists WHERE display_name = ? COLLATE NOCASE").get(ref) as ListRow | undefined);
    return row ? this.toList(row) : null;
  }

  requireList(ref: string): ListRecord {
    const list = this.findList(ref);
    if (!list) throw notFound(`List '${ref}' does not exist at this site.`);
    return list;
  }

  createList(
    input: { displayName: string; description?: string; template?: string; columns: ColumnDef[] },
    actor: string = SYSTEM_ACTOR,
  ): ListRecord {
    const displayName = input.displayName.trim();
    const names = new Set<string>();
    for (const c of input.columns) {
      const key = c.name.toLowerCase();
      if (names.has(key)) throw badRequest(`Column '${c.name}' is defined twice.`);
      names.add(key);
    }
    const id = randomUUID();
    const at = nowIso();
    const tx = this.db.transaction(() => {
      if (this.db.prepare("SELECT 1 FROM lists WHERE display_name = ? COLLATE NOCASE").get(displayName)) {
        throw conflict(`A list with the name '${displayName}' already exists.`);
      }
      const base = urlNameFrom(displayName);
      let name = base;
      for (let n = 1; this.db.prepare("SELECT 1 FROM lists WHERE name = ? COLLATE NOCASE").get(name); n++) {
        name = `${base}${n}`;
      }
      this.db
        .prepare(
          "INSERT INTO lists (id, name, display_name, description, template, created_at, modified_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .run(id, name, displayName, input.description ?? "", input.template ?? "genericList", at, at, actor);
      const insertColumn = this.db.prepare("INSERT INTO columns (list_id, name, position, definition) VALUES (?, ?, ?, ?)");
      [titleColumn(), ...input.columns].forEach((c, i) => insertColumn.run(id, c.name, i, JSON.stringify(c)));
      this.audit(id, null, at, actor, "createList", [{ field: null, oldValue: null, newValue: displayName }]);
    });
    tx();
    return this.requireList(id);
  }

  addColumn(listId: string, column: ColumnDef, actor: string = SYSTEM_ACTOR): ListRecord {
    const tx = this.db.transaction(() => {
      const list = this.requireList(listId);
      if (list.columns.some((c) => c.name.toLowerCase() === column.name.toLowerCase())) {
        throw conflict(`A column named '${column.name}' already exists in this list.`);
      }
      if (column.required && this.countItems(list.id) > 0) {
        throw badRequest(`A required column cannot be added to list '${list.displayName}' because it has items.`);
      }
      this.db
        .prepare("INSERT INTO columns (list_id, name, position, definition) VALUES (?, ?, ?, ?)")
        .run(list.id, column.name, list.columns.length, JSON.stringify(column));
      const at = nowIso();
      this.db.prepare("UPDATE lists SET modified_at = ? WHERE id = ?").run(at, list.id);
      this.audit(list.id, null, at, actor, "addColumn", [{ field: column.name, oldValue: null, newValue: column.type }]);
    });
    tx();
    return this.requireList(listId);
  }

  deleteList(listId: string, actor: string = SYSTEM_ACTOR): void {
    const tx = this.db.transaction(() => {
      const list = this.requireList(listId);
      this.db.prepare("DELETE FROM lists WHERE id = ?").run(list.id);
      this.db.prepare("DELETE FROM change_log WHERE list_id = ?").run(list.id);
      this.audit(list.id, null, nowIso(), actor, "deleteList", [{ field: null, oldValue: list.displayName, newValue: null }]);
    });
    tx();
  }

  /** The audit rows of a list after `afterSeq`, oldest first. */
  auditLog(listId: string, afterSeq: number, limit: number): AuditRecord[] {
    return readAudit(this.db, listId, afterSeq, limit);
  }

  private audit(listId: string, itemId: number | null, at: string, user: string, action: AuditAction, changes: AuditChange[]): void {
    appendAudit(this.db, { listId, itemId, at, user, action }, changes);
  }

  // ---------------------------------------------------------------- items

  private toItem(row: ItemRow): ItemRecord {
    return {
      listId: row.list_id,
      id: row.id,
      guid: row.guid,
      version: row.version,
      fields: JSON.parse(row.fields) as Record<string, FieldValue>,
      createdDateTime: row.created_at,
      lastModifiedDateTime: row.modified_at,
      changeNo: row.change_no,
      deleted: row.deleted !== 0,
      createdBy: row.created_by || SYSTEM_ACTOR,
      modifiedBy: row.modified_by || SYSTEM_ACTOR,
    };
  }

  /** Live lists and items in the whole store. */
  totals(): { lists: number; items: number } {
    const lists = (this.db.prepare("SELECT count(*) AS n FROM lists").get() as { n: number }).n;
    const items = (this.db.prepare("SELECT count(*) AS n FROM items WHERE deleted = 0").get() as { n: number }).n;
    return { lists, items };
  }

  countItems(listId: string): number {
    const row = this.db.prepare("SELECT count(*) AS n FROM items WHERE list_id = ? AND deleted = 0").get(listId) as {
      n: number;
    };
    return row.n;
  }

  getItem(listId: string, itemId: number): ItemRecord | null {
    const row = this.db
      .prepare(`SELECT ${ITEM_COLUMNS} FROM items i WHERE i.list_id = ? AND i.id = ? AND i.deleted = 0`)
      .get(listId, itemId) as ItemRow | undefined;
    return row ? this.toItem(row) : null;
  }

  requireItem(listId: string, itemId: number): ItemRecord {
    const item = this.getItem(listId, itemId);
    if (!item) throw notFound("The resource could not be found.");
    return item;
  }

  /**
   * Live items with id > afterId, in id order, at most `limit`, matching every
   * filter condition. Column names in `filter` must already be checked against the list.
   */
  queryItems(list: ListRecord, opts: { afterId: number; limit: number; filter?: FilterCondition[] | null }): ItemRecord[] {
    let sql = `SELECT ${ITEM_COLUMNS} FROM items i WHERE i.list_id = ? AND i.deleted = 0 AND i.id > ?`;
    const params: (string | number)[] = [list.id, opts.afterId];
    for (const cond of opts.filter ?? []) {
      const col = list.columns.find((c) => c.name === cond.field);
      if (!col) throw badRequest(`Field '${cond.field}' is not recognized`);
      if (cond.value === null) {
        if (cond.op === "eq") sql += FILTER_IS_NULL;
        else if (cond.op === "ne") sql += FILTER_NOT_NULL;
        else throw badRequest(`Invalid filter clause: '${cond.op} null' is not supported.`);
        params.push(col.name);
        continue;
      }
      const coerced = coerceFilterValue(col, cond.value);
      sql += FILTER_SQL[cond.op];
      params.push(col.name, normaliseForIndex(col, coerced));
    }
    sql += " ORDER BY i.id LIMIT ?";
    params.push(opts.limit);
    return (this.db.prepare(sql).all(...params) as ItemRow[]).map((r) => this.toItem(r));
  }

  /** Check and coerce a write. Throws 400 for unknown, read-only or invalid fields. */
  private prepareFields(list: ListRecord, input: unknown): Map<ColumnDef, FieldValue | null> {
    if (typeof input !== "object" || input === null || Array.isArray(input)) {
      throw badRequest("The request body must contain a 'fields' object.");
    }
    const out = new Map<ColumnDef, FieldValue | null>();
    for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
      if (key.startsWith("@odata.") || key.includes("@odata.")) continue; // annotations, e.g. @odata.etag
      const col = list.columns.find((c) => c.name === key);
      if (!col) {
        if (SYSTEM_FIELDS.has(key)) throw badRequest(`Field '${key}' is read-only.`);
        throw badRequest(`Field '${key}' is not recognized`);
      }
      out.set(col, coerceFieldValue(col, value));
    }
    return out;
  }

  /** Throw 409 if another live item already holds a value of a unique column. */
  private checkUnique(list: ListRecord, itemId: number, fields: Record<string, FieldValue>): void {
    const dupes: string[] = [];
    const stmt = this.db.prepare(
      "SELECT v.item_id FROM item_values v WHERE v.list_id = ? AND v.col = ? AND v.val = ? AND v.item_id <> ? LIMIT 1",
    );
    for (const col of list.columns) {
      if (!col.enforceUniqueValues) continue;
      const v = fields[col.name];
      if (v === undefined) continue;
      if (stmt.get(list.id, col.name, normaliseForIndex(col, v), itemId)) dupes.push(col.name);
    }
    if (dupes.length > 0) {
      throw conflict(
        `The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [${dupes.join(", ")}].`,
      );
    }
  }

  private checkRequired(list: ListRecord, fields: Record<string, FieldValue>): void {
    for (const col of list.columns) {
      if (col.required && fields[col.name] === undefined) throw badRequest(`Field '${col.name}' is required.`);
    }
  }

  private writeValues(list: ListRecord, itemId: number, fields: Record<string, FieldValue>): void {
    this.db.prepare("DELETE FROM item_values WHERE list_id = ? AND item_id = ?").run(list.id, itemId);
    const insert = this.db.prepare("INSERT INTO item_values (list_id, item_id, col, val) VALUES (?, ?, ?, ?)");
    for (const col of list.columns) {
      const v = fields[col.name];
      if (v !== undefined) insert.run(list.id, itemId, col.name, normaliseForIndex(col, v));
    }
  }

  private logChange(listId: string, itemId: number, op: "create" | "update" | "delete", at: string): number {
    const info = this.db.prepare("INSERT INTO change_log (list_id, item_id, op, at) VALUES (?, ?, ?, ?)").run(listId, itemId, op, at);
    return Number(info.lastInsertRowid);
  }

  createItem(listRef: string, input: unknown, actor: string = SYSTEM_ACTOR): ItemRecord {
    const tx = this.db.transaction((): number => {
      const list = this.requireList(listRef);
      const fields: Record<string, FieldValue> = {};
      for (const [col, v] of this.prepareFields(list, input)) if (v !== null) fields[col.name] = v;
      this.checkRequired(list, fields);
      const idRow = this.db.prepare("SELECT next_item_id FROM lists WHERE id = ?").get(list.id) as {
        next_item_id: number;
      };
      const itemId = idRow.next_item_id;
      this.checkUnique(list, itemId, fields);
      const at = nowIso();
      this.db.prepare("UPDATE lists SET next_item_id = ? WHERE id = ?").run(itemId + 1, list.id);
      const changeNo = this.logChange(list.id, itemId, "create", at);
      this.db
        .prepare(
          "INSERT INTO items (list_id, id, guid, version, fields, created_at, modified_at, change_no, deleted, created_by, modified_by) VALUES (?, ?, ?, 1, ?, ?, ?, ?, 0, ?, ?)",
        )
        .run(list.id, itemId, randomUUID().toUpperCase(), JSON.stringify(fields), at, at, changeNo, actor, actor);
      this.writeValues(list, itemId, fields);
      this.audit(list.id, itemId, at, actor, "createItem", changedFields(columnNames(list), {}, fields));
      return itemId;
    });
    const itemId = tx();
    return this.requireItem(this.requireList(listRef).id, itemId);
  }

  /** Partial update of an item's fields (null or "" clears a field). */
  updateItemFields(listRef: string, itemId: number, patch: unknown, ifMatch?: string, actor: string = SYSTEM_ACTOR): ItemRecord {
    const tx = this.db.transaction((): string => {
      const list = this.requireList(listRef);
      const item = this.requireItem(list.id, itemId);
      if (ifMatch !== undefined && !ifMatchSatisfied(ifMatch, item.guid, item.version)) throw preconditionFailed();
      const fields = { ...item.fields };
      for (const [col, v] of this.prepareFields(list, patch)) {
        if (v === null) delete fields[col.name];
        else fields[col.name] = v;
      }
      this.checkRequired(list, fields);
      this.checkUnique(list, itemId, fields);
      const at = nowIso();
      const changeNo = this.logChange(list.id, itemId, "update", at);
      this.db
        .prepare(
          "UPDATE items SET version = version + 1, fields = ?, modified_at = ?, change_no = ?, modified_by = ? WHERE list_id = ? AND id = ?",
        )
        .run(JSON.stringify(fields), at, changeNo, actor, list.id, itemId);
      this.writeValues(list, itemId, fields);
      this.audit(list.id, itemId, at, actor, "updateItem", changedFields(columnNames(list), item.fields, fields));
      return list.id;
    });
    const listId = tx();
    return this.requireItem(listId, itemId);
  }

  /** Delete an item, leaving a tombstone for delta. */
  deleteItem(listRef: string, itemId: number, ifMatch?: string, actor: string = SYSTEM_ACTOR): void {
    const tx = this.db.transaction(() => {
      const list = this.requireList(listRef);
      const item = this.requireItem(list.id, itemId);
      if (ifMatch !== undefined && !ifMatchSatisfied(ifMatch, item.guid, item.version)) throw preconditionFailed();
      const at = nowIso();
      const changeNo = this.logChange(list.id, itemId, "delete", at);
      this.db.prepare("DELETE FROM item_values WHERE list_id = ? AND item_id = ?").run(list.id, itemId);
      this.db
        .prepare(
          "UPDATE items SET version = version + 1, fields = '{}', modified_at = ?, change_no = ?, deleted = 1, modified_by = ? WHERE list_id = ? AND id = ?",
        )
        .run(at, changeNo, actor, list.id, itemId);
      this.audit(list.id, itemId, at, actor, "deleteItem", changedFields(columnNames(list), item.fields, {}));
    });
    tx();
  }

  // ---------------------------------------------------------------- delta

  /** The newest change number handed out (0 when nothing was ever written). */
  currentChangeNo(): number {
    const row = this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'change_log'").get() as { seq: number } | undefined;
    return row ? Number(row.seq) : 0;
  }

  /** Tokens at or below this change number may have missed purged deletions. */
  minDeltaChange(listId: string): number {
    const row = this.db.prepare("SELECT min_delta_change FROM lists WHERE id = ?").get(listId) as { min_delta_change: number } | undefined;
    return row ? row.min_delta_change : 0;
  }

  /** Items (live and deleted) whose latest change is after `afterChange`, in change order. */
  changesSince(listId: string, afterChange: number, limit: number): ItemRecord[] {
    const rows = this.db
      .prepare(`SELECT ${ITEM_COLUMNS} FROM items i WHERE i.list_id = ? AND i.change_no > ? ORDER BY i.change_no LIMIT ?`)
      .all(listId, afterChange, limit) as ItemRow[];
    return rows.map((r) => this.toItem(r));
  }

  /**
   * Purge tombstones and change-log entries last touched before `cutoff`. Delta tokens
   * that predate a purged tombstone become unanswerable (410 resyncRequired).
   */
  compact(cutoff: Date): { tombstones: number; logEntries: number } {
    const at = isoSeconds(cutoff);
    const tx = this.db.transaction(() => {
      const purged = this.db
        .prepare("SELECT list_id, max(change_no) AS m FROM items WHERE deleted = 1 AND modified_at < ? GROUP BY list_id")
        .all(at) as { list_id: string; m: number }[];
      const bump = this.db.prepare("UPDATE lists SET min_delta_change = max(min_delta_change, ?) WHERE id = ?");
      for (const p of purged) bump.run(p.m, p.list_id);
      const tombstones = this.db.prepare("DELETE FROM items WHERE deleted = 1 AND modified_at < ?").run(at).changes;
      const logEntries = this.db.prepare("DELETE FROM change_log WHERE at < ?").run(at).changes;
      return { tombstones, logEntries };
    });
    return tx();
  }
}

function columnNames(list: ListRecord): string[] {
  return list.columns.map((c) => c.name);
}

/** Coerce a $filter literal to the column's type so it compares like stored values. */
function coerceFilterValue(col: ColumnDef, value: string | number | boolean): FieldValue {
  try {
    // Choice filters may name a value that is not (or no longer) a choice.
    const c = col.type === "choice" ? { ...col, facet: { ...col.facet, allowTextEntry: true } } : col;
    const v = coerceFieldValue(c, value, { lenient: true });
    if (v === null) throw badRequest(`Invalid filter clause: empty value for '${col.name}'.`);
    return v;
  } catch (e) {
    if (e instanceof GraphError) {
      throw badRequest(`Invalid filter clause: value '${String(value)}' does not fit column '${col.name}' (${col.type}).`);
    }
    throw e;
  }
}
