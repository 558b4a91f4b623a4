import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { writeGeneratedAnnex } from "../../bench/annexWorkbook";
import { ArgsError, parseArgs } from "../../src/cli/args";
import { convertWithLibreOffice, csvNumber, recalculatedCells } from "../helpers/libreoffice";
import { SAMPLE } from "../helpers/samples";
import { checkCommand } from "../helpers/checkCommand";

const tmp = mkdtempSync(path.join(os.tmpdir(), "annex-cli-"));
const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const CLI = path.join(ROOT, "src/cli/annex.ts");

/** Run a shell pipeline from the project root, as a person types it; never rejects. */
function shell(command: string) {
  return promisify(execFile)("bash", ["-c", command], { cwd: ROOT, maxBuffer: 1 << 28 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe("annex check", () => {
  it("prints the JSON document for the sample, and exits 1 because the sample has errors", async () => {
    const { code, out } = await checkCommand("--json", SAMPLE);
    expect(code).toBe(1);
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
    const findings = doc.files[0].findings;
    expect(findings.filter((f: { severity: string }) => f.severity === "error").map((f: { cell: string }) => f.cell)).toEqual([
      "H20",
      "G21",
      "H21",
    ]);
    expect(findings[0]).toEqual({
      code: "formula-blank",
      severity: "info",
      sheet: "Phụ lục",
      cell: "G7",
      expected: 0.557344064386,
      message: expect.stringContaining("55,73%"),
      messageEn: expect.stringContaining("55.73%"),
    });
    expect(table.classification).toMatchObject({ ratioColumn: "G", mode: "bands" });
    expect(table.summary.text).toMatch(/^Trong tổng số 22 chỉ tiêu: 01\/22 chỉ tiêu đạt và vượt kế hoạch/);
  });

  it("takes other thresholds and the time-aware mode", async () => {
    const doc = JSON.parse((await checkCommand("--json", "--thresholds", "100,80", SAMPLE)).out);
    expect(doc.files[0].tables[0].classification.bands.map((b: { id: string }) => b.id)).toEqual(["dat-va-vuot", "tren-80", "duoi-80"]);
    const timed = JSON.parse((await checkCommand("--json", "--time-aware", SAMPLE)).out);
    expect(timed.files[0].tables[0].classification.period.expected).toBe(0.75);
    expect((await checkCommand("--thresholds", "abc", SAMPLE)).code).toBe(2);
  });

  it("prints a readable Vietnamese report without --json, findings grouped by severity", async () => {
    const { code, out } = await checkCommand(SAMPLE);
    expect(code).toBe(1);
    expect(out).toContain("vùng A4:I36");
    expect(out).toContain("26 hàng dữ liệu");
    expect(out).toContain("Ô chứa chữ được giữ nguyên: H33");
    expect(out).toContain("Kiểm tra: 3 lỗi, 5 cảnh báo, 6 lưu ý");
    const errors = out.slice(out.indexOf("Lỗi (3):"), out.indexOf("Cảnh báo (5):"));
    expect(errors).toMatch(/H20 +Sai cột 7 \(= 5-4\): theo số liệu phải là 3\.527,2, đang ghi 95,51\./);
    expect(out).toContain("Tóm tắt: Trong tổng số 22 chỉ tiêu");
  });

  it("names an unreadable file in one line and exits 2", async () => {
    const bad = path.join(tmp, "not-a-workbook.xlsx");
    writeFileSync(bad, "this is not a zip");
    const { code, err } = await checkCommand(bad);
    expect(code).toBe(2);
    expect(err.split("\n")).toHaveLength(1);
    expect(err).toContain(bad);
    expect((await checkCommand(path.join(tmp, "missing.xlsx"))).code).toBe(2);
  });

  it("says so and exits 0 for a workbook with no annex", async () => {
    const file = path.join(tmp, "empty.xlsx");
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Danh sách").addRows([
      ["Họ tên", "Địa chỉ"],
      ["Nguyễn Văn A", "Rạch Giá"],
    ]);
    await workbook.xlsx.writeFile(file);
    const { code, out } = await checkCommand(file);
    expect(code).toBe(0);
    expect(out).toContain("Không tìm thấy bảng phụ lục nào");
  });

  it("refuses to overwrite the original with --fix", async () => {
    expect((await checkCommand("--fix", SAMPLE, SAMPLE)).code).toBe(2);
  });

  it("runs through npm as the README shows, exit code 1 for the sample's errors", async () => {
    const result = await promisify(execFile)("npm", ["run", "--silent", "check", "--", "--json", SAMPLE], {
      cwd: path.resolve(__dirname, "../.."),
    }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).files[0].tables[0].numberRow).toBe(6);
  });
});

