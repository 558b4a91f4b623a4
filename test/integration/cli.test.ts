import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { runCheck } from "../../src/cli/annex";
import { csvNumber, recalculatedCells } from "../helpers/libreoffice";
import { SAMPLE } from "../helpers/samples";

const tmp = mkdtempSync(path.join(os.tmpdir(), "annex-cli-"));

async function check(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCheck(
    args,
    (t) => out.push(t),
    (t) => err.push(t),
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("annex check", () => {
  it("prints the JSON document for the sample", async () => {
    const { code, out } = await check("--json", SAMPLE);
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    const [table] = doc.files[0].tables;
    expect(doc.files[0].file).toBe(SAMPLE);
    expect(table).toMatchObject({ sheet: "Phụ lục", range: "A4:I36", headerRows: [4, 5], numberRow: 6, repeatedHeaderRows: [26, 27, 28] });
    expect(table.columns[6]).toEqual({
      column: "G",
      number: "6",
      role: "formula",
      formula: "4/5",
      percent: true,
      header: "% 9 tháng so với kịch bản đã báo HĐND",
    });
    expect(table.rows[0]).toMatchObject({
      row: 7,
      kind: "item",
      parentRow: null,
      ordinal: "",
      name: "Tốc độ tăng trưởng GRDP",
      unit: "%",
      lead: "Sở Kế hoạch và Đầu tư",
    });
    expect(table.fill.find((f: { cell: string }) => f.cell === "G11")).toMatchObject({
      formula: '=IF(AND(ISNUMBER(E11),ISNUMBER(F11),F11<>0),E11/F11,"")',
      old: 0.914,
    });
    expect(doc.files[0].findings).toEqual([]);
  });

  it("prints a short Vietnamese summary without --json", async () => {
    const { code, out } = await check(SAMPLE);
    expect(code).toBe(0);
    expect(out).toContain("vùng A4:I36");
    expect(out).toContain("26 hàng dữ liệu");
    expect(out).toContain("Ô chứa chữ được giữ nguyên: H33");
  });

  it("names an unreadable file in one line and exits 2", async () => {
    const bad = path.join(tmp, "not-a-workbook.xlsx");
    writeFileSync(bad, "this is not a zip");
    const { code, err } = await check(bad);
    expect(code).toBe(2);
    expect(err.split("\n")).toHaveLength(1);
    expect(err).toContain(bad);
    expect((await check(path.join(tmp, "missing.xlsx"))).code).toBe(2);
  });

  it("says so and exits 0 for a workbook with no annex", async () => {
    const file = path.join(tmp, "empty.xlsx");
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Danh sách").addRows([
      ["Họ tên", "Địa chỉ"],
      ["Nguyễn Văn A", "Rạch Giá"],
    ]);
    await workbook.xlsx.writeFile(file);
    const { code, out } = await check(file);
    expect(code).toBe(0);
    expect(out).toContain("Không tìm thấy bảng phụ lục nào");
  });

  it("refuses to overwrite the original with --fix", async () => {
    expect((await check("--fix", SAMPLE, SAMPLE)).code).toBe(2);
  });

  it("runs through npm as the README shows", async () => {
    const { stdout } = await promisify(execFile)("npm", ["run", "--silent", "check", "--", "--json", SAMPLE], {
      cwd: path.resolve(__dirname, "../.."),
    });
    expect(JSON.parse(stdout).files[0].tables[0].numberRow).toBe(6);
  });
});

describe("annex check --fix, recalculated by LibreOffice", () => {
  it("writes live formulas that a real spreadsheet computes to the engine's values", async () => {
    const fixed = path.join(tmp, "fixed.xlsx");
    const before = readFileSync(SAMPLE);
    const { code, out } = await check("--json", "--fix", fixed, SAMPLE);
    expect(code).toBe(0);
    expect(readFileSync(SAMPLE).equals(before)).toBe(true); // the original is never modified
    const fill: { cell: string; formula?: string; new: number | string }[] = JSON.parse(out).files[0].tables[0].fill;

    const cells = await recalculatedCells(fixed);
    const computed = (address: string) => {
      const [, col, row] = /^([A-Z]+)(\d+)$/.exec(address)!;
      return cells[Number(row) - 1]?.[col.charCodeAt(0) - 65];
    };
    expect(fill.filter((f) => f.formula).length).toBe(41);
    for (const f of fill) {
      const value = csvNumber(computed(f.cell));
      expect({ cell: f.cell, value }).toEqual({ cell: f.cell, value: expect.any(Number) });
      expect(Math.abs(value! - (f.new as number))).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(f.new as number)));
    }
    // Checked by hand: H20 = 5,835.00 − 2,307.8; G21 = 38 % / 95.5 %; H21 = 95.5 % − 38 %.
    expect(csvNumber(computed("H20"))).toBeCloseTo(3527.2, 9);
    expect(csvNumber(computed("G21"))).toBeCloseTo(0.397905759, 9);
    expect(csvNumber(computed("H21"))).toBeCloseTo(0.575, 9);
    expect(computed("H33")).toBe("Phần đầu đạt mức cao nhất");
    expect(computed("G18")).toBe(""); // no operand: left alone
  });
});
