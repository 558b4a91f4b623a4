/**
 * The analysis worker's protocol, with the worker's script run against a fake Worker in this
 * process: the pane gets the same tables from the worker and in place, and falls back to the
 * engine in place when no worker starts or the worker dies.
 */
import { analyzeSheet, type SheetSnapshot } from "../../../src/annex";
import type { AnalysisRequest, AnalysisResponse } from "../../../src/taskpane/worker/protocol";
import { analyzeInPlace, createWorkerAnalyzer, type AnalysisWorker } from "../../../src/taskpane/worker/workerAnalyzer";
import { loadSampleSnapshot, loadTaskSampleSnapshot } from "./setup";

let snapshot: SheetSnapshot;
beforeAll(async () => {
  snapshot = await loadSampleSnapshot();
});

/** A Worker whose other side is the real worker script, answering asynchronously with a structured clone. */
function fakeWorker(): AnalysisWorker & { requests: number; crash(): void } {
  const listeners: { message: ((e: MessageEvent<AnalysisResponse>) => void)[]; error: ((e: Event) => void)[] } = { message: [], error: [] };
  const scope: { onmessage: ((e: { data: AnalysisRequest }) => void) | null; postMessage(m: AnalysisResponse): void } = {
    onmessage: null,
    postMessage: (message) => setTimeout(() => listeners.message.forEach((l) => l({ data: structuredClone(message) } as MessageEvent))),
  };
  (globalThis as unknown as { self: unknown }).self = scope;
  jest.isolateModules(() => require("../../../src/taskpane/worker/analysis.worker"));
  const worker = {
    requests: 0,
    postMessage(message: AnalysisRequest) {
      worker.requests++;
      setTimeout(() => scope.onmessage?.({ data: structuredClone(message) }));
    },
    addEventListener(type: "message" | "error", listener: never) {
      (listeners[type] as unknown[]).push(listener);
    },
    terminate: jest.fn(),
    crash: () => listeners.error.forEach((l) => l(new Event("error"))),
  };
  return worker;
}

describe("the analysis worker", () => {
  it("answers with the tables the engine makes, as the pane holds them", async () => {
    const worker = fakeWorker();
    const analyze = createWorkerAnalyzer(() => worker);
    const [fromWorker, inPlace] = await Promise.all([analyze(snapshot, {}), analyzeInPlace(snapshot, {})]);
    expect(worker.requests).toBe(1);
    // (JSON: the clone's Map comes from another realm, which toEqual cannot read.)
    expect(JSON.parse(JSON.stringify(fromWorker))).toEqual(JSON.parse(JSON.stringify(inPlace)));
    const engine = analyzeSheet(snapshot)[0];
    expect(fromWorker[0].plan).toEqual(engine.plan);
    expect(fromWorker[0].findings).toEqual(engine.findings);
    expect(fromWorker[0].summary).toEqual(engine.summary);
    // The per-cell numbers and per-indicator classes stay behind.
    expect(fromWorker[0].table.numbers.size).toBe(0);
    expect(fromWorker[0].classification.indicators).toEqual([]);
  });

  it("keeps a task list's fields through the worker: as-of day, deadlines, states, counts, rules and legend", async () => {
    const tasks = await loadTaskSampleSnapshot();
    const options = { asOf: "2023-12-31", today: "2024-01-15" };
    const [fromWorker] = await createWorkerAnalyzer(() => fakeWorker())(tasks, options);
    const engine = analyzeSheet(tasks, options)[0];
    expect(fromWorker.table.kind).toBe("tasks");
    expect([fromWorker.table.asOf, fromWorker.table.asOfSource]).toEqual(["2023-12-31", "option"]);
    const pick = (rows: typeof engine.table.rows) =>
      rows.map(({ row, dueText, due, state, progress }) => ({ row, dueText, due, state, progress }));
    expect(pick(fromWorker.table.rows)).toEqual(pick(engine.table.rows));
    expect(fromWorker.table.rows.find((r) => r.row === 15)).toMatchObject({ due: "2023-09-30", state: "overdue" });
    expect(JSON.stringify(fromWorker.summary)).toBe(JSON.stringify(engine.summary));
    expect(fromWorker.summary.tasks).toMatchObject({ total: 10, overdue: 3, inProgress: 3 });
    expect(JSON.stringify(fromWorker.taskHighlight)).toBe(JSON.stringify(engine.taskHighlight));
    expect(fromWorker.taskHighlight?.asOf).toBe("2023-12-31");
  });

  it("runs the engine in place when no worker starts (jsdom, a host without workers)", async () => {
    const analyze = createWorkerAnalyzer(() => {
      throw new Error("no workers here");
    });
    expect((await analyze(snapshot, {}))[0].plan.writes).toHaveLength(43);
    expect((await createWorkerAnalyzer(() => null)(snapshot, {}))[0].plan.writes).toHaveLength(43);
  });

  it("finishes in place what a crashed worker held, and stops using it", async () => {
    const worker = fakeWorker();
    worker.postMessage = jest.fn(); // never answers
    const analyze = createWorkerAnalyzer(() => worker);
    const pending = analyze(snapshot, {});
    worker.crash();
    expect((await pending)[0].plan.writes).toHaveLength(43);
    expect(worker.terminate).toHaveBeenCalled();
    expect((await analyze(snapshot, {}))[0].plan.writes).toHaveLength(43);
    expect(worker.postMessage).toHaveBeenCalledTimes(1);
  });
});