describe("annex check --fix, recalculated by LibreOffice", () => {
  it("writes live formulas that a real spreadsheet computes to the engine's values", async () => {
    const fixed = path.join(tmp, "fixed.xlsx");
    const before = readFileSync(SAMPLE);
    const { code, out } = await checkCommand("--json", "--fix", fixed, SAMPLE);
    expect(code).toBe(1);
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

  it("writes the highlight rules as conditional formats LibreOffice reads, and a legend; again without stacking", async () => {
    const fixed = path.join(tmp, "highlighted.xlsx");
    await checkCommand("--fix", fixed, SAMPLE);
    const again = path.join(tmp, "highlighted-again.xlsx");
    await checkCommand("--fix", again, fixed);
    // LibreOffice opens the file and saves it again: what it kept is what it understood.
    const roundTrip = await convertWithLibreOffice(again, "xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(roundTrip);
    const sheet = workbook.getWorksheet("Phụ lục")!;
    // ExcelJS reads conditional formats into this property but its typings do not declare it.
    const formats = (sheet as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
    const rules = formats.map((cf) => [cf.ref, cf.rules.map((r) => (r as { formulae: string[] }).formulae[0])]);
    expect(rules).toEqual([
      [
        "G7:G24",
        [
          "AND(ISNUMBER($G7),$G7>=1)",
          "AND(ISNUMBER($G7),$G7>=0.9,$G7<1)",
          "AND(ISNUMBER($G7),$G7>=0.5,$G7<0.9)",
          "AND(ISNUMBER($G7),$G7<0.5)",
        ],
      ],
      [
        "G29:G36",
        [
          "AND(ISNUMBER($G29),$G29>=1)",
          "AND(ISNUMBER($G29),$G29>=0.9,$G29<1)",
          "AND(ISNUMBER($G29),$G29>=0.5,$G29<0.9)",
          "AND(ISNUMBER($G29),$G29<0.5)",
        ],
      ],
    ]);
    const fill = (cf: ExcelJS.ConditionalFormattingOptions, i: number) =>
      (cf.rules[i] as { style: { fill: { bgColor: { argb: string } } } }).style.fill.bgColor.argb;
    expect([0, 1, 2, 3].map((i) => fill(formats[0], i))).toEqual(["FF9ECAE9", "FFDEEBF7", "FFFFF2A8", "FFF8B47C"]);
    // The legend sits two rows under the table (row 38), once.
    expect(sheet.getCell("A38").value).toBe("Chú giải màu / Colour legend — cột G");
    expect([39, 40, 41, 42, 43].map((r) => sheet.getCell(`A${r}`).value)).toEqual([
      "Đạt và vượt",
      "Đạt trên 90%",
      "Đạt trên 50%",
      "Đạt dưới 50%",
      "Chưa đánh giá",
    ]);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Phụ lục"]);
  });
});

describe("annex check as a child process on a generated 5,000-row annex", () => {
  const big = path.join(tmp, "phu-luc-5000.xlsx");
  const annex = `${TSX} ${CLI} check`;
  beforeAll(() => writeGeneratedAnnex(5000, big), 60_000);

  it("pipes the whole JSON document, far beyond 64 KiB, and exits 0 when there are only warnings and notes", async () => {
    const parse = `node -e 'const d = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log(d.files[0].tables[0].rows.length)'`;
    const { code, stdout, stderr } = await shell(`set -o pipefail; ${annex} --json ${big} | tee ${tmp}/big.json | ${parse}`);
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: "5000\n", stderr: "" });
    expect(statSync(`${tmp}/big.json`).size).toBeGreaterThan(1 << 20);
  }, 120_000);

  it("writes the same text report to a pipe as to a file", async () => {
    const redirected = await shell(`${annex} ${big} > ${tmp}/big.txt`);
    const piped = await shell(`${annex} ${big} | wc -c`);
    expect(redirected.code).toBe(0);
    expect(statSync(`${tmp}/big.txt`).size).toBeGreaterThan(1 << 16);
    expect(Number(piped.stdout.trim())).toBe(statSync(`${tmp}/big.txt`).size);
  }, 120_000);

  it("ends quietly when the reader stops early (| head -1)", async () => {
    const { code, stdout, stderr } = await shell(`${annex} ${big} | head -1`);
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: `${big}\n`, stderr: "" });
  }, 120_000);
});

