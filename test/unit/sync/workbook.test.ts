/** Workbook side of the sync: the key column, row keys, field mapping and the state's compact form. */
import { recognizeTables, SheetView, type CellValue, type SheetSnapshot } from "../../../src/annex";
import { listColumnDefinitions, stateColumns, syncFields } from "../../../src/sync/fields";
import { loadRows, newState, parseState, serializeState, storeRows, type RowRecord } from "../../../src/sync/state";
import { applyWritesToSnapshot, KEY_LABEL, locateKeyColumn, readWorkbookRows } from "../../../src/sync/workbook";
import { columnLetter } from "../../../src/annex";

function annex(
  rows: CellValue[][],
  header: CellValue[] = ["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2025", "Ước thực hiện", "Đơn vị chủ trì", "Ghi chú"],
  keyLabel = false,
): SheetSnapshot {
  const width = header.length;
  const pad = (r: CellValue[]) => [...r, ...Array(Math.max(0, width + 1 - r.length)).fill(null)];
  return {
    sheet: "PL",
    top: 1,
    left: 1,
    values: [header, [null, 1, 2, 3, 4, null, null, ...(keyLabel ? [KEY_LABEL] : [])], ...rows].map(pad),
    merges: [],
  };
}

const DATA: CellValue[][] = [
  ["I", "Khu vực I", null, null, null, null, null],
  ["1", "Nông nghiệp", "Tỷ đồng", 100, 60, "Sở Nông nghiệp", null],
  ["2", "Thủy sản", "Tấn", 200, "Khoảng 120", "Sở Nông nghiệp", "ước"],
  ["II", "Khu vực II", null, null, null, null, null],
  ["1", "Công nghiệp", "Tỷ đồng", 300, 150, "Sở Công Thương", null],
];

function ids() {
  let n = 0;
  return () => `key-${++n}`;
}

describe("RowKey column", () => {
  it("puts a new key column right of the table, labelled in the number row, and gives each non-section row a key", () => {
    const snapshot = annex(DATA);
    const table = recognizeTables(snapshot)[0];
    const keyColumn = locateKeyColumn(new SheetView(snapshot), table);
    expect(keyColumn).toEqual({ column: 8, letter: "H", labelRow: 2, existed: false });
    const fields = syncFields(table, [], new Set([keyColumn.column]));
    const read = readWorkbookRows(snapshot, table, fields, keyColumn, new Map(), ids());
    expect(read.rows.map((r) => [r.row, r.rowKey, r.title])).toEqual([
      [4, "key-1", "Nông nghiệp"],
      [5, "key-2", "Thủy sản"],
      [7, "key-3", "Công nghiệp"],
    ]);
    expect(read.keyWrites.map((w) => [w.cell, w.value, w.asText])).toEqual([
      ["H2", KEY_LABEL, true],
      ["H4", "key-1", true],
      ["H5", "key-2", true],
      ["H7", "key-3", true],
    ]);

    // Written back, the table the engine recognises is the same, and the keys are found again.
    const after = applyWritesToSnapshot(snapshot, read.keyWrites);
    const again = recognizeTables(after)[0];
    expect(again.range).toEqual(table.range);
    expect(again.columns.map((c) => c.role)).toEqual(table.columns.map((c) => c.role));
    const found = locateKeyColumn(new SheetView(after), again);
    expect(found).toEqual({ column: 8, letter: "H", labelRow: 2, existed: true });
    const reread = readWorkbookRows(after, again, fields, found, new Map(), ids());
    expect(reread.rows.map((r) => r.rowKey)).toEqual(["key-1", "key-2", "key-3"]);
    expect(reread.keyWrites).toEqual([]);
  });

  it("keys follow their rows when rows move, and a copied key goes to the copy's twin only once", () => {
    const keyed = DATA.map((r, i) => [...r, [null, "a", "b", null, "c"][i]]);
    // Row "Công nghiệp" moved to the top, and "Nông nghiệp" copied (with its key) below itself.
    const moved = [
      keyed[4],
      keyed[0],
      keyed[1],
      ["1b", "Nông nghiệp (bản sao)", "Tỷ đồng", 1, 1, "Sở Nông nghiệp", null, "a"],
      keyed[2],
      keyed[3],
    ];
    const snapshot = annex(moved, undefined, true);
    const table = recognizeTables(snapshot)[0];
    const keyColumn = locateKeyColumn(new SheetView(snapshot), table);
    const fields = syncFields(table, [], new Set([keyColumn.column]));
    const known = new Map<string, RowRecord>([["a", { i: "1", e: null, base: { Title: "Nông nghiệp" }, remote: {}, deleted: false }]]);
    const read = readWorkbookRows(snapshot, table, fields, keyColumn, known, ids());
    const byTitle = Object.fromEntries(read.rows.map((r) => [r.title, r.rowKey]));
    expect(byTitle["Công nghiệp"]).toBe("c");
    expect(byTitle["Nông nghiệp"]).toBe("a");
    expect(byTitle["Thủy sản"]).toBe("b");
    expect(byTitle["Nông nghiệp (bản sao)"]).toBe("key-1");
    expect(read.duplicateKeys).toBe(1);
  });
});

