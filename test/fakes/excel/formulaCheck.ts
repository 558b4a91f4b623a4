/**
 * What Excel says to a formula written through `Range.formulas`/`values` (invariant syntax) or a
 * conditional format's `rule.formula`, as far as the add-in can get it wrong:
 *  - malformed text (unbalanced parentheses or quotes, a locale separator ";" outside an array
 *    constant, a dangling operator) is refused: the batch fails with InvalidArgument and no cell
 *    of it is written;
 *  - a function name Excel does not know is accepted and the cell shows #NAME?, as in Excel.
 */
import { fakeErrors } from "./errors";

/** The functions Excel knows, as far as annex workbooks and the add-in use them. */
const KNOWN_FUNCTIONS = new Set(
  (
    "ABS AND AVERAGE AVERAGEIF CEILING CHOOSE COLUMN CONCAT CONCATENATE COUNT COUNTA COUNTBLANK COUNTIF COUNTIFS DATE " +
    "DATEDIF DAY EDATE EOMONTH FALSE FIND FLOOR IF IFERROR IFNA IFS INDEX INDIRECT INT ISBLANK ISERR ISERROR ISNA " +
    "ISNUMBER ISTEXT LEFT LEN LOWER MATCH MAX MID MIN MOD MONTH N NA NOT NOW OFFSET OR PRODUCT PROPER RIGHT ROUND " +
    "ROUNDDOWN ROUNDUP ROW SEARCH SUBSTITUTE SUBTOTAL SUM SUMIF SUMIFS SUMPRODUCT TEXT TODAY TRIM TRUE UPPER VALUE " +
    "VLOOKUP XLOOKUP YEAR"
  ).split(" "),
);

export type FormulaVerdict = { ok: true; unknownFunction: string | null };

/** Throws InvalidArgument for text Excel refuses as a formula; reports an unknown function name. */
export function checkFormula(formula: string): FormulaVerdict {
  const refuse = (why: string) => {
    throw fakeErrors.invalidArgument(`not a valid formula (${why}): ${formula}`);
  };
  if (!formula.startsWith("=") || formula.trim() === "=") refuse("empty");
  let depth = 0;
  let braces = 0;
  let unknownFunction: string | null = null;
  let lastSignificant = "";
  for (let i = 1; i < formula.length; i++) {
    const ch = formula[i];
    if (ch === '"') {
      const end = closingQuote(formula, i, '"');
      if (end < 0) refuse("unclosed text");
      i = end;
      lastSignificant = '"';
      continue;
    }
    if (ch === "'") {
      const end = closingQuote(formula, i, "'");
      if (end < 0 || formula[end + 1] !== "!") refuse("unclosed sheet name");
      i = end;
      lastSignificant = "'";
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      const name = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(formula.slice(i))![0];
      if (formula[i + name.length] === "(") {
        const bare = name.toUpperCase().replace(/^_XLFN\./, "");
        if (!KNOWN_FUNCTIONS.has(bare) && unknownFunction === null) unknownFunction = name;
      }
      i += name.length - 1;
      lastSignificant = "a";
      continue;
    }
    if (ch === "(") depth++;
    else if (ch === ")") {
      if (--depth < 0) refuse("a closing parenthesis without its opening one");
    } else if (ch === "{") braces++;
    else if (ch === "}") braces--;
    else if (ch === ";" && braces === 0) refuse('";" is a locale separator: write "," in formulas');
    if (ch.trim() !== "") lastSignificant = ch;
  }
  if (depth !== 0) refuse("unbalanced parentheses");
  if (braces !== 0) refuse("unbalanced braces");
  if (/[+\-*/^&=<>,]/.test(lastSignificant)) refuse("ends with an operator");
  return { ok: true, unknownFunction };
}

/** Index of the quote closing the one at `start` ("" or '' inside are escapes); -1 if none. */
function closingQuote(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] !== quote) continue;
    if (text[i + 1] === quote) {
      i++;
      continue;
    }
    return i;
  }
  return -1;
}
