/**
 * Evaluating a parsed formula the way Excel would, for the functions annexes use: IF, IFERROR,
 * ISNUMBER, AND, OR, SUM, ROUND, ABS. Errors are values (#DIV/0!); whatever this evaluator cannot
 * be sure of (an unknown function, another sheet, text whose reading depends on the locale) is
 * UNKNOWN, never a guessed number.
 */
import { parseNumberText } from "../numbers";
import type { FormulaNode } from "./parse";

export interface FormulaError {
  error: string;
}

export const UNKNOWN = Object.freeze({ unknown: true as const });
export type Unknown = typeof UNKNOWN;

/** A formula's value: null is a blank cell (a formula never shows one; it shows 0). */
export type FormulaValue = number | string | boolean | null | FormulaError | Unknown;

/** What a range or a reference given to SUM, AND or OR yields: the values of its cells. */
type Operand = FormulaValue | { cells: FormulaValue[] };

export type CellLookup = (row: number, column: number) => FormulaValue;

export function isFormulaError(value: unknown): value is FormulaError {
  return typeof value === "object" && value !== null && "error" in value;
}

export function isUnknown(value: unknown): value is Unknown {
  return value === UNKNOWN;
}

/** Neither an error nor unknown: a value arithmetic can go on with. */
function isPlain(value: FormulaValue): value is number | string | boolean | null {
  return !isFormulaError(value) && !isUnknown(value);
}

const VALUE_ERROR: FormulaError = { error: "#VALUE!" };
const DIV_ZERO: FormulaError = { error: "#DIV/0!" };
const NUM_ERROR: FormulaError = { error: "#NUM!" };
const MAX_RANGE_CELLS = 100_000;

/** Evaluate a formula's tree; `cell` gives each referenced cell's value. */
export function evaluateFormula(node: FormulaNode, cell: CellLookup): FormulaValue {
  const result = evaluateNode(node, cell);
  if (isRange(result)) return UNKNOWN; // A bare range shows one of its cells (implicit intersection).
  return result === null ? 0 : result;
}

function isRange(value: Operand): value is { cells: FormulaValue[] } {
  return typeof value === "object" && value !== null && "cells" in value;
}

function evaluateNode(node: FormulaNode, cell: CellLookup): Operand {
  switch (node.kind) {
    case "number":
    case "string":
    case "boolean":
      return node.value;
    case "error":
      return { error: node.value };
    case "missing":
      return null;
    case "unsupported":
      return UNKNOWN;
    case "ref":
      return cell(node.row, node.column);
    case "range": {
      const top = Math.min(node.from.row, node.to.row);
      const bottom = Math.max(node.from.row, node.to.row);
      const left = Math.min(node.from.column, node.to.column);
      const right = Math.max(node.from.column, node.to.column);
      if ((bottom - top + 1) * (right - left + 1) > MAX_RANGE_CELLS) return UNKNOWN;
      const cells: FormulaValue[] = [];
      for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) cells.push(cell(r, c));
      return { cells };
    }
    case "unary": {
      const n = toNumber(single(evaluateNode(node.operand, cell)));
      return typeof n === "number" ? (node.op === "-" ? -n : n) : n;
    }
    case "percent": {
      const n = toNumber(single(evaluateNode(node.operand, cell)));
      return typeof n === "number" ? n / 100 : n;
    }
    case "binary":
      return binary(node.op, single(evaluateNode(node.left, cell)), single(evaluateNode(node.right, cell)));
    case "call":
      return callFunction(node.name, node.args, cell);
  }
}

function single(value: Operand): FormulaValue {
  return isRange(value) ? UNKNOWN : value;
}

/** Arithmetic's reading of a value: blank is 0, TRUE is 1, text is #VALUE! unless it reads as a number. */
function toNumber(value: FormulaValue): number | FormulaError | Unknown {
  if (value === null) return 0;
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") {
    // Excel reads "38%" or "1,5" in arithmetic by the user's locale, which a file does not record.
    return value.trim() !== "" && parseNumberText(value) ? UNKNOWN : VALUE_ERROR;
  }
  return value;
}

function finite(n: number): number | FormulaError {
  return Number.isFinite(n) ? n : NUM_ERROR;
}

function binary(op: string, left: FormulaValue, right: FormulaValue): FormulaValue {
  if (op === "&") {
    if (!isPlain(left)) return left;
    if (!isPlain(right)) return right;
    // Numbers joined to text take Excel's general number format, which this engine does not copy.
    if (typeof left === "number" || typeof right === "number") return UNKNOWN;
    return text(left) + text(right);
  }
  if (["=", "<>", "<", ">", "<=", ">="].includes(op)) return compare(op, left, right);
  const a = toNumber(left);
  if (typeof a !== "number") return a;
  const b = toNumber(right);
  if (typeof b !== "number") return b;
  switch (op) {
    case "+":
      return finite(a + b);
    case "-":
      return finite(a - b);
    case "*":
      return finite(a * b);
    case "/":
      return b === 0 ? DIV_ZERO : finite(a / b);
    default:
      if (a === 0 && b < 0) return DIV_ZERO;
      return finite(a ** b);
  }
}

function text(value: string | boolean | null): string {
  if (value === null) return "";
  return typeof value === "boolean" ? (value ? "TRUE" : "FALSE") : value;
}

