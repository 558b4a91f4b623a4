/**
 * The add-in finds its own conditional formats by signature (formula shape and colour), not by
 * address: after a person inserts and deletes rows, re-applying leaves exactly one set of the
 * add-in's rules over the moved table, and a person's own rules — even over the same cells — stay.
 */
import { parseAreaAddress, type CellArea } from "../../../src/annex/snapshot";
import { AS_OF_NAME, TASK_STYLES } from "../../../src/annex/tasks/highlight";
import type { HighlightRule } from "../../../src/annex/model";
import { createExcelAnnexService } from "../../../src/excel/annexService";
import { applyHighlightRules, readHighlightState, removeHighlights } from "../../../src/excel/highlight";
import { SETTING_KEYS } from "../../../src/excel/settings";
import { UndoHistory } from "../../../src/excel/undo";
import { DEFAULT_PANE_SETTINGS } from "../../../src/taskpane/annexService";
import { deleteRows, insertRows, type FakeConditionalFormat } from "../../fakes/excel";
import { ANNEX_SHEET, realisticAnnex } from "../../fakes/excel/realisticAnnex";
import { setup } from "./helpers";

/** A person's rules: one over the ratio column the add-in colours too, one elsewhere, a colour scale. */
const PERSON = [
  { range: "G10:G14", formula: "=$G10>2", fill: "#FF0000" },
  { range: "D7:D20", formula: "=AND(ISNUMBER($D7),$D7<0)", fill: "#00FF00" },
  { range: "E7:E20", type: "ColorScale" },
];

const isPersons = (cf: FakeConditionalFormat) => cf.fill === "#FF0000" || cf.fill === "#00FF00" || cf.type === "ColorScale";

function areasOf(cfs: FakeConditionalFormat[]): string[] {
  return cfs.flatMap((cf) => cf.areas.map((a: CellArea) => `${a.top}:${a.bottom}`));
}

describe("the add-in's highlight rules, found by signature", () => {
  it("after rows are inserted above the table and one deleted inside it, re-applying leaves one set over the moved table", async () => {
    const data = realisticAnnex(30);
    data.sheets.find((s) => s.name === ANNEX_SHEET)!.conditionalFormats = PERSON;
    const { fake } = setup(data);
    const s = createExcelAnnexService({ history: new UndoHistory() });
    const sheet = () => fake.workbook.sheet(ANNEX_SHEET)!;

    const [first] = (await s.analyzeActiveSheet(DEFAULT_PANE_SETTINGS)).tables;
    expect(first.rules.length).toBeGreaterThan(0);
    await s.applyHighlight(first);
    expect(sheet().conditionalFormats).toHaveLength(first.rules.length + PERSON.length);

    // A person inserts two rows above the table and deletes one inside it.
    insertRows(fake, ANNEX_SHEET, 3, 2);
    const inside = parseAreaAddress(first.rules[0].range).top + 2 + 5;
    deleteRows(fake, ANNEX_SHEET, inside, 1);
    const moved = sheet().conditionalFormats.filter((cf) => !isPersons(cf));
    expect(moved).toHaveLength(first.rules.length);

    const [again] = (await s.analyzeActiveSheet(DEFAULT_PANE_SETTINGS)).tables;
    expect(again.rules[0].range).not.toBe(first.rules[0].range);
    const mark = fake.mark();
    await s.applyHighlight(again);
    // One sync lists the rules, one deletes the old and adds the new.
    expect(fake.since(mark).syncs).toHaveLength(2);

    const own = sheet().conditionalFormats.filter((cf) => !isPersons(cf));
    expect(own).toHaveLength(again.rules.length);
    expect(own.map((cf) => [cf.formula, cf.fill])).toEqual(again.rules.map((r) => [r.formula, r.fill]));
    expect(areasOf(own)).toEqual(
      again.rules.map((r) => {
        const a = parseAreaAddress(r.range);
        return `${a.top}:${a.bottom}`;
      }),
    );
    // The person's rules are all there, moved with the rows (the deleted row taken out), none cut.
    const persons = sheet().conditionalFormats.filter(isPersons);
    expect(persons.map((cf) => [cf.type, cf.formula, cf.fill])).toEqual([
      ["Custom", "=$G12>2", "#FF0000"],
      ["Custom", "=AND(ISNUMBER($D9),$D9<0)", "#00FF00"],
      ["ColorScale", null, null],
    ]);
    expect(persons[0].areas).toEqual([{ top: 12, left: 7, bottom: 15, right: 7 }]);
    // No address is remembered any more.
    expect(fake.workbook.settings.has(SETTING_KEYS.highlightRanges)).toBe(false);

    await s.removeHighlight();
    expect(sheet().conditionalFormats).toEqual(persons);
  });

  it("lists every rule of the sheet in one sync with customOrNullObject, whatever their types", async () => {
    const { fake, run } = setup({ sheets: [{ name: "S", conditionalFormats: PERSON }] });
    const state = await run((context) => readHighlightState(context));
    const rules: HighlightRule[] = [
      {
        band: "tren-90",
        sheet: "S",
        range: "G7:G9",
        formula: "=AND(ISNUMBER($G7),$G7>=0.9,$G7<1)",
        fill: "#DEEBF7",
        fontColor: "#08306B",
        label: "",
        labelEn: "",
      },
    ];
    const mark = fake.mark();
    const report = await run((context) => applyHighlightRules(context, rules, state));
    expect(fake.since(mark).syncs.map((x) => x.failed ?? "ok")).toEqual(["ok", "ok"]);
    expect(report).toMatchObject({ syncs: 2, cleared: 0, added: 1, removed: [] });
    const again = await run((context) => applyHighlightRules(context, rules, state));
    expect(again).toMatchObject({ syncs: 2, cleared: 1, added: 1, removed: ["S!G7:G9"] });
    expect(fake.workbook.sheet("S")!.conditionalFormats).toHaveLength(PERSON.length + 1);
  });

  it("finds a task list's rules: the ones naming AnnexAsOf and the =TRUE ones over whole rows", async () => {
    const style = TASK_STYLES.overdue;
    const done = TASK_STYLES["done-on-time"];
    const task = (range: string, formula: string, s: typeof style): HighlightRule => ({
      band: "x",
      sheet: "DS",
      range,
      formula,
      fill: s.fill,
      fontColor: s.fontColor,
      label: "",
      labelEn: "",
    });
    // Rules an earlier run left, as Excel keeps them; and a person's own "=TRUE" in another colour.
    const { fake, run } = setup({
      sheets: [
        {
          name: "DS",
          conditionalFormats: [
            { range: "A7:H7", formula: `=AND(ISNUMBER($E7),$E7<${AS_OF_NAME})`, fill: style.fill },
            { range: "A8:H9", formula: "=TRUE", fill: done.fill },
            { range: "A10:H10", formula: `=${AS_OF_NAME}<=DATE(2023,9,30)`, fill: TASK_STYLES["in-progress"].fill },
            { range: "A1:H1", formula: "=TRUE", fill: "#FFFF00" },
          ],
        },
      ],
    });
    const report = await run((context) => removeHighlights(context));
    expect(report).toMatchObject({ cleared: 3, syncs: 3 });
    expect(fake.workbook.sheet("DS")!.conditionalFormats.map((cf) => cf.fill)).toEqual(["#FFFF00"]);

    await run((context) => applyHighlightRules(context, [task("A7:H12", "=TRUE", done)]));
    const applied = await run((context) => applyHighlightRules(context, [task("A7:H12", "=TRUE", done)]));
    expect(applied.cleared).toBe(1);
    expect(fake.workbook.sheet("DS")!.conditionalFormats.map((cf) => cf.fill)).toEqual([done.fill, "#FFFF00"]);
  });
});

