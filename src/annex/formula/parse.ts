/**
 * A parser for the formulas annexes hold, in Excel's invariant syntax ("=IF(AND(ISNUMBER(E11),F11<>0),E11/F11,"")"):
 * numbers, strings, TRUE/FALSE, error literals, A1 references with or without `$`, ranges, the
 * arithmetic, percent, concatenation and comparison operators, and function calls. What it cannot
 * follow (another sheet's cells, defined names, whole columns) parses to an `unsupported` node, so
 * evaluation says "unknown" instead of guessing; text it cannot read at all gives `null`.
 */
import { columnNumber, EXCEL_ERRORS } from "../snapshot";

export interface CellRef {
  kind: "ref";
  row: number;
  column: number;
  rowAbsolute: boolean;
  columnAbsolute: boolean;
}

export type BinaryOp = "+" | "-" | "*" | "/" | "^" | "&" | "=" | "<>" | "<" | ">" | "<=" | ">=";

export type FormulaNode =
  | { kind: "number"; value: number }
  | { kind: "string"; value: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "error"; value: string }
  | CellRef
  | { kind: "range"; from: CellRef; to: CellRef }
  | { kind: "unary"; op: "-" | "+"; operand: FormulaNode }
  | { kind: "percent"; operand: FormulaNode }
  | { kind: "binary"; op: BinaryOp; left: FormulaNode; right: FormulaNode }
  | { kind: "call"; name: string; args: FormulaNode[] }
  /** An argument left empty: the 2nd of `IF(A1,,0)`. */
  | { kind: "missing" }
  | { kind: "unsupported"; text: string };

type Token =
  | { kind: "number"; value: number }
  | { kind: "string"; value: string }
  | { kind: "error"; value: string }
  | { kind: "ref"; ref: CellRef }
  | { kind: "function"; name: string }
  | { kind: "word"; text: string }
  | { kind: "op"; text: string };

const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;
const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/;
const OPERATORS = ["<>", "<=", ">=", "+", "-", "*", "/", "^", "&", "=", "<", ">", "%", "(", ")", ",", ":"];

function cellRef(text: string): CellRef | null {
  const match = CELL.exec(text);
  if (!match) return null;
  const column = columnNumber(match[2]);
  const row = Number(match[4]);
  if (row < 1 || row > MAX_ROW || column > MAX_COLUMN) return null;
  return { kind: "ref", row, column, columnAbsolute: match[1] === "$", rowAbsolute: match[3] === "$" };
}

// Sticky patterns, tried at one position of the text without copying the rest of it.
const STRING = /"((?:[^"]|"")*)"/y;
const NUMBER = /(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/y;
// Another sheet's cells ('Sheet 1'!A1, Data!B2:B9): readable, but not from this sheet's snapshot.
const EXTERNAL = /('(?:[^']|'')+'|[A-Za-z0-9_.\u00c0-\uffff]+)!\$?[A-Za-z]*\$?\d*(:\$?[A-Za-z]*\$?\d*)?/y;
const WORD = /[A-Za-z_\\$][A-Za-z0-9_.$]*/y;
const SPACE = /\s/;

function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    let match: RegExpExecArray | null;
    if (SPACE.test(ch)) {
      i++;
    } else if (ch === '"') {
      if (!(match = matchAt(STRING, text, i))) return null;
      tokens.push({ kind: "string", value: match[1].replace(/""/g, '"') });
      i += match[0].length;
    } else if (ch === "#") {
      const error = EXCEL_ERRORS.find((e) => text.substr(i, e.length).toUpperCase() === e);
      if (!error) return null;
      tokens.push({ kind: "error", value: error });
      i += error.length;
    } else if ((match = matchAt(NUMBER, text, i))) {
      tokens.push({ kind: "number", value: Number(match[0]) });
      i += match[0].length;
    } else if ((match = matchAt(EXTERNAL, text, i))) {
      tokens.push({ kind: "word", text: match[0] });
      i += match[0].length;
    } else if ((match = matchAt(WORD, text, i))) {
      const word = match[0];
      i += word.length;
      if (text[i] === "(" && !word.includes("$")) tokens.push({ kind: "function", name: word.toUpperCase() });
      else {
        const ref = cellRef(word);
        tokens.push(ref ? { kind: "ref", ref } : { kind: "word", text: word });
      }
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (!op) return null;
      tokens.push({ kind: "op", text: op });
      i += op.length;
    }
  }
  return tokens;
}

const COMPARISONS = ["=", "<>", "<", ">", "<=", ">="];

