/** Whether a recognised table lists indicators with figures or tasks with deadlines and statuses. */
import type { AnnexColumn, AnnexTable, TableKind } from "../model";

const TASK_ROLES = new Set(["deadline", "status", "completedOn"]);

/** A table with a deadline or status column and no figures to classify is a task list. */
export function tableKind(columns: AnnexColumn[], numbers: AnnexTable["numbers"]): TableKind {
  const hasTaskColumn = columns.some((c) => TASK_ROLES.has(c.role));
  const hasFigures = numbers.size > 0 || columns.some((c) => c.role === "formula");
  return hasTaskColumn && !hasFigures ? "tasks" : "indicators";
}
