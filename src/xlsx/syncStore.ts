/**
 * .xlsx adapter for sync: the SyncState lives in a very hidden worksheet laid out as
 * src/sync/stateSheet.ts says (the Office.js adapter keeps it the same way). Pulled values and
 * RowKeys are written as plain values — numbers as numbers, text as text — never as formulas.
 */
import type ExcelJS from "exceljs";
import { isStateSheet, STATE_SHEET, stateCells, stateFromValues, type SyncCellWrite, type SyncState } from "../sync";

/** Is this the sync state sheet (to leave out of table recognition)? */
export function isSyncSheet(worksheet: ExcelJS.Worksheet): boolean {
  return isStateSheet(worksheet.name);
}

export function readSyncState(workbook: ExcelJS.Workbook): SyncState | null {
  const sheet = workbook.getWorksheet(STATE_SHEET);
  if (!sheet) return null;
  const count = Number(sheet.getCell(1, 2).value);
  const values: unknown[][] = [[sheet.getCell(1, 1).value, sheet.getCell(1, 2).value]];
  for (let i = 0; Number.isInteger(count) && i < count; i++) values.push([sheet.getCell(i + 2, 1).value]);
  return stateFromValues(values);
}

export function writeSyncState(workbook: ExcelJS.Workbook, state: SyncState): void {
  const existing = workbook.getWorksheet(STATE_SHEET);
  if (existing) workbook.removeWorksheet(existing.id);
  const sheet = workbook.addWorksheet(STATE_SHEET, { state: "veryHidden" });
  const { marker, count, chunks } = stateCells(state);
  sheet.getColumn(1).numFmt = "@";
  sheet.getCell(1, 1).value = marker;
  sheet.getCell(1, 2).value = count;
  chunks.forEach((chunk, i) => {
    sheet.getCell(i + 2, 1).value = chunk;
  });
}

/**
 * Apply the sync's cell writes and hide the key column. A value is set as a plain value: ExcelJS
 * only makes a formula from a `{formula}` object, so a string starting with "=" (or with an
 * apostrophe) stays the string it is in the file; such text also gets the text number format "@"
 * so that editing the cell in Excel keeps it text (and keeps a leading apostrophe).
 */
export function applySyncWrites(
  workbook: ExcelJS.Workbook,
  writes: SyncCellWrite[],
  keyColumn?: { column: number } | null,
  sheetName?: string,
): void {
  for (const w of writes) {
    const worksheet = workbook.getWorksheet(w.sheet);
    if (!worksheet) throw new Error(`Sheet not found: ${w.sheet}`);
    const cell = worksheet.getCell(w.row, w.column);
    cell.value = w.value === null ? null : typeof w.value === "string" ? String(w.value) : w.value;
    const numFmt = w.numberFormat ?? (w.asText ? "@" : undefined);
    // A fresh style object: ExcelJS cells may share one, and the format would leak to others.
    if (numFmt) cell.style = { ...cell.style, numFmt };
  }
  if (keyColumn && sheetName) {
    const worksheet = workbook.getWorksheet(sheetName);
    if (worksheet) worksheet.getColumn(keyColumn.column).hidden = true;
  }
}
