/**
 * Matching rows to list items that already exist, for a workbook whose rows carry no key the
 * list knows: a copy of the input synced again, a sync interrupted before it wrote its keys back,
 * a workbook whose sync state was lost. Without it every such run would create every row again.
 *
 * The rule: a row and an item are the same when they have the same section, the same ordinal and
 * the same name, compared without diacritics, case, spacing or trailing punctuation. When several
 * rows share all three (sub-items such as "- Trong đó: nữ" under different parents), the n-th
 * such row in the sheet matches the n-th such item in list order (items are created in sheet
 * order). Only items that carry a RowKey no workbook row holds and the state does not give to
 * another row are candidates: an item a row of this workbook already owns is never taken twice.
 */
import { fold } from "../annex";
import { compareItemIds, type RemoteItem } from "./remoteItem";
import type { FieldValue } from "./fields";

function part(value: FieldValue | undefined): string {
  if (value === null || value === undefined) return "";
  return fold(String(value))
    .replace(/[\s.,;:)\-–]+$/u, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** "section|ordinal|name" of a row or an item's fields. */
export function identityOf(values: Record<string, FieldValue>): string {
  return `${part(values.Section)}|${part(values.Ordinal)}|${part(values.Title)}`;
}

export interface IdentityCandidate {
  rowKey: string;
  values: Record<string, FieldValue>;
}

/**
 * Pair rows (in sheet order) with unclaimed items by identity. Returns row key → item; rows whose
 * name is empty are never matched (nothing to tell them apart).
 */
export function matchByIdentity(rows: IdentityCandidate[], items: RemoteItem[]): Map<string, RemoteItem> {
  const pool = new Map<string, RemoteItem[]>();
  const ordered = [...items].filter((it) => !it.deleted && it.fields).sort((a, b) => compareItemIds(a.id, b.id));
  for (const item of ordered) {
    const id = identityOf(item.fields!);
    if (!pool.has(id)) pool.set(id, []);
    pool.get(id)!.push(item);
  }
  const matches = new Map<string, RemoteItem>();
  for (const row of rows) {
    if (part(row.values.Title) === "") continue;
    const queue = pool.get(identityOf(row.values));
    const item = queue?.shift();
    if (item) matches.set(row.rowKey, item);
  }
  return matches;
}
