/**
 * What a department's liaison does with the shared list, host-agnostic: read the items (every
 * page; Lead is not an indexed column, so the department is filtered here), show one
 * department's rows, save a correction of the estimate, a note or the confirmation with If-Match,
 * and count confirmations per department for the planner. Pure but for the Graph client.
 *
 * Which list column plays which part comes from the field list the last sync used (its names,
 * kinds and sources, as src/sync/fields.ts defines them once), never from names typed here.
 */
import { fold } from "../annex";
import { datesInText } from "../annex/tasks/dates";
import { texts } from "../messages";
import {
  completionDay,
  departmentKey,
  LEAD_FIELD,
  normalizeValue,
  ROW_KEY_FIELD,
  type FieldKind,
  type FieldOwner,
  type FieldSource,
  type FieldValue,
  type SyncField,
} from "./fields";
import { GraphError, type GraphClient } from "./graphClient";

/** A list column as the liaison view needs it (kept small enough to store with the workbook). */
export interface ListField {
  name: string;
  label: string;
  kind: FieldKind;
  owner: FieldOwner;
  source: FieldSource;
  /** The table has no column for it: the list alone keeps it (a task list's completion date). */
  noColumn?: true;
}

export function listFieldsOf(fields: SyncField[]): ListField[] {
  return fields.map((f) => ({
    name: f.name,
    label: f.displayName,
    kind: f.kind,
    owner: f.owner,
    source: f.source,
    ...(f.column === null && f.source === "completedOn" ? { noColumn: true as const } : {}),
  }));
}

/** The list a liaison works on: its site and id, and the fields of the last sync. */
export interface LiaisonList {
  site: string;
  listId: string;
  fields: ListField[];
}

/** The list column name of each part of a department row (null when the table has none). */
export interface LiaisonColumns {
  title: string | null;
  ordinal: string | null;
  unit: string | null;
  lead: string;
  plan: string | null;
  estimate: string | null;
  note: string | null;
  confirmed: string | null;
  confirmedBy: string | null;
  confirmedAt: string | null;
  /** Task lists: what was assigned (partners, deadline) and how it stands (status, completion date). */
  partners: string | null;
  deadline: string | null;
  status: string | null;
  completedOn: string | null;
  /** The completion date has no column in the table: the status must name it for the planner's workbook to know. */
  completedOnInStatus: boolean;
}

/** How a task stands, as the list has it (task lists only). */
export interface DepartmentTask {
  partners: string | null;
  /** As the planner wrote it: "Quý III/2023", "31/08/2023", "Thường xuyên". */
  deadline: string | null;
  status: string | null;
  /** ISO day ("2023-09-20"). */
  completedOn: string | null;
}

/** One row of a department, as the list has it. */
export interface DepartmentRow {
  rowKey: string;
  itemId: string;
  ordinal: string | null;
  title: string | null;
  unit: string | null;
  lead: string | null;
  plan: number | null;
  estimate: number | null;
  note: string | null;
  confirmed: boolean;
  confirmedBy: string | null;
  confirmedAt: string | null;
  /** Present for a task list. */
  task?: DepartmentTask;
}

/** A liaison's change to one list item; absent fields are left as they are. */
export interface LiaisonEdit {
  estimate?: number | null;
  note?: string | null;
  /** Task lists: "Tình hình thực hiện" and "Ngày hoàn thành" (an ISO day, or "20/9/2023"). */
  status?: string | null;
  completedOn?: string | null;
  confirmed?: boolean;
  /** Who confirms (defaults to the signed-in account). */
  by?: string;
}

/** One department's confirmation state, for the planner ("DANH SÁCH CÁC ĐƠN VỊ GỬI BÁO CÁO"). */
export interface DepartmentConfirmation {
  lead: string;
  rows: number;
  confirmed: number;
  lastConfirmedAt: string | null;
  by: string | null;
}

/** A list item as last read: its id, ETag (for If-Match) and fields. */
export interface ListItem {
  id: string;
  etag: string | null;
  fields: Record<string, unknown>;
}

export type LiaisonErrorCode = "itemNotFound" | "noEstimateColumn" | "graph412" | "badCompletionDay";

/** A liaison's action refused, in Vietnamese and English. */
export class LiaisonError extends Error {
  readonly vi: string;
  readonly en: string;

  constructor(readonly code: LiaisonErrorCode) {
    const m = texts(`liaison.${code}`, {});
    super(`${m.vi} / ${m.en}`);
    this.vi = m.vi;
    this.en = m.en;
    this.name = "LiaisonError";
  }
}

const ITEM_PAGE = 1000;

