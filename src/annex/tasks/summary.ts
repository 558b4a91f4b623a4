/**
 * The task summary in the reports' own style: "Tổng số 10 nhiệm vụ: đã hoàn thành 03 nhiệm vụ (02
 * đúng và trước hạn, 01 trễ hạn); đang thực hiện 06 nhiệm vụ (04 trong hạn, 02 quá hạn, chiếm
 * 20,0%); 01 nhiệm vụ thực hiện thường xuyên. Nhiệm vụ quá hạn: Văn phòng UBND tỉnh (01), …".
 * Tasks are the items of the list; their sub-items are parts of them and are not counted.
 */
import { message, type MessageParams } from "../../messages";
import type { AnnexRow, AnnexTable, TaskState } from "../model";
import type { Summary } from "../summary";

export interface TaskCounts {
  total: number;
  /** Finished, however timely: doneOnTime + doneLate + the finished tasks whose timing is unknown. */
  done: number;
  doneOnTime: number;
  doneLate: number;
  inProgress: number;
  overdue: number;
  ongoing: number;
  unknown: number;
}

export interface LeadTaskCounts extends TaskCounts {
  /** The lead agency after inheritance; "" for tasks without one. */
  lead: string;
}

export interface TaskTally extends TaskCounts {
  byLead: LeadTaskCounts[];
}

export interface TaskSummary extends Summary {
  tasks: TaskTally;
}

const STATE_FIELD: Record<TaskState, keyof TaskCounts | null> = {
  "done-on-time": "doneOnTime",
  "done-late": "doneLate",
  done: null,
  "in-progress": "inProgress",
  overdue: "overdue",
  ongoing: "ongoing",
  unknown: "unknown",
};

function emptyCounts(): TaskCounts {
  return { total: 0, done: 0, doneOnTime: 0, doneLate: 0, inProgress: 0, overdue: 0, ongoing: 0, unknown: 0 };
}

function count(counts: TaskCounts, state: TaskState): void {
  counts.total++;
  if (state.startsWith("done")) counts.done++;
  const field = STATE_FIELD[state];
  if (field) counts[field]++;
}

export function tallyTasks(rows: AnnexRow[]): TaskTally {
  const all = emptyCounts();
  const byLead = new Map<string, LeadTaskCounts>();
  for (const row of rows) {
    if (row.kind !== "item" || !row.state) continue;
    count(all, row.state);
    let lead = byLead.get(row.lead);
    if (!lead) byLead.set(row.lead, (lead = { lead: row.lead, ...emptyCounts() }));
    count(lead, row.state);
  }
  return { ...all, byLead: [...byLead.values()] };
}

export function summarizeTasks(table: AnnexTable): TaskSummary {
  const tasks = tallyTasks(table.rows);
  const { byLead, ...counts } = tasks;
  const params: MessageParams["summary.tasks"] = {
    ...counts,
    doneUntimed: counts.done - counts.doneOnTime - counts.doneLate,
    overdueLeads: byLead.filter((l) => l.overdue > 0).map((l) => ({ lead: l.lead, overdue: l.overdue })),
  };
  const text = message("summary.tasks", params, "vi");
  const textEn = message("summary.tasks", params, "en");
  return { total: tasks.total, bands: [], text, textEn, tasks };
}
