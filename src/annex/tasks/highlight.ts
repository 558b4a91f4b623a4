/**
 * Highlight rules for a task list, as data like the indicator bands: each task row coloured by its
 * state. Where the state turns on the as-of day (an unfinished task becomes overdue, a finished one
 * without a date stops counting as on time), the rule compares the deadline with the defined name
 * `AnnexAsOf` — the deadline cell itself when it is a date cell, else the day its words name — so
 * changing that name recolours the list. Other rows get a rule that always holds.
 */
import type { LegendEntry } from "../highlight";
import type { AnnexTable, HighlightRule, TaskState } from "../model";
import { areaAddress, columnLetter } from "../snapshot";
import { addDays, isoParts } from "./dates";
import type { TaskDetail } from "./readTasks";
import { taskState } from "./state";

/** The workbook name holding the as-of day the rules compare deadlines with. */
export const AS_OF_NAME = "AnnexAsOf";

export interface TaskHighlightRule extends HighlightRule {
  state: TaskState;
  /** The sheet rows the rule covers, a block of consecutive task rows. */
  rows: [number, number];
}

interface TaskStyle {
  label: string;
  labelEn: string;
  fill: string;
  fontColor: string;
}

/**
 * Apart for red-green colour blindness: overdue is the one dark, saturated fill (vermillion, white
 * text); late is amber, on time blue, under way grey — they differ in hue along the blue-yellow axis
 * and in lightness. Ongoing and unknown rows keep the sheet's own look.
 */
export const TASK_STYLES: Record<TaskState, TaskStyle> = {
  overdue: { label: "Quá hạn", labelEn: "Overdue", fill: "#D55E00", fontColor: "#FFFFFF" },
  "done-late": { label: "Hoàn thành trễ hạn", labelEn: "Done late", fill: "#FFE08A", fontColor: "#4D3B00" },
  "in-progress": { label: "Đang thực hiện, trong hạn", labelEn: "Under way, within the deadline", fill: "#E7E7E7", fontColor: "#262626" },
  "done-on-time": { label: "Hoàn thành đúng và trước hạn", labelEn: "Done on time or early", fill: "#9ECAE1", fontColor: "#08306B" },
  done: { label: "Đã hoàn thành, chưa rõ đúng hạn", labelEn: "Done, timing not known", fill: "#DEEBF7", fontColor: "#08306B" },
  ongoing: { label: "Thực hiện thường xuyên", labelEn: "Ongoing, no deadline", fill: "#FFFFFF", fontColor: "#404040" },
  unknown: { label: "Chưa xác định", labelEn: "Cannot tell", fill: "#FFFFFF", fontColor: "#404040" },
};

const UNCOLOURED: ReadonlySet<TaskState> = new Set(["ongoing", "unknown"]);

/** A row's colouring: one state, or the state while the as-of day is not past the deadline and the one after. */
type Colouring =
  { kind: "fixed"; state: TaskState } | { kind: "asOf"; until: TaskState; after: TaskState; due: (top: number) => string; key: string };

/** A day as a formula ("DATE(2023,9,30)"): in rules, and as the value of `AnnexAsOf`, which a person can read and edit. */
export function dateFormula(iso: string): string {
  const { year, month, day } = isoParts(iso);
  return `DATE(${year},${month},${day})`;
}

function colouring(row: number, state: TaskState, detail: TaskDetail): Colouring {
  const { due } = detail.stateInput;
  if (due === null) return { kind: "fixed", state };
  const until = taskState({ ...detail.stateInput, asOf: due });
  const after = taskState({ ...detail.stateInput, asOf: addDays(due, 1) });
  if (until === after) return { kind: "fixed", state };
  const cell = detail.deadlineCell;
  if (cell && detail.deadline.kind === "date" && detail.deadline.fromDateCell) {
    const letter = columnLetter(cell.column);
    // The row's own date cell moves with the rule's rows; an inherited one stays put.
    if (cell.row === row) return { kind: "asOf", until, after, due: (top) => `$${letter}${top}`, key: `own:${letter}` };
    const ref = `$${letter}$${cell.row}`;
    return { kind: "asOf", until, after, due: () => ref, key: `cell:${ref}` };
  }
  const literal = dateFormula(due);
  return { kind: "asOf", until, after, due: () => literal, key: `day:${due}` };
}

function keyOf(c: Colouring): string {
  return c.kind === "fixed" ? `fixed:${c.state}` : `${c.until}>${c.after}@${c.key}`;
}

export function taskHighlightRules(table: AnnexTable, details: ReadonlyMap<number, TaskDetail>): TaskHighlightRule[] {
  const blocks: { top: number; bottom: number; colouring: Colouring; key: string }[] = [];
  for (const row of table.rows) {
    const detail = details.get(row.row);
    if (!detail || !row.state) continue;
    const c = colouring(row.row, row.state, detail);
    const key = keyOf(c);
    const last = blocks[blocks.length - 1];
    if (last && last.key === key && last.bottom === row.row - 1) last.bottom = row.row;
    else blocks.push({ top: row.row, bottom: row.row, colouring: c, key });
  }
  const rules: TaskHighlightRule[] = [];
  for (const { top, bottom, colouring: c } of blocks) {
    const range = areaAddress({ top, bottom, left: table.range.left, right: table.range.right });
    const rule = (state: TaskState, formula: string) => {
      if (UNCOLOURED.has(state)) return;
      const style = TASK_STYLES[state];
      rules.push({ band: state, state, rows: [top, bottom], sheet: table.sheet, range, formula, ...style });
    };
    if (c.kind === "fixed") {
      rule(c.state, "=TRUE");
      continue;
    }
    const due = c.due(top);
    const guard = due.startsWith("DATE(") ? (test: string) => `=${test}` : (test: string) => `=AND(ISNUMBER(${due}),${test})`;
    rule(c.until, guard(`${AS_OF_NAME}<=${due}`));
    rule(c.after, guard(`${due}<${AS_OF_NAME}`));
  }
  return rules;
}

/** Every state in the order a reader scans for trouble: overdue first. */
export function taskLegend(): LegendEntry[] {
  return (Object.keys(TASK_STYLES) as TaskState[]).map((state) => ({ band: state, ...TASK_STYLES[state] }));
}
