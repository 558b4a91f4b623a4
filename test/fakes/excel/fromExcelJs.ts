/**
 * Workbook data for the fake from an already-loaded ExcelJS workbook (types only from exceljs:
 * the caller loads the file, so this module stays free of Node and of the exceljs runtime).
 * Formula cells keep their cached result, dates become Excel serial numbers, rich text and
 * hyperlinks their text, and cells covered by a merge are empty, as in Excel. Sheet visibility
 * (veryHidden too) and hidden columns come along.
 */
import type { Cell, CellValue as ExcelJsValue, Workbook, Worksheet } from "exceljs";
import type { FakeCellData, FakeScalar, FakeSheetData, FakeSheetVisibility, FakeWorkbookData } from "./model";

const VISIBILITY: Record<string, FakeSheetVisibility> = { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" };

/** ExcelJS ValueType numbers (a type-only import cannot read the enum at run time). */
const VALUE_TYPE_MERGE = 1;

export function fakeWorkbookFromExcelJs(workbook: Workbook): FakeWorkbookData {
  return { sheets: workbook.worksheets.map(sheetData) };
}

function sheetData(worksheet: Worksheet): FakeSheetData {
  const cells: Record<string, FakeCellData> = {};
  worksheet.eachRow({ includeEmpty: true }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      const data = cellData(cell);
      if (data) cells[cell.address] = data;
    });
  });
  const hiddenColumns: string[] = [];
  for (let c = 1; c <= worksheet.columnCount; c++) if (worksheet.getColumn(c).hidden) hiddenColumns.push(worksheet.getColumn(c).letter);
  return {
    name: worksheet.name,
    cells,
    merges: [...worksheet.model.merges],
    visibility: VISIBILITY[worksheet.state] ?? "Visible",
    hiddenColumns,
  };
}

function cellData(cell: Cell): FakeCellData | null {
  const data: FakeCellData = {};
  if (cell.type !== VALUE_TYPE_MERGE) Object.assign(data, content(cell, cell.value));
  if (cell.numFmt && cell.numFmt !== "General") data.numberFormat = cell.numFmt;
  if (cell.font?.bold) data.bold = true;
  if (cell.font?.italic) data.italic = true;
  return Object.keys(data).length ? data : null;
}

function content(cell: Cell, value: ExcelJsValue): FakeCellData {
  if (value === null || value === undefined) return {};
  if (typeof value === "number" || typeof value === "boolean") return { value };
  if (typeof value === "string") return value === "" ? {} : { value };
  if (value instanceof Date) return { value: serial(value) };
  if ("error" in value) return { error: value.error };
  if ("richText" in value) return { value: value.richText.map((t) => t.text).join("") };
  if ("formula" in value || "sharedFormula" in value) {
    const formula = cell.formula;
    return formula ? { formula: `=${formula}`, value: scalar(cell.result as unknown) } : {};
  }
  if ("text" in value) return { value: String(value.text) };
  return {};
}

function scalar(result: unknown): FakeScalar | null {
  if (result === null || result === undefined) return null;
  if (result instanceof Date) return serial(result);
  if (typeof result === "object" && result && "error" in result) return String((result as { error: string }).error);
  if (typeof result === "number" || typeof result === "string" || typeof result === "boolean") return result;
  return null;
}

function serial(date: Date): number {
  return date.getTime() / 86400000 + 25569;
}
