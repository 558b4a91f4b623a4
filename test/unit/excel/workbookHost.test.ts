/**
 * The Office.js WorkbookHost on the fake Excel: the state kept in the very hidden sheet exactly
 * as the .xlsx host lays it out (text chunks, a state of several MB, shrinking states leave no
 * stale chunk), an older workbook's state setting moved to the sheet, progress saves that put the
 * keys in the workbook before anything reaches the list, and the syncs each step costs.
 */
import ExcelJS from "exceljs";
import type { WorkbookChange } from "../../../src/app/ports";
import { SYNC_SETTING_KEYS } from "../../../src/excel/syncAdapter";
import { ExcelWorkbookHost } from "../../../src/excel/workbookHost";
import { newState, STATE_SHEET, stateCells, type KeyColumn, type SyncCellWrite, type SyncState } from "../../../src/sync";
import { readSyncState } from "../../../src/xlsx/syncStore";
import { excelJsFromFake } from "../../fakes/excel/toExcelJs";
import { ANNEX_SHEET, realisticAnnex } from "../../fakes/excel/realisticAnnex";
import type { FakeExcelHost, FakeWorkbookData } from "../../fakes/excel";
import { setup } from "./helpers";

const keyColumn: KeyColumn = { column: 10, letter: "J", labelRow: 6, existed: false };

function stateOf(rows: number, text = ""): SyncState {
  const state = newState("http://127.0.0.1:4100/v1.0", "root", "PhuLuc", ANNEX_SHEET);
  state.list.id = "list-1";
  state.fields = ["Title", "Note"];
  for (let i = 0; i < rows; i++) state.rows[`key-${i}`] = { i: String(i + 1), e: `"{g${i}},1"`, b: [`Chỉ tiêu số ${i + 1}`, text] };
  state.lastSync = "2020-10-01T08:00:00Z";
  return state;
}

function keyWrite(row: number, key: string): SyncCellWrite {
  return { sheet: ANNEX_SHEET, row, column: 10, cell: `J${row}`, value: key, asText: true, numberFormat: "@", purpose: "key", rowKey: key };
}

function pullWrite(row: number, value: number): SyncCellWrite {
  return { sheet: ANNEX_SHEET, row, column: 5, cell: `E${row}`, value, asText: false, purpose: "pull", rowKey: `k${row}`, field: "V_E" };
}

function change(state: SyncState, writes: SyncCellWrite[] = []): WorkbookChange {
  return { sheet: ANNEX_SHEET, writes, keyColumn, state, fields: [] };
}

function hostOn(data: FakeWorkbookData, knownToExist: boolean | null = null, clock = () => 0) {
  const { fake, run } = setup(data);
  const knowledge = { exists: knownToExist };
  const host = () => new ExcelWorkbookHost({ run, stateSheet: knowledge, clock });
  return { fake, run, host, knowledge };
}

/** Column A of the state sheet, from A1 down to its last non-empty cell, with B1. */
function stateSheetCells(fake: FakeExcelHost): { a: string[]; b1: unknown; formats: string[] } {
  const sheet = fake.workbook.sheet(STATE_SHEET)!;
  const a: string[] = [];
  const formats: string[] = [];
  let last = 0;
  for (const [key, cell] of sheet.cells)
    if (key.endsWith(":1") && cell.content.kind !== "empty") last = Math.max(last, Number(key.split(":")[0]));
  for (let r = 1; r <= last; r++) {
    a.push(String(sheet.valueAt(r, 1)));
    formats.push(sheet.numberFormatAt(r, 1));
  }
  return { a, b1: sheet.valueAt(1, 2), formats };
}

