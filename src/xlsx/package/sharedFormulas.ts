/**
 * Formulas that span several cells. A shared formula is stored once, in its first cell (the
 * master), and the other cells of the group only name it; overwriting the master would leave them
 * without a formula, so the next cell of the group becomes the master, its formula moved to where
 * it stands. An array formula (or a data table) belongs to all its cells at once: writing one of
 * them cannot keep it.
 */
import { columnLetter, columnNumber, parseAreaAddress, type CellArea } from "../../annex";
import type { SheetXml, StoredCell } from "./sheetXml";
import { escapeXml, parseXml, withAttribute } from "./xmlTree";

const MAX_ROW = 1048576;
const MAX_COLUMN = 16384;

// Strings, quoted sheet names and structured references are copied as they are; cell, column and row references move.
const FORMULA_TOKEN =
  /"(?:[^"]|"")*"|'(?:[^']|'')*'|\[[^\]]*\]|(?<![A-Za-z0-9_.$])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(!.])|(?<![A-Za-z0-9_.$])(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![A-Za-z0-9_(!.])|(?<![A-Za-z0-9_.$])(\$?)(\d+):(\$?)(\d+)(?![A-Za-z0-9_(!.])/g;

/** A formula as it reads once copied `rows` down and `columns` right (relative references move, `$` ones stay). */
export function shiftFormula(formula: string, rows: number, columns: number): string {
  const row = (absolute: string, n: string) => (absolute ? Number(n) : Number(n) + rows);
  const column = (absolute: string, letters: string) => (absolute ? columnNumber(letters) : columnNumber(letters) + columns);
  const rowText = (absolute: string, n: number) => (n < 1 || n > MAX_ROW ? null : `${absolute}${n}`);
  const columnText = (absolute: string, n: number) => (n < 1 || n > MAX_COLUMN ? null : `${absolute}${columnLetter(n)}`);
  return formula.replace(FORMULA_TOKEN, (token, ...g: string[]) => {
    if (g[1] !== undefined) {
      const c = columnText(g[0], column(g[0], g[1]));
      const r = rowText(g[2], row(g[2], g[3]));
      return c && r ? c + r : "#REF!";
    }
    if (g[5] !== undefined) {
      const a = columnText(g[4], column(g[4], g[5]));
      const b = columnText(g[6], column(g[6], g[7]));
      return a && b ? `${a}:${b}` : "#REF!";
    }
    if (g[9] !== undefined) {
      const a = rowText(g[8], row(g[8], g[9]));
      const b = rowText(g[10], row(g[10], g[11]));
      return a && b ? `${a}:${b}` : "#REF!";
    }
    return token;
  });
}

/** An array formula or data table with more than one cell that a write would cut into. */
export interface BrokenArrayFormula {
  master: StoredCell;
  ref: string;
}

export function arrayFormulasHit(sheet: SheetXml, written: Set<string>): BrokenArrayFormula[] {
  const hit: BrokenArrayFormula[] = [];
  for (const cell of sheet.cells()) {
    const f = cell.formula;
    if (!f || !f.ref || (f.type !== "array" && f.type !== "dataTable")) continue;
    const area = parseAreaAddress(f.ref);
    if (area.top === area.bottom && area.left === area.right) continue;
    if ([...written].some((key) => inside(area, key))) hit.push({ master: cell, ref: f.ref });
  }
  return hit;
}

/** Drop an array formula: its cells keep the values last computed. */
export function dropArrayFormula(sheet: SheetXml, master: StoredCell): void {
  const xml = sheet.storedCellXml(master.row, master.column);
  if (!xml) return;
  sheet.replaceCellXml(master.row, master.column, xml.replace(/<([\w]+:)?f\b[^>]*?(\/>|>[\s\S]*?<\/\1?f>)/, ""));
}

/**
 * Before cells are written: each shared formula whose master is overwritten while other cells of its
 * group stay gets a new master, the first of those cells, holding the formula as it reads there.
 */
export function keepSharedFormulas(sheet: SheetXml, written: Set<string>): void {
  const groups = new Map<string, StoredCell[]>();
  for (const cell of sheet.cells()) {
    const f = cell.formula;
    if (f?.type === "shared" && f.sharedIndex !== null) groups.set(f.sharedIndex, [...(groups.get(f.sharedIndex) ?? []), cell]);
  }
  for (const members of groups.values()) {
    const master = members.find((m) => m.formula!.ref && m.formula!.text);
    if (!master || !written.has(key(master.row, master.column))) continue;
    const staying = members.filter((m) => m !== master && !written.has(key(m.row, m.column)));
    if (staying.length === 0) continue;
    const next = staying[0];
    const area = staying.reduce<CellArea>(
      (a, m) => ({
        top: Math.min(a.top, m.row),
        bottom: Math.max(a.bottom, m.row),
        left: Math.min(a.left, m.column),
        right: Math.max(a.right, m.column),
      }),
      { top: next.row, bottom: next.row, left: next.column, right: next.column },
    );
    const ref = `${columnLetter(area.left)}${area.top}:${columnLetter(area.right)}${area.bottom}`;
    const moved = shiftFormula(master.formula!.text, next.row - master.row, next.column - master.column);
    const xml = sheet.storedCellXml(next.row, next.column)!;
    const cell = parseXml(xml);
    const f = cell.children.find((c) => c.local === "f")!;
    const tag = withAttribute(withAttribute(xml.slice(f.start, f.openEnd).replace(/\s*\/>$/, ">"), "ref", ref), "t", "shared");
    sheet.replaceCellXml(next.row, next.column, `${xml.slice(0, f.start)}${tag}${escapeXml(moved)}</${f.name}>${xml.slice(f.end)}`);
  }
}

export function key(row: number, column: number): string {
  return `${row}:${column}`;
}

function inside(area: CellArea, cellKey: string): boolean {
  const [row, column] = cellKey.split(":").map(Number);
  return row >= area.top && row <= area.bottom && column >= area.left && column <= area.right;
}
