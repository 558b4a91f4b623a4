/**
 * "Connect" means connected: a real request to a real local list server (the list's items
 * counted, or the site's lists read when the list is still to be created), and nothing written
 * to the workbook before it has succeeded — not against a stopped server, not with a wrong token.
 */
import { createServer } from "node:net";
import { createExcelSyncService } from "../../../src/excel/syncService";
import { SYNC_SETTING_KEYS } from "../../../src/excel/syncAdapter";
import type { PaneError } from "../../../src/taskpane/annexService";
import { loadWorkbook } from "../../../src/xlsx/readWorkbook";
import { createFakeExcel, installFakeOffice, runExcel, type FakeExcelHost } from "../../fakes/excel";
import { fakeWorkbookFromExcelJs } from "../../fakes/excel/fromExcelJs";
import { startTestListServer, type TestListServer } from "../../helpers/listServer";
import { SAMPLE } from "../../helpers/samples";

let server: TestListServer;
let fake: FakeExcelHost;
let uninstall: () => void;

beforeAll(async () => {
  server = await startTestListServer();
  fake = createFakeExcel(fakeWorkbookFromExcelJs(await loadWorkbook(SAMPLE)));
  uninstall = installFakeOffice(fake);
});

afterAll(async () => {
  uninstall();
  await server.close();
});

const service = () => createExcelSyncService({ run: (batch) => runExcel(fake, batch), graph: { sleep: async () => undefined } });

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function rejection(promise: Promise<unknown>): Promise<PaneError & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as PaneError & { code?: string };
  }
  throw new Error("expected a rejection");
}

/** What the workbook holds that a connection or a sync would have written. */
const workbookTraces = () => ({ settings: [...fake.workbook.settings.keys()], sheets: fake.workbook.sheets.map((s) => s.name) });

describe("connect", () => {
  it("against a stopped server fails with a clear message and writes nothing to the workbook", async () => {
    const before = workbookTraces();
    const port = await closedPort();
    const error = await rejection(
      service().connect({ kind: "local", listUrl: `http://127.0.0.1:${port}/v1.0/sites/root/lists/PhuLuc`, token: "dev-token" }),
    );
    expect(error.vi).toMatch(/máy chủ|kết nối/i);
    expect(error.en).toMatch(/server|connect/i);
    expect(workbookTraces()).toEqual(before);
    expect(fake.workbook.settings.has(SYNC_SETTING_KEYS.connection)).toBe(false);
  });

  it("with a wrong token is refused by the server, and nothing is saved", async () => {
    const before = workbookTraces();
    const error = await rejection(
      service().connect({ kind: "local", listUrl: `${server.graphUrl}/sites/root/lists/PhuLuc`, token: "not-the-token" }),
    );
    expect(error.code).toBe("graph401");
    expect(workbookTraces()).toEqual(before);
  });

  it("says the list does not exist yet and will be created by the first sync, then saves the connection (never the token)", async () => {
    const status = await service().connect({ kind: "local", listUrl: `${server.graphUrl}/sites/root/lists/PhuLuc`, token: server.token });
    expect(status.connected).toBe(true);
    expect(status.checked).toEqual({
      listExists: false,
      items: null,
      message: {
        vi: "Đã kết nối: danh sách «PhuLuc» chưa có, sẽ được tạo ở lần đồng bộ đầu.",
        en: "Connected: the list “PhuLuc” does not exist yet; the first sync will create it.",
      },
    });
    expect(fake.workbook.settings.get(SYNC_SETTING_KEYS.connection)).toEqual({
      kind: "local",
      listUrl: `${server.graphUrl}/sites/root/lists/PhuLuc`,
      clientId: null,
    });
    expect(JSON.stringify([...fake.workbook.settings.values()])).not.toContain(server.token);
  });

  it("counts the items of a list that exists", async () => {
    const created = await server.graph("/sites/root/lists", {
      method: "POST",
      body: { displayName: "Đơn vị", columns: [{ name: "Unit", displayName: "Đơn vị", text: {} }], list: { template: "genericList" } },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    for (const title of ["Sở Tài chính", "Sở Y tế", "Sở Xây dựng"]) {
      expect((await server.graph(`/sites/root/lists/${id}/items`, { method: "POST", body: { fields: { Unit: title } } })).status).toBe(201);
    }
    const status = await service().connect({ kind: "local", listUrl: `${server.graphUrl}/sites/root/lists/${id}`, token: server.token });
    expect(status.checked).toMatchObject({ listExists: true, items: 3 });
    expect(status.checked!.message.vi).toMatch(/^Đã kết nối: danh sách «.+» có 3 mục\.$/);
  });
});
