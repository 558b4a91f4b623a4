#!/usr/bin/env node
/**
 * `annex` command line:
 * - `annex check [--json] [--fix OUT.xlsx [--force]] [--thresholds 100,90,50] [--time-aware] [--as-of YYYY-MM-DD] FILE.xlsx…`
 *   exit 0 done, 1 the check found errors, 2 a file could not be read or the arguments are wrong;
 * - `annex sync --list URL [--token T] [--json] FILE.xlsx [--out OUT.xlsx]` (see syncCommand.ts).
 */
import path from "node:path";
import { bandsFromThresholds, type AnalyzeOptions, type TableAnalysis } from "../annex";
import { isoDate, parseIsoDate } from "../annex/tasks/dates";
import { FixError, writeFixedWorkbook } from "../xlsx/writeFixedWorkbook";
import { analyzeWorkbook } from "../app/checkWorkbook";
import { collectGarbage } from "./memory";
import type { WorkbookRead } from "../app/ports";
import { loadWorkbook, WorkbookReadError } from "../xlsx/readWorkbook";
import { xlsxReader } from "../xlsx/workbookHost";
import { bilingual } from "../messages";
import { ArgsError, parseArgs, type ParsedArgs } from "./args";
import { fileJson, fileText, hasErrors, isUnreadable, type CheckedFile } from "./checkReport";
import { inputFileProblem } from "./inputFile";
import { CHUNK, LineBuffer, writeJson } from "./jsonLines";
import { PipedOutput } from "./pipedOutput";
import { runSync, stopOnSignals } from "./syncCommand";

const USAGE = [
  "Cách dùng / usage:",
  "  annex check [--json] [--fix OUT.xlsx [--force]] [--thresholds 100,90,50] [--time-aware] [--as-of YYYY-MM-DD] FILE.xlsx…",
  "  annex sync --list URL [--token T] [--json] FILE.xlsx [--out OUT.xlsx]",
  "  annex check --help",
].join("\n");

const CHECK_USAGE = [
  "Cách dùng / usage: annex check [--json] [--fix OUT.xlsx [--force]] [--thresholds 100,90,50] [--time-aware] [--as-of YYYY-MM-DD] FILE.xlsx…",
  "",
  "Kiểm tra các bảng phụ lục trong từng tệp .xlsx / checks the annex tables in each .xlsx file.",
  "  --json               một tài liệu JSON thay cho báo cáo đọc được / one JSON document instead of the readable report",
  "  --fix OUT.xlsx       ghi bản sao đã điền công thức và tô màu; tệp gốc giữ nguyên / write a filled, highlighted copy; the original is kept",
  "  --force              với --fix: vẫn ghi khi có phần không giữ được / with --fix: write even what cannot be kept intact",
  "  --thresholds LIST    ngưỡng các mức, phần trăm (mặc định 100,90,50) / the band limits in percent (default 100,90,50)",
  "  --time-aware         so với tiến độ cần đạt ở kỳ báo cáo / compare with the progress due at the reporting period",
  "  --as-of YYYY-MM-DD   ngày xét tình trạng nhiệm vụ (mặc định: theo tiêu đề, nếu không có thì hôm nay) / the day task lists are judged on (default: the title's, else today)",
  "  -h, --help           in hướng dẫn này / print this help",
  "Tùy chọn có giá trị viết --opt VALUE hoặc --opt=VALUE / an option's value follows it or an equals sign.",
  "",
  "Mã thoát / exit codes:",
  "  0  đã kiểm tra, không có lỗi (kể cả tệp không có bảng phụ lục) / checked, no error (also when a workbook has no annex)",
  '  1  có phát hiện mức "lỗi" / the check found an error',
  "  2  có tệp không đọc được, không phải .xlsx, hoặc tham số sai / a file could not be read or is not .xlsx, or the arguments are wrong",
].join("\n");

const CHECK_OPTIONS = {
  json: {},
  fix: { value: true },
  force: {},
  thresholds: { value: true },
  "time-aware": {},
  "as-of": { value: true },
} as const;

/** Where the report goes; a writer may return a promise to hold the report back while its reader is behind. */
export type Out = (text: string) => void | Promise<void>;
export type Err = (text: string) => void;

interface CheckOptions {
  json: boolean;
  fix: string | null;
  /** --force: --fix writes even what it cannot keep intact. */
  force: boolean;
  files: string[];
  classify: AnalyzeOptions;
}

/** The day of the check on this machine's calendar: task lists without an as-of day are judged on it. */
function today(): string {
  const now = new Date();
  return isoDate(now.getFullYear(), now.getMonth() + 1, now.getDate())!;
}

/** "100,90,50" → the bands ≥100 %, ≥90 %, ≥50 %, below 50 %. */
function parseThresholds(text: string | undefined): number[] | null {
  const values = (text ?? "")
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map(Number);
  return values.length > 0 && values.every((v) => Number.isFinite(v) && v > 0 && v <= 1000) ? values : null;
}

