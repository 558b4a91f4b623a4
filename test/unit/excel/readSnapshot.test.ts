import { readSheet, readSheetSnapshot } from "../../../src/excel/readSnapshot";
import { PAYLOAD_LIMIT_BYTES } from "../../../src/excel/payload";
import type { FakeCellData } from "../../fakes/excel";
import { columnLetter } from "../../../src/annex/snapshot";
import { setup, sheetOf } from "./helpers";

const SHEET = "Phụ lục 'A'";

/** A small annex starting at B3 (not A1): title merge, header merges, bold, italic, formulas, errors. */
function smallAnnex(): Record<string, FakeCellData | string | number> {
  return {
    B3: { value: "DANH MỤC NHIỆM VỤ", bold: true },
    B4: { value: "TT", bold: true },
    C4: { value: "Chỉ tiêu", bold: true },
    D4: { value: "Kế hoạch", bold: true },
    E4: { value: "Thực hiện", bold: true },
    F4: { value: "% so KH", bold: true },
    B6: "I",
    C6: { value: "Khu vực I", bold: true },
    B7: 1,
    C7: "Tăng trưởng",
    D7: { value: 71755.08, numberFormat: "#,##0.00" },
    E7: 70180.52,
    F7: { formula: "=E7/D7", value: 0.978, numberFormat: "0.0%" },
    C8: { value: "Trong đó: nông nghiệp", italic: true },
    D8: 0,
    E8: "38%",
    F8: { formula: "=E8/D8", value: "#DIV/0!", numberFormat: "0.0%" },
    F9: { error: "#N/A" },
    C9: "=không phải công thức",
    D9: { value: "1,005", numberFormat: "@" },
  };
}

