/**
 * Field mapping: which list columns an annex table becomes, who owns each field, and how values
 * are normalised so the workbook side and the list side compare equal when they mean the same.
 *
 * One list item per non-section row. Internal names are ASCII (Graph/SharePoint internal names
 * cannot change later); display names are Vietnamese. Value columns are named by their sheet
 * letter when first seen ("V_D"), and the name is then remembered with its header text in the
 * sync state, so inserting a column in Excel (which shifts letters) does not rename fields.
 */
import type { AnnexColumn, AnnexTable } from "../annex";
import { fold } from "../annex";
import { datesInText, parseIsoDate } from "../annex/tasks/dates";

export type FieldValue = string | number | boolean | null;
export type FieldKind = "text" | "number" | "boolean" | "dateTime";
/** planner = the workbook owns it; liaison = the list owns it. */
export type FieldOwner = "planner" | "liaison";
export type FieldSource =
  "ordinal" | "name" | "unit" | "lead" | "value" | "note" | "section" | "listOnly" | "partner" | "deadline" | "status" | "completedOn";

export interface SyncField {
  /** Internal (ASCII) column name. */
  name: string;
  displayName: string;
  kind: FieldKind;
  owner: FieldOwner;
  source: FieldSource;
  /** Sheet column of the workbook side, null when the field lives only in the list. */
  column: number | null;
  /** Header text of a value column (kept in the state to keep names stable). */
  header?: string;
  multiline?: boolean;
}

/** A value-column name remembered in the sync state. */
export interface StateColumn {
  name: string;
  header: string;
  letter: string;
}

export const ROW_KEY_FIELD = "RowKey";
export const ROW_KEY_DISPLAY = "Mã đồng bộ";
/** The department column: a liaison may only change items whose Lead is its department. */
export const LEAD_FIELD = "Lead";

/**
 * Who owns a list column travels with the list, in the column's description, so the list server
 * (and a person reading the list's settings) knows which fields a liaison may change.
 */
const OWNER_TAG = /\bannex:owner=(planner|liaison)\b/;
export const OWNER_DESCRIPTION: Record<FieldOwner, string> = {
  planner: "Người lập kế hoạch cập nhật / kept by the planner (annex:owner=planner)",
  liaison: "Đơn vị chủ trì cập nhật / updated by the lead department (annex:owner=liaison)",
};

export function ownerFromDescription(description: unknown): FieldOwner | null {
  const m = typeof description === "string" ? OWNER_TAG.exec(description) : null;
  return m ? (m[1] as FieldOwner) : null;
}

/** A department name as the engine compares leads: trailing punctuation trimmed, folded. */
export function departmentKey(text: unknown): string {
  const v = normalizeValue({ kind: "text", source: "lead" }, text);
  return typeof v === "string" ? fold(v) : "";
}

/** List columns that exist only in the list (the liaison's confirmation). */
const LIST_ONLY: SyncField[] = [
  { name: "Confirmed", displayName: "Đã xác nhận", kind: "boolean", owner: "liaison", source: "listOnly", column: null },
  { name: "ConfirmedBy", displayName: "Người xác nhận", kind: "text", owner: "liaison", source: "listOnly", column: null },
  { name: "ConfirmedAt", displayName: "Thời điểm xác nhận", kind: "dateTime", owner: "liaison", source: "listOnly", column: null },
];

function columnOf(table: AnnexTable, role: AnnexColumn["role"], exclude: Set<number>): AnnexColumn | undefined {
  return table.columns.find((c) => c.role === role && !exclude.has(c.column));
}

/** Plan columns: value columns headed "Kế hoạch …"/"KH …"; the first value column when none is. */
function planColumns(values: AnnexColumn[]): Set<number> {
  const plan = values.filter((c) => /^(ke hoach|kh)\b/.test(fold(c.labels[0] ?? c.header)));
  return new Set((plan.length ? plan : values.slice(0, 1)).map((c) => c.column));
}

