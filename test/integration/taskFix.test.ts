/**
 * `annex check --fix` on the task-list sample: one rule set per task state over each task's row,
 * the as-of day kept as the workbook name `AnnexAsOf`, and a legend. LibreOffice opens the output
 * and keeps the rules; it evaluates the rules' own formulas, so changing the name to a later day
 * shows which tasks turn overdue. Expected states come from samples/README.md ("How it stands on
 * 30/09/2023") and, for 31/12/2023, from the deadlines read by hand.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCheck } from "../../src/cli/annex";
import { PackageWorkbook } from "../../src/xlsx/package/packageWorkbook";
import { SheetXml, type ConditionalFormatting } from "../../src/xlsx/package/sheetXml";
import { ZipPackage } from "../../src/xlsx/package/zipPackage";
import { convertWithLibreOffice, recalculatedCells } from "../helpers/libreoffice";
import { TASK_SAMPLE } from "../helpers/samples";

const SHEET = "Nhiệm vụ 2023";
const SHEET_PART = "xl/worksheets/sheet1.xml";
/** 31/10/2023 as a serial day of Excel's 1900 system. */
const OCT_31_2023 = 45230;
/** The legend's as-of cell as LibreOffice's CSV export shows a dd/mm/yyyy cell (in its en-US locale). */
const SEPT_30_SHOWN = "09/30/2023";
const DEC_31_SHOWN = "12/31/2023";

/** The rule colours (fill) of each state, as the engine gives them. */
const FILL: Record<string, string> = {
  FFD55E00: "overdue",
  FFFFE08A: "done-late",
  FFE7E7E7: "in-progress",
  FF9ECAE1: "done-on-time",
  FFDEEBF7: "done",
};

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "annex-task-fix-"));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function fix(input: string, output: string): Promise<void> {
  const out: string[] = [];
  const code = await runCheck(
    ["--fix", output, input],
    (t) => void out.push(t),
    (t) => void out.push(t),
  );
  expect(code).toBe(0);
}

async function part(file: string, name: string): Promise<string> {
  return (await ZipPackage.open(readFileSync(file))).text(name);
}

async function formats(file: string): Promise<ConditionalFormatting[]> {
  return new SheetXml(await part(file, SHEET_PART)).conditionalFormattings();
}

function definedNames(workbookXml: string): string[] {
  return [...workbookXml.matchAll(/<definedName\b[^>]*name="([^"]+)"[^>]*>([^<]*)<\/definedName>/g)].map((m) => `${m[1]}=${m[2]}`);
}

/** A copy with the name's value replaced, as a person edits it in Name Manager (here: in workbook.xml). */
async function withAsOf(file: string, formula: string, output: string): Promise<string> {
  const zip = await ZipPackage.open(readFileSync(file));
  const text = await zip.text("xl/workbook.xml");
  zip.setText("xl/workbook.xml", text.replace(/(<definedName[^>]*name="AnnexAsOf"[^>]*>)[^<]*/, `$1${formula}`));
  writeFileSync(output, await zip.toBuffer());
  return output;
}

/**
 * What the rules show per row, evaluated by LibreOffice: a copy where, beside the table (column I
 * on), each rule's formula is a cell on its block's first row; the row shows the state whose
 * formula is true ("" when none is).
 */
