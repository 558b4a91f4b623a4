import { cellText, fold, foldedInitial } from "../../../src/annex/text";

/** What folding means, written the slow, obvious way: decompose, drop the marks, đ → d, lower case, tidy spaces. */
function foldByDefinition(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, " ")
    .trim();
}

describe("folding text for matching", () => {
  it("reads Vietnamese with or without diacritics, in any case and spacing, alike", () => {
    expect(fold("  Đơn vị   CHỦ TRÌ\u00a0")).toBe("don vi chu tri");
    expect(fold("Tỷ lệ hộ nghèo")).toBe(fold("ty le ho ngheo"));
    // Typed already decomposed (as some exporters write it).
    expect(fold("Tỷ lệ hộ nghèo".normalize("NFD"))).toBe("ty le ho ngheo");
    expect(fold("Ước thực hiện\t9 tháng")).toBe("uoc thuc hien 9 thang");
  });

  it("agrees with the definition for every character of the Basic Multilingual Plane", () => {
    const differing: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const text = `A${String.fromCharCode(code)}b`;
      if (fold(text) !== foldByDefinition(text)) differing.push(code.toString(16));
    }
    expect(differing).toEqual([]);
  });

  it("agrees with the definition on generated texts mixing letters, marks, spaces and symbols", () => {
    const alphabet = [..."aAzZ09 đĐếỄưƯơỜăẮâÂêÊôỘ\t\u00a0\u2003\u0301\u0323.,;:()%-+*ΣσΟΔǅﬁ①Ⅳ"];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 3000; i++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 24) }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
      expect([text, fold(text)]).toEqual([text, foldByDefinition(text)]);
    }
  });

  it("agrees with the definition on whole words and on Greek, where the case of a letter depends on its place", () => {
    for (const text of ["ΟΔΥΣΣΕΥΣ", "Thủ trưởng đơn vị", "KT. CHỦ TỊCH", "Åsa K", "İstanbul", "ＡＢＣ", "Quý Ⅳ"]) {
      expect(fold(text)).toBe(foldByDefinition(text));
    }
  });
});

describe("cell text", () => {
  it("collapses every kind of space and trims, and leaves tidy text as it is", () => {
    expect(cellText("  Sở\u00a0Y tế \n")).toBe("Sở Y tế");
    expect(cellText("Sở Y tế")).toBe("Sở Y tế");
    expect(cellText(12.5)).toBe("12.5");
    expect(cellText(null)).toBe("");
  });
});

describe("the folded initial", () => {
  it("is the first character of the folded text, after the marks it is told to skip", () => {
    for (const text of ["Đơn vị", "  Ủy ban", "\u00a0nơi nhận", "Tỷ lệ".normalize("NFD"), "KT. CHỦ TỊCH", "12", "+ Lúa"]) {
      expect(foldedInitial(text)).toBe(fold(text)[0]);
    }
    expect(foldedInitial("(*) Ghi chú", "(*)")).toBe("g");
    expect(foldedInitial("\u0301Ước", "(*)")).toBe("u");
    expect(foldedInitial(" (*) ", "(*)")).toBe("");
  });
});
