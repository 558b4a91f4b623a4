/**
 * Whether two formulas compute the same thing, decided on their expression trees, not their text.
 * Each arithmetic expression is brought to one normal form: a sum of terms, each a coefficient times
 * cells raised to integer powers (E11·F11⁻¹), products multiplied out, a divisor that is itself a sum
 * kept whole (made monic so 2E+2F and E+F agree). So E11/F11, (E11)/F11, E11*(1/F11), 1/F11*E11 are one
 * form, E11/F11*100 is 100 times it, and F11/E11 or E10/F10 are other forms. Guards around the
 * result — IF(condition, x, ""), IFERROR(x, ""), ROUND(x, n) — are taken off first and their cells
 * collected, so the guarded formula the fill writes equals a plain one.
 */
import { referencedCells, type FormulaNode } from "./parse";

interface Term {
  /** Atom (a cell "5:6", or a divisor that is a sum) → integer power. */
  factors: Map<string, number>;
  coefficient: number;
}

/** Term key ("5:5^1*5:6^-1") → term. The empty key is the constant term. */
export type Polynomial = Map<string, Term>;

const MAX_TERMS = 64;
const MAX_POWER = 8;

/** The result's expression without its guards, and the cells the guards read. */
export interface GuardedCore {
  core: FormulaNode;
  guardCells: { row: number; column: number }[];
}

function isLiteral(node: FormulaNode | undefined): boolean {
  return (
    node === undefined ||
    node.kind === "number" ||
    node.kind === "string" ||
    node.kind === "boolean" ||
    node.kind === "error" ||
    node.kind === "missing"
  );
}

/** Take the guards off: IF with one literal branch, IFERROR with a literal fallback, ROUND, unary plus. Null when a guard reads what it cannot follow. */
export function stripGuards(node: FormulaNode): GuardedCore | null {
  const guardCells: GuardedCore["guardCells"] = [];
  let core = node;
  for (;;) {
    if (core.kind === "unary" && core.op === "+") core = core.operand;
    else if (core.kind === "call" && core.name === "ROUND" && core.args.length === 2 && isLiteral(core.args[1])) core = core.args[0];
    else if (core.kind === "call" && core.name === "IFERROR" && core.args.length === 2 && isLiteral(core.args[1])) core = core.args[0];
    else if (core.kind === "call" && core.name === "IF" && (core.args.length === 2 || core.args.length === 3)) {
      const [condition, then, otherwise] = core.args;
      const taken = isLiteral(otherwise) ? then : isLiteral(then) ? otherwise : null;
      if (!taken) return { core, guardCells };
      const cells = referencedCells(condition);
      if (!cells) return null;
      guardCells.push(...cells);
      core = taken;
    } else return { core, guardCells };
  }
}

const byKey = <T>([a]: [string, T], [b]: [string, T]) => (a < b ? -1 : a > b ? 1 : 0);

function termKey(factors: Map<string, number>): string {
  return [...factors]
    .sort(byKey)
    .map(([atom, power]) => `${atom}^${power}`)
    .join("*");
}

function term(factors: Map<string, number>, coefficient: number): [string, Term] {
  for (const [atom, power] of factors) if (power === 0) factors.delete(atom);
  return [termKey(factors), { factors, coefficient }];
}

function constant(value: number): Polynomial {
  return new Map(value === 0 ? [] : [term(new Map(), value)]);
}

function cell(row: number, column: number): Polynomial {
  return new Map([term(new Map([[`${row}:${column}`, 1]]), 1)]);
}

function addInto(target: Polynomial, [key, t]: [string, Term]): void {
  const old = target.get(key)?.coefficient ?? 0;
  const sum = old + t.coefficient;
  if (Math.abs(sum) <= 1e-12 * Math.max(Math.abs(old), Math.abs(t.coefficient))) target.delete(key);
  else target.set(key, { factors: t.factors, coefficient: sum });
}

function add(a: Polynomial, b: Polynomial, sign = 1): Polynomial {
  const out = new Map(a);
  for (const [key, t] of b) addInto(out, [key, { factors: t.factors, coefficient: sign * t.coefficient }]);
  return out;
}

function scale(a: Polynomial, factor: number): Polynomial {
  return new Map([...a].map(([key, t]) => [key, { factors: t.factors, coefficient: t.coefficient * factor }]));
}