/**
 * The fields of a table. `previous` keeps value-column names stable across column insertions:
 * a value column whose header matches a remembered one keeps its name. `exclude` holds sheet
 * columns that are not data (the hidden key column).
 */
export function syncFields(table: AnnexTable, previous: StateColumn[] = [], exclude: Set<number> = new Set()): SyncField[] {
  if (table.kind === "tasks") return taskFields(table, exclude);
  const fields: SyncField[] = [];
  const ordinal = columnOf(table, "ordinal", exclude);
  const name = columnOf(table, "name", exclude);
  const unit = columnOf(table, "unit", exclude);
  const lead = columnOf(table, "lead", exclude);
  const note = columnOf(table, "note", exclude) ?? columnOf(table, "status", exclude);
  fields.push({ name: "Title", displayName: "Chỉ tiêu", kind: "text", owner: "planner", source: "name", column: name?.column ?? null });
  fields.push({ name: "Ordinal", displayName: "TT", kind: "text", owner: "planner", source: "ordinal", column: ordinal?.column ?? null });
  fields.push({ name: "Unit", displayName: "Đơn vị tính", kind: "text", owner: "planner", source: "unit", column: unit?.column ?? null });
  fields.push({
    name: "Lead",
    displayName: "Đơn vị chủ trì",
    kind: "text",
    owner: "planner",
    source: "lead",
    column: lead?.column ?? null,
  });

  const values = table.columns.filter((c) => c.role === "value" && !exclude.has(c.column));
  const plans = planColumns(values);
  const used = new Set(fields.map((f) => f.name.toLowerCase()));
  const remembered = new Map<string, StateColumn>();
  for (const p of previous) if (!remembered.has(fold(p.header))) remembered.set(fold(p.header), p);
  for (const c of values) {
    const header = c.header || c.letter;
    let fieldName = remembered.get(fold(header))?.name;
    if (!fieldName || used.has(fieldName.toLowerCase())) {
      fieldName = `V_${c.letter}`;
      for (
        let n = 2;
        used.has(fieldName.toLowerCase()) || previous.some((p) => p.name === fieldName && fold(p.header) !== fold(header));
        n++
      ) {
        fieldName = `V_${c.letter}_${n}`;
      }
    }
    used.add(fieldName.toLowerCase());
    fields.push({
      name: fieldName,
      displayName: header.slice(0, 255),
      kind: "number",
      owner: plans.has(c.column) ? "planner" : "liaison",
      source: "value",
      column: c.column,
      header,
    });
  }
  fields.push({
    name: "Note",
    displayName: "Ghi chú",
    kind: "text",
    owner: "liaison",
    source: "note",
    column: note?.column ?? null,
    multiline: true,
  });
  fields.push(...LIST_ONLY.map((f) => ({ ...f })));
  fields.push({ name: "Section", displayName: "Phần", kind: "text", owner: "planner", source: "section", column: null });
  return fields;
}

/**
 * The fields of a task list: one item per task and sub-task. The planner keeps what was assigned
 * (name, lead, partners, the deadline as written); the lead department reports how it stands
 * (status, completion date, note). A completion date goes in its own column when the table has
 * one; otherwise the list keeps it and the liaison's status names the day ("Đã hoàn thành ngày
 * 20/9/2023"), which is how the engine reads it.
 */
function taskFields(table: AnnexTable, exclude: Set<number>): SyncField[] {
  // Each of these fields reads the column whose role has its source's name.
  type Role = AnnexColumn["role"] & FieldSource;
  const field = (name: string, displayName: string, owner: FieldOwner, source: Role, multiline = false): SyncField => ({
    name,
    displayName,
    kind: "text",
    owner,
    source,
    column: columnOf(table, source, exclude)?.column ?? null,
    ...(multiline ? { multiline } : {}),
  });
  return [
    field("Title", "Nhiệm vụ", "planner", "name"),
    field("Ordinal", "TT", "planner", "ordinal"),
    field(LEAD_FIELD, "Đơn vị chủ trì", "planner", "lead"),
    field("Partners", "Cơ quan phối hợp", "planner", "partner"),
    field("Deadline", "Thời gian hoàn thành", "planner", "deadline"),
    field("Status", "Tình hình thực hiện", "liaison", "status", true),
    field("CompletedOn", "Ngày hoàn thành", "liaison", "completedOn"),
    field("Note", "Ghi chú", "liaison", "note", true),
    ...LIST_ONLY.map((f) => ({ ...f })),
    { name: "Section", displayName: "Phần", kind: "text", owner: "planner", source: "section", column: null },
  ];
}

