/**
 * The product's highlight rules as Excel conditional formats, applied idempotently.
 *
 * Excel adds each conditional format at top priority and keeps the old ones, so re-applying would
 * stack duplicates; reading existing rules back is unreliable on some builds. Instead the ranges
 * the product owns are remembered in workbook settings ("annex.highlightRanges", with the sheet's
 * id so a renamed sheet is still found), and `conditionalFormats.clearAll()` is called on exactly
 * those ranges before the rules are added again. Rules a person made elsewhere are not touched
 * (a person's rule that overlaps an owned range loses those cells only).
 *
 * What it needs to know first — the owned ranges and the sheets' ids — is the `HighlightState`.
 * Read on its own that is a sync; queued with the sheet read (`queueReadHighlightState` through
 * `readSheet`'s `alongFirstSync`) it is free, and applying or removing then takes one sync. If the
 * state has gone stale (a sheet deleted since), that sync fails and the state is read again.
 *
 * Within the sync, the settings first list the old and the new ranges together, and only at the
 * end the new ones alone: a batch that fails halfway leaves no rule behind that the next call
 * would not clear.
 */
import type { HighlightRule } from "../annex/model";
import { parseQualifiedArea } from "./address";
import { errorCode } from "./errors";
import { queueReadJson, queueWriteJson, SETTING_KEYS } from "./settings";

export interface OwnedRange {
  sheetId: string;
  sheet: string;
  /** A1 address on that sheet, without the sheet name. */
  range: string;
}

export interface HighlightReport {
  syncs: number;
  /** Owned ranges cleared. */
  cleared: number;
  /** Conditional formats added. */
  added: number;
  /** Rules not applied because their sheet does not exist. */
  skipped: HighlightRule[];
  /** The ranges owned now. */
  owned: OwnedRange[];
  /** The sheets as this call knew them: with `owned`, the state for the next call. */
  sheets: SheetInfo[];
}

export interface SheetInfo {
  id: string;
  name: string;
}

/** What applying or removing highlights has to know: the ranges owned now, and the sheets. */
export interface HighlightState {
  owned: OwnedRange[];
  sheets: SheetInfo[];
}

/** Queues the read of the highlight state (no sync); the function gives it after the next sync. */
export function queueReadHighlightState(context: Excel.RequestContext): () => HighlightState {
  const owned = queueReadJson(context, SETTING_KEYS.highlightRanges);
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name,items/id");
  return () => {
    const raw = owned();
    const list = Array.isArray(raw) ? raw.filter(isOwnedRange) : [];
    return { owned: list, sheets: worksheets.items.map((w) => ({ id: w.id, name: w.name })) };
  };
}

export async function readHighlightState(context: Excel.RequestContext): Promise<HighlightState> {
  const read = queueReadHighlightState(context);
  await context.sync();
  return read();
}

function isOwnedRange(v: unknown): v is OwnedRange {
  const o = v as OwnedRange;
  return (
    !!o && typeof o === "object" && typeof o.sheet === "string" && typeof o.range === "string" && typeof (o.sheetId ?? "") === "string"
  );
}

function findSheet(sheets: SheetInfo[], owned: { sheetId?: string; sheet: string }): SheetInfo | undefined {
  return (
    sheets.find((s) => owned.sheetId && s.id === owned.sheetId) ?? sheets.find((s) => s.name.toLowerCase() === owned.sheet.toLowerCase())
  );
}

/** Queues clearAll on every owned range whose sheet still exists; returns how many. */
function queueClearOwned(context: Excel.RequestContext, owned: OwnedRange[], sheets: SheetInfo[]): number {
  let cleared = 0;
  for (const o of owned) {
    const sheet = findSheet(sheets, o);
    if (!sheet) continue;
    context.workbook.worksheets.getItem(sheet.id).getRange(o.range).conditionalFormats.clearAll();
    cleared++;
  }
  return cleared;
}

/** Runs `attempt` with the given state; if it fails as if the state were stale, reads it and tries once more. */
async function withState(
  context: Excel.RequestContext,
  state: HighlightState | undefined,
  attempt: (state: HighlightState) => Promise<HighlightReport>,
): Promise<HighlightReport> {
  if (!state) {
    const fresh = await readHighlightState(context);
    const report = await attempt(fresh);
    return { ...report, syncs: report.syncs + 1 };
  }
  try {
    return await attempt(state);
  } catch (error) {
    if (errorCode(error) !== "ItemNotFound") throw error;
    const fresh = await readHighlightState(context);
    const report = await attempt(fresh);
    return { ...report, syncs: report.syncs + 2 };
  }
}

/**
 * Applies the rules: clears the owned ranges, adds the rules, records the new owned ranges. One
 * sync with a known `state`, two without.
 */
export async function applyHighlightRules(
  context: Excel.RequestContext,
  rules: HighlightRule[],
  state?: HighlightState,
): Promise<HighlightReport> {
  return withState(context, state, async ({ owned, sheets }) => {
    const skipped: HighlightRule[] = [];
    const nextOwned: OwnedRange[] = [];
    const targets: { rule: HighlightRule; sheet: SheetInfo; range: string }[] = [];
    for (const rule of rules) {
      const sheet = findSheet(sheets, { sheet: rule.sheet });
      if (!sheet) {
        skipped.push(rule);
        continue;
      }
      const local = parseQualifiedArea(rule.range); // throws on a malformed address before anything is sent
      if (local.sheet !== null && local.sheet.toLowerCase() !== sheet.name.toLowerCase())
        throw new Error(`Rule range ${rule.range} is not on sheet ${rule.sheet}`);
      const range = rule.range.includes("!") ? rule.range.slice(rule.range.lastIndexOf("!") + 1) : rule.range;
      targets.push({ rule, sheet, range });
      if (!nextOwned.some((o) => o.sheetId === sheet.id && o.range === range))
        nextOwned.push({ sheetId: sheet.id, sheet: sheet.name, range });
    }

    // Old and new together first: if the batch stops halfway, the next call still clears both.
    queueWriteJson(context, SETTING_KEYS.highlightRanges, [...owned, ...nextOwned]);
    const cleared = queueClearOwned(context, owned, sheets);
    // Each add goes on top: add in reverse so the first rule ends up with the highest priority.
    for (const { rule, sheet, range } of [...targets].reverse()) {
      const cf = context.workbook.worksheets.getItem(sheet.id).getRange(range).conditionalFormats.add(Excel.ConditionalFormatType.custom);
      cf.custom.rule.formula = rule.formula;
      cf.custom.format.fill.color = rule.fill;
      cf.custom.format.font.color = rule.fontColor;
    }
    queueWriteJson(context, SETTING_KEYS.highlightRanges, nextOwned);
    await context.sync();
    return { syncs: 1, cleared, added: targets.length, skipped, owned: nextOwned, sheets };
  });
}

/** Removes the product's highlights (its own ranges only). One sync with a known `state`, two without. */
export async function removeHighlights(context: Excel.RequestContext, state?: HighlightState): Promise<HighlightReport> {
  return withState(context, state, async ({ owned, sheets }) => {
    const cleared = queueClearOwned(context, owned, sheets);
    queueWriteJson(context, SETTING_KEYS.highlightRanges, []);
    await context.sync();
    return { syncs: 1, cleared, added: 0, skipped: [], owned: [], sheets };
  });
}
