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
    rule("dat-va-vuot", "=AND(ISNUMBER($G7),$G7>=1)", "#C6EFCE", "#006100"),
    rule("tren-90", "=AND(ISNUMBER($G7),$G7>=0.9,$G7<1)", "#FFEB9C", "#9C5700"),
    rule("duoi-50", "=AND(ISNUMBER($G7),$G7<0.5)", "#FFC7CE", "#9C0006"),
  ];
}

const userRule = { range: "A1:A10", formula: "=A1>100", fill: "#0000FF" };

describe("highlight rules", () => {
  it("adds custom conditional formats with the rule's formula and colours, first rule on top, in two syncs", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET }] });
    const report = await run((context) => applyHighlightRules(context, rules()));
    expect(fake.syncCount).toBe(2);
    expect(report).toMatchObject({ syncs: 2, added: 3, cleared: 0, skipped: [] });
    const cfs = fake.workbook.sheet(SHEET)!.conditionalFormats;
    expect(cfs.map((c) => [c.type, c.formula, c.fill, c.fontColor])).toEqual([
      ["Custom", "=AND(ISNUMBER($G7),$G7>=1)", "#C6EFCE", "#006100"],
      ["Custom", "=AND(ISNUMBER($G7),$G7>=0.9,$G7<1)", "#FFEB9C", "#9C5700"],
      ["Custom", "=AND(ISNUMBER($G7),$G7<0.5)", "#FFC7CE", "#9C0006"],
    ]);
    expect(cfs.every((c) => c.areas.length === 1 && c.areas[0].top === 7 && c.areas[0].left === 7 && c.areas[0].bottom === 36)).toBe(true);
  });

  it("does not stack rules when re-applied, and leaves a person's own rule on another range alone", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET, conditionalFormats: [userRule] }] });
    await run((context) => applyHighlightRules(context, rules()));
    await run((context) => applyHighlightRules(context, rules()));
    const report = await run((context) => applyHighlightRules(context, rules()));
    expect(report.cleared).toBe(1);
    const cfs = fake.workbook.sheet(SHEET)!.conditionalFormats;
    expect(cfs).toHaveLength(4);
    expect(cfs.filter((c) => c.formula === userRule.formula)).toEqual([
      expect.objectContaining({ fill: "#0000FF", areas: [{ top: 1, left: 1, bottom: 10, right: 1 }] }),
    ]);
  });

  it("clears the old range when the table grows, and finds it after the sheet is renamed", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET, conditionalFormats: [userRule] }] });
    await run((context) => applyHighlightRules(context, rules("G7:G36")));
    fake.workbook.sheet(SHEET)!.name = "Phụ lục 2020"; // a person renames the sheet
    const renamed = rules("G7:G40").map((r) => ({ ...r, sheet: "Phụ lục 2020" }));
    await run((context) => applyHighlightRules(context, renamed));
    const cfs = fake.workbook.sheet("Phụ lục 2020")!.conditionalFormats.filter((c) => c.formula !== userRule.formula);
    expect(cfs).toHaveLength(3);
    expect(cfs.every((c) => c.areas.length === 1 && c.areas[0].bottom === 40)).toBe(true);
    expect(JSON.parse(fake.workbook.settings.get(SETTING_KEYS.highlightRanges) as string)).toEqual([
      { sheetId: fake.workbook.sheet("Phụ lục 2020")!.id, sheet: "Phụ lục 2020", range: "G7:G40" },
    ]);
  });

  it("removes only the product's highlights", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET, conditionalFormats: [userRule] }] });
    await run((context) => applyHighlightRules(context, rules()));
    const report = await run((context) => removeHighlights(context));
    expect(report.cleared).toBe(1);
    expect(fake.workbook.sheet(SHEET)!.conditionalFormats).toEqual([expect.objectContaining({ formula: userRule.formula })]);
    expect(fake.workbook.settings.get(SETTING_KEYS.highlightRanges)).toBe("[]");
  });

  it("takes one sync when the state is known, and records old and new ranges before clearing", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET }] });
    await run((context) => applyHighlightRules(context, rules("G7:G30")));
    const state = await run((context) => readHighlightState(context));
    const mark = fake.mark();
    const report = await run((context) => applyHighlightRules(context, rules("G7:G36"), state));
    expect(fake.since(mark).syncs).toHaveLength(1);
    expect(report).toMatchObject({ syncs: 1, cleared: 1, added: 3 });
    const cfs = fake.workbook.sheet(SHEET)!.conditionalFormats;
    expect(cfs).toHaveLength(3);
    expect(cfs.every((c) => c.areas[0].bottom === 36)).toBe(true);
    expect(report.sheets.map((s) => s.name)).toEqual([SHEET]);
  });

  it("leaves no rule uncleared when a batch stops halfway", async () => {
    const { fake, run } = setup({ sheets: [{ name: SHEET }, { name: "Khác", protected: true }] });
    await run((context) => applyHighlightRules(context, rules("G7:G30")));
    // Rules are added last-first: the three on SHEET go in, then the protected sheet refuses.
    const both = [{ ...rules()[0], sheet: "Khác", range: "B2:B5" }, ...rules("G7:G36")];
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
