/**
 * The workbook side of a sync: row identity (RowKey) and the values of each row's fields, read
 * from a sheet snapshot and a recognised table; and the cell writes the sync asks an adapter for.
 *
 * Where the RowKey lives: in a hidden column just right of the table, labelled "Mã đồng bộ",
 * one key per data row, written as text.
 * - It is part of the row, so it moves with the row when rows are inserted, deleted, cut and
 *   pasted or sorted (Excel's sort expands to the adjacent column; ExcelJS splices whole rows),
 *   and it is saved in the .xlsx like any cell: a mapping from row numbers kept in the state would
 *   break on the first inserted row, and per-row names or comments are heavier and easily lost.
 * - Hidden, so it does not disturb printing or reading; text, so Excel never turns a key into a
 *   number or a date.
 * - Its label goes in the table's number row ("1 2 3 …") when there is one — the annex engine
 *   reads the header band alone to find the table's columns, so the table it recognises does not
 *   change — else in the top header row (the engine then sees one more column, which the sync
 *   leaves out). The column is found again by its label, wherever inserted columns moved it.
 * - A key copied with a copied row is a duplicate: the row that kept the synced title keeps the
 *   key, the copy gets a new one (a copy is a new row).
 */
import {
  type AnnexTable,
  type CellValue,
  type SheetSnapshot,
  SheetView,
  areaAddress,
  cellAddress,
  cellNumber,
  columnLetter,
  fold,
  isBlankValue,
  isErrorValue,
} from "../annex";
import { dateInCell } from "../annex/tasks/deadline";
import { readTasks } from "../annex/tasks/readTasks";
import { type FieldValue, type SyncField, completionDay, normalizeValue } from "./fields";
import { mustWriteAsText } from "./merge";
import type { RowRecord } from "./state";

export const KEY_LABEL = "Mã đồng bộ";
const KEY_LABEL_FOLDED = fold(KEY_LABEL);
const KEY_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export interface KeyColumn {
  column: number;
  letter: string;
  /** Row holding the label. */
  labelRow: number;
  /** Already in the sheet (false: the sync adds it). */
  existed: boolean;
}

/** A cell the sync asks the adapter to write. */
export interface SyncCellWrite {
  sheet: string;
  row: number;
  column: number;
  cell: string;
  value: string | number | boolean | null;
  /**
   * Store the value as literal text. Set for keys and for text starting with "=", "+", "-" or "@":
   * such text must never become a formula (in Excel: set the cell's number format to "@" or
   * write it with a leading apostrophe; .xlsx: a plain string value, never a formula object).
   */
  asText: boolean;
  /** Number format to give the cell, when the sync has a reason to (e.g. "@" for keys). */
  numberFormat?: string;
  purpose: "key" | "keyLabel" | "pull";
  rowKey?: string;
  field?: string;
}

export interface FieldCell {
  row: number;
  column: number;
  /** The sync may write this cell (not covered by a merge, not a formula, not derived). */
  writable: boolean;
  reason?: "merged" | "formula" | "inherited" | "derived" | "notNumber" | "error";
  /** The cell holds a number (as opposed to text). */
  numeric: boolean;
  /** The cell holds a percentage typed as text ("90%"). */
  percentText: boolean;
  /** A merged area over several data rows that holds this row's value: never written for one row. */
  merge?: { area: string; rows: number[] };
}

export interface LocalRow {
  rowKey: string;
  row: number;
  title: string | null;
  /** Workbook values of the fields that have a workbook side and could be read. */
  values: Record<string, FieldValue>;
  cells: Record<string, FieldCell>;
  /** Fields whose cell could not be read as a field value (text in a number column, error values). */
  unreadable: { field: string; reason: "notNumber" | "error" }[];
}

function isCovered(view: SheetView, row: number, column: number): boolean {
  const m = view.merge(row, column);
  return m !== undefined && (m.top !== row || m.left !== column);
}

