/**
 * Findings of a task list: a task with no lead agency after inheritance, a deadline in words that
 * name no day, a completion dated before the document that assigned the task. Overdue is a state,
 * not a finding.
 */
import { SEVERITY, type Finding, type FindingCode } from "../findings";
import type { AnnexTable } from "../model";
import { cellAddress } from "../snapshot";
import { formatDateVi } from "./dates";
import type { TaskDetail } from "./readTasks";

function finding(table: AnnexTable, code: FindingCode, row: number, column: number, vi: string, en: string): Finding {
  return { code, severity: SEVERITY[code], sheet: table.sheet, cell: cellAddress(row, column), row, message: vi, messageEn: en };
}

/** `table` is the one the task path read (rows with their deadlines); `details` per task row. */
export function taskFindings(table: AnnexTable, details: ReadonlyMap<number, TaskDetail>): Finding[] {
  const findings: Finding[] = [];
  const lead = table.columns.find((c) => c.role === "lead");
  for (const row of table.rows) {
    const detail = details.get(row.row);
    if (!detail) continue;
    if (lead && row.kind === "item" && !row.lead) {
      findings.push(
        finding(
          table,
          "missing-lead",
          row.row,
          lead.column,
          `Nhiệm vụ "${row.name}" chưa có cơ quan chủ trì.`,
          `The task "${row.name}" has no lead agency.`,
        ),
      );
    }
    if (detail.ownDeadline && detail.deadline.kind === "unreadable" && detail.deadlineCell) {
      const f = finding(
        table,
        "deadline-unreadable",
        detail.deadlineCell.row,
        detail.deadlineCell.column,
        `Không đọc được thời hạn "${row.dueText}": nên ghi ngày (30/6/2023), tháng, quý, năm hoặc "Thường xuyên".`,
        `The deadline "${row.dueText}" names no day: write a date (30/6/2023), a month, quarter or year, or "Thường xuyên".`,
      );
      findings.push({ ...f, actual: row.dueText ?? "" });
    }
    const { completedOn, assignedOn } = detail;
    if (completedOn && assignedOn && completedOn.date < assignedOn.date) {
      const f = finding(
        table,
        "completed-before-assigned",
        completedOn.cell.row,
        completedOn.cell.column,
        `Ngày hoàn thành ${formatDateVi(completedOn.date)} sớm hơn ngày văn bản giao nhiệm vụ ${formatDateVi(assignedOn.date)} (ô ${cellAddress(assignedOn.cell.row, assignedOn.cell.column)}).`,
        `Completed on ${completedOn.date}, before the assigning document's date ${assignedOn.date} (cell ${cellAddress(assignedOn.cell.row, assignedOn.cell.column)}).`,
      );
      findings.push({ ...f, expected: `>= ${assignedOn.date}`, actual: completedOn.date });
    }
  }
  return findings;
}
