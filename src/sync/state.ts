/**
 * SyncState: what a workbook remembers between syncs, as plain compact JSON that adapters store
 * with the workbook (a veryHidden sheet in .xlsx, workbook settings or a custom XML part in Excel).
 *
 * - `rows`: per RowKey the list item id (`i`), its ETag (`e`), the base snapshot (`b`: the last
 *   values both sides agreed on, aligned with `fields` to stay small), the list values known to
 *   differ from the base (`r`: a conflict or a pull that could not be written yet, so a later
 *   delta that does not mention the item still knows the list's side), and `d` when the item was
 *   deleted in the list.
 * - `outbox`: writes planned and not yet confirmed. A create that was sent without an answer is
 *   marked `uncertain`: the next attempt looks its RowKey up before posting again.
 * - `deltaLink`: where the next read of list changes starts.
 */
import type { FieldValue, StateColumn } from "./fields";

export const STATE_VERSION = 1;

export interface RowState {
  /** List item id, null until created. */
  i: string | null;
  /** ETag of the item as last seen. */
  e: string | null;
  /** Base values, aligned with SyncState.fields. */
  b: FieldValue[];
  /** List values that differ from the base, by field name. */
  r?: Record<string, FieldValue>;
  /** 1 when the item was deleted in the list. */
  d?: 1;
}

export type OutboxEntry =
  | { op: "create"; key: string; fields: Record<string, FieldValue>; uncertain?: boolean }
  | { op: "update"; key: string; id: string; etag: string | null; fields: Record<string, FieldValue> };

export interface SyncState {
  v: typeof STATE_VERSION;
  /** The list this state belongs to: the Graph root, the site and list as given, and the list id once known. */
  list: { base: string; site: string; ref: string; id: string | null };
  sheet: string;
  /** Letter of the hidden key column when last synced (informational: it is found by its label). */
  keyColumn: string | null;
  /** Value-column field names with their headers, to keep names stable. */
  columns: StateColumn[];
  /** Signature of the columns ensured on the list; a different one makes the sync check the list again. */
  schema: string | null;
  deltaLink: string | null;
  fields: string[];
  rows: Record<string, RowState>;
  outbox: OutboxEntry[];
  lastSync: string | null;
}

/** In-memory form of a row's state. */
export interface RowRecord {
  i: string | null;
  e: string | null;
  base: Record<string, FieldValue>;
  remote: Record<string, FieldValue>;
  deleted: boolean;
}

export function newState(base: string, site: string, ref: string, sheet: string): SyncState {
  return {
    v: STATE_VERSION,
    list: { base, site, ref, id: null },
    sheet,
    keyColumn: null,
    columns: [],
    schema: null,
    deltaLink: null,
    fields: [],
    rows: {},
    outbox: [],
    lastSync: null,
  };
}

export function loadRows(state: SyncState): Map<string, RowRecord> {
  const rows = new Map<string, RowRecord>();
  for (const [key, row] of Object.entries(state.rows)) {
    const base: Record<string, FieldValue> = {};
    state.fields.forEach((name, index) => {
      const v = row.b[index];
      if (v !== undefined && v !== null) base[name] = v;
    });
    rows.set(key, { i: row.i, e: row.e, base, remote: { ...(row.r ?? {}) }, deleted: row.d === 1 });
  }
  return rows;
}

export function storeRows(state: SyncState, rows: Map<string, RowRecord>, fields: string[]): void {
  state.fields = [...fields];
  const out: Record<string, RowState> = {};
  for (const [key, rec] of rows) {
    const b = fields.map((name) => rec.base[name] ?? null);
    // Trailing nulls are dropped: most rows have empty list-only fields at the end.
    while (b.length && b[b.length - 1] === null) b.pop();
    const row: RowState = { i: rec.i, e: rec.e, b };
    if (Object.keys(rec.remote).length) row.r = { ...rec.remote };
    if (rec.deleted) row.d = 1;
    out[key] = row;
  }
  state.rows = out;
}

export function serializeState(state: SyncState): string {
  return JSON.stringify(state);
}

/** Parse stored state; null when absent, unreadable or of another version. */
export function parseState(text: string | null | undefined): SyncState | null {
  if (!text) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== "object" || raw === null) return null;
  const s = raw as Partial<SyncState>;
  if (s.v !== STATE_VERSION || typeof s.list !== "object" || s.list === null || typeof s.rows !== "object" || s.rows === null) return null;
  return {
    v: STATE_VERSION,
    list: { base: String(s.list.base ?? ""), site: String(s.list.site ?? ""), ref: String(s.list.ref ?? ""), id: s.list.id ?? null },
    sheet: String(s.sheet ?? ""),
    keyColumn: s.keyColumn ?? null,
    columns: Array.isArray(s.columns) ? s.columns : [],
    schema: s.schema ?? null,
    deltaLink: s.deltaLink ?? null,
    fields: Array.isArray(s.fields) ? s.fields : [],
    rows: s.rows as Record<string, RowState>,
    outbox: Array.isArray(s.outbox) ? s.outbox : [],
    lastSync: s.lastSync ?? null,
  };
}

export function cloneState(state: SyncState): SyncState {
  return JSON.parse(JSON.stringify(state)) as SyncState;
}
