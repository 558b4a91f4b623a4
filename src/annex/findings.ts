/**
 * Findings of the pre-send check: stable codes, severities, the parameters of their message and
 * the message itself in Vietnamese and English, worded by the message catalogue.
 */
import { message, type FindingParams, type Severity } from "../messages";
import { cellAddress, type CellValue } from "./snapshot";

export type { Severity } from "../messages";

/** The finding codes are the catalogue's finding messages: a code without its words does not compile. */
export type FindingCode = keyof FindingParams;

export interface Finding<C extends FindingCode = FindingCode> {
  code: C;
  severity: Severity;
  sheet: string;
  cell: string;
  row: number;
  expected?: CellValue;
  actual?: CellValue;
  /** What the message says, as data: a host may word it again (the pane in its language). */
  params: FindingParams[C];
  message: string;
  messageEn: string;
}

/** A finding as plain data, without its words (what crosses to another thread or process). */
export type FindingData<C extends FindingCode = FindingCode> = Omit<Finding<C>, "message" | "messageEn">;

/** The data of a finding, read without wording it (its words are made only when asked for). */
export function findingData<C extends FindingCode>(finding: Finding<C>): FindingData<C> {
  const { code, severity, sheet, cell, row, params } = finding;
  const data: FindingData<C> = { code, severity, sheet, cell, row, params };
  if (finding.expected !== undefined) data.expected = finding.expected;
  if (finding.actual !== undefined) data.actual = finding.actual;
  return data;
}

/**
 * A finding worded when its message is read (a report, the pane's page of findings): an annex of
 * 10,000 rows may have tens of thousands of findings, and wording them up front costs more than
 * finding them. The words are getters on the class, not closures on each object, so a finding
 * costs one small object.
 */
class LazyWordedFinding<C extends FindingCode> implements Finding<C> {
  constructor(
    readonly code: C,
    readonly severity: Severity,
    readonly sheet: string,
    readonly cell: string,
    readonly row: number,
    readonly params: FindingParams[C],
    readonly expected: CellValue | undefined,
    readonly actual: CellValue | undefined,
  ) {}

  get message(): string {
    return message<FindingCode>(this.code, this.params, "vi");
  }

  get messageEn(): string {
    return message<FindingCode>(this.code, this.params, "en");
  }
}

/** A finding from its data, worded when its message is read. */
export function findingFromData<C extends FindingCode>(data: FindingData<C>): Finding<C> {
  return new LazyWordedFinding(data.code, data.severity, data.sheet, data.cell, data.row, data.params, data.expected, data.actual);
}

export const SEVERITY: Record<FindingCode, Severity> = {
  "formula-mismatch": "error",
  // An error when the value is wrong today; a warning when it agrees today but would not after an edit.
  "formula-reference": "error",
  "ratio-scale-mismatch": "error",
  "error-value": "error",
  "children-sum-mismatch": "warning",
  "child-exceeds-parent": "warning",
  "number-stored-as-text": "warning",
  "missing-lead": "warning",
  "ordinal-duplicate": "warning",
  "ordinal-gap": "warning",
  "formula-blank": "info",
  "operand-missing": "info",
  "text-in-formula-column": "info",
  "completed-before-assigned": "warning",
  "deadline-unreadable": "info",
};

export const SEVERITY_ORDER: Severity[] = ["error", "warning", "info"];

/** A finding at a cell, its message worded from `params`; the severity is the code's unless given. */
export function makeFinding<C extends FindingCode>(
  code: C,
  at: { sheet: string; row: number; column: number },
  params: FindingParams[C],
  severity: Severity = SEVERITY[code],
  values: { expected?: CellValue; actual?: CellValue } = {},
): Finding<C> {
  return new LazyWordedFinding(code, severity, at.sheet, cellAddress(at.row, at.column), at.row, params, values.expected, values.actual);
}
