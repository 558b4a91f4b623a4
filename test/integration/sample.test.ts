/**
 * The real 2020 annex (samples/). Expected values come from the sample's README and
 * from reading the sheet by hand, not from the engine's output.
 */
import { classifyTable, planFill, recognizeTables, summarize, validateTable, type AnnexTable, type SheetSnapshot } from "../../src/annex";
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

describe("the check before sending", () => {
  it("raises exactly the mistakes the sample's README lists, and nothing else above a note", () => {
    const findings = validateTable(snapshot, table);
    const alarms = findings.filter((f) => f.severity !== "info").map((f) => [f.severity, f.code, f.cell]);
    expect(alarms).toEqual([
      ["error", "formula-mismatch", "H20"], // 95.51 typed, 5,835.00 − 2,307.8 = 3,527.2
      ["warning", "number-stored-as-text", "D21"],
      ["warning", "number-stored-as-text", "E21"],
      ["warning", "number-stored-as-text", "F21"],
      ["warning", "number-stored-as-text", "G21"],
      ["error", "formula-mismatch", "G21"], // 39.6 % typed, 38 % / 95.5 % = 39.8 %
      ["warning", "number-stored-as-text", "H21"],
      ["error", "formula-mismatch", "H21"], // 100 % typed, 95.5 % − 38 % = 57.5 points
    ]);
    const h20 = findings.find((f) => f.cell === "H20")!;
    expect(h20).toMatchObject({ sheet: "Phụ lục", expected: 3527.2, actual: 95.51 });
    expect(h20.message).toContain("3.527,2");
    expect(h20.messageEn).toContain("3,527.2");
    // Worth a note, not an alarm: blanks that could be computed, the missing 9-month figure, the sentence in H33.
    expect(findings.filter((f) => f.severity === "info").map((f) => [f.code, f.cell])).toEqual([
      ["formula-blank", "G7"],
      ["formula-blank", "H7"],
      ["formula-blank", "G8"],
      ["operand-missing", "E18"],
      ["formula-blank", "G19"],
      ["text-in-formula-column", "H33"],
    ]);
  });

  it("classifies the indicators by 9-month estimate over the full-year scenario and writes the summary", () => {
    // Ratios worked out by hand from columns E and F: only row 33 (4.3 / 3.739 = 115 %) reaches the plan,
    // row 11 (4.002 / 4.378 = 91.4 %) is over 90 %, rows 20 (39.6 %) and 21 (39.8 %) are under 50 %,
    // row 18 has no 9-month figure; the other 17 rows lie between 55.7 % and 89.2 %.
    const summary = summarize(classifyTable(snapshot, table));
    const over50 = [
      "Tốc độ tăng trưởng GRDP",
      "Giá trị gia tăng GRDP (Tốc độ tăng trưởng GRDP)",
      "Tổng sản lượng thủy sản",
      "Khai thác (Tổng sản lượng thủy sản)",
      "Nuôi trồng (Tổng sản lượng thủy sản)",
      "Tôm nuôi (Nuôi trồng)",
      "Tổng vốn đầu tư toàn xã hội",
      "Ban Quản lý Khu kinh tế tỉnh (Tổng vốn đầu tư toàn xã hội)",
      "Thu ngân sách trên địa bàn",
      "Chi ngân sách địa phương quản lý",
      "Công nghiệp",
      "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ",
      "Tổng mức bán lẻ hàng hóa (Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ)",
      "Doanh thu dịch vụ lưu trú ăn uống và dịch vụ khác (Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ)",
      "Xuất khẩu hàng hóa",
      "Vận tải hàng hóa",
      "Vận tải hành khách",
    ];
    // The paragraph names at most 10 indicators per band; the 17 of "trên 50%" end with "… và 7 chỉ tiêu khác".
    expect(summary.text).toBe(
      "Trong tổng số 22 chỉ tiêu: " +
        "01/22 chỉ tiêu đạt và vượt kế hoạch: Tổng lượt khách du lịch; " +
        "01/22 chỉ tiêu đạt trên 90% kế hoạch: Tổng sản lượng lúa (Nông nghiệp); " +
        `17/22 chỉ tiêu đạt trên 50% kế hoạch: ${over50.slice(0, 10).join(", ")} … và 7 chỉ tiêu khác; ` +
        "02/22 chỉ tiêu đạt dưới 50% kế hoạch: Vốn NSNN (Tổng vốn đầu tư toàn xã hội), Giải ngân vốn đầu tư công; " +
        "01/22 chỉ tiêu chưa đánh giá: Ban Quản lý KKT Phú Quốc (Tổng vốn đầu tư toàn xã hội).",
    );
    // The full list stays in the data (and the JSON).
    expect(summary.bands.find((b) => b.band === "tren-50")!.indicators).toEqual(over50);
    expect(summary.bands.map((b) => [b.band, b.count])).toEqual([
      ["dat-va-vuot", 1],
      ["tren-90", 1],
      ["tren-50", 17],
      ["duoi-50", 2],
      ["chua-danh-gia", 1],
    ]);
  });

  it("reads the period from the headers for the time-aware mode: 9 months, 75 %", () => {
    const classification = classifyTable(snapshot, table, { timeAware: true });
    expect(classification.period).toEqual({ label: "9 tháng", labelEn: "9 months", expected: 0.75 });
    const behind = classification.indicators.filter((i) => i.band === "cham-tien-do").map((i) => i.row);
    // Under 75 %: rows 7 (55.7), 8 (71.8), 14 (74.8), 17 (63.9), 19 (62.6), 20, 21, 23 (56.2), 24 (71.9), 30–32 (72.8, 73.3, 71.4), 35 (68.2), 36 (64.7).
    expect(behind).toEqual([7, 8, 14, 17, 19, 20, 21, 23, 24, 30, 31, 32, 35, 36]);
  });
});
