/** A list item as the sync reads it from Graph JSON (items, delta entries, batch answers). */
import { type FieldValue, type SyncField, ROW_KEY_FIELD, normalizeValue } from "./fields";

export interface RemoteItem {
  id: string;
  etag: string | null;
  key: string | null;
  /** Null for a deleted item, or a delta entry that came without its fields. */
  fields: Record<string, FieldValue> | null;
  title: string | null;
  deleted: boolean;
}

/** A field missing from a fields object read with $select has no value: missing means empty here. */
export function parseFields(fields: SyncField[], raw: unknown): Record<string, FieldValue> {
  const src = (raw ?? {}) as Record<string, unknown>;
  const out: Record<string, FieldValue> = {};
  for (const f of fields) out[f.name] = normalizeValue(f, src[f.name]);
  return out;
}

export function parseItem(fields: SyncField[], raw: unknown): RemoteItem {
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
    fields: f ? parseFields(fields, f) : null,
    title: f && typeof f.Title === "string" ? f.Title : null,
    deleted: false,
  };
}

/** List order: item ids are numbers on SharePoint and the local server; creation order otherwise unknown. */
export function compareItemIds(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}
