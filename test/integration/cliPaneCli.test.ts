/**
 * One workbook synced from the command line, then from the pane, then from the command line
 * again, against a real local list server: each host reads the state the other wrote (the very
 * hidden sheet `_annex_sync`), so no sync after the first starts over — no item created again, no
 * row matched by identity, no full read of the list — and an edit made on either side between
 * the steps (a cell in the pane's workbook, a liaison's figure in the list, a planner's figure in
 * the .xlsx) ends up on both sides.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runSync } from "../../src/cli/syncCommand";
import { createExcelSyncService } from "../../src/excel/syncService";
import { readSyncState } from "../../src/xlsx/syncStore";
import { loadWorkbook } from "../../src/xlsx/readWorkbook";
import type { PaneSyncReport, SyncOutcome } from "../../src/taskpane/syncService";
import { createFakeExcel, installFakeOffice, runExcel } from "../fakes/excel";
import { fakeWorkbookFromExcelJs } from "../fakes/excel/fromExcelJs";
import { excelJsFromFake } from "../fakes/excel/toExcelJs";
import { startTestListServer, type TestListServer } from "../helpers/listServer";
import { SAMPLE } from "../helpers/samples";

const SHEET = "Phụ lục";
const TITLE = 2; // column B
const PLAN = 4; // D: the planner's figure
const ESTIMATE = 5; // E: the liaison's estimate
const KEY = 10; // J: the hidden key column

let server: TestListServer;
let dir: string;
let listUrl: string;

beforeAll(async () => {
  server = await startTestListServer();
  dir = mkdtempSync(join(tmpdir(), "annex-cli-pane-cli-"));
  listUrl = `${server.graphUrl}/sites/root/lists/PhuLuc`;
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

type CliReport = { created: number; updated: number; pulled: number; conflicts: unknown[]; matched: unknown[]; fullRead: boolean };

async function cli(input: string, output: string): Promise<CliReport> {
  let out = "";
  let err = "";
  const code = await runSync(
    ["--list", listUrl, "--token", server.token, "--json", input, "--out", output],
    (t) => (out += t),
    (t) => (err += t),
    {},
  );
  expect({ code, err }).toEqual({ code: 0, err: "" });
  return JSON.parse(out) as CliReport;
}

interface ListEntry {
  id: string;
  fields: Record<string, unknown>;
}

async function listItems(): Promise<ListEntry[]> {
  const res = await server.graph(`/sites/root/lists/PhuLuc/items?$expand=fields&$top=1000`);
  return ((await res.json()) as { value: ListEntry[] }).value;
}

async function patchItem(rowKey: string, fields: Record<string, unknown>): Promise<void> {
  const item = (await listItems()).find((i) => i.fields.RowKey === rowKey)!;
  const res = await server.graph(`/sites/root/lists/PhuLuc/items/${item.id}/fields`, { method: "PATCH", body: fields });
  expect(res.status).toBe(200);
}

/** Sheet rows with a key, in order, with their key and title. */
function keyedRows(ws: ExcelJS.Worksheet): { row: number; key: string; title: string }[] {
  const out: { row: number; key: string; title: string }[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const key = ws.getCell(r, KEY).value;
    if (typeof key === "string" && /^[0-9a-f-]{36}$/i.test(key)) out.push({ row: r, key, title: String(ws.getCell(r, TITLE).value) });
  }
  return out;
}

function synced(outcome: SyncOutcome): PaneSyncReport {
  if (outcome.kind !== "synced") throw new Error(`expected a sync, got ${outcome.kind}`);
  return outcome.report;
}

