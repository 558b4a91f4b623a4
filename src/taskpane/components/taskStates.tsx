/** What the task-list views share: counts and rows by state, a row's address in the sheet. */
import type { AnnexRow, LegendEntry, TableAnalysis, TaskState } from "../../annex";
import { columnLetter } from "../../annex/snapshot";
import type { TaskCounts } from "../../annex/tasks/summary";

/** How many tasks (items, not their "- …" parts) are in a state. */
export function stateCount(counts: TaskCounts, state: TaskState): number {
  switch (state) {
    case "done-on-time":
      return counts.doneOnTime;
    case "done-late":
      return counts.doneLate;
    case "done":
      return counts.done - counts.doneOnTime - counts.doneLate;
    case "in-progress":
      return counts.inProgress;
    case "overdue":
      return counts.overdue;
    case "ongoing":
      return counts.ongoing;
    case "unknown":
      return counts.unknown;
  }
}

/** The states in the legend's order (overdue first); the rare ones only when a task is in them. */
export function statesShown(analysis: TableAnalysis): { state: TaskState; entry: LegendEntry; count: number }[] {
  const counts = analysis.summary.tasks;
  const legend = analysis.taskHighlight?.legend ?? [];
  return legend
    .map((entry) => {
      const state = entry.band as TaskState;
      return { state, entry, count: counts ? stateCount(counts, state) : 0 };
    })
    .filter(({ state, count }) => count > 0 || (state !== "done" && state !== "unknown"));
}

/** The tasks (items) of a state, in table order. */
export function tasksIn(analysis: TableAnalysis, state: TaskState): AnnexRow[] {
  return analysis.table.rows.filter((r) => r.kind === "item" && r.state === state);
}

/** The row across the table's columns, e.g. "A8:G8": what choosing a task selects. */
export function rowAddress(analysis: TableAnalysis, row: number): string {
  const { left, right } = analysis.table.range;
  return `${columnLetter(left)}${row}:${columnLetter(right)}${row}`;
}
