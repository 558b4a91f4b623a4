import { readSheetSnapshot } from "../../../src/excel/readSnapshot";
import { SETTING_KEYS } from "../../../src/excel/settings";
import { loadUndo, UNDO_SHEET, UndoHistory, undoLast, undoLastWrite } from "../../../src/excel/undo";
import { decodeUndo, encodeUndo } from "../../../src/excel/undoRecord";
import { applyFillPlan } from "../../../src/excel/writePlan";
import { hiddenSheetText, type FakeCell, type FakeCellData, type FakeExcelHost } from "../../fakes/excel";
import { formulaWrite, plan, setup, sheetOf } from "./helpers";

const SHEET = "Phụ lục";

/** Column G holds every kind of content a fill may overwrite; D/E hold the operands. */
const TRICKY: Record<number, FakeCellData> = {
  7: { formula: "=E7/D7", value: 0.97, numberFormat: "0.0%" },
  8: { value: 12.5, numberFormat: "#,##0.00" },
  9: { value: "=abc" }, // text that looks like a formula
  10: { value: "1,005" }, // text that en-US Excel would read as 1005
  11: { value: "0012" },
  12: { value: "'quoted" },
  13: { value: true },
  14: { error: "#N/A" },
  15: { numberFormat: "@" }, // empty, formatted as Text
  16: { formula: "=D16*2", value: 4, numberFormat: "@" }, // a formula in a Text cell
  17: { value: 7, numberFormat: "@" },
  18: { value: "91,4%", numberFormat: "@" },
  19: { value: "+84 912 345 678" },
  20: {},
  21: { value: 44197, numberFormat: "dd/mm/yyyy" },
  22: { value: "-" }, // a dash for "none", common in annexes
  23: { value: "TRUE" },
  24: { value: "Hoàn thành", bold: true },
};

function trickySheet(): Record<string, FakeCellData | string | number> {
  const cells: Record<string, FakeCellData | string | number> = { B4: "Chỉ tiêu", G4: "% so KH" };
  for (let r = 7; r <= 24; r++) {
    cells[`B${r}`] = `Chỉ tiêu ${r}`;
    cells[`D${r}`] = r;
    cells[`E${r}`] = r * 2;
    cells[`G${r}`] = TRICKY[r];
  }
  return cells;
}

/** What a person can observe of a cell: its content (value or formula) and number format. */
function observable(cell: FakeCell | undefined) {
  if (!cell) return { content: { kind: "empty" }, numberFormat: "General", bold: false };
  const { kind } = cell.content;
  const content =
    kind === "formula"
      ? { kind, formula: (cell.content as { formula: string }).formula }
      : kind === "empty"
        ? { kind }
        : { kind, value: (cell.content as { value: unknown }).value };
  return { content, numberFormat: cell.numberFormat, bold: cell.bold };
}

function columnG(fake: FakeExcelHost) {
  const sheet = fake.workbook.sheet(SHEET)!;
  return Object.fromEntries(Array.from({ length: 18 }, (_, i) => [`G${i + 7}`, observable(sheet.peek(i + 7, 7))]));
}

const fillG = () => Array.from({ length: 18 }, (_, i) => formulaWrite(`G${i + 7}`, `=E${i + 7}-D${i + 7}`, "0.0"));

