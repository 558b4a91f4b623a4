/**
 * The fake workbook written back into an ExcelJS workbook (the caller saves it as .xlsx), the
 * inverse of fromExcelJs.ts: values, formulas with their cached results, number formats, bold and
 * italic, merges, hidden columns and sheet visibility (a very hidden sheet stays very hidden).
 * The caller passes the ExcelJS module, so this file stays free of Node and the exceljs runtime.
 */
import type { CellValue, Workbook } from "exceljs";
import { cellAddress, type CellArea } from "../../../src/annex/snapshot";
import type { FakeCell, FakeSheetState, FakeSheetVisibility, FakeWorkbookState } from "./model";

const STATE: Record<FakeSheetVisibility, "visible" | "hidden" | "veryHidden"> = {
  Visible: "visible",
  Hidden: "hidden",
  VeryHidden: "veryHidden",
};

export function excelJsFromFake(state: FakeWorkbookState, WorkbookClass: new () => Workbook): Workbook {
  const workbook = new WorkbookClass();
  for (const sheet of state.sheets) writeSheet(workbook, sheet);
  return workbook;
}

function writeSheet(workbook: Workbook, sheet: FakeSheetState): void {
  const worksheet = workbook.addWorksheet(sheet.name, { state: STATE[sheet.visibility] });
  for (const [key, cell] of sheet.cells) {
    const [row, column] = key.split(":").map(Number);
    const target = worksheet.getCell(row, column);
    const value = excelJsValue(cell);
    if (value !== null) target.value = value;
    if (cell.numberFormat !== "General") target.numFmt = cell.numberFormat;
    if (cell.bold || cell.italic) target.font = { bold: cell.bold, italic: cell.italic };
  }
  for (const m of sheet.merges) worksheet.mergeCells(areaText(m));
  for (const column of sheet.hiddenColumns) worksheet.getColumn(column).hidden = true;
}

function excelJsValue(cell: FakeCell): CellValue {
  const c = cell.content;
  switch (c.kind) {
    case "empty":
      return null;
    case "formula":
      return { formula: c.formula.slice(1), result: c.cached ?? undefined } as CellValue;
    case "error":
      return { error: c.value } as CellValue;
    default:
      return c.value;
  }
}

function areaText(area: CellArea): string {
  return `${cellAddress(area.top, area.left)}:${cellAddress(area.bottom, area.right)}`;
}
