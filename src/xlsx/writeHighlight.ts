/**
 * .xlsx adapter: highlight rules as native conditional formats, and a colour legend. Applying
 * again replaces the rules written before for the same table and column instead of stacking them;
 * another table's rules, and rules a person made, stay.
 */
import { parseAreaAddress, type AnnexTable, type HighlightRule, type LegendEntry } from "../annex";
import type { TaskHighlight } from "../annex/tasks/analyzeTasks";
import { dateFormula } from "../annex/tasks/highlight";
import type { PackageWorkbook } from "./package/packageWorkbook";
import type { ConditionalFormatting, SheetXml, StoredCell } from "./package/sheetXml";
import type { StylesXml } from "./package/stylesXml";

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
  addRules(sheet, styles, rules);
}

function addRules(sheet: SheetXml, styles: StylesXml, rules: HighlightRule[]): void {
  let priority = sheet.maxPriority();
  for (const range of [...new Set(rules.map((r) => r.range))]) {
    const own = rules.filter((r) => r.range === range);
    sheet.addConditionalFormatting(
      range,
      own.map((r) => ({ formula: r.formula, dxfId: styles.differentialStyle(r.fill, r.fontColor), priority: ++priority })),
    );
  }
}

/**
 * A task list's state rules, and the as-of day they compare deadlines with as the workbook name
 * `AnnexAsOf` (set, never added twice). Applying again replaces the task rules written before on
 * this table's rows, wherever its row blocks now fall.
 */
export async function applyTaskHighlight(workbook: PackageWorkbook, table: AnnexTable, highlight: TaskHighlight): Promise<void> {
  const sheet = await workbook.sheet(table.sheet);
  if (!sheet) return;
  if (highlight.asOf) workbook.setDefinedName(highlight.asOfName, dateFormula(highlight.asOf));
  const ranges = new Set(highlight.rules.map((r) => r.range));
  for (const format of sheet.conditionalFormattings()) {
    if (ranges.has(format.sqref) || isOwnTaskFormat(format, table, highlight.asOfName)) sheet.removeConditionalFormatting(format);
  }
  if (highlight.rules.length) addRules(sheet, await workbook.styles(), highlight.rules);
}

/**
 * Ours: whole-width row blocks of this table whose rules all always hold or compare with the
 * as-of name. A person's format on a column, or with any other formula, stays.
 */
function isOwnTaskFormat(format: ConditionalFormatting, table: AnnexTable, asOfName: string): boolean {
  if (!/^[A-Z]+\d+(:[A-Z]+\d+)?$/.test(format.sqref)) return false;
  const area = parseAreaAddress(format.sqref);
  const wholeWidth = area.left === table.range.left && area.right === table.range.right;
  const withinTable = area.top <= table.range.bottom && area.bottom >= table.range.top;
  // LibreOffice saves the rule that always holds as "1".
  const ownFormula = (f: string) => /^(TRUE|1)$/i.test(f.trim()) || f.toUpperCase().includes(asOfName.toUpperCase());
  return (
    wholeWidth &&
    withinTable &&
    format.rules.length > 0 &&
    format.rules.every((rule) => rule.type === "expression" && rule.formulas.every(ownFormula))
  );
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
  footer?: LegendFooter,
): Promise<void> {
  const title = `${LEGEND_TITLE}${ratioColumn ? ` — cột ${ratioColumn}` : ""}`;
  const column = table.range.left;
  const lines = entries.length + (footer ? 1 : 0);
  const area = { top: table.range.bottom + 2, bottom: table.range.bottom + 2 + lines, left: column, right: column + 1 };
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
  if (footer) {
    const r = row + 1 + entries.length;
    sheet.writeCell(r, column, { text: footer.label });
    sheet.writeCell(
      r,
      column + 1,
      { formula: footer.formula },
      styles.cellStyle(styleOf(r, column + 1), { numberFormat: footer.numberFormat }),
    );
  }
}

/** A last legend line: words, and a live value beside them (the as-of day a task list is judged on). */
export interface LegendFooter {
  label: string;
  formula: string;
  numberFormat: string;
}

/** The task legend's last line: the day the colours speak of, read from the name a person may change. */
export function asOfFooter(asOfName: string): LegendFooter {
  return {
    label: `Tính đến ngày (đổi tên ${asOfName} để xét ngày khác) / As of (change the name ${asOfName} to judge another day)`,
    formula: `=${asOfName}`,
    numberFormat: "dd/mm/yyyy",
  };
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
