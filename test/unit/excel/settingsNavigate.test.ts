import { selectCell } from "../../../src/excel/navigate";
import { DEFAULT_SETTINGS, loadSettings, parseThresholds, saveSettings, SETTING_KEYS } from "../../../src/excel/settings";
import { setup } from "./helpers";

describe("settings", () => {
  it("loads defaults from an empty workbook in one sync", async () => {
    const { fake, run } = setup({ sheets: [{ name: "S" }] });
    expect(await run((context) => loadSettings(context))).toEqual(DEFAULT_SETTINGS);
    expect(fake.syncCount).toBe(1);
  });

  it("saves as JSON strings and reads back what was saved, in one sync each", async () => {
    const { fake, run } = setup({ sheets: [{ name: "S" }] });
    const saved = {
      thresholds: [100, 85, 50],
      timeAware: true,
      directionOverrides: { "Tỷ lệ hộ nghèo": "lower" as const, "21": "higher" as const },
      roleCorrections: { "Phụ lục!I": "lead" as const },
      asOf: "2023-09-30",
    };
    await run((context) => saveSettings(context, saved));
    expect(typeof fake.workbook.settings.get(SETTING_KEYS.thresholds)).toBe("string");
    expect(await run((context) => loadSettings(context))).toEqual(saved);
    expect(fake.syncCount).toBe(2);
  });

  it("keeps thresholds distinct and highest first", async () => {
    const { run } = setup({ sheets: [{ name: "S" }] });
    await run((context) => saveSettings(context, { thresholds: [50, 100, 90, 90] }));
    expect((await run((context) => loadSettings(context))).thresholds).toEqual([100, 90, 50]);
  });

  it("reads the earlier shapes: thresholds as fractions, directions as higherIsBetter/lowerIsBetter", async () => {
    const { run } = setup({
      sheets: [{ name: "S" }],
      settings: {
        [SETTING_KEYS.thresholds]: '{"fullyMet":1,"above90":0.85,"above50":0.5}',
        [SETTING_KEYS.directionOverrides]: '{"Tỷ lệ hộ nghèo":"lowerIsBetter","GRDP":"higherIsBetter","x":"sideways"}',
      },
    });
    expect(await run((context) => loadSettings(context))).toMatchObject({
      thresholds: [100, 85, 50],
      directionOverrides: { "Tỷ lệ hộ nghèo": "lower", GRDP: "higher" },
    });
  });

  it("falls back to defaults for malformed or out-of-range values", async () => {
    const { run } = setup({
      sheets: [{ name: "S" }],
      settings: {
        [SETTING_KEYS.thresholds]: '[100,"x",50]',
        [SETTING_KEYS.timeAware]: '"yes"',
        [SETTING_KEYS.directionOverrides]: "{not json",
        [SETTING_KEYS.roleCorrections]: '{"S!A":"ordinal","S!B":"banana"}',
        [SETTING_KEYS.asOf]: '"2023-02-30"',
      },
    });
    expect(await run((context) => loadSettings(context))).toEqual({
      thresholds: [100, 90, 50],
      timeAware: false,
      directionOverrides: {},
      roleCorrections: { "S!A": "ordinal" },
      asOf: null,
    });
    expect(parseThresholds([100, 2000])).toEqual([100, 90, 50]);
    expect(parseThresholds([])).toEqual([100, 90, 50]);
    expect(parseThresholds({ fullyMet: "x", above90: 0.8 })).toEqual([100, 80, 50]);
  });
});

describe("selectCell", () => {
  it("activates the sheet and selects the cell in one sync", async () => {
    const { fake, run } = setup({ sheets: [{ name: "Tổng hợp" }, { name: "Phụ lục" }] });
    await run((context) => selectCell(context, "Phụ lục", "G21"));
    const target = fake.workbook.sheet("Phụ lục")!;
    expect(fake.workbook.activeSheetId).toBe(target.id);
    expect(fake.workbook.selection).toEqual({ sheetId: target.id, area: { top: 21, left: 7, bottom: 21, right: 7 } });
    expect(fake.syncCount).toBe(1);
  });
});
