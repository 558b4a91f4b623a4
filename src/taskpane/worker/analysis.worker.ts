/**
 * The analysis worker: the pure engine (src/annex) on a snapshot the pane read from Excel. Only the
 * analysis runs here; Office.js lives on the pane's thread.
 */
import { analyzeSheet } from "../../annex";
import { paneAnalysis, toTransfer } from "./paneAnalysis";
import type { AnalysisRequest, AnalysisResponse } from "./protocol";

/** The worker's global scope, typed without the WebWorker lib (tsconfig compiles the pane with DOM). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<AnalysisRequest>) => void) | null;
  postMessage(message: AnalysisResponse): void;
};

scope.onmessage = ({ data }) => {
  try {
    scope.postMessage({ id: data.id, tables: toTransfer(paneAnalysis(analyzeSheet(data.snapshot, data.options))) });
  } catch (error) {
    scope.postMessage({ id: data.id, error: error instanceof Error ? error.message : String(error) });
  }
};
