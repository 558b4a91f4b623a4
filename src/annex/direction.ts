/**
 * Which way an indicator is better, read from its whole name. Nouns such as "hộ nghèo" or
 * "tai nạn" name something to keep low, but the name may measure its reduction instead:
 * "Số hộ nghèo giảm" (more is better) against "Tỷ lệ hộ nghèo còn" (less is better).
 */
import type { AnnexRow } from "./model";
import { fold } from "./text";

export type Direction = "higher" | "lower";

/** Nouns of indicators where a smaller figure is the better one (folded). */
const LOWER_IS_BETTER = [
  "tai nan",
  "toi pham",
  "ho ngheo",
  "ty le ngheo",
  "no xau",
  "tre han",
  "qua han",
  "that nghiep",
  "tu vong",
  "suy dinh duong",
  "o nhiem",
  "vi pham",
  "chay no",
  "chay rung",
  "ma tuy",
  "khieu nai",
  "ton dong",
  "no dong",
  "lam phat",
  "ho can ngheo",
  "tham hut",
];

/**
 * The verbs are compared with their diacritics, so "giám" (giám sát) is not "giảm" and "con"
 * (child) is not "còn"; a name typed without any diacritics can only be read by its bare words.
 */
const MARKED = { reduction: ["giảm"], level: ["còn", "xuống"] };
const BARE = { reduction: ["giam"], level: ["con", "xuong"] };

function words(name: string): string[] {
  return name
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean);
}

function hasDiacritics(name: string): boolean {
  return /[\u0300-\u036fđĐ]/.test(name.normalize("NFD"));
}

/**
 * Direction of a name that holds a lower-is-better noun: "giảm"/"giảm được" without "còn" or
 * "xuống" measures the reduction (higher is better); the noun alone, or with "còn", "giảm còn",
 * "xuống còn", names the level (lower is better). "Giảm tỷ lệ hộ nghèo" (the verb first, no level)
 * is a reduction too.
 */
function directionOfLowerNoun(name: string): Direction {
  const all = words(name);
  const verbs = hasDiacritics(name) ? MARKED : BARE;
  if (all.some((w) => verbs.level.includes(w))) return "lower";
  return all.some((w) => verbs.reduction.includes(w)) ? "higher" : "lower";
}

/** Any of the nouns as whole words of the folded name, in one pass. */
const LOWER_NOUN = new RegExp(`(?:^|[^a-z0-9])(?:${LOWER_IS_BETTER.join("|")})(?![a-z0-9])`);

export function directionOfName(name: string): Direction {
  return LOWER_NOUN.test(fold(name)) ? directionOfLowerNoun(name) : "higher";
}

/** A person's correction (by sheet row "21" or by name) first, else what the name says. */
export function indicatorDirection(row: AnnexRow, directions: Record<string, Direction> = {}): Direction {
  // Own keys only: an indicator named "constructor" has no correction.
  const corrected = (key: string) => (Object.prototype.hasOwnProperty.call(directions, key) ? directions[key] : undefined);
  return corrected(String(row.row)) ?? corrected(row.name) ?? directionOfName(row.name);
}
