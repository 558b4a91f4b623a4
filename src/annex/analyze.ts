/** Everything the engine says about one sheet, in one call: tables, fill plans, findings, classes, rules, summary. */
import { classifyTable, type Classification, type ClassifyOptions } from "./classify";
import { planFill } from "./fill";
import type { Finding } from "./findings";
import { checkFormulaReferences, withReferenceFindings } from "./formula/referenceCheck";
import { withFormulaValues } from "./formula/sheetValues";
import { highlightRules, legend, type LegendEntry } from "./highlight";
import type { AnnexTable, FillPlan, HighlightRule } from "./model";
import { recognizeTables, type RecognizeOptions } from "./recognize";
import type { SheetSnapshot } from "./snapshot";
import { summarize, type Summary } from "./summary";
import { indexTable } from "./tableIndex";
import { analyzeTasks, type TaskHighlight } from "./tasks/analyzeTasks";
import type { TaskOptions } from "./tasks/readTasks";
import type { TaskTally } from "./tasks/summary";
import { validateTable } from "./validate";

export interface TableAnalysis {
  table: AnnexTable;
  plan: FillPlan;
  findings: Finding[];
  classification: Classification;
  /** A task list's summary also counts its tasks by state, in all and per lead agency. */
  summary: Summary & { tasks?: TaskTally };
  rules: HighlightRule[];
  legend: LegendEntry[];
  /** Task lists only: rules colouring each task row by its state on the as-of day. */
  taskHighlight?: TaskHighlight;
}

export function analyzeTable(snapshot: SheetSnapshot, table: AnnexTable, options: ClassifyOptions & TaskOptions = {}): TableAnalysis {
  const index = indexTable(snapshot, table);
  const classification = classifyTable(snapshot, table, options, index);
  const findings = withReferenceFindings(validateTable(snapshot, table, index), checkFormulaReferences(snapshot, table));
  const plan = planFill(snapshot, table, index);
  if (table.kind === "tasks") {
    const tasks = analyzeTasks(snapshot, table, options);
    const all = [...findings, ...tasks.findings].sort((a, b) => a.row - b.row);
    return {
      table: tasks.table,
      plan,
      findings: all,
      classification,
      summary: tasks.summary,
      rules: [],
      legend: [],
      taskHighlight: tasks.highlight,
    };
  }
  return {
    table,
    plan,
    findings,
    classification,
    summary: summarize(classification),
    rules: highlightRules(table, classification),
    legend: legend(classification),
  };
}

/** `asOf`: the day a task list is judged on, else its title's; `today`: injected, the engine reads no clock. */
export type AnalyzeOptions = ClassifyOptions & RecognizeOptions & TaskOptions;

/** Formulas saved without a cached result get their computed values first, so no pass takes them for empty cells. */
export function analyzeSheet(snapshot: SheetSnapshot, options: AnalyzeOptions = {}): TableAnalysis[] {
  const evaluated = withFormulaValues(snapshot);
  return recognizeTables(evaluated, options).map((table) => analyzeTable(evaluated, table, options));
}