/** A completion day as the list keeps it: "2023-09-20", whether typed so, as "20/9/2023" or as a date-time. */
export function completionDay(value: string): string | null {
  return parseIsoDate(value.slice(0, 10)) ?? (datesInText(value).length === 1 ? datesInText(value)[0] : null);
}

/** The value-column names to remember in the state. */
export function stateColumns(fields: SyncField[], letterOf: (column: number) => string): StateColumn[] {
  return fields
    .filter((f) => f.source === "value" && f.column !== null)
    .map((f) => ({ name: f.name, header: f.header ?? "", letter: letterOf(f.column as number) }));
}

/** Column definitions for creating the list (Graph columnDefinition bodies); Title is built in. */
export function listColumnDefinitions(fields: SyncField[]): Record<string, unknown>[] {
  const defs: Record<string, unknown>[] = [
    {
      name: ROW_KEY_FIELD,
      displayName: ROW_KEY_DISPLAY,
      description: OWNER_DESCRIPTION.planner,
      text: { maxLength: 64 },
      indexed: true,
      enforceUniqueValues: true,
    },
  ];
  for (const f of fields) {
    if (f.name === "Title") continue;
    const base = { name: f.name, displayName: f.displayName, description: OWNER_DESCRIPTION[f.owner] };
    switch (f.kind) {
      case "number":
        defs.push({ ...base, number: {} });
        break;
      case "boolean":
        defs.push({ ...base, boolean: {} });
        break;
      case "dateTime":
        defs.push({ ...base, dateTime: { format: "dateTime" } });
        break;
      default:
        defs.push({ ...base, text: f.multiline ? { allowMultipleLines: true } : {} });
    }
  }
  return defs;
}

/** A short signature of the list schema the fields need (stored to skip re-checking columns). */
export function schemaSignature(fields: SyncField[]): string {
  return [ROW_KEY_FIELD, ...fields.map((f) => `${f.name}:${f.kind[0]}`)].join(",");
}

/**
 * The comparable form of a value: trimmed text ("" → null, CRLF → LF), finite numbers, booleans,
 * ISO dates to the second. Lead also loses trailing punctuation, as the engine reads it.
 */
export function normalizeValue(field: Pick<SyncField, "kind" | "source">, value: unknown): FieldValue {
  if (value === null || value === undefined) return null;
  switch (field.kind) {
    case "number": {
      if (typeof value === "number") return Number.isFinite(value) ? value : null;
      if (typeof value === "string" && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) return Number(value);
      return null;
    }
    case "boolean":
      if (typeof value === "boolean") return value;
      if (value === 1 || value === "1" || value === "true" || value === "True") return true;
      if (value === 0 || value === "0" || value === "false" || value === "False") return false;
      return null;
    case "dateTime": {
      if (typeof value !== "string") return null;
      const t = Date.parse(value);
      return Number.isNaN(t) ? value : new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
    }
    default: {
      let text = typeof value === "string" ? value : String(value);
      text = text.replace(/\r\n?/g, "\n").trim();
      if (field.source === "lead") text = text.replace(/[\s,;.:\-–]+$/u, "").trim();
      if (field.source === "completedOn" && text !== "") return completionDay(text) ?? text;
      return text === "" ? null : text;
    }
  }
}

/** Same value after normalisation (numbers within a relative 1e-12, for JSON round trips). */
export function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number") {
    return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return false;
}
