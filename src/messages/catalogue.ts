/**
 * The shape of the message catalogue: one entry per message code, each a function of its typed
 * parameters. `vi.ts` and `en.ts` implement it whole, so a code without its text in either
 * language is a type error. Parameters are plain data (numbers unformatted, days as ISO strings):
 * each language writes them its own way, and they survive JSON and a worker's postMessage.
 */
import type { AsOfSource } from "../annex/model";

export type Severity = "error" | "warning" | "info";

/** A formula column as messages name it: "cột 6 (= 4/5)". */
export interface FormulaColumnName {
  number: string;
  spec: string;
}

/** What a cell shows, for a sentence: a figure (written in the reader's convention), a text, an error, nothing. */
export type CellShown =
  { kind: "number"; value: number } | { kind: "text"; text: string } | { kind: "error"; value: string } | { kind: "blank" };

/** What is wrong with a cell of a column of live formulas. */
export type ReferenceProblem =
  /** A number typed among the live formulas. */
  | { kind: "typed"; shown: CellShown }
  /** The right cells, another computation (operands swapped, another operation). */
  | { kind: "operation"; formula: string }
  /** Other cells than the row's operands; `absolute`: the $-row references that did not move with the row. */
  | { kind: "cells"; formula: string; reads: string[]; absolute: string[] };

/** How the cell's value stands against the spec's today. */
export type ReferenceToday =
  | { kind: "unknown" }
  | { kind: "agrees" }
  /** `exact` is null when the spec cannot be computed yet (an operand is missing). */
  | { kind: "differs"; shows: CellShown; exact: number | null };

/** The parameters of each finding's message, by finding code: the engine's finding codes are these keys. */
export interface FindingParams {
  "formula-mismatch": { column: FormulaColumnName; exact: number; typed: number; percent: boolean };
  "formula-reference": {
    column: FormulaColumnName;
    row: number;
    expectedCells: string[];
    expectedFormula: string;
    /** Figures shown as percentages (the column's or the cell's format). */
    percent: boolean;
    problem: ReferenceProblem;
    today: ReferenceToday;
  };
  /** `percentColumn`: typed ×100 in a percent column; else typed as a fraction in a ×100 column. */
  "ratio-scale-mismatch": { exact: number; typed: number; percentColumn: boolean };
  "children-sum-mismatch": { rows: number[]; sum: number; total: number };
  "child-exceeds-parent": { part: number; parentRow: number; total: number };
  "number-stored-as-text": { text: string };
  "error-value": { value: string };
  /** `task`: a task list's task (a lead agency), else an indicator (a lead unit). */
  "missing-lead": { name: string; task: boolean };
  "ordinal-duplicate": { ordinal: string; otherRow: number };
  "ordinal-gap": { previous: number | null; ordinal: string };
  "formula-blank": { column: FormulaColumnName; exact: number; percent: boolean };
  /** `fed`: every formula column the empty operand feeds. */
  "operand-missing": { column: string; fed: FormulaColumnName[] };
  "text-in-formula-column": { column: FormulaColumnName; text: string };
  "completed-before-assigned": { completedOn: string; assignedOn: string; assignedCell: string };
  "deadline-unreadable": { text: string };
}

type NoParams = Record<string, never>;

interface SeverityMessages {
  /** The heading of a group of findings: "Lỗi" / "Errors". */
  "severity.error": NoParams;
  "severity.warning": NoParams;
  "severity.info": NoParams;
}

/** A band of the classification as the summary names it; bands carry their phrase in both languages. */
export interface SummaryBandText {
  count: number;
  phrase: string;
  phraseEn: string;
  /** The indicators the paragraph names, and how many more it does not. */
  names: string[];
  more: number;
}

interface SummaryMessages {
  /** `period`: the period named in a time-aware summary ("9 tháng"). */
  "summary.indicators": { total: number; period: { label: string; labelEn: string } | null; bands: SummaryBandText[] };
  "summary.tasks": {
    total: number;
    done: number;
    doneOnTime: number;
    doneLate: number;
    /** Finished, timing not known. */
    doneUntimed: number;
    inProgress: number;
    overdue: number;
    ongoing: number;
    unknown: number;
    /** The lead agencies with overdue tasks ("" for tasks without one). */
    overdueLeads: { lead: string; overdue: number }[];
  };
}

