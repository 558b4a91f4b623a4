/**
 * The task summary in the reports' own style: "Tổng số 10 nhiệm vụ: đã hoàn thành 03 nhiệm vụ (02
 * đúng và trước hạn, 01 trễ hạn); đang thực hiện 06 nhiệm vụ (04 trong hạn, 02 quá hạn, chiếm
 * 20,0%); 01 nhiệm vụ thực hiện thường xuyên. Nhiệm vụ quá hạn: Văn phòng UBND tỉnh (01), …".
 * Tasks are the items of the list; their sub-items are parts of them and are not counted.
 */
import { formatEn, formatVi } from "../findings";
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

/** Counts as the reports write them: "03", "10", "1.367". */
function countVi(n: number): string {
  return n < 10 ? String(n).padStart(2, "0") : formatVi(n, false, 0);
}

function countEn(n: number): string {
  return formatEn(n, false, 0);
}

const percentVi = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percentEn = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** "(02 đúng và trước hạn, 01 trễ hạn)", "(đều trong hạn)": the parts that are there. */
function parts(list: [number, string][], all: string, total: number, format: (n: number) => string): string {
  const present = list.filter(([n]) => n > 0);
  if (present.length === 1 && present[0][0] === total) return ` (${all} ${present[0][1]})`;
  return present.length ? ` (${present.map(([n, words]) => `${format(n)} ${words}`).join(", ")})` : "";
}

export function summarizeTasks(table: AnnexTable): TaskSummary {
  const tasks = tallyTasks(table.rows);
  const { total, done, doneOnTime, doneLate, inProgress, overdue, ongoing, unknown } = tasks;
  const doneUntimed = done - doneOnTime - doneLate;
  const underWay = inProgress + overdue;
  const overdueShare = total ? (overdue / total) * 100 : 0;
  const overdueLeads = tasks.byLead.filter((l) => l.overdue > 0);

  const vi: string[] = [];
  if (done) {
    const timing = parts(
      [
        [doneOnTime, "đúng và trước hạn"],
        [doneLate, "trễ hạn"],
        [doneUntimed, "chưa rõ đúng hạn hay trễ hạn"],
      ],
      "đều",
      done,
      countVi,
    );
    vi.push(`đã hoàn thành ${countVi(done)} nhiệm vụ${timing}`);
  }
  if (underWay) {
    const timing = parts(
      [
        [inProgress, "trong hạn"],
        [overdue, "quá hạn"],
      ],
      "đều",
      underWay,
      countVi,
    );
    const share = overdue ? `${timing.slice(0, -1)}, chiếm ${percentVi.format(overdueShare)}%)` : timing;
    vi.push(`đang thực hiện ${countVi(underWay)} nhiệm vụ${share}`);
  }
  if (ongoing) vi.push(`${countVi(ongoing)} nhiệm vụ thực hiện thường xuyên`);
  if (unknown) vi.push(`${countVi(unknown)} nhiệm vụ chưa xác định được thời hạn hoặc tình hình thực hiện`);
  const leadsVi = overdueLeads.map((l) => `${l.lead || "chưa rõ cơ quan chủ trì"} (${countVi(l.overdue)})`).join(", ");
  const text =
    total === 0
      ? "Danh mục chưa có nhiệm vụ nào."
      : `Tổng số ${countVi(total)} nhiệm vụ: ${vi.join("; ")}.` + (leadsVi ? ` Nhiệm vụ quá hạn: ${leadsVi}.` : "");

  const en: string[] = [];
  if (done) {
    const timing = parts(
      [
        [doneOnTime, "on time or early"],
        [doneLate, "late"],
        [doneUntimed, "timing not known"],
      ],
      "all",
      done,
      countEn,
    );
    en.push(`${countEn(done)} done${timing}`);
  }
  if (underWay) {
    const timing = parts(
      [
        [inProgress, "within the deadline"],
        [overdue, "overdue"],
      ],
      "all",
      underWay,
      countEn,
    );
    const share = overdue ? `${timing.slice(0, -1)}, ${percentEn.format(overdueShare)}% of all)` : timing;
    en.push(`${countEn(underWay)} under way${share}`);
  }
  if (ongoing) en.push(`${countEn(ongoing)} ongoing with no deadline`);
  if (unknown) en.push(`${countEn(unknown)} whose deadline or progress cannot be told`);
  const leadsEn = overdueLeads.map((l) => `${l.lead || "no lead agency"} (${countEn(l.overdue)})`).join(", ");
  const textEn =
    total === 0
      ? "The list has no task yet."
      : `${countEn(total)} task${total === 1 ? "" : "s"} in all: ${en.join("; ")}.` + (leadsEn ? ` Overdue: ${leadsEn}.` : "");

  return { total, bands: [], text, textEn, tasks };
}
