/** The whole analysis of a generated annex of N rows; prints times, rows per second and how time grows with rows. */
import { analyzeSheet, type CellValue, type SheetSnapshot } from "../src/annex";

export function generatedAnnex(dataRows: number): SheetSnapshot {
  const values: CellValue[][] = [
    ["DANH MỤC NHIỆM VỤ THỰC HIỆN CÁC MỤC TIÊU PHÁT TRIỂN KINH TẾ - XÃ HỘI", null, null, null, null, null, null, null, null],
    [null, null, null, null, null, null, null, null, null],
    ["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm", "Quý III", "Ước cả năm", "% so với kế hoạch", "Còn lại", "Đơn vị chủ trì thực hiện"],
    [null, null, null, null, "Ước thực hiện 9 tháng", "Theo kịch bản", null, null, null],
    [null, 1, 2, 3, 4, 5, "6=4/5", "7=5-4", null],
  ];
  let section = 0;
  let item = 0;
  for (let i = 0; i < dataRows; i++) {
    if (i % 50 === 0) {
      section++;
      item = 0;
      values.push([toRoman(section), `Lĩnh vực ${section}`, null, null, null, null, null, null, null]);
      continue;
    }
    const plan = 1000 + ((i * 37) % 900);
    const done = Math.round(plan * (0.4 + ((i * 13) % 60) / 100));
    const marker = i % 5 === 1 ? "+ " : i % 7 === 0 ? "- " : "";
    values.push([
      marker ? null : String(++item),
      `${marker}Chỉ tiêu số ${i}`,
      "Tỷ đồng",
      plan,
      done,
      plan,
      null,
      null,
      i % 3 ? null : `Sở ${i % 11}`,
    ]);
  }
  return { sheet: "Phụ lục", top: 1, left: 1, values, merges: [{ top: 1, left: 1, bottom: 1, right: 9 }] };
}

export function toRoman(n: number): string {
  const table: [number, string][] = [
    [1000, "M"],
    [900, "CM"],
    [500, "D"],
    [400, "CD"],
    [100, "C"],
    [90, "XC"],
    [50, "L"],
    [40, "XL"],
    [10, "X"],
    [9, "IX"],
    [5, "V"],
    [4, "IV"],
    [1, "I"],
  ];
  let out = "";
  for (const [v, s] of table)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return out;
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The whole analysis of one sheet, as the pane and the CLI run it: median of warm runs, and the first run. */
function timeAnalysis(rows: number, repeats: number): { median: number; first: number; findings: number } {
  const snapshot = generatedAnnex(rows);
  const times: number[] = [];
  let findings = 0;
  // The first run includes the JIT warming up; the median of the next runs is the steady state.
  for (let i = 0; i <= repeats; i++) {
    const start = performance.now();
    const [analysis] = analyzeSheet(snapshot);
    times.push(performance.now() - start);
    findings = analysis.findings.length;
  }
  return { median: median(times.slice(1)), first: times[0], findings };
}

export function benchAnalysis(small = 10_000, large = 40_000): void {
  const results = [
    { rows: small, ...timeAnalysis(small, 5) },
    { rows: large, ...timeAnalysis(large, 3) },
  ];
  for (const r of results) {
    console.log(
      `annex: whole analysis (recognise, fill, validate, classify, summary, rules), ${r.rows} rows: ${r.median.toFixed(0)} ms warm ` +
        `(median; first run ${r.first.toFixed(0)} ms), ${Math.round(r.rows / (r.median / 1000)).toLocaleString("en-US")} rows/s, ${r.findings} findings`,
    );
  }
  console.log(
    `annex: whole analysis ${large}/${small} rows time ratio ${(results[1].median / results[0].median).toFixed(2)} (rows ratio ${large / small})`,
  );
}
