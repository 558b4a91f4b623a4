/**
 * `annex sync --list URL [--token T] [--json] [--sheet NAME] [--dry-run] [--recreate]
 *  [--resolve KEY:FIELD=workbook|list]… FILE.xlsx [--out OUT.xlsx]`
 *
 * Syncs the workbook's annex table with a shared list (Microsoft Graph or the local list server)
 * through the one sync workflow (src/app/syncWorkbook.ts) and writes the merged workbook, with
 * its sync state, to OUT (default FILE.dong-bo.xlsx). The input file is never modified. Token:
 * --token or the ANNEX_LIST_TOKEN environment variable. Ctrl-C finishes the batch in flight,
 * saves the progress and stops; the same command again resumes.
 * Exit codes: 0 done, 1 conflicts remain (both values are kept; choose with --resolve),
 * 2 bad input, unreachable list or a sync that stopped early or left changes unsent (one-line
 * message; the same command again continues), 130 stopped by Ctrl-C.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type ExcelJS from "exceljs";
import { syncWorkbook } from "../app/syncWorkbook";
import { WorkflowError } from "../app/errors";
import { GraphClient, graphErrorText, GraphError, parseListReference, type Resolution, type SyncField, type SyncReport } from "../sync";
import { bilingual, message, texts, type MessageCode, type MessageParams } from "../messages";
import { loadWorkbook, WorkbookReadError } from "../xlsx/readWorkbook";
import { ArgsError, parseArgs } from "./args";
import { XlsxWorkbookHost } from "../xlsx/workbookHost";

const USAGE = [
  "Cách dùng / usage: annex sync --list URL [--token T] [--json] [--sheet TÊN] [--dry-run] [--recreate]",
  "                   [--resolve KHÓA:TRƯỜNG=workbook|list]… FILE.xlsx [--out OUT.xlsx]",
].join("\n");

interface SyncOptions {
  list: string;
  token: string | null;
  json: boolean;
  sheet: string | null;
  file: string;
  out: string;
  resolutions: Resolution[];
  dryRun: boolean;
  recreate: boolean;
}

const SYNC_OPTIONS = {
  list: { value: true },
  token: { value: true },
  out: { value: true },
  sheet: { value: true },
  resolve: { value: true, multiple: true },
  json: {},
  "dry-run": {},
  recreate: {},
} as const;

function parseSyncArgs(given: string[], env: Record<string, string | undefined>): SyncOptions | { help: true } | string {
  let parsed;
  try {
    parsed = parseArgs(given, SYNC_OPTIONS);
  } catch (error) {
    if (error instanceof ArgsError) return error.message;
    throw error;
  }
  if (parsed.help) return { help: true };
  const { options, positionals: files } = parsed;
  const list = options.list;
  if (!list || files.length !== 1) return USAGE;
  const resolutions: Resolution[] = [];
  for (const v of options.resolve) {
    const m = /^([^:=]+):([A-Za-z_][A-Za-z0-9_]*)=(workbook|list)$/.exec(v);
    if (!m) return bilingual("cli.resolveForm", {});
    resolutions.push({ rowKey: m[1], field: m[2], take: m[3] as "workbook" | "list" });
  }
  const file = files[0];
  const output = options.out ?? file.replace(/(\.xlsx)?$/i, ".dong-bo.xlsx");
  if (sameFile(output, file)) return bilingual("cli.outSameFile", {});
  const token = options.token ?? env.ANNEX_LIST_TOKEN ?? null;
  if (!token) return bilingual("cli.missingToken", {});
  return {
    list,
    token,
    json: options.json,
    sheet: options.sheet ?? null,
    file,
    out: output,
    resolutions,
    dryRun: options["dry-run"],
    recreate: options.recreate,
  };
}

/** The same file by path, or (when both exist) by device and inode: a link never lets --out overwrite the input. */
function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/** The report's language: the planners'. */
const say = <C extends MessageCode>(code: C, params: MessageParams[C]) => message(code, params, "vi");

