/**
 * A realistic annex for the fake, of any length: the shape of the 2020 provincial annex
 * (samples/), grown to `items` indicator rows.
 *
 *   row 1–2  title and subtitle, merged across A:I (the title bold, the subtitle italic)
 *   row 4–5  header band: A, B, C, D, G, H, I merged over both rows; E4 "Quý III" over E5, F4 over F5
 *   row 6    column numbers 1 2 3 4 5 6=4/5 7=5-4 (B..H)
 *   then     sections (I, II, … in A, the name in B, both bold, the rest of the row plain),
 *            items (1, 2, …), "+" parts that add up to their item, "- " members, "Trong đó" rows,
 *            each item's lead department in I, merged down over its sub-items.
 *
 * Names are 40–60 Vietnamese characters. The formula columns G and H hold what planners type:
 * mostly numbers (some rounded, some wrong), some empty cells, a few figures typed as text. No
 * Node imports: the browser harness can build it too.
 */
import type { FakeCellData, FakeScalar, FakeSheetData, FakeWorkbookData } from "./model";

export const ANNEX_SHEET = "Phụ lục";

const SECTIONS = [
  "KHU VỰC I - NÔNG, LÂM NGHIỆP VÀ THỦY SẢN",
  "KHU VỰC II - CÔNG NGHIỆP VÀ XÂY DỰNG",
  "KHU VỰC III - DỊCH VỤ",
  "VĂN HÓA - XÃ HỘI VÀ MÔI TRƯỜNG",
];

const INDICATORS = [
  "Giá trị sản xuất ngành nông, lâm nghiệp và thủy sản",
  "Sản lượng lúa cả năm trên địa bàn các huyện ven biển",
  "Tổng sản lượng thủy sản khai thác và nuôi trồng",
  "Giá trị sản xuất công nghiệp theo giá so sánh năm 2010",
  "Tổng vốn đầu tư phát triển toàn xã hội trên địa bàn",
  "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng",
  "Kim ngạch xuất khẩu hàng hóa và dịch vụ của tỉnh",
  "Tổng thu ngân sách nhà nước trên địa bàn tỉnh",
  "Số lượt khách du lịch đến tham quan và lưu trú",
  "Tỷ lệ trường học đạt chuẩn quốc gia các cấp học",
];

const PARTS = ["Khu vực kinh tế nhà nước do địa phương quản lý", "Khu vực kinh tế ngoài nhà nước và đầu tư nước ngoài"];

const UNITS = ["tỷ đồng", "tấn", "triệu USD", "lượt người", "%"];

const LEADS = [
  "Sở Nông nghiệp và Phát triển nông thôn",
  "Sở Công Thương",
  "Sở Kế hoạch và Đầu tư",
  "Sở Văn hóa và Thể thao",
  "Sở Tài chính",
  "Cục Thống kê tỉnh",
];

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];

function roman(n: number): string {
  if (n <= ROMAN.length) return ROMAN[n - 1];
  return `${ROMAN[ROMAN.length - 1]}.${n - ROMAN.length}`;
}

/** Deterministic pseudo-random numbers (a small LCG), so both sizes are built the same way. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The annex with at least `items` data rows below the number row (sections, items and
 * sub-items together), as workbook data for `createFakeExcel`.
 */
