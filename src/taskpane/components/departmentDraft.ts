/**
 * A department row as the liaison is editing it (the texts typed), and what of it goes to the list:
 * the estimate in the person's number convention, a task's status and completion day.
 */
import { parseNumberText } from "../../annex/numbers";
import { formatDateVi } from "../../annex/tasks/dates";
import { completionDay } from "../../sync/fields";
import { formatNumber } from "../format";
import type { Language } from "../i18n";
import type { DepartmentRow, LiaisonEdit } from "../syncService";

export interface Draft {
  estimate: string;
  note: string;
  confirmed: boolean;
  /** Task lists: the status and the completion day as typed ("20/9/2023"). */
  status: string;
  completedOn: string;
}

export function draftOf(row: DepartmentRow, language: Language): Draft {
  return {
    estimate: row.estimate === null ? "" : formatNumber(row.estimate, language),
    note: row.note ?? "",
    confirmed: row.confirmed,
    status: row.task?.status ?? "",
    completedOn: row.task?.completedOn ? formatDateVi(row.task.completedOn) : "",
  };
}

/** A task's status and completion day as the list should get them; undefined for a day that cannot be read. */
export function taskEdit(row: DepartmentRow, draft: Draft): LiaisonEdit | undefined {
  const typed = draft.completedOn.trim();
  const day = typed === "" ? null : completionDay(typed);
  if (day === null && typed !== "") return undefined;
  const edit: LiaisonEdit = {};
  if ((draft.status.trim() || null) !== (row.task?.status ?? null)) edit.status = draft.status.trim() || null;
  if (day !== (row.task?.completedOn ?? null)) edit.completedOn = day;
  return edit;
}

/** The number a person typed, in their language's convention; undefined when it is not a number. */
export function parseEstimate(text: string, language: Language): number | null | undefined {
  const t = text.trim();
  if (t === "") return null;
  const parsed = parseNumberText(t);
  if (!parsed || parsed.percent) return undefined;
  return language === "vi" ? parsed.vi : parsed.en;
}