describe("the state sheet", () => {
  it("is added very hidden and holds the same cells the .xlsx host writes, every chunk as text", async () => {
    const { fake, host } = hostOn(realisticAnnex(20));
    // Chunks that start with "-" and "=": Excel would take them for formulas in a General cell.
    const state = stateOf(3, "-".repeat(40_000) + "=".repeat(40_000));
    const h = host();
    await h.read(ANNEX_SHEET);
    await h.commit(change(state));
    const sheet = fake.workbook.sheet(STATE_SHEET)!;
    expect(sheet.visibility).toBe("VeryHidden");
    const expected = stateCells(state);
    const cells = stateSheetCells(fake);
    expect(cells.a).toEqual([expected.marker, ...expected.chunks]);
    expect(cells.b1).toBe(expected.count);
    expect(expected.chunks.map((c) => c[0])).toEqual(expect.arrayContaining(["-", "="]));
    expect(cells.formats).toEqual(cells.a.map(() => "@"));
    for (let r = 1; r <= cells.a.length; r++) expect(sheet.peek(r, 1)?.content.kind).toBe("text");

    // The .xlsx host reads what the pane wrote.
    const exported = excelJsFromFake(fake.workbook, ExcelJS.Workbook);
    const reloaded = new ExcelJS.Workbook();
    await reloaded.xlsx.load(await exported.xlsx.writeBuffer());
    expect(reloaded.getWorksheet(STATE_SHEET)?.state).toBe("veryHidden");
    expect(readSyncState(reloaded)).toEqual(state);
  });

  it("keeps a state of several megabytes (no settings limit), in syncs under 5 MB, and clears old chunks when it shrinks", async () => {
    const { fake, host } = hostOn(realisticAnnex(20));
    const big = stateOf(40_000, "Đã hoàn thành đúng tiến độ, số liệu do Sở Kế hoạch và Đầu tư tổng hợp");
    const h = host();
    await h.read(ANNEX_SHEET);
    const mark = fake.mark();
    await h.commit(change(big));
    const made = fake.since(mark).syncs;
    expect(stateCells(big).count).toBeGreaterThan(180); // more than 5.4 million characters
    expect(made.length).toBeGreaterThan(1);
    expect(Math.max(...made.map((s) => s.requestBytes))).toBeLessThan(5 * 1024 * 1024);
    expect(fake.workbook.settings.size).toBe(1); // the profile only

    const again = host();
    const before = fake.mark();
    expect((await again.read(ANNEX_SHEET)).state).toEqual(big);
    // The known sheet's first chunks come with the snapshot; the rest take a sync per 40 chunks.
    expect(fake.since(before).syncs.length).toBe(2 + Math.ceil((stateCells(big).count + 1 - 41) / 40));

    const small = stateOf(2);
    await again.commit(change(small));
    expect(stateSheetCells(fake).a).toEqual([stateCells(small).marker, ...stateCells(small).chunks]);
    expect((await host().read(ANNEX_SHEET)).state).toEqual(small);
  });

  it("is read along the snapshot's first sync once the pane knows it exists, and costs one more sync the first time", async () => {
    const { fake, host, knowledge } = hostOn(realisticAnnex(20));
    const first = host();
    await first.read(ANNEX_SHEET);
    await first.commit(change(stateOf(5)));
    expect(knowledge.exists).toBe(true);

    let mark = fake.mark();
    expect((await host().read(ANNEX_SHEET)).state).toEqual(stateOf(5));
    const known = fake.since(mark).syncs.length;
    knowledge.exists = null; // a new pane: it asks first
    mark = fake.mark();
    expect((await host().read(ANNEX_SHEET)).state).toEqual(stateOf(5));
    expect(fake.since(mark).syncs.length).toBe(known + 1);
    expect(knowledge.exists).toBe(true);
  });

  it("is asked for again when a sheet the pane knew is gone, and the read goes on without it", async () => {
    const { host } = hostOn(realisticAnnex(20), true);
    const read = await host().read(ANNEX_SHEET);
    expect(read.state).toBeNull();
    expect(read.snapshots[0].sheet).toBe(ANNEX_SHEET);
  });
});

