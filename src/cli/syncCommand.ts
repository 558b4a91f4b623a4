/**
 * `annex sync --list URL [--token T] [--json] [--sheet NAME] [--resolve KEY:FIELD=workbook|list]… FILE.xlsx [--out OUT.xlsx]`
 *
 * Syncs the workbook's annex table with a shared list (Microsoft Graph or the local list server)
 * and writes the merged workbook, with its sync state, to OUT (default FILE.dong-bo.xlsx). The
 * input file is never modified. Token: --token or the ANNEX_LIST_TOKEN environment variable.
 * Exit codes: 0 done, 1 conflicts remain (both values are kept; choose with --resolve),
 * 2 bad input, unreachable list or a sync that stopped early (one-line message).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type ExcelJS from "exceljs";
import { recognizeTables, type AnnexTable, type SheetSnapshot } from "../annex";
import {
  GraphClient,
  graphErrorText,
  GraphError,
  parseListUrl,
  syncAnnex,
  type FieldValue,
  type Resolution,
  type SyncField,
  type SyncReport,
} from "../sync";
import { loadWorkbook, sheetSnapshot, WorkbookReadError } from "../xlsx/readWorkbook";
import { applySyncWrites, isSyncSheet, readSyncState, writeSyncState } from "../xlsx/syncStore";

const USAGE =
  "Cách dùng / usage: annex sync --list URL [--token T] [--json] [--sheet TÊN] [--resolve KHÓA:TRƯỜNG=workbook|list]… FILE.xlsx [--out OUT.xlsx]";

interface SyncOptions {
  list: string;
  token: string | null;
  json: boolean;
  sheet: string | null;
  file: string;
  out: string;
  resolutions: Resolution[];
}

function parseSyncArgs(args: string[], env: Record<string, string | undefined>): SyncOptions | string {
  let list: string | null = null;
  let token: string | null = null;
  let json = false;
  let sheet: string | null = null;
  let out: string | null = null;
  const files: string[] = [];
  const resolutions: Resolution[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const v = args[++i];
      return v === undefined || v.startsWith("--") ? null : v;
    };
    if (arg === "--json") json = true;
    else if (arg === "--list") {
      list = value();
      if (!list) return "--list cần địa chỉ danh sách / --list needs a list URL";
    } else if (arg === "--token") {
      token = value();
      if (!token) return "--token cần giá trị / --token needs a value";
    } else if (arg === "--out") {
      out = value();
      if (!out) return "--out cần tên tệp ra / --out needs an output file";
    } else if (arg === "--sheet") {
      sheet = value();
      if (!sheet) return "--sheet cần tên trang tính / --sheet needs a sheet name";
    } else if (arg === "--resolve") {
      const v = value();
      const m = v ? /^([^:=]+):([A-Za-z_][A-Za-z0-9_]*)=(workbook|list)$/.exec(v) : null;
      if (!m) return "--resolve cần dạng KHÓA:TRƯỜNG=workbook|list / --resolve needs KEY:FIELD=workbook|list";
      resolutions.push({ rowKey: m[1], field: m[2], take: m[3] as "workbook" | "list" });
    } else if (arg.startsWith("--")) return `Tùy chọn không rõ / unknown option: ${arg}`;
    else files.push(arg);
  }
  if (!list) return USAGE;
  if (files.length !== 1) return USAGE;
  const file = files[0];
  const output = out ?? file.replace(/(\.xlsx)?$/i, ".dong-bo.xlsx");
  if (path.resolve(output) === path.resolve(file)) {
    return "--out phải là tệp khác, tệp gốc không bị sửa / --out must name a new file: the original is never modified";
  }
  token = token ?? env.ANNEX_LIST_TOKEN ?? null;
  if (!token) return "Thiếu mã truy cập: dùng --token hoặc biến ANNEX_LIST_TOKEN / missing token: use --token or ANNEX_LIST_TOKEN";
  return { list, token, json, sheet, file, out: output, resolutions };
}

function pickTable(workbook: ExcelJS.Workbook, wanted: string | null): { snapshot: SheetSnapshot; table: AnnexTable } | string {
  for (const worksheet of workbook.worksheets) {
    if (isSyncSheet(worksheet)) continue;
    if (wanted !== null && worksheet.name !== wanted) continue;
    const snapshot = sheetSnapshot(worksheet);
    const tables = recognizeTables(snapshot);
    if (tables.length) return { snapshot, table: tables[0] };
  }
  return wanted !== null
    ? `Không thấy bảng phụ lục trong trang "${wanted}" / no annex table on sheet "${wanted}"`
    : "Không thấy bảng phụ lục nào trong tệp / no annex table found in the file";
}

function show(value: FieldValue): string {
  if (value === null) return "(trống)";
  if (typeof value === "string") return `"${value}"`;
  return String(value);
}

function reportText(file: string, out: string | null, sheet: string, list: string, report: SyncReport, fields: SyncField[]): string {
  const name = (field: string) => {
    const f = fields.find((x) => x.name === field);
    return f && f.displayName !== field ? `${field} (${f.displayName})` : field;
  };
  const lines: string[] = [];
  lines.push(
    `Đồng bộ bảng "${sheet}" của ${path.basename(file)} với danh sách "${list}"${report.listCreated ? " (danh sách mới được tạo)" : ""}`,
  );
  lines.push(`  Tạo mới trong danh sách: ${report.created} mục`);
  lines.push(`  Cập nhật trong danh sách: ${report.updated} mục`);
  lines.push(`  Lấy về từ danh sách: ${report.pulled} giá trị`);
  lines.push(`  Xung đột cần người chọn: ${report.conflicts.length}`);
  if (report.deletedRemotely.length) lines.push(`  Mục đã bị xóa trong danh sách (không tạo lại): ${report.deletedRemotely.length}`);
  if (report.keysAssigned) lines.push(`  Dòng được gán mã đồng bộ mới: ${report.keysAssigned}`);
  if (report.missingInWorkbook.length)
    lines.push(`  Mục trong danh sách không còn dòng trong sổ tính (giữ nguyên): ${report.missingInWorkbook.length}`);
  if (report.remoteOnly.length) lines.push(`  Mục chỉ có trong danh sách (không có mã của sổ tính này): ${report.remoteOnly.length}`);
  if (report.skipped.length) lines.push(`  Giá trị chưa gộp được (ô gộp, công thức, chữ trong cột số…): ${report.skipped.length}`);
  if (report.failed.length) lines.push(`  Ghi không thành công: ${report.failed.length}`);
  if (report.outboxRemaining) lines.push(`  Thay đổi còn chờ gửi (đồng bộ lại để gửi tiếp): ${report.outboxRemaining}`);
  lines.push(`  Số yêu cầu HTTP đã gửi: ${report.requests} (thao tác ghi: ${report.writeRequests})`);
  if (out) lines.push(`  Đã ghi tệp: ${out}`);
  if (report.conflicts.length) {
    lines.push("Xung đột (cả hai giá trị được giữ nguyên; chọn bên giữ bằng --resolve KHÓA:TRƯỜNG=workbook|list):");
    for (const c of report.conflicts) {
      lines.push(
        `  - Dòng ${c.row}${c.title ? ` "${c.title}"` : ""}, ${name(c.field)}${c.cell ? ` ô ${c.cell}` : ""}: sổ tính ${show(c.workbook)}; danh sách ${show(c.list)}; lần trước ${show(c.base)} [${c.rowKey}:${c.field}]`,
      );
    }
  }
  for (const d of report.deletedRemotely)
    lines.push(`  - Đã xóa trong danh sách: dòng ${d.row ?? "?"}${d.title ? ` "${d.title}"` : ""} (mục ${d.itemId ?? "?"})`);
  for (const f of report.failed)
    lines.push(`  - Lỗi ghi ${f.op === "create" ? "tạo" : "cập nhật"} [${f.rowKey}]: ${f.status} ${f.code} ${f.message}`);
  return lines.join("\n");
}

function reportJson(file: string, out: string | null, sheet: string, list: string, report: SyncReport): unknown {
  return { file, out, sheet, list, ...report };
}

export async function runSync(
  args: string[],
  out: (text: string) => void,
  err: (text: string) => void,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const options = parseSyncArgs(args, env);
  if (typeof options === "string") {
    err(options);
    return 2;
  }
  const location = parseListUrl(options.list);
  if (!location) {
    err(`Địa chỉ danh sách không hợp lệ / not a list URL: ${options.list} (…/v1.0/sites/{site}/lists/{list})`);
    return 2;
  }
  let workbook: ExcelJS.Workbook;
  try {
    if (!existsSync(options.file)) throw new WorkbookReadError(`${options.file}: không tìm thấy tệp / file not found`);
    workbook = await loadWorkbook(options.file);
  } catch (error) {
    if (!(error instanceof WorkbookReadError)) throw error;
    err(error.message);
    return 2;
  }
  const state = readSyncState(workbook);
  const picked = pickTable(workbook, options.sheet ?? state?.sheet ?? null);
  if (typeof picked === "string") {
    err(picked);
    return 2;
  }
  const token = options.token as string;
  const client = new GraphClient({ baseUrl: location.baseUrl, getToken: async () => token });
  const result = await syncAnnex({
    client,
    location: { site: location.site, list: location.list },
    snapshot: picked.snapshot,
    table: picked.table,
    state,
    resolutions: options.resolutions,
  });
  const { report } = result;
  if (report.interrupted?.stage === "read") {
    // Nothing was merged: no output (the list could not be reached or read).
    const e = new GraphError(report.interrupted.status, report.interrupted.code, report.interrupted.message);
    err(`${graphErrorText(e)} [${report.interrupted.status} ${report.interrupted.code}]`);
    return 2;
  }
  applySyncWrites(workbook, result.writes, result.keyColumn, picked.table.sheet);
  // Pulled figures feed formula columns whose cached results are now stale: recompute on open.
  if (result.writes.some((w) => w.purpose === "pull")) workbook.calcProperties.fullCalcOnLoad = true;
  writeSyncState(workbook, result.state);
  await workbook.xlsx.writeFile(options.out);
  out(
    options.json
      ? JSON.stringify(reportJson(options.file, options.out, picked.table.sheet, options.list, report), null, 2)
      : reportText(options.file, options.out, picked.table.sheet, location.list, report, result.fields),
  );
  if (report.interrupted) {
    const e = new GraphError(report.interrupted.status, report.interrupted.code, report.interrupted.message);
    err(`${graphErrorText(e)} [${report.interrupted.status} ${report.interrupted.code}]`);
    return 2;
  }
  return report.conflicts.length ? 1 : 0;
}

if (require.main === module) {
  const out = (text: string) => process.stdout.write(text + "\n");
  const err = (text: string) => process.stderr.write(text + "\n");
  runSync(process.argv.slice(2), out, err).then(
    (code) => process.exit(code),
    (error: unknown) => {
      err(`Lỗi không mong đợi / unexpected error: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    },
  );
}
