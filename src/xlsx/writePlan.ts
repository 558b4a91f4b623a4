/** .xlsx adapter: apply a fill plan to an ExcelJS workbook (the CLI's --fix). */
import type ExcelJS from "exceljs";
import type { FillPlan } from "../annex";

export function applyFillPlan(workbook: ExcelJS.Workbook, plan: FillPlan): void {
  const worksheet = workbook.getWorksheet(plan.sheet);
  if (!worksheet) throw new Error(`Sheet not found: ${plan.sheet}`);
  for (const write of plan.writes) {
    const cell = worksheet.getCell(write.row, write.column);
    if (write.kind === "formula") {
      // No cached result: the spreadsheet that opens the file computes it.
      cell.value = { formula: write.formula!.replace(/^=/, "") } as ExcelJS.CellFormulaValue;
    } else {
      cell.value = write.value!;
    }
    // A fresh copy: ExcelJS cells may share one style object, and numFmt would leak to the others.
    if (write.numberFormat) cell.style = { ...cell.style, numFmt: write.numberFormat };
  }
}
