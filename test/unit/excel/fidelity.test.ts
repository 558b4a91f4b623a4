/**
 * Excel fidelity: the fake refuses what Excel refuses (malformed formulas, members above the
 * host's ExcelApi version), a full settings store no longer stops a fill (the undo lives in a very
 * hidden sheet), both cell-edit-mode codes get the "finish editing" message, and the pane's Undo
 * never overwrites cells a person changed after the fill.
 */
import { isCellEditMode, isRetryable, toUserMessage, UndoConflictError } from "../../../src/excel/errors";
import { readSheetSnapshot } from "../../../src/excel/readSnapshot";
import { UNDO_SHEET, UndoHistory, undoLast } from "../../../src/excel/undo";
import { applyFillPlan } from "../../../src/excel/writePlan";
import { hiddenSheetText, insertRows, userEdit } from "../../fakes/excel";
import { annexCells, formulaWrite, plan, ratioWrites, setup, sheetOf, caught } from "./helpers";

const SHEET = "Phụ lục";

describe("the fake refuses what Excel refuses", () => {
  it("rejects malformed formulas with InvalidArgument and writes nothing of the batch; an unknown function shows #NAME?", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET, cells: annexCells(3) }] });
    for (const bad of ["=IF(E7>0,E7/D7", "=IF(E7>0;E7/D7;0)", "=E7-", '=IF(E7>0,"x,0)']) {
      const error = await caught(run(async (context) => (sheetOf(context, SHEET).getRange("G7").formulas = [[bad]])));
      expect(error).toMatchObject({ code: "InvalidArgument" });
      expect(fake.workbook.sheet(SHEET)!.peek(7, 7)).toBeUndefined();
    }
    await run(async (context) => (sheetOf(context, SHEET).getRange("G7:G8").formulas = [["=ISNUMBR(E7)"], ['=IF(ISNUMBER(E8),";","")']]));
    expect(fake.workbook.sheet(SHEET)!.valueAt(7, 7)).toBe("#NAME?");
    expect(fake.workbook.sheet(SHEET)!.formulaAt(8, 7)).toBe('=IF(ISNUMBER(E8),";","")');
  });

  it("fails an unguarded call above the configured ExcelApi version with ApiNotFound", async () => {
    const { run } = setup({ sheets: [{ name: SHEET, cells: annexCells(3) }], excelApi: "1.8" });
    const merges = await caught(
      run(async (context) => {
        const m = sheetOf(context, SHEET).getRange("A1:H9").getMergedAreasOrNullObject();
        m.load("address");
        await context.sync();
      }),
    );
    expect(merges).toMatchObject({ code: "ApiNotFound" });
    const bold = await caught(
      run(async (context) =>
        context
          .sync()
          .then(() =>
            sheetOf(context, SHEET)
              .getRange("A1")
              .getCellProperties({ format: { font: { bold: true } } }),
          )
          .then(() => context.sync()),
      ),
    );
    expect(bold).toMatchObject({ code: "ApiNotFound" });
    // The adapter guards itself: with the defaults it asks Office which sets it has, and reads anyway.
    const snapshot = await run((context) => readSheetSnapshot(context, sheetOf(context, SHEET)));
    expect(snapshot.values.length).toBeGreaterThan(0);
  });
});

