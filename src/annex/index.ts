/** The annex engine: plain data in (a sheet snapshot), plain data out (tables, plans, findings, rules). */
export * from "./model";
export * from "./snapshot";
export { recognizeTables, type RecognizeOptions } from "./recognize";
export { planFill } from "./fill";
export { validateTable } from "./validate";
export * from "./findings";
export * from "./classify";
export { highlightRules, legend, type LegendEntry } from "./highlight";
export { summarize, type Summary, type SummaryBand } from "./summary";
export { analyzeSheet, analyzeTable, type AnalyzeOptions, type TableAnalysis } from "./analyze";
export { parseTarget, type Target } from "./targets";
export { parseFormulaSpec, guardedFormula, evaluate, toExcel } from "./formulaSpec";
export { parseNumberText, readCellNumber, columnNumberContext } from "./numbers";
export { fold } from "./text";
