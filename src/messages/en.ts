/** Every message in English, for Office in another display language and the second half of one-line errors. */
import type { Catalogue, CellShown, FixLoss, FormulaColumnName, InputFormat, InputProblem, MessageParams, SyncValue } from "./catalogue";
import { countEn, formatEn, formatOneDecimal } from "./format";

const columnName = (c: FormulaColumnName) => `column ${c.number} (= ${c.spec})`;

/** "3", "4–7", or "none". */
function rowSpan(rows: number[]): string {
  if (rows.length === 0) return "none";
  return rows.length === 1 ? String(rows[0]) : `${rows[0]}–${rows[rows.length - 1]}`;
}

function names(list: string[], more: number): string {
  const named = list.join(", ");
  return more > 0 ? `${named} … and ${formatEn(more, false, 0)} other indicator${more === 1 ? "" : "s"}` : named;
}

/** What a cell shows inside a sentence; a text in quotes. */
function shown(cell: CellShown, percent: boolean): string {
  if (cell.kind === "number") return formatEn(cell.value, percent);
  if (cell.kind === "error") return cell.value;
  if (cell.kind === "blank") return "empty";
  return `"${cell.text}"`;
}

function formulaReference(p: MessageParams["formula-reference"]): string {
  const name = columnName(p.column);
  const expected = p.expectedCells.join(", ");
  const { problem, today, percent } = p;
  let text: string;
  if (problem.kind === "typed") {
    const typed = problem.shown.kind === "text" ? problem.shown.text : shown(problem.shown, percent);
    text = `A number typed by hand (${typed}) among the live formulas of ${name}: it will not follow when the figures change.`;
    text +=
      today.kind === "differs" && today.exact !== null ? ` The row's figures give ${formatEn(today.exact, percent)}.` : " It agrees today.";
  } else {
    if (problem.kind === "operation") {
      text = `The formula ${problem.formula} in ${name} reads the right cells, ${expected}, but does not compute the column's formula (operands swapped or another operation).`;
    } else {
      const absolute = problem.absolute.length
        ? ` (${problem.absolute.join(", ")} is absolute, so it did not move with the row when the formula was copied)`
        : "";
      text = `The formula ${problem.formula} in ${name} reads ${problem.reads.join(", ")} instead of row ${p.row}'s ${expected}${absolute}.`;
    }
    if (today.kind === "agrees") text += " It agrees today but will go wrong when the figures change.";
    if (today.kind === "differs") {
      const right = today.exact === null ? "empty (figures missing)" : formatEn(today.exact, percent);
      text += ` It shows ${shown(today.shows, percent)}; the row's figures give ${right}.`;
    }
  }
  return `${text} It should be ${p.expectedFormula}`;
}

/** "(2 on time or early, 1 late)", "(all within the deadline)": the parts that are there. */
function parts(list: [number, string][], total: number): string {
  const present = list.filter(([n]) => n > 0);
  if (present.length === 1 && present[0][0] === total) return ` (all ${present[0][1]})`;
  return present.length ? ` (${present.map(([n, words]) => `${countEn(n)} ${words}`).join(", ")})` : "";
}

function taskSummary(p: MessageParams["summary.tasks"]): string {
  if (p.total === 0) return "The list has no task yet.";
  const clauses: string[] = [];
  if (p.done) {
    const timing = parts(
      [
        [p.doneOnTime, "on time or early"],
        [p.doneLate, "late"],
        [p.doneUntimed, "timing not known"],
      ],
      p.done,
    );
    clauses.push(`${countEn(p.done)} done${timing}`);
  }
  const underWay = p.inProgress + p.overdue;
  if (underWay) {
    const timing = parts(
      [
        [p.inProgress, "within the deadline"],
        [p.overdue, "overdue"],
      ],
      underWay,
    );
    const share = p.overdue ? `${timing.slice(0, -1)}, ${formatOneDecimal("en", (p.overdue / p.total) * 100)}% of all)` : timing;
    clauses.push(`${countEn(underWay)} under way${share}`);
  }
  if (p.ongoing) clauses.push(`${countEn(p.ongoing)} ongoing with no deadline`);
  if (p.unknown) clauses.push(`${countEn(p.unknown)} whose deadline or progress cannot be told`);
  const leads = p.overdueLeads.map((l) => `${l.lead || "no lead agency"} (${countEn(l.overdue)})`).join(", ");
  return `${countEn(p.total)} task${p.total === 1 ? "" : "s"} in all: ${clauses.join("; ")}.` + (leads ? ` Overdue: ${leads}.` : "");
}

