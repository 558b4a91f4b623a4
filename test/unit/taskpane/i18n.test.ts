/** @jest-environment jsdom */
import { en } from "../../../src/taskpane/i18n/en";
import { vi } from "../../../src/taskpane/i18n/vi";
import { pickLanguage } from "../../../src/taskpane/i18n";
import { formatCellValue, formatDecimals } from "../../../src/taskpane/format";
import { toPaneMessage } from "../../../src/taskpane/errors";
import { PaneError } from "../../../src/taskpane/annexService";

/** Every key path of a strings object, nested objects included. */
function keyPaths(value: object, prefix = ""): string[] {
  return Object.entries(value).flatMap(([key, v]) =>
    v && typeof v === "object" ? keyPaths(v as object, `${prefix}${key}.`) : [`${prefix}${key}:${typeof v}`],
  );
}

describe("pane strings", () => {
  it("has the same keys, of the same kinds, in Vietnamese and English", () => {
    expect(keyPaths(en).sort()).toEqual(keyPaths(vi).sort());
  });

  it("writes Vietnamese with its diacritics, in the planning office's words", () => {
    expect([vi.tabTables, vi.tabFill, vi.tabHighlight, vi.tabFindings, vi.tabSummary]).toEqual([
      "Bảng",
      "Điền",
      "Tô màu",
      "Kiểm tra",
      "Tóm tắt",
    ]);
    expect([vi.fillApply, vi.fillUndo, vi.summaryCopy]).toEqual(["Áp dụng", "Hoàn tác", "Sao chép"]);
    expect(vi.fillConfirm("43", "10")).toMatch(/^Sẽ ghi 43 ô/);
    expect(vi.fillApplyCount("43", "6")).toBe("Ghi 43 ô, thay 6 số đã nhập");
    expect(Object.values(vi.severity)).toEqual(["Lỗi", "Cảnh báo", "Lưu ý"]);
  });

  it("picks Vietnamese unless Office's display language is another one", () => {
    expect(pickLanguage("vi-VN")).toBe("vi");
    expect(pickLanguage("VI")).toBe("vi");
    expect(pickLanguage("en-US")).toBe("en");
    expect(pickLanguage("fr-FR")).toBe("en");
    expect(pickLanguage(undefined)).toBe("vi");
    expect(pickLanguage("")).toBe("vi");
  });
});

describe("cell values as the pane shows them", () => {
  it("follows the number format and each language's separators", () => {
    expect(formatDecimals("0.0%")).toBe(1);
    expect(formatDecimals("#,##0")).toBe(0);
    expect(formatDecimals("General")).toBeNull();
    expect(formatCellValue(0.557344, "0.0%", "vi", "(trống)")).toBe("55,7%");
    expect(formatCellValue(0.557344, "0.0%", "en", "(empty)")).toBe("55.7%");
    expect(formatCellValue(19787.01, "#,##0.00", "vi", "")).toBe("19.787,01");
    expect(formatCellValue(19787.01, "#,##0.00", "en", "")).toBe("19,787.01");
    expect(formatCellValue(null, "0.0%", "vi", "(trống)")).toBe("(trống)");
    expect(formatCellValue("Phấn đấu", undefined, "vi", "")).toBe("Phấn đấu");
  });
});

describe("error messages", () => {
  it("keeps a PaneError's texts and replaces anything else with the generic message", () => {
    expect(toPaneMessage(new PaneError("Lỗi A", "Error A"))).toEqual({ vi: "Lỗi A", en: "Error A" });
    // An error from another copy of the class (a harness bundle) still carries vi/en.
    expect(toPaneMessage(Object.assign(new Error("x"), { vi: "Lỗi B", en: "Error B" }))).toEqual({ vi: "Lỗi B", en: "Error B" });
    const log = jest.spyOn(console, "error").mockImplementation(() => undefined);
    expect(toPaneMessage(new Error("stack here"))).toEqual({ vi: vi.genericError, en: en.genericError });
    expect(toPaneMessage("a string")).toEqual({ vi: vi.genericError, en: en.genericError });
    log.mockRestore();
  });
});
