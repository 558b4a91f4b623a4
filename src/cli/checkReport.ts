/**
 * The `annex check` report, one file at a time: its part of the JSON document and its part of the
 * readable Vietnamese report (its words come from the message catalogue).
 */
import { areaAddress, SEVERITY_ORDER, type Finding, type TableAnalysis } from "../annex";
import { TASK_STYLES } from "../annex/tasks/highlight";
import { message, type MessageCode, type MessageParams } from "../messages";
import { MappedList } from "./jsonLines";

/** The report's language: the planners'. */
const say = <C extends MessageCode>(code: C, params: MessageParams[C]) => message(code, params, "vi");

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

/** A task list's as-of day and each task's deadline and state, one line per task. */
function taskLines(table: TableAnalysis["table"]): string[] {
  const lines = [`    ${say("check.taskListAsOf", { asOf: table.asOf ?? null, source: table.asOfSource ?? null })}`];
  for (const r of table.rows) {
    if (!r.state) continue;
    const state = TASK_STYLES[r.state];
    const params = { row: r.row, due: r.due ?? null, dueText: r.dueText ?? null, state: { label: state.label, labelEn: state.labelEn } };
    lines.push(`      ${say("check.taskLine", params)}`);
  }
  return lines;
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
    yield `  ${say("check.noTables", {})}`;
    return;
  }
  for (const { table, plan, findings, summary } of tables) {
    yield `  ${say("check.table", { title: table.title ?? null, sheet: table.sheet, range: areaAddress(table.range) })}`;
    const { headerRows, numberRow, repeatedHeaderRows } = table;
    yield `    ${say("check.headerBand", { headerRows, numberRow, repeatedHeaderRows })}`;
    const count = (kind: "section" | "item" | "subitem") => table.rows.filter((r) => r.kind === kind).length;
    const rowCounts = { rows: table.rows.length, sections: count("section"), items: count("item"), subitems: count("subitem") };
    yield `    ${say("check.rowCounts", { ...rowCounts, tasks: table.kind === "tasks" })}`;
    if (table.kind === "tasks") {
      yield* taskLines(table);
      yield* findingLines(findings);
      yield `    ${say("check.summary", { text: summary.text })}`;
      continue;
    }
    const formulaColumns = table.columns
      .filter((c) => c.formula)
      .map((c) => ({ letter: c.letter, number: c.number!, spec: c.formula!.text, percent: c.formula!.percent }));
    yield `    ${say("check.formulaColumns", { columns: formulaColumns })}`;
    const formulas = plan.writes.filter((w) => w.kind === "formula").length;
    const conversions = plan.writes.filter((w) => w.kind === "number").map((w) => w.cell);
    const changedCells = plan.writes.filter((w) => w.changesValue).map((w) => w.cell);
    yield `    ${say("check.fill", { formulas, changedCells })}`;
    if (conversions.length) yield `    ${say("check.conversions", { cells: conversions })}`;
    if (plan.skipped.length) yield `    ${say("check.skipped", { cells: plan.skipped.map((s) => s.cell) })}`;
    yield* findingLines(findings);
    yield `    ${say("check.summary", { text: summary.text })}`;
  }
}

function* findingLines(findings: Finding[]): Generator<string> {
  if (findings.length === 0) {
    yield `    ${say("check.noFindings", {})}`;
    return;
  }
  const counts = SEVERITY_ORDER.map((severity) => ({ severity, count: findings.filter((f) => f.severity === severity).length }));
  yield `    ${say("check.findingCounts", { counts })}`;
  for (const { severity, count } of counts) {
    if (count === 0) continue;
    yield `    ${say("check.severityGroup", { severity, count })}`;
    for (const f of findings) if (f.severity === severity) yield `      ${f.cell.padEnd(6)} ${f.message}`;
  }
}
