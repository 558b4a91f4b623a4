/**
 * A small annex whose formula columns hold live formulas, written as a spreadsheet would: some
 * with their cached result, some saved without one. Column 6 (G) = 4/5 (E/F) as a percentage,
 * column 7 (H) = 5-4 (F-E). Every value below was worked out by hand from the figures.
 */
import type { CellValue } from "../../../../src/annex";
import type { SheetSpec } from "../../../helpers/snapshot";

/** Sheet rows 5–12: ordinal, name, plan, 9-month estimate (E), year estimate (F). */
const FIGURES: [string, string, number, number, number][] = [
  ["1", "Tổng vốn đầu tư", 100, 40, 80],
  ["2", "Thu ngân sách", 100, 30, 60],
  ["3", "Chi ngân sách", 200, 90, 120],
  ["4", "Xuất khẩu", 50, 20, 25],
  ["5", "Nhập khẩu", 10, 6, 8],
  ["6", "Vận tải hàng hóa", 400, 100, 200],
  ["7", "Vận tải hành khách", 30, 12, 16],
  ["8", "Doanh thu dịch vụ", 70, 35, 50],
];

/** E/F and F-E for rows 5–12, by hand: 40/80, 30/60, 90/120, 20/25, 6/8, 100/200, 12/16, 35/50. */
export const RATIO: Record<number, number> = { 5: 0.5, 6: 0.5, 7: 0.75, 8: 0.8, 9: 0.75, 10: 0.5, 11: 0.75, 12: 0.7 };
export const REMAINING: Record<number, number> = { 5: 40, 6: 30, 7: 30, 8: 5, 9: 2, 10: 100, 11: 4, 12: 15 };

/** A formula cell: `cached` undefined means saved without a result. Or a number typed by hand. */
export type FormulaColumnCell = { formula: string; cached?: CellValue } | number;

export const ratioFormula = (row: number) => `=IF(AND(ISNUMBER(E${row}),ISNUMBER(F${row}),F${row}<>0),E${row}/F${row},"")`;
export const remainingFormula = (row: number) => `=IF(AND(ISNUMBER(F${row}),ISNUMBER(E${row})),F${row}-E${row},"")`;

/** The fill's guarded formulas in every G and H cell; even rows keep a cached result, odd rows none. */
export function correctFormulaCells(): Record<string, FormulaColumnCell> {
  const cells: Record<string, FormulaColumnCell> = {};
  for (let row = 5; row <= 12; row++) {
    const cached = row % 2 === 0;
    cells[`G${row}`] = { formula: ratioFormula(row), ...(cached ? { cached: RATIO[row] } : {}) };
    cells[`H${row}`] = { formula: remainingFormula(row), ...(cached ? { cached: REMAINING[row] } : {}) };
  }
  return cells;
}

export interface Plant {
  cell: string;
  content: FormulaColumnCell;
  severity: "error" | "warning";
  what: string;
}

/** One wrong reference of each kind; the severity says whether the value is wrong today. */
export const PLANTS: Plant[] = [
  // E5/F5 = 0.5, the same as row 6's 30/60 today.
  { cell: "G6", content: { formula: "=E5/F5" }, severity: "warning", what: "the row above, agreeing today (no cached result)" },
  // F6-E6 = 30, the same as row 7's 120-90.
  { cell: "H7", content: { formula: "=F6-E6" }, severity: "warning", what: "the row above in column 7, agreeing today (no cached result)" },
  // E7/F7 = 90/120 = 0.75 where row 8 gives 20/25 = 0.8.
  { cell: "G8", content: { formula: "=E7/F7", cached: 0.75 }, severity: "error", what: "another row" },
  // F9-D9 = 8-10 = -2 where F9-E9 = 2.
  { cell: "H9", content: { formula: "=F9-D9", cached: -2 }, severity: "error", what: "another column" },
  // F10/E10 = 200/100 = 2 where E10/F10 = 0.5.
  { cell: "G10", content: { formula: "=F10/E10" }, severity: "error", what: "operands reversed (no cached result)" },
  // $E$9/F11 = 6/16 = 0.375 where E11/F11 = 12/16 = 0.75.
  { cell: "G11", content: { formula: "=$E$9/F11", cached: 0.375 }, severity: "error", what: "an absolute reference copied down" },
  // 0.7 typed where 35/50 = 0.7.
  { cell: "G12", content: 0.7, severity: "warning", what: "a constant that agrees" },
  // 12 typed where 50-35 = 15.
  { cell: "H12", content: 12, severity: "error", what: "a constant that does not" },
];

export const HEADER: CellValue[] = [
  "STT",
  "Chỉ tiêu",
  "ĐVT",
  "Kế hoạch năm",
  "Ước thực hiện 9 tháng",
  "Ước cả năm",
  "% so với ước cả năm",
  "Còn lại",
  "Đơn vị chủ trì",
];
export const NUMBER_ROW: CellValue[] = [null, 1, 2, 3, 4, 5, "6=4/5", "7=5-4", null];
export const TITLE = "DANH MỤC NHIỆM VỤ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI";

/** Sheet rows 1–12 as values (formula cells hold their cached result or null) and the formulas by cell. */
export function annexSheet(formulaCells: Record<string, FormulaColumnCell>): SheetSpec {
  const rows: CellValue[][] = [[TITLE], [], HEADER, NUMBER_ROW];
  FIGURES.forEach(([ordinal, name, plan, estimate, year], i) =>
    rows.push([ordinal, name, "Tỷ đồng", plan, estimate, year, null, null, `Sở ${i + 1}`]),
  );
  const formulas: Record<string, string> = {};
  const formats: Record<string, string> = {};
  for (let row = 5; row <= 12; row++) {
    formats[`G${row}`] = "0.0%";
    formats[`H${row}`] = "#,##0";
  }
  for (const [cell, content] of Object.entries(formulaCells)) {
    const row = Number(cell.slice(1));
    const column = cell.charCodeAt(0) - 64;
    if (typeof content === "number") rows[row - 1][column - 1] = content;
    else {
      formulas[cell] = content.formula;
      rows[row - 1][column - 1] = content.cached ?? null;
    }
  }
  return { sheet: "Phụ lục", rows, formulas, formats, merges: ["A1:I1"] };
}

export function plantedCells(): Record<string, FormulaColumnCell> {
  const cells = correctFormulaCells();
  for (const plant of PLANTS) cells[plant.cell] = plant.content;
  return cells;
}
