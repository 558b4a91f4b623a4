/**
 * Issue 9, item 2: formulas are read, evaluated and checked. Workbooks with live formulas, some with
 * a cached result and some saved without, go through `annex check`, its `--fix`, and a re-check.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { SheetView, type CellValue } from "../../src/annex";
import { withFormulaValues } from "../../src/annex/formula/sheetValues";
import { runCheck } from "../../src/cli/annex";
import { loadWorkbook, workbookSnapshots } from "../../src/xlsx/readWorkbook";
import { csvNumber, recalculatedCells } from "../helpers/libreoffice";
import { SAMPLE } from "../helpers/samples";
import { annexSheet, correctFormulaCells, PLANTS, plantedCells, type FormulaColumnCell } from "../unit/annex/formula/annexWithFormulas";

const tmp = mkdtempSync(path.join(os.tmpdir(), "annex-formulas-"));

interface JsonFinding {
  code: string;
  severity: string;
  cell: string;
  expected?: unknown;
}

async function checkJson(...args: string[]): Promise<{ code: number; findings: JsonFinding[]; fill: { cell: string }[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCheck(
    ["--json", ...args],
    (t) => {
      out.push(t);
    },
    (t) => {
      err.push(t);
    },
  );
  expect(err).toEqual([]);
  const [file] = JSON.parse(out.join("\n")).files;
  return { code, findings: file.findings, fill: file.tables.flatMap((t: { fill: { cell: string }[] }) => t.fill) };
}

/** The annex written with ExcelJS: a formula with `result` keeps a cached value, one without has none. */
async function writeAnnex(file: string, cells: Record<string, FormulaColumnCell>): Promise<void> {
  const spec = annexSheet(cells);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(spec.sheet!);
  spec.rows.forEach((values, r) =>
    values.forEach((value, c) => {
      if (value !== null) sheet.getCell(r + 1, c + 1).value = value;
    }),
  );
  for (const [address, content] of Object.entries(cells)) {
    const cell = sheet.getCell(address);
    cell.value =
      typeof content === "number"
        ? content
        : ({
            formula: content.formula.slice(1),
            ...(content.cached !== undefined ? { result: content.cached } : {}),
          } as ExcelJS.CellFormulaValue);
  }
  for (const [address, format] of Object.entries(spec.formats ?? {})) sheet.getCell(address).numFmt = format;
  sheet.mergeCells("A1:I1");
  await workbook.xlsx.writeFile(file);
}

const key = (f: JsonFinding) => `${f.code}@${f.cell}`;

/** Check, fix, re-check: the findings of both checks and what the re-check would still fill. */
async function checkFixRecheck(input: string) {
  const fixed = path.join(tmp, `${path.basename(input, ".xlsx")}.fixed.xlsx`);
  const before = await checkJson("--fix", fixed, input);
  const after = await checkJson(fixed);
  return { before, after };
}

