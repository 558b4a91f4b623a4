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
import { WorkflowError, workflowMessage } from "../app/errors";
import {
  GraphClient,
  graphErrorText,
  GraphError,
  parseListReference,
  type FieldValue,
  type Resolution,
  type SyncField,
  type SyncReport,
} from "../sync";
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
    if (!m) return "--resolve cần dạng KHÓA:TRƯỜNG=workbook|list / --resolve needs KEY:FIELD=workbook|list";
    resolutions.push({ rowKey: m[1], field: m[2], take: m[3] as "workbook" | "list" });
  }
  const file = files[0];
  const output = options.out ?? file.replace(/(\.xlsx)?$/i, ".dong-bo.xlsx");
  if (sameFile(output, file)) {
    return "--out phải là tệp khác, tệp gốc không bị sửa / --out must name a new file: the original is never modified";
  }
  const token = options.token ?? env.ANNEX_LIST_TOKEN ?? null;
  if (!token) return "Thiếu mã truy cập: dùng --token hoặc biến ANNEX_LIST_TOKEN / missing token: use --token or ANNEX_LIST_TOKEN";
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

function show(value: FieldValue): string {
  if (value === null) return "(trống)";
  if (typeof value === "string") return `"${value}"`;
  return String(value);
}

const CONFLICT_WHY: Record<string, string> = {
  bothChanged: "cả hai bên cùng sửa / changed on both sides",
  listChangedPlannerField: "danh sách sửa trường do người lập kế hoạch giữ / the list changed a planner-owned field",
  mergedCell: "ô gộp nhiều dòng, không ghi cho một dòng / a merged cell over several rows",
};

