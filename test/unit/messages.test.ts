import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { makeFinding } from "../../src/annex/findings";
import { bilingual, message, texts, type Language, type MessageCode, type MessageParams } from "../../src/messages";
import { en } from "../../src/messages/en";
import { vi } from "../../src/messages/vi";

const column = { number: "6", spec: "4/5" };

/** Parameters for every code: a code added to the catalogue without a sample here does not compile. */
const SAMPLES: { [C in MessageCode]: MessageParams[C] } = {
  "formula-mismatch": { column, exact: 0.3979, typed: 0.396, percent: true },
  "formula-reference": {
    column,
    row: 10,
    expectedCells: ["E10", "F10"],
    expectedFormula: '=IF(AND(ISNUMBER(E10),ISNUMBER(F10),F10<>0),E10/F10,"")',
    percent: true,
    problem: { kind: "cells", formula: "=$E$9/F10", reads: ["E9", "F10"], absolute: ["$E$9"] },
    today: { kind: "differs", shows: { kind: "number", value: 0.5 }, exact: 0.25 },
  },
  "ratio-scale-mismatch": { exact: 0.38, typed: 38, percentColumn: true },
  "children-sum-mismatch": { rows: [11, 12], sum: 3527.2, total: 3600 },
  "child-exceeds-parent": { part: 120, parentRow: 10, total: 100 },
  "number-stored-as-text": { text: "38%" },
  "error-value": { value: "#DIV/0!" },
  "missing-lead": { name: "Tổng lượt khách du lịch", task: false },
  "ordinal-duplicate": { ordinal: "3", otherRow: 12 },
  "ordinal-gap": { previous: 3, ordinal: "5" },
  "formula-blank": { column, exact: 0.75, percent: true },
  "operand-missing": { column: "5", fed: [column] },
  "text-in-formula-column": { column, text: "Phấn đấu đạt mức cao nhất" },
  "completed-before-assigned": { completedOn: "2022-12-20", assignedOn: "2023-01-05", assignedCell: "G4" },
  "deadline-unreadable": { text: "Sớm nhất có thể" },
  "severity.error": {},
  "severity.warning": {},
  "severity.info": {},
  "summary.indicators": {
    total: 22,
    period: null,
    bands: [
      { count: 1, phrase: "đạt và vượt kế hoạch", phraseEn: "met or exceeded the plan", names: ["Tổng lượt khách du lịch"], more: 0 },
    ],
  },
  "summary.tasks": {
    total: 10,
    done: 3,
    doneOnTime: 2,
    doneLate: 1,
    doneUntimed: 0,
    inProgress: 4,
    overdue: 2,
    ongoing: 1,
    unknown: 0,
    overdueLeads: [{ lead: "Văn phòng UBND tỉnh", overdue: 1 }],
  },
  "check.noTables": {},
  "check.table": { title: "DANH MỤC", sheet: "PL", range: "A4:I36" },
  "check.headerBand": { headerRows: [4, 5], numberRow: 6, repeatedHeaderRows: [] },
  "check.rowCounts": { rows: 30, sections: 3, items: 22, subitems: 5, tasks: false },
  "check.taskListAsOf": { asOf: "2023-09-30", source: "title" },
  "check.taskLine": { row: 8, due: "2023-06-30", dueText: "Quý II/2023", state: { label: "Quá hạn", labelEn: "Overdue" } },
  "check.formulaColumns": { columns: [{ letter: "G", number: "6", spec: "4/5", percent: true }] },
  "check.fill": { formulas: 24, changedCells: ["H20"] },
  "check.conversions": { cells: ["E12"] },
  "check.skipped": { cells: ["G30"] },
  "check.noFindings": {},
  "check.findingCounts": {
    counts: [
      { severity: "error", count: 3 },
      { severity: "warning", count: 5 },
      { severity: "info", count: 6 },
    ],
  },
  "check.severityGroup": { severity: "warning", count: 5 },
  "check.summary": { text: "…" },
  "syncReport.heading": { dryRun: true, sheet: "PL", file: "a.xlsx", list: "PhuLuc", listCreated: true },
  "syncReport.created": { created: 0, dryRun: true, toCreate: 22 },
  "syncReport.matched": { count: 2 },
  "syncReport.updated": { count: 2 },
  "syncReport.pulled": { count: 2 },
  "syncReport.conflicts": { count: 2 },
  "syncReport.deletedRemotely": { count: 2 },
  "syncReport.keysAssigned": { count: 2 },
  "syncReport.missingInWorkbook": { count: 2 },
  "syncReport.remoteOnly": { count: 2 },
  "syncReport.skipped": { count: 2 },
  "syncReport.failed": { count: 2 },
  "syncReport.outboxRemaining": { count: 2 },
  "syncReport.requests": { requests: 5, writes: 2 },
  "syncReport.written": { file: "a.dong-bo.xlsx" },
  "syncReport.conflictsHeading": {},
  "syncReport.conflict": {
    row: 20,
    title: "Tổng lượt khách",
    field: "UocThucHien (Ước thực hiện)",
    cell: "F20",
    workbook: 12,
    list: null,
    base: "10",
    why: "cả hai bên cùng sửa / changed on both sides",
    merge: { area: "I35:I36", rows: [35, 36] },
    rowKey: "k1",
    fieldKey: "UocThucHien",
  },
  "syncReport.listChangesHeading": {},
  "syncReport.listChange": { field: "KeHoach", rowKey: "k1" },
  "syncReport.matchedItem": { row: 12, title: "Tổng lượt khách", itemId: "7" },
  "syncReport.deletedItem": { row: null, title: null, itemId: null },
  "syncReport.failedWrite": { op: "update", rowKey: "k1", status: 403, code: "accessDenied", message: "no" },
  "syncReport.conflictReason": { reason: "bothChanged" },
  "cli.resolveForm": {},
  "cli.outSameFile": {},
  "cli.missingToken": {},
  "cli.notListAddress": {},
  "cli.fileNotFound": {},
  "cli.outputFolderMissing": {},
  "cli.unsentChanges": { count: 3 },
  "cli.stopping": {},
  "cli.unknownOption": {},
  "cli.takesNoValue": { option: "--json" },
  "cli.needsValue": { option: "--fix" },
  "cli.onlyOnce": { option: "--out" },
  "cli.asOfInvalid": { value: "2023-02-30" },
  "cli.thresholdsInvalid": {},
  "cli.noInputFile": {},
  "cli.fixOneFile": {},
  "cli.forceWithoutFix": {},
  "cli.listAddressForms": { list: "PhuLuc" },
  "cli.seeHelp": {},
  "cli.unknownCommand": {},
  "cli.outputFailed": {},
  "cli.unexpectedError": {},
  "fix.sameFile": {},
  "fix.folderMissing": { folder: "/tmp/none" },
  "fix.isFolder": {},
  "fix.writeFailed": {},
  "fix.failed": { input: "a.xlsx" },
  "fix.cannotKeep": { losses: [{ kind: "signature" }, { kind: "arrayFormula", ref: "G7:G9", sheet: "PL" }] },
  "xlsx.unreadable": {},
  "input.convertible": { file: "a.xls", format: "xls", command: "soffice --headless --convert-to xlsx a.xls" },
  "input.notSpreadsheet": { file: "a.xlsx", problem: "cannotOpen", reason: "EACCES" },
  "workflow.noAnnex": {},
  "workflow.noAnnexOnSheet": { sheet: "PL" },
  "workflow.listGone": { list: "PhuLuc" },
  "workflow.listNotFound": { list: "PhuLuc", site: "root" },
  "workflow.stopped": {},
  "graph.unexpected": { text: "boom" },
  "graph.unreachable": {},
  "graph.unauthorized": {},
  "graph.forbidden": {},
  "graph.notFound": {},
  "graph.changed": {},
  "graph.throttled": {},
  "graph.failed": { status: 418, code: "teapot", message: "short and stout" },
  "graph.connected": { list: "PhuLuc", items: 1 },
  "graph.connectedNoList": { list: "PhuLuc" },
  "liaison.itemNotFound": {},
  "liaison.noEstimateColumn": {},
  "liaison.badCompletionDay": {},
  "liaison.graph412": {},
  "office.editMode": {},
  "office.accessDenied": {},
  "office.payloadTooLarge": {},
  "office.itemNotFound": {},
  "office.conflict": {},
  "office.busy": {},
  "office.unsupported": {},
  "office.noAnnex": {},
  "office.sheetTooLarge": {},
  "office.generic": {},
  "office.undoConflict": { sheet: "PL", cells: ["G7", "G8", "G9", "G10", "G11", "G12", "G13", "G14", "G15", "G16", "G17", "G18"] },
};

