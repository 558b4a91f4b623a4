/**
 * Achievement classification of the indicators that have a ratio, in bands the provincial reports
 * use ("đạt và vượt kế hoạch", "đạt trên 90% kế hoạch"…), or against the progress expected at the
 * reporting period ("9 tháng" → 75 %). Indicators where lower is better invert the comparison.
 */
import { evaluate } from "./formulaSpec";
import { directionOfName, indicatorDirection, type Direction } from "./direction";
import type { AnnexColumn, AnnexRow, AnnexTable } from "./model";
import type { SheetSnapshot } from "./snapshot";
import { indexTable, type TableIndex } from "./tableIndex";
import { parseTarget } from "./targets";
import { cellText, fold } from "./text";

export { indicatorDirection, type Direction } from "./direction";

export interface Band {
  id: string;
  /** Lowest achievement (a fraction of the plan: 0.9 = 90 %) in the band; null for the lowest band. */
  min: number | null;
  label: string;
  labelEn: string;
  /** How the summary sentence names the band: "đạt trên 90% kế hoạch". */
  phrase: string;
  phraseEn: string;
  fill: string;
  fontColor: string;
}

export interface ClassifyOptions {
  /** Bands from highest to lowest (default: the provincial reports' ≥100 %, ≥90 %, ≥50 %, below). */
  bands?: Band[];
  /** Compare with the progress expected at the period in the headers instead of fixed bands. */
  timeAware?: boolean;
  /** Direction per indicator, by sheet row ("21") or by name; overrides what the name suggests. */
  directions?: Record<string, Direction>;
}

export interface IndicatorClass {
  row: number;
  name: string;
  /** Name for reports: markers stripped, a sub-item followed by its parent in parentheses. */
  label: string;
  ratio: number | null;
  direction: Direction;
  band: string;
}

export interface Period {
  label: string;
  labelEn: string;
  expected: number;
}

export interface Classification {
  ratioColumn: string | null;
  mode: "bands" | "time";
  period: Period | null;
  bands: Band[];
  indicators: IndicatorClass[];
}

/**
 * Colours stay apart for people with red-green colour blindness: blue, pale blue, yellow and
 * orange differ in hue along the blue-yellow axis and in lightness.
 */
export const UNRATED: Band = {
  id: "chua-danh-gia",
  min: null,
  label: "Chưa đánh giá",
  labelEn: "Not yet assessed",
  phrase: "chưa đánh giá",
  phraseEn: "not yet assessed",
  fill: "#FFFFFF",
  fontColor: "#404040",
};

const PALETTE = [
  { fill: "#9ECAE9", fontColor: "#08306B" },
  { fill: "#DEEBF7", fontColor: "#08306B" },
  { fill: "#FFF2A8", fontColor: "#4D3B00" },
  { fill: "#F8B47C", fontColor: "#4A1C00" },
];

/** Bands from thresholds in percent, highest first: [100, 90, 50] gives the reports' four bands. */
export function bandsFromThresholds(thresholds: number[]): Band[] {
  const sorted = [...new Set(thresholds)].sort((a, b) => b - a);
  const bands: Band[] = sorted.map((t, i) => {
    const colours = PALETTE[Math.min(i, 2)];
    if (i === 0 && t === 100) {
      return {
        id: "dat-va-vuot",
        min: 1,
        label: "Đạt và vượt",
        labelEn: "Met or exceeded",
        phrase: "đạt và vượt kế hoạch",
        phraseEn: "met or exceeded the plan",
        ...colours,
      };
    }
    return {
      id: `tren-${t}`,
      min: t / 100,
      label: `Đạt trên ${t}%`,
      labelEn: `Above ${t}%`,
      phrase: `đạt trên ${t}% kế hoạch`,
      phraseEn: `reached over ${t}% of the plan`,
      ...colours,
    };
  });
  const last = sorted[sorted.length - 1];
  bands.push({
    id: `duoi-${last}`,
    min: null,
    label: `Đạt dưới ${last}%`,
    labelEn: `Below ${last}%`,
    phrase: `đạt dưới ${last}% kế hoạch`,
    phraseEn: `reached less than ${last}% of the plan`,
    ...PALETTE[3],
  });
  return bands;
}

export const DEFAULT_BANDS = bandsFromThresholds([100, 90, 50]);

function timeBands(period: Period): Band[] {
  const pct = Math.round(period.expected * 100);
  return [
    { ...DEFAULT_BANDS[0] },
    {
      id: "dung-tien-do",
      min: period.expected,
      label: "Đúng tiến độ",
      labelEn: "On schedule",
      phrase: `đúng tiến độ (đạt từ ${pct}% kế hoạch, mức cần đạt sau ${period.label})`,
      phraseEn: `on schedule (at least ${pct}% of the plan, as due after ${period.labelEn})`,
      ...PALETTE[1],
    },
    {
      id: "cham-tien-do",
      min: null,
      label: "Chậm tiến độ",
      labelEn: "Behind schedule",
      phrase: `chậm tiến độ (dưới ${pct}% kế hoạch)`,
      phraseEn: `behind schedule (under ${pct}% of the plan)`,
      ...PALETTE[3],
    },
  ];
}

/** The period the headers speak of: "9 tháng" → 75 %, "Quý III" → 75 %, "6 tháng" → 50 %, "cả năm" → 100 %. */
export function periodOf(labels: string[]): Period | null {
  for (const label of labels) {
    const f = fold(label);
    const months = /\b(\d{1,2}) thang\b/.exec(f);
    const m = months ? Number(months[1]) : 0;
    if (m >= 1 && m <= 12) return { label: `${m} tháng`, labelEn: `${m} month${m > 1 ? "s" : ""}`, expected: m / 12 };
    const quarter = /\bquy (iv|iii|ii|i|[1-4])\b/.exec(f);
    if (quarter) {
      const q = { i: 1, ii: 2, iii: 3, iv: 4 }[quarter[1]] ?? Number(quarter[1]);
      return { label: `quý ${["I", "II", "III", "IV"][q - 1]}`, labelEn: `Q${q}`, expected: q / 4 };
    }
    if (/\bca nam\b/.test(f)) return { label: "cả năm", labelEn: "the full year", expected: 1 };
  }
  return null;
}

