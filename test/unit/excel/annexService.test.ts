import { createExcelAnnexService, ExcelPaneError, fromPaneSettings, toPaneSettings } from "../../../src/excel/annexService";
import { SETTING_KEYS } from "../../../src/excel/settings";
import { UNDO_SHEET, UndoHistory } from "../../../src/excel/undo";
import { DEFAULT_PANE_SETTINGS, PaneError, type PaneSettings } from "../../../src/taskpane/annexService";
import { hiddenSheetText, type FakeWorkbookData } from "../../fakes/excel";
import { ANNEX_SHEET, realisticAnnex } from "../../fakes/excel/realisticAnnex";
import { setup } from "./helpers";

function service() {
  return createExcelAnnexService({ history: new UndoHistory() });
}

function annex(rows = 20, patch: (data: FakeWorkbookData) => void = () => undefined): FakeWorkbookData {
  const data = realisticAnnex(rows);
  patch(data);
  return data;
}

async function rejection(promise: Promise<unknown>): Promise<PaneError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PaneError);
    return error as PaneError;
  }
  throw new Error("expected a rejection");
}

describe("createExcelAnnexService", () => {
  it("analyses the active sheet with the pane's settings: bands, role corrections", async () => {
    setup(annex());
    const s = service();
    const settings: PaneSettings = { ...DEFAULT_PANE_SETTINGS, thresholds: [100, 80], roles: { [ANNEX_SHEET]: { I: "note" } } };
    const analysis = await s.analyzeActiveSheet(settings);
    expect(analysis).toMatchObject({ sheet: ANNEX_SHEET, mergesRead: true });
    const [table] = analysis.tables;
    expect(table.classification.bands.map((b) => b.id)).toEqual(["dat-va-vuot", "tren-80", "duoi-80"]);
    expect(table.table.columns.find((c) => c.letter === "I")!.role).toBe("note");
  });

  it("is not an error on a sheet without an annex, nor on an empty sheet", async () => {
    setup({ sheets: [{ name: "Ghi chú", cells: { A1: "Ghi chú", B2: 12 } }, { name: "Trống" }] });
    const s = service();
    expect(await s.analyzeActiveSheet(DEFAULT_PANE_SETTINGS)).toEqual({ sheet: "Ghi chú", tables: [], mergesRead: true });
    await s.selectCell("Trống", "A1");
    expect(await s.analyzeActiveSheet(DEFAULT_PANE_SETTINGS)).toMatchObject({ sheet: "Trống", tables: [] });
  });

  it("turns Office errors into Vietnamese and English messages", async () => {
    const { fake } = setup(annex(20, (d) => (d.sheets[1].protected = true)));
    const s = service();
    fake.failNextSync("InvalidOperationInCellEditMode");
    const editing = await rejection(s.analyzeActiveSheet(DEFAULT_PANE_SETTINGS));
    expect(editing.vi).toMatch(/sửa ô/);
    expect(editing.en).toMatch(/finish editing/);
    expect((editing as ExcelPaneError).code).toBe("InvalidOperationInCellEditMode");

    const [table] = (await s.analyzeActiveSheet(DEFAULT_PANE_SETTINGS)).tables;
    const protectedSheet = await rejection(s.applyFill(table));
    expect(protectedSheet.vi).toMatch(/bảo vệ/);
    expect(protectedSheet.en).toMatch(/protected/);

    fake.failNextSync("RequestPayloadSizeLimitExceeded");
    expect((await rejection(s.applyHighlight(table))).en).toMatch(/too large/);

    expect((await rejection(s.selectCell("Không có", "A1"))).en).toMatch(/no longer there/);
  });

  it("shows an unexpected (non-Office) failure as the generic message, never its text", async () => {
    setup(annex());
    const s = createExcelAnnexService({
      history: new UndoHistory(),
      run: () => Promise.reject(new TypeError("x is undefined at foo.js:12")),
    });
    const spy = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const error = await rejection(s.loadSettings());
    expect(error.vi + error.en).not.toMatch(/foo\.js|undefined/);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it("fills in one sync from the kept snapshot, or reads the plan's sheet first when none is kept", async () => {
    const { fake } = setup(annex());
    const first = service();
    const [table] = (await first.analyzeActiveSheet(DEFAULT_PANE_SETTINGS)).tables;
    let mark = fake.syncCount;
    await first.applyFill(table);
    expect(fake.syncCount - mark).toBe(1);
    await first.undoFill();

    // Another pane instance (no snapshot kept): it reads the sheet, then writes.
    const other = service();
    mark = fake.syncCount;
    expect(await other.applyFill(table)).toEqual({ written: table.plan.writes.length });
    expect(fake.syncCount - mark).toBe(3);
    expect(await other.undoFill()).toBe(table.plan.writes.length);
  });

  it("finds the undo a previous session saved: two syncs to look (the sheet, its cells), none after", async () => {
    const { fake } = setup(annex());
    const before = service();
    const [table] = (await before.analyzeActiveSheet(DEFAULT_PANE_SETTINGS)).tables;
    await before.applyFill(table);
    const g = (fake.workbook.sheet(ANNEX_SHEET)!.peek(8, 7)?.content ?? { kind: "empty" }).kind;
    expect(g).toBe("formula");

    const reloaded = service(); // a new pane: empty history
    let mark = fake.syncCount;
    expect(await reloaded.canUndo()).toBe(true);
    expect(fake.syncCount - mark).toBe(2);
    mark = fake.syncCount;
    expect(await reloaded.canUndo()).toBe(true);
    expect(await reloaded.undoFill()).toBe(table.plan.writes.length);
    expect(await reloaded.canUndo()).toBe(false);
    expect(fake.syncCount - mark).toBe(2); // the undo only: compare the cells, restore them
    expect(hiddenSheetText(fake, UNDO_SHEET.name)).toBeNull();
  });

  it("applies and removes highlights in two syncs each after an analysis (list the rules, then write), without stacking", async () => {
    const { fake } = setup(annex());
    const s = service();
    const [table] = (await s.analyzeActiveSheet(DEFAULT_PANE_SETTINGS)).tables;
    const sheet = fake.workbook.sheet(ANNEX_SHEET)!;
    for (let i = 0; i < 3; i++) {
      const mark = fake.syncCount;
      await s.applyHighlight(table);
      expect(fake.syncCount - mark).toBe(2);
    }
    expect(sheet.conditionalFormats).toHaveLength(table.rules.length);
    const mark = fake.syncCount;
    await s.removeHighlight();
    expect(fake.syncCount - mark).toBe(2);
    expect(sheet.conditionalFormats).toHaveLength(0);
  });

  it("recovers when the highlight state has gone stale (a sheet deleted since the analysis)", async () => {
    const { fake } = setup(
      annex(20, (d) => {
        d.sheets.push({ name: "Cũ", conditionalFormats: [{ range: "A1:A5", formula: "=A1>0", fill: "#FF0000" }] });
      }),
    );
    const s = service();
    const [table] = (await s.analyzeActiveSheet(DEFAULT_PANE_SETTINGS)).tables;
    expect(fake.workbook.sheet("Cũ")!.id).toBe("{sheet-3}");
    fake.workbook.sheets.splice(fake.workbook.sheets.indexOf(fake.workbook.sheet("Cũ")!), 1);
    const mark = fake.syncCount;
    await s.removeHighlight();
    // Listing the rules fails on the deleted sheet; the state is read again, the rules listed and
    // (none being the add-in's) nothing deleted.
    expect(fake.since({ syncs: mark, writes: 0 }).syncs.map((x) => x.failed ?? "ok")).toEqual(["ItemNotFound", "ok", "ok"]);
    await s.applyHighlight(table);
    expect(fake.workbook.sheet(ANNEX_SHEET)!.conditionalFormats).toHaveLength(table.rules.length);
  });

  it("maps the pane's settings onto the workbook's and back, in one sync each", async () => {
    const { fake } = setup(annex());
    const s = service();
    expect(await s.loadSettings()).toEqual(DEFAULT_PANE_SETTINGS);
    const settings: PaneSettings = {
      thresholds: [100, 85, 40],
      timeAware: true,
      directions: { "Tỷ lệ hộ nghèo": "lower", "21": "higher" },
      roles: { [ANNEX_SHEET]: { G: "value", I: "note" }, "Báo cáo!Q3": { B: "name" } },
    };
    const mark = fake.syncCount;
    await s.saveSettings(settings);
    expect(await s.loadSettings()).toEqual(settings);
    expect(fake.syncCount - mark).toBe(2);
    expect(JSON.parse(fake.workbook.settings.get(SETTING_KEYS.roleCorrections) as string)).toEqual({
      "Phụ lục!G": "value",
      "Phụ lục!I": "note",
      "Báo cáo!Q3!B": "name",
    });
    expect(toPaneSettings(fromPaneSettings(settings))).toEqual(settings);
  });

  it("selects a cell on its sheet", async () => {
    const { fake } = setup(annex());
    await service().selectCell(ANNEX_SHEET, "H20");
    const sheet = fake.workbook.sheet(ANNEX_SHEET)!;
    expect(fake.workbook.selection).toEqual({ sheetId: sheet.id, area: { top: 20, left: 8, bottom: 20, right: 8 } });
  });
});
