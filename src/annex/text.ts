/** Text helpers for Vietnamese labels typed with or without diacritics, in any case and spacing. */
import type { CellValue } from "./snapshot";

/** Space at either end, two spaces in a row, or a space other than the plain one. */
const UNTIDY_SPACING = /^\s|\s$|\s\s|[^\S ]/;

/**
 * Each character below U+2000 folded on its own ("Ế" → "e", "Đ" → "d", a combining mark → ""), worked
 * out once; null where a character cannot be folded alone (a sigma's case depends on its place, a
 * ligature decomposes into two letters). Looking letters up costs less than normalising every text,
 * and annexes fold every name they hold.
 */
const FOLDED_CHAR: (string | null)[] = Array.from({ length: 0x2000 }, (_, code) => {
  const lower = String.fromCharCode(code)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();
  return lower.length <= 1 && !/[Σσς]/.test(lower) ? lower : null;
});

/** The characters that fold to themselves (lower-case ASCII letters, digits, spaces, …). */
const FOLDS_TO_ITSELF: boolean[] = FOLDED_CHAR.map((f, code) => f === String.fromCharCode(code));

/** Lower case, no diacritics ("đ" → "d"), one space between words, trimmed. */
export function fold(text: string): string {
  let out = "";
  let copiedTo = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x2000 && FOLDS_TO_ITSELF[code]) continue;
    const replacement = code < 0x2000 ? FOLDED_CHAR[code] : null;
    if (replacement === null) return foldByNormalising(text);
    out += text.slice(copiedTo, i) + replacement;
    copiedTo = i + 1;
  }
  return cellText(copiedTo === 0 ? text : out + text.slice(copiedTo));
}

/** The first character of the text as folding makes it ("Đ…" → "d"), after any of `skipped`; "" for none. */
export function foldedInitial(text: string, skipped = " "): string {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (skipped.includes(ch) || /\s/.test(ch)) continue;
    const code = text.charCodeAt(i);
    const folded = (code < 0x2000 ? FOLDED_CHAR[code] : null) ?? fold(ch);
    // A mark on its own folds to nothing: the initial is the next character.
    if (folded) return folded[0];
  }
  return "";
}

/** The definition of folding, for what the table does not cover. */
function foldByNormalising(text: string): string {
  return cellText(
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase(),
  );
}

/** A cell value as trimmed display text, spaces collapsed (numbers as JS writes them). */
export function cellText(value: CellValue): string {
  if (value === null) return "";
  const text = String(value);
  // Most cells are already tidy: testing costs less than copying every one.
  if (!UNTIDY_SPACING.test(text)) return text;
  return text.replace(/[\s\u00a0]+/g, " ").trim();
}

/** Whether folded text contains the phrase (itself folded) as whole words. */
export function hasPhrase(folded: string, p: string): boolean {
  const index = folded.indexOf(p);
  if (index < 0) return false;
  return !isWordCharAt(folded, index - 1) && !isWordCharAt(folded, index + p.length);
}

/** A letter a–z or a digit at this position (folded text has no other letters); false outside the text. */
function isWordCharAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

export function hasAnyPhrase(folded: string, phrases: readonly string[]): boolean {
  for (const p of phrases) if (hasPhrase(folded, p)) return true;
  return false;
}

/** Remove trailing punctuation and spaces ("Sở Kế hoạch và Đầu tư," → "Sở Kế hoạch và Đầu tư"). */
export function trimTrailingPunctuation(text: string): string {
  return text.replace(/[\s,;.:\-–]+$/u, "").trim();
}

/** A well-formed Roman numeral, I to MMMCMXCIX, in capitals. */
const ROMAN = /^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;
const ROMAN_DIGITS: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

/** The value of a Roman numeral ("XLIV", "XC.", "IV)"), or null when the text is not one. */
export function romanValue(text: string): number | null {
  const t = text.trim().replace(/[.)]$/, "");
  if (!t || !ROMAN.test(t)) return null;
  let total = 0;
  for (let i = 0; i < t.length; i++) {
    const value = ROMAN_DIGITS[t[i]];
    total += value < (ROMAN_DIGITS[t[i + 1]] ?? 0) ? -value : value;
  }
  return total;
}

/**
 * The Roman value of a section's ordinal, given the Roman section before it (its value, or null).
 * The single letters C, D, L and M also number parts (A, B, C, D…): they are numerals only where
 * a Roman sequence reaches them (XLIX, L, LI…).
 */
export function sectionRomanValue(ordinal: string, previous: number | null): number | null {
  const value = romanValue(ordinal);
  if (value === null || !/^[CDLM][.)]?$/.test(ordinal.trim())) return value;
  return previous !== null && value === previous + 1 ? value : null;
}

/** Whether an ordinal is a Roman numeral on its own (a single C, D, L or M is a letter until a sequence says otherwise). */
export function isRomanNumeral(text: string): boolean {
  return sectionRomanValue(text, null) !== null;
}
