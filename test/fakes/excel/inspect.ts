/**
 * What a test reads straight from the fake workbook, without a batch: the text the add-in keeps
 * in one of its very hidden sheets (A1 marker, B1 chunk count, A2… the chunks; see
 * src/excel/chunkedSheet.ts), or null when the sheet is missing or holds nothing.
 */
import type { FakeExcelHost } from "./context";

export function hiddenSheetText(host: FakeExcelHost, sheetName: string): string | null {
  const sheet = host.workbook.sheet(sheetName);
  if (!sheet) return null;
  const count = Number(sheet.valueAt(1, 2));
  if (!Number.isInteger(count) || count <= 0) return null;
  let text = "";
  for (let row = 2; row <= count + 1; row++) text += String(sheet.valueAt(row, 1));
  return text;
}
