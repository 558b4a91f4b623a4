import { selectCell } from "../../../src/excel/navigate";
import { DEFAULT_SETTINGS, loadSettings, saveSettings, SETTING_KEYS } from "../../../src/excel/settings";
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
      thresholds: { fullyMet: 1, above90: 0.85, above50: 0.5 },
      directionOverrides: { "Phụ lục!Tỷ lệ hộ nghèo": "lowerIsBetter" as const },
      roleCorrections: { "Phụ lục!I": "lead" as const },
    };
    await run((context) => saveSettings(context, saved));
    expect(typeof fake.workbook.settings.get(SETTING_KEYS.thresholds)).toBe("string");
    expect(await run((context) => loadSettings(context))).toEqual(saved);
    expect(fake.syncCount).toBe(2);
  });

  it("falls back to defaults for malformed or out-of-range values", async () => {
    const { run } = setup({
      sheets: [{ name: "S" }],
      settings: {
        [SETTING_KEYS.thresholds]: '{"fullyMet":"x","above90":0.8}',
        [SETTING_KEYS.directionOverrides]: "{not json",
        [SETTING_KEYS.roleCorrections]: '{"S!A":"ordinal","S!B":"banana"}',
      },
    });
    expect(await run((context) => loadSettings(context))).toEqual({
      thresholds: { fullyMet: 1, above90: 0.8, above50: 0.5 },
      directionOverrides: {},
      roleCorrections: { "S!A": "ordinal" },
    });
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