const codes = Object.keys(SAMPLES) as MessageCode[];

describe("the message catalogue", () => {
  it("has the same codes in Vietnamese and English", () => {
    expect(Object.keys(vi).sort()).toEqual([...codes].sort());
    expect(Object.keys(en).sort()).toEqual([...codes].sort());
  });

  it.each(codes)("words %s in both languages", (code) => {
    for (const language of ["vi", "en"] as Language[]) {
      const text = message(code, SAMPLES[code], language);
      expect(text.trim()).not.toBe("");
      expect(text).not.toMatch(/undefined|\[object Object\]|NaN/);
    }
  });

  it("writes numbers and days each language's way", () => {
    const p = SAMPLES["children-sum-mismatch"];
    expect(message("children-sum-mismatch", p, "vi")).toContain("3.527,2");
    expect(message("children-sum-mismatch", p, "en")).toContain("3,527.2");
    expect(message("completed-before-assigned", SAMPLES["completed-before-assigned"], "vi")).toContain("20/12/2022");
  });

  it("gives both languages at once, and on one line for the command line", () => {
    expect(texts("graph.unauthorized", {})).toEqual({
      vi: message("graph.unauthorized", {}, "vi"),
      en: message("graph.unauthorized", {}, "en"),
    });
    expect(bilingual("fix.sameFile", {})).toBe(
      "--fix phải ghi ra tệp khác, tệp gốc không bị sửa / --fix must name a new file: the original is never modified",
    );
  });

  it("names the first ten changed cells of a refused undo, then how many more", () => {
    const p = SAMPLES["office.undoConflict"];
    expect(message("office.undoConflict", p, "vi")).toContain("G7, G8, G9, G10, G11, G12, G13, G14, G15, G16 và 2 ô khác");
    expect(message("office.undoConflict", p, "en")).toContain("G16 and 2 more");
  });

  it("keeps the command line's argument errors worded as before", () => {
    expect(bilingual("cli.needsValue", { option: "--fix" })).toBe("--fix cần một giá trị / --fix needs a value");
    expect(`${bilingual("cli.unknownOption", {})}: -q`).toBe("Tùy chọn không rõ / unknown option: -q");
  });

  it("lets a host word a finding again from its parameters, also after JSON", () => {
    const finding = makeFinding("formula-mismatch", { sheet: "PL", row: 20, column: 8 }, SAMPLES["formula-mismatch"]);
    expect(finding.cell).toBe("H20");
    expect(finding.severity).toBe("error");
    const copy = JSON.parse(JSON.stringify(finding)) as typeof finding;
    expect(message(copy.code, copy.params, "vi")).toBe(finding.message);
    expect(message(copy.code, copy.params, "en")).toBe(finding.messageEn);
  });
});

