/**
 * Starts the analysis worker. Webpack sees `new Worker(new URL(…, import.meta.url))` and bundles
 * the worker as its own chunk beside the page's script. Only the bundles import this file: Jest
 * and `tsc` compile the project as CommonJS, where `import.meta` does not exist.
 */
import type { AnalysisWorker } from "./workerAnalyzer";

export function startAnalysisWorker(): AnalysisWorker | null {
  if (typeof Worker === "undefined") return null;
  // @ts-expect-error TS1343: tsconfig.json emits CommonJS for Node; webpack compiles this file as an ES module.
  return new Worker(/* webpackChunkName: "analysis-worker" */ new URL("./analysis.worker.ts", import.meta.url));
}
