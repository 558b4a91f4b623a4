/**
 * The undo record of one fill: the previous content and number format of every cell written,
 * taken from the snapshot the plan was made from (no extra read), and a compact JSON form for
 * workbook settings.
 */
import type { CellValue, SheetSnapshot } from "../annex/snapshot";
import { cellAddress, isErrorValue, parseCellAddress } from "../annex/snapshot";

/** What the cell held: restoring a text needs a different input from restoring a formula. */
export type UndoKind = "formula" | "number" | "text" | "boolean" | "error" | "empty";

export interface UndoCell {
  /** A1 address on the record's sheet. */
  address: string;
  kind: UndoKind;
  /** The formula text of a formula cell; the raw value of a constant ("" for an empty cell). */
  formula: string | number | boolean;
  /** The previous number format; null when it is not known (then it is left as it is). */
  numberFormat: string | null;
  /** What the fill wrote (formula text or number), to tell whether a person changed the cell since; absent in older records. */
  written?: string | number;
}

export interface UndoRecord {
  id: string;
  sheet: string;
  createdAt: string;
  cells: UndoCell[];
}

/** The previous state of a cell as the snapshot saw it. */
export function previousCell(
  snapshot: SheetSnapshot,
  row: number,
  column: number,
  fallback?: { old: CellValue; oldFormula: string },
): UndoCell {
  const address = cellAddress(row, column);
  const r = row - snapshot.top;
  const c = column - snapshot.left;
  const inside = r >= 0 && c >= 0 && r < snapshot.values.length && c < (snapshot.values[r]?.length ?? 0);
  if (!inside) {
    // Outside the used range (values only): an empty cell whose format the snapshot did not see.
    if (fallback && (fallback.oldFormula || !isBlank(fallback.old)))
      return constantOrFormula(address, fallback.old, fallback.oldFormula, null);
    return { address, kind: "empty", formula: "", numberFormat: null };
  }
  const formula = snapshot.formulas?.[r]?.[c] ?? "";
  const numberFormat = snapshot.numberFormats ? (snapshot.numberFormats[r]?.[c] ?? "General") : null;
  return constantOrFormula(address, snapshot.values[r][c], formula, numberFormat);
}

function isBlank(v: CellValue): boolean {
  return v === null || v === "";
}

function constantOrFormula(address: string, value: CellValue, formula: string, numberFormat: string | null): UndoCell {
  if (typeof formula === "string" && formula.startsWith("=")) return { address, kind: "formula", formula, numberFormat };
  if (value === null || value === "") return { address, kind: "empty", formula: "", numberFormat };
  if (typeof value === "number") return { address, kind: "number", formula: value, numberFormat };
  if (typeof value === "boolean") return { address, kind: "boolean", formula: value, numberFormat };
  if (isErrorValue(value)) return { address, kind: "error", formula: value.trim().toUpperCase(), numberFormat };
  return { address, kind: "text", formula: value, numberFormat };
}

/**
 * How one cell is put back, as three steps in one batch: a number format before the content,
 * the content written through `formulas`, and a format after it (Excel never re-reads a cell's
 * content when only its format changes).
 *  - text goes in with a leading apostrophe: Excel stores what follows as text, so "=abc",
 *    "+1", "1,005" or "0012" come back as the same text, not as a formula or a number;
 *  - a cell formatted as Text ("@") gets "General" first, so a formula or number written into it
 *    is not turned into text, and "@" again afterwards.
 */
export function restoreSteps(cell: UndoCell): { before: string | null; input: string | number | boolean; after: string | null } {
  const text = cell.numberFormat === "@";
  const before = cell.numberFormat === null ? null : text ? "General" : cell.numberFormat;
  const after = text ? "@" : null;
  switch (cell.kind) {
    case "text":
      return { before, input: "'" + String(cell.formula), after };
    case "empty":
      return { before, input: "", after };
    default:
      return { before, input: cell.formula, after };
  }
}

export function cellPosition(cell: UndoCell): { row: number; column: number } {
  return parseCellAddress(cell.address);
}

const KIND_CODES: Record<UndoKind, string> = { formula: "f", number: "n", text: "t", boolean: "b", error: "e", empty: "z" };
const CODE_KINDS = Object.fromEntries(Object.entries(KIND_CODES).map(([k, v]) => [v, k])) as Record<string, UndoKind>;

/** Compact JSON: number formats listed once, each cell as [address, kind, content, format index]. */
export function encodeUndo(record: UndoRecord): string {
  const formats: string[] = [];
  const index = new Map<string, number>();
  const cells = record.cells.map((c) => {
    let f = -1;
    if (c.numberFormat !== null) {
      if (!index.has(c.numberFormat)) {
        index.set(c.numberFormat, formats.length);
        formats.push(c.numberFormat);
      }
      f = index.get(c.numberFormat)!;
    }
    return c.written === undefined
      ? [c.address, KIND_CODES[c.kind], c.formula, f]
      : [c.address, KIND_CODES[c.kind], c.formula, f, c.written];
  });
  return JSON.stringify({ v: 1, id: record.id, s: record.sheet, t: record.createdAt, f: formats, c: cells });
}

export function decodeUndo(json: unknown): UndoRecord | null {
  if (typeof json !== "string" || json === "") return null;
  try {
    const o = JSON.parse(json) as {
      v?: number;
      id?: string;
      s?: string;
      t?: string;
      f?: string[];
      c?: [string, string, string | number | boolean, number, (string | number)?][];
    };
    if (o.v !== 1 || typeof o.s !== "string" || !Array.isArray(o.c) || !Array.isArray(o.f)) return null;
    const formats = o.f;
    const cells: UndoCell[] = o.c.map(([address, k, formula, f, written]) => {
      const kind = CODE_KINDS[k];
      if (!kind || typeof address !== "string") throw new Error("bad undo cell");
      const cell: UndoCell = { address, kind, formula, numberFormat: f >= 0 ? (formats[f] ?? null) : null };
      if (typeof written === "string" || typeof written === "number") cell.written = written;
      return cell;
    });
    return { id: String(o.id ?? ""), sheet: o.s, createdAt: String(o.t ?? ""), cells };
  } catch {
    return null;
  }
}

/**
 * Whether a cell read through `Range.formulas` still holds what the fill wrote. Excel hands a
 * formula back in its own spelling (function names in capitals, spaces it keeps or drops), so
 * formulas are compared without case or spaces outside text literals; numbers to 12 digits.
 */
export function sameContent(cell: UndoCell, read: unknown): boolean {
  const written = cell.written;
  if (written === undefined) return true;
  if (typeof written === "number") {
    return typeof read === "number" && Math.abs(read - written) <= 1e-12 * Math.max(1, Math.abs(written));
  }
  return typeof read === "string" && canonicalFormula(read) === canonicalFormula(written);
}

function canonicalFormula(formula: string): string {
  // Even-indexed parts lie outside "…" literals.
  return formula
    .split('"')
    .map((part, i) => (i % 2 === 0 ? part.replace(/\s+/g, "").toUpperCase() : part))
    .join('"');
}

export function newUndoId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
