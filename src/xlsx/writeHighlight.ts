/**
 * .xlsx adapter: highlight rules as native conditional formats, and a colour legend. Applying
 * again replaces the rules written before on the same ranges instead of stacking them.
 */
import type ExcelJS from "exceljs";
import type { AnnexTable, HighlightRule, LegendEntry } from "../annex";

export const LEGEND_TITLE = "Chú giải màu / Colour legend";
const LEGEND_SHEET = "Chú giải";

function argb(hex: string): string {
  return "FF" + hex.replace("#", "").toUpperCase();
}

export function applyHighlightRules(workbook: ExcelJS.Workbook, rules: HighlightRule[]): void {
  const bySheet = new Map<string, HighlightRule[]>();
  for (const rule of rules) bySheet.set(rule.sheet, [...(bySheet.get(rule.sheet) ?? []), rule]);
  for (const [sheet, sheetRules] of bySheet) {
    const worksheet = workbook.getWorksheet(sheet);
    if (!worksheet) continue;
    const ranges = new Set(sheetRules.map((r) => r.range));
    const columns = new Set(sheetRules.map((r) => r.range.replace(/\d+/g, "")));
    // Ours: the same range, or a band rule (=AND(ISNUMBER($G7)…)) on the same column from an earlier, shorter table.
    const isOwn = (cf: ExcelJS.ConditionalFormattingOptions) =>
      ranges.has(cf.ref) ||
      (columns.has(cf.ref.replace(/\d+/g, "")) &&
        cf.rules.every(
          (rule) => rule.type === "expression" && (rule.formulae ?? []).every((f: string) => /^AND\(ISNUMBER\(\$[A-Z]+\d+\)/.test(f)),
        ));
    worksheet.removeConditionalFormatting((cf: ExcelJS.ConditionalFormattingOptions) => !isOwn(cf));
    for (const range of ranges) {
      worksheet.addConditionalFormatting({
        ref: range,
        rules: sheetRules
          .filter((r) => r.range === range)
          .map((r, i) => ({
            type: "expression",
            priority: i + 1,
            formulae: [r.formula.replace(/^=/, "")],
            style: {
              fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(r.fill) } },
              font: { color: { argb: argb(r.fontColor) } },
            },
          })),
      });
    }
  }
}

/**
 * The legend goes two rows under the table when those cells are empty (or hold an earlier legend);
 * otherwise on a sheet of its own, so nothing a person typed is overwritten.
 */
export function writeLegend(workbook: ExcelJS.Workbook, table: AnnexTable, entries: LegendEntry[], ratioColumn: string | null): void {
  const title = `${LEGEND_TITLE}${ratioColumn ? ` — cột ${ratioColumn}` : ""}`;
  const below = workbook.getWorksheet(table.sheet)!;
  const top = table.range.bottom + 2;
  const column = table.range.left;
  const height = entries.length + 1;
  const free = (sheet: ExcelJS.Worksheet, row: number) => {
    const existing = sheet.getCell(row, column).value;
    if (typeof existing === "string" && existing.startsWith(LEGEND_TITLE)) return true;
    for (let r = row; r < row + height; r++) {
      for (let c = column; c <= column + 1; c++) {
        const v = sheet.getCell(r, c).value;
        if (v !== null && v !== undefined && v !== "") return false;
      }
    }
    return true;
  };
  let sheet = below;
  let row = top;
  if (!free(below, top)) {
    sheet = workbook.getWorksheet(LEGEND_SHEET) ?? workbook.addWorksheet(LEGEND_SHEET);
    row = 1;
  }
  sheet.getCell(row, column).value = title;
  sheet.getCell(row, column).font = { bold: true };
  entries.forEach((entry, i) => {
    const cell = sheet.getCell(row + 1 + i, column);
    cell.value = entry.label;
    cell.style = {
      ...cell.style,
      fill: { type: "pattern", pattern: "solid", fgColor: { argb: argb(entry.fill) } },
      font: { color: { argb: argb(entry.fontColor) } },
    };
    sheet.getCell(row + 1 + i, column + 1).value = entry.labelEn;
  });
}