/** Excel orders numbers before text before booleans; a blank takes the other side's type. */
function compare(op: string, left: FormulaValue, right: FormulaValue): FormulaValue {
  if (!isPlain(left)) return left;
  if (!isPlain(right)) return right;
  const blankAs = (other: number | string | boolean | null) => (typeof other === "string" ? "" : typeof other === "boolean" ? false : 0);
  const a = left === null ? blankAs(right) : left;
  const b = right === null ? blankAs(left) : right;
  const rank = (v: number | string | boolean) => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
  let order: number;
  if (rank(a) !== rank(b)) order = rank(a) - rank(b);
  else if (typeof a === "string") {
    const [x, y] = [a.toUpperCase(), (b as string).toUpperCase()];
    // Equality is case-insensitive everywhere; Excel's ordering of text follows a collation we do not model.
    if (x !== y && op !== "=" && op !== "<>") return UNKNOWN;
    order = x === y ? 0 : 1;
  } else order = Number(a) - Number(b);
  switch (op) {
    case "=":
      return order === 0;
    case "<>":
      return order !== 0;
    case "<":
      return order < 0;
    case ">":
      return order > 0;
    case "<=":
      return order <= 0;
    default:
      return order >= 0;
  }
}

/** IF's and AND's reading of a condition. */
function toBoolean(value: FormulaValue): boolean | FormulaError | Unknown {
  if (value === null) return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "string") {
    const upper = value.trim().toUpperCase();
    return upper === "TRUE" ? true : upper === "FALSE" ? false : VALUE_ERROR;
  }
  return value;
}

/** The values of SUM's, AND's or OR's arguments: cells of references and ranges apart from typed values. */
function collect(args: FormulaNode[], cell: CellLookup): { fromCells: FormulaValue[]; typed: FormulaValue[] } | Unknown {
  const fromCells: FormulaValue[] = [];
  const typed: FormulaValue[] = [];
  for (const arg of args) {
    const value = evaluateNode(arg, cell);
    if (isRange(value)) fromCells.push(...value.cells);
    else if (arg.kind === "ref") fromCells.push(value);
    else if (isUnknown(value)) return UNKNOWN;
    else typed.push(value);
  }
  return { fromCells, typed };
}

function firstProblem(values: FormulaValue[]): FormulaError | Unknown | null {
  for (const v of values) if (!isPlain(v)) return v;
  return null;
}

function callFunction(name: string, args: FormulaNode[], cell: CellLookup): FormulaValue {
  const arg = (i: number): FormulaValue => (i < args.length ? single(evaluateNode(args[i], cell)) : null);
  switch (name) {
    case "IF": {
      if (args.length < 2 || args.length > 3) return UNKNOWN;
      const condition = toBoolean(arg(0));
      if (typeof condition !== "boolean") return condition;
      // Only the branch taken is evaluated: the guard's "" branch hides the other's #DIV/0!.
      if (condition) return arg(1);
      return args.length === 3 ? arg(2) : false;
    }
    case "IFERROR": {
      if (args.length !== 2) return UNKNOWN;
      const value = arg(0);
      return isFormulaError(value) ? arg(1) : value;
    }
    case "ISNUMBER": {
      if (args.length !== 1) return UNKNOWN;
      const value = arg(0);
      return isUnknown(value) ? value : typeof value === "number";
    }
    case "AND":
    case "OR":
      return logical(name, args, cell);
    case "SUM":
      return sum(args, cell);
    case "ROUND": {
      if (args.length !== 2) return UNKNOWN;
      const value = toNumber(arg(0));
      if (typeof value !== "number") return value;
      const digits = toNumber(arg(1));
      if (typeof digits !== "number") return digits;
      return roundHalfAway(value, Math.trunc(digits));
    }
    case "ABS": {
      if (args.length !== 1) return UNKNOWN;
      const value = toNumber(arg(0));
      return typeof value === "number" ? Math.abs(value) : value;
    }
    default:
      return UNKNOWN;
  }
}

function logical(name: "AND" | "OR", args: FormulaNode[], cell: CellLookup): FormulaValue {
  if (args.length === 0) return UNKNOWN;
  const values = collect(args, cell);
  if (isUnknown(values)) return values;
  const problem = firstProblem([...values.fromCells, ...values.typed]);
  if (problem) return problem;
  const flags: boolean[] = [];
  // Text and blanks in referenced cells are skipped; typed text must read as TRUE or FALSE.
  for (const v of values.fromCells) if (typeof v === "number" || typeof v === "boolean") flags.push(v === true || v !== 0);
  for (const v of values.typed) {
    const flag = toBoolean(v);
    if (typeof flag !== "boolean") return flag;
    flags.push(flag);
  }
  if (flags.length === 0) return VALUE_ERROR;
  return name === "AND" ? flags.every(Boolean) : flags.some(Boolean);
}

function sum(args: FormulaNode[], cell: CellLookup): FormulaValue {
  if (args.length === 0) return UNKNOWN;
  const values = collect(args, cell);
  if (isUnknown(values)) return values;
  const problem = firstProblem(values.fromCells);
  if (problem) return problem;
  let total = 0;
  // Referenced cells add only their numbers; typed arguments are read as arithmetic reads them.
  for (const v of values.fromCells) if (typeof v === "number") total += v;
  for (const v of values.typed) {
    const n = toNumber(v);
    if (typeof n !== "number") return n;
    total += n;
  }
  return finite(total);
}

/** Excel's ROUND: halves away from zero, on the decimal digits shown (ROUND(1.005, 2) is 1.01). */
export function roundHalfAway(value: number, digits: number): number {
  const scale = 10 ** digits;
  const scaled = Number((Math.abs(value) * scale).toPrecision(15));
  const rounded = Math.round(scaled) / scale;
  return value < 0 ? -rounded : rounded;
}
