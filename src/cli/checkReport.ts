/**
 * The `annex check` report, one file at a time: its part of the JSON document and its part of the
 * readable Vietnamese report.
 */
import { areaAddress, SEVERITY_LABELS, SEVERITY_ORDER, type Finding, type TableAnalysis } from "../annex";
import { formatDateVi } from "../annex/tasks/dates";
import { TASK_STYLES } from "../annex/tasks/highlight";
import { MappedList } from "./jsonLines";

export interface ReadFile {
  file: string;
  tables: TableAnalysis[];
}

/** A file that could not be read as an .xlsx; `error` is the one line that says why. */
export interface UnreadableFile {
  file: string;
  error: string;
}

export type CheckedFile = ReadFile | UnreadableFile;

export function isUnreadable(file: CheckedFile): file is UnreadableFile {
  return "error" in file;
}

export function hasErrors(file: CheckedFile): boolean {
  return !isUnreadable(file) && file.tables.some((t) => t.findings.some((x) => x.severity === "error"));
}

function findingJson(f: Finding) {
  return {
    code: f.code,
    severity: f.severity,
    sheet: f.sheet,
    cell: f.cell,
    ...(f.expected !== undefined ? { expected: f.expected } : {}),
    ...(f.actual !== undefined ? { actual: f.actual } : {}),
    message: f.message,
    messageEn: f.messageEn,
  };
}

export function tableJson({ table, plan, classification, summary }: TableAnalysis) {
  return {
    sheet: table.sheet,
    kind: table.kind,
    ...(table.asOf ? { asOf: table.asOf, asOfSource: table.asOfSource } : {}),
    range: areaAddress(table.range),
    title: table.title,
    titleRows: table.titleRows,
    headerRows: table.headerRows,
    numberRow: table.numberRow,
    repeatedHeaderRows: table.repeatedHeaderRows,
    columns: table.columns.map((c) => ({
      column: c.letter,
      number: c.number,
      role: c.role,
      ...(c.formula ? { formula: c.formula.text, percent: c.formula.percent } : {}),
      header: c.header,
    })),
    rows: new MappedList(table.rows, (r) => ({
      row: r.row,
      kind: r.kind,
      relation: r.relation,
      parentRow: r.parentRow,
      ordinal: r.ordinal,
      name: r.name,
      unit: r.unit,
      lead: r.lead,
      ...(r.state ? { dueText: r.dueText, due: r.due, state: r.state, progress: r.progress } : {}),
    })),
    fill: new MappedList(plan.writes, (w) => ({
      cell: w.cell,
      ...(w.kind === "formula" ? { formula: w.formula } : { value: w.value }),
      numberFormat: w.numberFormat,
      old: w.old,
      new: w.new,
      changesValue: w.changesValue,
    })),
    skipped: plan.skipped.map((s) => ({ cell: s.cell, reason: s.reason, value: s.value })),
    classification: {
      ratioColumn: classification.ratioColumn,
      mode: classification.mode,
      period: classification.period,
      bands: classification.bands.map((b) => ({ id: b.id, min: b.min, label: b.label, labelEn: b.labelEn, fill: b.fill })),
      indicators: new MappedList(classification.indicators, (i) => ({
        row: i.row,
        name: i.name,
        ratio: i.ratio,
        direction: i.direction,
        band: i.band,
      })),
    },
    summary,
  };
}

/** One element of the document's `files` list: `{"file","tables","findings"}`, or `{"file","error"}`. */
export function fileJson(f: CheckedFile) {
  if (isUnreadable(f)) return { file: f.file, error: f.error };
  return {
    file: f.file,
    tables: f.tables.map(tableJson),
    findings: new MappedList(
      f.tables.flatMap((t) => t.findings),
      findingJson,
    ),
  };
}

const KIND_LABELS = { section: "mục lớn", item: "chỉ tiêu", subitem: "chỉ tiêu con" } as const;
const TASK_KIND_LABELS = { section: "mục lớn", item: "nhiệm vụ", subitem: "nhiệm vụ con" } as const;
const AS_OF_SOURCE_LABELS = { option: "theo --as-of", title: "theo tiêu đề", today: "hôm nay" } as const;

