/** English strings of the task pane: the same keys as the Vietnamese ones (`Strings`). */
import type { Strings } from "./vi";

export const en: Strings = {
  // Header
  appTitle: "Annex Assistant",
  appSubtitle: "Recognise annex tables, fill their formulas, highlight and check the figures before sending.",

  // Recognise
  recognise: "Recognise",
  recogniseAgain: "Recognise again",
  recogniseHint: "Open the sheet that holds the annex, then choose “Recognise”.",
  sheetLine: (sheet: string, tables: number) => `Sheet “${sheet}”: ${tables} annex table${tables === 1 ? "" : "s"}.`,
  noAnnexTitle: "No annex table",
  noAnnex: (sheet: string) =>
    `No annex table was found on sheet “${sheet}”. A table needs a header row with a “Chỉ tiêu”, “Nội dung” or “Nhiệm vụ” column. Open the sheet that holds the table and recognise again.`,

  // Tabs
  tabsLabel: "Assistant sections",
  tabTables: "Tables",
  tabFill: "Fill formulas",
  tabHighlight: "Highlight",
  tabFindings: "Check",
  tabSummary: "Summary",

  // Progress
  busy: {
    load: "Reading settings…",
    analyze: "Recognising tables…",
    save: "Saving settings…",
    fill: "Writing formulas…",
    undo: "Undoing…",
    highlight: "Highlighting…",
    unhighlight: "Removing highlights…",
    select: "Selecting the cell…",
  },

  // Messages
  errorTitle: "That did not work",
  genericError:
    "Something unexpected went wrong. Try again; if it persists, save the file, then close and reopen the Annex Assistant pane.",
  dismiss: "Dismiss message",
  doneTitle: "Done",

  // Tables section
  tableChoose: "Choose a table",
  tableOption: (title: string, range: string) => `${title} (${range})`,
  untitled: "(untitled)",
  tableTitle: "Title",
  tableRange: "Range",
  tableHeaderRows: "Header rows",
  tableNumberRow: "Column-number row",
  tableNoNumberRow: "none (no formula columns)",
  tableRepeatedRows: "Header repeated after page breaks",
  tableNone: "none",
  tableRows: "Data rows",
  rowCounts: (total: number, sections: number, items: number, subitems: number) =>
    `${total} rows: ${sections} section${sections === 1 ? "" : "s"}, ${items} item${items === 1 ? "" : "s"}, ${subitems} sub-item${subitems === 1 ? "" : "s"}`,
  rowSpan: (first: number, last: number) => (first === last ? `row ${first}` : `rows ${first}–${last}`),
  mergesNotReadTitle: "Merged cells not read",
  mergesNotRead:
    "Excel did not return this sheet's merged cells (an older Excel, or more than 512 merged areas). Column headers and lead units may be recognised wrongly; check the column roles.",
  columnsHeading: "Columns",
  colColumn: "Column",
  colHeader: "Header",
  colNumber: "No.",
  colRole: "Role",
  colFormula: "Formula",
  roleFor: (letter: string) => `Role of column ${letter}`,
  roleCorrected: "corrected",
  percentShown: "percent",
  resetRoles: "Clear column-role corrections",
  rolesHint: "If a column was given the wrong role, choose another; the assistant saves the correction in the file and recognises again.",
  roles: {
    ordinal: "Ordinal",
    name: "Indicator / task name",
    unit: "Unit",
    value: "Figure",
    formula: "Formula column",
    lead: "Lead unit",
    partner: "Partner units",
    deadline: "Deadline",
    status: "Progress",
    note: "Note",
  },
  rowKinds: { section: "section", item: "item", subitem: "sub-item" },

  // Fill section
  fillHeading: "Preview of the cells to write",
  fillNothing: "The formula columns are already right: no cell needs writing.",
  fillNoFormulaColumns: "This table has no formula columns (its column-number row declares no formula such as “6=4/5”).",
  fillConfirm: (cells: number, changed: number) =>
    `${cells} cell${cells === 1 ? "" : "s"} will be written with a formula or a number; ${changed} will show a different value. Cells holding text are left as they are.`,
  fillOnlyChanged: "Only cells whose value changes",
  fillCell: "Cell",
  fillChange: "Old → New",
  fillFormula: "Formula",
  fillChangesValue: "value changes",
  fillConversion: "text to number",
  fillEmpty: "(empty)",
  fillSkippedHeading: "Cells holding text, left as they are",
  fillSkippedReason: "holds text, not overwritten",
  fillApply: "Apply",
  fillUndo: "Undo",
  fillWritten: (n: number) => `Wrote ${n} cell${n === 1 ? "" : "s"}. You can undo this with “Undo”.`,
  fillUndone: (n: number) => `Undone: restored ${n} cell${n === 1 ? "" : "s"} to their values before the fill.`,
  previewLabel: "Preview of the cells to write",

  // Highlight section
  bandsHeading: "Achievement bands",
  bandLimitTop: (pct: string) => `${pct} or more`,
  bandLimitBetween: (low: string, high: string) => `${low} to under ${high}`,
  bandLimitBelow: (pct: string) => `under ${pct}`,
  bandUnrated: "no figures yet",
  bandCount: (n: number) => `${n} indicator${n === 1 ? "" : "s"}`,
  legendHeading: "Colour legend",
  thresholdsHeading: "Band limits (%)",
  thresholdLabel: (i: number) => `Limit ${i}`,
  thresholdsSave: "Save limits",
  thresholdsReset: "Defaults (100, 90, 50)",
  thresholdsInvalidNumber: "Enter a percentage above 0 and at most 1000.",
  thresholdsNotDescending: "Each limit must be lower than the one above it.",
  thresholdsTimeModeNote: "Comparing with the progress due at the reporting period; the limits apply when this is off.",
  timeAware: "Compare with the progress due at the reporting period",
  periodDetected: (label: string, pct: string) => `Reporting period in the headers: ${label} → ${pct} of the plan`,
  periodNone: "No reporting period found in the column headers (such as “9 tháng”, “Quý III”).",
  noRatioColumn: "This table has no ratio column (such as “6=4/5”), so there is nothing to highlight.",
  ratioColumnLine: (letter: string) => `Highlights column ${letter} by achievement.`,
  highlightApply: "Apply highlights",
  highlightRemove: "Remove highlights",
  highlightApplied: (letter: string, bands: number) => `Highlighted column ${letter} in ${bands} bands.`,
  highlightRemoved: "Removed the highlights the assistant made.",

  // Findings section
  findingsTotals: (errors: number, warnings: number, notes: number) =>
    `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}, ${notes} note${notes === 1 ? "" : "s"}`,
  allClearTitle: "No errors",
  allClear: "No error or warning was found in this table.",
  severity: { error: "Errors", warning: "Warnings", info: "Notes" },
  goToCell: (cell: string) => `Select cell ${cell}`,
  findingsNone: "none",

  // Summary section
  summaryLabel: "Summary paragraph",
  summaryCopy: "Copy",
  summaryCopied: "Copied the summary. Paste it into the report with Ctrl+V.",
  summaryCopyFailed: "Could not copy automatically. Select the text and press Ctrl+C.",
  summaryHint: "A paragraph in the provincial report style, built from each indicator's band.",
};
