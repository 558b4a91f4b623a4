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

/**
 * Each character below U+2000 without its diacritics ("ế" → "e", "Đ" → "D"), worked out once: looking
 * a letter up costs less than normalising every text (the case is lowered on the whole text after).
 */
const BARE_LETTERS: string[] = Array.from({ length: 0x2000 }, (_, code) =>
  String.fromCharCode(code)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d"),
);

/** A character that may carry a diacritic: anything but printable ASCII and spaces. */
const NOT_ASCII = /[^\u0020-\u007e\s]/;
const NOT_ASCII_ALL = new RegExp(NOT_ASCII.source, "g");

function foldUncached(text: string): string {
  let bare = text;
  if (NOT_ASCII.test(bare)) {
    bare = bare.replace(NOT_ASCII_ALL, (ch) => {
      const code = ch.charCodeAt(0);
      return code < 0x2000 ? BARE_LETTERS[code] : ch.normalize("NFD");
    });
    // Text typed already decomposed keeps its marks apart: drop them.
    bare = bare.replace(/[\u0300-\u036f]/g, "");
  }
  return cellText(bare.toLowerCase());
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

/** Roman numerals up to XXXIX mark sections; C, D, L, M are read as section letters instead. */
const ROMAN = /^(X{0,3})(IX|IV|V?I{0,3})$/;

export function isRomanNumeral(text: string): boolean {
  const t = text.trim().replace(/[.)]$/, "");
  return t.length > 0 && ROMAN.test(t);
}
