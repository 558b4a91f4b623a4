import ExcelJS from "exceljs";
import { createExcelAnnexService } from "../../../src/excel/annexService";
import { UndoHistory } from "../../../src/excel/undo";
import { DEFAULT_PANE_SETTINGS, type WorkbookChange } from "../../../src/taskpane/annexService";
import { deleteRows, insertRows, userActivate, userEdit, type FakeExcelHost } from "../../fakes/excel";
import { fakeWorkbookFromExcelJs } from "../../fakes/excel/fromExcelJs";
import { SAMPLE } from "../../helpers/samples";
import { setup } from "./helpers";

const SHEET = "Phụ lục";

async function sampleWorkbook() {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(SAMPLE);
  const data = fakeWorkbookFromExcelJs(book);
  data.sheets.push({ name: "Ghi chú", cells: { A1: "Ghi chú của phòng" } });
  return data;
}

/** The pane's side, as App.tsx wires it: re-analyse once the edits have settled. */
function paneWatching(fake: FakeExcelHost, debounceMs = 20) {
  const service = createExcelAnnexService({ history: new UndoHistory() });
  const heard: WorkbookChange[] = [];
  const activated: string[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let analyses = 0;
  let errorCells: string[] = [];
  const analyse = async () => {
    analyses++;
    const analysis = await service.analyzeActiveSheet(DEFAULT_PANE_SETTINGS);
    errorCells = analysis.tables.flatMap((t) => t.findings.filter((f) => f.severity === "error").map((f) => f.cell ?? ""));
  };
  let pending: Promise<void> = Promise.resolve();
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      pending = analyse();
    }, debounceMs);
  };
  const settle = async () => {
    await fake.events.settled();
    await new Promise((resolve) => setTimeout(resolve, debounceMs * 3));
    await pending;
  };
  return {
    service,
    heard,
    activated,
    analyse,
    settle,
    get analyses() {
      return analyses;
    },
    get errorCells() {
      return errorCells;
    },
    watch: () =>
      service.watchWorkbook({
        sheetChanged: (change) => {
          heard.push(change);
          if (change.touchesAnalysis && !change.byThisAddIn) schedule();
        },
        activeSheetChanged: (sheet) => {
          activated.push(sheet);
          schedule();
        },
      }),
  };
}

describe("always current: Excel's events reach the pane", () => {
  it("correcting H20 in the sheet makes its error disappear without a click", async () => {
    const { fake } = setup(await sampleWorkbook());
    const pane = paneWatching(fake);
    await pane.analyse();
    expect(pane.errorCells).toContain("H20");
    const stop = await pane.watch();

    userEdit(fake, SHEET, "H20", 3527.2);
    await pane.settle();

    expect(pane.heard).toEqual([{ sheet: SHEET, address: "H20", changeType: "RangeEdited", touchesAnalysis: true, byThisAddIn: false }]);
    expect(pane.errorCells).not.toContain("H20");
    expect(pane.errorCells).toEqual(["G21", "H21"]);
    await stop();
  });

  it("several quick edits make one analysis (the pane debounces), and an edit far from the table none", async () => {
    const { fake } = setup(await sampleWorkbook());
    const pane = paneWatching(fake);
    await pane.analyse();
    const stop = await pane.watch();
    const before = pane.analyses;
    userEdit(fake, SHEET, "H20", 3527.2);
    userEdit(fake, SHEET, "G21", 0.398);
    userEdit(fake, SHEET, "H21", 0.575);
    await pane.settle();
    expect(pane.analyses).toBe(before + 1);
    expect(pane.errorCells).toEqual([]);

    userEdit(fake, SHEET, "Z200", "ghi chú riêng");
    await pane.settle();
    expect(pane.heard.at(-1)).toMatchObject({ address: "Z200", touchesAnalysis: false });
    expect(pane.analyses).toBe(before + 1);
    await stop();
  });

  it("hears the active sheet change, and tells the add-in's own writes apart", async () => {
    const { fake } = setup(await sampleWorkbook());
    const pane = paneWatching(fake);
    const analysis = await pane.service.analyzeActiveSheet(DEFAULT_PANE_SETTINGS);
    const stop = await pane.watch();

    userActivate(fake, "Ghi chú");
    await pane.settle();
    expect(pane.activated).toEqual(["Ghi chú"]);
    await pane.service.selectCell(SHEET, "H20"); // the pane itself activates the sheet
    await pane.settle();
    expect(pane.activated).toEqual(["Ghi chú", SHEET]);

    await pane.service.applyFill(analysis.tables[0]);
    await pane.settle();
    const own = pane.heard.filter((c) => c.byThisAddIn);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((c) => c.sheet === SHEET)).toBe(true);
    await stop();
  });

  it("inserting or deleting rows always touches the analysis", async () => {
    const { fake } = setup(await sampleWorkbook());
    const pane = paneWatching(fake);
    await pane.analyse();
    const stop = await pane.watch();
    insertRows(fake, SHEET, 12, 2);
    deleteRows(fake, SHEET, 12, 2);
    await pane.settle();
    expect(pane.heard.map((c) => [c.changeType, c.touchesAnalysis])).toEqual([
      ["RowInserted", true],
      ["RowDeleted", true],
    ]);
    expect(pane.errorCells).toContain("H20"); // the table is back where it was
    await stop();
  });

  it("registers its handlers once and removes them on the context they were added in", async () => {
    const { fake } = setup(await sampleWorkbook());
    const pane = paneWatching(fake);
    const mark = fake.mark();
    const stop = await pane.watch();
    const again = await pane.watch();
    expect(fake.events.count).toBe(2); // onChanged and onActivated, once
    expect(fake.since(mark).syncs).toHaveLength(1);
    await stop();
    await again();
    expect(fake.events.count).toBe(0);
    userEdit(fake, SHEET, "H20", 1);
    await pane.settle();
    expect(pane.heard).toEqual([]);
  });

  it("does not listen on an Excel without the events (ExcelApi below 1.9): the Recognise button stays the way", async () => {
    const data = await sampleWorkbook();
    const { fake } = setup({ ...data, excelApi: "1.8" });
    const pane = paneWatching(fake);
    const stop = await pane.watch();
    expect(fake.events.count).toBe(0);
    await stop();
  });
});