describe("an older workbook's state in the settings", () => {
  it("is read once and moved to the state sheet by the next commit", async () => {
    const legacy = stateOf(4);
    const data = realisticAnnex(20);
    const { fake, host } = hostOn({ ...data, settings: { [SYNC_SETTING_KEYS.legacyState]: legacy } });
    const h = host();
    expect((await h.read(ANNEX_SHEET)).state).toEqual(legacy);
    const next = { ...legacy, lastSync: "2020-10-02T08:00:00Z" };
    await h.commit(change(next));
    expect(fake.workbook.settings.has(SYNC_SETTING_KEYS.legacyState)).toBe(false);
    expect((await host().read(ANNEX_SHEET)).state).toEqual(next);
  });
});

describe("progress saves", () => {
  it("write the keys and the state before the first list write, then at most one every two seconds, each with the writes not yet made", async () => {
    let now = 0;
    const { fake, host } = hostOn(realisticAnnex(20), null, () => now);
    const h = host();
    await h.read(ANNEX_SHEET);
    const keys = [keyWrite(8, "key-a"), keyWrite(9, "key-b")];
    const state = stateOf(2);

    let mark = fake.mark();
    await h.saveProgress({ sheet: ANNEX_SHEET, writes: keys, keyColumn, state });
    expect(fake.since(mark).syncs).toHaveLength(1);
    const sheet = fake.workbook.sheet(ANNEX_SHEET)!;
    expect(sheet.peek(8, 10)?.content).toEqual({ kind: "text", value: "key-a" });
    expect(sheet.hiddenColumns.has(10)).toBe(true);
    expect(fake.workbook.sheet(STATE_SHEET)).toBeDefined();

    // Within two seconds and no new key: skipped.
    now = 1500;
    const pulled = [...keys, pullWrite(8, 12.5)];
    mark = fake.mark();
    await h.saveProgress({ sheet: ANNEX_SHEET, writes: pulled, keyColumn, state });
    expect(fake.since(mark).syncs).toHaveLength(0);

    // Later: the pull not yet written goes with the state (the keys are not written again).
    now = 3600;
    mark = fake.mark();
    await h.saveProgress({ sheet: ANNEX_SHEET, writes: pulled, keyColumn, state });
    const annexWrites = fake.since(mark).writes.filter((w) => w.sheet === ANNEX_SHEET);
    expect(annexWrites.map((w) => w.address)).toEqual(["E8", "E8"]); // its number format, then its value
    expect(sheet.peek(8, 5)?.content).toEqual({ kind: "number", value: 12.5 });

    // A new key is never held back.
    now = 3700;
    mark = fake.mark();
    await h.saveProgress({ sheet: ANNEX_SHEET, writes: [...pulled, keyWrite(10, "key-c")], keyColumn, state });
    expect(fake.since(mark).syncs).toHaveLength(1);

    // The commit writes what is left, the state and the profile in one sync.
    mark = fake.mark();
    await h.commit({ ...change(state, [...pulled, keyWrite(10, "key-c"), pullWrite(9, 7)]), keyColumn: { ...keyColumn, existed: false } });
    expect(fake.since(mark).syncs).toHaveLength(1);
    expect(h.cellsWritten).toBe(5);
  });
});

describe("the fake's sheets", () => {
  it("adds sheets at the end, refuses a name taken, and keeps one sheet visible", async () => {
    const { fake, run } = setup({ sheets: [{ name: "S" }] });
    await run(async (context) => {
      context.workbook.worksheets.add("Mới").visibility = Excel.SheetVisibility.veryHidden;
      await context.sync();
    });
    expect(fake.workbook.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ["S", "Visible"],
      ["Mới", "VeryHidden"],
    ]);
    await expect(
      run(async (context) => {
        context.workbook.worksheets.add("mới");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    await expect(
      run(async (context) => {
        context.workbook.worksheets.getItem("S").visibility = Excel.SheetVisibility.hidden;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    const loaded = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Mới");
      sheet.load("visibility");
      await context.sync();
      return sheet.visibility;
    });
    expect(loaded).toBe("VeryHidden");
  });
});
