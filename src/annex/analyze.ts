/** Everything the engine says about one sheet, in one call: tables, fill plans, findings, classes, rules, summary. */
import { classifyTable, type Classification, type ClassifyOptions } from "./classify";
import { planFill } from "./fill";
import type { Finding } from "./findings";
import { highlightRules, legend, type LegendEntry } from "./highlight";
import type { AnnexTable, FillPlan, HighlightRule } from "./model";
import { recognizeTables, type RecognizeOptions } from "./recognize";
import type { SheetSnapshot } from "./snapshot";
import { summarize, type Summary } from "./summary";
import { validateTable } from "./validate";

export interface TableAnalysis {
  table: AnnexTable;
  plan: FillPlan;
  findings: Finding[];
  classification: Classification;
  summary: Summary;
  rules: HighlightRule[];
  legend: LegendEntry[];
}

export function analyzeTable(snapshot: SheetSnapshot, table: AnnexTable, options: ClassifyOptions = {}): TableAnalysis {
  const classification = classifyTable(snapshot, table, options);
  return {
    table,
    plan: planFill(snapshot, table),
    findings: validateTable(snapshot, table),
    classification,
    summary: summarize(classification),
    rules: highlightRules(table, classification),
    legend: legend(classification),
  };
}

export type AnalyzeOptions = ClassifyOptions & RecognizeOptions;

export function analyzeSheet(snapshot: SheetSnapshot, options: AnalyzeOptions = {}): TableAnalysis[] {
  return recognizeTables(snapshot, options).map((table) => analyzeTable(snapshot, table, options));
}
