/** Calendar days as ISO strings ("2023-09-30"), and the full dates written in Vietnamese texts. */
import { fold } from "../text";

/** A real calendar day as "YYYY-MM-DD", or null ("31/2/2023" is no day). */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function endOfMonth(year: number, month: number): string | null {
  return month >= 1 && month <= 12 ? isoDate(year, month, daysInMonth(year, month)) : null;
}

/** "2023-09-30" typed by a person: the form and a real day. */
export function parseIsoDate(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

export function isoParts(iso: string): { year: number; month: number; day: number } {
  const [year, month, day] = iso.split("-").map(Number);
  return { year, month, day };
}

/** "30/09/2023", as Vietnamese reports write a day: the messages' own date format. */
export { formatDateVi } from "../../messages/format";

/** Serial day numbers of Excel's 1900 date system (what both adapters put in a date cell). */
export function fromExcelSerial(serial: number): string | null {
  // Excel counts the 29 February 1900 that never was, so from 1 March 1900 on day 0 is 30/12/1899.
  if (!Number.isFinite(serial) || serial < 61) return null;
  const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** A number format that shows a date: d, m or y outside quoted text and [colour] sections. */
export function isDateFormat(format: string): boolean {
  const bare = format.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "");
  return bare.toLowerCase() !== "general" && /[dy]/i.test(bare) && /[dmy]/i.test(bare);
}

function fullYear(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

const NUMERIC_DATE = /(?<!\d)(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})(?!\d)/g;
const WORDED_DATE = /ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s*,?\s+nam\s+(\d{4})/g;

/** Every full date in a text, in the order written: "26/6/2023", "26-6-2023", "ngày 26 tháng 6 năm 2023". */
export function datesInText(text: string): string[] {
  return dateMatches(fold(text)).map((m) => m.date);
}

/** The dates of a folded text with where they stand, so that callers can cut them out. */
export function dateMatches(folded: string): { date: string; index: number; length: number }[] {
  const found: { date: string; index: number; length: number }[] = [];
  for (const m of folded.matchAll(NUMERIC_DATE)) {
    const date = isoDate(fullYear(m[4]), Number(m[3]), Number(m[1]));
    if (date) found.push({ date, index: m.index!, length: m[0].length });
  }
  for (const m of folded.matchAll(WORDED_DATE)) {
    const date = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
    if (date) found.push({ date, index: m.index!, length: m[0].length });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The folded text with its full dates taken out (a report's own date is not the period it covers). */
export function withoutDates(folded: string): string {
  let text = folded;
  for (const m of dateMatches(folded).reverse()) text = text.slice(0, m.index) + " " + text.slice(m.index + m.length);
  return text.replace(/\s+/g, " ").trim();
}

export function addDays(iso: string, days: number): string {
  const { year, month, day } = isoParts(iso);
  const date = new Date(Date.UTC(year, month - 1, day) + days * 86_400_000);
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())!;
}
