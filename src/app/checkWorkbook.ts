/**
 * The check workflow, once for every host: read the sheets (with the person's role corrections)
 * and analyse each: tables, fill plans, findings, classification, highlight rules, summary.
 * The command line checks every sheet of a file; the pane checks the active sheet.
 */
import { analyzeSheet, type AnalyzeOptions, type TableAnalysis } from "../annex";
import { rolesFor } from "./pickTable";
import type { WorkbookHost, WorkbookRead } from "./ports";

export interface CheckedSheet {
  sheet: string;
  tables: TableAnalysis[];
}

export type CheckOptions = Omit<AnalyzeOptions, "roles">;

export async function checkWorkbook(
  host: Pick<WorkbookHost, "read">,
  sheet: string | null,
  options: CheckOptions = {},
): Promise<CheckedSheet[]> {
  return analyzeWorkbook(await host.read(sheet), options);
}

/**
 * The analysis of what a host read. A host that holds a large model of the file (ExcelJS) reads
 * first and lets its model go before this runs, so the two never take memory at once.
 */
export function analyzeWorkbook(read: WorkbookRead, options: CheckOptions = {}): CheckedSheet[] {
  return read.snapshots.map((snapshot) => ({
    sheet: snapshot.sheet,
    tables: analyzeSheet(snapshot, { ...options, roles: rolesFor(read.corrections, snapshot.sheet) }),
  }));
}
