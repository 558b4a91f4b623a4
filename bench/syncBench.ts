/**
 * Sync benchmark: a local list server in memory, an annex of 1,000 rows pushed, all 1,000 rows
 * changed and pushed again, then a sync with nothing changed. Prints HTTP requests and seconds.
 * With batches of 20, pushing 1,000 changed rows takes 50 write batches plus the reads.
 */
import { recognizeTables, type CellValue, type SheetSnapshot } from "../src/annex";
import { startListServer } from "../src/server/listServer";
import { toRoman } from "./annexBench";
import { applyWritesToSnapshot, GraphClient, syncAnnex, type SyncResult, type SyncState } from "../src/sync";

/** A generated annex: `items` syncable rows (plan, 9-month and full-year figures, lead), a section every 50. */
export function generatedSyncAnnex(items: number, sheet = "Phụ lục"): SheetSnapshot {
  const values: CellValue[][] = [
    ["DANH MỤC CHỈ TIÊU PHÁT TRIỂN KINH TẾ - XÃ HỘI", null, null, null, null, null, null, null],
    [null, null, null, null, null, null, null, null],
    ["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2025", "Ước thực hiện 9 tháng", "Ước cả năm", "% so với kế hoạch", "Đơn vị chủ trì"],
    [null, 1, 2, 3, 4, 5, "6=5/3", null],
  ];
  let section = 0;
  for (let i = 0; i < items; i++) {
    if (i % 50 === 0) {
      section++;
      values.push([toRoman(section), `Lĩnh vực ${section}`, null, null, null, null, null, null]);
    }
    const plan = 1000 + ((i * 37) % 900);
    values.push([
      String(i + 1),
      `Chỉ tiêu số ${i + 1}`,
      i % 4 === 0 ? "%" : "Tỷ đồng",
      plan,
      Math.round(plan * 0.6),
      Math.round(plan * (0.8 + ((i * 13) % 40) / 100)),
      null,
      `Sở ${(i % 11) + 1}`,
    ]);
  }
  return { sheet, top: 1, left: 1, values, merges: [{ top: 1, left: 1, bottom: 1, right: 8 }] };
}

/** Set a cell of a snapshot (1-based row and column). */
export function setSnapshotCell(snapshot: SheetSnapshot, row: number, column: number, value: CellValue): void {
  snapshot.values[row - snapshot.top][column - snapshot.left] = value;
}

export async function benchSync(items = 1000): Promise<{ push: number; pushChanged: number; unchanged: number }> {
  const token = "bench-token";
  const server = await startListServer({ dataDir: ":memory:", port: 0, token });
  try {
    let counter = 0;
    const client = new GraphClient({ baseUrl: server.graphUrl, getToken: async () => token });
    const location = { site: "root", list: "Bench" };
    let snapshot = generatedSyncAnnex(items);
    let state: SyncState | null = null;
    const run = async (label: string): Promise<SyncResult> => {
      const table = recognizeTables(snapshot)[0];
      const started = performance.now();
      const result = await syncAnnex({ client, location, snapshot, table, state, newId: () => `bench-${++counter}` });
      const seconds = (performance.now() - started) / 1000;
      snapshot = applyWritesToSnapshot(snapshot, result.writes);
      state = result.state;
      const r = result.report;
      console.log(
        `sync ${label}: ${r.requests} requests (${r.writeRequests} writes), ${seconds.toFixed(2)} s — created ${r.created}, updated ${r.updated}, pulled ${r.pulled}, conflicts ${r.conflicts.length}`,
      );
      return result;
    };
    const push = await run(`push ${items} new rows`);
    // Change every row's plan figure (column D).
    const table = recognizeTables(snapshot)[0];
    for (const row of table.rows)
      if (row.kind !== "section") setSnapshotCell(snapshot, row.row, 4, Number(snapshot.values[row.row - 1][3]) + 1);
    const changed = await run(`push ${items} changed rows`);
    const limit = Math.ceil(items / 20) + 5; // batches of 20 plus reads: 55 for 1,000 rows
    console.log(`  ${changed.report.requests <= limit ? "within" : "OVER"} the budget of ${limit} requests for ${items} changed rows`);
    const unchanged = await run("with nothing changed");
    return { push: push.report.requests, pushChanged: changed.report.requests, unchanged: unchanged.report.requests };
  } finally {
    await server.close();
  }
}

if (require.main === module) {
  benchSync().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