describe("formulas read, evaluated and checked", () => {
  it("reports exactly one formula-reference per wrong reference, with its severity and the formula it should be", async () => {
    const file = path.join(tmp, "planted.xlsx");
    await writeAnnex(file, plantedCells());
    const { code, findings } = await checkJson(file);
    expect(findings.map((f) => `${key(f)}:${f.severity}`)).toEqual(PLANTS.map((p) => `formula-reference@${p.cell}:${p.severity}`));
    expect(findings.find((f) => f.cell === "G11")?.expected).toBe('=IF(AND(ISNUMBER(E11),ISNUMBER(F11),F11<>0),E11/F11,"")');
    expect(code).toBe(1);
  });

  it("finds nothing in guarded formulas saved with and without results, and --fix writes nothing there", async () => {
    const file = path.join(tmp, "clean.xlsx");
    await writeAnnex(file, correctFormulaCells());
    const { code, findings, fill } = await checkJson(file);
    expect(findings).toEqual([]);
    expect(fill).toEqual([]);
    expect(code).toBe(0);
  });

  it("re-checking the --fix output of the planted annex finds none of them, and nothing new", async () => {
    const file = path.join(tmp, "planted-to-fix.xlsx");
    await writeAnnex(file, plantedCells());
    const { before, after } = await checkFixRecheck(file);
    expect(before.fill.map((w) => w.cell).sort()).toEqual(PLANTS.map((p) => p.cell).sort());
    const original = new Set(before.findings.map(key));
    expect(after.findings.filter((f) => !original.has(key(f)))).toEqual([]);
    expect(after.findings).toEqual([]);
    expect(after.fill).toEqual([]);
  });

  it("re-checking the sample's --fix output finds nothing the original did not have, and no filled cell is blank", async () => {
    const { before, after } = await checkFixRecheck(SAMPLE);
    const original = new Set(before.findings.map(key));
    expect(after.findings.filter((f) => !original.has(key(f)))).toEqual([]);
    const filled = new Set(before.fill.map((w) => w.cell));
    expect(filled.size).toBeGreaterThan(40);
    expect(after.findings.filter((f) => f.code === "formula-blank")).toEqual([]);
    // What the fill fixed is gone: the three wrong figures, the blanks, the figures typed as text it converted.
    expect(after.findings.map(key)).toEqual(["operand-missing@E18", "number-stored-as-text@D21", "text-in-formula-column@H33"]);
    expect(after.fill).toEqual([]);
  });

  it("reads each copy of a shared formula as its own formula, moved to its row", async () => {
    const file = path.join(tmp, "shared.xlsx");
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("S");
    sheet.getCell("A1").value = 2;
    sheet.getCell("A2").value = 3;
    sheet.getCell("B1").value = { formula: "A1*2", result: 4 } as ExcelJS.CellFormulaValue;
    sheet.getCell("B2").value = { sharedFormula: "B1" } as ExcelJS.CellSharedFormulaValue;
    await workbook.xlsx.writeFile(file);
    const [snapshot] = workbookSnapshots(await loadWorkbook(file));
    expect(snapshot.formulas?.[1][1]).toBe("=A2*2");
    expect(snapshot.values[1][1]).toBeNull();
  });

  it("computes formulas saved without a result to what LibreOffice computes, worked out by hand", async () => {
    // A1..A7: 10, 4, 0, (blank), "Khoảng 4", 2.5, -2.5. Each formula with the value it must give.
    const cases: [string, CellValue][] = [
      ["A1/A2", 2.5],
      ["A1/A3", "#DIV/0!"],
      ['IF(AND(ISNUMBER(A1),ISNUMBER(A3),A3<>0),A1/A3,"")', ""],
      ['IF(AND(ISNUMBER(A1),ISNUMBER(A2),A2<>0),A1/A2,"")', 2.5],
      ["SUM(A1:A7)", 14],
      ["ROUND(A6,0)", 3],
      ["ROUND(A7,0)", -3],
      ["ABS(A7)", 2.5],
      ["A1*50%", 5],
      ["-A2^2", 16],
      ['IF(A4="",1,2)', 1],
      ["OR(A1>100,A2>1)", true],
      ["AND(A1>1,A2>5)", false],
      ["A5*2", "#VALUE!"],
      ["B1*2", 5],
      ["IFERROR(A1/A3,0)", 0],
      ["A4+1", 1],
      ["(A1-A2)/A2", 1.5],
      ["A1-A2*2+A6", 4.5],
    ];
    const file = path.join(tmp, "oracle.xlsx");
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("S");
    [10, 4, 0, null, "Khoảng 4", 2.5, -2.5].forEach((v, i) => {
      if (v !== null) sheet.getCell(i + 1, 1).value = v;
    });
    cases.forEach(([formula], i) => (sheet.getCell(i + 1, 2).value = { formula } as ExcelJS.CellFormulaValue));
    await workbook.xlsx.writeFile(file);

    const [snapshot] = workbookSnapshots(await loadWorkbook(file));
    const view = new SheetView(withFormulaValues(snapshot));
    const engine = cases.map((_, i) => view.value(i + 1, 2));
    expect(engine).toEqual(cases.map(([, value]) => value));

    const recalculated = await recalculatedCells(file);
    const libreOffice = cases.map(([, expected], i) => {
      const text = recalculated[i]?.[1] ?? "";
      return typeof expected === "number" ? csvNumber(text) : typeof expected === "boolean" ? text === "TRUE" : text;
    });
    expect(libreOffice).toEqual(cases.map(([, value]) => value));
  });
});
