/** How the pane shows cell values and percentages, the way each language writes numbers. */
import type { CellValue } from "../annex";
import { localeOf } from "../messages";
import type { Language } from "./i18n";

/** Digits after the decimal point that an en-US number format shows ("0.0%" → 1, "#,##0" → 0); null for General. */
export function formatDecimals(numberFormat: string | undefined): number | null {
  if (!numberFormat || /^general$/i.test(numberFormat.trim())) return null;
  const section = numberFormat.split(";")[0];
  const match = /\.([0#?]+)/.exec(section);
  return match ? match[1].length : 0;
}

export function formatNumber(value: number, language: Language, decimals: number | null = null): string {
  return value.toLocaleString(localeOf(language), {
    minimumFractionDigits: decimals ?? 0,
    maximumFractionDigits: decimals ?? 4,
  });
}

/** A fraction as a percentage: 0.75 → "75%". */
export function formatPercent(fraction: number, language: Language, decimals: number | null = null): string {
  return `${formatNumber(fraction * 100, language, decimals ?? null)}%`;
}

/** A cell value as the number format would show it, roughly: 0.5573 with "0.0%" → "55,7%" in Vietnamese. */
export function formatCellValue(value: CellValue, numberFormat: string | undefined, language: Language, empty: string): string {
  if (value === null || value === "") return empty;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  const decimals = formatDecimals(numberFormat);
  if (numberFormat && numberFormat.split(";")[0].includes("%")) return formatPercent(value, language, decimals);
  return formatNumber(value, language, decimals);
}

/** A moment as each language writes it, in the pane's time zone: "08:00 01/10/2020" / "10/01/2020, 8:00 AM". */
export function formatTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(localeOf(language), { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
}

/** A list or workbook value as the pane shows it in a conflict or a department row. */
export function formatFieldValue(
  value: string | number | boolean | null | undefined,
  language: Language,
  words: { valueEmpty: string; valueYes: string; valueNo: string },
): string {
  if (value === null || value === undefined || value === "") return words.valueEmpty;
  if (typeof value === "boolean") return value ? words.valueYes : words.valueNo;
  if (typeof value === "number") return formatNumber(value, language);
  return value;
}

/** A count as each language groups digits: 4990 → "4.990" / "4,990". */
export function formatCount(n: number, language: Language): string {
  return formatNumber(n, language, 0);
}

/** An ISO day as each language writes it: "2023-09-30" → "30/09/2023" / "30 Sep 2023". */
export function formatDate(iso: string, language: Language): string {
  const [year, month, day] = iso.split("-").map(Number);
  if (!year || !month || !day) return iso;
  if (language === "vi") return `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
  // Spelt out here: the browsers' own short months differ ("Sep", "Sept").
  return `${day} ${MONTHS_EN[month - 1] ?? month} ${year}`;
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