function reportText(file: string, out: string | null, sheet: string, list: string, report: SyncReport, fields: SyncField[]): string {
  const name = (field: string) => {
    const f = fields.find((x) => x.name === field);
    return f && f.displayName !== field ? `${field} (${f.displayName})` : field;
  };
  const lines: string[] = [];
  lines.push(
    `${report.dryRun ? "Xem trước (không ghi gì) — " : ""}Đồng bộ bảng "${sheet}" của ${path.basename(file)} với danh sách "${list}"${report.listCreated ? " (danh sách mới được tạo)" : ""}`,
  );
  lines.push(`  Tạo mới trong danh sách: ${report.created} mục${report.dryRun ? ` (sẽ tạo: ${report.outboxRemaining})` : ""}`);
  if (report.matched.length) lines.push(`  Dòng khớp với mục sẵn có trong danh sách (không tạo lại): ${report.matched.length}`);
  lines.push(`  Cập nhật trong danh sách: ${report.updated} mục`);
  lines.push(`  Lấy về từ danh sách: ${report.pulled} giá trị`);
  lines.push(`  Xung đột cần người chọn: ${report.conflicts.length}`);
  if (report.deletedRemotely.length) lines.push(`  Mục đã bị xóa trong danh sách (không tạo lại): ${report.deletedRemotely.length}`);
  if (report.keysAssigned) lines.push(`  Dòng được gán mã đồng bộ mới: ${report.keysAssigned}`);
  if (report.missingInWorkbook.length)
    lines.push(`  Mục trong danh sách không còn dòng trong sổ tính (giữ nguyên): ${report.missingInWorkbook.length}`);
  if (report.remoteOnly.length) lines.push(`  Mục chỉ có trong danh sách (không có mã của sổ tính này): ${report.remoteOnly.length}`);
  if (report.skipped.length) lines.push(`  Giá trị chưa gộp được (công thức, chữ trong cột số…): ${report.skipped.length}`);
  if (report.failed.length) lines.push(`  Ghi không thành công: ${report.failed.length}`);
  if (report.outboxRemaining && !report.dryRun) lines.push(`  Thay đổi còn chờ gửi (chạy lại lệnh để gửi tiếp): ${report.outboxRemaining}`);
  lines.push(`  Số yêu cầu HTTP đã gửi: ${report.requests} (thao tác ghi: ${report.writeRequests})`);
  if (out) lines.push(`  Đã ghi tệp: ${out}`);
  if (report.conflicts.length) {
    lines.push("Xung đột (cả hai giá trị được giữ nguyên; chọn bên giữ bằng --resolve KHÓA:TRƯỜNG=workbook|list):");
    for (const c of report.conflicts) {
      const merge = c.merge ? ` — ô gộp ${c.merge.area} gồm các dòng ${c.merge.rows.join(", ")}` : "";
      lines.push(
        `  - Dòng ${c.row}${c.title ? ` "${c.title}"` : ""}, ${name(c.field)}${c.cell ? ` ô ${c.cell}` : ""}: sổ tính ${show(c.workbook)}; danh sách ${show(c.list)}; lần trước ${show(c.base)} (${CONFLICT_WHY[c.reason] ?? c.reason}${merge}) [${c.rowKey}:${c.field}]`,
      );
    }
  }
  const listChanges = report.nonOwnerChanges.filter((n) => n.side === "list");
  if (listChanges.length) {
    lines.push("Danh sách đã sửa các trường do sổ tính giữ (chưa áp dụng, xem xung đột ở trên):");
    for (const n of listChanges) lines.push(`  - ${name(n.field)} [${n.rowKey}]`);
  }
  for (const m of report.matched) lines.push(`  - Khớp: dòng ${m.row ?? "?"}${m.title ? ` "${m.title}"` : ""} ↔ mục ${m.itemId ?? "?"}`);
  for (const d of report.deletedRemotely)
    lines.push(`  - Đã xóa trong danh sách: dòng ${d.row ?? "?"}${d.title ? ` "${d.title}"` : ""} (mục ${d.itemId ?? "?"})`);
  for (const f of report.failed)
    lines.push(`  - Lỗi ghi ${f.op === "create" ? "tạo" : "cập nhật"} [${f.rowKey}]: ${f.status} ${f.code} ${f.message}`);
  return lines.join("\n");
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
    err(
      `Địa chỉ danh sách không hợp lệ / not a list address: ${options.list} (https://…sharepoint.com/sites/…/Lists/… hoặc/or …/v1.0/sites/{site}/lists/{list})`,
    );
    return 2;
  }
  let workbook: ExcelJS.Workbook;
  try {
    if (!existsSync(options.file)) throw new WorkbookReadError(`${options.file}: không tìm thấy tệp / file not found`);
    if (!existsSync(path.dirname(path.resolve(options.out))))
      throw new WorkbookReadError(`${options.out}: thư mục ghi tệp không tồn tại / the output folder does not exist`);
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
    const m = workflowMessage("listGone", { list: location.list });
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
    const m = workflowMessage("stopped");
    err(`${m.vi} / ${m.en}`);
    return 130;
  }
  if (report.interrupted) {
    const e = new GraphError(report.interrupted.status, report.interrupted.code, report.interrupted.message);
    err(`${graphErrorText(e)} [${report.interrupted.status} ${report.interrupted.code}]`);
    return 2;
  }
  if (report.outboxRemaining && !report.dryRun) {
    err(
      `${report.outboxRemaining} thay đổi chưa gửi được (danh sách đang bận hoặc mất kết nối); chạy lại đúng lệnh này để gửi tiếp / ` +
        `${report.outboxRemaining} changes could not be sent yet (the list is busy or the connection dropped); run the same command again to send them`,
    );
    return 2;
  }
  return report.conflicts.length ? 1 : 0;
}

/** Ctrl-C (or SIGTERM) once: finish the batch in flight, save, stop. Twice: stop at once. */
export function stopOnSignals(): SyncRunControl {
  let stop = false;
  const onSignal = () => {
    if (stop) process.exit(130);
    stop = true;
    process.stderr.write(
      "Đang dừng sau lượt ghi hiện tại… (Ctrl-C lần nữa để dừng ngay) / Stopping after the current batch… (Ctrl-C again to stop now)\n",
    );
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return { shouldStop: () => stop };
}