describe("readSheetSnapshot", () => {
  it("reads a sheet that does not start at A1, with merges, bold, formulas and error values", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET, cells: smallAnnex(), merges: ["B3:F3", "B4:B5", "C4:C5"] }] });
    const report = await run((context) => readSheet(context, sheetOf(context, SHEET)));
    const s = report.snapshot;

    expect(s.sheet).toBe(SHEET);
    expect([s.top, s.left]).toEqual([3, 2]);
    expect(s.values).toHaveLength(7); // rows 3..9
    expect(s.values.every((row) => row.length === 5)).toBe(true); // B..F
    const at = (row: number, column: number) => ({
      value: s.values[row - 3][column - 2],
      formula: s.formulas![row - 3][column - 2],
      format: s.numberFormats![row - 3][column - 2],
      bold: s.bold![row - 3][column - 2],
    });
    expect(at(3, 2)).toEqual({ value: "DANH MỤC NHIỆM VỤ", formula: "", format: "General", bold: true });
    expect(at(3, 3).value).toBeNull(); // covered by the title merge
    expect(at(7, 4)).toMatchObject({ value: 71755.08, formula: "", format: "#,##0.00", bold: false });
    expect(at(7, 6)).toMatchObject({ value: 0.978, formula: "=E7/D7", format: "0.0%" });
    expect(at(8, 6)).toMatchObject({ value: "#DIV/0!", formula: "=E8/D8" }); // error result of a formula
    expect(at(9, 6)).toMatchObject({ value: "#N/A", formula: "" }); // error constant
    expect(at(8, 3)).toMatchObject({ bold: false });
    expect(at(4, 4)).toMatchObject({ bold: true }); // a wholly bold row, known from its row properties
    expect(s.italic).toBeUndefined(); // the engine does not use italic: not read
    expect(at(8, 5).value).toBe("38%"); // a figure typed as text stays text
    expect(at(9, 3)).toMatchObject({ value: "=không phải công thức", formula: "" }); // text that looks like a formula
    expect(at(9, 4)).toMatchObject({ value: "1,005", format: "@" });
    expect(at(9, 2).value).toBeNull();
    expect(s.merges).toEqual(
      expect.arrayContaining([
        { top: 3, left: 2, bottom: 3, right: 6 },
        { top: 4, left: 2, bottom: 5, right: 2 },
        { top: 4, left: 3, bottom: 5, right: 3 },
      ]),
    );
    expect(s.merges).toHaveLength(3);
    // Sync 1: used range, the 7 rows as the sample, row bold, merges; sync 2: per-cell bold of
    // the mixed rows (3, 6: only their first cells are bold).
    expect(report).toMatchObject({ syncs: 2, retries: 0, mergesRead: true, sampleRows: 7 });
    expect(fake.syncCount).toBe(2);
    const cellBold = fake.syncs[1];
    expect(cellBold.responseBytes).toBeLessThan(2 * 5 * 40); // two rows of five cells
  });

  it("returns an empty snapshot for an empty sheet, even where Excel refuses methods on a null used range", async () => {
    // The fake fails a batch that navigates from a null object (the stricter of the behaviours a
    // host may have); the reader then asks for the used range alone: two syncs at most.
    const { fake, run } = setup({ sheets: [{ name: "Trống" }] });
    const report = await run((context) => readSheet(context, sheetOf(context, "Trống")));
    expect(report.snapshot).toMatchObject({ sheet: "Trống", values: [], merges: [] });
    expect(fake.syncCount).toBeLessThanOrEqual(2);
    expect(report.syncs).toBe(fake.syncCount);
  });

  it("skips merges where ExcelApi 1.13 is missing", async () => {
    const { fake, run } = setup({ sheets: [{ name: "S", cells: smallAnnex(), merges: ["B3:F3"] }], excelApi: "1.12" });
    const report = await run((context) => readSheet(context, sheetOf(context, "S")));
    expect(report.snapshot.merges).toEqual([]);
    expect(report.mergesRead).toBe(false);
    expect(report.snapshot.bold![0][0]).toBe(true);
    expect(fake.syncCount).toBe(2);
  });

  it("reads more than 512 merged areas, by row chunks that each stay under Excel's limit", async () => {
    const cells: Record<string, string> = {};
    const merges: string[] = [];
    for (let r = 1; r <= 1200; r += 2) {
      cells[`A${r}`] = `nhóm ${r}`;
      merges.push(`A${r}:A${r + 1}`);
    }
    const { fake, run } = setup({ sheets: [{ name: "S", cells, merges }] });
    const report = await run((context) => readSheet(context, sheetOf(context, "S")));
    expect(report.mergesRead).toBe(true);
    expect(report.snapshot.merges).toHaveLength(600);
    expect(report.snapshot.merges).toContainEqual({ top: 1199, left: 1, bottom: 1200, right: 1 });
    expect(report.snapshot.values).toHaveLength(1199);
    expect(fake.syncs.filter((x) => x.failed)).toEqual([]);
    expect(report.syncs).toBe(2);
  });

  it("reads the data without merges when Excel cannot list them", async () => {
    // Each row's A:B merge holds its value in A only, so the used range is column A and a chunk of
    // 900 rows holds 900 merged areas: past 512, Excel refuses.
    const cells: Record<string, string> = {};
    const merges: string[] = [];
    for (let r = 1; r <= 1200; r++) {
      cells[`A${r}`] = `nhóm ${r}`;
      merges.push(`A${r}:B${r}`);
    }
    const { fake, run } = setup({ sheets: [{ name: "S", cells, merges }] });
    const report = await run((context) => readSheet(context, sheetOf(context, "S")));
    expect(report.mergesRead).toBe(false);
    expect(report.snapshot.values[0][0]).toBe("nhóm 1");
    expect(report.snapshot.values).toHaveLength(1200);
    expect(report.snapshot.values[1199][0]).toBe("nhóm 1200");
    expect(fake.syncs.filter((x) => x.failed).map((x) => x.failed)).toEqual(["GeneralException"]);
  });

  it("reads the sample annex through the fake loaded from the .xlsx", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const { fakeWorkbookFromExcelJs } = await import("../../fakes/excel/fromExcelJs");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(require("node:path").join(__dirname, "../../../samples/phu-luc-tang-truong-2020.xlsx"));
    const { run } = setup(fakeWorkbookFromExcelJs(workbook));
    const s = await run((context) => readSheetSnapshot(context, sheetOf(context, "Phụ lục")));
    expect([s.top, s.left, s.values.length, s.values[0].length]).toEqual([1, 1, 36, 9]);
    expect(s.values[20][6]).toBe("39.6%"); // G21, text
    expect(s.merges).toHaveLength(21);
    expect(s.bold![3][1]).toBe(true); // B4 header
  });
});

