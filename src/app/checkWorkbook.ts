/**
 * The check workflow, once for every host: read the sheets (with the person's role corrections)
 * and analyse each: tables, fill plans, findings, classification, highlight rules, summary.
 * The command line checks every sheet of a file; the pane checks the active sheet.
 */
import { analyzeSheet, type AnalyzeOptions, type TableAnalysis } from "../annex";
import { rolesFor } from "./pickTable";
import type { WorkbookHost } from "./ports";

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
  const read = await host.read(sheet);
  return read.snapshots.map((snapshot) => ({
    sheet: snapshot.sheet,
    tables: analyzeSheet(snapshot, { ...options, roles: rolesFor(read.corrections, snapshot.sheet) }),
  }));
}