function multiply(a: Polynomial, b: Polynomial): Polynomial | null {
  const out: Polynomial = new Map();
  for (const ta of a.values()) {
    for (const tb of b.values()) {
      const factors = new Map(ta.factors);
      for (const [atom, power] of tb.factors) factors.set(atom, (factors.get(atom) ?? 0) + power);
      addInto(out, term(factors, ta.coefficient * tb.coefficient));
    }
  }
  return out.size > MAX_TERMS ? null : out;
}

function serialize(p: Polynomial): string {
  return [...p]
    .sort(byKey)
    .map(([key, t]) => `${Number(t.coefficient.toPrecision(12))}${key ? "·" + key : ""}`)
    .join("+");
}

/** 1/p: a single term inverts; a sum becomes one atom, divided by its first coefficient so multiples agree. */
function reciprocal(p: Polynomial): Polynomial | null {
  if (p.size === 0) return null;
  if (p.size === 1) {
    const [t] = p.values();
    return new Map([term(new Map([...t.factors].map(([atom, power]) => [atom, -power])), 1 / t.coefficient)]);
  }
  const [[, lead]] = [...p].sort(byKey);
  const atom = `(${serialize(scale(p, 1 / lead.coefficient))})`;
  return new Map([term(new Map([[atom, -1]]), 1 / lead.coefficient)]);
}

function power(base: Polynomial, exponent: Polynomial): Polynomial | null {
  const n = exponent.size === 0 ? 0 : exponent.get("")?.coefficient;
  if (n === undefined || exponent.size > 1 || !Number.isInteger(n) || Math.abs(n) > MAX_POWER) return null;
  let out: Polynomial | null = constant(1);
  for (let i = 0; i < Math.abs(n) && out; i++) out = multiply(out, base);
  return out && n < 0 ? reciprocal(out) : out;
}

/** The normal form of an arithmetic expression over cells; null for anything else (text, comparisons, other functions). */
export function normalForm(node: FormulaNode): Polynomial | null {
  switch (node.kind) {
    case "number":
      return constant(node.value);
    case "ref":
      return cell(node.row, node.column);
    case "unary": {
      const inner = normalForm(node.operand);
      return inner && (node.op === "-" ? scale(inner, -1) : inner);
    }
    case "percent": {
      const inner = normalForm(node.operand);
      return inner && scale(inner, 0.01);
    }
    case "binary": {
      const a = normalForm(node.left);
      const b = normalForm(node.right);
      if (!a || !b) return null;
      switch (node.op) {
        case "+":
          return add(a, b);
        case "-":
          return add(a, b, -1);
        case "*":
          return multiply(a, b);
        case "/": {
          const inverse = reciprocal(b);
          return inverse && multiply(a, inverse);
        }
        case "^":
          return power(a, b);
        default:
          return null;
      }
    }
    case "call": {
      if (node.name !== "SUM" || node.args.length === 0) return null;
      let total: Polynomial = new Map();
      for (const arg of node.args) {
        const part = arg.kind === "range" ? sumOfCells(arg) : normalForm(arg);
        if (!part) return null;
        total = add(total, part);
      }
      return total;
    }
    default:
      return null;
  }
}

function sumOfCells(range: FormulaNode): Polynomial | null {
  const cells = referencedCells(range, MAX_TERMS);
  if (!cells) return null;
  let total: Polynomial = new Map();
  for (const c of cells) total = add(total, cell(c.row, c.column));
  return total;
}

/** How a formula's result compares with the expected one: the same, the same ×100 or ÷100 (a scale slip), or other. */
export type Equivalence = "same" | "scaled" | "different";

export function compareForms(actual: Polynomial, expected: Polynomial): Equivalence {
  if (actual.size !== expected.size || expected.size === 0) return actual.size === 0 && expected.size === 0 ? "same" : "different";
  let ratio: number | null = null;
  for (const [key, t] of expected) {
    const a = actual.get(key);
    if (a === undefined) return "different";
    const r = a.coefficient / t.coefficient;
    if (ratio === null) ratio = r;
    else if (!close(r, ratio)) return "different";
  }
  if (close(ratio!, 1)) return "same";
  return close(ratio!, 100) || close(ratio!, 0.01) ? "scaled" : "different";
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}
