/**
 * Three-way merge per field, pure.
 *
 *   workbook = base, list = base   → none
 *   workbook ≠ base, list = base   → push (the workbook's change goes to the list)
 *   workbook = base, list ≠ base   → pull (the list's change comes into the workbook)
 *   workbook = list ≠ base         → same (both made the same change: just record it)
 *   workbook ≠ list, both ≠ base   → conflict: both values are kept and shown; a person chooses
 *
 * Ownership (planner: the workbook; liaison: the list): a change the list made to a field the
 * workbook owns (the name, unit, plan figure, lead) is not applied on its own: it comes back as a
 * conflict for the planner to accept or reject. The planner's own change to a liaison field is
 * pushed (the planner may correct anything) and reported. A both-sides conflict is never
 * resolved automatically; a resolution is an explicit input of the next sync.
 */
import { type FieldOwner, type FieldValue, type SyncField, sameValue } from "./fields";

export type MergeAction = "none" | "same" | "push" | "pull" | "conflict";

export function mergeField(base: FieldValue, workbook: FieldValue, list: FieldValue): MergeAction {
  const workbookChanged = !sameValue(workbook, base);
  const listChanged = !sameValue(list, base);
  if (!workbookChanged && !listChanged) return "none";
  if (workbookChanged && !listChanged) return "push";
  if (!workbookChanged && listChanged) return "pull";
  return sameValue(workbook, list) ? "same" : "conflict";
}

export interface Conflict {
  rowKey: string;
  field: string;
  /** Value both sides last agreed on (null before the first sync of the row). */
  base: FieldValue;
  workbook: FieldValue;
  list: FieldValue;
  owner: FieldOwner;
  reason: ConflictReason;
  sheet: string;
  /** Sheet row and cell of the workbook side (cell null for a field without a cell). */
  row: number;
  cell: string | null;
  title: string | null;
  /** For a merged cell: the merged area and the data rows it covers. */
  merge?: { area: string; rows: number[] };
}

export interface Resolution {
  rowKey: string;
  field: string;
  take: "workbook" | "list";
}

export interface FieldConflict {
  field: string;
  base: FieldValue;
  workbook: FieldValue;
  list: FieldValue;
  owner: FieldOwner;
  /** Why a person must choose: both sides changed it, or the list changed a field the workbook owns. */
  reason: ConflictReason;
}

export type ConflictReason = "bothChanged" | "listChangedPlannerField" | "mergedCell";

export interface NonOwnerChange {
  field: string;
  /** The side that changed a field it does not own. */
  side: "workbook" | "list";
}

export interface RowMerge {
  /** Values to send to the list. */
  push: Record<string, FieldValue>;
  /** Values to bring into the workbook. */
  pull: Record<string, FieldValue>;
  /** Fields both sides changed to the same value: the new base. */
  same: Record<string, FieldValue>;
  conflicts: FieldConflict[];
  nonOwner: NonOwnerChange[];
  /** Resolutions that were applied (others no longer matched a difference). */
  resolved: string[];
}

/**
 * Merge one row. `workbook` holds the workbook side of the fields that have one and could be read;
 * a field missing there is treated as unchanged in the workbook (list-only fields, unreadable cells).
 */
export function mergeRow(
  fields: SyncField[],
  base: Record<string, FieldValue>,
  workbook: Record<string, FieldValue>,
  list: Record<string, FieldValue>,
  resolutions: Map<string, "workbook" | "list"> = new Map(),
): RowMerge {
  const out: RowMerge = { push: {}, pull: {}, same: {}, conflicts: [], nonOwner: [], resolved: [] };
  for (const f of fields) {
    const b = base[f.name] ?? null;
    const w = f.name in workbook ? (workbook[f.name] ?? null) : b;
    const l = list[f.name] ?? null;
    const take = resolutions.get(f.name);
    if (take && !sameValue(w, l)) {
      out.resolved.push(f.name);
      if (take === "workbook") out.push[f.name] = w;
      else out.pull[f.name] = l;
      continue;
    }
    switch (mergeField(b, w, l)) {
      case "push":
        out.push[f.name] = w;
        if (f.owner === "liaison") out.nonOwner.push({ field: f.name, side: "workbook" });
        break;
      case "pull":
        if (f.owner === "planner") {
          out.nonOwner.push({ field: f.name, side: "list" });
          out.conflicts.push({ field: f.name, base: b, workbook: w, list: l, owner: f.owner, reason: "listChangedPlannerField" });
        } else out.pull[f.name] = l;
        break;
      case "same":
        out.same[f.name] = w;
        break;
      case "conflict":
        out.conflicts.push({ field: f.name, base: b, workbook: w, list: l, owner: f.owner, reason: "bothChanged" });
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * Text that Excel would not keep as written when typed or written as a value into a General cell:
 * a formula or formula-like entry ("=…", "+…", "-…", "@…"), and text starting with an apostrophe,
 * which Excel takes as its "this is text" prefix and drops ("'0123" would become "0123", and every
 * later sync would see a change). Such text is written into a Text ("@") cell.
 */
export function mustWriteAsText(value: unknown): boolean {
  return typeof value === "string" && /^[=+\-@']/.test(value);
}
