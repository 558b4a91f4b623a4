/** Text helpers for Vietnamese labels typed with or without diacritics, in any case and spacing. */
import type { CellValue } from "./snapshot";

const folded = new Map<string, string>();

/** Lower case, no diacritics ("đ" → "d"), one space between words, trimmed. */
export function fold(text: string): string {
  let result = folded.get(text);
  if (result === undefined) {
    // Annex texts repeat a lot (units, departments, header words): remember recent foldings.
    if (folded.size > 20_000) folded.clear();
    result = foldUncached(text);
    folded.set(text, result);
  }
  return result;
}

function foldUncached(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, " ")
    .trim();
}

/** A cell value as trimmed display text, spaces collapsed (numbers as JS writes them). */
export function cellText(value: CellValue): string {
  if (value === null) return "";
  const text = String(value);
  // Most cells are already tidy: testing costs less than copying every one.
  if (!UNTIDY_SPACING.test(text)) return text;
  return text.replace(/[\s\u00a0]+/g, " ").trim();
}

/** Space at either end, two spaces in a row, or a space other than the plain one. */
const UNTIDY_SPACING = /^\s|\s$|\s\s|[^\S ]/;

/** Whether folded text contains the phrase (itself folded) as whole words. */
export function hasPhrase(folded: string, p: string): boolean {
  const index = folded.indexOf(p);
  if (index < 0) return false;
  const before = index === 0 ? " " : folded[index - 1];
  const after = index + p.length >= folded.length ? " " : folded[index + p.length];
  return !/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after);
}

export function hasAnyPhrase(folded: string, phrases: readonly string[]): boolean {
  return phrases.some((p) => hasPhrase(folded, p));
}

/** Remove trailing punctuation and spaces ("Sở Kế hoạch và Đầu tư," → "Sở Kế hoạch và Đầu tư"). */
export function trimTrailingPunctuation(text: string): string {
  return text.replace(/[\s,;.:\-–]+$/u, "").trim();
}

/** Roman numerals up to XXXIX mark sections; C, D, L, M are read as section letters instead. */
const ROMAN = /^(X{0,3})(IX|IV|V?I{0,3})$/;

export function isRomanNumeral(text: string): boolean {
  const t = text.trim().replace(/[.)]$/, "");
  return t.length > 0 && ROMAN.test(t);
}