async function shownStates(file: string, copy: string): Promise<{ states: Map<number, string>; asOf: string | undefined }> {
  const rules = await formats(file);
  const zip = await ZipPackage.open(readFileSync(file));
  const workbook = await PackageWorkbook.open(zip);
  const sheet = (await workbook.sheet(SHEET))!;
  const dxfs = [...(await part(file, "xl/styles.xml")).matchAll(/<dxf>.*?<\/dxf>/g)].map((m) => m[0]);
  const candidates: { row: number; column: number; state: string }[] = [];
  for (const format of rules) {
    const row = Number(/\d+/.exec(format.sqref)![0]);
    const element = format.element;
    element.children.forEach((rule, i) => {
      const dxf = dxfs[Number(rule.attributes.get("dxfId"))];
      const state = FILL[/bgColor rgb="(\w+)"/.exec(dxf)![1]];
      sheet.writeCell(row, 9 + i, { formula: format.rules[i].formulas[0] });
      candidates.push({ row, column: 9 + i, state });
    });
  }
  await workbook.save();
  writeFileSync(copy, await zip.toBuffer());
  const cells = await recalculatedCells(copy);
  const states = new Map<number, string>();
  for (const c of candidates) {
    const value = cells[c.row - 1]?.[c.column - 1];
    if (!states.has(c.row)) states.set(c.row, "");
    if (value === "TRUE" || value === "1") states.set(c.row, states.get(c.row) ? `${states.get(c.row)}+${c.state}` : c.state);
  }
  // The legend's last line shows the name's value.
  const legendAsOf = cells.find((r) => r[0]?.startsWith("Tính đến ngày"));
  return { states, asOf: legendAsOf?.[1] };
}

describe("--fix on the task-list sample", () => {
  let fixed: string;

  beforeAll(async () => {
    fixed = join(dir, "nhiem-vu.sua.xlsx");
    await fix(TASK_SAMPLE, fixed);
  });

  it("colours each task's row by its state, keeps the as-of day in the name AnnexAsOf, and adds a legend", async () => {
    const written = await formats(fixed);
    expect(written.map((f) => [f.sqref, ...f.rules.map((r) => r.formulas[0])])).toEqual([
      ["A7:G7", "TRUE"],
      ["A8:G8", "AnnexAsOf<=DATE(2023,6,30)", "DATE(2023,6,30)<AnnexAsOf"],
      ["A9:G9", "TRUE"],
      ["A12:G13", "AnnexAsOf<=DATE(2023,12,31)", "DATE(2023,12,31)<AnnexAsOf"],
      ["A14:G14", "TRUE"],
      ["A15:G15", "AnnexAsOf<=DATE(2023,9,30)", "DATE(2023,9,30)<AnnexAsOf"],
      ["A16:G16", "AnnexAsOf<=DATE(2023,9,30)", "DATE(2023,9,30)<AnnexAsOf"],
      ["A17:G17", "AnnexAsOf<=DATE(2023,9,30)", "DATE(2023,9,30)<AnnexAsOf"],
      ["A19:G19", "AnnexAsOf<=DATE(2023,12,31)", "DATE(2023,12,31)<AnnexAsOf"],
      ["A20:G20", "TRUE"],
    ]);
    expect(definedNames(await part(fixed, "xl/workbook.xml"))).toEqual(["AnnexAsOf=DATE(2023,9,30)"]);
    const cells = await recalculatedCells(fixed);
    expect(cells.slice(21, 30).map((r) => r.slice(0, 2))).toEqual([
      ["Chú giải màu / Colour legend", ""],
      ["Quá hạn", "Overdue"],
      ["Hoàn thành trễ hạn", "Done late"],
      ["Đang thực hiện, trong hạn", "Under way, within the deadline"],
      ["Hoàn thành đúng và trước hạn", "Done on time or early"],
      ["Đã hoàn thành, chưa rõ đúng hạn", "Done, timing not known"],
      ["Thực hiện thường xuyên", "Ongoing, no deadline"],
      ["Chưa xác định", "Cannot tell"],
      ["Tính đến ngày (đổi tên AnnexAsOf để xét ngày khác) / As of (change the name AnnexAsOf to judge another day)", SEPT_30_SHOWN],
    ]);
  });

  it("replaces its own rules and the name when applied again, never stacking them", async () => {
    const again = join(dir, "nhiem-vu.sua-lai.xlsx");
    await fix(fixed, again);
    expect((await formats(again)).map((f) => f.sqref)).toEqual((await formats(fixed)).map((f) => f.sqref));
    expect(definedNames(await part(again, "xl/workbook.xml"))).toEqual(["AnnexAsOf=DATE(2023,9,30)"]);
  });

  it("is opened by LibreOffice, which keeps the rules and the name when it saves the workbook again", async () => {
    const saved = await convertWithLibreOffice(fixed, "xlsx");
    const kept = await formats(saved);
    expect(kept.map((f) => f.sqref)).toEqual((await formats(fixed)).map((f) => f.sqref));
    expect(kept.find((f) => f.sqref === "A15:G15")!.rules.map((r) => r.formulas[0])).toEqual([
      "AnnexAsOf<=DATE(2023,9,30)",
      "DATE(2023,9,30)<AnnexAsOf",
    ]);
    expect(definedNames(await part(saved, "xl/workbook.xml"))).toEqual(["AnnexAsOf=DATE(2023,9,30)"]);
    // A second --fix over LibreOffice's copy (which saves "TRUE" as "1") still replaces the rules.
    const refixed = join(dir, "nhiem-vu.lo.sua.xlsx");
    await fix(saved, refixed);
    expect((await formats(refixed)).map((f) => f.sqref)).toEqual(kept.map((f) => f.sqref));
  });

  it("recolours when the name changes: on 31/12/2023 the tasks due in the third quarter and not done are overdue", async () => {
    const before = await shownStates(fixed, join(dir, "eval-0930.xlsx"));
    expect(before.asOf).toBe(SEPT_30_SHOWN);
    expect(Object.fromEntries(before.states)).toEqual({
      7: "done-on-time",
      8: "overdue",
      9: "done-late",
      12: "in-progress",
      14: "done-on-time",
      15: "in-progress",
      16: "done-on-time",
      17: "in-progress",
      19: "in-progress",
      20: "overdue",
    });

    const later = await withAsOf(fixed, "DATE(2023,12,31)", join(dir, "nhiem-vu.1231.xlsx"));
    const after = await shownStates(later, join(dir, "eval-1231.xlsx"));
    expect(after.asOf).toBe(DEC_31_SHOWN);
    expect(Object.fromEntries(after.states)).toEqual({
      7: "done-on-time",
      8: "overdue",
      9: "done-late",
      12: "in-progress", // due 31/12/2023: not past yet
      14: "done-on-time",
      15: "overdue", // Quý III/2023, under way
      16: "done", // done without a date: on time no more certain once 30/09 is past
      17: "overdue",
      19: "in-progress",
      20: "overdue",
    });
  });
});

