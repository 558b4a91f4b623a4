import { readSheetSnapshot } from "../../../src/excel/readSnapshot";
import { UNDO_SHEET, UndoHistory } from "../../../src/excel/undo";
import { hiddenSheetText } from "../../fakes/excel";
import { decodeUndo } from "../../../src/excel/undoRecord";
import { applyFillPlan } from "../../../src/excel/writePlan";
import { annexCells, formulaWrite, numberWrite, plan, ratioWrites, setup, sheetOf } from "./helpers";

const SHEET = "Phụ lục";
/** What the pane knows after an analysis: whether the undo sheet exists (then the fill is one sync). */
const undoSheet = () => ({ info: { exists: false, lastRow: 0 } });

async function readThenFill(run: ReturnType<typeof setup>["run"], writes: Parameters<typeof plan>[1], history = new UndoHistory()) {
  const snapshot = await run((context) => readSheetSnapshot(context, sheetOf(context, SHEET)));
  return run((context) => applyFillPlan(context, sheetOf(context, SHEET), plan(SHEET, writes), snapshot, { history }));
}

describe("applyFillPlan", () => {
  it("writes formula columns as 2D blocks with their formats, in one sync", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET, cells: annexCells(18) }] });
    const snapshot = await run((context) => readSheetSnapshot(context, sheetOf(context, SHEET)));
    const mark = fake.mark();
    const report = await run((context) =>
      applyFillPlan(context, sheetOf(context, SHEET), plan(SHEET, ratioWrites(18)), snapshot, {
        history: new UndoHistory(),
        undoSheet: undoSheet(),
      }),
    );
    const { syncs } = fake.since(mark);
    const writes = fake.since(mark).writes.filter((w) => w.sheet === SHEET); // the undo sheet's are tested below

    expect(syncs).toHaveLength(1);
    expect(report.syncs).toBe(1);
    // 36 cells, G7:H24 side by side over the same rows: one formulas write and one numberFormat write.
    expect(writes).toEqual([
      { sheet: SHEET, address: "G7:H24", property: "numberFormat", rows: 18, columns: 2 },
      { sheet: SHEET, address: "G7:H24", property: "formulas", rows: 18, columns: 2 },
    ]);
    const sheet = fake.workbook.sheet(SHEET)!;
    expect(sheet.peek(7, 7)).toMatchObject({ content: { kind: "formula", formula: '=IF(D7=0,"",E7/D7)' }, numberFormat: "0.0%" });
    expect(sheet.peek(24, 8)).toMatchObject({ content: { kind: "formula", formula: "=E24-D24" }, numberFormat: "#,##0.00" });
  });

  it("groups scattered writes into a few blocks, not one range per cell", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET, cells: annexCells(30) }] });
    const writes = [
      ...ratioWrites(30).filter((w) => w.row !== 15 || w.column !== 8), // a gap in H
      numberWrite("E12", 1234.5, "#,##0.0"),
      numberWrite("E13", 50, "#,##0.0"),
    ];
    const mark = fake.mark();
    await readThenFill(run, writes);
    const formulaWrites = fake.since(mark).writes.filter((w) => w.property === "formulas");
    expect(formulaWrites.map((w) => w.address).sort()).toEqual(["E12:E13", "G7:G36", "H16:H36", "H7:H14"].sort());
    expect(formulaWrites.reduce((n, w) => n + w.rows * w.columns, 0)).toBe(writes.length);
  });

  it("writes numbers as JS numbers, never as locale text", async () => {
    const { fake, run } = setup({
      sheets: [{ name: SHEET, cells: { ...annexCells(5), E8: "1.234,5", E9: { value: "0,5", numberFormat: "@" } } }],
    });
    const mark = fake.mark();
    await readThenFill(run, [numberWrite("E8", 1234.5, "#,##0.0"), numberWrite("E9", 0.5, "0.0")]);
    const sheet = fake.workbook.sheet(SHEET)!;
    expect(sheet.peek(8, 5)!.content).toEqual({ kind: "number", value: 1234.5 });
    // The Text format went first, or the number would have been stored as text.
    expect(sheet.peek(9, 5)).toMatchObject({ content: { kind: "number", value: 0.5 }, numberFormat: "0.0" });
    expect(fake.since(mark).syncs[0].requestBytes).toBeGreaterThan(0);
  });

  it("gives a Text-formatted target cell General first so the formula is a formula", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET, cells: { ...annexCells(3), G7: { value: "97.8%", numberFormat: "@" } } }] });
    await readThenFill(run, [formulaWrite("G7", "=E7/D7")]);
    expect(fake.workbook.sheet(SHEET)!.peek(7, 7)).toMatchObject({
      content: { kind: "formula", formula: "=E7/D7" },
      numberFormat: "General",
    });
  });

  it("takes one sync for 50 rows and for 5,000 rows", async () => {
    for (const rows of [50, 5000]) {
      const { fake, run } = setup({ sheets: [{ name: SHEET, cells: annexCells(rows) }] });
      const snapshot = await run((context) => readSheetSnapshot(context, sheetOf(context, SHEET)));
      const mark = fake.mark();
      await run((context) =>
        applyFillPlan(context, sheetOf(context, SHEET), plan(SHEET, ratioWrites(rows)), snapshot, {
          history: new UndoHistory(),
          undoSheet: undoSheet(),
        }),
      );
      const { syncs } = fake.since(mark);
      const writes = fake.since(mark).writes.filter((w) => w.sheet === SHEET);
      expect({ rows, syncs: syncs.length, rangeWrites: writes.length }).toEqual({ rows, syncs: 1, rangeWrites: 2 });
      expect(syncs[0].requestBytes).toBeLessThan(5 * 1024 * 1024);
    }
  });

  it("splits into more syncs only when the request passes the budget", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET, cells: annexCells(2000) }] });
    const snapshot = await run((context) => readSheetSnapshot(context, sheetOf(context, SHEET)));
    const mark = fake.mark();
    const report = await run((context) =>
      applyFillPlan(context, sheetOf(context, SHEET), plan(SHEET, ratioWrites(2000)), snapshot, {
        history: new UndoHistory(),
        maxBytesPerSync: 200_000,
      }),
    );
    const { syncs } = fake.since(mark);
    expect(report.syncs).toBe(syncs.length);
    expect(syncs.length).toBeGreaterThan(1);
    // The budget is an estimate of the request; the measured requests stay close to it.
    expect(Math.max(...syncs.map((s) => s.requestBytes))).toBeLessThan(220_000);
    expect(fake.workbook.sheet(SHEET)!.formulaAt(2006, 8)).toBe("=E2006-D2006");
  });

  it("saves the undo record in the very hidden undo sheet in the same sync, from the snapshot", async () => {
    const { fake, run } = setup({
      sheets: [{ name: SHEET, cells: { ...annexCells(3), G7: { value: 0.9, numberFormat: "0%" }, H8: "chưa có" } }],
    });
    const snapshot = await run((context) => readSheetSnapshot(context, sheetOf(context, SHEET)));
    const mark = fake.mark();
    const history = new UndoHistory();
    const report = await run((context) =>
      applyFillPlan(context, sheetOf(context, SHEET), plan(SHEET, ratioWrites(3)), snapshot, { history, undoSheet: undoSheet() }),
    );
    expect(fake.since(mark).syncs).toHaveLength(1);
    expect(report.undoStorage).toBe("sheet");
    expect(history.peek()).toBe(report.undo);
    expect(fake.workbook.sheet(UNDO_SHEET.name)?.visibility).toBe("VeryHidden");
    const saved = decodeUndo(hiddenSheetText(fake, UNDO_SHEET.name));
    expect(saved).toEqual(report.undo);
    expect(saved!.cells.find((c) => c.address === "G7")).toEqual({
      address: "G7",
      kind: "number",
      formula: 0.9,
      numberFormat: "0%",
      written: '=IF(D7=0,"",E7/D7)',
    });
    expect(saved!.cells.find((c) => c.address === "H8")).toEqual({
      address: "H8",
      kind: "text",
      formula: "chưa có",
      numberFormat: "General",
      written: "=E8-D8",
    });
    expect(saved!.cells.find((c) => c.address === "H9")).toEqual({
      address: "H9",
      kind: "empty",
      formula: "",
      numberFormat: "General",
      written: "=E9-D9",
    });
  });

  it("rejects a plan for another sheet and a malformed write before sending anything", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET, cells: annexCells(3) }] });
    const snapshot = await run((context) => readSheetSnapshot(context, sheetOf(context, SHEET)));
    const mark = fake.mark();
    await expect(run((context) => applyFillPlan(context, sheetOf(context, SHEET), plan("Khác", []), snapshot))).rejects.toThrow(/snapshot/);
    await expect(
      run((context) => applyFillPlan(context, sheetOf(context, SHEET), plan(SHEET, [numberWrite("E7", NaN)]), snapshot)),
    ).rejects.toThrow(/finite/);
    expect(fake.since(mark).syncs).toHaveLength(0);
  });
});
