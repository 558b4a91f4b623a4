/**
 * What a user may do. A planner may do everything. A liaison may read everything, and may change
 * only the liaison-owned fields (a column whose description carries the liaison tag) of items whose
 * Lead is its department; it may not create or delete items, lists or columns, nor read the audit log.
 * Refusals are Graph's 403 `accessDenied`, raised before anything is written.
 */
import { LEAD_FIELD, departmentKey, ownerFromDescription } from "../sync/fields";
import type { ColumnDef, FieldValue } from "./columns";
import { GraphError } from "./graphErrors";
import type { ListUser } from "./users";

export const accessDenied = (detail: string): GraphError => new GraphError(403, "accessDenied", `Access denied. ${detail}`);

/** Refuse a liaison an action only planners may take, e.g. "delete items". */
export function requirePlanner(user: ListUser, action: string): void {
  if (user.role !== "planner") throw accessDenied(`${user.name} is a department liaison and may not ${action}.`);
}

export function isLiaisonColumn(col: ColumnDef): boolean {
  return ownerFromDescription(col.description) === "liaison";
}

/**
 * May `user` PATCH these fields of an item whose current values are `current`? Field names that
 * are not columns are left to the field validation (400), as Graph reports them.
 */
export function checkFieldsPatch(
  user: ListUser,
  columns: readonly ColumnDef[],
  current: Readonly<Record<string, FieldValue>>,
  patch: Record<string, unknown>,
): void {
  if (user.role === "planner") return;
  const plannerFields = Object.keys(patch)
    .filter((key) => !key.includes("@odata."))
    .filter((key) => {
      const col = columns.find((c) => c.name === key);
      return col !== undefined && !isLiaisonColumn(col);
    });
  if (plannerFields.length > 0) {
    throw accessDenied(`${user.name} may not change ${plannerFields.join(", ")}: the planner keeps these fields.`);
  }
  const lead = departmentKey(current[LEAD_FIELD]);
  if (lead === "" || lead !== departmentKey(user.department)) {
    throw accessDenied(`${user.name} may change only items led by ${user.department}.`);
  }
}
