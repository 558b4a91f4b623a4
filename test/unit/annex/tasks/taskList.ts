/**
 * Task lists generated for the tests, laid out as planners type them: title rows, a header
 * (STT, Nội dung nhiệm vụ, Cơ quan chủ trì, Thời gian hoàn thành, Tình hình thực hiện, Ngày hoàn
 * thành, Văn bản giao), then sections, tasks and "- …" sub-tasks.
 */
import {
  analyzeSheet,
  type AnalyzeOptions,
  type AnnexRow,
  type CellValue,
  type SheetSnapshot,
  type TableAnalysis,
} from "../../../../src/annex";
import { buildSnapshot } from "../../../helpers/snapshot";

export interface Task {
  /** Defaults: items numbered 1, 2, … per section; "- …" names are sub-tasks; "I", "II" make a section. */
  ordinal?: string;
  name: string;
  lead?: string;
  /** Text as typed, or a number (an Excel serial day, shown as a date). */
  deadline?: CellValue;
  status?: string;
  completedOn?: CellValue;
  source?: string;
}

export const HEADER = [
  "STT",
  "Nội dung nhiệm vụ",
  "Cơ quan chủ trì",
  "Thời gian hoàn thành",
  "Tình hình thực hiện",
  "Ngày hoàn thành",
  "Văn bản giao",
];

export interface TaskList {
  snapshot: SheetSnapshot;
  /** The sheet row of the task with this name. */
  rowOf(name: string): number;
}

export interface Layout {
  title?: string[];
  /** Merged areas besides the title rows ("D5:D6"). */
  merges?: string[];
}

export function taskList(tasks: Task[], { title = ["DANH MỤC NHIỆM VỤ NĂM 2023"], merges = [] }: Layout = {}): TaskList {
  const rows: CellValue[][] = [...title.map((t) => [t]), [], HEADER];
  const formats: Record<string, string> = {};
  const rowByName = new Map<string, number>();
  let number = 0;
  for (const task of tasks) {
    const row = rows.length + 1;
    const section = task.ordinal !== undefined && /^[IVX]+$/.test(task.ordinal);
    if (section) number = 0;
    const ordinal = task.ordinal ?? (task.name.startsWith("-") ? null : String(++number));
    rows.push([
      ordinal,
      task.name,
      task.lead ?? null,
      task.deadline ?? null,
      task.status ?? null,
      task.completedOn ?? null,
      task.source ?? null,
    ]);
    if (typeof task.deadline === "number") formats[`D${row}`] = "dd/mm/yyyy";
    if (typeof task.completedOn === "number") formats[`F${row}`] = "dd/mm/yyyy";
    rowByName.set(task.name, row);
  }
  const titleMerges = title.map((_, i) => `A${i + 1}:G${i + 1}`);
  return {
    snapshot: buildSnapshot({ sheet: "Nhiệm vụ", rows, formats, merges: [...titleMerges, ...merges] }),
    rowOf: (name) => {
      const row = rowByName.get(name);
      if (row === undefined) throw new Error(`No task named ${name}`);
      return row;
    },
  };
}

export interface AnalysedList {
  analysis: TableAnalysis;
  row(name: string): AnnexRow;
  state(name: string): AnnexRow["state"];
}

/** The list analysed as `annex check` does; it must be recognised as one task table. */
export function analyse(tasks: Task[], options: AnalyzeOptions = {}, layout: Layout = {}): AnalysedList {
  const list = taskList(tasks, layout);
  const tables = analyzeSheet(list.snapshot, options);
  if (tables.length !== 1 || tables[0].table.kind !== "tasks") throw new Error("expected one task table");
  const [analysis] = tables;
  const row = (name: string) => analysis.table.rows.find((r) => r.row === list.rowOf(name))!;
  return { analysis, row, state: (name) => row(name).state };
}

/** Excel's serial number of a day (1900 date system), counted from 30/12/1899. */
export function serial(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000);
}