/** The merged area holding a row's cell when it spans several data rows (anchor row included). */
function sharedMerge(view: SheetView, row: number, column: number, dataRows: Set<number>): FieldCell["merge"] {
  const m = view.merge(row, column);
  if (!m || m.top === m.bottom) return undefined;
  const rows: number[] = [];
  for (let r = m.top; r <= m.bottom; r++) if (dataRows.has(r)) rows.push(r);
  return rows.length > 1 ? { area: areaAddress(m), rows } : undefined;
}

function labelRows(table: AnnexTable): number[] {
  return [...table.headerRows, ...(table.numberRow !== null ? [table.numberRow] : [])];
}

/** Find the key column by its label, or choose a free column right of the table for a new one. */
export function locateKeyColumn(view: SheetView, table: AnnexTable): KeyColumn {
  for (const r of labelRows(table)) {
    for (let c = view.left; c <= view.right; c++) {
      const v = view.value(r, c);
      if (typeof v === "string" && fold(v) === KEY_LABEL_FOLDED) return { column: c, letter: columnLetter(c), labelRow: r, existed: true };
    }
  }
  const rows = [...labelRows(table), ...table.rows.map((r) => r.row)];
  let column = table.range.right + 1;
  while (rows.some((r) => !isBlankValue(view.value(r, column)))) column++;
  const labelRow = table.numberRow ?? table.headerRows[0] ?? table.range.top;
  return { column, letter: columnLetter(column), labelRow, existed: false };
}

/** The section name each row falls under ("" before the first section). */
function sectionNames(table: AnnexTable): Map<number, string> {
  const out = new Map<number, string>();
  let current = "";
  for (const r of table.rows) {
    if (r.kind === "section") current = r.name;
    out.set(r.row, current);
  }
  return out;
}

function textOf(value: CellValue): string | null {
  if (value === null) return null;
  return typeof value === "string" ? value : String(value);
}

export interface WorkbookRows {
  rows: LocalRow[];
  keyColumn: KeyColumn;
  /** Key cells (and the label) to write: new keys for rows without one, or with a duplicate. */
  keyWrites: SyncCellWrite[];
  keysAssigned: number;
  duplicateKeys: number;
}

/**
 * Read every non-section row: its key (assigning new ones where missing or duplicated) and the
 * workbook value of each field.
 */