/** Plan: the planner's first value column; estimate: the liaison's "Ước thực hiện…" column, else its first. */
export function planAndEstimate(fields: Pick<ListField, "name" | "label" | "owner" | "source">[]): {
  plan: string | null;
  estimate: string | null;
} {
  const values = fields.filter((f) => f.source === "value");
  const plan = values.find((f) => f.owner === "planner") ?? null;
  const liaison = values.filter((f) => f.owner === "liaison");
  const estimate = liaison.find((f) => /\b(uoc|thuc hien)\b/.test(fold(f.label))) ?? liaison[0] ?? null;
  return { plan: plan?.name ?? null, estimate: estimate?.name ?? null };
}

export function liaisonColumns(fields: ListField[]): LiaisonColumns {
  const by = (source: FieldSource, kind?: FieldKind) => fields.find((f) => f.source === source && (!kind || f.kind === kind))?.name ?? null;
  return {
    title: by("name"),
    ordinal: by("ordinal"),
    unit: by("unit"),
    lead: LEAD_FIELD,
    ...planAndEstimate(fields),
    note: by("note"),
    confirmed: by("listOnly", "boolean"),
    confirmedBy: by("listOnly", "text"),
    confirmedAt: by("listOnly", "dateTime"),
    partners: by("partner"),
    deadline: by("deadline"),
    status: by("status"),
    completedOn: by("completedOn"),
    completedOnInStatus: fields.some((f) => f.source === "completedOn" && f.noColumn === true),
  };
}

function itemsPath(list: LiaisonList, columns: LiaisonColumns): string {
  const names = [ROW_KEY_FIELD, ...Object.values(columns)].filter((n): n is string => typeof n === "string" && n !== "");
  const select = [...new Set(names)].join(",");
  return `/sites/${list.site}/lists/${encodeURIComponent(list.listId)}/items?$expand=fields($select=${select})&$top=${ITEM_PAGE}`;
}

/** Every item of the list that carries a RowKey, by RowKey. */
export async function readListItems(client: GraphClient, list: LiaisonList): Promise<Map<string, ListItem>> {
  const raw = (await client.getAllPages(itemsPath(list, liaisonColumns(list.fields)))).items;
  const items = new Map<string, ListItem>();
  for (const r of raw) {
    const o = (r ?? {}) as Record<string, unknown>;
    const fields = (o.fields ?? {}) as Record<string, unknown>;
    const key = fields[ROW_KEY_FIELD];
    if (typeof key !== "string" || key === "") continue;
    const etag = (o["@odata.etag"] ?? o.eTag ?? fields["@odata.etag"] ?? null) as string | null;
    items.set(key, { id: String(o.id), etag, fields });
  }
  return items;
}

function textOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const t = String(v).trim();
  return t === "" ? null : t;
}

function numberOf(v: unknown): number | null {
  const n = normalizeValue({ kind: "number", source: "value" }, v);
  return typeof n === "number" ? n : null;
}

function boolOf(v: unknown): boolean {
  return normalizeValue({ kind: "boolean", source: "listOnly" }, v) === true;
}

export function departmentRowOf(item: ListItem, columns: LiaisonColumns): DepartmentRow {
  const f = item.fields;
  const at = (name: string | null) => (name ? f[name] : undefined);
  return {
    rowKey: String(f[ROW_KEY_FIELD]),
    itemId: item.id,
    ordinal: textOf(at(columns.ordinal)),
    title: textOf(at(columns.title)),
    unit: textOf(at(columns.unit)),
    lead: textOf(at(columns.lead)),
    plan: numberOf(at(columns.plan)),
    estimate: numberOf(at(columns.estimate)),
    note: textOf(at(columns.note)),
    confirmed: boolOf(at(columns.confirmed)),
    confirmedBy: textOf(at(columns.confirmedBy)),
    confirmedAt: textOf(at(columns.confirmedAt)),
    ...(columns.status || columns.deadline
      ? {
          task: {
            partners: textOf(at(columns.partners)),
            deadline: textOf(at(columns.deadline)),
            status: textOf(at(columns.status)),
            completedOn: textOf(normalizeValue({ kind: "text", source: "completedOn" }, at(columns.completedOn))),
          },
        }
      : {}),
  };
}

/** The rows of one department, compared as the engine compares leads (no diacritics, case or trailing punctuation). */
export function departmentRows(items: Iterable<ListItem>, lead: string, columns: LiaisonColumns): DepartmentRow[] {
  const wanted = departmentKey(lead);
  return [...items].filter((item) => departmentKey(item.fields[columns.lead]) === wanted).map((item) => departmentRowOf(item, columns));
}