describe("what the first sync carries", () => {
  it("queues the caller's reads into the first sync: no sync of their own", async () => {
    const { fake, run } = setup({
      sheets: [{ name: "S", cells: { A1: "TT", B1: "Chỉ tiêu", A2: 1, B2: "GRDP" } }],
      settings: { k: '"v"' },
    });
    let value: unknown;
    const report = await run(async (context) => {
      let item: Excel.Setting | null = null;
      const r = await readSheet(context, sheetOf(context, "S"), {
        alongFirstSync: () => {
          item = context.workbook.settings.getItem("k");
          item.load("value");
        },
      });
      value = (item as unknown as Excel.Setting).value;
      return r;
    });
    expect(value).toBe('"v"');
    expect(report.syncs).toBe(1);
    expect(fake.syncCount).toBe(1);
  });

  it("reads per-cell bold only for rows whose bold is mixed", async () => {
    const cells: Record<string, FakeCellData | string | number> = {};
    for (let r = 1; r <= 300; r++) {
      const section = r % 50 === 0;
      cells[`A${r}`] = { value: section ? "I" : r, bold: section || r === 1 };
      cells[`B${r}`] = { value: `Chỉ tiêu ${r}`, bold: section || r === 1 };
      cells[`C${r}`] = { value: r * 1.5, bold: r === 1 };
    }
    const { fake, run } = setup({ sheets: [{ name: "S", cells }] });
    const report = await run((context) => readSheet(context, sheetOf(context, "S")));
    const b = report.snapshot.bold!;
    expect(b[0]).toEqual([true, true, true]); // wholly bold: from the row properties
    expect(b[49]).toEqual([true, true, false]); // mixed: per cell
    expect(b[50]).toEqual([false, false, false]);
    expect(report.syncs).toBe(2);
    // Six mixed rows at ~36 bytes a cell, not 300 rows: the second sync's bold is small.
    const cellProps = fake.syncs[1].responseBytes - 200 * 3 * 3 * 12;
    expect(cellProps).toBeLessThan(300 * 3 * 36);
  });

  it("samples only the first 64 columns of a wide sheet, then reads it all", async () => {
    const cells: Record<string, string | number> = {};
    for (let r = 1; r <= 150; r++) for (let c = 1; c <= 80; c++) cells[`${columnLetter(c)}${r}`] = c === 1 ? `Dòng ${r}` : r * c;
    const { run } = setup({ sheets: [{ name: "S", cells }] });
    const report = await run((context) => readSheet(context, sheetOf(context, "S")));
    expect(report.sampleRows).toBe(0); // measured, not kept
    expect(report.snapshot.values[149][79]).toBe(150 * 80);
    expect(report.snapshot.values[0][0]).toBe("Dòng 1");
    expect(report.syncs).toBe(2);
  });
});

