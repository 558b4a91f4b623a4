/**
 * A task's state on the as-of day, by these rules in order:
 * (a) timing words in the status are the planner's judgment and win;
 * (b) finished with a completion date: on time when done by the deadline, else late;
 * (c) finished without a date: on time while the as-of day is not past the deadline, else just done;
 * (d) unfinished: overdue once the deadline is past, else in progress; ongoing without a deadline;
 *     unknown with neither status nor deadline, or a deadline in words that name no day.
 */
import type { TaskProgress, TaskState } from "../model";
import type { Timing } from "./status";

export interface StateInput {
  progress: TaskProgress;
  timing: Timing;
  /** ISO deadline; null when there is none or it is ongoing. */
  due: string | null;
  /** The deadline cell holds words that name no day. */
  deadlineUnreadable: boolean;
  completedOn: string | null;
  asOf: string | null;
  hasStatus: boolean;
}

export function taskState(input: StateInput): TaskState {
  const { progress, timing, due, completedOn, asOf } = input;
  const finished = progress === "done";
  if (timing === "late") return finished ? "done-late" : "overdue";
  if (finished) {
    if (timing === "on-time") return "done-on-time";
    if (due === null) return "done";
    if (completedOn) return completedOn <= due ? "done-on-time" : "done-late";
    return asOf !== null && asOf <= due ? "done-on-time" : "done";
  }
  if (input.deadlineUnreadable || (!input.hasStatus && due === null)) return "unknown";
  if (due === null) return "ongoing";
  return asOf !== null && due < asOf ? "overdue" : "in-progress";
}
