import { DEFAULT_BANDS, summarize, type Classification, type IndicatorClass } from "../../../src/annex";

function classification(perBand: Record<string, number>): Classification {
  const indicators: IndicatorClass[] = [];
  for (const [band, count] of Object.entries(perBand)) {
    for (let i = 1; i <= count; i++) {
      const name = `${band} ${i}`;
      indicators.push({ row: indicators.length + 5, name, label: name, ratio: 1, direction: "higher", band });
    }
  }
  return { ratioColumn: "G", mode: "bands", period: null, bands: DEFAULT_BANDS, indicators };
}

describe("the summary paragraph", () => {
  it("names at most 10 indicators per band and says how many more, while the bands keep every name", () => {
    const summary = summarize(classification({ "dat-va-vuot": 4990, "tren-90": 10 }));
    const first10 = Array.from({ length: 10 }, (_, i) => `dat-va-vuot ${i + 1}`).join(", ");
    const all10 = Array.from({ length: 10 }, (_, i) => `tren-90 ${i + 1}`).join(", ");
    expect(summary.text).toBe(
      `Trong tổng số 5.000 chỉ tiêu: 4.990/5.000 chỉ tiêu đạt và vượt kế hoạch: ${first10} … và 4.980 chỉ tiêu khác; ` +
        `10/5.000 chỉ tiêu đạt trên 90% kế hoạch: ${all10}.`,
    );
    expect(summary.textEn).toBe(
      `Of 5,000 indicators: 4,990/5,000 met or exceeded the plan: ${first10} … and 4,980 other indicators; ` +
        `10/5,000 reached over 90% of the plan: ${all10}.`,
    );
    expect(summary.bands[0].indicators).toHaveLength(4990);
    expect(summary.bands[0].indicators[4989]).toBe("dat-va-vuot 4990");
  });

  it("counts one more indicator in the singular in English, and keeps the reports' two-digit counts", () => {
    const summary = summarize(classification({ "duoi-50": 11 }));
    expect(summary.text).toMatch(
      /^Trong tổng số 11 chỉ tiêu: 11\/11 chỉ tiêu đạt dưới 50% kế hoạch: duoi-50 1, .*, duoi-50 10 … và 1 chỉ tiêu khác\.$/,
    );
    expect(summary.textEn).toMatch(/duoi-50 10 … and 1 other indicator\.$/);
    expect(summarize(classification({ "tren-50": 3 })).text).toBe(
      "Trong tổng số 03 chỉ tiêu: 03/03 chỉ tiêu đạt trên 50% kế hoạch: tren-50 1, tren-50 2, tren-50 3.",
    );
  });
});
