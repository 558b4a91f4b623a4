/**
 * Reading a deadline cell: a date cell, a date in words ("30/6/2022", "ngày 30 tháng 6 năm 2022"),
 * a period ("Quý III/2022" → its last day), an ongoing form ("Thường xuyên") or words that are none.
 */
import type { CellValue } from "../snapshot";
import { cellText, fold, hasAnyPhrase } from "../text";
import { dateMatches, fromExcelSerial, isDateFormat, isoDate } from "./dates";
import { periodEnd } from "./periods";

export type Deadline =
  { kind: "date"; due: string; fromDateCell: boolean } | { kind: "ongoing" } | { kind: "blank" } | { kind: "unreadable" };

/** Forms that name a recurring or open-ended task: no day it falls due. */
const ONGOING_PHRASES = [
  "thuong xuyen",
  "hang nam",
  "hang quy",
  "hang thang",
  "hang tuan",
  "hang ngay",
  "dinh ky",
  "lien tuc",
  "theo tien do",
];

/** A day and month without a year ("30/6"): the year is the table's. */
const DAY_MONTH = /(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})(?![\d/.-])/;

/** Serial numbers of the years 1954–2118: a plain number in that range in a deadline column is a date. */
const SERIAL_RANGE = [20_000, 80_000] as const;

export function readDeadline(value: CellValue, numberFormat: string, defaultYear: number | null): Deadline {
  if (typeof value === "number") return numberDeadline(value, numberFormat);
  const text = cellText(value);
  if (!text) return { kind: "blank" };
  const folded = fold(text);
  if (hasAnyPhrase(folded, ONGOING_PHRASES)) return { kind: "ongoing" };
  const due = latestDate(folded) ?? periodEnd(folded, defaultYear) ?? dayAndMonth(folded, defaultYear);
  return due ? { kind: "date", due, fromDateCell: false } : { kind: "unreadable" };
}

function numberDeadline(value: number, numberFormat: string): Deadline {
  // A year typed as a number (2023) is that year's last day, unless the cell is formatted as a date.
  if (!isDateFormat(numberFormat) && Number.isInteger(value) && value >= 1900 && value <= 2100) {
    return { kind: "date", due: isoDate(value, 12, 31)!, fromDateCell: false };
  }
  const inRange = value >= SERIAL_RANGE[0] && value <= SERIAL_RANGE[1];
  const due = isDateFormat(numberFormat) || inRange ? fromExcelSerial(value) : null;
  return due ? { kind: "date", due, fromDateCell: true } : { kind: "unreadable" };
}

/** The latest full date written ("từ 1/1/2023 đến 30/6/2023" is due on 30/6). */
function latestDate(folded: string): string | null {
  const dates = dateMatches(folded).map((m) => m.date);
  return dates.length ? dates.sort()[dates.length - 1] : null;
}

function dayAndMonth(folded: string, defaultYear: number | null): string | null {
  const m = DAY_MONTH.exec(folded);
  return m && defaultYear !== null ? isoDate(defaultYear, Number(m[2]), Number(m[1])) : null;
}

/**
 * A date in a cell: a date cell, else a full date written in it — the latest for a completion
 * ("… ngày 26/6/2023"), the earliest for the document that assigned the task.
 */
export function dateInCell(value: CellValue, numberFormat: string, pick: "earliest" | "latest"): string | null {
  if (typeof value === "number") {
    const inRange = value >= SERIAL_RANGE[0] && value <= SERIAL_RANGE[1];
    return isDateFormat(numberFormat) || inRange ? fromExcelSerial(value) : null;
  }
  const dates = dateMatches(fold(cellText(value)))
    .map((m) => m.date)
    .sort();
  if (dates.length === 0) return null;
  return pick === "earliest" ? dates[0] : dates[dates.length - 1];
}
