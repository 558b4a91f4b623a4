/**
 * The summary paragraph for the report, in the provincial style:
 * "… 07/24 chỉ tiêu đạt trên 90% kế hoạch (…); 03/24 chỉ tiêu đạt trên 50% kế hoạch (…) …".
 */
import { UNRATED, type Classification } from "./classify";

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

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

export function summarize(classification: Classification): Summary {
  const total = classification.indicators.length;
  const bands = [...classification.bands, UNRATED].map((band) => {
    const members = classification.indicators.filter((i) => i.band === band.id);
    return {
      band: band.id,
      label: band.label,
      count: members.length,
      indicators: members.map((i) => i.label),
      phrase: band.phrase,
      phraseEn: band.phraseEn,
    };
  });
  const present = bands.filter((b) => b.count > 0);
  const period = classification.mode === "time" && classification.period ? ` sau ${classification.period.label}` : "";
  const periodEn = classification.mode === "time" && classification.period ? ` after ${classification.period.labelEn}` : "";
  const text =
    total === 0
      ? "Chưa có chỉ tiêu nào có số liệu để đánh giá."
      : `Trong tổng số ${pad(total)} chỉ tiêu${period}: ` +
        present.map((b) => `${pad(b.count)}/${pad(total)} chỉ tiêu ${b.phrase}: ${b.indicators.join(", ")}`).join("; ") +
        ".";
  const textEn =
    total === 0
      ? "No indicator has figures to assess yet."
      : `Of ${total} indicators${periodEn}: ` +
        present.map((b) => `${b.count}/${total} ${b.phraseEn}: ${b.indicators.join(", ")}`).join("; ") +
        ".";
  return { total, bands: bands.map(({ band, label, count, indicators }) => ({ band, label, count, indicators })), text, textEn };
}