function reportText(file: string, out: string | null, sheet: string, list: string, report: SyncReport, fields: SyncField[]): string {
  const name = (field: string) => {
    const f = fields.find((x) => x.name === field);
    return f && f.displayName !== field ? `${field} (${f.displayName})` : field;
  };
  const { dryRun } = report;
  const lines: string[] = [];
  const count = (code: CountLine, n: number) => lines.push(`  ${say(code, { count: n })}`);
  lines.push(say("syncReport.heading", { dryRun, sheet, file: path.basename(file), list, listCreated: Boolean(report.listCreated) }));
  lines.push(`  ${say("syncReport.created", { created: report.created, dryRun, toCreate: report.outboxRemaining })}`);
  if (report.matched.length) count("syncReport.matched", report.matched.length);
  count("syncReport.updated", report.updated);
  count("syncReport.pulled", report.pulled);
  count("syncReport.conflicts", report.conflicts.length);
  if (report.deletedRemotely.length) count("syncReport.deletedRemotely", report.deletedRemotely.length);
  if (report.keysAssigned) count("syncReport.keysAssigned", report.keysAssigned);
  if (report.missingInWorkbook.length) count("syncReport.missingInWorkbook", report.missingInWorkbook.length);
  if (report.remoteOnly.length) count("syncReport.remoteOnly", report.remoteOnly.length);
  if (report.skipped.length) count("syncReport.skipped", report.skipped.length);
  if (report.failed.length) count("syncReport.failed", report.failed.length);
  if (report.outboxRemaining && !dryRun) count("syncReport.outboxRemaining", report.outboxRemaining);
  lines.push(`  ${say("syncReport.requests", { requests: report.requests, writes: report.writeRequests })}`);
  if (out) lines.push(`  ${say("syncReport.written", { file: out })}`);
  if (report.conflicts.length) {
    lines.push(say("syncReport.conflictsHeading", {}));
    for (const c of report.conflicts) {
      const conflict = {
        row: c.row,
        title: c.title || null,
        field: name(c.field),
        cell: c.cell || null,
        workbook: c.workbook,
        list: c.list,
        base: c.base,
        // The reason is given in both languages, so that a planner reading either can tell why.
        why: bilingual("syncReport.conflictReason", { reason: c.reason }),
        merge: c.merge ? { area: c.merge.area, rows: c.merge.rows } : null,
        rowKey: c.rowKey,
        fieldKey: c.field,
      };
      lines.push(`  - ${say("syncReport.conflict", conflict)}`);
    }
  }
  const listChanges = report.nonOwnerChanges.filter((n) => n.side === "list");
  if (listChanges.length) {
    lines.push(say("syncReport.listChangesHeading", {}));
    for (const n of listChanges) lines.push(`  - ${say("syncReport.listChange", { field: name(n.field), rowKey: n.rowKey })}`);
  }
  for (const m of report.matched) lines.push(`  - ${say("syncReport.matchedItem", item(m))}`);
  for (const d of report.deletedRemotely) lines.push(`  - ${say("syncReport.deletedItem", item(d))}`);
  for (const f of report.failed) {
    lines.push(`  - ${say("syncReport.failedWrite", { op: f.op, rowKey: f.rowKey, status: f.status, code: f.code, message: f.message })}`);
  }
  return lines.join("\n");
}

/** The report lines that give one count. */
type CountLine = {
  [C in MessageCode]: MessageParams[C] extends { count: number } ? C : never;
}[MessageCode] &
  `syncReport.${string}`;

function item(entry: { row?: number | null; title?: string | null; itemId?: string | null }) {
  return { row: entry.row ?? null, title: entry.title || null, itemId: entry.itemId ?? null };
}

function reportJson(file: string, out: string | null, sheet: string, list: string, report: SyncReport): unknown {
  return { file, out, sheet, list, ...report };
}

export interface SyncRunControl {
  /** Asked between batches: true stops the sync there (Ctrl-C). */
  shouldStop?: () => boolean;
}