/** A task list's as-of day and each task's deadline and state, one line per task. */
function taskLines(table: TableAnalysis["table"]): string[] {
  const source = table.asOfSource ? ` (${AS_OF_SOURCE_LABELS[table.asOfSource]})` : "";
  const lines = [`    Danh mục nhiệm vụ; tình trạng tính đến ngày ${table.asOf ? formatDateVi(table.asOf) : "(không rõ)"}${source}:`];
  for (const r of table.rows) {
    if (!r.state) continue;
    const due = r.due ? formatDateVi(r.due) : "—";
    const written = r.dueText && r.dueText !== due ? ` (${r.dueText})` : "";
    lines.push(`      hàng ${r.row}: hạn ${due}${written} — ${TASK_STYLES[r.state].label.toLowerCase()}`);
  }
  return lines;
}

function rowSpan(rows: number[]): string {
  if (rows.length === 0) return "không có";
  return rows.length === 1 ? String(rows[0]) : `${rows[0]}–${rows[rows.length - 1]}`;
}

/**
 * The readable report of one file, line by line so that tens of thousands of finding lines are
 * never all held at once (an unreadable file is named on stderr instead).
 */
export function* fileText(f: CheckedFile): Generator<string> {
  if (isUnreadable(f)) return;
  const { file, tables } = f;
  yield file;
  if (tables.length === 0) {
    yield '  Không tìm thấy bảng phụ lục nào (cần một hàng tiêu đề có cột "Chỉ tiêu"/"Nội dung"/"Nhiệm vụ").';
    return;
  }
  for (const { table, plan, findings, summary } of tables) {
    yield `  Bảng «${table.title ?? "(không có tiêu đề)"}» — trang tính «${table.sheet}», vùng ${areaAddress(table.range)}`;
    const repeated = table.repeatedHeaderRows.length ? `; tiêu đề lặp lại sau ngắt trang: hàng ${rowSpan(table.repeatedHeaderRows)}` : "";
    const numberRow = table.numberRow === null ? "không có hàng số thứ tự cột" : `hàng số thứ tự cột: ${table.numberRow}`;
    yield `    Tiêu đề cột: hàng ${rowSpan(table.headerRows)}; ${numberRow}${repeated}`;
    const kindLabels = table.kind === "tasks" ? TASK_KIND_LABELS : KIND_LABELS;
    const counts = (["section", "item", "subitem"] as const)
      .map((k) => `${table.rows.filter((r) => r.kind === k).length} ${kindLabels[k]}`)
      .join(", ");
    yield `    ${table.rows.length} hàng dữ liệu: ${counts}`;
    if (table.kind === "tasks") {
      yield* taskLines(table);
      yield* findingLines(findings);
      yield `    Tóm tắt: ${summary.text}`;
      continue;
    }
    const formulaColumns = table.columns.filter((c) => c.formula);
    yield formulaColumns.length
      ? `    Cột công thức: ${formulaColumns.map((c) => `${c.letter} (${c.number}=${c.formula!.text}${c.formula!.percent ? ", tỷ lệ %" : ""})`).join(", ")}`
      : "    Không có cột công thức (hàng số thứ tự cột không khai báo công thức).";
    const formulas = plan.writes.filter((w) => w.kind === "formula");
    const conversions = plan.writes.filter((w) => w.kind === "number");
    const changed = plan.writes.filter((w) => w.changesValue);
    yield `    Điền công thức: ${formulas.length} ô công thức, ${changed.length} ô đổi giá trị hiển thị${changed.length ? ` (${changed.map((w) => w.cell).join(", ")})` : ""}`;
    if (conversions.length) yield `    Số lưu dạng chữ sẽ chuyển thành số: ${conversions.map((w) => w.cell).join(", ")}`;
    if (plan.skipped.length) yield `    Ô chứa chữ được giữ nguyên: ${plan.skipped.map((s) => s.cell).join(", ")}`;
    yield* findingLines(findings);
    yield `    Tóm tắt: ${summary.text}`;
  }
}

function* findingLines(findings: Finding[]): Generator<string> {
  if (findings.length === 0) {
    yield "    Kiểm tra: không phát hiện vấn đề nào.";
    return;
  }
  yield `    Kiểm tra: ${SEVERITY_ORDER.map((s) => `${findings.filter((f) => f.severity === s).length} ${SEVERITY_LABELS[s].vi.toLowerCase()}`).join(", ")}`;
  for (const severity of SEVERITY_ORDER) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    yield `    ${SEVERITY_LABELS[severity].vi} (${group.length}):`;
    for (const f of group) yield `      ${f.cell.padEnd(6)} ${f.message}`;
  }
}