describe("the adapter on a workbook as Excel keeps it", () => {
  it("fills a workbook whose settings store is full: the undo goes to the very hidden sheet", async () => {
    const { fake, run } = setup({
      sheets: [{ name: SHEET, cells: annexCells(18) }],
      settings: { "other.addin.cache": "x".repeat(1_040_000) },
    });
    const snapshot = await run((context) => readSheetSnapshot(context, sheetOf(context, SHEET)));
    const report = await run((context) =>
      applyFillPlan(context, sheetOf(context, SHEET), plan(SHEET, ratioWrites(18)), snapshot, { history: new UndoHistory() }),
    );
    expect(report.undoStorage).toBe("sheet");
    expect(fake.workbook.sheet(SHEET)!.formulaAt(7, 8)).toBe("=E7-D7");
    expect(hiddenSheetText(fake, UNDO_SHEET.name)).toContain(report.undo.id);
    expect(fake.workbook.sheet(UNDO_SHEET.name)!.visibility).toBe("VeryHidden");
  });

  it("tells a person in cell edit mode to finish editing, whichever of the two codes Excel sends", () => {
    for (const code of ["InvalidOperationInCellEditMode", "InvalidOperation"]) {
      const message = toUserMessage({ code, message: "…" });
      expect(message.vi).toMatch(/Enter hoặc Esc/);
      expect(message.en).toMatch(/Enter or Esc/);
      expect(message.code).toBe(code);
      expect(isCellEditMode({ code })).toBe(true);
      expect(isRetryable({ code })).toBe(true);
    }
  });

  it("does not undo over cells changed since the fill (typed, or put back by Excel's Ctrl+Z): it names them and writes nothing", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET, cells: annexCells(5) }] });
    const history = new UndoHistory();
    const snapshot = await run((context) => readSheetSnapshot(context, sheetOf(context, SHEET)));
    await run((context) => applyFillPlan(context, sheetOf(context, SHEET), plan(SHEET, ratioWrites(5)), snapshot, { history }));
    userEdit(fake, SHEET, "H8", 12); // a person's correction
    userEdit(fake, SHEET, "G10", ""); // Excel's Ctrl+Z emptied what the add-in wrote
    const writes = fake.rangeWrites.length;
    const error = await caught(run((context) => undoLast(context, history)));
    expect(error).toBeInstanceOf(UndoConflictError);
    expect([...(error as UndoConflictError).cells].sort()).toEqual(["G10", "H8"]);
    const message = toUserMessage(error);
    expect(message.vi).toMatch(/H8, G10|G10, H8/);
    expect(message.vi).toMatch(/Không ô nào bị ghi đè/);
    expect(message.en).toMatch(/Nothing was overwritten/);
    expect(fake.rangeWrites.length).toBe(writes);
    expect(fake.workbook.sheet(SHEET)!.valueAt(8, 8)).toBe(12);
    expect(history.size).toBe(1);
  });

  it("undoes a fill whose formulas Excel hands back in its own spelling", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET, cells: annexCells(2) }] });
    const history = new UndoHistory();
    const snapshot = await run((context) => readSheetSnapshot(context, sheetOf(context, SHEET)));
    await run((context) =>
      applyFillPlan(context, sheetOf(context, SHEET), plan(SHEET, [formulaWrite("H7", '=if(E7>0, E7-D7, "")')]), snapshot, { history }),
    );
    fake.workbook.sheet(SHEET)!.peek(7, 8)!.content = { kind: "formula", formula: '=IF(E7>0,E7-D7,"")', cached: null };
    expect((await run((context) => undoLast(context, history)))?.cells).toHaveLength(1);
    expect(fake.workbook.sheet(SHEET)!.peek(7, 8)?.content.kind ?? "empty").toBe("empty");
  });

  it("moves cells, formulas, merges and conditional formats when a person inserts rows", () => {
    const { fake } = setup({
      sheets: [
        {
          name: SHEET,
          cells: { A5: 1, A6: 2, B6: { formula: "=SUM(A5:A6)+A6" } },
          merges: ["C5:C6"],
          conditionalFormats: [{ range: "A5:A6", formula: "=$A5<2" }],
        },
      ],
    });
    insertRows(fake, SHEET, 6, 2);
    const sheet = fake.workbook.sheet(SHEET)!;
    expect([sheet.valueAt(5, 1), sheet.valueAt(8, 1)]).toEqual([1, 2]);
    expect(sheet.formulaAt(8, 2)).toBe("=SUM(A5:A8)+A8");
    expect(sheet.merges).toEqual([{ top: 5, left: 3, bottom: 8, right: 3 }]);
    expect(sheet.conditionalFormats[0]).toMatchObject({ areas: [{ top: 5, left: 1, bottom: 8, right: 1 }], formula: "=$A5<2" });
  });
});
