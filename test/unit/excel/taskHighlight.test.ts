/**
 * A task list's colours through the Office.js adapter on the fake Excel: the state rules and the
 * workbook name `AnnexAsOf` they compare deadlines with, written in one sync, replacing the
 * add-in's own earlier rules; the as-of day saved with the workbook; a new day moves the name.
 * Also the fake's defined names, with Excel's rules and requirement sets.
 */
import ExcelJS from "exceljs";
import { createExcelAnnexService } from "../../../src/excel/annexService";
import { setAsOfName } from "../../../src/excel/highlight";
import { SETTING_KEYS } from "../../../src/excel/settings";
import { UndoHistory } from "../../../src/excel/undo";
import { DEFAULT_PANE_SETTINGS } from "../../../src/taskpane/annexService";
import type { FakeWorkbookData } from "../../fakes/excel";
import { fakeWorkbookFromExcelJs } from "../../fakes/excel/fromExcelJs";
import { TASK_SAMPLE } from "../../helpers/samples";
import { setup } from "./helpers";

const SHEET = "Nhiệm vụ 2023";

let sample: FakeWorkbookData;
beforeAll(async () => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(TASK_SAMPLE);
  sample = fakeWorkbookFromExcelJs(book);
});

function taskWorkbook(patch: Partial<FakeWorkbookData> = {}): FakeWorkbookData {
  return { ...structuredClone(sample), activeSheet: SHEET, ...patch };
}

function service() {
  return createExcelAnnexService({ history: new UndoHistory(), today: () => "2023-11-15" });
}

const formats = (fake: ReturnType<typeof setup>["fake"]) => fake.workbook.sheet(SHEET)!.conditionalFormats;

describe("task colours through the adapter", () => {
  it("writes AnnexAsOf and the state rules together in one sync, and replaces its own rules when applied again", async () => {
    const userRule = { range: "H1:H3", formula: "=H1>0", fill: "#0000FF" };
    const data = taskWorkbook();
    data.sheets.find((s) => s.name === SHEET)!.conditionalFormats = [userRule];
    const { fake } = setup(data);
    const annex = service();
    const { tables } = await annex.analyzeActiveSheet(DEFAULT_PANE_SETTINGS);
    const [table] = tables;
    expect(table.table.kind).toBe("tasks");
    expect(table.table.asOfSource).toBe("title");

    const mark = fake.mark();
    await annex.applyHighlight(table);
    const rules = table.taskHighlight!.rules;
    // The add-in's earlier rules are listed first (highlight.ts); then one sync writes the name and every rule.
    const syncs = fake.since(mark).syncs;
    expect(syncs.length).toBeLessThanOrEqual(2);
    expect(syncs[syncs.length - 1].operations).toBe(1 + 4 * rules.length);
    expect(fake.workbook.names.get("annexasof")).toMatchObject({ name: "AnnexAsOf", formula: "=DATE(2023,9,30)" });
    const added = formats(fake).filter((cf) => cf.formula !== userRule.formula);
    expect(added).toHaveLength(rules.length);
    // Row 8 ("Tháng 6/2023", not done) turns overdue after its deadline: vermillion once AnnexAsOf passes 30/06.
    expect(added).toContainEqual(
      expect.objectContaining({
        formula: "=DATE(2023,6,30)<AnnexAsOf",
        fill: "#D55E00",
        fontColor: "#FFFFFF",
        areas: [{ top: 8, bottom: 8, left: 1, right: 7 }],
      }),
    );

    // Applied again (another day): the same number of rules, the name set rather than added twice, the person's rule kept.
    const later = (await annex.analyzeActiveSheet({ ...DEFAULT_PANE_SETTINGS, asOf: "2023-12-31" })).tables[0];
    const again = fake.mark();
    await annex.applyHighlight(later);
    expect(fake.since(again).syncs.length).toBeLessThanOrEqual(2);
    expect(fake.workbook.names.size).toBe(1);
    expect(fake.workbook.names.get("annexasof")!.formula).toBe("=DATE(2023,12,31)");
    expect(formats(fake).filter((cf) => cf.formula !== userRule.formula)).toHaveLength(later.taskHighlight!.rules.length);
    expect(formats(fake).filter((cf) => cf.formula === userRule.formula)).toHaveLength(1);
  });

  it("moves AnnexAsOf to a new day in one sync when the workbook has it, and adds nothing when it has not", async () => {
    const { fake } = setup(taskWorkbook());
    const annex = service();
    const [table] = (await annex.analyzeActiveSheet(DEFAULT_PANE_SETTINGS)).tables;
    let mark = fake.mark();
    expect(await annex.updateAsOfName!("2023-12-31")).toBe(false);
    expect(fake.since(mark).syncs).toHaveLength(0);
    expect(fake.workbook.names.size).toBe(0);

    await annex.applyHighlight(table);
    mark = fake.mark();
    expect(await annex.updateAsOfName!("2023-12-31")).toBe(true);
    expect(fake.since(mark).syncs).toHaveLength(1);
    expect(fake.workbook.names.get("annexasof")!.formula).toBe("=DATE(2023,12,31)");
  });

  it("finds the name again when a person deleted it, or a copy of the workbook already had it", async () => {
    const { fake } = setup(taskWorkbook({ names: [{ name: "annexasof", formula: "=DATE(2022,1,1)" }] }));
    const annex = service();
    const [table] = (await annex.analyzeActiveSheet(DEFAULT_PANE_SETTINGS)).tables;
    fake.workbook.names.clear(); // deleted in Name Manager after the analysis
    await annex.applyHighlight(table);
    expect(fake.workbook.names.get("annexasof")!.formula).toBe("=DATE(2023,9,30)");

    const other = setup(taskWorkbook());
    const second = service();
    const [fresh] = (await second.analyzeActiveSheet(DEFAULT_PANE_SETTINGS)).tables;
    other.fake.workbook.addName("AnnexAsOf", "=DATE(2020,1,1)"); // added meanwhile
    await second.applyHighlight(fresh);
    expect(other.fake.workbook.names.get("annexasof")!.formula).toBe("=DATE(2023,9,30)");
  });

  it("saves the chosen day with the workbook and judges the task list on it", async () => {
    const { fake } = setup(taskWorkbook());
    const annex = service();
    await annex.saveSettings({ ...DEFAULT_PANE_SETTINGS, asOf: "2023-12-31" });
    expect(fake.workbook.settings.get(SETTING_KEYS.asOf)).toBe('"2023-12-31"');
    const loaded = await annex.loadSettings();
    expect(loaded.asOf).toBe("2023-12-31");
    const [table] = (await annex.analyzeActiveSheet(loaded)).tables;
    expect([table.table.asOf, table.table.asOfSource]).toEqual(["2023-12-31", "option"]);
    expect(table.summary.tasks).toMatchObject({ overdue: 3 });

    await annex.saveSettings({ ...DEFAULT_PANE_SETTINGS });
    expect((await annex.loadSettings()).asOf).toBeUndefined();
  });

  it("judges a list whose title names no day on the computer's today", async () => {
    const data = taskWorkbook();
    const cells = data.sheets.find((s) => s.name === SHEET)!.cells!;
    cells.A2 = { value: "(Kèm theo văn bản của Ủy ban nhân dân tỉnh)", italic: true }; // no report period, no day
    setup(data);
    const [table] = (await service().analyzeActiveSheet(DEFAULT_PANE_SETTINGS)).tables;
    expect([table.table.asOf, table.table.asOfSource]).toEqual(["2023-11-15", "today"]);
  });
});

