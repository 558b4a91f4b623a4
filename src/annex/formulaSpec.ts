/**
 * Formula specs from the column-number row: "6=4/5", "7 = 5-4", "(4)=(3)/(2)", "(6)=(5)/(4)*100",
 * "8=(6+7)/2", "6=4/5%", "(4)=(3)/(2)x100％", "6=4:5". Each becomes an expression over column labels.
 */
import type { Expr, FormulaSpec } from "./model";

type Token = { kind: "label"; text: string } | { kind: "op"; text: "+" | "-" | "*" | "/" } | { kind: "open" } | { kind: "close" };

const OPS: Record<string, "+" | "-" | "*" | "/"> = {
  "+": "+",
  "-": "-",
  "\u2212": "-",
  "\u2013": "-",
  "*": "*",
  x: "*",
  X: "*",
  "\u00d7": "*",
  "/": "/",
  ":": "/",
  "\u00f7": "/",
};

function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  for (let i = 0; i < text.length;) {
    const ch = text[i];
    if (/\s|[%％]/.test(ch)) {
      i++;
    } else if (/[0-9]/.test(ch)) {
      let j = i;
      while (j < text.length && /[0-9]/.test(text[j])) j++;
      tokens.push({ kind: "label", text: text.slice(i, j) });
      i = j;
    } else if (ch === "(" || ch === "（") {
      tokens.push({ kind: "open" });
      i++;
    } else if (ch === ")" || ch === "）") {
      tokens.push({ kind: "close" });
      i++;
    } else if (OPS[ch]) {
      tokens.push({ kind: "op", text: OPS[ch] });
      i++;
    } else if (/[A-Za-z]/.test(ch) && !/[A-Za-z]/.test(text[i + 1] ?? "")) {
      // A single letter names a column labelled "A", "B"… in some number rows.
      tokens.push({ kind: "label", text: ch.toUpperCase() });
      i++;
    } else {
      return null;
    }
  }
  return tokens;
}

/** Recursive descent over + - (low) and * / (high), left associative. */
function parseExpression(tokens: Token[]): Expr | null {
  let pos = 0;
  const peek = () => tokens[pos];
  const primary = (): Expr | null => {
    const t = tokens[pos++];
    if (!t) return null;
    if (t.kind === "label") return { kind: "column", label: t.text };
    if (t.kind === "open") {
      const inner = sum();
      if (!inner || tokens[pos++]?.kind !== "close") return null;
      return inner;
    }
    return null;
  };
  const product = (): Expr | null => {
    let left = primary();
    while (left) {
      const t = peek();
      if (t?.kind !== "op" || (t.text !== "*" && t.text !== "/")) break;
      pos++;
      const right = primary();
      if (!right) return null;
      left = { kind: "binary", op: t.text, left, right };
    }
    return left;
  };
  const sum = (): Expr | null => {
    let left = product();
    while (left) {
      const t = peek();
      if (t?.kind !== "op" || (t.text !== "+" && t.text !== "-")) break;
      pos++;
      const right = product();
      if (!right) return null;
      left = { kind: "binary", op: t.text, left, right };
    }
    return left;
  };
  const expr = sum();
  return expr && pos === tokens.length ? expr : null;
}

/** The label a number-row cell gives its column: "4" for 4, "(4)" and "4=3/2"; "A" for "A". */
export function numberRowLabel(text: string): string | null {
  const left = text.split(/[=＝]/)[0].trim();
  const match = /^[(（]?\s*([0-9]{1,3}|[A-Za-z])\s*[)）]?\*?$/.exec(left);
  return match ? match[1].toUpperCase() : null;
}

/**
 * Parse a number-row cell that defines a formula ("6=4/5"). `isColumn` tells whether a label names
 * a numeric column of the table; other numbers are constants (the 100 of "*100", the 2 of "(6+7)/2").
 */
