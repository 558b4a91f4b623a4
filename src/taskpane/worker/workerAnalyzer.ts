/**
 * A `SheetAnalyzer` that runs the engine in a Web Worker, so analysing a 5,000-row annex never
 * blocks the pane. Where no worker can start (jsdom tests, a host that refuses workers) or the
 * worker dies, the engine runs in place: slower for long sheets, never wrong.
 */
import { analyzeSheet, type AnalyzeOptions, type SheetSnapshot, type TableAnalysis } from "../../annex";
import type { SheetAnalyzer } from "../annexService";
import { fromTransfer, paneAnalysis } from "./paneAnalysis";
import type { AnalysisRequest, AnalysisResponse } from "./protocol";

/** The part of `Worker` the analyzer uses (a fake in tests). */
export interface AnalysisWorker {
  postMessage(message: AnalysisRequest): void;
  addEventListener(type: "message", listener: (event: MessageEvent<AnalysisResponse>) => void): void;
  addEventListener(type: "error", listener: (event: Event) => void): void;
  terminate(): void;
}

export const analyzeInPlace: SheetAnalyzer = async (snapshot, options) => paneAnalysis(analyzeSheet(snapshot, options));

interface Pending {
  resolve(tables: TableAnalysis[]): void;
  reject(error: Error): void;
  snapshot: SheetSnapshot;
  options: AnalyzeOptions;
}

export function createWorkerAnalyzer(startWorker: () => AnalysisWorker | null): SheetAnalyzer {
  let worker: AnalysisWorker | null | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  /** The worker failed as a whole (did not load, crashed): finish what it held in place, and stop using it. */
  const giveUp = () => {
    worker?.terminate();
    worker = null;
    const held = [...pending.values()];
    pending.clear();
    for (const p of held) analyzeInPlace(p.snapshot, p.options).then(p.resolve, p.reject);
  };

  const ensureWorker = (): AnalysisWorker | null => {
    if (worker !== undefined) return worker;
    try {
      worker = startWorker();
    } catch {
      worker = null;
    }
    worker?.addEventListener("message", ({ data }) => {
      const p = pending.get(data.id);
      if (!p) return;
      pending.delete(data.id);
      if ("error" in data) p.reject(new Error(data.error));
      else p.resolve(fromTransfer(data.tables));
    });
    worker?.addEventListener("error", giveUp);
    return worker;
  };

  // Started now, not at the first analysis: the worker's script loads while the pane opens.
  ensureWorker();

  return (snapshot, options) => {
    const running = ensureWorker();
    if (!running) return analyzeInPlace(snapshot, options);
    const id = nextId++;
    return new Promise<TableAnalysis[]>((resolve, reject) => {
      pending.set(id, { resolve, reject, snapshot, options });
      running.postMessage({ id, snapshot, options });
    });
  };
}