/**
 * Message literals that still live outside the catalogue, each with its reason. Everything else
 * words its messages through src/messages; the pane's UI strings are in src/taskpane/i18n.
 */
const ALLOWED: Record<string, string> = {};

const SRC = path.join(__dirname, "../../src");
const OWN_PLACES = ["messages", path.join("taskpane", "i18n")];
/** A `vi:` or `en:` property holding a string literal or template: a message written in place. */
const MESSAGE_LITERAL = /\b(vi|en)\s*:\s*["'`]/;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return OWN_PLACES.includes(path.relative(SRC, full)) ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("messages live in one place", () => {
  it("has no { vi, en } message literal outside src/messages and src/taskpane/i18n", () => {
    const offenders = sourceFiles(SRC)
      .map((file) => path.relative(path.join(SRC, ".."), file).split(path.sep).join("/"))
      .filter((file) => !(file in ALLOWED))
      .flatMap((file) =>
        readFileSync(path.join(SRC, "..", file), "utf8")
          .split("\n")
          .flatMap((line, i) => (MESSAGE_LITERAL.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });

  it("lists only exceptions that still hold a message literal", () => {
    for (const file of Object.keys(ALLOWED)) {
      expect(readFileSync(path.join(SRC, "..", file), "utf8")).toMatch(MESSAGE_LITERAL);
    }
  });
});
