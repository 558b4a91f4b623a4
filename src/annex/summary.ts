/**
 * The summary paragraph for the report, in the provincial style:
 * "… 07/24 chỉ tiêu đạt trên 90% kế hoạch (…); 03/24 chỉ tiêu đạt trên 50% kế hoạch (…) …".
 */
import { UNRATED, type Classification } from "./classify";
import { formatEn, formatVi } from "./findings";

/** The paragraph names this many indicators per band; the bands' lists stay whole. */
export const NAMED_PER_BAND = 10;

export interface SummaryBand {
  band: string;
  label: string;
  count: number;
  indicators: string[];
}

export interface Summary {
  total: number;
  bands: SummaryBand[];
  text: string;
  textEn: string;
}

/** Counts as the reports write them: "03", "22", "1.250". */
function countVi(n: number): string {
  return n < 10 ? String(n).padStart(2, "0") : formatVi(n, false, 0);
}

function countEn(n: number): string {
  return formatEn(n, false, 0);
}

function namesVi(names: string[]): string {
  const more = names.length - NAMED_PER_BAND;
  const named = names.slice(0, NAMED_PER_BAND).join(", ");
  return more > 0 ? `${named} … và ${formatVi(more, false, 0)} chỉ tiêu khác` : named;
}

function namesEn(names: string[]): string {
  const more = names.length - NAMED_PER_BAND;
  const named = names.slice(0, NAMED_PER_BAND).join(", ");
  return more > 0 ? `${named} … and ${formatEn(more, false, 0)} other indicator${more === 1 ? "" : "s"}` : named;
}

export function summarize(classification: Classification): Summary {
  const total = classification.indicators.length;
  const names = new Map<string, string[]>();
  for (const indicator of classification.indicators) {
    const list = names.get(indicator.band);
    if (list) list.push(indicator.label);
    else names.set(indicator.band, [indicator.label]);
  }
  const bands = [...classification.bands, UNRATED].map((band) => {
    const indicators = names.get(band.id) ?? [];
    return { band: band.id, label: band.label, count: indicators.length, indicators, phrase: band.phrase, phraseEn: band.phraseEn };
  });
  const present = bands.filter((b) => b.count > 0);
  const period = classification.mode === "time" && classification.period ? ` sau ${classification.period.label}` : "";
  const periodEn = classification.mode === "time" && classification.period ? ` after ${classification.period.labelEn}` : "";
  const text =
    total === 0
      ? "Chưa có chỉ tiêu nào có số liệu để đánh giá."
      : `Trong tổng số ${countVi(total)} chỉ tiêu${period}: ` +
        present.map((b) => `${countVi(b.count)}/${countVi(total)} chỉ tiêu ${b.phrase}: ${namesVi(b.indicators)}`).join("; ") +
        ".";
  const textEn =
    total === 0
      ? "No indicator has figures to assess yet."
      : `Of ${countEn(total)} indicators${periodEn}: ` +
        present.map((b) => `${countEn(b.count)}/${countEn(total)} ${b.phraseEn}: ${namesEn(b.indicators)}`).join("; ") +
        ".";
  return { total, bands: bands.map(({ band, label, count, indicators }) => ({ band, label, count, indicators })), text, textEn };
}
