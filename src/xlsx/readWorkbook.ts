/** .xlsx adapter: ExcelJS workbooks to engine snapshots. */
import ExcelJS from "exceljs";
import { parseAreaAddress, type CellValue, type SheetSnapshot } from "../annex";
import { bilingual } from "../messages";

export class WorkbookReadError extends Error {}

export async function loadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new WorkbookReadError(`${file}: ${bilingual("xlsx.unreadable", {})} (${reason.split("\n")[0]})`);
  }
  return workbook;
}

export function workbookSnapshots(workbook: ExcelJS.Workbook): SheetSnapshot[] {
  return workbook.worksheets.map(sheetSnapshot);
}

/** One worksheet as the engine sees it: the block from A1 to the last used cell. */
export function sheetSnapshot(worksheet: ExcelJS.Worksheet): SheetSnapshot {
  const rowCount = worksheet.rowCount;
  const columnCount = worksheet.columnCount;
  const merges = worksheet.model.merges.map(parseAreaAddress);
  const covered = new Set<string>();
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++)
      for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r}:${c}`);
  }
  const values: CellValue[][] = [];
  const formulas: string[][] = [];
  const numberFormats: string[][] = [];
  const bold: boolean[][] = [];
  const italic: boolean[][] = [];
  for (let r = 1; r <= rowCount; r++) {
    const row = worksheet.getRow(r);
    const v: CellValue[] = [];
    const f: string[] = [];
    const n: string[] = [];
    const b: boolean[] = [];
    const i: boolean[] = [];
    for (let c = 1; c <= columnCount; c++) {
      const cell = row.getCell(c);
      // Like Excel, a cell covered by a merge is empty; only the merge's anchor holds the value.
      const isCovered = covered.has(`${r}:${c}`);
      const [value, formula] = isCovered ? [null, ""] : cellContent(cell);
      v.push(value);
      f.push(formula);
      n.push(cell.numFmt || "General");
      b.push(Boolean(cell.font?.bold));
      i.push(Boolean(cell.font?.italic));
    }
    values.push(v);
    formulas.push(f);
    numberFormats.push(n);
    bold.push(b);
    italic.push(i);
  }
  return { sheet: worksheet.name, top: 1, left: 1, values, formulas, numberFormats, bold, italic, merges };
}

/**
 * ExcelJS's cell as an Office.js-like pair: the shown value and the formula text. A formula saved
 * without a cached result shows null here; the engine computes it.
 */
function cellContent(cell: ExcelJS.Cell): [CellValue, string] {
  const value = cell.value;
  if (value === null || value === undefined) return [null, ""];
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return [value, ""];
  if (value instanceof Date) return [excelSerial(value), ""];
  if ("error" in value) return [value.error, ""];
  if ("richText" in value) return [value.richText.map((t) => t.text).join(""), ""];
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    const shown: CellValue =
      result === undefined || result === null
        ? null
        : typeof result === "object"
          ? result instanceof Date
            ? excelSerial(result)
            : (result as ExcelJS.CellErrorValue).error
          : result;
    // `cell.formula` also gives a shared formula's copies their own text, moved to their row (A2*2 for the master's A1*2).
    const formula = cell.formula ? `=${cell.formula}` : "";
    return [shown, formula];
  }
  if ("text" in value) return [String(value.text), ""];
  return [null, ""];
}

function excelSerial(date: Date): number {
  return date.getTime() / 86400000 + 25569;
}
