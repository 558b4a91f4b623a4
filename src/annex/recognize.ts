/**
 * Finding annex tables on a sheet: title rows, header band, number row, repeated header bands
 * (page breaks), data rows and where the table ends. Works anywhere on the sheet, several per sheet.
 */
import { assignColumns } from "./columns";
import type { AnnexTable, CellNumber, ColumnRole } from "./model";
import { columnNumberContext, readCellNumber } from "./numbers";
import { classifyRows } from "./rows";
import { SheetView, type SheetSnapshot } from "./snapshot";
import { cellText, fold, foldedInitial, hasAnyPhrase } from "./text";
import { headerScore } from "./headers";
import { numberRowLabel } from "./formulaSpec";
import { tableKind } from "./tasks/kind";

const MAX_HEADER_ROWS = 3;
const MAX_TITLE_ROWS = 4;

/** Words that open the lines after a table: notes, recipients, signatures, place and date. */
const TERMINATOR_PHRASES = [
  "ghi chu",
  "noi nhan",
  "nguoi lap",
  "nguoi lap bieu",
  "kt chu tich",
  "kt. chu tich",
  "tm. uy ban",
  "tm uy ban",
  "tm. ubnd",
  "chu tich",
  "pho chu tich",
  "giam doc",
  "thu truong don vi",
  "thu truong co quan",
  "ky ten",
  "xac nhan cua",
];

/** What a terminator's text may open with before its words: "(*) Ghi chú". */
const LEADING_MARKS = "(*)";
const TERMINATOR_INITIALS = new Set(TERMINATOR_PHRASES.map((p) => p[0]));

const TITLE_PHRASES = ["danh muc", "bieu", "phu luc", "bang", "ket qua", "tinh hinh", "bao cao", "ke hoach"];

export interface RecognizeOptions {
  /** Column roles a person corrected, by column letter ("H": "note"). */
  roles?: Record<string, ColumnRole>;
}

export function recognizeTables(snapshot: SheetSnapshot, options: RecognizeOptions = {}): AnnexTable[] {
  const view = new SheetView(snapshot);
  const tables: AnnexTable[] = [];
  let row = view.top;
  while (row <= view.bottom) {
    const table = isHeaderStart(view, row)
      ? readTable(view, row, tables[tables.length - 1]?.range.bottom ?? view.top - 1, options.roles)
      : null;
    if (table) {
      tables.push(table);
      row = table.range.bottom + 1;
    } else {
      row++;
    }
  }
  return tables;
}

function rowTexts(view: SheetView, row: number, left = view.left, right = view.right): string[] {
  const texts: string[] = [];
  for (let c = left; c <= right; c++) {
    const v = view.value(row, c);
    if (typeof v === "string" && v.trim()) texts.push(v);
  }
  return texts;
}

function isHeaderStart(view: SheetView, row: number): boolean {
  const texts = rowTexts(view, row);
  return texts.length >= 3 && headerScore(texts) >= 2;
}

/** Span of columns the header band covers: from its first to its last non-empty (or merged) cell. */
function headerSpan(view: SheetView, rows: number[]): { left: number; right: number } {
  let left = Infinity;
  let right = -Infinity;
  for (const r of rows) {
    for (let c = view.left; c <= view.right; c++) {
      if (!view.isBlank(r, c)) {
        left = Math.min(left, c);
        right = Math.max(right, c);
      }
    }
  }
  return { left, right };
}

/** A row of column labels: "1 2 3 4 5 6=4/5 7=5-4", "(1) (2) (3)=(1)/(2)", "A B 1 2 3". */
export function isNumberRow(view: SheetView, row: number, left: number, right: number): boolean {
  let labels = 0;
  let others = 0;
  let lastNumber = 0;
  let ordered = true;
  for (let c = left; c <= right; c++) {
    const text = cellText(view.value(row, c));
    if (!text) continue;
    const label = numberRowLabel(text);
    if (label && (/^\d+$/.test(label) ? Number(label) <= 200 : true)) {
      labels++;
      if (/^\d+$/.test(label)) {
        if (Number(label) <= lastNumber) ordered = false;
        lastNumber = Number(label);
      }
    } else {
      others++;
    }
  }
  return labels >= 2 && others === 0 && ordered;
}

