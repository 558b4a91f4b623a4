/**
 * The real Excel sync service on the fake Excel loaded with the 2020 sample, against a real local
 * list server on loopback: the first sync asks before adding the key column, then creates the 23
 * items; a liaison's edit saved through `saveLiaisonEdit` (PATCH with If-Match) reaches the right
 * cell at the planner's next sync; a sync after that writes nothing, in the list or in the cells.
 */
import { createExcelSyncService } from "../../../src/excel/syncService";
import { SYNC_SETTING_KEYS } from "../../../src/excel/syncAdapter";
import { STATE_SHEET, stateFromValues } from "../../../src/sync";
import type { SyncService, SyncOutcome, PaneSyncReport } from "../../../src/taskpane/syncService";
import { loadWorkbook } from "../../../src/xlsx/readWorkbook";
import { createFakeExcel, installFakeOffice, runExcel, type FakeExcelHost } from "../../fakes/excel";
import { fakeWorkbookFromExcelJs } from "../../fakes/excel/fromExcelJs";
import { startTestListServer, type TestListServer } from "../../helpers/listServer";
import { SAMPLE } from "../../helpers/samples";

const SHEET = "Phụ lục";
const CLIENT_ID = "5f0c2c1e-3a4b-4c5d-8e9f-0a1b2c3d4e5f";
const KEY_COLUMN = 10; // J: the first free column right of A:I

let server: TestListServer;
let fake: FakeExcelHost;
let uninstall: () => void;
let service: SyncService & { diagnostics: { excelSyncs: number } };
const target = { sheet: SHEET, tableIndex: 0 };

beforeAll(async () => {
  server = await startTestListServer();
  const workbook = await loadWorkbook(SAMPLE);
  fake = createFakeExcel(fakeWorkbookFromExcelJs(workbook));
  uninstall = installFakeOffice(fake);
  let n = 0;
  service = createExcelSyncService({
    run: (batch) => runExcel(fake, batch),
    graph: { sleep: async () => undefined },
    // "SharePoint" here is the same local server reached through a stand-in for the MSAL sign-in.
    signIn: (clientId) =>
      Object.assign(async () => (clientId === CLIENT_ID ? server.token : "wrong"), {
        account: () => ({ name: "Nguyễn Thị Lan", username: "lan@khdt.gov.vn" }),
      }),
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
  });
});

afterAll(async () => {
  uninstall();
  await server.close();
});

const sheet = () => fake.workbook.sheet(SHEET)!;
const cell = (row: number, column: number) => sheet().peek(row, column);
const rowOfTitle = (title: string): number => {
  for (const [key, c] of sheet().cells) {
    if (c.content.kind === "text" && c.content.value === title && key.endsWith(":2")) return Number(key.split(":")[0]);
  }
  throw new Error(`no row titled ${title}`);
};

/** The state as the very hidden sheet holds it. */
function storedState() {
  const stateSheet = fake.workbook.sheet(STATE_SHEET)!;
  const rows: unknown[][] = [];
  for (let r = 1; stateSheet.peek(r, 1); r++) rows.push([stateSheet.valueAt(r, 1), stateSheet.valueAt(r, 2)]);
  return stateFromValues(rows);
}

function synced(outcome: SyncOutcome): PaneSyncReport {
  if (outcome.kind !== "synced") throw new Error(`expected a sync, got ${outcome.kind}`);
  return outcome.report;
}

