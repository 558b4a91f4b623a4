import { analyzeSheet, cellNumber, planFill, recognizeTables } from "../../../src/annex";
import { buildSnapshot } from "../../helpers/snapshot";

const roles = (t: ReturnType<typeof recognizeTables>[number]) => Object.fromEntries(t.columns.map((c) => [c.letter, c.role]));

describe("recognising annex tables", () => {
  it("finds a table away from A1 and binds its formula columns to the sheet columns", () => {
    const snapshot = buildSnapshot({
      at: "C5",
      rows: [
        ["BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ TIÊU"],
        [],
        ["STT", "Nội dung", "ĐVT", "Kế hoạch", "Thực hiện", "Tỷ lệ (%)"],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)=(5)/(4)*100"],
        ["1", "Số xã đạt chuẩn nông thôn mới", "Xã", 40, 30],
        ["2", "Tỷ lệ hộ nghèo", "%", 2.5, 2.1],
      ],
      merges: ["C5:H5"],
    });
    const [table] = recognizeTables(snapshot);
    expect(table.range).toEqual({ top: 7, left: 3, bottom: 10, right: 8 });
    expect(table.title).toBe("BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ TIÊU");
    expect(table.headerRows).toEqual([7]);
    expect(table.numberRow).toBe(8);
    expect(roles(table)).toEqual({ C: "ordinal", D: "name", E: "unit", F: "value", G: "value", H: "formula" });
    const plan = planFill(snapshot, table);
    expect(plan.writes.map((w) => [w.cell, w.formula, w.numberFormat])).toEqual([
      ["H9", '=IF(AND(ISNUMBER(G9),ISNUMBER(F9),F9<>0),G9/F9*100,"")', "General"],
      ["H10", '=IF(AND(ISNUMBER(G10),ISNUMBER(F10),F10<>0),G10/F10*100,"")', "General"],
    ]);
    expect(plan.writes[0].new).toBe(75); // 30 / 40 × 100
  });

  it("finds two tables on one sheet, each with its own title and end", () => {
    const snapshot = buildSnapshot({
      rows: [
        ["DANH MỤC NHIỆM VỤ NĂM 2021"],
        ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"],
        ["1", "Xây dựng kế hoạch", "Sở Kế hoạch và Đầu tư", "Quý I"],
        ["2", "Tổng kết", "Văn phòng UBND", "Quý IV"],
        [],
        [],
        ["DANH MỤC CHỈ TIÊU KINH TẾ"],
        ["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Ước thực hiện", "So sánh"],
        ["1", "2", "3", "4", "5", "6=5/4"],
        ["1", "Thu ngân sách", "Tỷ đồng", 1000, 800],
        ["Ghi chú: số liệu ước tính đến 30/9."],
      ],
      merges: ["A1:D1", "A7:F7", "A11:F11"],
    });
    const tables = recognizeTables(snapshot);
    expect(tables.map((t) => [t.title, t.headerRows, t.range.bottom])).toEqual([
      ["DANH MỤC NHIỆM VỤ NĂM 2021", [2], 4],
      ["DANH MỤC CHỈ TIÊU KINH TẾ", [8], 10],
    ]);
    expect(roles(tables[0])).toEqual({ A: "ordinal", B: "name", C: "lead", D: "deadline" });
    expect(tables[1].columns.find((c) => c.letter === "F")!.formula!.text).toBe("5/4");
  });

  it("invents no formula column when there is no number row", () => {
    const snapshot = buildSnapshot({
      rows: [
        ["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "% so với KH"],
        ["1", "Sản lượng lúa", "Tấn", 100, 95, 0.95],
      ],
    });
    const [table] = recognizeTables(snapshot);
    expect(table.numberRow).toBeNull();
    expect(table.columns.filter((c) => c.role === "formula")).toEqual([]);
    expect(planFill(snapshot, table).writes).toEqual([]);
  });

  it("finds nothing on a sheet without an annex", () => {
    const snapshot = buildSnapshot({
      rows: [
        ["Họ tên", "Ngày sinh", "Địa chỉ"],
        ["Nguyễn Văn A", 32000, "Rạch Giá"],
      ],
    });
    expect(recognizeTables(snapshot)).toEqual([]);
    expect(recognizeTables(buildSnapshot({ rows: [[]] }))).toEqual([]);
  });

  it("matches header words without diacritics, in any case and spacing", () => {
    const snapshot = buildSnapshot({
      rows: [
        [
          "S TT",
          "NOI  DUNG",
          "DVT",
          "Ke hoach nam 2021",
          "Thuc hien",
          "Co quan chu tri",
          "Co quan phoi hop",
          "Thoi han",
          "Tinh hinh thuc hien",
          "Ghi chu",
        ],
        ["1", "Chỉ tiêu A", "Tấn", 1, 2, "Sở Công Thương", "Sở Tài chính", "2021", "Đang thực hiện", ""],
      ],
    });
    const [table] = recognizeTables(snapshot);
    expect(table.columns.map((c) => c.role)).toEqual([
      "ordinal",
      "name",
      "unit",
      "value",
      "value",
      "lead",
      "partner",
      "deadline",
      "status",
      "note",
    ]);
  });

  it("keeps both labels of a child header under its parent, over a three-row band", () => {
    const snapshot = buildSnapshot({
      rows: [
        ["TT", "Chỉ tiêu", "Đơn vị tính", "Năm 2022", null, null, "Đơn vị chủ trì"],
        [null, null, null, "Kế hoạch", "Thực hiện", null],
        [null, null, null, null, "6 tháng", "9 tháng"],
        ["1", "2", "3", "4", "5", "6", "7"],
        ["1", "Chỉ tiêu A", "Tấn", 10, 5, 8, "Sở Xây dựng"],
      ],
      merges: ["A1:A3", "B1:B3", "C1:C3", "D1:F1", "D2:D3", "E2:F2", "G1:G3"],
    });
    const [table] = recognizeTables(snapshot);
    expect(table.headerRows).toEqual([1, 2, 3]);
    expect(table.numberRow).toBe(4);
    expect(table.columns.map((c) => c.labels)).toEqual([
      ["TT"],
      ["Chỉ tiêu"],
      ["Đơn vị tính"],
      ["Năm 2022", "Kế hoạch"],
      ["Năm 2022", "Thực hiện", "6 tháng"],
      ["Năm 2022", "Thực hiện", "9 tháng"],
      ["Đơn vị chủ trì"],
    ]);
  });

  it("reads numbers typed as text, Vietnamese and English, and remembers them as text", () => {
    const snapshot = buildSnapshot({
      rows: [
        ["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Tỷ lệ"],
        ["1", "2", "3", "4", "5", "6=5/4"],
        ["1", "Giá trị sản xuất", "Tỷ đồng", "71.755,08", "71,755.08"],
        ["2", "Giải ngân", "%", "91,4%", "91.4%"],
      ],
    });
    const [table] = recognizeTables(snapshot);
    const n = (cell: string) => {
      const [row, column] = cell.split(":").map(Number);
      return cellNumber(table, row, column);
    };
    expect(n("3:4")).toMatchObject({ value: 71755.08, storedAsText: true });
    expect(n("3:5")).toMatchObject({ value: 71755.08, storedAsText: true });
    expect(n("4:4")!.value).toBeCloseTo(0.914, 12);
    expect(n("4:5")).toMatchObject({ storedAsText: true, percent: true });
    // The fill plan turns the text operands into numbers so the live formula can read them.
    const plan = planFill(snapshot, table);
    expect(plan.writes.filter((w) => w.kind === "number").map((w) => [w.cell, w.value])).toEqual([
      ["D3", 71755.08],
      ["E3", 71755.08],
      ["D4", 0.914],
      ["E4", 0.914],
    ]);
  });

  it("writes each cell once, in sheet order, when a formula column reads another one typed as text", () => {
    // Column 7 reads column 6, whose cells hold numbers typed as text: the formula written into
    // column 6 is the one write there (not also a number), and the writes go row by row, left to right.
    const snapshot = buildSnapshot({
      rows: [
        ["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Tỷ lệ", "Điểm"],
        ["1", "2", "3", "4", "5", "6=5/4", "7=6*10"],
        ["1", "Giá trị sản xuất", "Tỷ đồng", 200, "150,5", "0,75"],
        ["2", "Giải ngân", "Tỷ đồng", 100, 80, "0,8"],
      ],
    });
    const [table] = recognizeTables(snapshot);
    const plan = planFill(snapshot, table);
    expect(plan.writes.map((w) => [w.cell, w.kind])).toEqual([
      ["E3", "number"],
      ["F3", "formula"],
      ["G3", "formula"],
      ["F4", "formula"],
      ["G4", "formula"],
    ]);
    expect(plan.writes.find((w) => w.cell === "F3")!.new).toBeCloseTo(0.7525, 12); // 150.5 / 200
    expect(plan.writes.find((w) => w.cell === "G4")!.new).toBe(8); // 80 / 100 × 10
  });

  it("skips a header band repeated after a page break and stops at signatures", () => {
    const header = ["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch"];
    const snapshot = buildSnapshot({
      rows: [
        header,
        ["1", "Chỉ tiêu A", "Tấn", 1],
        header,
        ["2", "Chỉ tiêu B", "Tấn", 2],
        [],
        [null, null, "KT. CHỦ TỊCH"],
        [null, null, "PHÓ CHỦ TỊCH"],
      ],
    });
    const [table] = recognizeTables(snapshot);
    expect(table.repeatedHeaderRows).toEqual([3]);
    expect(table.rows.map((r) => r.row)).toEqual([2, 4]);
  });

  it("reads sections from bold headings when the table has no TT column", () => {
    const snapshot = buildSnapshot({
      rows: [
        ["Nội dung", "Đơn vị", "Kế hoạch", "Cơ quan chủ trì"],
        ["I. KINH TẾ"],
        ["1. Tăng trưởng GRDP", "%", 7, "Sở Kế hoạch và Đầu tư"],
        ["- Nông nghiệp", "%", 3],
        ["II. XÃ HỘI"],
        ["Tỷ lệ hộ nghèo", "%", 2, "Sở Lao động"],
      ],
      boldRows: [2, 5],
    });
    const [table] = recognizeTables(snapshot);
    expect(table.rows.map((r) => [r.row, r.kind, r.parentRow, r.ordinal, r.lead])).toEqual([
      [2, "section", null, "I.", ""],
      [3, "item", 2, "1.", "Sở Kế hoạch và Đầu tư"],
      [4, "subitem", 3, "", "Sở Kế hoạch và Đầu tư"],
      [5, "section", null, "II.", ""],
      [6, "item", 5, "", "Sở Lao động"],
    ]);
  });
});