/** Strip list markers and "Trong đó", capitalise; a sub-item names its parent. */
export function indicatorLabel(row: AnnexRow, rowAt: (row: number) => AnnexRow | undefined): string {
  const parent = row.parentRow === null ? undefined : rowAt(row.parentRow);
  return row.kind === "subitem" && parent && parent.kind !== "section"
    ? `${bareName(row.name)} (${bareName(parent.name)})`
    : bareName(row.name);
}

function bareName(name: string): string {
  const stripped = name
    .replace(/^[-–—+•*]\s*/, "")
    .replace(/^trong (đó|do|số|so)\s*:?\s*/i, "")
    .trim();
  // Vietnamese has no casing rules of its own: the plain upper case is the locale's.
  const first = stripped.charAt(0);
  const upper = first.toUpperCase();
  return upper === first ? stripped : upper + stripped.slice(1);
}

function ratioColumnOf(table: AnnexTable): AnnexColumn | undefined {
  return table.columns.find((c) => c.formula && (c.formula.percent || c.formula.timesHundred));
}

export function classifyTable(
  snapshot: SheetSnapshot,
  table: AnnexTable,
  options: ClassifyOptions = {},
  index: TableIndex = indexTable(snapshot, table),
): Classification {
  const byLabel = index.columnByLabel;
  const ratioColumn = ratioColumnOf(table);
  const numerator = ratioColumn?.formula?.operands[0];
  const period = ratioColumn ? periodOf([...ratioColumn.labels, ...(numerator ? byLabel.get(numerator)!.labels : [])]) : null;
  const mode = options.timeAware && period ? "time" : "bands";
  const bands = mode === "time" ? timeBands(period!) : (options.bands ?? DEFAULT_BANDS);

  const corrections = options.directions && Object.keys(options.directions).length > 0 ? options.directions : undefined;
  const indicators: IndicatorClass[] = [];
  for (const row of table.rows) {
    if (row.kind === "section" || !hasFigures(index, row)) continue;
    indicators.push(classifyRow(index, row, ratioColumn, bands, corrections));
  }
  return { ratioColumn: ratioColumn?.letter ?? null, mode, period, bands, indicators };
}

/** A figure, or a target typed as words ("Trên 90"), in any value or formula column. */
function hasFigures(index: TableIndex, row: AnnexRow): boolean {
  for (const c of index.figureColumns) {
    if (index.number(row.row, c.column) !== undefined || parseTarget(cellText(index.view.value(row.row, c.column)))) return true;
  }
  return false;
}

function classifyRow(
  index: TableIndex,
  row: AnnexRow,
  ratioColumn: AnnexColumn | undefined,
  bands: Band[],
  corrections: Record<string, Direction> | undefined,
): IndicatorClass {
  const measured = ratioColumn ? ratioOf(index, row, ratioColumn) : null;
  const ratio = measured?.ratio ?? null;
  const direction = measured?.direction ?? (corrections ? indicatorDirection(row, corrections) : directionOfName(row.name));
  return {
    row: row.row,
    name: row.name,
    label: indicatorLabel(row, (r) => index.rowAt(r)),
    ratio,
    direction,
    band: bandOf(ratio, direction, bands),
  };
}

/**
 * Achievement as a fraction of the plan: computed from the figures, else from a range target
 * (which may itself say that lower is better: "Dưới 3"), else as typed.
 */
function ratioOf(index: TableIndex, row: AnnexRow, column: AnnexColumn): { ratio: number | null; direction?: Direction } | null {
  const { view, columnByLabel: byLabel } = index;
  const spec = column.formula!;
  const scale = spec.timesHundred ? 100 : 1;
  const numbers = spec.operands.map((label) => index.number(row.row, byLabel.get(label)!.column)?.value ?? null);
  if (numbers.every((n) => n !== null)) {
    const value = evaluate(spec.expr, (label) => numbers[spec.operands.indexOf(label)]);
    return { ratio: value === null ? null : value / scale };
  }
  // "Trên 90", "Khoảng 4", "6,6-6,8", "Dưới 3" as the plan: measure against the bound that must be reached.
  let atMost = false;
  const withTargets = spec.operands.map((label, i) => {
    if (numbers[i] !== null) return numbers[i];
    const target = parseTarget(cellText(view.value(row.row, byLabel.get(label)!.column)));
    if (target?.kind !== "interval") return null;
    if (target.low === null) atMost = true;
    return target.low ?? target.high;
  });
  if (withTargets.every((n) => n !== null)) {
    const value = evaluate(spec.expr, (label) => withTargets[spec.operands.indexOf(label)]);
    return { ratio: value === null ? null : value / scale, ...(atMost ? { direction: "lower" as const } : {}) };
  }
  const typed = index.number(row.row, column.column)?.value;
  return { ratio: typed === undefined ? null : typed / scale };
}

function bandOf(ratio: number | null, direction: Direction, bands: Band[]): string {
  if (ratio === null || !Number.isFinite(ratio)) return UNRATED.id;
  const score = direction === "lower" ? (ratio <= 0 ? Infinity : 1 / ratio) : ratio;
  for (const band of bands) if (band.min === null || score >= band.min - 1e-12) return band.id;
  return bands[bands.length - 1].id;
}
