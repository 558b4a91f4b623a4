/** Numbers, counts and dates the way each language writes them in messages: 3.527,2 and 39,8% / 3,527.2 and 39.8%. */
export type Language = "vi" | "en";

const LOCALE: Record<Language, string> = { vi: "vi-VN", en: "en-US" };

/** The locale that writes numbers and dates the way a reader of this language does. */
export function localeOf(language: Language): string {
  return LOCALE[language];
}

const formatters = new Map<string, Intl.NumberFormat>();

/** Building a number format is far slower than using one: keep one per locale and precision. */
function numberFormat(language: Language, minimumDecimals: number, maximumDecimals: number): Intl.NumberFormat {
  const key = `${language}:${minimumDecimals}:${maximumDecimals}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE[language], { minimumFractionDigits: minimumDecimals, maximumFractionDigits: maximumDecimals });
    formatters.set(key, format);
  }
  return format;
}

/** A figure with at most `decimals` decimals; a fraction shown as a percentage when `percent`. */
function formatIn(language: Language, value: number, percent: boolean, decimals = 2): string {
  const text = numberFormat(language, 0, decimals).format(percent ? value * 100 : value);
  return percent ? `${text}%` : text;
}

export function formatVi(value: number, percent: boolean, decimals = 2): string {
  return formatIn("vi", value, percent, decimals);
}

export function formatEn(value: number, percent: boolean, decimals = 2): string {
  return formatIn("en", value, percent, decimals);
}

/** A share with exactly one decimal: "20,0" / "20.0". */
export function formatOneDecimal(language: Language, value: number): string {
  return numberFormat(language, 1, 1).format(value);
}

/** Counts as the Vietnamese reports write them: "03", "22", "1.250". */
export function countVi(n: number): string {
  return n < 10 ? String(n).padStart(2, "0") : formatVi(n, false, 0);
}

export function countEn(n: number): string {
  return formatEn(n, false, 0);
}

/** "30/09/2023", as Vietnamese reports write the ISO day "2023-09-30". */
export function formatDateVi(iso: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  return `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
}
