/** The task path of the analysis: a task list read on its as-of day, its findings, summary and highlight rules. */
import type { Finding } from "../findings";
import type { LegendEntry } from "../highlight";
import type { AnnexTable } from "../model";
import type { SheetSnapshot } from "../snapshot";
import { taskFindings } from "./findings";
import { AS_OF_NAME, taskHighlightRules, taskLegend, type TaskHighlightRule } from "./highlight";
import { readTasks, type TaskOptions } from "./readTasks";
import { summarizeTasks, type TaskSummary } from "./summary";

export interface TaskHighlight {
  /** The defined name the rules compare deadlines with, and the day it should hold. */
  asOfName: typeof AS_OF_NAME;
  asOf: string | null;
  rules: TaskHighlightRule[];
  legend: LegendEntry[];
}

export interface TaskAnalysis {
  table: AnnexTable;
  findings: Finding[];
  summary: TaskSummary;
  highlight: TaskHighlight;
}

export function analyzeTasks(snapshot: SheetSnapshot, table: AnnexTable, options: TaskOptions = {}): TaskAnalysis {
  const reading = readTasks(snapshot, table, options);
  return {
    table: reading.table,
    findings: taskFindings(reading.table, reading.details),
    summary: summarizeTasks(reading.table),
    highlight: {
      asOfName: AS_OF_NAME,
      asOf: reading.asOf.asOf,
      rules: taskHighlightRules(reading.table, reading.details),
      legend: taskLegend(),
    },
  };
}