describe("corrections a person makes", () => {
  it("takes a corrected column role, and a formula column corrected away loses its formula", () => {
    const snapshot = buildSnapshot({
      rows: [
        ["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Tỷ lệ", "Ý kiến"],
        [null, 1, 2, 3, 4, "5=4/3", 6],
        ["1", "Chỉ tiêu A", "Tấn", 10, 5, null, "đạt"],
      ],
    });
    const [plain] = recognizeTables(snapshot);
    expect(plain.columns.map((c) => c.role)).toEqual(["ordinal", "name", "unit", "value", "value", "formula", "value"]);
    const [corrected] = recognizeTables(snapshot, { roles: { G: "note", F: "value" } });
    expect(corrected.columns.map((c) => c.role)).toEqual(["ordinal", "name", "unit", "value", "value", "value", "note"]);
    expect(corrected.columns[5].formula).toBeUndefined();
  });
});

describe("an annex worded and laid out differently from the sample", () => {
  // Built by hand after provincial six-month reports: a "PHỤ LỤC II" label over the title, letter
  // and Roman sections, a number row "A B C 1 2 3=2/1*100", a bare "Trong đó:" over "+" rows, a
  // "Dưới 3" target, a "1.1" sub-item, and a place-and-date line after the table.
  const snapshot = buildSnapshot({
    at: "B3",
    rows: [
      ["PHỤ LỤC II"],
      ["KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU 6 THÁNG ĐẦU NĂM 2022"],
      [],
      ["STT", "Tên chỉ tiêu", "Đơn vị", "KH năm 2022", "TH 6 tháng", "So sánh (%)", "Cơ quan chủ trì", "Ghi chú"],
      ["A", "B", "C", "1", "2", "3=2/1*100", "D", "E"],
      ["A", "CHỈ TIÊU KINH TẾ"],
      ["I", "Tăng trưởng"],
      ["1", "Tổng thu ngân sách", "Tỷ đồng", 12000, 6500, 54.2, "Sở Tài chính"],
      [null, "Trong đó:"],
      [null, "+ Thu nội địa", "Tỷ đồng", 10000, 5600, 56, null],
      [null, "+ Thu xuất nhập khẩu", "Tỷ đồng", 2000, 900, 45, null],
      ["2", "Tỷ lệ hộ nghèo", "%", "Dưới 3", 2.8, null, "Sở Lao động - Thương binh và Xã hội"],
      ["1.1", "Số hộ thoát nghèo", "Hộ", 3000, 1500, 50, null],
      ["B", "CHỈ TIÊU XÃ HỘI"],
      ["1", "Số vụ tai nạn giao thông", "Vụ", 300, 120, 40, "Công an tỉnh"],
      [],
      [null, null, null, null, null, "Rạch Giá, ngày 15 tháng 7 năm 2022"],
    ],
    merges: ["B3:I3", "B4:I4"],
    boldRows: [8, 9, 16],
  });
  const [analysis] = analyzeSheet(snapshot);

  it("finds its structure", () => {
    const { table } = analysis;
    expect(table.title).toBe("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU 6 THÁNG ĐẦU NĂM 2022");
    expect([table.range, table.headerRows, table.numberRow]).toEqual([{ top: 6, left: 2, bottom: 17, right: 9 }, [6], 7]);
    expect(table.columns.map((c) => [c.letter, c.number, c.role])).toEqual([
      ["B", "A", "ordinal"],
      ["C", "B", "name"],
      ["D", "C", "unit"],
      ["E", "1", "value"],
      ["F", "2", "value"],
      ["G", "3", "formula"],
      ["H", "D", "lead"],
      ["I", "E", "note"],
    ]);
    expect(table.columns[5].formula).toMatchObject({ text: "2/1*100", timesHundred: true, percent: false });
    expect(table.rows.map((r) => [r.row, r.kind, r.relation, r.parentRow])).toEqual([
      [8, "section", null, null], // A
      [9, "section", null, 8], // I, under A
      [10, "item", null, 9],
      [11, "subitem", "ofWhich", 10], // "Trong đó:" alone
      [12, "subitem", "ofWhich", 10], // "+" under the bare label: of which row 10
      [13, "subitem", "ofWhich", 10],
      [14, "item", null, 9],
      [15, "subitem", "member", 14], // 1.1
      [16, "section", null, null], // B
      [17, "item", null, 16],
    ]);
  });

  it("raises nothing, and reads the targets and directions right", () => {
    expect(analysis.findings).toEqual([]);
    const band = (name: string) => analysis.classification.indicators.find((i) => i.name === name)!.band;
    expect(band("Tỷ lệ hộ nghèo")).toBe("dat-va-vuot"); // 2.8 against "Dưới 3"
    expect(band("Số vụ tai nạn giao thông")).toBe("dat-va-vuot"); // 120 of a 300 cap: lower is better
    expect(band("+ Thu xuất nhập khẩu")).toBe("duoi-50"); // 900 / 2000
  });
});