export function parseFormulaSpec(text: string, isColumn: (label: string) => boolean): FormulaSpec | null {
  const sides = text.split(/[=＝]/);
  if (sides.length !== 2) return null;
  const target = numberRowLabel(sides[0]);
  const tokens = tokenize(sides[1]);
  if (!target || !tokens || tokens.length === 0) return null;
  const parsed = parseExpression(tokens);
  if (!parsed) return null;
  const expr = bindConstants(parsed, isColumn);
  const operands = [...new Set(columnLabels(expr))];
  if (operands.length === 0 || operands.includes(target)) return null;
  const divides = hasOp(expr, "/");
  const timesHundred = divides && multipliesByHundred(expr);
  return {
    target,
    expr,
    text: sides[1]
      .replace(/[\s()（）%％]/g, "")
      .replace(/[xX×]/g, "*")
      .replace(/[:÷]/g, "/")
      .replace(/[\u2212\u2013]/g, "-"),
    percent: divides && !timesHundred,
    timesHundred,
    operands,
  };
}

function bindConstants(expr: Expr, isColumn: (label: string) => boolean): Expr {
  if (expr.kind === "column")
    return isColumn(expr.label) || !/^\d+$/.test(expr.label) ? expr : { kind: "number", value: Number(expr.label) };
  if (expr.kind === "binary") return { ...expr, left: bindConstants(expr.left, isColumn), right: bindConstants(expr.right, isColumn) };
  return expr;
}

export function columnLabels(expr: Expr): string[] {
  if (expr.kind === "column") return [expr.label];
  if (expr.kind === "binary") return [...columnLabels(expr.left), ...columnLabels(expr.right)];
  return [];
}

function hasOp(expr: Expr, op: string): boolean {
  return expr.kind === "binary" && (expr.op === op || hasOp(expr.left, op) || hasOp(expr.right, op));
}

function multipliesByHundred(expr: Expr): boolean {
  if (expr.kind !== "binary") return false;
  const isHundred = (e: Expr) => e.kind === "number" && e.value === 100;
  if (expr.op === "*" && (isHundred(expr.left) || isHundred(expr.right))) return true;
  return multipliesByHundred(expr.left) || multipliesByHundred(expr.right);
}

/** Evaluate over the row's numbers; null when an operand is missing or a divisor is zero. */
export function evaluate(expr: Expr, operand: (label: string) => number | null): number | null {
  switch (expr.kind) {
    case "number":
      return expr.value;
    case "column":
      return operand(expr.label);
    case "binary": {
      const a = evaluate(expr.left, operand);
      const b = evaluate(expr.right, operand);
      if (a === null || b === null) return null;
      if (expr.op === "+") return a + b;
      if (expr.op === "-") return a - b;
      if (expr.op === "*") return a * b;
      return b === 0 ? null : a / b;
    }
  }
}

const PRECEDENCE = { "+": 1, "-": 1, "*": 2, "/": 2 } as const;

/** The expression in Excel's invariant syntax, each column label replaced by its cell reference. */
export function toExcel(expr: Expr, ref: (label: string) => string): string {
  switch (expr.kind) {
    case "number":
      return String(expr.value);
    case "column":
      return ref(expr.label);
    case "binary": {
      const p = PRECEDENCE[expr.op];
      const wrap = (e: Expr, right: boolean) => {
        const s = toExcel(e, ref);
        if (e.kind !== "binary") return s;
        const q = PRECEDENCE[e.op];
        return q < p || (right && q === p) ? `(${s})` : s;
      };
      return `${wrap(expr.left, false)}${expr.op}${wrap(expr.right, true)}`;
    }
  }
}

/** Every divisor in the expression (each must be non-zero for the result to exist). */
export function divisors(expr: Expr): Expr[] {
  if (expr.kind !== "binary") return [];
  const own = expr.op === "/" ? [expr.right] : [];
  return [...divisors(expr.left), ...divisors(expr.right), ...own];
}

/**
 * A live formula that is empty while any operand is not a number and never shows #DIV/0!:
 * `=IF(AND(ISNUMBER(E11),ISNUMBER(F11),F11<>0),E11/F11,"")`.
 */
export function guardedFormula(expr: Expr, ref: (label: string) => string): string {
  const checks = [...new Set(columnLabels(expr))].map((label) => `ISNUMBER(${ref(label)})`);
  for (const d of divisors(expr)) {
    if (d.kind !== "number") checks.push(`${toExcel(d, ref)}<>0`);
  }
  const body = toExcel(expr, ref);
  return checks.length ? `=IF(AND(${checks.join(",")}),${body},"")` : `=${body}`;
}
