/**
 * The OData query options a Graph list client uses: $expand (with a nested $select,
 * e.g. `fields($select=A,B)`), $select, $top, $skiptoken and a $filter subset
 * (`fields/X eq 'v'`, numbers, booleans, null, the comparison operators and `and`).
 * Graph accepts these with or without the `$` prefix; so does this parser.
 */
import { badRequest } from "./graphErrors";

export interface ExpandOption {
  name: string;
  select: string[] | null;
}

export type FilterOp = "eq" | "ne" | "lt" | "le" | "gt" | "ge";
export type FilterLiteral = string | number | boolean | null;

export interface FilterCondition {
  field: string;
  op: FilterOp;
  value: FilterLiteral;
}

export interface QueryOptions {
  expand: ExpandOption[];
  select: string[] | null;
  top: number | null;
  skipToken: string | null;
  filter: FilterCondition[] | null;
  /** delta `token` parameter */
  token: string | null;
}

/** Read a query option by name, with or without its `$` prefix. */
function option(params: URLSearchParams, name: string): string | null {
  return params.get(`$${name}`) ?? params.get(name);
}

/** Split on commas (or another separator) that are not inside parentheses. */
function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of text) {
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    if (ch === sep && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

function parseSelectList(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

export function parseExpand(text: string): ExpandOption[] {
  return splitTopLevel(text, ",").map((part) => {
    const m = /^([A-Za-z_][A-Za-z0-9_.]*)\s*(?:\((.*)\))?$/s.exec(part);
    if (!m) throw badRequest(`Invalid $expand clause '${part}'.`, "BadRequest");
    let select: string[] | null = null;
    if (m[2] !== undefined) {
      for (const opt of splitTopLevel(m[2], ";")) {
        const eq = opt.indexOf("=");
        if (eq < 0) throw badRequest(`Invalid $expand option '${opt}'.`, "BadRequest");
        const key = opt.slice(0, eq).trim().replace(/^\$/, "");
        if (key.toLowerCase() === "select") select = parseSelectList(opt.slice(eq + 1));
      }
    }
    return { name: m[1], select };
  });
}

export function parseQueryOptions(params: URLSearchParams): QueryOptions {
  const expandText = option(params, "expand");
  const selectText = option(params, "select");
  const topText = option(params, "top");
  const filterText = option(params, "filter");
  let top: number | null = null;
  if (topText !== null) {
    if (!/^\d{1,9}$/.test(topText.trim()) || Number(topText) < 1) {
      throw badRequest(`Invalid $top value '${topText}': expected a positive integer.`, "BadRequest");
    }
    top = Number(topText);
  }
  return {
    expand: expandText === null ? [] : parseExpand(expandText),
    select: selectText === null ? null : parseSelectList(selectText),
    top,
    skipToken: option(params, "skiptoken"),
    filter: filterText === null || filterText.trim() === "" ? null : parseFilter(filterText),
    token: params.get("token"),
  };
}

// ---------------------------------------------------------------------------
// $filter

type Tok =
  | { kind: "str"; value: string }
  | { kind: "num"; value: number }
  | { kind: "word"; value: string }
  | { kind: "lparen" }
  | { kind: "rparen" };

function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "(") {
      toks.push({ kind: "lparen" });
      i++;
    } else if (ch === ")") {
      toks.push({ kind: "rparen" });
      i++;
    } else if (ch === "'") {
      // OData string literal; a quote inside is doubled.
      let s = "";
      i++;
      for (;;) {
        if (i >= text.length) throw badRequest("Invalid filter clause: unterminated string literal.");
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            s += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += text[i++];
      }
      toks.push({ kind: "str", value: s });
    } else {
      const m = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?(?=[\s)]|$)/.exec(text.slice(i));
      if (m) {
        toks.push({ kind: "num", value: Number(m[0]) });
        i += m[0].length;
        continue;
      }
      const w = /^[A-Za-z_][A-Za-z0-9_/.]*/.exec(text.slice(i));
      if (!w) throw badRequest(`Invalid filter clause: unexpected '${ch}'.`);
      toks.push({ kind: "word", value: w[0] });
      i += w[0].length;
    }
  }
  return toks;
}

const OPS: ReadonlySet<string> = new Set(["eq", "ne", "lt", "le", "gt", "ge"]);

/** Parse a $filter into a conjunction of field comparisons. */
export function parseFilter(text: string): FilterCondition[] {
  if (text.length > 4096) throw badRequest("Invalid filter clause: too long.");
  const toks = tokenize(text);
  let pos = 0;
  const out: FilterCondition[] = [];

  const peek = () => toks[pos];
  const fail = (why: string): never => {
    throw badRequest(`Invalid filter clause: ${why}`);
  };

  const parseTerm = (): void => {
    const t = peek();
    if (!t) fail("unexpected end of expression.");
    if (t.kind === "lparen") {
      pos++;
      parseExpr();
      if (peek()?.kind !== "rparen") fail("missing ')'.");
      pos++;
      return;
    }
    if (t.kind !== "word" || !t.value.startsWith("fields/")) {
      fail("only comparisons of the form fields/<column> <op> <value> are supported.");
    }
    const field = (t as { value: string }).value.slice("fields/".length);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) fail(`'${field}' is not a column name.`);
    pos++;
    const opTok = peek();
    if (!opTok || opTok.kind !== "word" || !OPS.has(opTok.value.toLowerCase())) {
      fail(`expected one of eq, ne, lt, le, gt, ge after 'fields/${field}'.`);
    }
    const op = (opTok as { value: string }).value.toLowerCase() as FilterOp;
    pos++;
    const v = peek();
    let value: FilterLiteral;
    if (!v) return fail("missing value.");
    if (v.kind === "str" || v.kind === "num") value = v.value;
    else if (v.kind === "word" && v.value === "true") value = true;
    else if (v.kind === "word" && v.value === "false") value = false;
    else if (v.kind === "word" && v.value === "null") value = null;
    else return fail(`unsupported value after 'fields/${field} ${op}'.`);
    pos++;
    out.push({ field, op, value });
  };

  const parseExpr = (): void => {
    parseTerm();
    while (peek()?.kind === "word") {
      const w = (peek() as { value: string }).value.toLowerCase();
      if (w === "and") {
        pos++;
        parseTerm();
      } else if (w === "or" || w === "not") {
        fail(`'${w}' is not supported by the local list server; only 'and' is.`);
      } else fail(`unexpected '${w}'.`);
    }
  };

  parseExpr();
  if (pos !== toks.length) fail("unexpected trailing input.");
  return out;
}
