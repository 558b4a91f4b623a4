/**
 * `annex` command line:
 * - `annex check [--json] [--fix OUT.xlsx] [--thresholds 100,90,50] [--time-aware] FILE.xlsx…`
 *   exit 0 done, 1 the check found errors, 2 a file could not be read or the arguments are wrong;
 * - `annex sync --list URL [--token T] [--json] FILE.xlsx [--out OUT.xlsx]` (see syncCommand.ts).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { analyzeSheet, bandsFromThresholds, type ClassifyOptions } from "../annex";
import { applyFillPlan } from "../xlsx/writePlan";
import { applyHighlightRules, writeLegend } from "../xlsx/writeHighlight";
import { loadWorkbook, WorkbookReadError, workbookSnapshots } from "../xlsx/readWorkbook";
import { hasErrors, reportJson, reportText, type CheckedFile } from "./checkReport";
import { runSync } from "./syncCommand";

const USAGE = [
  "Cách dùng / usage:",
  "  annex check [--json] [--fix OUT.xlsx] [--thresholds 100,90,50] [--time-aware] FILE.xlsx…",
  "  annex sync --list URL [--token T] [--json] FILE.xlsx [--out OUT.xlsx]",
].join("\n");

interface CheckOptions {
  json: boolean;
  fix: string | null;
  files: string[];
  classify: ClassifyOptions;
}

/** "100,90,50" → the bands ≥100 %, ≥90 %, ≥50 %, below 50 %. */
function parseThresholds(text: string | undefined): number[] | null {
  const values = (text ?? "")
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map(Number);
  return values.length > 0 && values.every((v) => Number.isFinite(v) && v > 0 && v <= 1000) ? values : null;
}

function parseCheckArgs(args: string[]): CheckOptions | string {
  const options: CheckOptions = { json: false, fix: null, files: [], classify: {} };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--json") options.json = true;
    else if (arg === "--time-aware") options.classify.timeAware = true;
    else if (arg === "--thresholds") {
      const thresholds = parseThresholds(args[++i]);
      if (!thresholds) return "--thresholds cần các ngưỡng phần trăm, ví dụ 100,90,50 / --thresholds takes percentages such as 100,90,50";
      options.classify.bands = bandsFromThresholds(thresholds);
    } else if (arg === "--fix") {
      options.fix = args[++i] ?? null;
      if (!options.fix) return "--fix cần tên tệp ra / --fix needs an output file";
    } else if (arg.startsWith("--")) return `Tùy chọn không rõ / unknown option: ${arg}`;
    else options.files.push(arg);
  }
  if (options.files.length === 0) return USAGE;
  if (options.fix && options.files.length !== 1) return "--fix chỉ dùng với một tệp / --fix takes exactly one input file";
  if (options.fix && path.resolve(options.fix) === path.resolve(options.files[0])) {
    return "--fix phải ghi ra tệp khác, tệp gốc không bị sửa / --fix must name a new file: the original is never modified";
  }
  return options;
}

export async function runCheck(args: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const options = parseCheckArgs(args);
  if (typeof options === "string") {
    err(options);
    return 2;
  }
  let exitCode = 0;
  const checked: CheckedFile[] = [];
  for (const file of options.files) {
    try {
      if (!existsSync(file)) throw new WorkbookReadError(`${file}: không tìm thấy tệp / file not found`);
      const workbook = await loadWorkbook(file);
      const tables = workbookSnapshots(workbook).flatMap((snapshot) => analyzeSheet(snapshot, options.classify));
      checked.push({ file, tables });
      if (options.fix) {
        for (const analysis of tables) {
          applyFillPlan(workbook, analysis.plan);
          applyHighlightRules(workbook, analysis.rules);
          if (analysis.rules.length) writeLegend(workbook, analysis.table, analysis.legend, analysis.classification.ratioColumn);
        }
        workbook.calcProperties.fullCalcOnLoad = true;
        await workbook.xlsx.writeFile(options.fix);
      }
    } catch (error) {
      if (!(error instanceof WorkbookReadError)) throw error;
      err(error.message);
      exitCode = 2;
    }
  }
  out(options.json ? JSON.stringify(reportJson(checked), null, 2) : reportText(checked));
  return exitCode === 0 && hasErrors(checked) ? 1 : exitCode;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const out = (text: string) => process.stdout.write(text + "\n");
  const err = (text: string) => process.stderr.write(text + "\n");
  if (command === "check") return runCheck(rest, out, err);
  if (command === "sync") return runSync(rest, out, err);
  err(USAGE);
  return 2;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`Lỗi không mong đợi / unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(2);
    },
  );
}
