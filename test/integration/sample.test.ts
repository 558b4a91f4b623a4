/**
 * The real 2020 annex (../shared/samples). Expected values come from the sample's README and
 * from reading the sheet by hand, not from the engine's output.
 */
import { planFill, recognizeTables, type AnnexTable, type SheetSnapshot } from "../../src/annex";
import { loadWorkbook, workbookSnapshots } from "../../src/xlsx/readWorkbook";

import { SAMPLE } from "../helpers/samples";

let snapshot: SheetSnapshot;
let table: AnnexTable;

beforeAll(async () => {
  [snapshot] = workbookSnapshots(await loadWorkbook(SAMPLE));
  const tables = recognizeTables(snapshot);
  expect(tables).toHaveLength(1);
  table = tables[0];
});

it("finds the header band, the number row and the repeated band after the page break", () => {
  expect(table.sheet).toBe("Phụ lục");
  expect(table.title).toBe("DANH MỤC NHIỆM VỤ THỰC HIỆN CÁC MỤC TIÊU TĂNG TRƯỞNG");
  expect(table.headerRows).toEqual([4, 5]);
  expect(table.numberRow).toBe(6);
  expect(table.repeatedHeaderRows).toEqual([26, 27, 28]);
  expect(table.range).toEqual({ top: 4, left: 1, bottom: 36, right: 9 });
});

it("gives every column its role, and G and H their formulas", () => {
  expect(table.columns.map((c) => [c.letter, c.number, c.role, c.formula?.text ?? null])).toEqual([
    ["A", null, "ordinal", null],
    ["B", "1", "name", null],
    ["C", "2", "unit", null],
    ["D", "3", "value", null],
    ["E", "4", "value", null],
    ["F", "5", "value", null],
    ["G", "6", "formula", "4/5"],
    ["H", "7", "formula", "5-4"],
    ["I", null, "lead", null],
  ]);
  expect(table.columns[4].labels).toEqual(["Quý III", "Ước thực hiện đến 9 tháng"]);
  expect(table.columns[5].labels).toEqual(["Ước cả năm 2020", "Theo kịch bản (đã báo HĐND)"]);
  expect(table.columns[6].formula!.percent).toBe(true);
  expect(table.columns[7].formula!.percent).toBe(false);
});

it("reads all 26 data rows with their kind and parent", () => {
  expect(table.rows.map((r) => [r.row, r.kind, r.parentRow])).toEqual([
    [7, "item", null], // growth rate: no number, top-level
    [8, "subitem", 7], // "Trong đó: Giá trị gia tăng"
    [9, "section", null], // I
    [10, "item", 9],
    [11, "subitem", 10], // "- Tổng sản lượng lúa"
    [12, "item", 9],
    [13, "subitem", 12], // "+ Khai thác"
    [14, "subitem", 12], // "+ Nuôi trồng"
    [15, "subitem", 14], // "Trong đó: Tôm nuôi" (of the aquaculture row above it)
    [16, "section", null], // II
    [17, "item", 16],
    [18, "subitem", 17], // "Trong đó Ban Quản lý KKT Phú Quốc"
    [19, "subitem", 17], // continues the "Trong đó" list
    [20, "subitem", 17], // "Trong đó vốn NSNN"
    [21, "item", 16],
    [22, "item", 16],
    [23, "item", 16], // no number, top-level
    [24, "item", 16],
    [29, "section", null], // III
    [30, "item", 29],
    [31, "subitem", 30],
    [32, "subitem", 30],
    [33, "item", 29],
    [34, "item", 29],
    [35, "item", 29],
    [36, "item", 29],
  ]);
  const relation = (row: number) => table.rows.find((r) => r.row === row)!.relation;
  expect([13, 14, 31, 32].map(relation)).toEqual(["part", "part", "part", "part"]);
  expect([8, 15, 18, 19, 20].map(relation)).toEqual(["ofWhich", "ofWhich", "ofWhich", "ofWhich", "ofWhich"]);
  expect(relation(11)).toBe("member");
});

it("inherits lead units through merged cells and parents, trailing comma trimmed", () => {
  const lead = (row: number) => table.rows.find((r) => r.row === row)!.lead;
  expect(lead(8)).toBe("Sở Kế hoạch và Đầu tư"); // I7:I8
  for (const row of [11, 12, 13, 14, 15]) expect(lead(row)).toBe("Sở Nông nghiệp và Phát triển nông thôn"); // I10:I15
  expect(lead(17)).toBe("Sở Kế hoạch và Đầu tư"); // "Sở Kế hoạch và Đầu tư,"
  expect(lead(20)).toBe("Sở Kế hoạch và Đầu tư"); // none of its own: its parent's, row 17
  expect(lead(23)).toBe("Sở Tài chính"); // I22:I23
  expect([31, 32].map(lead)).toEqual(["Sở Công Thương", "Sở Công Thương"]); // I30:I32
  expect(lead(36)).toBe("Sở Giao thông vận tải"); // I35:I36
  expect(lead(9)).toBe("");
});

it("plans a formula for every row with both operands, and never overwrites the sentence in H33", () => {
  const plan = planFill(snapshot, table);
  const formulaCells = plan.writes.filter((w) => w.kind === "formula").map((w) => w.cell);
  const rowsWithBothOperands = [7, 8, 11, 12, 13, 14, 15, 17, 19, 20, 21, 22, 23, 24, 30, 31, 32, 33, 34, 35, 36];
  const expected = rowsWithBothOperands.flatMap((r) => [`G${r}`, `H${r}`]).filter((c) => c !== "H33");
  expect(formulaCells.sort()).toEqual(expected.sort());
  expect(plan.skipped).toEqual([{ cell: "H33", row: 33, column: 8, reason: "text", value: "Phần đầu đạt mức cao nhất" }]);

  const write = (cell: string) => plan.writes.find((w) => w.cell === cell)!;
  expect(write("G11").formula).toBe('=IF(AND(ISNUMBER(E11),ISNUMBER(F11),F11<>0),E11/F11,"")');
  expect(write("H11").formula).toBe('=IF(AND(ISNUMBER(F11),ISNUMBER(E11)),F11-E11,"")');
  expect(write("G11").new).toBeCloseTo(4.002 / 4.378, 12);
  expect(write("G11")).toMatchObject({ old: 0.914, changesValue: false, numberFormat: "0.0%" });
  // The mistakes the README lists change the shown value; the rounding the planners typed does not.
  expect(write("H20")).toMatchObject({ old: 95.51, new: 3527.2, changesValue: true });
  expect(write("G21")).toMatchObject({ old: "39.6%", changesValue: true });
  expect(write("G21").new).toBeCloseTo(0.38 / 0.955, 12);
  expect(write("H21")).toMatchObject({ old: "100%", new: 0.575, changesValue: true });
  expect(write("H17")).toMatchObject({ old: 16466, changesValue: false }); // 16,465.79 shown as 16,466
  // E21 and F21 are numbers typed as text: they become numbers the formulas can read.
  expect(plan.writes.filter((w) => w.kind === "number").map((w) => [w.cell, w.old, w.value])).toEqual([
    ["E21", "38%", 0.38],
    ["F21", "95.50%", 0.955],
  ]);
  // Row 18 has no 9-month figure: left alone.
  expect(plan.writes.some((w) => w.row === 18)).toBe(false);
});