it("syncs the sample from the command line, the pane and the command line again without a duplicate or a lost edit", async () => {
  // 1. The command line: the first sync creates the list and its 23 items.
  const first = join(dir, "1-cli.xlsx");
  expect(await cli(SAMPLE, first)).toMatchObject({ created: 23, conflicts: [] });
  const firstBook = await loadWorkbook(first);
  const rows = keyedRows(firstBook.getWorksheet(SHEET)!);
  expect(rows).toHaveLength(23);
  const fieldOf = (letter: string) => readSyncState(firstBook)!.columns.find((c) => c.letter === letter)!.name;
  const [paneEdit, liaisonEdit, xlsxEdit, laterLiaisonEdit] = [rows[2], rows[4], rows[6], rows[8]];

  // 2. The pane, on the workbook the command line wrote: a planner's edit in a cell, a liaison's in the list.
  const fake = createFakeExcel(fakeWorkbookFromExcelJs(firstBook));
  const uninstall = installFakeOffice(fake);
  try {
    const service = createExcelSyncService({ run: (batch) => runExcel(fake, batch), graph: { sleep: async () => undefined } });
    await service.connect({ kind: "local", listUrl, token: server.token });
    fake.workbook.sheet(SHEET)!.cell(paneEdit.row, PLAN).content = { kind: "number", value: 777.5 };
    await patchItem(liaisonEdit.key, { [fieldOf("E")]: 4321.5 });

    const mark = fake.mark();
    const report = synced(await service.sync({ target: { sheet: SHEET, tableIndex: 0 } }));
    expect(report).toMatchObject({ created: 0, updated: 1, keysAssigned: 0, conflicts: [], listCreated: false, interrupted: null });
    expect(report.pulled).toBeGreaterThanOrEqual(1);
    const paneResult = service.diagnostics.lastResult!.report;
    expect({ fullRead: paneResult.fullRead, matched: paneResult.matched }).toEqual({ fullRead: false, matched: [] });
    // Read (two syncs, the state sheet in the first) and one write, as for a workbook the pane synced itself.
    expect(fake.since(mark).syncs).toHaveLength(3);
    expect(fake.workbook.sheet(SHEET)!.peek(liaisonEdit.row, ESTIMATE)?.content).toEqual({ kind: "number", value: 4321.5 });
  } finally {
    uninstall();
  }

  // 3. Back to a file; a planner's edit in the .xlsx, and another liaison's edit in the list.
  const exported = excelJsFromFake(fake.workbook, ExcelJS.Workbook);
  exported.getWorksheet(SHEET)!.getCell(xlsxEdit.row, PLAN).value = 888.25;
  const second = join(dir, "2-pane.xlsx");
  await exported.xlsx.writeFile(second);
  await patchItem(laterLiaisonEdit.key, { [fieldOf("E")]: 55.5 });

  // 4. The command line again, on what the pane left.
  const third = join(dir, "3-cli.xlsx");
  const again = await cli(second, third);
  expect(again).toMatchObject({ created: 0, updated: 1, conflicts: [], matched: [], fullRead: false });
  expect(again.pulled).toBeGreaterThanOrEqual(1);

  // No duplicate: 23 items, 23 distinct keys.
  const items = await listItems();
  expect(items).toHaveLength(23);
  expect(new Set(items.map((i) => i.fields.RowKey)).size).toBe(23);

  // No lost edit: each is in the final workbook and in the list.
  const ws = (await loadWorkbook(third)).getWorksheet(SHEET)!;
  const byKey = (key: string) => items.find((i) => i.fields.RowKey === key)!.fields;
  expect([ws.getCell(paneEdit.row, PLAN).value, byKey(paneEdit.key)[fieldOf("D")]]).toEqual([777.5, 777.5]);
  expect([ws.getCell(liaisonEdit.row, ESTIMATE).value, byKey(liaisonEdit.key)[fieldOf("E")]]).toEqual([4321.5, 4321.5]);
  expect([ws.getCell(xlsxEdit.row, PLAN).value, byKey(xlsxEdit.key)[fieldOf("D")]]).toEqual([888.25, 888.25]);
  expect([ws.getCell(laterLiaisonEdit.row, ESTIMATE).value, byKey(laterLiaisonEdit.key)[fieldOf("E")]]).toEqual([55.5, 55.5]);
  expect(keyedRows(ws).map((r) => r.key)).toEqual(rows.map((r) => r.key));
});
