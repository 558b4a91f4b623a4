/**
 * The summary paragraph for the report, in the provincial style:
 * "… 07/24 chỉ tiêu đạt trên 90% kế hoạch (…); 03/24 chỉ tiêu đạt trên 50% kế hoạch (…) …".
 */
import { UNRATED, type Classification } from "./classify";
import { message, type MessageParams } from "../messages";

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
  const period = classification.mode === "time" ? (classification.period ?? null) : null;
  const params: MessageParams["summary.indicators"] = {
    total,
    period: period && { label: period.label, labelEn: period.labelEn },
    bands: bands
      .filter((b) => b.count > 0)
      .map((b) => ({
        count: b.count,
        phrase: b.phrase,
        phraseEn: b.phraseEn,
        names: b.indicators.slice(0, NAMED_PER_BAND),
        more: Math.max(0, b.indicators.length - NAMED_PER_BAND),
      })),
  };
  const text = message("summary.indicators", params, "vi");
  const textEn = message("summary.indicators", params, "en");
  return { total, bands: bands.map(({ band, label, count, indicators }) => ({ band, label, count, indicators })), text, textEn };
}
