/** Which table of a workbook a workflow works on: the sheet asked for, else the one synced last, else the first with a table. */
import { recognizeTables, type AnnexTable, type ColumnRole, type SheetSnapshot } from "../annex";
import type { RoleCorrection } from "./ports";
import { WorkflowError } from "./errors";

export interface PickedTable {
  snapshot: SheetSnapshot;
  table: AnnexTable;
}

/** The role corrections of one table, by column letter, as the engine takes them. */
export function rolesFor(corrections: RoleCorrection[], sheet: string): Record<string, ColumnRole> {
  const roles: Record<string, ColumnRole> = {};
  for (const c of corrections) if (c.sheet === sheet) roles[c.letter] = c.role;
  return roles;
}

export function pickTable(
  snapshots: SheetSnapshot[],
  corrections: RoleCorrection[],
  wanted: { sheet: string | null; tableIndex?: number },
): PickedTable {
  for (const snapshot of snapshots) {
    if (wanted.sheet !== null && snapshot.sheet !== wanted.sheet) continue;
    const tables = recognizeTables(snapshot, { roles: rolesFor(corrections, snapshot.sheet) });
    const table = tables[wanted.tableIndex ?? 0] ?? tables[0];
    if (table) return { snapshot, table };
  }
  throw wanted.sheet !== null ? new WorkflowError("noAnnexOnSheet", { sheet: wanted.sheet }) : new WorkflowError("noAnnex", {});
}
