/**
 * A text pulled from the list that starts with an apostrophe ("'0123") keeps it in the cell: it is
 * written into a Text ("@") cell, where Excel does not take the apostrophe for its text prefix
 * (see src/excel/syncAdapter.ts), so the next sync reads the same text and sees no change.
 * The real Excel sync service, the fake Excel loaded with the task sample, a real local list server.
 */
import { createExcelSyncService } from "../../../src/excel/syncService";
import type { SyncOutcome, PaneSyncReport } from "../../../src/taskpane/syncService";
import { loadWorkbook } from "../../../src/xlsx/readWorkbook";
import { createFakeExcel, installFakeOffice, runExcel } from "../../fakes/excel";
import { fakeWorkbookFromExcelJs } from "../../fakes/excel/fromExcelJs";
import { startTestListServer, type TestListServer } from "../../helpers/listServer";
import { TASK_SAMPLE } from "../../helpers/samples";

const SHEET = "Nhiệm vụ 2023";

let server: TestListServer;
let uninstall: () => void = () => undefined;

beforeAll(async () => {
  server = await startTestListServer();
});

afterAll(async () => {
  uninstall();
  await server.close();
});

function synced(outcome: SyncOutcome): PaneSyncReport {
  if (outcome.kind !== "synced") throw new Error(`expected a sync, got ${outcome.kind}`);
  return outcome.report;
}

describe("a pulled text starting with an apostrophe", () => {
  it("is written into a Text cell and a second sync sees no change", async () => {
    const fake = createFakeExcel(fakeWorkbookFromExcelJs(await loadWorkbook(TASK_SAMPLE)));
    uninstall = installFakeOffice(fake);
    let n = 0;
    const service = createExcelSyncService({
      run: (batch) => runExcel(fake, batch),
      graph: { sleep: async () => undefined },
      newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
    });
    const target = { sheet: SHEET, tableIndex: 0 };
    await service.connect({ kind: "local", listUrl: `${server.graphUrl}/sites/root/lists/NhiemVu`, token: server.token });
    expect(synced(await service.sync({ target, allowKeyColumn: true })).created).toBeGreaterThan(0);

    // The lead department writes a status that starts with an apostrophe.
    const list = server.store.requireList("NhiemVu");
    const [item] = server.store.queryItems(list, { afterId: 0, limit: 1 });
    const patched = await server.graph(`/sites/root/lists/${list.id}/items/${item.id}/fields`, {
      method: "PATCH",
      body: { Status: "'0123" },
    });
    expect(patched.status).toBe(200);

    const pulled = synced(await service.sync({ target }));
    expect(pulled).toMatchObject({ pulled: 1, created: 0, updated: 0, conflicts: [] });
    const sheet = fake.workbook.sheet(SHEET)!;
    const cells = [...sheet.cells.values()].filter((c) => c.content.kind === "text" && c.content.value === "'0123");
    expect(cells).toEqual([expect.objectContaining({ numberFormat: "@", content: { kind: "text", value: "'0123" } })]);

    const mark = fake.mark();
    const again = synced(await service.sync({ target }));
    expect(again).toMatchObject({ pulled: 0, created: 0, updated: 0, conflicts: [], cellsWritten: 0 });
    expect(fake.since(mark).writes.filter((w) => w.sheet === SHEET)).toHaveLength(0);
    expect(server.store.queryItems(list, { afterId: 0, limit: 1 })[0].fields.Status).toBe("'0123");
  });
});
