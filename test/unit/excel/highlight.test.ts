import type { HighlightRule } from "../../../src/annex/model";
import { applyHighlightRules, readHighlightState, removeHighlights } from "../../../src/excel/highlight";
import { SETTING_KEYS } from "../../../src/excel/settings";
import { setup } from "./helpers";

const SHEET = "Phụ lục";

function rules(range = "G7:G36"): HighlightRule[] {
  const rule = (band: string, formula: string, fill: string, fontColor: string): HighlightRule => ({
    band,
    sheet: SHEET,
    range,
    formula,
    fill,
    fontColor,
    label: band,
    labelEn: band,
  });
  return [
    rule("dat-va-vuot", "=AND(ISNUMBER($G7),$G7>=1)", "#9ECAE9", "#08306B"),
    rule("tren-90", "=AND(ISNUMBER($G7),$G7>=0.9,$G7<1)", "#DEEBF7", "#08306B"),
    rule("duoi-50", "=AND(ISNUMBER($G7),$G7<0.5)", "#F8B47C", "#4A1C00"),
  ];
}

const userRule = { range: "A1:A10", formula: "=A1>100", fill: "#0000FF" };

describe("highlight rules", () => {
  it("adds custom conditional formats with the rule's formula and colours, first rule on top, in three syncs", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET }] });
    const report = await run((context) => applyHighlightRules(context, rules()));
    // The sheets, the listing of the sheet's rules, the adds.
    expect(fake.syncCount).toBe(3);
    expect(report).toMatchObject({ syncs: 3, added: 3, cleared: 0, skipped: [] });
    const cfs = fake.workbook.sheet(SHEET)!.conditionalFormats;
    expect(cfs.map((c) => [c.type, c.formula, c.fill, c.fontColor])).toEqual([
      ["Custom", "=AND(ISNUMBER($G7),$G7>=1)", "#9ECAE9", "#08306B"],
      ["Custom", "=AND(ISNUMBER($G7),$G7>=0.9,$G7<1)", "#DEEBF7", "#08306B"],
      ["Custom", "=AND(ISNUMBER($G7),$G7<0.5)", "#F8B47C", "#4A1C00"],
    ]);
    expect(cfs.every((c) => c.areas.length === 1 && c.areas[0].top === 7 && c.areas[0].left === 7 && c.areas[0].bottom === 36)).toBe(true);
  });

  it("does not stack rules when re-applied, and leaves a person's own rule on another range alone", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET, conditionalFormats: [userRule] }] });
    await run((context) => applyHighlightRules(context, rules()));
    await run((context) => applyHighlightRules(context, rules()));
    const report = await run((context) => applyHighlightRules(context, rules()));
    expect(report.cleared).toBe(3);
    expect(report.removed).toEqual(["'Phụ lục'!G7:G36", "'Phụ lục'!G7:G36", "'Phụ lục'!G7:G36"]);
    const cfs = fake.workbook.sheet(SHEET)!.conditionalFormats;
    expect(cfs).toHaveLength(4);
    expect(cfs.filter((c) => c.formula === userRule.formula)).toEqual([
      expect.objectContaining({ fill: "#0000FF", areas: [{ top: 1, left: 1, bottom: 10, right: 1 }] }),
    ]);
  });

  it("replaces the old rules when the table grows, and finds them after the sheet is renamed", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET, conditionalFormats: [userRule] }] });
    await run((context) => applyHighlightRules(context, rules("G7:G36")));
    fake.workbook.sheet(SHEET)!.name = "Phụ lục 2020"; // a person renames the sheet
    const renamed = rules("G7:G40").map((r) => ({ ...r, sheet: "Phụ lục 2020" }));
    await run((context) => applyHighlightRules(context, renamed));
    const cfs = fake.workbook.sheet("Phụ lục 2020")!.conditionalFormats.filter((c) => c.formula !== userRule.formula);
    expect(cfs).toHaveLength(3);
    expect(cfs.every((c) => c.areas.length === 1 && c.areas[0].bottom === 40)).toBe(true);
    // Nothing is remembered by address any more.
    expect(fake.workbook.settings.has(SETTING_KEYS.highlightRanges)).toBe(false);
  });

  it("removes only the product's highlights", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET, conditionalFormats: [userRule] }] });
    await run((context) => applyHighlightRules(context, rules()));
    const report = await run((context) => removeHighlights(context));
    expect(report.cleared).toBe(3);
    expect(fake.workbook.sheet(SHEET)!.conditionalFormats).toEqual([expect.objectContaining({ formula: userRule.formula })]);
    expect(fake.workbook.settings.has(SETTING_KEYS.highlightRanges)).toBe(false);
  });

  it("takes two syncs when the state is known: list the sheet's rules, then delete the add-in's and add", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET }] });
    await run((context) => applyHighlightRules(context, rules("G7:G30")));
    const state = await run((context) => readHighlightState(context));
    const mark = fake.mark();
    const report = await run((context) => applyHighlightRules(context, rules("G7:G36"), state));
    expect(fake.since(mark).syncs).toHaveLength(2);
    expect(report).toMatchObject({ syncs: 2, cleared: 3, added: 3 });
    const cfs = fake.workbook.sheet(SHEET)!.conditionalFormats;
    expect(cfs).toHaveLength(3);
    expect(cfs.every((c) => c.areas[0].bottom === 36)).toBe(true);
    expect(report.sheets.map((s) => s.name)).toEqual([SHEET]);
  });

  it("leaves no rule uncleared when a batch stops halfway", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET }, { name: "Khác", protected: true }] });
    await run((context) => applyHighlightRules(context, rules("G7:G30")));
    // Rules are added last-first: the three on SHEET go in, then the protected sheet refuses.
    const both = [{ ...rules()[0], sheet: "Khác", range: "B2:B5", formula: "=AND(ISNUMBER($B2),$B2>=1)" }, ...rules("G7:G36")];
    await expect(run((context) => applyHighlightRules(context, both))).rejects.toMatchObject({ code: "AccessDenied" });
    expect(fake.workbook.sheet(SHEET)!.conditionalFormats).toHaveLength(3);
    // The person unprotects the sheet and tries again: what the failed batch added is cleared, not stacked.
    fake.workbook.sheet("Khác")!.protected = false;
    await run((context) => applyHighlightRules(context, both));
    expect(fake.workbook.sheet(SHEET)!.conditionalFormats).toHaveLength(3);
    expect(fake.workbook.sheet(SHEET)!.conditionalFormats.every((c) => c.areas.length === 1 && c.areas[0].bottom === 36)).toBe(true);
    expect(fake.workbook.sheet("Khác")!.conditionalFormats).toHaveLength(1);
  });

  it("skips rules for a sheet that does not exist", async () => {
    const { run } = setup({ sheets: [{ name: SHEET }] });
    const report = await run((context) => applyHighlightRules(context, [...rules(), { ...rules()[0], sheet: "Không có" }]));
    expect(report.added).toBe(3);
    expect(report.skipped).toHaveLength(1);
  });
});