export function realisticAnnex(items: number): FakeWorkbookData {
  const cells: Record<string, FakeCellData | FakeScalar> = {};
  const merges: string[] = ["A1:I1", "A2:I2"];
  const random = rng(2020);
  const bold = (value: FakeScalar): FakeCellData => ({ value, bold: true });

  cells.A1 = bold("DANH MỤC NHIỆM VỤ THỰC HIỆN CÁC MỤC TIÊU TĂNG TRƯỞNG KINH TẾ NĂM 2020");
  cells.A2 = { value: "(Kèm theo Báo cáo số 245/BC-UBND ngày 15 tháng 10 năm 2020 của Ủy ban nhân dân tỉnh)", italic: true };

  const header: Record<string, string> = {
    A4: "TT",
    B4: "Chỉ tiêu",
    C4: "Đơn vị tính",
    D4: "Kế hoạch năm 2020",
    E4: "Quý III",
    E5: "Ước thực hiện đến 9 tháng",
    F4: "Ước cả năm 2020",
    F5: "Theo kịch bản (đã báo HĐND)",
    G4: "So sánh (%)",
    H4: "Chênh lệch",
    I4: "Đơn vị chủ trì",
  };
  // The whole band is bold, covered cells included (as Excel leaves them after formatting the band).
  for (const col of "ABCDEFGHI") for (const row of [4, 5]) cells[`${col}${row}`] = bold(header[`${col}${row}`] ?? "");
  for (const col of "ABCDGHI") merges.push(`${col}4:${col}5`);
  const numbers: FakeScalar[] = [1, 2, 3, 4, 5, "6=4/5", "7=5-4"];
  "BCDEFGH".split("").forEach((col, i) => (cells[`${col}6`] = numbers[i]));

  let row = 7;
  let item = 0;
  let section = 0;
  const last = 6 + items;
  const perSection = Math.max(8, Math.round(items / Math.max(2, Math.min(40, Math.round(items / 25)))));

  /** Figures of one indicator: plan, 9-month result and full-year estimate. */
  const figures = (unit: string) => {
    const plan = unit === "%" ? round2(50 + random() * 50) : round2(100 + random() * 90_000);
    const nine = round2(plan * (0.3 + random() * 0.6));
    const year = round2(plan * (0.6 + random() * 0.6));
    return { plan, nine, year };
  };

  /** G and H as typed: mostly right (rounded), sometimes empty, wrong, or a figure typed as text. */
  const typed = (r: number, nine: number, year: number) => {
    const kind = r % 17;
    const ratio = year === 0 ? 0 : nine / year;
    if (kind === 3) return; // left blank
    if (kind === 8) {
      cells[`G${r}`] = { value: `${(ratio * 100).toFixed(1)}%` }; // pasted from Word as text
      cells[`H${r}`] = round2(year - nine + 1);
      return;
    }
    cells[`G${r}`] = { value: Math.round(ratio * 1000) / 1000, numberFormat: "0.0%" };
    cells[`H${r}`] = { value: kind === 11 ? 95.51 : round2(year - nine), numberFormat: "#,##0.00" };
  };

  const put = (r: number, ordinal: FakeScalar | null, name: string, unit: string, f: { plan: number; nine: number; year: number }) => {
    if (ordinal !== null) cells[`A${r}`] = ordinal;
    cells[`B${r}`] = name;
    cells[`C${r}`] = unit;
    cells[`D${r}`] = { value: f.plan, numberFormat: "#,##0.00" };
    cells[`E${r}`] = { value: f.nine, numberFormat: "#,##0.00" };
    cells[`F${r}`] = { value: f.year, numberFormat: "#,##0.00" };
    typed(r, f.nine, f.year);
  };

  while (row <= last) {
    if (item % perSection === 0) {
      section++;
      cells[`A${row}`] = bold(roman(section));
      cells[`B${row}`] = bold(SECTIONS[(section - 1) % SECTIONS.length]);
      row++;
      if (row > last) break;
    }
    item++;
    const unit = UNITS[item % UNITS.length];
    const name = `${INDICATORS[item % INDICATORS.length]} (chỉ tiêu ${item})`;
    const f = figures(unit);
    const itemRow = row;
    put(row++, item, name, unit, f);

    // Sub-items: two "+" parts that add up to the item, or "- " members, or a "Trong đó" row.
    const shape = item % 5;
    if (shape === 1 && unit !== "%" && row + 1 <= last) {
      const share = 0.3 + random() * 0.4;
      const a = { plan: round2(f.plan * share), nine: round2(f.nine * share), year: round2(f.year * share) };
      const b = { plan: round2(f.plan - a.plan), nine: round2(f.nine - a.nine), year: round2(f.year - a.year) };
      put(row++, null, `+ ${PARTS[0]}`, unit, a);
      put(row++, null, `+ ${PARTS[1]}`, unit, b);
    } else if (shape === 3 && row <= last) {
      const part = { plan: round2(f.plan * 0.4), nine: round2(f.nine * 0.4), year: round2(f.year * 0.4) };
      put(row++, null, `Trong đó: ${PARTS[0].toLowerCase()}`, unit, part);
    } else if (shape === 4 && row + 1 <= last) {
      put(row++, null, `- Huyện Châu Thành và các xã vùng ven biển phía Nam`, unit, figures(unit));
      put(row++, null, `- Huyện Giồng Riềng và các xã vùng sâu, vùng xa`, unit, figures(unit));
    }
    // The lead department of the item, merged down over its sub-items.
    cells[`I${itemRow}`] = LEADS[item % LEADS.length] + (item % 13 === 0 ? "," : "");
    if (row - 1 > itemRow) merges.push(`I${itemRow}:I${row - 1}`);
  }

  const sheet: FakeSheetData = { name: ANNEX_SHEET, cells, merges };
  return { sheets: [{ name: "Tổng hợp", cells: { A1: "Xem Phụ lục" } }, sheet], activeSheet: ANNEX_SHEET };
}
