/** Findings of the pre-send check: stable codes, severities, and messages in Vietnamese and English. */
import type { CellValue } from "./snapshot";

export type Severity = "error" | "warning" | "info";

export type FindingCode =
  | "formula-mismatch"
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
  | "text-in-formula-column";

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
};

export const SEVERITY_ORDER: Severity[] = ["error", "warning", "info"];

export const SEVERITY_LABELS: Record<Severity, { vi: string; en: string }> = {
  error: { vi: "Lỗi", en: "Errors" },
  warning: { vi: "Cảnh báo", en: "Warnings" },
  info: { vi: "Lưu ý", en: "Notes" },
};

/** Numbers in messages the way a Vietnamese reader writes them: 3.527,2 and 39,8%. */
export function formatVi(value: number, percent: boolean, decimals = 2): string {
  const shown = percent ? value * 100 : value;
  const text = shown.toLocaleString("vi-VN", { maximumFractionDigits: decimals, minimumFractionDigits: 0 });
  return percent ? `${text}%` : text;
}

export function formatEn(value: number, percent: boolean, decimals = 2): string {
  const shown = percent ? value * 100 : value;
  const text = shown.toLocaleString("en-US", { maximumFractionDigits: decimals, minimumFractionDigits: 0 });
  return percent ? `${text}%` : text;
}