describe("the Excel sync service with the sample and the local list server", () => {
  it("asks before adding the key column, then creates 23 items and keeps the keys as hidden text", async () => {
    await service.connect({ kind: "local", listUrl: `${server.graphUrl}/sites/root/lists/PhuLuc`, token: server.token });
    const before = fake.mark();
    const first = await service.sync({ target });
    expect(first).toEqual({
      kind: "needsKeyColumn",
      keyColumn: { sheet: SHEET, column: "J", label: "Mã đồng bộ", labelRow: 6, rows: 23, firstRow: 7, lastRow: 36 },
    });
    expect(fake.since(before).writes).toHaveLength(0); // nothing written before the person agrees
    expect(server.store.listLists()).toHaveLength(0);

    const mark = fake.mark();
    const report = synced(await service.sync({ target, allowKeyColumn: true }));
    expect(report).toEqual(
      expect.objectContaining({
        created: 23,
        updated: 0,
        pulled: 0,
        conflicts: [],
        listCreated: true,
        keysAssigned: 23,
        interrupted: null,
      }),
    );
    // Read (2) + keys (1) + pulls and state (1), whatever the row count.
    expect(service.diagnostics.excelSyncs).toBe(4);
    expect(fake.since(mark).syncs).toHaveLength(4);

    expect(cell(6, KEY_COLUMN)?.content).toEqual({ kind: "text", value: "Mã đồng bộ" });
    const keyCell = cell(7, KEY_COLUMN)!;
    expect(keyCell.numberFormat).toBe("@");
    expect(keyCell.content).toEqual({ kind: "text", value: expect.stringMatching(/^00000000-0000-4000-8000-\d{12}$/) });
    expect(sheet().hiddenColumns.has(KEY_COLUMN)).toBe(true);
    const items = server.store.queryItems(server.store.requireList("PhuLuc"), { afterId: 0, limit: 100 });
    expect(items).toHaveLength(23);
    // The state lives in the very hidden sheet, as the command line keeps it; not in the settings.
    expect(storedState()).toEqual(expect.objectContaining({ v: 1, sheet: SHEET }));
    expect(fake.workbook.sheet(STATE_SHEET)?.visibility).toBe("VeryHidden");
    expect(fake.workbook.settings.has(SYNC_SETTING_KEYS.legacyState)).toBe(false);
    expect((await service.status()).lastSync).toBe(report.at);
  });

  it("brings a liaison's estimate, saved to the list with If-Match, into the right cell at the next sync", async () => {
    const lead = "Sở Du lịch";
    const rows = await service.departmentRows(lead);
    expect(rows.rows).toHaveLength(1);
    const row = rows.rows[0];
    expect(row).toEqual(expect.objectContaining({ title: "Tổng lượt khách du lịch", lead, confirmed: false }));
    expect(rows.estimateLabel).toBe("Quý III › Ước thực hiện đến 9 tháng");
    const sheetRow = rowOfTitle("Tổng lượt khách du lịch");
    expect(cell(sheetRow, 5)?.content).toEqual({ kind: "number", value: row.estimate });

    const saved = await service.saveLiaisonEdit(row.rowKey, {
      estimate: 4321.5,
      note: '=HYPERLINK("http://x","y")',
      confirmed: true,
      by: "Nguyễn Văn A",
    });
    expect(saved).toEqual(expect.objectContaining({ estimate: 4321.5, confirmed: true, confirmedBy: "Nguyễn Văn A" }));
    // The planner's cell is untouched until the planner syncs.
    expect(cell(sheetRow, 5)?.content).not.toEqual({ kind: "number", value: 4321.5 });
    const confirmations = await service.confirmations();
    expect(confirmations.find((c) => c.lead === lead)).toEqual(
      expect.objectContaining({ rows: 1, confirmed: 1, by: "Nguyễn Văn A", lastConfirmedAt: expect.stringMatching(/Z$/) }),
    );
    expect(confirmations.reduce((n, c) => n + c.rows, 0)).toBe(23);

    const report = synced(await service.sync({ target }));
    expect(report.conflicts).toEqual([]);
    expect(report.created + report.updated).toBe(0);
    // The estimate, and the list-only confirmation and note (the sample has no note column).
    expect(report.pulled).toBeGreaterThanOrEqual(1);
    expect(cell(sheetRow, 5)?.content).toEqual({ kind: "number", value: 4321.5 });
    expect(service.diagnostics.excelSyncs).toBe(3);
  });

  it("makes no writes on a sync with nothing new", async () => {
    const mark = fake.mark();
    const report = synced(await service.sync({ target }));
    expect(report).toEqual(
      expect.objectContaining({ created: 0, updated: 0, pulled: 0, conflicts: [], writeRequests: 0, cellsWritten: 0 }),
    );
    // No cell of the annex written (only the state sheet is saved).
    expect(fake.since(mark).writes.filter((w) => w.sheet === SHEET)).toHaveLength(0);
    expect(service.diagnostics.excelSyncs).toBe(3);
  });

  it("rejects a stale If-Match with the bilingual 412 message", async () => {
    const rows = await service.departmentRows("Sở Du lịch");
    const key = rows.rows[0].rowKey;
    // Someone else edits the item after this pane read it.
    const item = (await (await server.graph(`/sites/root/lists/PhuLuc/items?$expand=fields`)).json()) as {
      value: { id: string; fields: Record<string, unknown> }[];
    };
    const target = item.value.find((i) => i.fields.RowKey === key)!;
    expect(
      (await server.graph(`/sites/root/lists/PhuLuc/items/${target.id}/fields`, { method: "PATCH", body: { Note: "khác" } })).status,
    ).toBe(200);
    await expect(service.saveLiaisonEdit(key, { note: "của tôi" })).rejects.toMatchObject({
      vi: expect.stringContaining("vừa được người khác sửa"),
      en: expect.stringContaining("Someone else has just changed this row"),
    });
  });

  it("connects the SharePoint way (sign-in, client id saved, never a token) and refuses bad input in both languages", async () => {
    await expect(
      service.connect({ kind: "sharepoint", listUrl: "https://contoso.sharepoint.com/sites/KHDT", clientId: CLIENT_ID }),
    ).rejects.toMatchObject({
      vi: expect.stringContaining("Địa chỉ danh sách không hợp lệ"),
      en: expect.stringContaining("Not a list address"),
    });
    await expect(
      service.connect({
        kind: "sharepoint",
        listUrl: "https://contoso.sharepoint.com/sites/KHDT/Lists/PhuLuc",
        clientId: "00000000-0000-0000-0000-000000000000",
      }),
    ).rejects.toMatchObject({ code: "missingClientId", en: expect.stringContaining("Application (client) ID") });

    const status = await service.connect({
      kind: "sharepoint",
      listUrl: `${server.graphUrl}/sites/root/lists/PhuLuc`,
      clientId: CLIENT_ID,
    });
    expect(status).toEqual(expect.objectContaining({ connected: true, user: "Nguyễn Thị Lan", sheet: SHEET, keyColumn: "J" }));
    expect(fake.workbook.settings.get(SYNC_SETTING_KEYS.connection)).toEqual({
      kind: "sharepoint",
      listUrl: `${server.graphUrl}/sites/root/lists/PhuLuc`,
      clientId: CLIENT_ID,
    });
    expect(JSON.stringify([...fake.workbook.settings.values()])).not.toContain(server.token);
    // Same list, same state: the sync goes on where the local connection left it.
    const report = synced(await service.sync({ target }));
    expect(report).toEqual(expect.objectContaining({ created: 0, updated: 0, conflicts: [], listCreated: false }));
  });
});