/** The readable report of `annex check`, line by line (the report indents them). */
interface CheckReportMessages {
  "check.noTables": NoParams;
  "check.table": { title: string | null; sheet: string; range: string };
  "check.headerBand": { headerRows: number[]; numberRow: number | null; repeatedHeaderRows: number[] };
  "check.rowCounts": { rows: number; sections: number; items: number; subitems: number; tasks: boolean };
  "check.taskListAsOf": { asOf: string | null; source: AsOfSource | null };
  /** `state`: the task state's label in both languages (the highlight's legend labels). */
  "check.taskLine": { row: number; due: string | null; dueText: string | null; state: { label: string; labelEn: string } };
  "check.formulaColumns": { columns: { letter: string; number: string; spec: string; percent: boolean }[] };
  "check.fill": { formulas: number; changedCells: string[] };
  "check.conversions": { cells: string[] };
  "check.skipped": { cells: string[] };
  "check.noFindings": NoParams;
  "check.findingCounts": { counts: { severity: Severity; count: number }[] };
  "check.severityGroup": { severity: Severity; count: number };
  "check.summary": { text: string };
}

/** A value of a list field or a workbook cell, as a sync report shows it. */
export type SyncValue = string | number | boolean | null;

/** The readable report of `annex sync`, line by line. */
interface SyncReportMessages {
  "syncReport.heading": { dryRun: boolean; sheet: string; file: string; list: string; listCreated: boolean };
  /** `toCreate`: in a dry run, the items that would be created. */
  "syncReport.created": { created: number; dryRun: boolean; toCreate: number };
  "syncReport.matched": { count: number };
  "syncReport.updated": { count: number };
  "syncReport.pulled": { count: number };
  "syncReport.conflicts": { count: number };
  "syncReport.deletedRemotely": { count: number };
  "syncReport.keysAssigned": { count: number };
  "syncReport.missingInWorkbook": { count: number };
  "syncReport.remoteOnly": { count: number };
  "syncReport.skipped": { count: number };
  "syncReport.failed": { count: number };
  "syncReport.outboxRemaining": { count: number };
  "syncReport.requests": { requests: number; writes: number };
  "syncReport.written": { file: string };
  "syncReport.conflictsHeading": NoParams;
  /** `why`: the conflict's reason as already written (the report gives it in both languages). */
  "syncReport.conflict": {
    row: number;
    title: string | null;
    field: string;
    cell: string | null;
    workbook: SyncValue;
    list: SyncValue;
    base: SyncValue;
    why: string;
    merge: { area: string; rows: number[] } | null;
    rowKey: string;
    fieldKey: string;
  };
  "syncReport.listChangesHeading": NoParams;
  "syncReport.listChange": { field: string; rowKey: string };
  "syncReport.matchedItem": { row: number | null; title: string | null; itemId: string | null };
  "syncReport.deletedItem": { row: number | null; title: string | null; itemId: string | null };
  "syncReport.failedWrite": { op: "create" | "update"; rowKey: string; status: number; code: string; message: string };
  /** Why a field is a conflict; an unknown reason is shown as its code. */
  "syncReport.conflictReason": { reason: string };
}

