/**
 * The day a task annex speaks of: an option when given; else what its title rows say ("Số liệu đến
 * ngày 23/6/2022", "tính đến hết tháng 9/2023", or the period of the report it goes with: "Kèm theo
 * Báo cáo … 9 tháng năm 2023" → 30/9/2023); else the day of the check, which the caller injects.
 */
import type { AsOfSource } from "../model";
import { fold } from "../text";
import { dateMatches, isoParts, withoutDates } from "./dates";
import { periodEnd } from "./periods";

export interface AsOfOptions {
  /** ISO day the caller fixes (the CLI's --as-of). */
  asOf?: string;
  /** ISO day of the check: the engine never reads a clock. */
  today?: string;
}

export interface AsOf {
  asOf: string | null;
  source: AsOfSource | null;
}

const UNTIL = /\b(?:den|toi)\s+(?:het\s+)?/;
const REPORT = /\bbao cao\b/;
/** "số 312/BC-UBND": the report's number, not a period. */
const DOCUMENT_NUMBER = /\bso\s+\S+/g;

export function resolveAsOf(titleTexts: string[], options: AsOfOptions): AsOf {
  if (options.asOf) return { asOf: options.asOf, source: "option" };
  const fromTitle = asOfFromTitle(titleTexts);
  if (fromTitle) return { asOf: fromTitle, source: "title" };
  return options.today ? { asOf: options.today, source: "today" } : { asOf: null, source: null };
}

/** The as-of day the title rows state, or null. A list's own period ("nhiệm vụ 6 tháng cuối năm") is no as-of day. */
export function asOfFromTitle(titleTexts: string[]): string | null {
  const folded = titleTexts.map(fold);
  for (const text of folded) {
    const until = UNTIL.exec(text);
    if (!until) continue;
    const rest = text.slice(until.index + until[0].length);
    const day = dateMatches(rest)[0]?.date ?? periodEnd(rest, null);
    if (day) return day;
  }
  for (const text of folded) {
    const report = REPORT.exec(text);
    if (!report) continue;
    const rest = text.slice(report.index).replace(DOCUMENT_NUMBER, " ");
    const period = periodEnd(withoutDates(rest), null);
    const reportDate = dateMatches(rest)[0]?.date ?? null;
    if (period ?? reportDate) return period ?? reportDate;
  }
  return null;
}

const TITLE_YEAR = /\bnam\s+((?:19|20)\d{2})(?!\d)/;

/** The year a deadline without one belongs to: the year the title names, else the as-of day's. */
export function tableYear(titleTexts: string[], asOf: string | null): number | null {
  for (const text of titleTexts) {
    const m = TITLE_YEAR.exec(withoutDates(fold(text)));
    if (m) return Number(m[1]);
  }
  return asOf ? isoParts(asOf).year : null;
}