export function readWorkbookRows(
  snapshot: SheetSnapshot,
  table: AnnexTable,
  fields: SyncField[],
  keyColumn: KeyColumn,
  known: Map<string, RowRecord>,
  newId: () => string,
): WorkbookRows {
  const view = new SheetView(snapshot);
  const sections = sectionNames(table);
  const keyWrites: SyncCellWrite[] = [];
  const sheet = table.sheet;
  if (!keyColumn.existed) {
    keyWrites.push({
      sheet,
      row: keyColumn.labelRow,
      column: keyColumn.column,
      cell: cellAddress(keyColumn.labelRow, keyColumn.column),
      value: KEY_LABEL,
      asText: true,
      purpose: "keyLabel",
    });
  }
  const titleField = fields.find((f) => f.name === "Title");
  const deadlines = table.kind === "tasks" ? taskDeadlines(snapshot, table) : new Map<number, TaskDeadline>();
  const dataRows = new Set(table.rows.filter((r) => r.kind !== "section").map((r) => r.row));
  const rows: LocalRow[] = [];
  for (const r of table.rows) {
    if (r.kind === "section") continue;
    const values: Record<string, FieldValue> = {};
    const cells: Record<string, FieldCell> = {};
    const unreadable: LocalRow["unreadable"] = [];
    for (const f of fields) {
      if (f.source === "listOnly") continue;
      if (f.source === "section") {
        values[f.name] = normalizeValue(f, sections.get(r.row) ?? "");
        continue;
      }
      if (f.column === null) continue;
      const column = f.column;
      const covered = isCovered(view, r.row, column);
      const raw = view.value(r.row, column);
      const cell: FieldCell = { row: r.row, column, writable: !covered, numeric: typeof raw === "number", percentText: false };
      if (covered) cell.reason = "merged";
      const merge = sharedMerge(view, r.row, column, dataRows);
      if (merge) {
        // Writing the anchor would change every row of the merge: a pull there needs a person.
        cell.writable = false;
        cell.reason = "merged";
        cell.merge = merge;
      }
      if (f.source === "lead") {
        values[f.name] = normalizeValue(f, r.lead);
        if (!merge && (r.leadSource === "merge" || r.leadSource === "parent")) {
          cell.writable = false;
          cell.reason = "inherited";
        }
      } else if (f.source === "deadline") {
        const deadline = deadlines.get(r.row);
        values[f.name] = normalizeValue(f, deadline?.text ?? null);
        if (deadline?.from) cell.numeric = typeof view.value(deadline.from.row, deadline.from.column) === "number";
        if (!merge && deadline?.from && deadline.from.row !== r.row) {
          cell.writable = false;
          cell.reason = "inherited";
        }
      } else if (f.source === "completedOn" && typeof raw === "number") {
        values[f.name] = dateInCell(raw, view.numberFormat(r.row, column), "latest") ?? raw.toString();
      } else if (f.source === "value") {
        const n = cellNumber(table, r.row, column);
        if (view.formula(r.row, column)) {
          cell.writable = false;
          cell.reason = "formula";
        }
        if (n) {
          values[f.name] = n.value;
          cell.percentText = n.storedAsText && n.percent;
        } else {
          const shown = view.shownValue(r.row, column);
          if (isBlankValue(shown)) values[f.name] = null;
          else unreadable.push({ field: f.name, reason: isErrorValue(shown) ? "error" : "notNumber" });
        }
      } else {
        const shown = view.shownValue(r.row, column);
        if (isErrorValue(shown)) unreadable.push({ field: f.name, reason: "error" });
        else values[f.name] = normalizeValue(f, textOf(shown));
      }
      const problem = unreadable.find((u) => u.field === f.name);
      if (problem) {
        // What the cell holds could not be read as the field's value: never overwrite it.
        cell.writable = false;
        cell.reason = problem.reason;
      }
      cells[f.name] = cell;
    }
    const rawKey = view.value(r.row, keyColumn.column);
    const key = typeof rawKey === "string" ? rawKey.trim() : typeof rawKey === "number" ? String(rawKey) : "";
    rows.push({
      rowKey: KEY_PATTERN.test(key) ? key : "",
      row: r.row,
      title: titleField ? ((values[titleField.name] as string | null) ?? null) : null,
      values,
      cells,
      unreadable,
    });
  }

  // Duplicates (a row copied with its key): the row whose title matches the synced one keeps it.
  const byKey = new Map<string, LocalRow[]>();
  for (const row of rows) if (row.rowKey) byKey.set(row.rowKey, [...(byKey.get(row.rowKey) ?? []), row]);
  let duplicateKeys = 0;
  for (const [key, group] of byKey) {
    if (group.length < 2) continue;
    const syncedTitle = known.get(key)?.base.Title ?? null;
    const keeper = group.find((row) => syncedTitle !== null && row.title === syncedTitle) ?? group[0];
    for (const row of group) if (row !== keeper) row.rowKey = "";
    duplicateKeys += group.length - 1;
  }
  let keysAssigned = 0;
  for (const row of rows) {
    if (row.rowKey) continue;
    let key = newId();
    while (byKey.has(key) || known.has(key)) key = newId();
    byKey.set(key, [row]);
    row.rowKey = key;
    keysAssigned++;
    keyWrites.push({
      sheet,
      row: row.row,
      column: keyColumn.column,
      cell: cellAddress(row.row, keyColumn.column),
      value: key,
      asText: true,
      numberFormat: "@",
      purpose: "key",
      rowKey: key,
    });
  }
  return { rows, keyColumn, keyWrites, keysAssigned, duplicateKeys };
}

