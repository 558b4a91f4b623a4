import { classifyTable, recognizeTables } from "../../../src/annex";
import { directionOfName } from "../../../src/annex/direction";
import { buildSnapshot } from "../../helpers/snapshot";

/** Nouns of indicators to keep low, as planners write them. */
const NOUNS = ["hộ nghèo", "vụ tai nạn giao thông", "nợ xấu", "người thất nghiệp", "hồ sơ trễ hạn", "vụ vi phạm"];

/** Names that measure how much was taken away: more is better. */
const REDUCTIONS = [
  (n: string) => `Số ${n} giảm`,
  (n: string) => `Tỷ lệ ${n} giảm (%)`,
  (n: string) => `Số ${n} giảm so với cùng kỳ`,
  (n: string) => `Số ${n} giảm được trong năm`,
];

/** Names of the level that remains: less is better. */
const LEVELS = [
  (n: string) => `Tỷ lệ ${n}`,
  (n: string) => `Tỷ lệ ${n} còn`,
  (n: string) => `Giảm tỷ lệ ${n} xuống còn 1,5 %`,
  (n: string) => `Tỷ lệ ${n} giảm còn 1,5 %`,
  (n: string) => `Số ${n} xuống còn dưới 100`,
];

/** The same name as it arrives in real files: no diacritics, capitals, extra spaces, decomposed Unicode. */
const WRITINGS: [string, (name: string) => string][] = [
  ["as typed", (s) => s],
  [
    "without diacritics",
    (s) =>
      s
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/đ/g, "d")
        .replace(/Đ/g, "D"),
  ],
  ["in capitals", (s) => s.toLocaleUpperCase("vi")],
  ["with extra spaces", (s) => `  ${s.replace(/ /g, "   ")} `],
  ["decomposed (NFD)", (s) => s.normalize("NFD")],
];

describe("which way an indicator is better, from its whole name", () => {
  for (const [writing, write] of WRITINGS) {
    it(`reads a lower-is-better noun followed by "giảm" as a reduction, where more is better (${writing})`, () => {
      for (const noun of NOUNS)
        for (const shape of REDUCTIONS)
          expect([write(shape(noun)), directionOfName(write(shape(noun)))]).toEqual([write(shape(noun)), "higher"]);
    });

    it(`reads the noun alone or with "còn", "giảm còn", "xuống còn" as the level, where less is better (${writing})`, () => {
      for (const noun of NOUNS)
        for (const shape of LEVELS)
          expect([write(shape(noun)), directionOfName(write(shape(noun)))]).toEqual([write(shape(noun)), "lower"]);
    });
  }

  it("leaves other indicators higher-is-better, and tells giám (supervise) from giảm (reduce)", () => {
    expect(directionOfName("Tổng thu ngân sách")).toBe("higher");
    expect(directionOfName("Tỷ lệ giảm nghèo")).toBe("higher");
    expect(directionOfName("Số vụ vi phạm được giám sát")).toBe("lower");
    expect(directionOfName("Giảm số vụ tai nạn giao thông")).toBe("higher");
  });

  it('no longer reports 900 of a planned 2,850 households "Số hộ nghèo giảm" as met, and gives the direction per indicator', () => {
    const snapshot = buildSnapshot({
      rows: [
        ["TT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm", "Thực hiện", "Tỷ lệ so với KH"],
        [null, 1, 2, 3, 4, "5=4/3"],
        ["1", "Số hộ nghèo giảm trong năm", "Hộ", 2850, 900, null],
        ["2", "Tỷ lệ hộ nghèo còn", "%", 3, 2.4, null],
      ],
    });
    const [table] = recognizeTables(snapshot);
    const indicators = classifyTable(snapshot, table).indicators.map(({ name, ratio, direction, band }) => ({
      name,
      ratio,
      direction,
      band,
    }));
    expect(indicators).toEqual([
      // 900 / 2,850 = 31.6 %: below half of the plan.
      { name: "Số hộ nghèo giảm trong năm", ratio: expect.closeTo(0.3158, 4), direction: "higher", band: "duoi-50" },
      // 2.4 % left against 3 % planned: lower is better, so the plan is beaten.
      { name: "Tỷ lệ hộ nghèo còn", ratio: expect.closeTo(0.8, 9), direction: "lower", band: "dat-va-vuot" },
    ]);
  });
});
