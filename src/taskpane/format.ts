/** How the pane shows cell values and percentages, the way each language writes numbers. */
import type { CellValue } from "../annex";
import type { Language } from "./i18n";

const LOCALE: Record<Language, string> = { vi: "vi-VN", en: "en-US" };

/** Digits after the decimal point that an en-US number format shows ("0.0%" → 1, "#,##0" → 0); null for General. */
export function formatDecimals(numberFormat: string | undefined): number | null {
  if (!numberFormat || /^general$/i.test(numberFormat.trim())) return null;
  const section = numberFormat.split(";")[0];
  const match = /\.([0#?]+)/.exec(section);
  return match ? match[1].length : 0;
}

export function formatNumber(value: number, language: Language, decimals: number | null = null): string {
  return value.toLocaleString(LOCALE[language], {
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
