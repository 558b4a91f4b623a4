/**
 * Highlight rules as data: one Excel conditional-format rule per band and per block of rows of
 * the ratio column, with a custom formula in invariant syntax. The Excel adapter and the .xlsx
 * writer both apply them, after removing the rules they applied before on the same ranges.
 */
import { UNRATED, type Band, type Classification } from "./classify";
import type { AnnexTable, HighlightRule } from "./model";
import { areaAddress, columnNumber } from "./snapshot";

export interface LegendEntry {
  band: string;
  label: string;
  labelEn: string;
  fill: string;
  fontColor: string;
}

/** Blocks of consecutive data rows (a repeated header band splits them). */
function rowBlocks(rows: number[]): [number, number][] {
  const blocks: [number, number][] = [];
  for (const r of rows) {
    const last = blocks[blocks.length - 1];
    if (last && r === last[1] + 1) last[1] = r;
    else blocks.push([r, r]);
  }
  return blocks;
}

function literal(n: number): string {
  return String(Number(n.toPrecision(12)));
}

/**
 * The condition, on the block's first cell, for a ratio (as the column shows it) to fall in a band:
 * at least the band's minimum and below the minimum of the band above it.
 */
function condition(cell: string, band: Band, above: Band | undefined, scale: number, lower: boolean): string {
  const parts = [`ISNUMBER(${cell})`];
  // Lower is better: a ratio r scores 1/r, so "score ≥ m" reads "r ≤ 1/m".
  const bound = (min: number) => (lower ? literal(scale / min) : literal(min * scale));
  if (band.min !== null) parts.push(lower ? `${cell}<=${bound(band.min)}` : `${cell}>=${bound(band.min)}`);
  if (above?.min != null) parts.push(lower ? `${cell}>${bound(above.min)}` : `${cell}<${bound(above.min)}`);
  return `=AND(${parts.join(",")})`;
}

export function highlightRules(table: AnnexTable, classification: Classification): HighlightRule[] {
  const column = table.columns.find((c) => c.letter === classification.ratioColumn);
  if (!column?.formula) return [];
  const scale = column.formula.timesHundred ? 100 : 1;
  const lowerRows = new Set(classification.indicators.filter((i) => i.direction === "lower").map((i) => i.row));
  const dataRows = table.rows.map((r) => r.row);
  const groups: [boolean, number[]][] = [
    [false, dataRows.filter((r) => !lowerRows.has(r))],
    [true, dataRows.filter((r) => lowerRows.has(r))],
  ];
  const rules: HighlightRule[] = [];
  for (const [lower, rows] of groups) {
    for (const [top, bottom] of rowBlocks(rows)) {
      const range = areaAddress({ top, bottom, left: columnNumber(column.letter), right: columnNumber(column.letter) });
      const cell = `$${column.letter}${top}`;
      classification.bands.forEach((band, i) => {
        rules.push({
          band: band.id,
          sheet: table.sheet,
          range,
          formula: condition(cell, band, classification.bands[i - 1], scale, lower),
          fill: band.fill,
          fontColor: band.fontColor,
          label: band.label,
          labelEn: band.labelEn,
        });
      });
    }
  }
  return rules;
}

export function legend(classification: Classification): LegendEntry[] {
  return [...classification.bands, UNRATED].map((b) => ({
    band: b.id,
    label: b.label,
    labelEn: b.labelEn,
    fill: b.fill,
    fontColor: b.fontColor,
  }));
}
