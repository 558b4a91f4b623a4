/**
 * .xlsx adapter: highlight rules as native conditional formats, and a colour legend. Applying
 * again replaces the rules written before for the same table and column instead of stacking them;
 * another table's rules, and rules a person made, stay.
 */
import { parseAreaAddress, type AnnexTable, type HighlightRule, type LegendEntry } from "../annex";
import type { PackageWorkbook } from "./package/packageWorkbook";
import type { ConditionalFormatting, StoredCell } from "./package/sheetXml";

export const LEGEND_TITLE = "Chú giải màu / Colour legend";
export const LEGEND_SHEET = "Chú giải";

const BAND_RULE = /^AND\(ISNUMBER\(\$[A-Z]+\d+\)/;

export async function applyHighlightRules(workbook: PackageWorkbook, table: AnnexTable, rules: HighlightRule[]): Promise<void> {
  if (rules.length === 0) return;
  const sheet = await workbook.sheet(table.sheet);
  if (!sheet) return;
  const styles = await workbook.styles();
  const ranges = [...new Set(rules.map((r) => r.range))];
  const columns = new Set(ranges.map((range) => parseAreaAddress(range).left));
  for (const format of sheet.conditionalFormattings()) {
    if (isOwnFormat(format, table, ranges, columns)) sheet.removeConditionalFormatting(format);
  }
  let priority = sheet.maxPriority();
  for (const range of ranges) {
    const own = rules.filter((r) => r.range === range);
    sheet.addConditionalFormatting(
      range,
      own.map((r) => ({ formula: r.formula, dxfId: styles.differentialStyle(r.fill, r.fontColor), priority: ++priority })),
    );
  }
}

/**
 * Ours: a format on one of the rule ranges, or band rules (=AND(ISNUMBER($G7)…)) on the same column
 * within this table's rows, left by an earlier run when the table was shorter. A format elsewhere in
 * the column belongs to another table.
 */
function isOwnFormat(format: ConditionalFormatting, table: AnnexTable, ranges: string[], columns: Set<number>): boolean {
  if (ranges.includes(format.sqref)) return true;
  if (!/^[A-Z]+\d+(:[A-Z]+\d+)?$/.test(format.sqref)) return false;
  const area = parseAreaAddress(format.sqref);
  const sameColumn = area.left === area.right && columns.has(area.left);
  const withinTable = area.top <= table.range.bottom && area.bottom >= table.range.top;
  return (
    sameColumn && withinTable && format.rules.every((rule) => rule.type === "expression" && rule.formulas.every((f) => BAND_RULE.test(f)))
  );
}

/**
 * The legend goes two rows under the table when those cells are empty and not merged (or hold an
 * earlier legend); otherwise on a sheet of its own, so nothing a person typed is overwritten.
 */
export async function writeLegend(
  workbook: PackageWorkbook,
  table: AnnexTable,
  entries: LegendEntry[],
  ratioColumn: string | null,
): Promise<void> {
  const title = `${LEGEND_TITLE}${ratioColumn ? ` — cột ${ratioColumn}` : ""}`;
  const column = table.range.left;
  const area = { top: table.range.bottom + 2, bottom: table.range.bottom + 2 + entries.length, left: column, right: column + 1 };
  let sheet = (await workbook.sheet(table.sheet))!;
  let row = area.top;
  if (!(await legendFits(workbook, table.sheet, area))) {
    sheet = (await workbook.sheet(LEGEND_SHEET)) ?? (await workbook.addSheet(LEGEND_SHEET));
    row = 1;
  }
  const styles = await workbook.styles();
  const styleOf = (r: number, c: number) => sheet.cell(r, c)?.style ?? 0;
  sheet.writeCell(row, column, { text: title }, styles.cellStyle(styleOf(row, column), { bold: true }));
  entries.forEach((entry, i) => {
    const r = row + 1 + i;
    sheet.writeCell(
      r,
      column,
      { text: entry.label },
      styles.cellStyle(styleOf(r, column), { fill: entry.fill, fontColor: entry.fontColor }),
    );
    sheet.writeCell(r, column + 1, { text: entry.labelEn });
  });
}

async function legendFits(
  workbook: PackageWorkbook,
  sheetName: string,
  area: { top: number; bottom: number; left: number; right: number },
): Promise<boolean> {
  const sheet = (await workbook.sheet(sheetName))!;
  const first = await workbook.cellText(sheet.cell(area.top, area.left));
  if (first?.startsWith(LEGEND_TITLE)) return true;
  const merged = sheet
    .mergedAreas()
    .some((m) => m.top <= area.bottom && m.bottom >= area.top && m.left <= area.right && m.right >= area.left);
  if (merged) return false;
  for (let r = area.top; r <= area.bottom; r++) {
    for (let c = area.left; c <= area.right; c++) if (!(await isEmpty(workbook, sheet.cell(r, c)))) return false;
  }
  return true;
}

async function isEmpty(workbook: PackageWorkbook, cell: StoredCell | null): Promise<boolean> {
  if (!cell || cell.formula) return !cell?.formula;
  if (cell.type === "s" || cell.type === "inlineStr" || cell.type === "str") return ((await workbook.cellText(cell)) ?? "") === "";
  return cell.value === null || cell.value === "";
}
