/**
 * The Office.js sync adapter on the fake Excel: the hidden key column (label, keys as text,
 * column hidden), the profile and connection in workbook settings (an older workbook's state
 * setting read), pulled values written as values (numbers as numbers, formula-looking and
 * number-looking text kept as text in a Text cell), and a fixed, small number of syncs whatever
 * the row count. The state sheet and the host are in workbookHost.test.ts.
 */
import { recognizeTables, SheetView } from "../../../src/annex";
import { readSheet } from "../../../src/excel/readSnapshot";
import {
  applySyncWrites,
  loadSyncStore,
  prepareWrites,
  queueSaveConnection,
  SYNC_SETTING_KEYS,
  wouldNotStayText,
  type SyncProfile,
} from "../../../src/excel/syncAdapter";
import { locateKeyColumn, newState, readWorkbookRows, syncFields, type SyncCellWrite } from "../../../src/sync";
import { ANNEX_SHEET, realisticAnnex } from "../../fakes/excel/realisticAnnex";
import { setup } from "./helpers";

const profile = (sheet: string): SyncProfile => ({
  v: 1,
  sheet,
  list: { base: "http://127.0.0.1:4100/v1.0", site: "root", ref: "PhuLuc", id: "list-1" },
  keyColumn: "J",
  fields: [{ name: "V_E", label: "Ước thực hiện", kind: "number", owner: "liaison", source: "value" }],
  plan: "V_D",
  estimate: "V_E",
  lastSync: "2020-10-01T08:00:00Z",
});

function pull(cell: string, row: number, column: number, value: string | number | null, asText = false): SyncCellWrite {
  return { sheet: "S", row, column, cell, value, asText, purpose: "pull", rowKey: `k${row}`, field: "Note" };
}

/** The key writes the engine plans for a realistic annex of `items` rows, read through the real snapshot reader. */
async function keyPlan(items: number) {
  const { fake, run } = setup(realisticAnnex(items));
  const { snapshot } = await run((context) => readSheet(context, context.workbook.worksheets.getItem(ANNEX_SHEET)));
  const table = recognizeTables(snapshot)[0];
  const keyColumn = locateKeyColumn(new SheetView(snapshot), table);
  let n = 0;
  const local = readWorkbookRows(
    snapshot,
    table,
    syncFields(table, [], new Set([keyColumn.column])),
    keyColumn,
    new Map(),
    () => `key-${++n}`,
  );
  return { fake, run, snapshot, table, keyColumn, local };
}

describe("the hidden key column", () => {
  it("is labelled, filled with text keys in Text cells and hidden, in one sync", async () => {
    const { fake, run, snapshot, keyColumn, local } = await keyPlan(50);
    expect(keyColumn).toEqual(expect.objectContaining({ letter: "J", existed: false, labelRow: 6 }));
    const mark = fake.mark();
    const report = await run((context) =>
      applySyncWrites(context, ANNEX_SHEET, local.keyWrites, snapshot, {
        hideColumn: { column: keyColumn.column, row: keyColumn.labelRow },
      }),
    );
    // One range per run of keyed rows (section rows have no key), all in one sync.
    expect(report).toEqual(expect.objectContaining({ syncs: 1, cells: local.keyWrites.length }));
    expect(report.rangeWrites).toBeLessThanOrEqual(1 + local.keyWrites.length / 5);
    expect(fake.since(mark).syncs).toHaveLength(1);

    const sheet = fake.workbook.sheet(ANNEX_SHEET)!;
    expect(sheet.peek(6, 10)?.content).toEqual({ kind: "text", value: "Mã đồng bộ" });
    const keyed = local.keyWrites.filter((w) => w.purpose === "key");
    expect(keyed.length).toBe(local.rows.length);
    for (const w of keyed) {
      expect(sheet.peek(w.row, 10)).toEqual(expect.objectContaining({ numberFormat: "@", content: { kind: "text", value: w.value } }));
    }
    expect([...sheet.hiddenColumns]).toEqual([10]);
    // The table the engine recognises is the same with the key column in place.
    const again = await run((context) => readSheet(context, context.workbook.worksheets.getItem(ANNEX_SHEET)));
    expect(recognizeTables(again.snapshot)[0].range).toEqual(recognizeTables(snapshot)[0].range);
  });

  it("takes the same single sync for 50 rows and for 5,000 rows (keys and pulls together)", async () => {
    const syncs: number[] = [];
    for (const items of [50, 5000]) {
      const { fake, run, snapshot, keyColumn, local } = await keyPlan(items);
      const pulls = local.rows.slice(0, 40).map((r) => ({ ...pull(`E${r.row}`, r.row, 5, 12.5), sheet: ANNEX_SHEET }));
      const mark = fake.mark();
      await run((context) =>
        applySyncWrites(context, ANNEX_SHEET, [...local.keyWrites, ...pulls], snapshot, {
          hideColumn: { column: keyColumn.column, row: keyColumn.labelRow },
        }),
      );
      const made = fake.since(mark).syncs;
      syncs.push(made.length);
      expect(Math.max(...made.map((s) => s.requestBytes))).toBeLessThan(5 * 1024 * 1024);
    }
    expect(syncs).toEqual([1, 1]);
  });
});

