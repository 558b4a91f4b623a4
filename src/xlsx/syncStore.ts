/**
 * .xlsx adapter for sync: the SyncState lives in a veryHidden worksheet (`_annex_sync`; users
 * cannot unhide it from Excel's menu) as JSON cut into chunks of at most 30,000 characters, one
 * per cell down column A (Excel holds at most 32,767 characters in a cell). Pulled values and
 * RowKeys are written as plain values — numbers as numbers, text as text — never as formulas.
 */
import type ExcelJS from "exceljs";
import { parseState, serializeState, type SyncCellWrite, type SyncState } from "../sync";

export const SYNC_SHEET = "_annex_sync";
const MARKER = "annex-sync-state";
export const STATE_CHUNK = 30_000;

/** Is this the sync state sheet (to leave out of table recognition)? */
export function isSyncSheet(worksheet: ExcelJS.Worksheet): boolean {
  return worksheet.name === SYNC_SHEET;
}

export function readSyncState(workbook: ExcelJS.Workbook): SyncState | null {
  const sheet = workbook.getWorksheet(SYNC_SHEET);
  if (!sheet) return null;
  if (sheet.getCell(1, 1).value !== MARKER) return null;
  const count = Number(sheet.getCell(1, 2).value);
  if (!Number.isInteger(count) || count < 0) return null;
  let text = "";
  for (let i = 0; i < count; i++) {
    const v = sheet.getCell(i + 2, 1).value;
    if (typeof v !== "string") return null;
    text += v;
  }
  return parseState(text);
}

export function writeSyncState(workbook: ExcelJS.Workbook, state: SyncState): void {
  const existing = workbook.getWorksheet(SYNC_SHEET);
  if (existing) workbook.removeWorksheet(existing.id);
  const sheet = workbook.addWorksheet(SYNC_SHEET, { state: "veryHidden" });
  const text = serializeState(state);
  const chunks: string[] = [];
  for (let at = 0; at < text.length; at += STATE_CHUNK) chunks.push(text.slice(at, at + STATE_CHUNK));
  sheet.getCell(1, 1).value = MARKER;
  sheet.getCell(1, 2).value = chunks.length;
  chunks.forEach((chunk, i) => {
    sheet.getCell(i + 2, 1).value = chunk;
  });
}

/**
 * Apply the sync's cell writes and hide the key column. A value is set as a plain value: ExcelJS
 * only makes a formula from a `{formula}` object, so a string starting with "=" stays a string;
 * such text also gets the text number format "@" so that editing the cell in Excel keeps it text.
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
