/**
 * Qualitative and range targets that real annexes carry instead of one figure: "Khoảng 4",
 * "Dưới 3", "Trên 90", "6,6-6,8", "≥ 95%", "Xuất siêu". They are legitimate, never errors.
 */
import { parseNumberText, type ParsedNumberText } from "./numbers";
import { fold } from "./text";

export type Target = { kind: "interval"; low: number | null; high: number | null; text: string } | { kind: "label"; text: string };

const APPROXIMATE = /^(khoang|xap xi|gan|dat khoang|uoc khoang|phan dau|tren duoi)\s+/;
const AT_MOST = /^(duoi|khong qua|toi da|nho hon|thap hon|<=?|≤)\s*/;
const AT_LEAST = /^(tren|it nhat|toi thieu|tu|hon|lon hon|cao hon|>=?|≥)\s*/;

/** Words that stand for a target without a figure (trade surplus, "keep stable"…). */
const LABELS = ["xuat sieu", "on dinh", "giu vung", "hoan thanh", "dat chuan", "tang", "giam", "dat", "khong phat sinh"];

function number(text: string): ParsedNumberText | null {
  return parseNumberText(text.replace(/\s*(%|％)\s*$/, "%").trim());
}

function value(parsed: ParsedNumberText): number {
  return parsed.convention === "en" ? parsed.en : parsed.vi;
}

/** Read a target text; null when the text is neither a number-like target nor a known label. */
export function parseTarget(raw: string): Target | null {
  const text = raw.trim();
  const folded = fold(text);
  if (!folded) return null;

  const range = /^(.+?)\s*[-–—]\s*(.+)$/.exec(text);
  if (range && !/^[-–—]/.test(text)) {
    const a = number(range[1]);
    const b = number(range[2]);
    if (a && b) {
      // "90-95%": the percent sign written once applies to both ends.
      const percent = a.percent || b.percent;
      const lo = percent && !a.percent ? value(a) / 100 : value(a);
      const hi = percent && !b.percent ? value(b) / 100 : value(b);
      return { kind: "interval", low: Math.min(lo, hi), high: Math.max(lo, hi), text };
    }
  }
  for (const [pattern, make] of [
    [APPROXIMATE, (n: number) => ({ low: n, high: n })],
    [AT_MOST, (n: number) => ({ low: null, high: n })],
    [AT_LEAST, (n: number) => ({ low: n, high: null })],
  ] as const) {
    const match = pattern.exec(folded);
    if (!match) continue;
    const n = number(folded.slice(match[0].length));
    if (n) return { kind: "interval", ...make(value(n)), text };
  }
  if (LABELS.some((label) => folded === label || folded.startsWith(label + " "))) return { kind: "label", text };
  return null;
}
