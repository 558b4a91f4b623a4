/**
 * The audit log: one row per field a write changed (who, when, which item, which field, old → new),
 * appended inside the write's own transaction so a write and its record never part. List-level
 * writes (list created, column added, list deleted) are recorded too, without an item. Rows are
 * never rewritten and outlive the list they describe.
 */
import type Database from "better-sqlite3";
import type { FieldValue } from "./columns";

export const AUDIT_SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  list_id TEXT NOT NULL,
  item_id INTEGER,
  at TEXT NOT NULL,
  user_name TEXT NOT NULL,
  action TEXT NOT NULL,
  field TEXT,
  old_value TEXT,
  new_value TEXT
);
CREATE INDEX IF NOT EXISTS audit_by_list ON audit_log (list_id, seq);
`;

export type AuditAction = "createItem" | "updateItem" | "deleteItem" | "createList" | "addColumn" | "deleteList";

export interface AuditChange {
  field: string | null;
  oldValue: FieldValue | null;
  newValue: FieldValue | null;
}

export interface AuditRecord extends AuditChange {
  seq: number;
  listId: string;
  itemId: number | null;
  at: string;
  user: string;
  action: AuditAction;
}

interface AuditRow {
  seq: number;
  list_id: string;
  item_id: number | null;
  at: string;
  user_name: string;
  action: AuditAction;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
}

/** The fields whose value differs between two versions of an item, in `order` (column order). */
export function changedFields(
  order: readonly string[],
  before: Readonly<Record<string, FieldValue>>,
  after: Readonly<Record<string, FieldValue>>,
): AuditChange[] {
  return order
    .filter((name) => before[name] !== after[name])
    .map((name) => ({ field: name, oldValue: before[name] ?? null, newValue: after[name] ?? null }));
}

export function appendAudit(
  db: Database.Database,
  entry: { listId: string; itemId: number | null; at: string; user: string; action: AuditAction },
  changes: readonly AuditChange[],
): void {
  const insert = db.prepare(
    "INSERT INTO audit_log (list_id, item_id, at, user_name, action, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  // A write that changed no value (a PATCH with the same values) is still a write: one row without a field.
  for (const c of changes.length ? changes : [{ field: null, oldValue: null, newValue: null }]) {
    insert.run(entry.listId, entry.itemId, entry.at, entry.user, entry.action, c.field, json(c.oldValue), json(c.newValue));
  }
}

/** Audit rows of a list with seq > afterSeq, oldest first, at most `limit`. */
export function readAudit(db: Database.Database, listId: string, afterSeq: number, limit: number): AuditRecord[] {
  const rows = db
    .prepare("SELECT * FROM audit_log WHERE list_id = ? AND seq > ? ORDER BY seq LIMIT ?")
    .all(listId, afterSeq, limit) as AuditRow[];
  return rows.map((r) => ({
    seq: r.seq,
    listId: r.list_id,
    itemId: r.item_id,
    at: r.at,
    user: r.user_name,
    action: r.action,
    field: r.field,
    oldValue: parse(r.old_value),
    newValue: parse(r.new_value),
  }));
}

function json(v: FieldValue | null): string | null {
  return v === null ? null : JSON.stringify(v);
}

function parse(text: string | null): FieldValue | null {
  return text === null ? null : (JSON.parse(text) as FieldValue);
}
