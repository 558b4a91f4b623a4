/**
 * What a person does in Excel, for tests: type into a cell, switch sheets, insert or delete whole
 * rows. Each changes the workbook at once (no batch) and raises the event Excel raises, with
 * triggerSource "Unknown" (not this add-in). Inserting and deleting rows moves what Excel moves:
 * cells, references in formulas (same-sheet references; a reference into deleted rows becomes
 * #REF!), merged areas and the areas of conditional formats (with the references of their rules).
 */
import type { CellArea } from "../../../src/annex/snapshot";
import { areaAddress } from "../../../src/annex/snapshot";
import type { FakeExcelHost } from "./context";
import { parseAddress, parseInput, type FakeCell, type FakeSheetState } from "./model";

function sheetNamed(host: FakeExcelHost, name: string): FakeSheetState {
  const sheet = host.workbook.sheet(name);
  if (!sheet) throw new Error(`fake: no sheet named ${name}`);
  return sheet;
}

/** A person types `input` into one cell and presses Enter (Excel reads it as it reads typing). */
export function userEdit(host: FakeExcelHost, sheetName: string, address: string, input: string | number | boolean): void {
  const sheet = sheetNamed(host, sheetName);
  const { area } = parseAddress(address);
  const cell = sheet.cell(area.top, area.left);
  const parsed = parseInput(typeof input === "string" && input === "" ? "" : input, cell.numberFormat);
  if (parsed !== "unchanged") cell.content = parsed;
  host.events.raise({
    type: "WorksheetChanged",
    worksheetId: sheet.id,
    address: areaAddress(area),
    changeType: "RangeEdited",
    source: "Local",
    triggerSource: "Unknown",
  });
}

/** A person clicks another sheet's tab. */
export function userActivate(host: FakeExcelHost, sheetName: string): void {
  const sheet = sheetNamed(host, sheetName);
  if (host.workbook.activeSheetId === sheet.id) return;
  host.workbook.activeSheetId = sheet.id;
  host.events.raise({ type: "WorksheetActivated", worksheetId: sheet.id });
}

/** A person inserts `count` whole rows above row `at`. */
export function insertRows(host: FakeExcelHost, sheetName: string, at: number, count = 1): void {
  shiftRows(host, sheetNamed(host, sheetName), at, count);
}

/** A person deletes `count` whole rows from row `at`. */
export function deleteRows(host: FakeExcelHost, sheetName: string, at: number, count = 1): void {
  shiftRows(host, sheetNamed(host, sheetName), at, -count);
}

function shiftRows(host: FakeExcelHost, sheet: FakeSheetState, at: number, delta: number): void {
  const moved = new Map<string, FakeCell>();
  for (const [key, cell] of sheet.cells) {
    const [row, column] = key.split(":").map(Number);
    const next = movedRow(row, at, delta);
    if (next === null) continue;
    if (cell.content.kind === "formula") cell.content = { ...cell.content, formula: shiftFormulaRows(cell.content.formula, at, delta) };
    moved.set(`${next}:${column}`, cell);
  }
  sheet.cells.clear();
  for (const [key, cell] of moved) sheet.cells.set(key, cell);
  sheet.merges = sheet.merges.map((m) => shiftArea(m, at, delta)).filter((m): m is CellArea => m !== null && !isSingleCell(m));
  for (const cf of sheet.conditionalFormats) {
    cf.areas = cf.areas.map((a) => shiftArea(a, at, delta)).filter((a): a is CellArea => a !== null);
    if (cf.formula) cf.formula = shiftFormulaRows(cf.formula, at, delta);
  }
  sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => cf.areas.length > 0);
  const rows = Math.abs(delta);
  host.events.raise({
    type: "WorksheetChanged",
    worksheetId: sheet.id,
    address: `${at}:${at + rows - 1}`,
    changeType: delta > 0 ? "RowInserted" : "RowDeleted",
    source: "Local",
    triggerSource: "Unknown",
  });
}

function isSingleCell(a: CellArea): boolean {
  return a.top === a.bottom && a.left === a.right;
}

/** Where row `row` goes; null when it is deleted. */
function movedRow(row: number, at: number, delta: number): number | null {
  if (delta > 0) return row >= at ? row + delta : row;
  const last = at - delta - 1;
  if (row < at) return row;
  if (row > last) return row + delta;
  return null;
}

/** An area after rows are inserted (it grows when they fall inside it) or deleted (it shrinks; null when all gone). */
export function shiftArea(area: CellArea, at: number, delta: number): CellArea | null {
  if (delta > 0) {
    return { ...area, top: area.top >= at ? area.top + delta : area.top, bottom: area.bottom >= at ? area.bottom + delta : area.bottom };
  }
  const last = at - delta - 1;
  const top = area.top < at ? area.top : area.top > last ? area.top + delta : at;
  const bottom = area.bottom < at ? area.bottom : area.bottom > last ? area.bottom + delta : at - 1;
  return bottom < top ? null : { ...area, top, bottom };
}

const REFERENCE = /(^|[^A-Za-z0-9_.!$'])(\$?[A-Z]{1,3}\$?\d+)(?::(\$?[A-Z]{1,3}\$?\d+))?(?![A-Za-z0-9_(])/g;

/** A formula's same-sheet references after rows are inserted or deleted (text literals untouched). */
export function shiftFormulaRows(formula: string, at: number, delta: number): string {
  return formula
    .split('"')
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(REFERENCE, (_, lead: string, first: string, second: string | undefined) => {
            if (second === undefined) {
              const row = movedRow(rowOf(first), at, delta);
              return lead + (row === null ? "#REF!" : withRow(first, row));
            }
            const top = rowOf(first);
            const bottom = rowOf(second);
            const area = shiftArea({ top, bottom, left: 1, right: 1 }, at, delta);
            return lead + (area === null ? "#REF!" : `${withRow(first, area.top)}:${withRow(second, area.bottom)}`);
          }),
    )
    .join('"');
}

function rowOf(reference: string): number {
  return Number(/(\d+)$/.exec(reference)![1]);
}

function withRow(reference: string, row: number): string {
  return reference.replace(/\d+$/, String(row));
}