describe("annex check on files that are not .xlsx", () => {
  it("says what an .xls or .ods really is and how to convert it, in one line, exit 2", async () => {
    const xls = await convertWithLibreOffice(SAMPLE, "xls");
    const ods = await convertWithLibreOffice(SAMPLE, "ods");
    // Content decides, not the name: the same files renamed to .xlsx are still recognised.
    const xlsNamedXlsx = path.join(tmp, "really-xls.xlsx");
    writeFileSync(xlsNamedXlsx, readFileSync(xls));
    for (const [file, kind] of [
      [xls, "Excel 97-2003 (.xls)"],
      [xlsNamedXlsx, "Excel 97-2003 (.xls)"],
      [ods, "OpenDocument (.ods)"],
    ]) {
      const { code, out, err } = await checkCommand(file);
      expect({ code, out, lines: err.split("\n").length }).toEqual({ code: 2, out: "", lines: 1 });
      expect(err).toContain(kind);
      expect(err).toContain(`soffice --headless --convert-to xlsx ${file}`);
    }
  }, 240_000);

  it("names a CSV file as text, and lists an unreadable file in the JSON beside the good ones", async () => {
    const csv = path.join(tmp, "bang tong hop.csv");
    writeFileSync(csv, "TT,Chỉ tiêu,ĐVT\n1,Tổng thu ngân sách,Tỷ đồng\n");
    const { code, out, err } = await checkCommand("--json", SAMPLE, csv);
    expect(code).toBe(2);
    expect(err).toContain("CSV");
    expect(err).toContain(`soffice --headless --convert-to xlsx '${csv}'`);
    const doc = JSON.parse(out);
    expect(doc.files).toHaveLength(2);
    expect(doc.files[0].tables[0].range).toBe("A4:I36");
    expect(doc.files[1]).toEqual({ file: csv, error: err });
  });
});

describe("annex check arguments", () => {
  it("prints the usage with the exit codes for --help and -h, exit 0", async () => {
    for (const help of ["--help", "-h"]) {
      const { code, out } = await checkCommand(help);
      expect(code).toBe(0);
      expect(out).toContain("annex check [--json]");
      expect(out).toMatch(/Mã thoát \/ exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 /);
    }
  });

  it("names unknown options, long or short, and exits 2 instead of taking them for files", async () => {
    for (const option of ["-x", "--colour"]) {
      const { code, out, err } = await checkCommand(option, SAMPLE);
      expect({ code, out }).toEqual({ code: 2, out: "" });
      expect(err.split("\n")[0]).toBe(`Tùy chọn không rõ / unknown option: ${option}`);
    }
    expect((await checkCommand("--json=yes", SAMPLE)).code).toBe(2);
    expect((await checkCommand(SAMPLE, "--fix")).err).toContain("--fix cần một giá trị / --fix needs a value");
    expect((await checkCommand()).code).toBe(2);
  });

  it("takes --opt=value like --opt value", async () => {
    const spaced = JSON.parse((await checkCommand("--json", "--thresholds", "100,80", SAMPLE)).out);
    const joined = JSON.parse((await checkCommand("--json", "--thresholds=100,80", SAMPLE)).out);
    expect(joined.files[0].tables[0].classification.bands.map((b: { id: string }) => b.id)).toEqual(["dat-va-vuot", "tren-80", "duoi-80"]);
    expect(joined).toEqual(spaced);
  });

  it("parses repeated options, one-letter aliases and file names after --", () => {
    const specs = { out: { value: true, short: "o" }, resolve: { value: true, multiple: true }, json: {} } as const;
    expect(parseArgs(["-o", "a.xlsx", "--resolve=k1:plan=list", "--resolve", "k2:lead=workbook", "--", "-tep.xlsx"], specs)).toEqual({
      options: { out: "a.xlsx", resolve: ["k1:plan=list", "k2:lead=workbook"], json: false },
      positionals: ["-tep.xlsx"],
      help: false,
    });
    expect(() => parseArgs(["--out", "a", "--out", "b"], specs)).toThrow(
      new ArgsError("--out chỉ dùng một lần / --out may be given only once"),
    );
    expect(() => parseArgs(["-q"], specs)).toThrow(new ArgsError("Tùy chọn không rõ / unknown option: -q"));
  });
});