/** One-line errors of the command line and the .xlsx host (shown as "Vietnamese / English"). */
interface CommandLineMessages {
  "cli.resolveForm": NoParams;
  "cli.outSameFile": NoParams;
  "cli.missingToken": NoParams;
  "cli.notListAddress": NoParams;
  "cli.fileNotFound": NoParams;
  "cli.outputFolderMissing": NoParams;
  "cli.unsentChanges": { count: number };
  "cli.stopping": NoParams;
  /** An argument the command line cannot take (src/cli/args.ts, annex.ts, syncCommand.ts); the option follows after ": ". */
  "cli.unknownOption": NoParams;
  "cli.takesNoValue": { option: string };
  "cli.needsValue": { option: string };
  "cli.onlyOnce": { option: string };
  "cli.asOfInvalid": { value: string };
  "cli.thresholdsInvalid": NoParams;
  "cli.noInputFile": NoParams;
  "cli.fixOneFile": NoParams;
  "cli.forceWithoutFix": NoParams;
  "cli.listAddressForms": { list: string };
  /** These four are followed by ": " and the command, the system's reason or the help command. */
  "cli.seeHelp": NoParams;
  "cli.unknownCommand": NoParams;
  "cli.outputFailed": NoParams;
  "cli.unexpectedError": NoParams;
  "fix.sameFile": NoParams;
  "fix.folderMissing": { folder: string };
  "fix.isFolder": NoParams;
  "fix.writeFailed": NoParams;
  "fix.failed": { input: string };
  "fix.cannotKeep": { losses: FixLoss[] };
  "xlsx.unreadable": NoParams;
  /** An input that is a spreadsheet in another format, with the command that converts it. */
  "input.convertible": { file: string; format: InputFormat; command: string };
  /** An input that is no spreadsheet at all; `reason`: the system's words when it cannot be opened. */
  "input.notSpreadsheet": { file: string; problem: InputProblem; reason?: string };
}

export type InputFormat = "ods" | "xlsb" | "xls" | "xml2003" | "html" | "csv";
export type InputProblem = "directory" | "notFound" | "empty" | "cannotOpen" | "otherZip" | "encrypted" | "notWorkbook";

/** Something in the workbook that --fix could not keep as it was. */
export type FixLoss = { kind: "arrayFormula"; ref: string; sheet: string } | { kind: "signature" };

/** What stops a workflow (src/app): the command line and the pane say the same thing. */
interface WorkflowMessages {
  "workflow.noAnnex": NoParams;
  "workflow.noAnnexOnSheet": { sheet: string };
  "workflow.listGone": { list: string };
  "workflow.listNotFound": { list: string; site: string };
  "workflow.stopped": NoParams;
}

/** A Microsoft Graph failure explained to a person (src/sync/graphClient.ts picks the code). */
interface GraphMessages {
  "graph.unexpected": { text: string };
  "graph.unreachable": NoParams;
  "graph.unauthorized": NoParams;
  "graph.forbidden": NoParams;
  "graph.notFound": NoParams;
  "graph.changed": NoParams;
  "graph.throttled": NoParams;
  "graph.failed": { status: number; code: string; message: string };
  "graph.connected": { list: string; items: number };
  "graph.connectedNoList": { list: string };
}

/** A department liaison's action refused (src/sync/liaison.ts). */
interface LiaisonMessages {
  "liaison.itemNotFound": NoParams;
  "liaison.noEstimateColumn": NoParams;
  "liaison.badCompletionDay": NoParams;
  "liaison.graph412": NoParams;
}

/**
 * Office.js failures as the pane explains them; src/excel/errors.ts maps Office's error codes (and
 * the adapter's own errors) to these codes.
 */
interface OfficeMessages {
  /** A person is typing in a cell (InvalidOperationInCellEditMode, InvalidOperation). */
  "office.editMode": NoParams;
  /** A protected sheet or workbook, or view-only rights (AccessDenied). */
  "office.accessDenied": NoParams;
  /** Excel on the web's 5 MB request or response limit. */
  "office.payloadTooLarge": NoParams;
  "office.itemNotFound": NoParams;
  "office.conflict": NoParams;
  "office.busy": NoParams;
  "office.unsupported": NoParams;
  "office.noAnnex": NoParams;
  "office.sheetTooLarge": NoParams;
  "office.generic": NoParams;
  /** Undo refused: cells changed since the fill (named, the first ten). */
  "office.undoConflict": { sheet: string; cells: string[] };
}

export interface MessageParams
  extends
    FindingParams,
    SeverityMessages,
    SummaryMessages,
    CheckReportMessages,
    SyncReportMessages,
    CommandLineMessages,
    WorkflowMessages,
    GraphMessages,
    LiaisonMessages,
    OfficeMessages {}

export type MessageCode = keyof MessageParams;

/** One language's texts: a function of its parameters per message code. */
export type Catalogue = { readonly [C in MessageCode]: (params: MessageParams[C]) => string };
