/** Recognise + plan a generated annex of N rows; prints times and rows per second. */
import { planFill, recognizeTables, type CellValue, type SheetSnapshot } from "../src/annex";

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

export function benchAnnex(rows: number, repeats = 5): void {
  const snapshot = generatedAnnex(rows);
  // The first run includes the JIT warming up; the median of the next runs is the steady state.
  const coldStart = performance.now();
  planFill(snapshot, recognizeTables(snapshot)[0]);
  const cold = performance.now() - coldStart;
  const times: number[] = [];
  let writes = 0;
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    const [table] = recognizeTables(snapshot);
    writes = planFill(snapshot, table).writes.length;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `annex: recognise + fill plan, ${rows} rows: ${median.toFixed(1)} ms (median of ${repeats}; first run ${cold.toFixed(0)} ms), ${Math.round(rows / (median / 1000)).toLocaleString("en-US")} rows/s, ${writes} cells planned`,
  );
}
