/**
 * `annex check --json` as a person runs it: the installed command (the compiled JavaScript in
 * build/cli, rebuilt first so it is the code of this checkout) in a child process on generated
 * .xlsx files of 10,000 and 40,000 rows (and 50,000 for memory), its output thrown away. Prints
 * seconds and peak RSS.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeGeneratedAnnex } from "./annexWorkbook";

const ROOT = path.resolve(__dirname, "..");
const CLI = path.join(ROOT, "build/cli/cli/annex.js");
const TIME = "/usr/bin/time";

interface Run {
  rows: number;
  seconds: number;
  /** Peak resident memory in MB, when /usr/bin/time is there to measure it. */
  peakMb: number | null;
}

function runCheck(file: string, rows: number): Run {
  const node = [process.execPath, CLI, "check", "--json", file];
  const start = performance.now();
  if (!existsSync(TIME)) {
    execFileSync(node[0], node.slice(1), { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    return { rows, seconds: (performance.now() - start) / 1000, peakMb: null };
  }
  // GNU time prints the child's peak RSS (KB) on stderr; the report itself goes nowhere.
  const result = spawnSync(TIME, ["-f", "%M", ...node], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const seconds = (performance.now() - start) / 1000;
  const kb = Number(result.stderr.trim().split("\n").pop());
  return { rows, seconds, peakMb: Number.isFinite(kb) ? kb / 1024 : null };
}

export async function benchCheck(sizes = [10_000, 40_000, 50_000]): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "annex-bench-"));
  execFileSync("npm", ["run", "--silent", "build:cli"], { cwd: ROOT, stdio: "inherit" });
  try {
    const runs: Run[] = [];
    for (const rows of sizes) {
      const file = path.join(dir, `phu-luc-${rows}.xlsx`);
      await writeGeneratedAnnex(rows, file);
      const run = runCheck(file, rows);
      runs.push(run);
      const memory = run.peakMb === null ? "peak RSS not measured (no /usr/bin/time)" : `peak RSS ${run.peakMb.toFixed(0)} MB`;
      console.log(`annex check --json, ${rows}-row .xlsx (child process): ${run.seconds.toFixed(2)} s, ${memory}`);
    }
    const [small, large] = runs;
    console.log(
      `annex check --json ${large.rows}/${small.rows} rows: time ratio ${(large.seconds / small.seconds).toFixed(2)}` +
        (small.peakMb && large.peakMb ? `, peak RSS ratio ${(large.peakMb / small.peakMb).toFixed(2)}` : ""),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