export function confirmationsOf(items: Iterable<ListItem>, columns: LiaisonColumns): DepartmentConfirmation[] {
  const groups = new Map<string, DepartmentConfirmation>();
  for (const item of items) {
    const row = departmentRowOf(item, columns);
    const lead = textOf(normalizeValue({ kind: "text", source: "lead" }, row.lead)) ?? "";
    const key = departmentKey(lead);
    const g = groups.get(key) ?? { lead, rows: 0, confirmed: 0, lastConfirmedAt: null, by: null };
    groups.set(key, g);
    g.rows++;
    if (!row.confirmed) continue;
    g.confirmed++;
    if (row.confirmedAt && (!g.lastConfirmedAt || row.confirmedAt > g.lastConfirmedAt)) {
      g.lastConfirmedAt = row.confirmedAt;
      g.by = row.confirmedBy;
    } else if (!g.lastConfirmedAt && !g.by) g.by = row.confirmedBy;
  }
  return [...groups.values()];
}

/** "20/9/2023", as the reports write a day. */
function dayInWords(iso: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  return `${day}/${month}/${year}`;
}

/** The status naming the completion day, as the engine reads it from a status without a date column. */
export function statusWithCompletionDay(status: string, day: string): string {
  const text = status.trim();
  if (datesInText(text).includes(day)) return text;
  if (text === "") return `Đã hoàn thành ngày ${dayInWords(day)}`;
  return datesInText(text).length ? `${text}; hoàn thành ngày ${dayInWords(day)}` : `${text} ngày ${dayInWords(day)}`;
}

/** The fields a liaison's edit changes (empty when it changes nothing). `current`: the item's fields as last read. */
export function liaisonPatch(
  edit: LiaisonEdit,
  columns: LiaisonColumns,
  context: { user: string | null; now: Date },
  current: Record<string, unknown> = {},
): Record<string, FieldValue> {
  const body: Record<string, FieldValue> = {};
  if (edit.estimate !== undefined) {
    if (!columns.estimate) throw new LiaisonError("noEstimateColumn");
    body[columns.estimate] = edit.estimate === null || Number.isFinite(edit.estimate) ? edit.estimate : null;
  }
  if (edit.note !== undefined && columns.note) body[columns.note] = edit.note === null || edit.note.trim() === "" ? null : edit.note.trim();
  if (edit.status !== undefined && columns.status) body[columns.status] = textOf(edit.status);
  if (edit.completedOn !== undefined && columns.completedOn) {
    const day = edit.completedOn === null ? null : completionDay(edit.completedOn.trim());
    if (edit.completedOn !== null && edit.completedOn.trim() !== "" && !day) throw new LiaisonError("badCompletionDay");
    body[columns.completedOn] = day;
    if (day && columns.completedOnInStatus && columns.status) {
      const status = columns.status in body ? body[columns.status] : current[columns.status];
      body[columns.status] = statusWithCompletionDay(typeof status === "string" ? status : "", day);
    }
  }
  if (edit.confirmed !== undefined && columns.confirmed) {
    body[columns.confirmed] = edit.confirmed;
    if (columns.confirmedBy) body[columns.confirmedBy] = edit.confirmed ? edit.by?.trim() || context.user || null : null;
    if (columns.confirmedAt) body[columns.confirmedAt] = edit.confirmed ? context.now.toISOString().replace(/\.\d{3}Z$/, "Z") : null;
  }
  return body;
}

/**
 * Writes the edit to the item with If-Match on the ETag last read: a change someone made since
 * is refused (412, or 409 resourceModified) as LiaisonError "graph412", never overwritten.
 * Returns the item as it now is.
 */
export async function saveLiaisonEdit(
  client: GraphClient,
  list: LiaisonList,
  item: ListItem,
  edit: LiaisonEdit,
  context: { user: string | null; now: Date },
): Promise<ListItem> {
  const body = liaisonPatch(edit, liaisonColumns(list.fields), context, item.fields);
  if (Object.keys(body).length === 0) return item;
  const path = `/sites/${list.site}/lists/${encodeURIComponent(list.listId)}/items/${encodeURIComponent(item.id)}/fields`;
  let response: Record<string, unknown>;
  try {
    response = (
      await client.request<Record<string, unknown>>("PATCH", path, {
        body,
        headers: item.etag ? { "If-Match": item.etag } : {},
        idempotent: Boolean(item.etag),
      })
    ).body;
  } catch (error) {
    if (error instanceof GraphError && (error.status === 412 || (error.status === 409 && error.code === "resourceModified"))) {
      throw new LiaisonError("graph412");
    }
    throw error;
  }
  const etag = typeof response?.["@odata.etag"] === "string" ? (response["@odata.etag"] as string) : null;
  return { id: item.id, etag: etag ?? item.etag, fields: { ...item.fields, ...body, ...(response ?? {}) } };
}
