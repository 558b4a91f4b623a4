/** The `annex check` report: the JSON document and the readable Vietnamese report. */
import { areaAddress, SEVERITY_LABELS, SEVERITY_ORDER, type Finding, type TableAnalysis } from "../annex";

export interface CheckedFile {
  file: string;
  tables: TableAnalysis[];
}

export function hasErrors(files: CheckedFile[]): boolean {
  return files.some((f) => f.tables.some((t) => t.findings.some((x) => x.severity === "error")));
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
    rows: table.rows.map((r) => ({
      row: r.row,
      kind: r.kind,
      relation: r.relation,
      parentRow: r.parentRow,
      ordinal: r.ordinal,
      name: r.name,
      unit: r.unit,
      lead: r.lead,
    })),
    fill: plan.writes.map((w) => ({
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
      indicators: classification.indicators.map((i) => ({
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

export function reportJson(files: CheckedFile[]) {
  return {
    files: files.map((f) => ({
      file: f.file,
      tables: f.tables.map(tableJson),
      findings: f.tables.flatMap((t) => t.findings.map(findingJson)),
    })),
  };
}

const KIND_LABELS = { section: "mục lớn", item: "chỉ tiêu", subitem: "chỉ tiêu con" } as const;

function rowSpan(rows: number[]): string {
  if (rows.length === 0) return "không có";
  return rows.length === 1 ? String(rows[0]) : `${rows[0]}–${rows[rows.length - 1]}`;
}

export function reportText(files: CheckedFile[]): string {
  const lines: string[] = [];
  for (const { file, tables } of files) {
    lines.push(file);
    if (tables.length === 0) {
      lines.push('  Không tìm thấy bảng phụ lục nào (cần một hàng tiêu đề có cột "Chỉ tiêu"/"Nội dung"/"Nhiệm vụ").');
      continue;
    }
    for (const { table, plan, findings, summary } of tables) {
      lines.push(`  Bảng «${table.title ?? "(không có tiêu đề)"}» — trang tính «${table.sheet}», vùng ${areaAddress(table.range)}`);
      const repeated = table.repeatedHeaderRows.length ? `; tiêu đề lặp lại sau ngắt trang: hàng ${rowSpan(table.repeatedHeaderRows)}` : "";
      const numberRow = table.numberRow === null ? "không có hàng số thứ tự cột" : `hàng số thứ tự cột: ${table.numberRow}`;
      lines.push(`    Tiêu đề cột: hàng ${rowSpan(table.headerRows)}; ${numberRow}${repeated}`);
      const counts = (["section", "item", "subitem"] as const)
        .map((k) => `${table.rows.filter((r) => r.kind === k).length} ${KIND_LABELS[k]}`)
        .join(", ");
      lines.push(`    ${table.rows.length} hàng dữ liệu: ${counts}`);
      const formulaColumns = table.columns.filter((c) => c.formula);
      lines.push(
        formulaColumns.length
          ? `    Cột công thức: ${formulaColumns.map((c) => `${c.letter} (${c.number}=${c.formula!.text}${c.formula!.percent ? ", tỷ lệ %" : ""})`).join(", ")}`
          : "    Không có cột công thức (hàng số thứ tự cột không khai báo công thức).",
      );
      const formulas = plan.writes.filter((w) => w.kind === "formula");
      const conversions = plan.writes.filter((w) => w.kind === "number");
      const changed = plan.writes.filter((w) => w.changesValue);
      lines.push(
        `    Điền công thức: ${formulas.length} ô công thức, ${changed.length} ô đổi giá trị hiển thị${changed.length ? ` (${changed.map((w) => w.cell).join(", ")})` : ""}`,
      );
      if (conversions.length) lines.push(`    Số lưu dạng chữ sẽ chuyển thành số: ${conversions.map((w) => w.cell).join(", ")}`);
      if (plan.skipped.length) lines.push(`    Ô chứa chữ được giữ nguyên: ${plan.skipped.map((s) => s.cell).join(", ")}`);
      lines.push(...findingLines(findings));
      lines.push(`    Tóm tắt: ${summary.text}`);
    }
  }
  return lines.join("\n");
}

function findingLines(findings: Finding[]): string[] {
  if (findings.length === 0) return ["    Kiểm tra: không phát hiện vấn đề nào."];
  const lines = [
    `    Kiểm tra: ${SEVERITY_ORDER.map((s) => `${findings.filter((f) => f.severity === s).length} ${SEVERITY_LABELS[s].vi.toLowerCase()}`).join(", ")}`,
  ];
  for (const severity of SEVERITY_ORDER) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push(`    ${SEVERITY_LABELS[severity].vi} (${group.length}):`);
    for (const f of group) lines.push(`      ${f.cell.padEnd(6)} ${f.message}`);
  }
  return lines;
}
