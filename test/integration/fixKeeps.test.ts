/**
 * `annex check --fix` keeps the workbook: a workbook saved by LibreOffice with a chart, an image, a
 * note, a data-validation list, defined names, print titles and page setup, frozen panes, hidden
 * row/column/sheet, sheet and workbook protection comes out with every part the fill does not
 * touch byte for byte, the touched parts changed only where the fill writes, and LibreOffice
 * computes every filled cell to the engine's value.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCheck } from "../../src/cli/annex";
import { convertWithLibreOffice, csvNumber, recalculatedCells } from "../helpers/libreoffice";
import { buildRichWorkbook } from "../helpers/richWorkbook";
import { packageParts, rowsOf, topLevelElements } from "../helpers/xlsxParts";

const tmp = mkdtempSync(path.join(os.tmpdir(), "annex-fix-keeps-"));
const SHEET = "xl/worksheets/sheet1.xml";
const CHANGED = [SHEET, "xl/styles.xml", "xl/workbook.xml"];

interface Fill {
  cell: string;
  row: number;
  formula?: string;
  new: number | string;
}

let input: string;
let output: string;
let fill: Fill[];
let before: Map<string, Buffer>;
let after: Map<string, Buffer>;

beforeAll(async () => {
  input = await buildRichWorkbook(tmp);
  output = path.join(tmp, "fixed.xlsx");
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCheck(
    ["--json", "--fix", output, input],
    (t) => void out.push(t),
    (t) => void err.push(t),
  );
  expect({ code, err: err.join("\n") }).toEqual({ code: 1, err: "" }); // 1: the sample's own errors
  fill = JSON.parse(out.join("\n")).files[0].tables[0].fill.map((f: Fill) => ({ ...f, row: Number(f.cell.replace(/^[A-Z]+/, "")) }));
  before = await packageParts(input);
  after = await packageParts(output);
}, 180_000);

const text = (parts: Map<string, Buffer>, name: string) => parts.get(name)!.toString("utf8");

describe("--fix on a workbook saved by LibreOffice", () => {
  it("keeps every part, and every part it does not write byte for byte", () => {
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const name of [
      "xl/charts/chart1.xml",
      "xl/drawings/drawing1.xml",
      "xl/media/image1.png",
      "xl/comments1.xml",
      "xl/drawings/vmlDrawing1.vml",
    ]) {
      expect(after.has(name)).toBe(true);
    }
    const changed = [...before.keys()].filter((name) => !before.get(name)!.equals(after.get(name)!)).sort();
    expect(changed).toEqual([...CHANGED].sort());
  });

  it("changes the sheet only in its cells and conditional formats; protection, panes, validation, page setup and drawings stay", () => {
    const old = topLevelElements(text(before, SHEET));
    const fixed = topLevelElements(text(after, SHEET));
    const kept = (elements: [string, string][]) =>
      elements.filter(([name]) => !["sheetData", "dimension", "conditionalFormatting"].includes(name));
    expect(kept(fixed)).toEqual(kept(old));
    const names = fixed.map(([name]) => name);
    for (const feature of ["sheetProtection", "dataValidations", "pageSetup", "drawing", "legacyDrawing"]) expect(names).toContain(feature);
    expect(fixed.find(([name]) => name === "sheetViews")![1]).toContain('state="frozen"');
    expect(fixed.find(([name]) => name === "cols")![1]).toMatch(/hidden="true" outlineLevel="0" max="10" min="10"/);
    // The schema's order: conditional formats after the merged cells, before the data validations.
    expect(names.indexOf("conditionalFormatting")).toBe(names.indexOf("mergeCells") + 1);
    expect(names.lastIndexOf("conditionalFormatting")).toBe(names.indexOf("dataValidations") - 1);

    const oldRows = rowsOf(text(before, SHEET));
    const newRows = rowsOf(text(after, SHEET));
    const written = new Set([...fill.map((f) => f.row), ...[38, 39, 40, 41, 42, 43]]); // the fill, and the legend under the table
    for (const [row, xml] of oldRows) if (!written.has(row)) expect({ row, xml: newRows.get(row) }).toEqual({ row, xml });
    expect(newRows.get(45)).toContain('hidden="true"');
    expect([...newRows.keys()]).toEqual([...newRows.keys()].sort((a, b) => a - b));
  });

  it("changes workbook.xml only to recalculate on open: names, protection and the hidden sheet stay", () => {
    const old = topLevelElements(text(before, "xl/workbook.xml"));
    const fixed = topLevelElements(text(after, "xl/workbook.xml"));
    expect(fixed.filter(([name]) => name !== "calcPr")).toEqual(old.filter(([name]) => name !== "calcPr"));
    expect(fixed.find(([name]) => name === "calcPr")![1]).toContain('fullCalcOnLoad="1"');
    const book = text(after, "xl/workbook.xml");
    expect(book).toContain('<workbookProtection lockStructure="true"/>');
    expect(book).toContain('name="KeHoachNam"');
    expect(book).toContain("_xlnm.Print_Titles");
    expect(book).toMatch(/name="Dữ liệu gốc" sheetId="2" state="hidden"/);
  });

  it("only appends to styles.xml: every style index already in use keeps its meaning", () => {
    const old = new Map(topLevelElements(text(before, "xl/styles.xml")));
    const fixed = new Map(topLevelElements(text(after, "xl/styles.xml")));
    for (const [name, xml] of old) {
      const children = (s: string) => s.replace(/^<[^>]*>/, "").replace(/<\/[^>]*>$/, "");
      expect({ name, starts: children(fixed.get(name)!).startsWith(children(xml)) }).toEqual({ name, starts: true });
    }
  });

  it("gives formulas LibreOffice computes to the engine's values", async () => {
    const cells = await recalculatedCells(output);
    const computed = (address: string) => {
      const [, col, row] = /^([A-Z]+)(\d+)$/.exec(address)!;
      return cells[Number(row) - 1]?.[col.charCodeAt(0) - 65];
    };
    expect(fill.filter((f) => f.formula)).toHaveLength(41);
    for (const f of fill) {
      const value = csvNumber(computed(f.cell));
      expect({ cell: f.cell, value }).toEqual({ cell: f.cell, value: expect.any(Number) });
      expect(Math.abs(value! - (f.new as number))).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(f.new as number)));
    }
    // By hand: H20 = 5,835.00 − 2,307.8.
    expect(csvNumber(computed("H20"))).toBeCloseTo(3527.2, 9);
  }, 120_000);

  it("is a workbook LibreOffice opens with its chart, image, note, validation, protection and colour rules", async () => {
    const again = await packageParts(await convertWithLibreOffice(output, "xlsx"));
    const names = [...again.keys()];
    expect(names.some((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toBe(true);
    expect(names.some((n) => /^xl\/media\//.test(n))).toBe(true);
    expect(names.some((n) => /^xl\/comments\d*\.xml$/.test(n))).toBe(true);
    // (A headless save does not write view settings such as frozen panes, so they are not asked for here.)
    const sheet = text(again, SHEET);
    expect({ protection: sheet.includes("<sheetProtection"), validation: sheet.includes("<dataValidation ") }).toEqual({
      protection: true,
      validation: true,
    });
    expect(sheet.match(/<conditionalFormatting /g)).toHaveLength(2);
    expect(text(again, "xl/comments1.xml")).toContain("Số liệu do Sở Nông nghiệp gửi ngày 05/10/2020");
  }, 120_000);

  it("leaves the original as it was", () => {
    expect(readFileSync(input).length).toBeGreaterThan(0);
    return packageParts(input).then((parts) => {
      for (const [name, bytes] of before) expect(parts.get(name)!.equals(bytes)).toBe(true);
    });
  });
});