describe("field mapping", () => {
  it("maps columns to ASCII names with Vietnamese display names and owners", () => {
    const snapshot = annex(DATA);
    const table = recognizeTables(snapshot)[0];
    const fields = syncFields(table);
    expect(fields.map((f) => [f.name, f.owner, f.column])).toEqual([
      ["Title", "planner", 2],
      ["Ordinal", "planner", 1],
      ["Unit", "planner", 3],
      ["Lead", "planner", 6],
      ["V_D", "planner", 4],
      ["V_E", "liaison", 5],
      ["Note", "liaison", 7],
      ["Confirmed", "liaison", null],
      ["ConfirmedBy", "liaison", null],
      ["ConfirmedAt", "liaison", null],
      ["Section", "planner", null],
    ]);
    const defs = listColumnDefinitions(fields);
    expect(defs[0]).toEqual({
      name: "RowKey",
      displayName: "Mã đồng bộ",
      description: expect.stringContaining("annex:owner=planner"),
      text: { maxLength: 64 },
      indexed: true,
      enforceUniqueValues: true,
    });
    expect(defs.find((d) => d.name === "V_D")).toEqual({
      name: "V_D",
      displayName: "Kế hoạch năm 2025",
      description: expect.stringContaining("annex:owner=planner"),
      number: {},
    });
    expect(defs.find((d) => d.name === "Confirmed")).toEqual({
      name: "Confirmed",
      displayName: "Đã xác nhận",
      description: expect.stringContaining("annex:owner=liaison"),
      boolean: {},
    });
    expect(defs.every((d) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(String(d.name)))).toBe(true);
    expect(defs.some((d) => d.name === "Title")).toBe(false);
  });

  it("keeps a value column's name when an inserted column shifts its letter", () => {
    const first = recognizeTables(annex(DATA))[0];
    const remembered = stateColumns(syncFields(first), columnLetter);
    const header = ["TT", "Chỉ tiêu", "Đơn vị tính", "Ghi chú nội bộ", "Kế hoạch năm 2025", "Ước thực hiện", "Đơn vị chủ trì"];
    const shifted = annex(
      DATA.map((r) => [r[0], r[1], r[2], null, r[3], r[4], r[5]]),
      header,
    );
    const fields = syncFields(recognizeTables(shifted)[0], remembered);
    expect(fields.filter((f) => f.source === "value").map((f) => [f.name, f.column])).toEqual([
      ["V_D", 5],
      ["V_E", 6],
    ]);
  });

  it("reads values: numbers, text that is not a number (left out), section names, inherited leads", () => {
    const snapshot = annex(DATA);
    const table = recognizeTables(snapshot)[0];
    const fields = syncFields(table);
    const rows = readWorkbookRows(snapshot, table, fields, locateKeyColumn(new SheetView(snapshot), table), new Map(), ids()).rows;
    expect(rows[0].values).toEqual(
      expect.objectContaining({
        Title: "Nông nghiệp",
        Ordinal: "1",
        Unit: "Tỷ đồng",
        V_D: 100,
        V_E: 60,
        Lead: "Sở Nông nghiệp",
        Section: "Khu vực I",
        Note: null,
      }),
    );
    expect(rows[1].values.V_E).toBeUndefined();
    expect(rows[1].unreadable).toEqual([{ field: "V_E", reason: "notNumber" }]);
    expect(rows[1].cells.V_E).toEqual(expect.objectContaining({ writable: false, reason: "notNumber" })); // never overwritten by a pull
    expect(rows[2].values.Section).toBe("Khu vực II");
  });
});

describe("SyncState", () => {
  it("stores base values compactly, aligned with the field list, and reads them back", () => {
    const state = newState("https://graph.microsoft.com/v1.0", "root", "Annex", "PL");
    const rows = new Map<string, RowRecord>([
      ["k1", { i: "1", e: '"{A},2"', base: { Title: "Nông nghiệp", V_D: 100 }, remote: { V_E: 7 }, deleted: false }],
      ["k2", { i: "2", e: null, base: {}, remote: {}, deleted: true }],
    ]);
    storeRows(state, rows, ["Title", "Ordinal", "V_D", "V_E", "Note"]);
    expect(state.rows.k1).toEqual({ i: "1", e: '"{A},2"', b: ["Nông nghiệp", null, 100], r: { V_E: 7 } });
    expect(state.rows.k2).toEqual({ i: "2", e: null, b: [], d: 1 });
    const back = parseState(serializeState(state))!;
    expect(loadRows(back)).toEqual(rows);
    expect(parseState("{")).toBeNull();
    expect(parseState(JSON.stringify({ ...state, v: 99 }))).toBeNull();
  });
});