describe("fake Excel: listing conditional formats", () => {
  const sheets = [
    {
      name: "S",
      conditionalFormats: [
        { range: "A1:A5", formula: "=A1>0", fill: "#FF0000" },
        { range: "B1:B5", type: "DataBar" },
      ],
    },
  ];

  it("fails a batch loading items/custom/… when one rule is not custom (office-js#2180); customOrNullObject reads null", async () => {
    const { run } = setup({ sheets });
    await expect(
      run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange().conditionalFormats.load("items/custom/rule/formula");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperation" });
    await run(async (context) => {
      const formats = context.workbook.worksheets.getItem("S").getRange().conditionalFormats;
      formats.load("type, customOrNullObject/rule/formula, customOrNullObject/format/fill/color");
      const count = formats.getCount();
      await context.sync();
      expect(count.value).toBe(2);
      expect(formats.items.map((f) => [f.type, f.customOrNullObject.isNullObject, f.customOrNullObject.rule.formula])).toEqual([
        ["Custom", false, "=A1>0"],
        ["DataBar", true, null],
      ]);
    });
  });

  it("gives a rule's ranges (getRanges needs ExcelApi 1.9), deletes it, and getItemAt past the end fails", async () => {
    const { fake, run } = setup({ sheets });
    fake.workbook.sheet("S")!.conditionalFormats[0].areas.push({ top: 9, left: 1, bottom: 9, right: 3 });
    await run(async (context) => {
      const first = context.workbook.worksheets.getItem("S").getRange("A1:Z99").conditionalFormats.getItemAt(0);
      const areas = first.getRanges();
      areas.load("address");
      const single = first.getRangeOrNullObject();
      await context.sync();
      expect(areas.address).toBe("S!A1:A5, S!A9:C9");
      expect(single.isNullObject).toBe(true);
      first.delete();
      await context.sync();
    });
    expect(fake.workbook.sheet("S")!.conditionalFormats.map((cf) => cf.type)).toEqual(["DataBar"]);
    await expect(
      run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange().conditionalFormats.getItemAt(1).delete();
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });

    const old = setup({ sheets, excelApi: "1.8" });
    await expect(
      old.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange().conditionalFormats.getItemAt(0).getRanges().load("address");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });
});