export async function runSync(
  args: string[],
  out: (text: string) => void,
  err: (text: string) => void,
  env: Record<string, string | undefined> = process.env,
  control: SyncRunControl = {},
): Promise<number> {
  const options = parseSyncArgs(args, env);
  if (typeof options === "string") {
    err(options);
    return 2;
  }
  if ("help" in options) {
    out(USAGE);
    return 0;
  }
  const location = parseListReference(options.list);
  if (!location) {
    err(bilingual("cli.listAddressForms", { list: options.list }));
    return 2;
  }
  let workbook: ExcelJS.Workbook;
  try {
    if (!existsSync(options.file)) throw new WorkbookReadError(`${options.file}: ${bilingual("cli.fileNotFound", {})}`);
    if (!existsSync(path.dirname(path.resolve(options.out))))
      throw new WorkbookReadError(`${options.out}: ${bilingual("cli.outputFolderMissing", {})}`);
    workbook = await loadWorkbook(options.file);
  } catch (error) {
    if (!(error instanceof WorkbookReadError)) throw error;
    err(error.message);
    return 2;
  }
  const token = options.token as string;
  const client = new GraphClient({ baseUrl: location.baseUrl, getToken: async () => token });
  const host = new XlsxWorkbookHost(workbook, { input: options.file, output: options.out, list: options.list });
  let outcome;
  try {
    outcome = await syncWorkbook({
      host,
      client,
      location: { site: location.site, list: location.list, listWebUrl: location.listWebUrl },
      sheet: options.sheet,
      resolutions: options.resolutions,
      allowKeyColumn: true,
      dryRun: options.dryRun,
      recreate: options.recreate,
      shouldStop: control.shouldStop,
    });
  } catch (error) {
    if (error instanceof WorkflowError) err(error.message);
    else if (error instanceof GraphError) err(`${graphErrorText(error)} [${error.status} ${error.code}]`);
    else throw error;
    return 2;
  }
  if (outcome.kind !== "synced") return 2; // the command line always allows the key column
  const { report, fields } = outcome.result;
  if (report.listGone) {
    const m = texts("workflow.listGone", { list: location.list });
    err(`${m.vi} (--recreate) / ${m.en} (--recreate)`);
    return 2;
  }
  if (report.interrupted?.stage === "read") {
    // Nothing was merged: no output (the list could not be reached or read).
    const e = new GraphError(report.interrupted.status, report.interrupted.code, report.interrupted.message);
    err(`${graphErrorText(e)} [${report.interrupted.status} ${report.interrupted.code}]`);
    return 2;
  }
  const written = outcome.committed ? options.out : null;
  out(
    options.json
      ? JSON.stringify(reportJson(options.file, written, outcome.sheet, options.list, report), null, 2)
      : reportText(options.file, written, outcome.sheet, location.list, report, fields),
  );
  if (report.interrupted?.code === "stopped") {
    err(bilingual("workflow.stopped", {}));
    return 130;
  }
  if (report.interrupted) {
    const e = new GraphError(report.interrupted.status, report.interrupted.code, report.interrupted.message);
    err(`${graphErrorText(e)} [${report.interrupted.status} ${report.interrupted.code}]`);
    return 2;
  }
  if (report.outboxRemaining && !report.dryRun) {
    err(bilingual("cli.unsentChanges", { count: report.outboxRemaining }));
    return 2;
  }
  return report.conflicts.length ? 1 : 0;
}

/** Ctrl-C (or SIGTERM) once: finish the batch in flight, save, stop. Twice: stop at once. */
export function stopOnSignals(): SyncRunControl {
  let stop = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop) {
      // The second time the signal takes its default course: the process ends at once.
      process.removeListener("SIGINT", onSignal);
      process.removeListener("SIGTERM", onSignal);
      process.kill(process.pid, signal);
      return;
    }
    stop = true;
    process.stderr.write(`${bilingual("cli.stopping", {})}\n`);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return { shouldStop: () => stop };
}
