/**
 * Sync under faults: 1,000 generated rows against a list server that answers ~20 % of requests
 * (and batch entries) with 429/503 and a fractional Retry-After, and drops some connections —
 * half of the dropped writes after they were applied. The sync is re-run until nothing is left
 * in its outbox; then no item is duplicated and no edit, on either side, is lost — also after a
 * first run killed in the middle that left nothing behind.
 */
import { recognizeTables, type SheetSnapshot } from "../../src/annex";
import { applyWritesToSnapshot, GraphClient, syncAnnex, type SyncReport, type SyncState } from "../../src/sync";
import { generatedSyncAnnex, setSnapshotCell } from "../../bench/syncBench";
import { startTestListServer, type TestListServer } from "../helpers/listServer";

const ROWS = 1000;
const KEY_COLUMN = 9; // I: right of the generated table A:H
const PLAN = 4; // D
const ESTIMATE = 5; // E

let s: TestListServer;

beforeAll(async () => {
  s = await startTestListServer({ faultRate: 0.2, dropRate: 0.05, seed: 20251, retryAfterSeconds: [0.01, 0.06] });
});

afterAll(async () => {
  await s.close();
});

describe("sync with throttling and dropped connections", () => {
  it("converges with no duplicate and no lost edit", async () => {
    let snapshot: SheetSnapshot = generatedSyncAnnex(ROWS);
    let state: SyncState | null = null;
    let n = 0;
    const newId = () => `row-${String(++n).padStart(5, "0")}`;
    const client = new GraphClient({ baseUrl: s.graphUrl, getToken: async () => s.token, baseDelayMs: 20, maxDelayMs: 400 });
    const location = { site: "root", list: "Faults" };

    /** Sync again and again until a run ends with an empty outbox; returns the reports. */
    const converge = async (label: string): Promise<SyncReport[]> => {
      const reports: SyncReport[] = [];
      for (let run = 1; run <= 8; run++) {
        const table = recognizeTables(snapshot)[0];
        const result = await syncAnnex({ client, location, snapshot, table, state, newId });
        snapshot = applyWritesToSnapshot(snapshot, result.writes);
        state = result.state;
        reports.push(result.report);
        if (!result.report.interrupted && result.report.outboxRemaining === 0) {
          const total = reports.reduce((sum, r) => sum + r.requests, 0);
          console.log(
            `${label}: ${reports.length} run(s), ${total} HTTP requests (${reports.map((r) => r.requests).join(" + ")}), ` +
              `created ${reports.reduce((a, r) => a + r.created, 0)}, updated ${reports.reduce((a, r) => a + r.updated, 0)}, pulled ${reports.reduce((a, r) => a + r.pulled, 0)}, ` +
              `creates without an answer looked up by key ${reports.reduce((a, r) => a + r.lookups, 0)} (found ${reports.reduce((a, r) => a + r.recovered, 0)})`,
          );
          return reports;
        }
      }
      throw new Error(`${label}: did not converge in 8 runs`);
    };

    const rowsOf = () =>
      recognizeTables(snapshot)[0]
        .rows.filter((r) => r.kind !== "section")
        .map((r) => r.row);
    const cell = (row: number, column: number) => snapshot.values[row - 1][column - 1];
    const serverItems = () => s.store.queryItems(s.store.requireList("Faults"), { afterId: 0, limit: 10_000 });

    // 0. A first push killed in the middle (SIGKILL: nothing of the run is saved, the workbook
    //    keeps no key, there is no state): the next runs must match, not duplicate, what it created.
    let batches = 0;
    const killed = syncAnnex({
      client,
      location,
      snapshot,
      table: recognizeTables(snapshot)[0],
      newId,
      checkpoint: () => {
        if (++batches === 12) throw new Error("killed");
      },
    });
    await expect(killed).rejects.toThrow("killed");
    const createdBeforeKill = s.store.queryItems(s.store.requireList("Faults"), { afterId: 0, limit: 10_000 }).length;
    expect(createdBeforeKill).toBeGreaterThan(0);
    expect(createdBeforeKill).toBeLessThan(ROWS);

    // 1. Push 1,000 new rows.
    const push = await converge("push 1,000 rows");
    expect(push.reduce((a, r) => a + r.matched.length, 0)).toBe(createdBeforeKill);
    expect(push.every((r) => r.conflicts.length === 0 && r.failed.length === 0)).toBe(true);
    // Some creates lost their answer (connections dropped after the write): looked up, never re-posted blindly.
    expect(push.reduce((a, r) => a + r.lookups, 0)).toBeGreaterThan(0);
    expect(push.reduce((a, r) => a + r.recovered, 0)).toBeGreaterThan(0);
    let items = serverItems();
    const keys = rowsOf().map((row) => String(cell(row, KEY_COLUMN)));
    expect(new Set(keys).size).toBe(ROWS);
    expect(items).toHaveLength(ROWS);
    expect(new Set(items.map((i) => i.fields.RowKey)).size).toBe(ROWS);
    expect(new Set(items.map((i) => String(i.fields.RowKey)))).toEqual(new Set(keys));

    // 2. Edits on both sides, on different rows: 100 plans in the workbook, 100 estimates and 20 notes in the list.
    const listId = state!.list.id!;
    const itemIdByKey = new Map(items.map((i) => [String(i.fields.RowKey), i.id]));
    const rows = rowsOf();
    const planEdits = new Map<string, number>();
    const estimateEdits = new Map<string, number>();
    const noteEdits = new Map<string, string>();
    rows.forEach((row, i) => {
      const key = String(cell(row, KEY_COLUMN));
      if (i % 10 === 0) {
        const plan = Number(cell(row, PLAN)) + 7;
        setSnapshotCell(snapshot, row, PLAN, plan);
        planEdits.set(key, plan);
      } else if (i % 10 === 5) {
        const estimate = 5000 + i;
        s.store.updateItemFields(listId, itemIdByKey.get(key)!, { V_E: estimate });
        estimateEdits.set(key, estimate);
      }
      if (i % 50 === 3) {
        const note = `Ghi chú ${i}`;
        s.store.updateItemFields(listId, itemIdByKey.get(key)!, { Note: note });
        noteEdits.set(key, note);
      }
    });
    const edited = await converge("edits on both sides");
    expect(edited.every((r) => r.conflicts.length === 0 && r.failed.length === 0)).toBe(true);

    // 3. Nothing duplicated, nothing lost.
    items = serverItems();
    expect(items).toHaveLength(ROWS);
    expect(new Set(items.map((i) => i.fields.RowKey)).size).toBe(ROWS);
    const byKey = new Map(items.map((i) => [String(i.fields.RowKey), i.fields]));
    for (const row of rowsOf()) {
      const key = String(cell(row, KEY_COLUMN));
      const fields = byKey.get(key)!;
      expect([key, fields.V_D]).toEqual([key, cell(row, PLAN)]);
      expect([key, fields.V_E]).toEqual([key, cell(row, ESTIMATE)]);
    }
    for (const [key, plan] of planEdits) expect(byKey.get(key)!.V_D).toBe(plan);
    for (const [key, estimate] of estimateEdits) {
      expect(byKey.get(key)!.V_E).toBe(estimate);
      const row = rowsOf().find((r) => cell(r, KEY_COLUMN) === key)!;
      expect(cell(row, ESTIMATE)).toBe(estimate);
    }
    // Notes have no column in this annex: they are kept in the sync state.
    const noteAt = state!.fields.indexOf("Note");
    for (const [key, note] of noteEdits) expect(state!.rows[key].b[noteAt]).toBe(note);

    // 4. Once converged, a sync has nothing left to write (it may still meet a fault on its read).
    const quiet = await converge("nothing changed");
    expect(quiet.reduce((a, r) => a + r.created + r.updated + r.pulled, 0)).toBe(0);
    expect(serverItems()).toHaveLength(ROWS);
  });
});
