/**
 * How the add-in knows its own conditional formats among a person's, wherever they have moved:
 * by the shape of the formula the engine writes and by its fill colour, never by address (rows
 * inserted, deleted or sorted move a rule's range and its references with it).
 *
 *  - an indicator band rule (src/annex/highlight.ts): `=AND(ISNUMBER($G7),$G7>=0.9,$G7<1)` — one
 *    cell reference, the same in every comparison, compared with plain numbers; after its rows are
 *    deleted Excel may show `#REF!` in place of the reference — with a band colour;
 *  - a task-state rule (src/annex/tasks/highlight.ts): a formula naming `AnnexAsOf`
 *    (`=AND(ISNUMBER($E7),$E7<AnnexAsOf)`, `=AnnexAsOf<=DATE(2023,9,30)`) or the rule that always
 *    holds over whole task rows, `=TRUE` (LibreOffice saves it as `1`) — with a task colour.
 *
 * The colours are the engine's (the band palette, the task styles other than white) plus any the
 * caller is applying now. A person's rule would have to copy both the formula's shape and one of
 * those exact fills to be taken for the add-in's.
 *
 * Excel reads a custom rule's formula back relative to the top-left cell of the rule's range
 * (office-js#5194, answered "by design"), so the row in `$G7` is whatever the rule's range starts
 * at now; the shapes below do not depend on it.
 */
import { DEFAULT_BANDS } from "./classify";
import { AS_OF_NAME, TASK_STYLES } from "./tasks/highlight";

/** A conditional format as read from a workbook: its type ("Custom"…), rule formula and fill colour. */
export interface ConditionalFormatSignature {
  type: string;
  formula: string | null;
  fill: string | null;
}

export type OwnRuleKind = "band" | "task";

const WHITE = "#FFFFFF";

/** "#9ecae9", "9ECAE9" → "#9ECAE9". */
export function normalizeColour(colour: string | null | undefined): string | null {
  if (typeof colour !== "string") return null;
  const c = colour.trim().toUpperCase();
  if (/^#[0-9A-F]{6}$/.test(c)) return c;
  if (/^[0-9A-F]{6}$/.test(c)) return `#${c}`;
  return null;
}

/** The engine's band fills (every band the palette can give). */
export const BAND_FILLS: ReadonlySet<string> = new Set(DEFAULT_BANDS.map((b) => normalizeColour(b.fill)!));

/** The engine's task fills (states left uncoloured are white and never written as rules). */
export const TASK_FILLS: ReadonlySet<string> = new Set(
  Object.values(TASK_STYLES)
    .map((s) => normalizeColour(s.fill)!)
    .filter((f) => f !== WHITE),
);

/** The formula without the leading "=", spaces or case ("=and( isnumber($g7) ,…)" → "AND(ISNUMBER($G7),…)"). */
function normalizeFormula(formula: string): string {
  return formula.trim().replace(/^=/, "").replace(/\s+/g, "").toUpperCase();
}

const REF = String.raw`(?:\$?[A-Z]{1,3}\$?\d+|#REF!)`;
const NUMBER = String.raw`\d+(?:\.\d+)?(?:E[+-]?\d+)?`;
const BAND = new RegExp(String.raw`^AND\(ISNUMBER\((${REF})\)((?:,${REF}(?:>=|<=|<|>)${NUMBER})*)\)$`);
const NAME_CHAR = String.raw`[A-Z0-9_.\\]`;
const AS_OF = new RegExp(String.raw`(^|[^A-Z0-9_.\\$])${AS_OF_NAME.toUpperCase()}(?!${NAME_CHAR}|\()`);

/** The kind of rule the engine writes with this formula, or null when it never writes such a formula. */
export function ownFormulaKind(formula: string | null | undefined): OwnRuleKind | null {
  if (typeof formula !== "string" || formula.trim() === "") return null;
  const f = normalizeFormula(formula);
  const band = BAND.exec(f);
  if (band) {
    // Every comparison on the cell the ISNUMBER guards (or on what is left of it after a deletion).
    const ref = band[1];
    const compared = [...band[2].matchAll(new RegExp(String.raw`,(${REF})(?:>=|<=|<|>)`, "g"))].map((m) => m[1]);
    if (compared.every((c) => c === ref || c === "#REF!" || ref === "#REF!")) return "band";
  }
  if (f === "TRUE" || f === "1") return "task";
  // Outside text literals only: a name inside "…" is just text.
  const unquoted = f.replace(/"[^"]*"/g, '""');
  if (AS_OF.test(unquoted)) return "task";
  return null;
}

/**
 * Whether a conditional format is one the add-in wrote: a custom rule with an engine formula and
 * a fill of its kind (or one of `extraFills`, the colours of the rules being applied now).
 */
export function isOwnHighlightRule(rule: ConditionalFormatSignature, extraFills: Iterable<string> = []): boolean {
  if (rule.type !== "Custom") return false;
  const kind = ownFormulaKind(rule.formula);
  const fill = normalizeColour(rule.fill);
  if (!kind || !fill || fill === WHITE) return false;
  if ((kind === "band" ? BAND_FILLS : TASK_FILLS).has(fill)) return true;
  for (const extra of extraFills) if (normalizeColour(extra) === fill) return true;
  return false;
}