describe("undo", () => {
  it("restores every cell exactly — formulas, numbers, text that looks like a formula or a number, Text formats — in one sync", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET, cells: trickySheet() }] });
    const before = columnG(fake);
    const snapshot = await run((context) => readSheetSnapshot(context, sheetOf(context, SHEET)));
    const history = new UndoHistory();
    const { undo } = await run((context) => applyFillPlan(context, sheetOf(context, SHEET), plan(SHEET, fillG()), snapshot, { history }));
    expect(fake.workbook.sheet(SHEET)!.formulaAt(9, 7)).toBe("=E9-D9");

    const mark = fake.mark();
    const syncs = await run((context) => undoLastWrite(context, undo));
    expect(syncs).toBe(1);
    expect(fake.since(mark).syncs).toHaveLength(1);
    expect(columnG(fake)).toEqual(before);
    // The content kinds that matter most, spelled out.
    const g = fake.workbook.sheet(SHEET)!;
    expect(g.peek(9, 7)!.content).toMatchObject({ kind: "text", value: "=abc" });
    expect(g.peek(10, 7)!.content).toMatchObject({ kind: "text", value: "1,005" });
    expect(g.peek(16, 7)).toMatchObject({ content: { kind: "formula", formula: "=D16*2" }, numberFormat: "@" });
    expect(g.peek(22, 7)!.content).toMatchObject({ kind: "text", value: "-" });
  });

  it("survives a pane reload: the last fill is undone from the very hidden undo sheet", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET, cells: trickySheet() }] });
    const before = columnG(fake);
    const snapshot = await run((context) => readSheetSnapshot(context, sheetOf(context, SHEET)));
    await run((context) => applyFillPlan(context, sheetOf(context, SHEET), plan(SHEET, fillG()), snapshot, { history: new UndoHistory() }));

    const reloaded = new UndoHistory(); // memory lost
    const mark = fake.mark();
    const undone = await run((context) => undoLast(context, reloaded));
    expect(undone?.sheet).toBe(SHEET);
    expect(fake.since(mark).syncs).toHaveLength(4); // look for the sheet, read it, compare the cells, restore
    expect(columnG(fake)).toEqual(before);
    expect(hiddenSheetText(fake, UNDO_SHEET.name)).toBeNull();
    expect(await run((context) => undoLast(context, reloaded))).toBeNull();
  });

  it("undoes several fills in reverse order, keeping the saved one in step", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET, cells: trickySheet() }] });
    const history = new UndoHistory();
    const original = columnG(fake);
    const fill = async (formula: (r: number) => string) => {
      const snapshot = await run((context) => readSheetSnapshot(context, sheetOf(context, SHEET)));
      const writes = Array.from({ length: 18 }, (_, i) => formulaWrite(`G${i + 7}`, formula(i + 7)));
      return run((context) => applyFillPlan(context, sheetOf(context, SHEET), plan(SHEET, writes), snapshot, { history }));
    };
    const first = await fill((r) => `=E${r}-D${r}`);
    const afterFirst = columnG(fake);
    await fill((r) => `=E${r}+D${r}`);

    await run((context) => undoLast(context, history));
    expect(columnG(fake)).toEqual(afterFirst);
    expect(decodeUndo(hiddenSheetText(fake, UNDO_SHEET.name))?.id).toBe(first.undo.id);
    await run((context) => undoLast(context, history));
    expect(columnG(fake)).toEqual(original);
    expect(history.size).toBe(0);
  });

  it("saves a record over 1.5 MB in the undo sheet (settings would refuse it) and no longer reads an older version's setting", async () => {
    const cells: Record<string, string | number> = {};
    const long = "Đã triển khai thực hiện theo kế hoạch; ".repeat(15);
    for (let r = 1; r <= 3000; r++) {
      cells[`A${r}`] = r;
      cells[`B${r}`] = `${long}${r}`;
    }
    const { fake, run } = setup({ sheets: [{ name: SHEET, cells }], settings: { [SETTING_KEYS.undo]: "stale" } });
    const snapshot = await run((context) => readSheetSnapshot(context, sheetOf(context, SHEET)));
    const history = new UndoHistory();
    const writes = Array.from({ length: 3000 }, (_, i) => formulaWrite(`B${i + 1}`, `=A${i + 1}*2`));
    const report = await run((context) => applyFillPlan(context, sheetOf(context, SHEET), plan(SHEET, writes), snapshot, { history }));
    expect(encodeUndo(report.undo).length).toBeGreaterThan(1_500_000);
    expect(report.undoStorage).toBe("sheet");
    expect((await run((context) => loadUndo(context)))?.id).toBe(report.undo.id);
    await run((context) => undoLast(context, history));
    expect(await run((context) => loadUndo(context))).toBeNull();
    expect(fake.workbook.sheet(SHEET)!.valueAt(2999, 2)).toBe(`${long}2999`);
  });

  it("keeps the record when Excel refuses the undo (cell edit mode), so it can be retried", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET, cells: trickySheet() }] });
    const before = columnG(fake);
    const history = new UndoHistory();
    const snapshot = await run((context) => readSheetSnapshot(context, sheetOf(context, SHEET)));
    await run((context) => applyFillPlan(context, sheetOf(context, SHEET), plan(SHEET, fillG()), snapshot, { history }));
    fake.failNextSync("InvalidOperationInCellEditMode");
    await expect(run((context) => undoLast(context, history))).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
    expect(history.size).toBe(1);
    await run((context) => undoLast(context, history));
    expect(columnG(fake)).toEqual(before);
  });
});
