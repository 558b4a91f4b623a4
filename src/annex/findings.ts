/** Findings of the pre-send check: stable codes, severities, and messages in Vietnamese and English. */
import type { CellValue } from "./snapshot";

export type Severity = "error" | "warning" | "info";

export type FindingCode =
  | "formula-mismatch"
  | "formula-reference"
  | "ratio-scale-mismatch"
  | "children-sum-mismatch"
  | "child-exceeds-parent"
  | "number-stored-as-text"
  | "error-value"
  | "missing-lead"
  | "ordinal-duplicate"
  | "ordinal-gap"
  | "formula-blank"
  | "operand-missing"
  | "text-in-formula-column"
  | "completed-before-assigned"
  | "deadline-unreadable";

export interface Finding {
  code: FindingCode;
  severity: Severity;
  sheet: string;
  cell: string;
  row: number;
  expected?: CellValue;
  actual?: CellValue;
  message: string;
  messageEn: string;
}

export const SEVERITY: Record<FindingCode, Severity> = {
  "formula-mismatch": "error",
  // An error when the value is wrong today; a warning when it agrees today but would not after an edit.
  "formula-reference": "error",
  "ratio-scale-mismatch": "error",
  "error-value": "error",
  "children-sum-mismatch": "warning",
  "child-exceeds-parent": "warning",
  "number-stored-as-text": "warning",
  "missing-lead": "warning",
  "ordinal-duplicate": "warning",
  "ordinal-gap": "warning",
  "formula-blank": "info",
  "operand-missing": "info",
  "text-in-formula-column": "info",
  "completed-before-assigned": "warning",
  "deadline-unreadable": "info",
};

export const SEVERITY_ORDER: Severity[] = ["error", "warning", "info"];

export const SEVERITY_LABELS: Record<Severity, { vi: string; en: string }> = {
  error: { vi: "Lỗi", en: "Errors" },
  warning: { vi: "Cảnh báo", en: "Warnings" },
  info: { vi: "Lưu ý", en: "Notes" },
};

const formatters = new Map<string, Intl.NumberFormat>();

/** Building a number format is far slower than using one: keep one per locale and precision. */
function numberFormat(locale: "vi-VN" | "en-US", decimals: number): Intl.NumberFormat {
  const key = `${locale}:${decimals}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: decimals, minimumFractionDigits: 0 });
    formatters.set(key, format);
  }
  return format;
}

function formatIn(locale: "vi-VN" | "en-US", value: number, percent: boolean, decimals: number): string {
  const text = numberFormat(locale, decimals).format(percent ? value * 100 : value);
  return percent ? `${text}%` : text;
}

/** Numbers in messages the way a Vietnamese reader writes them: 3.527,2 and 39,8%. */
export function formatVi(value: number, percent: boolean, decimals = 2): string {
  return formatIn("vi-VN", value, percent, decimals);
}

export function formatEn(value: number, percent: boolean, decimals = 2): string {
  return formatIn("en-US", value, percent, decimals);
}