describe("the pane's settings", () => {
  it("round-trip the profile and the connection (never a token)", async () => {
    const { fake, run } = setup({ sheets: [{ name: "S" }] });
    await run(async (context) => {
      context.workbook.settings.add(SYNC_SETTING_KEYS.profile, profile("S"));
      queueSaveConnection(context, { kind: "local", listUrl: "http://127.0.0.1:4100/v1.0/sites/root/lists/PhuLuc", clientId: null });
      await context.sync();
    });
    expect(JSON.stringify([...fake.workbook.settings.values()])).not.toContain("dev-token");
    const store = await run((context) => loadSyncStore(context));
    expect(store).toEqual({
      legacyState: null,
      profile: profile("S"),
      connection: { kind: "local", listUrl: "http://127.0.0.1:4100/v1.0/sites/root/lists/PhuLuc", clientId: null },
    });
  });

  it("read an older workbook's state setting when asked, and ignore a state of another version", async () => {
    const state = newState("http://127.0.0.1:4100/v1.0", "root", "PhuLuc", "S");
    state.rows = { "key-1": { i: "1", e: '"{g},2"', b: ["Tổng lượt khách du lịch"] } };
    const { run } = setup({ sheets: [{ name: "S" }], settings: { [SYNC_SETTING_KEYS.legacyState]: state } });
    expect((await run((context) => loadSyncStore(context, { legacyState: true }))).legacyState).toEqual(state);
    expect((await run((context) => loadSyncStore(context))).legacyState).toBeNull();
    const other = setup({ sheets: [{ name: "S" }], settings: { [SYNC_SETTING_KEYS.legacyState]: { v: 99, rows: {} } } });
    expect(await other.run((context) => loadSyncStore(context, { legacyState: true }))).toEqual({
      legacyState: null,
      profile: null,
      connection: null,
    });
  });
});

describe("pulled values", () => {
  it('writes =HYPERLINK("http://x","y") from the list as text, never as a formula', async () => {
    const { fake, run } = setup({ sheets: [{ name: "S", cells: { B2: "Ghi chú cũ", B3: "khác" } }] });
    const hyperlink = '=HYPERLINK("http://x","y")';
    await run((context) => applySyncWrites(context, "S", [pull("B2", 2, 2, hyperlink, true)], null));
    const cell = fake.workbook.sheet("S")!.peek(2, 2)!;
    expect(cell.content).toEqual({ kind: "text", value: hyperlink });
    expect(cell.numberFormat).toBe("@");
    // The control: the same text written as a plain value into a General cell becomes a formula.
    await run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("B3").values = [[hyperlink]];
      await context.sync();
    });
    expect(fake.workbook.sheet("S")!.peek(3, 2)!.content.kind).toBe("formula");
  });

  it("keeps numbers numbers (a Text cell gets General first) and text that looks like a number text", async () => {
    const { fake, run } = setup({
      sheets: [{ name: "S", cells: { E2: { value: "3.800", numberFormat: "@" }, E3: 10, A4: 1, B5: "x" } }],
    });
    const snapshot = (await run((context) => readSheet(context, context.workbook.worksheets.getItem("S")))).snapshot;
    const writes = [
      pull("E2", 2, 5, 4321.5),
      pull("E3", 3, 5, 12),
      { ...pull("A4", 4, 1, "1.1"), field: "Ordinal" },
      pull("B5", 5, 2, "+84 912 345 678", true),
      pull("B6", 6, 2, "-", true),
      pull("B7", 7, 2, "@nguoi-lien-lac", true),
      pull("B8", 8, 2, "Đang thực hiện"),
      pull("B9", 9, 2, null),
    ];
    const mark = fake.mark();
    await run((context) => applySyncWrites(context, "S", writes, snapshot));
    expect(fake.since(mark).syncs).toHaveLength(1);
    const s = fake.workbook.sheet("S")!;
    expect(s.peek(2, 5)).toEqual(expect.objectContaining({ content: { kind: "number", value: 4321.5 }, numberFormat: "General" }));
    expect(s.peek(3, 5)).toEqual(expect.objectContaining({ content: { kind: "number", value: 12 }, numberFormat: "General" }));
    expect(s.peek(4, 1)).toEqual(expect.objectContaining({ content: { kind: "text", value: "1.1" }, numberFormat: "@" }));
    expect(s.peek(5, 2)?.content).toEqual({ kind: "text", value: "+84 912 345 678" });
    expect(s.peek(6, 2)?.content).toEqual({ kind: "text", value: "-" });
    expect(s.peek(7, 2)?.content).toEqual({ kind: "text", value: "@nguoi-lien-lac" });
    expect(s.peek(8, 2)).toEqual(expect.objectContaining({ content: { kind: "text", value: "Đang thực hiện" }, numberFormat: "General" }));
    expect(s.peek(9, 2)?.content ?? { kind: "empty" }).toEqual({ kind: "empty" });
  });

  it("knows which text Excel would turn into something else", () => {
    for (const t of ["=A1", "+1", "-3", "@x", "1.1", "71.755,08", "91,4%", "15/9", "2020-09-30", "8:30", "TRUE", "#N/A", "2020"]) {
      expect([t, wouldNotStayText(t)]).toEqual([t, true]);
    }
    for (const t of ["Hoàn thành", "Sở Du lịch", "I", "Khoảng 4", "6,6-6,8 x", ""]) expect([t, wouldNotStayText(t)]).toEqual([t, false]);
    // A number format the sync asks for is kept; a cell's own format is kept for plain text.
    const prepared = prepareWrites([{ ...pull("E2", 2, 5, 0.95), numberFormat: "0.0%" }], null);
    expect(prepared).toEqual([{ row: 2, column: 5, value: 0.95, format: "0.0%" }]);
  });
});