function checkOptions({ options, positionals: files }: ParsedArgs<typeof CHECK_OPTIONS>): CheckOptions {
  const classify: AnalyzeOptions = { today: today() };
  if (options["time-aware"]) classify.timeAware = true;
  if (options["as-of"] !== undefined) {
    const asOf = parseIsoDate(options["as-of"]);
    if (!asOf) {
      throw new ArgsError(bilingual("cli.asOfInvalid", { value: options["as-of"] }));
    }
    classify.asOf = asOf;
  }
  if (options.thresholds !== undefined) {
    const thresholds = parseThresholds(options.thresholds);
    if (!thresholds) throw new ArgsError(bilingual("cli.thresholdsInvalid", {}));
    classify.bands = bandsFromThresholds(thresholds);
  }
  const fix = options.fix ?? null;
  if (files.length === 0) throw new ArgsError(bilingual("cli.noInputFile", {}));
  if (fix && files.length !== 1) throw new ArgsError(bilingual("cli.fixOneFile", {}));
  if (fix && path.resolve(fix) === path.resolve(files[0])) throw new ArgsError(bilingual("fix.sameFile", {}));
  if (options.force && !fix) throw new ArgsError(bilingual("cli.forceWithoutFix", {}));
  return { json: options.json, fix, force: options.force, files, classify };
}

/** The snapshots of every sheet; ExcelJS's model of the file is gone once this returns. */
async function readXlsx(file: string): Promise<WorkbookRead> {
  const read = await xlsxReader(await loadWorkbook(file)).read(null);
  collectGarbage();
  return read;
}

/** Read one workbook and analyse every sheet; an unreadable file says why in one line. */
async function checkFile(file: string, classify: AnalyzeOptions): Promise<CheckedFile> {
  const problem = inputFileProblem(file);
  if (problem) return { file, error: problem };
  try {
    const read = await readXlsx(file);
    return { file, tables: analyzeWorkbook(read, classify).flatMap((sheet) => sheet.tables) };
  } catch (error) {
    if (error instanceof WorkbookReadError) return { file, error: error.message };
    throw error;
  }
}

/** --fix: write the fixed copy. Its own failures (output refused or not writable) are one line; the report is still printed. */
async function writeFix(file: string, tables: TableAnalysis[], options: CheckOptions, err: Err): Promise<boolean> {
  try {
    await writeFixedWorkbook(file, options.fix!, tables, { force: options.force });
    return true;
  } catch (error) {
    if (!(error instanceof FixError)) throw error;
    err(error.message);
    return false;
  }
}

/** The report, written file by file so that a large one never sits whole in memory. */
interface Report {
  file(checked: CheckedFile, last: boolean): Promise<void>;
  end(): Promise<void>;
}

function jsonReport(out: Out): Report {
  const sink = new LineBuffer(out);
  sink.line("{");
  sink.line('  "files": [');
  return {
    async file(checked, last) {
      await writeJson(fileJson(checked), sink, "    ", "", last ? "" : ",");
      await sink.flush();
    },
    async end() {
      sink.line("  ]");
      sink.line("}");
      await sink.flush();
    },
  };
}

function textReport(out: Out): Report {
  const sink = new LineBuffer(out);
  return {
    async file(checked) {
      for (const line of fileText(checked)) {
        sink.line(line);
        if (sink.pending >= CHUNK) await sink.flush();
      }
      await sink.flush();
    },
    end: () => sink.flush(),
  };
}

export async function runCheck(args: string[], out: Out, err: Err): Promise<number> {
  let options: CheckOptions;
  try {
    const parsed = parseArgs(args, CHECK_OPTIONS);
    if (parsed.help) {
      await out(CHECK_USAGE);
      return 0;
    }
    options = checkOptions(parsed);
  } catch (error) {
    if (!(error instanceof ArgsError)) throw error;
    err(error.message);
    err(`${bilingual("cli.seeHelp", {})}: annex check --help`);
    return 2;
  }
  const report = options.json ? jsonReport(out) : textReport(out);
  let exitCode = 0;
  for (const [i, file] of options.files.entries()) {
    const checked = await checkFile(file, options.classify);
    if (isUnreadable(checked)) {
      err(checked.error);
      exitCode = 2;
    } else {
      if (options.fix && !(await writeFix(file, checked.tables, options, err))) exitCode = 2;
      if (hasErrors(checked)) exitCode = Math.max(exitCode, 1);
    }
    await report.file(checked, i === options.files.length - 1);
  }
  await report.end();
  return exitCode;
}

async function main(argv: string[]): Promise<number> {
  const stdout = new PipedOutput(process.stdout);
  process.stderr.on("error", () => undefined); // nowhere left to say anything
  const err: Err = (text) => void process.stderr.write(text + "\n");
  const [command, ...rest] = argv;
  let code: number;
  if (command === "check") code = await runCheck(rest, stdout.line, err);
  else if (command === "sync") code = await runSync(rest, stdout.line, err, process.env, stopOnSignals());
  else if (command === "--help" || command === "-h") {
    await stdout.line(USAGE);
    code = 0;
  } else {
    if (command !== undefined) err(`${bilingual("cli.unknownCommand", {})}: ${command}`);
    err(USAGE);
    code = 2;
  }
  if (stdout.failure) {
    err(`${bilingual("cli.outputFailed", {})}: ${stdout.failure.message}`);
    return 2;
  }
  return code;
}

if (require.main === module) {
  // Only the exit code is set: Node exits once stdout has taken everything, so a pipe or a file gets the whole report.
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      process.stderr.write(`${bilingual("cli.unexpectedError", {})}: ${reason}\n`);
      process.exitCode = 2;
    },
  );
}
