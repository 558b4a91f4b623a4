/** Column roles from header words, matched without diacritics and in any case or spacing. */
import type { ColumnRole } from "./model";
import { fold, hasAnyPhrase } from "./text";

/** Phrases per role, tried in this order (lead and partner before unit: "Đơn vị chủ trì" is not a unit). */
const ROLE_PHRASES: [ColumnRole, string[]][] = [
  ["ordinal", ["tt", "stt", "so tt", "so thu tu", "thu tu"]],
  ["partner", ["phoi hop"]],
  ["lead", ["chu tri", "don vi thuc hien", "co quan thuc hien", "don vi phu trach", "co quan phu trach", "phu trach", "chiu trach nhiem"]],
  ["unit", ["don vi tinh", "dvt", "don vi", "dv tinh"]],
  // Before the deadline: "Ngày hoàn thành" is the day the work was done, "Thời gian hoàn thành" the day it is due.
  ["completedOn", ["ngay hoan thanh", "thoi diem hoan thanh", "hoan thanh thuc te", "ngay thuc hien xong"]],
  ["deadline", ["thoi gian hoan thanh", "thoi han", "han hoan thanh", "thoi gian thuc hien", "tien do hoan thanh", "moc thoi gian"]],
  // Before the source and the status: "Hình thức văn bản" names the product, "Kết quả đầu ra" is no status.
  ["product", ["san pham", "hinh thuc van ban", "hinh thuc san pham", "ket qua dau ra"]],
  ["source", ["van ban giao", "van ban chi dao", "so, ky hieu", "so ky hieu", "ky hieu", "can cu giao"]],
  ["status", ["tinh hinh thuc hien", "tinh trang", "ket qua thuc hien", "ket qua", "trang thai", "tien do thuc hien", "danh gia"]],
  ["note", ["ghi chu"]],
  [
    "name",
    [
      "chi tieu",
      "ten chi tieu",
      "noi dung",
      "nhiem vu",
      "ten nhiem vu",
      "danh muc",
      "linh vuc",
      "hang muc",
      "noi dung cong viec",
      "cong viec",
    ],
  ],
];

/** Words that mark a header cell even when no role phrase matches (they name value columns). */
const VALUE_PHRASES = [
  "ke hoach",
  "kh",
  "uoc thuc hien",
  "uoc th",
  "thuc hien",
  "luy ke",
  "so sanh",
  "ty le",
  "uoc ca nam",
  "cung ky",
  "nam",
  "thang",
  "quy",
  "kich ban",
  "muc tieu",
  "chenh lech",
];

/** The role the header words give a column, or null when they name no known role. */
export function roleFromHeader(labels: string[]): ColumnRole | null {
  // The lowest, most specific label decides first ("Quý III" over "Ước thực hiện" is a value column).
  for (let i = labels.length - 1; i >= 0; i--) {
    const role = roleOfFolded(fold(labels[i]));
    if (role) return role;
  }
  return null;
}

function roleOfFolded(text: string): ColumnRole | null {
  for (let i = 0; i < ROLE_PHRASES.length; i++) {
    const [role, phrases] = ROLE_PHRASES[i];
    if (role === "ordinal" ? isOrdinalHeader(text) : hasAnyPhrase(text, phrases)) return role;
  }
  return null;
}

function isOrdinalHeader(text: string): boolean {
  return /^(s\.?\s?tt|t\.?\s?t|so (tt|thu tu)|thu tu)\.?$/.test(text);
}

/** How strongly a row's texts look like the first row of a header band (count of distinct roles seen). */
export function headerScore(texts: string[]): number {
  const roles = new Set<ColumnRole>();
  let valueWords = 0;
  for (const t of texts) {
    const folded = fold(t);
    const role = roleOfFolded(folded);
    if (role) roles.add(role);
    else if (hasAnyPhrase(folded, VALUE_PHRASES)) valueWords++;
  }
  if (!roles.has("name")) return 0;
  return roles.size + Math.min(valueWords, 2) * 0.5;
}

export function looksLikeHeaderWords(text: string): boolean {
  const folded = fold(text);
  return roleFromHeader([text]) !== null || hasAnyPhrase(folded, VALUE_PHRASES);
}
