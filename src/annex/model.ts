/** The engine's output model: what it recognised in a sheet and what it plans to write. */
import type { CellArea, CellValue } from "./snapshot";

export type ColumnRole =
  | "ordinal"
  | "name"
  | "unit"
  | "value"
  | "formula"
  | "lead"
  | "partner"
  | "deadline"
  | "status"
  | "note"
  | "completedOn"
  | "source"
  | "product";

/** Figures to classify against a plan, or a list of tasks with deadlines and how each stands. */
export type TableKind = "indicators" | "tasks";

/** How a task stands on the as-of day. */
export type TaskState = "done-on-time" | "done-late" | "done" | "in-progress" | "overdue" | "ongoing" | "unknown";

/** What the status words say of the work itself, whatever the deadline. */
export type TaskProgress = "done" | "doing" | "not-started" | "stopped" | "unknown";

/** Where a task table's as-of day came from: the caller, the title rows, or the day of the check. */
export type AsOfSource = "option" | "title" | "today";

/** An arithmetic expression over the column numbers of the number row ("4/5", "(6+7)/2", "5/4*100"). */
export type Expr =
  | { kind: "number"; value: number }
  | { kind: "column"; label: string }
  | { kind: "binary"; op: "+" | "-" | "*" | "/"; left: Expr; right: Expr };

export interface FormulaSpec {
  /** Column label being defined, e.g. "6" in "6=4/5". */
  target: string;
  expr: Expr;
  /** Normalised text of the expression: spaces and parentheses removed ("4/5", "6+7/2"). */
  text: string;
  /** A ratio not multiplied by 100: its result is a fraction shown as a percentage. */
  percent: boolean;
  /** The expression divides and multiplies by 100: its result is already in percent units. */
  timesHundred: boolean;
  /** The labels of the columns the expression reads. */
  operands: string[];
}

export interface AnnexColumn {
  /** 1-based sheet column. */
  column: number;
  letter: string;
  /** Label in the number row ("6" for "6=4/5"), or null when the table has no number row. */
  number: string | null;
  role: ColumnRole;
  /** Header labels from top to bottom of the band, duplicates from merged cells removed. */
  labels: string[];
  /** The labels joined for display. */
  header: string;
  formula?: FormulaSpec;
}

export type RowKind = "section" | "item" | "subitem";

/** How a sub-item relates to its parent: "+" parts add up to it, "Trong đó" rows are "of which", "-" rows are members. */
export type SubitemRelation = "part" | "ofWhich" | "member";

export interface AnnexRow {
  row: number;
  kind: RowKind;
  relation: SubitemRelation | null;
  parentRow: number | null;
  ordinal: string;
  name: string;
  unit: string;
  /** Lead unit after inheritance (own cell, covering merge, parent), trailing punctuation trimmed. */
  lead: string;
  /** Where the lead came from. */
  leadSource: "own" | "merge" | "parent" | "none";
  /** Task tables only (not on sections): the deadline as written, after inheritance like the lead. */
  dueText?: string;
  /** ISO date the deadline falls on, or null for none, an ongoing task or words that are no date. */
  due?: string | null;
  state?: TaskState;
  progress?: TaskProgress;
}

/** A numeric reading of a cell: typed numbers, and numbers typed as text ("71.755,08", "91,4%"). */
export interface CellNumber {
  value: number;
  /** The cell holds text that reads as a number. */
  storedAsText: boolean;
  /** The text (or number format) marks it as a percentage. */
  percent: boolean;
  /** Digits after the decimal point as typed and shown (the fewer of the two), for rounding tolerance. */
  decimals: number;
}

export interface AnnexTable {
  kind: TableKind;
  /** Task tables, once analysed: the ISO day the annex speaks of, and where it came from. */
  asOf?: string;
  asOfSource?: AsOfSource;
  sheet: string;
  range: CellArea;
  titleRows: number[];
  title: string | null;
  headerRows: number[];
  numberRow: number | null;
  repeatedHeaderRows: number[];
  columns: AnnexColumn[];
  rows: AnnexRow[];
  /**
   * Numbers read from value and formula cells of data rows: per sheet column (only columns with a
   * number), each at `row - range.top`. Read one with `cellNumber`.
   */
  numbers: Map<number, (CellNumber | undefined)[]>;
}

/** One cell the fill plan writes. `old` and `new` are the values a person sees before and after. */
export interface CellWrite {
  cell: string;
  row: number;
  column: number;
  /** A live formula in Excel's invariant (English) syntax, or a number replacing a number typed as text. */
  kind: "formula" | "number";
  formula?: string;
  value?: number;
  numberFormat?: string;
  old: CellValue;
  oldFormula: string;
  new: CellValue;
  /** The shown value changes (beyond the rounding of the cell's number format). */
  changesValue: boolean;
}

export interface SkippedCell {
  cell: string;
  row: number;
  column: number;
  reason: "text";
  value: CellValue;
}

export interface FillPlan {
  sheet: string;
  writes: CellWrite[];
  skipped: SkippedCell[];
}

/** A conditional-format rule as data: both the Excel adapter and the .xlsx writer apply it. */
export interface HighlightRule {
  /** Stable id of the band the rule marks ("dat-va-vuot", "duoi-50"…). */
  band: string;
  sheet: string;
  /** A1 range the rule covers ("G7:G36"). */
  range: string;
  /** Custom conditional-format formula in invariant syntax, relative to the range's top-left cell. */
  formula: string;
  fill: string;
  fontColor: string;
  /** Legend text, Vietnamese and English. */
  label: string;
  labelEn: string;
}

/** The number read from a value or formula cell of one of the table's data rows. */
export function cellNumber(table: Pick<AnnexTable, "numbers" | "range">, row: number, column: number): CellNumber | undefined {
  return table.numbers.get(column)?.[row - table.range.top];
}