describe("sync count and payload size", () => {
  function grid(rows: number, columns: number, text: (r: number, c: number) => string | number): Record<string, string | number> {
    const cells: Record<string, string | number> = {};
    for (let r = 1; r <= rows; r++) for (let c = 1; c <= columns; c++) cells[String.fromCharCode(64 + c) + r] = text(r, c);
    return cells;
  }

  it.each([
    [50, 10, 1], // the sample holds it all, and no row has mixed bold
    [1500, 10, 2],
    [5000, 3, 2],
  ])("reads %i rows × %i columns of ordinary content in %i syncs", async (rows, columns, expected) => {
    const { fake, run } = setup({
      sheets: [{ name: "S", cells: grid(rows, columns, (r, c) => (c === 1 ? `Chỉ tiêu ${r}` : r * c + 0.5)) }],
    });
    const report = await run((context) => readSheet(context, sheetOf(context, "S")));
    expect(report.snapshot.values).toHaveLength(rows);
    expect(report.snapshot.values[rows - 1][1]).toBe(rows * 2 + 0.5);
    expect(report.syncs).toBe(expected);
    expect(fake.syncCount).toBe(expected);
    expect(Math.max(...fake.syncs.map((x) => x.responseBytes))).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  });

  it("keeps every request and response under 5 MB on 5,000 rows × 10 columns of long text", async () => {
    const long = (r: number, c: number) =>
      `Tình hình thực hiện nhiệm vụ số ${r}.${c}: đã hoàn thành các hạng mục theo kế hoạch năm, đang tiếp tục triển khai giai đoạn tiếp theo`;
    const { fake, run } = setup({ sheets: [{ name: "S", cells: grid(5000, 10, long) }] });
    const report = await run((context) => readSheet(context, sheetOf(context, "S")));
    const s = report.snapshot;
    expect(s.values).toHaveLength(5000);
    expect(s.values[4999][9]).toBe(long(5000, 10));
    expect(s.values[2500][3]).toBe(long(2501, 4));
    expect(fake.syncs.filter((x) => x.failed)).toEqual([]);
    const largest = Math.max(...fake.syncs.map((x) => Math.max(x.requestBytes, x.responseBytes)));
    expect(largest).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    const total = fake.syncs.reduce((n, x) => n + x.responseBytes, 0);
    // The count follows the payload (~one sync per 4 MB), not the 5,000 rows.
    expect(report.syncs).toBeLessThanOrEqual(2 + Math.ceil(total / 3_000_000));
    expect(report.retries).toBe(0);
  });

  it("adapts when short rows come first and long text later: at most one refused sync", async () => {
    const long = (r: number, c: number) =>
      `Tình hình thực hiện nhiệm vụ số ${r}.${c}: đã hoàn thành các hạng mục theo kế hoạch năm, đang tiếp tục triển khai giai đoạn tiếp theo`;
    const { fake, run } = setup({ sheets: [{ name: "S", cells: grid(5000, 10, (r, c) => (r <= 1500 ? r * c : long(r, c))) }] });
    const report = await run((context) => readSheet(context, sheetOf(context, "S")));
    expect(report.snapshot.values[4999][9]).toBe(long(5000, 10));
    expect(report.snapshot.values[99][1]).toBe(200);
    expect(fake.syncs.filter((x) => x.failed)).toHaveLength(report.retries);
    expect(report.retries).toBeLessThanOrEqual(1);
    expect(Math.max(...fake.syncs.filter((x) => !x.failed).map((x) => x.responseBytes))).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  });

  it("recovers with smaller syncs when Excel refuses a response as too large", async () => {
    const long = (r: number, c: number) => `${"Nội dung rất dài ".repeat(20)}${r}.${c}`;
    const { fake, run } = setup({ sheets: [{ name: "S", cells: grid(2000, 8, long) }] });
    // No sample and a deliberately wrong first guess (20 bytes a cell) make the first data sync too large.
    const report = await run((context) => readSheet(context, sheetOf(context, "S"), { sampleRows: 0, estimatedBytesPerCell: 20 }));
    expect(report.retries).toBeGreaterThan(0);
    expect(fake.syncs.some((x) => x.failed === "ResponsePayloadSizeLimitExceeded")).toBe(true);
    expect(report.snapshot.values[1999][7]).toBe(long(2000, 8));
  });
});