interface TaskDeadline {
  /** As written, a date cell as a Vietnamese reader sees it ("31/08/2023"). */
  text: string;
  /** The cell it came from: the row's own, a merge over it, or its parent task's. */
  from: { row: number; column: number } | null;
}

/** Each task row's deadline as the engine reads it (a sub-task without one takes its task's). */
function taskDeadlines(snapshot: SheetSnapshot, table: AnnexTable): Map<number, TaskDeadline> {
  const reading = readTasks(snapshot, table);
  const out = new Map<number, TaskDeadline>();
  for (const row of reading.table.rows) {
    const detail = reading.details.get(row.row);
    if (detail) out.set(row.row, { text: row.dueText ?? "", from: detail.deadlineCell });
  }
  return out;
}

/** Excel's serial day (1900 system) of an ISO day. */
function excelSerial(iso: string): number {
  const [year, month, day] = iso.split("-").map(Number);
  return (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** A day pulled into a completion cell, or into a deadline that was a date cell, stays a real date. */
function pulledDate(field: SyncField, cell: FieldCell, value: FieldValue): string | null {
  if (typeof value !== "string") return null;
  if (field.source === "completedOn" || (field.source === "deadline" && cell.numeric)) return completionDay(value);
  return null;
}

/** The cell write that brings a list value into a field's cell. */
export function pullWrite(sheet: string, rowKey: string, field: SyncField, cell: FieldCell, value: FieldValue): SyncCellWrite {
  let v: string | number | boolean | null = value;
  // An ordinal typed as a number stays a number when the list gives a plain integer back.
  if (field.source === "ordinal" && typeof value === "string" && cell.numeric && /^\d{1,9}$/.test(value)) v = Number(value);
  const write: SyncCellWrite = {
    sheet,
    row: cell.row,
    column: cell.column,
    cell: cellAddress(cell.row, cell.column),
    value: v,
    asText: mustWriteAsText(v),
    purpose: "pull",
    rowKey,
    field: field.name,
  };
  if (typeof v === "number" && cell.percentText) write.numberFormat = "0.0%";
  const day = pulledDate(field, cell, value);
  if (day) Object.assign(write, { value: excelSerial(day), asText: false, numberFormat: "dd/mm/yyyy" });
  return write;
}

/** A copy of a snapshot with the writes applied (for previews, tests and benchmarks). */
export function applyWritesToSnapshot(snapshot: SheetSnapshot, writes: SyncCellWrite[]): SheetSnapshot {
  const values = snapshot.values.map((row) => [...row]);
  const formulas = snapshot.formulas?.map((row) => [...row]);
  let width = Math.max(0, ...values.map((r) => r.length));
  for (const w of writes) {
    if (w.sheet !== snapshot.sheet) continue;
    const r = w.row - snapshot.top;
    const c = w.column - snapshot.left;
    if (r < 0 || c < 0) continue;
    width = Math.max(width, c + 1);
    while (values.length <= r) values.push([]);
    values[r][c] = w.value;
    if (formulas) {
      while (formulas.length <= r) formulas.push([]);
      formulas[r][c] = "";
    }
  }
  for (const row of values) while (row.length < width) row.push(null);
  if (formulas) for (const row of formulas) while (row.length < width) row.push("");
  const pad = <T>(grid: T[][] | undefined, fill: T): T[][] | undefined => {
    if (!grid) return grid;
    const out = grid.map((row) => [...row]);
    while (out.length < values.length) out.push([]);
    for (const row of out) while (row.length < width) row.push(fill);
    return out;
  };
  return {
    ...snapshot,
    values,
    formulas: pad(formulas, ""),
    numberFormats: pad(snapshot.numberFormats, "General"),
    bold: pad(snapshot.bold, false),
    italic: pad(snapshot.italic, false),
  };
}