describe("--fix with a deadline in a date cell", () => {
  it("compares the cell itself with AnnexAsOf, so a later as-of day turns the task under way overdue", async () => {
    // Task II.1 (row 12, under way) gets the deadline 31/10/2023 as a date cell, styled like E14's date.
    const zip = await ZipPackage.open(readFileSync(TASK_SAMPLE));
    const workbook = await PackageWorkbook.open(zip);
    const sheet = (await workbook.sheet(SHEET))!;
    sheet.writeCell(12, 5, { number: OCT_31_2023 }, sheet.cell(14, 5)!.style);
    await workbook.save();
    const input = join(dir, "ngay-o-e12.xlsx");
    writeFileSync(input, await zip.toBuffer());
    const fixed = join(dir, "ngay-o-e12.sua.xlsx");
    await fix(input, fixed);

    const row12 = (await formats(fixed)).find((f) => f.sqref === "A12:G12")!;
    expect(row12.rules.map((r) => r.formulas[0])).toEqual(["AND(ISNUMBER($E12),AnnexAsOf<=$E12)", "AND(ISNUMBER($E12),$E12<AnnexAsOf)"]);
    expect((await shownStates(fixed, join(dir, "e12-0930.xlsx"))).states.get(12)).toBe("in-progress");
    const later = await withAsOf(fixed, "DATE(2023,12,31)", join(dir, "ngay-o-e12.1231.xlsx"));
    expect((await shownStates(later, join(dir, "e12-1231.xlsx"))).states.get(12)).toBe("overdue");
  });
});
