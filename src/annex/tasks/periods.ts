/**
 * The last day of a period named in words, as deadlines and report titles name them: "Tháng 9/2022",
 * "T9/2022", "Quý III, IV/2022", "6 tháng đầu năm 2022", "9 tháng năm 2023", "Năm 2022", "2021-2025".
 * Texts are folded (lower case, no diacritics); a period without a year takes `defaultYear`.
 */
import { endOfMonth, isoDate } from "./dates";

const YEAR = "((?:19|20)\\d{2})";
/** What joins a period to its year: "9/2022", "9-2022", "9 năm 2022", "III, IV/2022", "9 2022". */
const THEN_YEAR = `(?:\\s*(?:[/.-]|,?\\s*nam)\\s*|\\s+)${YEAR}`;

const YEAR_RANGE = new RegExp(`(?<!\\d)${YEAR}\\s*[-–—]\\s*${YEAR}(?!\\d)`);
const MONTHS_FROM_START = new RegExp(`(?<!\\d)(\\d{1,2}) thang (?:dau )?nam(?:\\s+${YEAR})?(?!\\d)`);
const LAST_MONTHS = new RegExp(`(?<!\\d)\\d{1,2} thang cuoi nam(?:\\s+${YEAR})?(?!\\d)`);
const QUARTERS = new RegExp(`\\bquy\\s*((?:iv|i{1,3}|[1-4])(?:\\s*(?:,|va|-|–)\\s*(?:iv|i{1,3}|[1-4]))*)\\b(?:${THEN_YEAR})?(?!\\d)`);
const MONTH = new RegExp(`(?:\\bthang\\s*|\\bt)(\\d{1,2})(?!\\d)(?:${THEN_YEAR})?(?!\\d)`);
const MONTH_YEAR = new RegExp(`^(\\d{1,2})\\s*[/.-]\\s*${YEAR}$`);
const WHOLE_YEAR = new RegExp(`(?:\\bnam\\s+|^)${YEAR}(?!\\d)`);
const END_OF_YEAR = /\bcuoi nam\b/;

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

function yearOr(text: string | undefined, defaultYear: number | null): number | null {
  return text ? Number(text) : defaultYear;
}

/** The last day of the period the folded text names, or null when it names none. */
export function periodEnd(folded: string, defaultYear: number | null): string | null {
  let m = YEAR_RANGE.exec(folded);
  if (m) return isoDate(Number(m[2]), 12, 31);
  m = LAST_MONTHS.exec(folded);
  if (m) return atYearEnd(yearOr(m[1], defaultYear));
  m = MONTHS_FROM_START.exec(folded);
  if (m) return monthEnd(yearOr(m[2], defaultYear), Number(m[1]));
  m = QUARTERS.exec(folded);
  if (m) {
    const quarters = m[1].split(/\s*(?:,|va|-|–)\s*/).map((q) => ROMAN[q] ?? Number(q));
    return monthEnd(yearOr(m[2], defaultYear), Math.max(...quarters) * 3);
  }
  m = MONTH.exec(folded) ?? MONTH_YEAR.exec(folded);
  if (m) return monthEnd(yearOr(m[2], defaultYear), Number(m[1]));
  m = WHOLE_YEAR.exec(folded);
  if (m) return isoDate(Number(m[1]), 12, 31);
  if (END_OF_YEAR.test(folded)) return atYearEnd(defaultYear);
  return null;
}

function monthEnd(year: number | null, month: number): string | null {
  return year === null ? null : endOfMonth(year, month);
}

function atYearEnd(year: number | null): string | null {
  return year === null ? null : isoDate(year, 12, 31);
}
