/**
 * The task path's reading of a task table: the as-of day, and per task and sub-task its deadline
 * (own cell, the merged cell over it, else its parent task's, as leads are inherited), progress and
 * state, with the cells each came from for the findings and the highlight rules.
 */
import type { AnnexColumn, AnnexRow, AnnexTable, ColumnRole } from "../model";
import { SheetView, type SheetSnapshot } from "../snapshot";
import { cellText } from "../text";
import { resolveAsOf, tableYear, type AsOf, type AsOfOptions } from "./asOf";
import { formatDateVi } from "./dates";
import { dateInCell, readDeadline, type Deadline } from "./deadline";
import { taskState, type StateInput } from "./state";
import { readStatus } from "./status";

export type TaskOptions = AsOfOptions;

export interface CellRef {
  row: number;
  column: number;
}

export interface TaskDetail {
  row: number;
  deadline: Deadline;
  /** The cell the deadline was read from (the row's own, a merge anchor, or the parent task's). */
  deadlineCell: CellRef | null;
  /** The deadline is the row's own, not inherited: a finding about it points at this row. */
  ownDeadline: boolean;
  completedOn: { date: string; cell: CellRef } | null;
  assignedOn: { date: string; cell: CellRef } | null;
  /** What the state was decided from: the highlight rules replay it with another as-of day. */
  stateInput: StateInput;
}

export interface TaskReading {
  /** The table with its as-of day and each task row's `dueText`, `due`, `state` and `progress`. */
  table: AnnexTable;
  asOf: AsOf;
  details: Map<number, TaskDetail>;
}

export function readTasks(snapshot: SheetSnapshot, table: AnnexTable, options: TaskOptions = {}): TaskReading {
  const view = new SheetView(snapshot);
  const column = (role: ColumnRole): AnnexColumn | undefined => table.columns.find((c) => c.role === role);
  const [deadlineColumn, statusColumn, completedColumn, sourceColumn] = (["deadline", "status", "completedOn", "source"] as const).map(
    column,
  );
  const titleTexts = table.titleRows.map((r) => titleText(view, r));
  const asOf = resolveAsOf(titleTexts, options);
  const year = tableYear(titleTexts, asOf.asOf);

  const details = new Map<number, TaskDetail>();
  const rows = table.rows.map((source) => {
    const row: AnnexRow = { ...source };
    if (row.kind === "section") return row;
    const own = deadlineColumn ? deadlineCell(view, row.row, deadlineColumn.column) : null;
    const parent = row.parentRow === null ? undefined : details.get(row.parentRow);
    const inherited = own === null && row.kind === "subitem" && parent !== undefined;
    const cell = own ?? (inherited ? parent.deadlineCell : null);
    const deadline = cell ? readDeadline(view.value(cell.row, cell.column), view.numberFormat(cell.row, cell.column), year) : blank();
    const statusText = statusColumn ? cellText(view.shownValue(row.row, statusColumn.column)) : "";
    const completedOn = dateAt(view, row.row, completedColumn, "latest") ?? dateAt(view, row.row, statusColumn, "latest");
    const status = readStatus(statusText);
    // A completion date in its own column says the work is finished even when the status is silent.
    const datedInItsColumn = completedColumn !== undefined && completedOn?.cell.column === completedColumn.column;
    const progress = status.progress === "unknown" && datedInItsColumn ? "done" : status.progress;
    const due = deadline.kind === "date" ? deadline.due : null;
    row.dueText = dueText(view, cell, deadline);
    row.due = due;
    row.progress = progress;
    const stateInput: StateInput = {
      progress,
      timing: status.timing,
      due,
      deadlineUnreadable: deadline.kind === "unreadable",
      completedOn: completedOn?.date ?? null,
      asOf: asOf.asOf,
      hasStatus: statusText !== "" || completedOn !== null,
    };
    row.state = taskState(stateInput);
    details.set(row.row, {
      row: row.row,
      deadline,
      deadlineCell: cell,
      // A deadline merged over several rows is reported once, on the row of its anchor.
      ownDeadline: own !== null && own.row === row.row,
      completedOn,
      assignedOn: dateAt(view, row.row, sourceColumn, "earliest"),
      stateInput,
    });
    return row;
  });
  const read: AnnexTable = { ...table, rows, ...(asOf.asOf ? { asOf: asOf.asOf, asOfSource: asOf.source! } : {}) };
  return { table: read, asOf, details };
}

/** The deadline as the cell shows it: a date cell as a Vietnamese reader sees it ("31/08/2023"). */
function dueText(view: SheetView, cell: CellRef | null, deadline: Deadline): string {
  if (!cell) return "";
  return deadline.kind === "date" && deadline.fromDateCell ? formatDateVi(deadline.due) : cellText(view.value(cell.row, cell.column));
}

function blank(): Deadline {
  return { kind: "blank" };
}

function titleText(view: SheetView, row: number): string {
  for (let c = view.left; c <= view.right; c++) {
    const text = cellText(view.value(row, c));
    if (text) return text;
  }
  return "";
}

/** The row's deadline cell, or the anchor of a deadline merged down over several rows; null when blank. */
function deadlineCell(view: SheetView, row: number, column: number): CellRef | null {
  const merge = view.merge(row, column);
  const cell = merge ? { row: merge.top, column: merge.left } : { row, column };
  return view.isBlank(cell.row, cell.column) ? null : cell;
}

function dateAt(
  view: SheetView,
  row: number,
  column: AnnexColumn | undefined,
  pick: "earliest" | "latest",
): { date: string; cell: CellRef } | null {
  if (!column) return null;
  const date = dateInCell(view.shownValue(row, column.column), view.numberFormat(row, column.column), pick);
  return date ? { date, cell: { row, column: column.column } } : null;
}
