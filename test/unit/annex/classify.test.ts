import {
  bandsFromThresholds,
  classifyTable,
  highlightRules,
  periodOf,
  recognizeTables,
  summarize,
  type ClassifyOptions,
} from "../../../src/annex";
import { buildSnapshot } from "../../helpers/snapshot";

/** A small annex: column 6 = 4/3, actual over plan. */
function annex(
  rows: [string, string, number | string | null, number | null][],
  header = "Thực hiện 6 tháng",
  options: ClassifyOptions = {},
) {
  const snapshot = buildSnapshot({
    rows: [
      ["TT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm", header, "Tỷ lệ so với KH", "Đơn vị chủ trì"],
      [null, 1, 2, 3, 4, "5=4/3", null],
      ...rows.map(([ordinal, name, plan, actual]) => [ordinal, name, "Tấn", plan, actual, null, "Sở A"]),
    ],
  });
  const [table] = recognizeTables(snapshot);
  return classifyTable(snapshot, table, options);
}

const bandOf = (c: ReturnType<typeof annex>) => Object.fromEntries(c.indicators.map((i) => [i.name, i.band]));

describe("achievement classification", () => {
  it("puts each indicator in the provincial bands", () => {
    const c = annex([
      ["1", "Vượt", 100, 105],
      ["2", "Đúng 100", 100, 100],
      ["3", "Chín lăm", 100, 95],
      ["4", "Sáu mươi", 100, 60],
      ["5", "Ba mươi", 100, 30],
      ["6", "Chưa có số", 100, null],
    ]);
    expect(c.ratioColumn).toBe("F");
    expect(bandOf(c)).toEqual({
      Vượt: "dat-va-vuot",
      "Đúng 100": "dat-va-vuot",
      "Chín lăm": "tren-90",
      "Sáu mươi": "tren-50",
      "Ba mươi": "duoi-50",
      "Chưa có số": "chua-danh-gia",
    });
  });

  it("takes other thresholds when told", () => {
    const c = annex(
      [
        ["1", "A", 100, 85],
        ["2", "B", 100, 70],
      ],
      undefined,
      { bands: bandsFromThresholds([100, 80]) },
    );
    expect(bandOf(c)).toEqual({ A: "tren-80", B: "duoi-80" });
  });

  it("compares with the progress due at the period in the headers", () => {
    expect(periodOf(["Ước thực hiện đến 9 tháng"])?.expected).toBe(0.75);
    expect(periodOf(["Quý III"])?.expected).toBe(0.75);
    expect(periodOf(["Thực hiện 6 tháng đầu năm"])?.expected).toBe(0.5);
    expect(periodOf(["Ước cả năm 2020"])?.expected).toBe(1);
    const c = annex(
      [
        ["1", "Nhanh", 100, 55],
        ["2", "Chậm", 100, 45],
        ["3", "Xong", 100, 100],
      ],
      "Thực hiện 6 tháng",
      { timeAware: true },
    );
    expect(c.mode).toBe("time");
    expect(c.period).toMatchObject({ expected: 0.5 });
    expect(bandOf(c)).toEqual({ Nhanh: "dung-tien-do", Chậm: "cham-tien-do", Xong: "dat-va-vuot" });
  });

  it("inverts the comparison where lower is better, and lets a person override it", () => {
    const rows: [string, string, number, number][] = [
      ["1", "Số vụ tai nạn giao thông", 100, 80],
      ["2", "Tỷ lệ hộ nghèo", 3, 4],
      ["3", "Tổng thu ngân sách", 100, 80],
    ];
    const c = annex(rows);
    expect(c.indicators.map((i) => i.direction)).toEqual(["lower", "lower", "higher"]);
    expect(bandOf(c)).toEqual({ "Số vụ tai nạn giao thông": "dat-va-vuot", "Tỷ lệ hộ nghèo": "tren-50", "Tổng thu ngân sách": "tren-50" });
    // By name, or by sheet row (row 4 is "Tỷ lệ hộ nghèo").
    const overridden = annex(rows, undefined, { directions: { "Tổng thu ngân sách": "lower", "4": "higher" } });
    expect(overridden.indicators.map((i) => i.direction)).toEqual(["lower", "higher", "lower"]);
    // Highlight rules for lower-is-better rows compare the other way: ratio ≤ 1/0.9 is "above 90 %".
    const snapshot = buildSnapshot({
      rows: [
        ["TT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Tỷ lệ"],
        [null, 1, 2, 3, 4, "5=4/3"],
        ["1", "Số vụ tai nạn giao thông", "Vụ", 100, 80],
      ],
    });
    const [table] = recognizeTables(snapshot);
    const rules = highlightRules(table, classifyTable(snapshot, table));
    expect(rules.find((r) => r.band === "tren-90")!.formula).toBe("=AND(ISNUMBER($F3),$F3<=1.11111111111,$F3>1)");
  });

  it("measures range targets against the bound that must be reached", () => {
    const c = annex([
      ["1", "Tỷ lệ che phủ rừng", "Trên 90", 85],
      ["2", "Tỷ lệ thất nghiệp", "Dưới 3", 2.5],
      ["3", "Tăng trưởng", "6,6-6,8", 6.7],
      ["4", "Cán cân thương mại", "Xuất siêu", null],
    ]);
    expect(bandOf(c)).toEqual({
      "Tỷ lệ che phủ rừng": "tren-90", // 85 / 90
      "Tỷ lệ thất nghiệp": "dat-va-vuot", // at most 3: 2.5 is better
      "Tăng trưởng": "dat-va-vuot", // 6.7 ≥ 6.6
      "Cán cân thương mại": "chua-danh-gia",
    });
  });

  it("writes the summary paragraph with counts as n/N and the indicators named", () => {
    const c = annex([
      ["1", "Sản lượng lúa", 100, 105],
      ["2", "Sản lượng thủy sản", 100, 95],
      ["3", "Vốn đầu tư", 100, 30],
    ]);
    expect(summarize(c).text).toBe(
      "Trong tổng số 03 chỉ tiêu: 01/03 chỉ tiêu đạt và vượt kế hoạch: Sản lượng lúa; 01/03 chỉ tiêu đạt trên 90% kế hoạch: Sản lượng thủy sản; 01/03 chỉ tiêu đạt dưới 50% kế hoạch: Vốn đầu tư.",
    );
    expect(summarize(c).bands.map((b) => b.count)).toEqual([1, 1, 0, 1, 0]);
  });
});
