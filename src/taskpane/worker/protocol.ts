/** The messages between the pane and the analysis worker: a snapshot in, the engine's tables (or a failure) out. */
import type { AnalyzeOptions, SheetSnapshot } from "../../annex";
import type { TransferredAnalysis } from "./paneAnalysis";

export interface AnalysisRequest {
  id: number;
  snapshot: SheetSnapshot;
  options: AnalyzeOptions;
}

export type AnalysisResponse = { id: number; tables: TransferredAnalysis[] } | { id: number; error: string };
