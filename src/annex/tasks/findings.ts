/**
 * Findings of a task list: a task with no lead agency after inheritance, a deadline in words that
 * name no day, a completion dated before the document that assigned the task. Overdue is a state,
 * not a finding.
 */
import { makeFinding, type Finding } from "../findings";
import type { AnnexTable } from "../model";
import { cellAddress } from "../snapshot";
import type { TaskDetail } from "./readTasks";

/** `table` is the one the task path read (rows with their deadlines); `details` per task row. */
export function taskFindings(table: AnnexTable, details: ReadonlyMap<number, TaskDetail>): Finding[] {
  const findings: Finding[] = [];
  const lead = table.columns.find((c) => c.role === "lead");
  for (const row of table.rows) {
    const detail = details.get(row.row);
    if (!detail) continue;
    if (lead && row.kind === "item" && !row.lead) {
      findings.push(makeFinding("missing-lead", { sheet: table.sheet, row: row.row, column: lead.column }, { name: row.name, task: true }));
    }
    if (detail.ownDeadline && detail.deadline.kind === "unreadable" && detail.deadlineCell) {
      const text = row.dueText ?? "";
      findings.push(
        makeFinding("deadline-unreadable", { sheet: table.sheet, ...detail.deadlineCell }, { text }, undefined, { actual: text }),
      );
    }
    const { completedOn, assignedOn } = detail;
    if (completedOn && assignedOn && completedOn.date < assignedOn.date) {
      const params = {
        completedOn: completedOn.date,
        assignedOn: assignedOn.date,
        assignedCell: cellAddress(assignedOn.cell.row, assignedOn.cell.column),
      };
      const values = { expected: `>= ${assignedOn.date}`, actual: completedOn.date };
      findings.push(makeFinding("completed-before-assigned", { sheet: table.sheet, ...completedOn.cell }, params, undefined, values));
    }
  }
  return findings;
}