function syncValue(value: SyncValue): string {
  if (value === null) return "(empty)";
  if (typeof value === "string") return `"${value}"`;
  return String(value);
}

const titled = (title: string | null) => (title ? ` "${title}"` : "");

function loss(l: FixLoss): string {
  return l.kind === "signature"
    ? "the workbook's digital signature (it would no longer be valid)"
    : `the array formula ${l.ref} on sheet "${l.sheet}" (its cells would keep their last values)`;
}

const INPUT_FORMAT: Record<InputFormat, string> = {
  ods: "an OpenDocument spreadsheet (.ods)",
  xlsb: "a binary Excel workbook (.xlsb)",
  xls: "an Excel 97-2003 workbook (.xls)",
  xml2003: "an Excel 2003 XML spreadsheet",
  html: "an HTML page with a spreadsheet's name",
  csv: "a text (CSV) file",
};
const INPUT_PROBLEM: Record<Exclude<InputProblem, "cannotOpen">, string> = {
  directory: "a directory, not a file",
  notFound: "file not found",
  empty: "the file is empty",
  otherZip: "a zip package but not an Excel workbook (.xlsx)",
  encrypted: "a password-protected workbook; open it in Excel, remove the password (File › Info › Protect Workbook) and save it again",
  notWorkbook: "not an Excel workbook (.xlsx)",
};
const AS_OF_SOURCE = { option: "from --as-of", title: "from the title", today: "today" } as const;
const CONFLICT_REASON: Record<string, string> = {
  bothChanged: "changed on both sides",
  listChangedPlannerField: "the list changed a planner-owned field",
  mergedCell: "a merged cell over several rows",
};