function readTable(view: SheetView, headerTop: number, previousBottom: number, roles: Record<string, ColumnRole> = {}): AnnexTable | null {
  const firstSpan = headerSpan(view, [headerTop]);
  const nameColumn = findNameColumn(view, headerTop, firstSpan.left, firstSpan.right);
  if (nameColumn === null) return null;

  // The band: the first header row, the rows its vertical merges cover, and child-label rows
  // below it (their name cell is empty or covered by the merge above).
  let headerBottom = headerTop;
  for (const m of view.snapshot.merges) {
    if (m.top === headerTop && m.bottom > headerTop && m.left >= firstSpan.left && m.right <= firstSpan.right) {
      headerBottom = Math.max(headerBottom, Math.min(m.bottom, headerTop + MAX_HEADER_ROWS - 1));
    }
  }
  while (headerBottom - headerTop + 1 < MAX_HEADER_ROWS && isChildHeaderRow(view, headerBottom + 1, nameColumn, firstSpan)) {
    headerBottom++;
  }
  const headerRows = range(headerTop, headerBottom);
  const { left, right } = headerSpan(view, headerRows);
  const numberRow = isNumberRow(view, headerBottom + 1, left, right) ? headerBottom + 1 : null;

  const columns = assignColumns(view, headerRows, numberRow, left, right, nameColumn, roles);
  const ordinalColumn = columns.find((c) => c.role === "ordinal")?.column ?? null;
  const headerSignature = signature(view, headerTop, left, right);
  const repeatsHeader = (row: number) => sameSignature(rowTexts(view, row, left, right), headerSignature);

  const dataRows: number[] = [];
  const repeatedHeaderRows: number[] = [];
  let r = (numberRow ?? headerBottom) + 1;
  while (r <= view.bottom) {
    const texts = rowTexts(view, r, left, right);
    if (sameSignature(texts, headerSignature)) {
      const repeat = repeatedBandRows(view, r, headerRows.length, left, right);
      repeatedHeaderRows.push(...repeat);
      r = repeat[repeat.length - 1] + 1;
      continue;
    }
    if (view.isRowBlank(r, left, right)) {
      const next = nextNonBlankRow(view, r, left, right);
      if (next === null) break;
      const continues = repeatsHeader(next) || (next - r === 1 && isDataLike(view, next, left, right, nameColumn, ordinalColumn));
      if (!continues) break;
      r = next;
      continue;
    }
    // A numbered row is data even when its words read like a header ("1 | Triển khai nhiệm vụ … | Quý II/2023").
    const newHeader = !hasDataOrdinal(view, r, ordinalColumn) && isHeaderStart(view, r);
    if (isTerminator(texts) || newHeader || isTitleRow(view, r, texts, left, right)) break;
    dataRows.push(r);
    r++;
  }
  if (dataRows.length === 0) return null;

  const titleRows = findTitleRows(view, headerTop, previousBottom);
  // "PHỤ LỤC II" or "Biểu số 01" above the title only labels it.
  const isLabel = (t: number) => /^(phu luc|bieu( mau)?( so)?)\s*[\w.\-/]{0,8}$/.test(fold(rowTexts(view, t)[0] ?? ""));
  const titleRow =
    titleRows.find((t) => !isLabel(t) && hasAnyPhrase(fold(rowTexts(view, t)[0] ?? ""), TITLE_PHRASES)) ??
    titleRows.find((t) => !isLabel(t)) ??
    titleRows[0];
  const rows = classifyRows(view, dataRows, columns);
  const numbers = readNumbers(view, headerTop, dataRows, columns);
  return {
    kind: tableKind(columns, numbers),
    sheet: view.snapshot.sheet,
    range: { top: headerTop, left, bottom: dataRows[dataRows.length - 1], right },
    titleRows,
    title: titleRow === undefined ? null : cellText(rowTexts(view, titleRow)[0]),
    headerRows,
    numberRow,
    repeatedHeaderRows,
    columns,
    rows,
    numbers,
  };
}

function findNameColumn(view: SheetView, row: number, left: number, right: number): number | null {
  for (let c = left; c <= right; c++) {
    const text = cellText(view.value(row, c));
    if (text && headerScore([text, "x"]) > 0) return c;
  }
  return null;
}

function isChildHeaderRow(view: SheetView, row: number, nameColumn: number, span: { left: number; right: number }): boolean {
  if (row > view.bottom) return false;
  if (isNumberRow(view, row, span.left, span.right)) return false;
  const nameMerge = view.merge(row, nameColumn);
  if (!(nameMerge && nameMerge.top < row) && cellText(view.value(row, nameColumn))) return false;
  let texts = 0;
  for (let c = span.left; c <= span.right; c++) {
    const v = view.value(row, c);
    if (typeof v === "number") return false;
    if (typeof v === "string" && v.trim()) texts++;
  }
  return texts > 0;
}

/** Folded texts of a row, for spotting a header band repeated after a page break. */
function signature(view: SheetView, row: number, left: number, right: number): string[] {
  return rowTexts(view, row, left, right).map(fold);
}