/** Parse a formula ("=E7/F7" or "E7/F7"); null when the text is not a formula this parser can read. */
export function parseFormula(formula: string): FormulaNode | null {
  const tokens = tokenize(formula.replace(/^\s*=/, ""));
  if (!tokens || tokens.length === 0) return null;
  let pos = 0;
  const isOp = (...ops: string[]) => {
    const t = tokens[pos];
    return t?.kind === "op" && ops.includes(t.text) ? t.text : null;
  };

  // Excel's precedence, loosest first: comparisons, &, + -, * /, ^, %, unary minus, the range colon.
  const binaryLevel = (ops: string[], next: () => FormulaNode | null) => (): FormulaNode | null => {
    let left = next();
    let op: string | null;
    while (left && (op = isOp(...ops))) {
      pos++;
      const right = next();
      if (!right) return null;
      left = { kind: "binary", op: op as BinaryOp, left, right };
    }
    return left;
  };

  const primary = (): FormulaNode | null => {
    const t = tokens[pos++];
    if (!t) return null;
    switch (t.kind) {
      case "number":
        return { kind: "number", value: t.value };
      case "string":
        return { kind: "string", value: t.value };
      case "error":
        return { kind: "error", value: t.value };
      case "ref": {
        if (!isOp(":")) return t.ref;
        pos++;
        const end = tokens[pos++];
        return end?.kind === "ref" ? { kind: "range", from: t.ref, to: end.ref } : null;
      }
      case "word": {
        const upper = t.text.toUpperCase();
        if (upper === "TRUE" || upper === "FALSE") return { kind: "boolean", value: upper === "TRUE" };
        // A defined name, a whole column ("A:A") or another sheet's cells.
        let text = t.text;
        while (isOp(":") && tokens[pos + 1] && tokens[pos + 1].kind !== "op") {
          const next = tokens[pos + 1];
          text += ":" + (next.kind === "ref" ? "ref" : next.kind === "word" ? next.text : "");
          pos += 2;
        }
        return { kind: "unsupported", text };
      }
      case "function":
        return call(t.name);
      case "op":
        if (t.text !== "(") return null;
        {
          const inner = expression();
          if (!inner || !isOp(")")) return null;
          pos++;
          return inner;
        }
    }
  };

  const call = (name: string): FormulaNode | null => {
    pos++; // "("
    const args: FormulaNode[] = [];
    if (isOp(")")) {
      pos++;
      return { kind: "call", name, args };
    }
    for (;;) {
      if (isOp(",", ")")) args.push({ kind: "missing" });
      else {
        const arg = expression();
        if (!arg) return null;
        args.push(arg);
      }
      if (isOp(",")) {
        pos++;
        continue;
      }
      if (!isOp(")")) return null;
      pos++;
      return { kind: "call", name, args };
    }
  };

  const unary = (): FormulaNode | null => {
    const op = isOp("-", "+");
    if (!op) return primary();
    pos++;
    const operand = unary();
    return operand && { kind: "unary", op: op as "-" | "+", operand };
  };
  const percent = (): FormulaNode | null => {
    let node = unary();
    while (node && isOp("%")) {
      pos++;
      node = { kind: "percent", operand: node };
    }
    return node;
  };
  const power = binaryLevel(["^"], percent);
  const product = binaryLevel(["*", "/"], power);
  const sum = binaryLevel(["+", "-"], product);
  const concat = binaryLevel(["&"], sum);
  const expression = binaryLevel(COMPARISONS, concat);

  const tree = expression();
  return tree && pos === tokens.length ? tree : null;
}

/** Every cell a node reads, ranges expanded (up to `limit` cells; null past it or for unsupported parts). */
export function referencedCells(node: FormulaNode, limit = 100_000): { row: number; column: number }[] | null {
  const cells: { row: number; column: number }[] = [];
  const visit = (n: FormulaNode): boolean => {
    switch (n.kind) {
      case "ref":
        cells.push({ row: n.row, column: n.column });
        return cells.length <= limit;
      case "range": {
        const [top, bottom] = [Math.min(n.from.row, n.to.row), Math.max(n.from.row, n.to.row)];
        const [left, right] = [Math.min(n.from.column, n.to.column), Math.max(n.from.column, n.to.column)];
        if (cells.length + (bottom - top + 1) * (right - left + 1) > limit) return false;
        for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) cells.push({ row: r, column: c });
        return true;
      }
      case "unary":
      case "percent":
        return visit(n.operand);
      case "binary":
        return visit(n.left) && visit(n.right);
      case "call":
        return n.args.every(visit);
      case "unsupported":
        return false;
      default:
        return true;
    }
  };
  return visit(node) ? cells : null;
}

/** The tree as it reads when copied `rows` down and `columns` right: relative references move, `$` parts stay. */
export function shiftTree(node: FormulaNode, rows: number, columns: number): FormulaNode {
  if (rows === 0 && columns === 0) return node;
  const move = (ref: CellRef): CellRef => ({
    ...ref,
    row: ref.rowAbsolute ? ref.row : ref.row + rows,
    column: ref.columnAbsolute ? ref.column : ref.column + columns,
  });
  const shift = (n: FormulaNode): FormulaNode => {
    switch (n.kind) {
      case "ref":
        return move(n);
      case "range":
        return { kind: "range", from: move(n.from), to: move(n.to) };
      case "unary":
      case "percent":
        return { ...n, operand: shift(n.operand) };
      case "binary":
        return { ...n, left: shift(n.left), right: shift(n.right) };
      case "call":
        return { ...n, args: n.args.map(shift) };
      default:
        return n;
    }
  };
  return shift(node);
}
