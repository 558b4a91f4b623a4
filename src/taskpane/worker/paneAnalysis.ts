/**
 * The engine's analysis as the pane holds it. The per-cell numbers of the table and the class of
 * every indicator are the engine's working material (the plan, findings, bands and summary are
 * made from them); the pane and the Excel service never read them, and for a 5,000-row annex they
 * are 40% of what the worker would send back, each copy costing the pane's thread time. Both the
 * worker and the in-place analysis return this view, so the pane sees the same either way.
 */
import { findingData, findingFromData, type FindingData, type TableAnalysis } from "../../annex";

export function paneAnalysis(tables: TableAnalysis[]): TableAnalysis[] {
  return tables.map((t) => ({
    ...t,
    table: { ...t.table, numbers: new Map() },
    classification: { ...t.classification, indicators: [] },
  }));
}

/** The analysis as it crosses to the pane's thread: findings as data (a copy would word every one of them). */
export type TransferredAnalysis = Omit<TableAnalysis, "findings"> & { findings: FindingData[] };

export function toTransfer(tables: TableAnalysis[]): TransferredAnalysis[] {
  return tables.map((t) => ({ ...t, findings: t.findings.map(findingData) }));
}

export function fromTransfer(tables: TransferredAnalysis[]): TableAnalysis[] {
  return tables.map((t) => ({ ...t, findings: t.findings.map(findingFromData) }));
}
