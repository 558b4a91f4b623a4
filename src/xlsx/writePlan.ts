/** .xlsx adapter: apply a fill plan to the worksheet part it names, in place (the CLI's --fix). */
import type { FillPlan } from "../annex";
import type { Loss } from "./package/losses";
import type { PackageWorkbook } from "./package/packageWorkbook";
import { arrayFormulasHit, dropArrayFormula, keepSharedFormulas, key } from "./package/sharedFormulas";

/** Writes the plan's cells; returns what the writes could not keep (an array formula cut into). */
export async function applyFillPlan(workbook: PackageWorkbook, plan: FillPlan): Promise<Loss[]> {
  const sheet = await workbook.sheet(plan.sheet);
  if (!sheet) throw new Error(`Sheet not found: ${plan.sheet}`);
  const styles = await workbook.styles();
  const written = new Set(plan.writes.map((w) => key(w.row, w.column)));
  const losses: Loss[] = arrayFormulasHit(sheet, written).map((broken) => {
    dropArrayFormula(sheet, broken.master);
    return { kind: "arrayFormula", ref: broken.ref, sheet: plan.sheet };
  });
  keepSharedFormulas(sheet, written);
  for (const write of plan.writes) {
    const stored = sheet.cell(write.row, write.column);
    // No cached result is written: the spreadsheet that opens the file computes it (fullCalcOnLoad).
    const content = write.kind === "formula" ? { formula: write.formula! } : { number: write.value! };
    const style = write.numberFormat ? styles.cellStyle(stored?.style ?? 0, { numberFormat: write.numberFormat }) : undefined;
    sheet.writeCell(write.row, write.column, content, style);
  }
  return losses;
}
