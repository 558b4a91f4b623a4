/**
 * A clean annex of any size, built the way planners type one: ratios rounded to 0.1 %, figures to
 * one decimal, "+" parts that add up to their row, "Trong đó" rows smaller than theirs, every
 * item with a lead unit. Tests plant one mistake at a known cell and look for it.
 */
import type { CellValue, SheetSnapshot } from "../../src/annex";
import { buildSnapshot } from "./snapshot";

export interface CleanAnnex {
  snapshot: SheetSnapshot;
  /** Sheet rows by what they are, to plant mistakes in. */
  items: number[];
  parts: { parent: number; children: number[] }[];
  ofWhich: { parent: number; child: number }[];
  sections: number[];
  set(cell: string, value: CellValue): void;
  get(cell: string): CellValue;
}

const FORMATS = { D: "#,##0.0", E: "#,##0.0", F: "#,##0.0", G: "0.0%", H: "#,##0.0" };

export function cleanAnnex(dataRows: number): CleanAnnex {
  const rows: CellValue[][] = [
    ["DANH MỤC NHIỆM VỤ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI"],
    [],
    ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm", "Ước thực hiện 9 tháng", "Ước cả năm", "% so với ước cả năm", "Còn lại", "Đơn vị chủ trì"],
    [null, 1, 2, 3, 4, 5, "6=4/5", "7=5-4", null],
  ];
  const items: number[] = [];
  const sections: number[] = [];
  const parts: CleanAnnex["parts"] = [];
  const ofWhich: CleanAnnex["ofWhich"] = [];
  const formats: Record<string, string> = {};
  // Figures in tenths, as integers, so sums are exact.
  const figureRow = (
    ordinal: string | null,
    name: string,
    plan: number,
    estimate: number,
    year: number,
    lead: string | null,
  ): CellValue[] => [
    ordinal,
    name,
    "Tỷ đồng",
    plan / 10,
    estimate / 10,
    year / 10,
    Math.round((estimate / year) * 1000) / 1000,
    (year - estimate) / 10,
    lead,
  ];
  let section = 0;
  let item = 0;
  let n = 0;
  const roman = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
    "XVIII",
    "XIX",
    "XX",
  ];
  while (rows.length - 4 < dataRows) {
    const sheetRow = rows.length + 1;
    if (n % 40 === 0) {
      rows.push([roman[section % roman.length], `Lĩnh vực ${++section}`]);
      sections.push(sheetRow);
      item = 0;
      n++;
      continue;
    }
    n++;
    item++;
    const year = 10_000 + ((n * 7919) % 50_000);
    const estimate = Math.round(year * (0.45 + ((n * 37) % 60) / 100));
    rows.push(figureRow(String(item), `Chỉ tiêu số ${n}`, year + 500, estimate, year, `Sở ${(n % 9) + 1}`));
    items.push(sheetRow);
    if (item % 5 === 0) {
      const a = Math.round(estimate * 0.6);
      const ay = Math.round(year * 0.55);
      rows.push(figureRow(null, "+ Khu vực nhà nước", Math.round((year + 500) * 0.5), a, ay, null));
      rows.push(figureRow(null, "+ Khu vực ngoài nhà nước", year + 500 - Math.round((year + 500) * 0.5), estimate - a, year - ay, null));
      parts.push({ parent: sheetRow, children: [sheetRow + 1, sheetRow + 2] });
    } else if (item % 7 === 0) {
      rows.push(
        figureRow(
          null,
          "Trong đó: vốn ngân sách",
          Math.round((year + 500) * 0.3),
          Math.round(estimate * 0.3),
          Math.round(year * 0.3),
          null,
        ),
      );
      ofWhich.push({ parent: sheetRow, child: sheetRow + 1 });
    }
  }
  for (let r = 5; r <= rows.length; r++) for (const [col, format] of Object.entries(FORMATS)) formats[`${col}${r}`] = format;
  const snapshot = buildSnapshot({ rows, merges: ["A1:I1"], formats, boldRows: sections });
  const at = (cell: string) => {
    const [, col, row] = /^([A-Z])(\d+)$/.exec(cell)!;
    return { r: Number(row) - 1, c: col.charCodeAt(0) - 65 };
  };
  return {
    snapshot,
    items,
    parts,
    ofWhich,
    sections,
    set(cell, value) {
      const { r, c } = at(cell);
      snapshot.values[r][c] = value;
    },
    get(cell) {
      const { r, c } = at(cell);
      return snapshot.values[r][c];
    },
  };
}