export const en: Catalogue = {
  // Findings
  "formula-mismatch": (p) =>
    `Wrong ${columnName(p.column)}: the figures give ${formatEn(p.exact, p.percent)}, the cell says ${formatEn(p.typed, p.percent)}.`,
  "formula-reference": formulaReference,
  "ratio-scale-mismatch": (p) =>
    p.percentColumn
      ? `Ratio on the wrong scale: the column is a percentage, so it should be ${formatEn(p.exact, false, 4)} (${formatEn(p.exact, true)}), not ${formatEn(p.typed, false)}.`
      : `Ratio on the wrong scale: the column is multiplied by 100, so it should be ${formatEn(p.exact, false)}, not ${formatEn(p.typed, false, 4)}.`,
  "children-sum-mismatch": (p) =>
    `The "+" parts (rows ${p.rows.join(", ")}) add up to ${formatEn(p.sum, false)}, not ${formatEn(p.total, false)} as this row says.`,
  "child-exceeds-parent": (p) =>
    `An "of which" row (${formatEn(p.part, false)}) exceeds the row it belongs to, row ${p.parentRow} (${formatEn(p.total, false)}).`,
  "number-stored-as-text": (p) => `A number stored as text ("${p.text}"): Excel cannot calculate with it; enter it as a number.`,
  "error-value": (p) => `The cell shows the error ${p.value}.`,
  "missing-lead": (p) => (p.task ? `The task "${p.name}" has no lead agency.` : `"${p.name}" has no lead unit.`),
  "ordinal-duplicate": (p) => `Number ${p.ordinal} is used twice (also on row ${p.otherRow}).`,
  "ordinal-gap": (p) => `Numbering jumps from ${p.previous ?? "the start"} to ${p.ordinal}.`,
  "formula-blank": (p) =>
    `The ${columnName(p.column)} cell is empty although its figures are there; it would be ${formatEn(p.exact, p.percent)}.`,
  "operand-missing": (p) => `Column ${p.column} is empty, so ${p.fed.map(columnName).join(", ")} cannot be calculated.`,
  "text-in-formula-column": (p) => `The cell is in ${columnName(p.column)} but holds text: "${p.text}".`,
  "completed-before-assigned": (p) =>
    `Completed on ${p.completedOn}, before the assigning document's date ${p.assignedOn} (cell ${p.assignedCell}).`,
  "deadline-unreadable": (p) =>
    `The deadline "${p.text}" names no day: write a date (30/6/2023), a month, quarter or year, or "Thường xuyên".`,

  "severity.error": () => "Errors",
  "severity.warning": () => "Warnings",
  "severity.info": () => "Notes",

  // Summaries
  "summary.indicators": (p) =>
    p.total === 0
      ? "No indicator has figures to assess yet."
      : `Of ${countEn(p.total)} indicators${p.period ? ` after ${p.period.labelEn}` : ""}: ` +
        p.bands.map((b) => `${countEn(b.count)}/${countEn(p.total)} ${b.phraseEn}: ${names(b.names, b.more)}`).join("; ") +
        ".",
  "summary.tasks": taskSummary,

  // annex check: the readable report
  "check.noTables": () => 'No annex table found (a header row with a "Chỉ tiêu"/"Nội dung"/"Nhiệm vụ" column is needed).',
  "check.table": (p) => `Table «${p.title ?? "(no title)"}» — sheet «${p.sheet}», range ${p.range}`,
  "check.headerBand": (p) =>
    `Column headers: rows ${rowSpan(p.headerRows)}; ` +
    (p.numberRow === null ? "no column-number row" : `column-number row: ${p.numberRow}`) +
    (p.repeatedHeaderRows.length ? `; headers repeated after page breaks: rows ${rowSpan(p.repeatedHeaderRows)}` : ""),
  "check.rowCounts": (p) =>
    `${p.rows} data rows: ${p.sections} sections, ` +
    (p.tasks ? `${p.items} tasks, ${p.subitems} sub-tasks` : `${p.items} indicators, ${p.subitems} sub-indicators`),
  "check.taskListAsOf": (p) => `Task list; states as of ${p.asOf ?? "(unknown)"}${p.source ? ` (${AS_OF_SOURCE[p.source]})` : ""}:`,
  "check.taskLine": (p) => {
    const due = p.due ?? "—";
    const written = p.dueText ? ` (${p.dueText})` : "";
    return `row ${p.row}: due ${due}${written} — ${p.state.labelEn.toLowerCase()}`;
  },
  "check.formulaColumns": (p) =>
    p.columns.length
      ? `Formula columns: ${p.columns.map((c) => `${c.letter} (${c.number}=${c.spec}${c.percent ? ", percentage" : ""})`).join(", ")}`
      : "No formula column (the column-number row declares no formula).",
  "check.fill": (p) =>
    `Fill: ${p.formulas} formula cells, ${p.changedCells.length} cells whose shown value changes` +
    (p.changedCells.length ? ` (${p.changedCells.join(", ")})` : ""),
  "check.conversions": (p) => `Numbers stored as text that become numbers: ${p.cells.join(", ")}`,
  "check.skipped": (p) => `Cells holding text, kept as they are: ${p.cells.join(", ")}`,
  "check.noFindings": () => "Check: no problem found.",
  "check.findingCounts": (p) => `Check: ${p.counts.map((c) => `${c.count} ${en[`severity.${c.severity}`]({}).toLowerCase()}`).join(", ")}`,
  "check.severityGroup": (p) => `${en[`severity.${p.severity}`]({})} (${p.count}):`,
  "check.summary": (p) => `Summary: ${p.text}`,

  // annex sync: the readable report
  "syncReport.heading": (p) =>
    `${p.dryRun ? "Preview (nothing written) — " : ""}Sync of table "${p.sheet}" in ${p.file} with the list "${p.list}"` +
    (p.listCreated ? " (the list was created)" : ""),
  "syncReport.created": (p) => `Created in the list: ${p.created} items${p.dryRun ? ` (would create: ${p.toCreate})` : ""}`,
  "syncReport.matched": (p) => `Rows matched to existing list items (not created again): ${p.count}`,
  "syncReport.updated": (p) => `Updated in the list: ${p.count} items`,
  "syncReport.pulled": (p) => `Pulled from the list: ${p.count} values`,
  "syncReport.conflicts": (p) => `Conflicts to choose: ${p.count}`,
  "syncReport.deletedRemotely": (p) => `Items deleted in the list (not created again): ${p.count}`,
  "syncReport.keysAssigned": (p) => `Rows given a new sync key: ${p.count}`,
  "syncReport.missingInWorkbook": (p) => `List items whose row is no longer in the workbook (kept): ${p.count}`,
  "syncReport.remoteOnly": (p) => `Items only in the list (without this workbook's key): ${p.count}`,
  "syncReport.skipped": (p) => `Values not merged (formulas, text in a number column…): ${p.count}`,
  "syncReport.failed": (p) => `Failed writes: ${p.count}`,
  "syncReport.outboxRemaining": (p) => `Changes waiting to be sent (run the command again to send them): ${p.count}`,
  "syncReport.requests": (p) => `HTTP requests sent: ${p.requests} (writes: ${p.writes})`,
  "syncReport.written": (p) => `File written: ${p.file}`,
  "syncReport.conflictsHeading": () => "Conflicts (both values are kept; choose the side with --resolve KEY:FIELD=workbook|list):",
  "syncReport.conflict": (p) => {
    const merge = p.merge ? ` — merged cell ${p.merge.area} over rows ${p.merge.rows.join(", ")}` : "";
    return (
      `Row ${p.row}${titled(p.title)}, ${p.field}${p.cell ? ` cell ${p.cell}` : ""}: workbook ${syncValue(p.workbook)}; ` +
      `list ${syncValue(p.list)}; last time ${syncValue(p.base)} (${p.why}${merge}) [${p.rowKey}:${p.fieldKey}]`
    );
  },
  "syncReport.listChangesHeading": () => "The list changed fields the workbook owns (not applied, see the conflicts above):",
  "syncReport.listChange": (p) => `${p.field} [${p.rowKey}]`,
  "syncReport.matchedItem": (p) => `Matched: row ${p.row ?? "?"}${titled(p.title)} ↔ item ${p.itemId ?? "?"}`,
  "syncReport.deletedItem": (p) => `Deleted in the list: row ${p.row ?? "?"}${titled(p.title)} (item ${p.itemId ?? "?"})`,
  "syncReport.failedWrite": (p) => `Failed ${p.op} [${p.rowKey}]: ${p.status} ${p.code} ${p.message}`,
  "syncReport.conflictReason": (p) => CONFLICT_REASON[p.reason] ?? p.reason,

  // Command line and .xlsx host
  "cli.resolveForm": () => "--resolve needs KEY:FIELD=workbook|list",
  "cli.outSameFile": () => "--out must name a new file: the original is never modified",
  "cli.missingToken": () => "missing token: use --token or ANNEX_LIST_TOKEN",
  "cli.notListAddress": () => "not a list address",
  "cli.fileNotFound": () => "file not found",
  "cli.outputFolderMissing": () => "the output folder does not exist",
  "cli.unsentChanges": (p) =>
    `${p.count} changes could not be sent yet (the list is busy or the connection dropped); run the same command again to send them`,
  "cli.stopping": () => "Stopping after the current batch… (Ctrl-C again to stop now)",
  "cli.unknownOption": () => "unknown option",
  "cli.takesNoValue": (p) => `${p.option} takes no value`,
  "cli.needsValue": (p) => `${p.option} needs a value`,
  "cli.onlyOnce": (p) => `${p.option} may be given only once`,
  "cli.asOfInvalid": (p) => `--as-of takes a real date as YYYY-MM-DD, e.g. 2023-09-30 (got "${p.value}")`,
  "cli.thresholdsInvalid": () => "--thresholds takes percentages such as 100,90,50",
  "cli.noInputFile": () => "at least one .xlsx file is needed",
  "cli.fixOneFile": () => "--fix takes exactly one input file",
  "cli.forceWithoutFix": () => "--force goes with --fix",
  "cli.listAddressForms": (p) =>
    `not a list address: ${p.list} (https://…sharepoint.com/sites/…/Lists/… or …/v1.0/sites/{site}/lists/{list})`,
  "cli.seeHelp": () => "see",
  "cli.unknownCommand": () => "unknown command",
  "cli.outputFailed": () => "could not write the output",
  "cli.unexpectedError": () => "unexpected error",
  "fix.sameFile": () => "--fix must name a new file: the original is never modified",
  "fix.folderMissing": (p) => `the folder ${p.folder} does not exist`,
  "fix.isFolder": () => "is a folder",
  "fix.writeFailed": () => "could not write the file",
  "fix.failed": (p) => `could not fix ${p.input}`,
  "fix.cannotKeep": (p) => `--fix cannot keep: ${p.losses.map(loss).join("; ")}. Nothing was written; use --force to write anyway.`,
  "xlsx.unreadable": () => "not a readable .xlsx file",
  "input.convertible": (p) =>
    `${p.file} is ${INPUT_FORMAT[p.format]}, not .xlsx; convert it: ${p.command} (or open it in Excel and save as .xlsx)`,
  "input.notSpreadsheet": (p) =>
    `${p.file}: ${p.problem === "cannotOpen" ? `cannot open the file (${p.reason})` : INPUT_PROBLEM[p.problem]}`,

  // Workflows
  "workflow.noAnnex": () => "no annex table found in the workbook",
  "workflow.noAnnexOnSheet": (p) => `no annex table on sheet "${p.sheet}"`,
  "workflow.listGone": (p) =>
    `The shared list "${p.list}" no longer exists (it was deleted). It can be created again with the workbook's figures.`,
  "workflow.listNotFound": (p) => `No list “${p.list}” on site ${p.site}. Open the list in the browser and paste its address again.`,
  "workflow.stopped": () => "The sync was stopped part-way; what was sent is kept. Run the same command again to continue.",

  // Microsoft Graph
  "graph.unexpected": (p) => `Unexpected error: ${p.text}`,
  "graph.unreachable": () =>
    "Could not reach the shared list (network or server did not answer). Check the connection and sync again; unsent changes are kept.",
  "graph.unauthorized": () => "The sign-in expired or the access token is not valid. Please sign in again.",
  "graph.forbidden": () => "This account may not write to the list (Sites.ReadWrite.All or edit permission on the list is needed).",
  "graph.notFound": () => "The site or list was not found (or the item was deleted). Check the list address.",
  "graph.changed": () => "The list item was changed by someone else during the sync. Sync again to merge the changes.",
  "graph.throttled": () =>
    "The server is throttling requests and still refused after several retries. Wait a few minutes and sync again; the rest stays queued.",
  "graph.failed": (p) => `The list answered ${p.status} (${p.code}): ${p.message}`,
  "graph.connected": (p) => `Connected: the list “${p.list}” has ${p.items} item${p.items === 1 ? "" : "s"}.`,
  "graph.connectedNoList": (p) => `Connected: the list “${p.list}” does not exist yet; the first sync will create it.`,

  // Department liaisons
  "liaison.itemNotFound": () => "This row is not in the list (it may have been deleted). Reload the department's rows.",
  "liaison.noEstimateColumn": () => "The table has no estimate column to update.",
  "liaison.badCompletionDay": () => "The completion date cannot be read: write day/month/year, e.g. 20/9/2023.",
  "liaison.graph412": () => "Someone else has just changed this row in the list. Reload the rows, check them and save your change again.",
  "office.editMode": () => "Excel is editing a cell. Press Enter or Esc to finish editing, then try again.",
  "office.accessDenied": () =>
    "Excel did not allow the change: the sheet or workbook is protected, or you can only view it. Unprotect the sheet (Review › Unprotect Sheet) and try again.",
  "office.payloadTooLarge": () =>
    "The data is too large for Excel on the web to handle at once. Try a smaller annex or open the file in Excel desktop.",
  "office.itemNotFound": () => "The sheet or range is no longer there — it may have been renamed or deleted. Scan the sheet again.",
  "office.conflict": () => "The workbook changed during the operation. Scan the sheet again and retry.",
  "office.busy": () => "Excel is busy. Wait a moment and try again.",
  "office.unsupported": () => "This version of Excel does not support the operation. Update Excel or use Excel on the web.",
  "office.noAnnex": () =>
    'No annex table was found on this sheet. Open the sheet that holds the table (with headers such as "TT", "Chỉ tiêu", "Đơn vị tính") and scan again.',
  "office.sheetTooLarge": () =>
    "The sheet's used area is too large to scan — usually a stray value far from the table. Delete the stray cells to the right of or below the table and scan again.",
  "office.generic": () => "Excel reported an error. Try again; if it persists, save, close and reopen the file.",
  "office.undoConflict": (p) =>
    `Not undone: cells ${cellList(p.cells)} (sheet “${p.sheet}”) were changed after the fill — perhaps by Excel's Ctrl+Z. Nothing was overwritten. Check those cells, then scan the sheet again.`,
};

/** Cells named in a message: the first ten, then how many more. */
function cellList(cells: string[]): string {
  const shown = cells.slice(0, 10).join(", ");
  const more = cells.length - 10;
  return more > 0 ? `${shown} and ${more} more` : shown;
}
