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

/**
 * The whole analysis of one sheet, as the pane and the CLI run it: the first run, then the median
 * of `repeats` runs after `warmup` more. The engine's code is compiled by the JIT over the first
 * few runs (the second and third are still on their way), so "warm" starts after those.
 */
function timeAnalysis(rows: number, warmup: number, repeats: number): { median: number; first: number; findings: number } {
  const snapshot = generatedAnnex(rows);
  const time = () => {
    const start = performance.now();
    const [analysis] = analyzeSheet(snapshot);
    return { ms: performance.now() - start, findings: analysis.findings.length };
  };
  const first = time();
  for (let i = 0; i < warmup; i++) time();
  const times = Array.from({ length: repeats }, () => time().ms);
  return { median: median(times), first: first.ms, findings: first.findings };
}

export function benchAnalysis(small = 10_000, large = 40_000): void {
  const runs = { [small]: { warmup: 5, repeats: 15 }, [large]: { warmup: 2, repeats: 5 } };
  const results = [small, large].map((rows) => ({ rows, ...runs[rows], ...timeAnalysis(rows, runs[rows].warmup, runs[rows].repeats) }));
  for (const r of results) {
    console.log(
      `annex: whole analysis (recognise, fill, validate, classify, summary, rules), ${r.rows} rows: ${r.median.toFixed(0)} ms warm ` +
        `(median of ${r.repeats} runs after ${1 + r.warmup} to warm up; first run ${r.first.toFixed(0)} ms), ` +
        `${Math.round(r.rows / (r.median / 1000)).toLocaleString("en-US")} rows/s, ${r.findings} findings`,
    );
  }
  console.log(
    `annex: whole analysis ${large}/${small} rows time ratio ${(results[1].median / results[0].median).toFixed(2)} (rows ratio ${large / small})`,
  );
}