describe("the fake's defined names", () => {
  it("adds a workbook name once (compared without case), refuses invalid names and constants", async () => {
    const { fake, run } = setup({ sheets: [{ name: "S" }] });
    await run(async (context) => {
      context.workbook.names.add("AnnexAsOf", "=DATE(2023,9,30)");
      await context.sync();
    });
    await expect(
      run(async (context) => {
        context.workbook.names.add("ANNEXASOF", "=1");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    for (const bad of ["A1", "R1C1", "2023", "has space"]) {
      await expect(
        run(async (context) => {
          context.workbook.names.add(bad, "=1");
          await context.sync();
        }),
      ).rejects.toMatchObject({ code: "InvalidArgument" });
    }
    await expect(
      run(async (context) => {
        context.workbook.names.add("Text", "30/09/2023");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    const read = await run(async (context) => {
      const there = context.workbook.names.getItemOrNullObject("annexasof");
      const missing = context.workbook.names.getItemOrNullObject("Other");
      there.load("name,formula");
      missing.load("name");
      await context.sync();
      return { name: there.name, formula: there.formula, missing: missing.isNullObject };
    });
    expect(read).toEqual({ name: "AnnexAsOf", formula: "=DATE(2023,9,30)", missing: true });
    await run(async (context) => {
      context.workbook.names.getItem("AnnexAsOf").delete();
      await context.sync();
    });
    expect(fake.workbook.names.size).toBe(0);
    await expect(
      run(async (context) => {
        context.workbook.names.getItem("AnnexAsOf").formula = "=1";
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  it("checks the requirement sets: NamedItem.formula needs ExcelApi 1.7, names.add 1.4", async () => {
    const { run } = setup({ sheets: [{ name: "S" }], names: [{ name: "AnnexAsOf", formula: "=1" }], excelApi: "1.6" });
    await expect(
      run(async (context) => {
        context.workbook.names.getItem("AnnexAsOf").formula = "=2";
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
    const old = setup({ sheets: [{ name: "S" }], excelApi: "1.3" });
    await expect(
      old.run(async (context) => {
        context.workbook.names.add("AnnexAsOf", "=1");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });

  it("lets setAsOfName read the state itself when it has none", async () => {
    const { fake, run } = setup({ sheets: [{ name: "S" }], names: [{ name: "AnnexAsOf", formula: "=DATE(2023,9,30)" }] });
    const report = await run((context) => setAsOfName(context, "2024-03-31"));
    expect(report).toMatchObject({ syncs: 2, asOfName: true });
    expect(fake.workbook.names.get("annexasof")!.formula).toBe("=DATE(2024,3,31)");
  });
});
