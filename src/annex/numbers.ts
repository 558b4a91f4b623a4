/**
 * Reading numbers the way annexes carry them: real numbers, and text pasted from Word in the
 * Vietnamese form ("71.755,08", "91,4%") or the English one ("71,755.08", "95.50%").
 */
import type { CellNumber } from "./model";
import type { CellValue } from "./snapshot";

/** Which character separates decimals: Vietnamese "," or English ".". */
export type NumberConvention = "vi" | "en";

export interface ParsedNumberText {
  /** The value under each convention; equal when the text is unambiguous. */
  vi: number;
  en: number;
  /** The text itself shows which convention it follows, or null ("1,005" could be either). */
  convention: NumberConvention | null;
  percent: boolean;
  /** Digits after the decimal separator under each convention, in the units of the stored value. */
  decimalsVi: number;
  decimalsEn: number;
}

const NUMBER_TEXT = /^([+-]?)\s*(\d[\d.,\s\u00a0]*)\s*([%％])?$/;

/** Parse a text cell that holds a number; null when it is not purely a number. */
export function parseNumberText(raw: string): ParsedNumberText | null {
  const text = raw.replace(/[\u2212\u2013]/g, "-").trim();
  const match = NUMBER_TEXT.exec(text);
  if (!match) return null;
  const sign = match[1] === "-" ? -1 : 1;
  const body = match[2].replace(/[\s\u00a0]/g, "");
  const percent = Boolean(match[3]);
  if (!/\d$/.test(body)) return null;

  const readAs = (decimalSep: "," | "."): { value: number; decimals: number } | null => {
    const thousandSep = decimalSep === "," ? "." : ",";
    const parts = body.split(decimalSep);
    if (parts.length > 2) return null;
    const [whole, fraction = ""] = parts;
    const groups = whole.split(thousandSep);
    if (groups.length > 1 && (groups[0].length === 0 || groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3))) return null;
    if (fraction.includes(thousandSep)) return null;
    const value = Number(groups.join("") + (fraction ? "." + fraction : ""));
    if (!Number.isFinite(value)) return null;
    return { value, decimals: fraction.length };
  };

  const vi = readAs(",");
  const en = readAs(".");
  if (!vi && !en) return null;
  const scale = percent ? 100 : 1;
  const shift = percent ? 2 : 0;
  const pick = (r: { value: number; decimals: number } | null, other: { value: number; decimals: number } | null) => r ?? other!;
  const v = pick(vi, en);
  const e = pick(en, vi);
  let convention: NumberConvention | null = null;
  if (!vi) convention = "en";
  else if (!en) convention = "vi";
  else if (vi.value === en.value) convention = null; // no separator at all: "123"
  const hasSep = /[.,]/.test(body);
  return {
    vi: (sign * v.value) / scale,
    en: (sign * e.value) / scale,
    convention: hasSep ? convention : null,
    percent,
    decimalsVi: v.decimals + shift,
    decimalsEn: e.decimals + shift,
  };
}

/** True when the text holds a separator that would be read differently under the two conventions. */
export function isAmbiguous(parsed: ParsedNumberText): boolean {
  return parsed.convention === null && parsed.vi !== parsed.en;
}

const formatDecimals = new Map<string, number | null>();

/** Digits after the decimal point that a number format shows for a value ("#,##0.00" → 2, "0.0%" → 3). */
export function decimalsOfFormat(format: string, value: number): number {
  let decimals = formatDecimals.get(format);
  if (decimals === undefined) {
    const f = format
      .split(";")[0]
      .replace(/"[^"]*"/g, "")
      .replace(/\\./g, "");
    if (!f || /^general$/i.test(f.trim()) || f.trim() === "@") decimals = null;
    else {
      const dot = f.indexOf(".");
      decimals = (dot < 0 ? 0 : (/^[0#?]+/.exec(f.slice(dot + 1))?.[0].length ?? 0)) + (f.includes("%") ? 2 : 0);
    }
    formatDecimals.set(format, decimals);
  }
  return decimals ?? decimalsOfValue(value);
}

/** Digits after the decimal point in the shortest decimal form of a number (0.914 → 3). */
export function decimalsOfValue(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return 0;
  const text = Math.abs(value).toPrecision(12).replace(/0+$/, "");
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : Math.min(10, text.length - dot - 1);
}

export function isPercentFormat(format: string): boolean {
  return format.includes("%") && format.replace(/"[^"]*"/g, "").includes("%");
}

/** What the other cells of a column say about how to read its ambiguous texts. */
export interface ColumnNumberContext {
  /** The convention the column's unambiguous texts follow, when they agree on one. */
  convention: NumberConvention | null;
  /** Median magnitude of the column's unambiguous figures, when there are any. */
  median: number | null;
}

/**
 * Read a cell as a number. Text that is ambiguous on its own ("1,005") is read by its column:
 * the convention of the column's other texts first, else the reading closer to its other figures,
 * else the Vietnamese convention.
 */
export function readCellNumber(value: CellValue, numberFormat: string, column: ColumnNumberContext): CellNumber | null {
  if (typeof value === "number") {
    // As typed and shown: 121749 formatted "#,##0.0" was typed to the unit, 0.91411… shown "0.0%" to 3 places.
    const decimals = Math.min(decimalsOfFormat(numberFormat, value), decimalsOfValue(value));
    return { value, storedAsText: false, percent: isPercentFormat(numberFormat), decimals };
  }
  if (typeof value !== "string") return null;
  const parsed = parseNumberText(value);
  if (!parsed) return null;
  const use = parsed.convention ?? column.convention ?? closerReading(parsed, column.median);
  return {
    value: use === "vi" ? parsed.vi : parsed.en,
    storedAsText: true,
    percent: parsed.percent,
    decimals: use === "vi" ? parsed.decimalsVi : parsed.decimalsEn,
  };
}

function closerReading(parsed: ParsedNumberText, median: number | null): NumberConvention {
  if (median === null || !isAmbiguous(parsed)) return "vi";
  const distance = (x: number) => Math.abs(Math.log10(Math.max(Math.abs(x), 1e-9)) - Math.log10(Math.max(median, 1e-9)));
  return distance(parsed.en) < distance(parsed.vi) ? "en" : "vi";
}

export function columnNumberContext(values: CellValue[]): ColumnNumberContext {
  let vi = 0;
  let en = 0;
  const textMagnitudes: number[] = [];
  for (const value of values) {
    if (typeof value !== "string") continue;
    const parsed = parseNumberText(value);
    if (!parsed) continue;
    if (parsed.convention === "vi") vi++;
    else if (parsed.convention === "en") en++;
    if (!isAmbiguous(parsed)) textMagnitudes.push(Math.abs(parsed.vi));
  }
  let median: number | null | undefined;
  return {
    convention: vi === en ? null : vi > en ? "vi" : "en",
    // Only an ambiguous text needs the median: a column of plain numbers never sorts them.
    get median() {
      if (median === undefined) median = medianMagnitude(values, textMagnitudes);
      return median;
    },
  };
}

function medianMagnitude(values: CellValue[], textMagnitudes: number[]): number | null {
  const magnitudes = Float64Array.from(textMagnitudes);
  const all = new Float64Array(magnitudes.length + values.length);
  all.set(magnitudes);
  let count = magnitudes.length;
  for (const value of values) if (typeof value === "number") all[count++] = Math.abs(value);
  if (count === 0) return null;
  const sorted = all.subarray(0, count).sort();
  return sorted[Math.floor(count / 2)];
}