function sameSignature(texts: string[], signature: string[]): boolean {
  if (texts.length !== signature.length) return false;
  for (let i = 0; i < texts.length; i++) if (fold(texts[i]) !== signature[i]) return false;
  return true;
}

function repeatedBandRows(view: SheetView, top: number, bandSize: number, left: number, right: number): number[] {
  const rows = range(top, Math.min(view.bottom, top + bandSize - 1));
  const after = rows[rows.length - 1] + 1;
  if (after <= view.bottom && isNumberRow(view, after, left, right)) rows.push(after);
  return rows;
}

function nextNonBlankRow(view: SheetView, from: number, left: number, right: number): number | null {
  for (let r = from; r <= view.bottom; r++) if (!view.isRowBlank(r, left, right)) return r;
  return null;
}

const DATA_ORDINAL = /^([IVXLCDM]+|[ivx]+|\d+(\.\d+)*|[A-Za-z])[.)]?$/;

function hasDataOrdinal(view: SheetView, row: number, ordinalColumn: number | null): boolean {
  return ordinalColumn !== null && DATA_ORDINAL.test(cellText(view.value(row, ordinalColumn)));
}

function isDataLike(view: SheetView, row: number, left: number, right: number, nameColumn: number, ordinalColumn: number | null): boolean {
  const texts = rowTexts(view, row, left, right);
  if (isTerminator(texts) || isTitleRow(view, row, texts, left, right)) return false;
  if (!cellText(view.value(row, nameColumn))) return false;
  const ordinal = ordinalColumn === null ? "" : cellText(view.value(row, ordinalColumn));
  if (DATA_ORDINAL.test(ordinal)) return true;
  for (let c = left; c <= right; c++) if (typeof view.value(row, c) === "number") return true;
  return false;
}

/** `texts`: the row's texts within the table's columns. */
function isTerminator(texts: string[]): boolean {
  const first = texts[0];
  if (!first) return false;
  if (first.trim().startsWith("(*)")) return true;
  // Most rows are ruled out by their first letter, without folding their text.
  if (texts.length > 1 && !TERMINATOR_INITIALS.has(foldedInitial(first, LEADING_MARKS))) return false;
  const folded = fold(first).replace(/^[(*\s)]+/, "");
  if (TERMINATOR_PHRASES.some((p) => folded.startsWith(p))) return true;
  // "Kiên Giang, ngày 21 tháng 10 năm 2020"
  return texts.length === 1 && /,?\s*ngay\s+\S+\s+thang\s+\S+\s+nam\s+\d{4}/.test(folded);
}

/** A single wide text, often bold or upper case: a title or a caption, not a data row. */
function isTitleRow(view: SheetView, row: number, texts: string[], left: number, right: number): boolean {
  if (texts.length !== 1) return false;
  const merge = view.merge(row, firstNonBlankColumn(view, row, left, right));
  const wide = merge !== undefined && merge.right - merge.left + 1 >= Math.max(3, (right - left + 1) / 2);
  const folded = fold(texts[0]);
  return wide && (hasAnyPhrase(folded, TITLE_PHRASES) || texts[0] === texts[0].toUpperCase());
}

function firstNonBlankColumn(view: SheetView, row: number, left: number, right: number): number {
  for (let c = left; c <= right; c++) if (!view.isBlank(row, c)) return c;
  return left;
}

/** Non-blank rows just above the header (one blank row allowed between), each a single text. */
function findTitleRows(view: SheetView, headerTop: number, previousBottom: number): number[] {
  const rows: number[] = [];
  let blanks = 0;
  for (let r = headerTop - 1; r > previousBottom && r >= view.top && rows.length < MAX_TITLE_ROWS; r--) {
    const texts = rowTexts(view, r);
    if (texts.length === 0) {
      if (rows.length > 0 || ++blanks > 1) break;
      continue;
    }
    if (texts.length !== 1) break;
    rows.unshift(r);
  }
  return rows;
}

/** `top`: the table's first row, where each column's array starts. */
function readNumbers(view: SheetView, top: number, dataRows: number[], columns: AnnexTable["columns"]): AnnexTable["numbers"] {
  const numbers: AnnexTable["numbers"] = new Map();
  for (const col of columns) {
    if (col.role !== "value" && col.role !== "formula") continue;
    const context = columnNumberContext(dataRows.map((r) => view.value(r, col.column)));
    let cells: (CellNumber | undefined)[] | undefined;
    for (const r of dataRows) {
      const n = readCellNumber(view.value(r, col.column), view.numberFormat(r, col.column), context);
      if (!n) continue;
      if (!cells) numbers.set(col.column, (cells = []));
      cells[r - top] = n;
    }
  }
  return numbers;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}
