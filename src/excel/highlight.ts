/**
 * The product's highlight rules as Excel conditional formats, applied idempotently.
 *
 * Excel adds each conditional format at top priority and keeps the old ones, so re-applying would
 * stack duplicates. The add-in's own rules are found by their signature, wherever inserted,
 * deleted or sorted rows have moved them (src/annex/highlightSignature.ts: a custom rule whose
 * formula has the shape the engine writes and whose fill is one of its colours), deleted one by
 * one with `ConditionalFormat.delete()`, and the new rules added. A person's rules are never
 * touched, not even where they overlap the add-in's (no `clearAll`). Earlier versions remembered
 * the ranges in the setting "annex.highlightRanges"; it is no longer read or written, and the
 * rules those versions added have the same signature.
 *
 * Finding them is one sync per call: for each sheet concerned (those the rules go to; every sheet
 * when removing), `getRange()` — the whole grid, so a rule pushed below the used range is found
 * too — `.conditionalFormats.load("items/type, items/customOrNullObject/rule/formula,
 * items/customOrNullObject/format/fill/color")` (ExcelApi 1.6). `customOrNullObject`, not
 * `custom`: loading `items/custom/rule/formula` fails the whole batch as soon as one rule of the
 * sheet is not custom (office-js#2180). The second sync deletes the add-in's rules — loading each
 * one's `getRanges()` (1.9) address just before, for the report — sets `AnnexAsOf` and adds the
 * new rules. A `ConditionalFormat`'s `id` is only its priority in the collection (Excel's
 * reference), so found rules are never carried to a later call: each call lists them afresh.
 * A batch that stops halfway (a protected sheet) leaves rules the next call finds by signature.
 *
 * What it needs to know first — the sheets' ids (a renamed sheet is still found) and whether the
 * workbook has `AnnexAsOf` — is the `HighlightState`. Read on its own that is a sync; queued with
 * the sheet read (`queueReadHighlightState` through `readSheet`'s `alongFirstSync`) it is free,
 * and applying or removing then takes two syncs. If the state has gone stale (a sheet deleted
 * since), the listing fails and the state is read again.
 *
 * A task list's rules compare deadlines with the workbook name `AnnexAsOf`. Applying them sets
 * that name to the as-of day in the same sync: `names.add` (ExcelApi 1.4) when the workbook has
 * no such name, else `NamedItem.formula` (set: 1.7) — which of the two is part of the state, read
 * with `names.getItemOrNullObject` (1.4). A name added or deleted by someone else meanwhile fails
 * the sync (ItemAlreadyExists, ItemNotFound), and the state is read again. `setAsOfName` changes
 * the day alone, so the colours follow a new as-of day without re-applying the rules.
 */
import { isOwnHighlightRule } from "../annex/highlightSignature";
import type { HighlightRule } from "../annex/model";
import { AS_OF_NAME, dateFormula } from "../annex/tasks/highlight";
import { parseQualifiedArea } from "./address";
import { errorCode } from "./errors";

export interface OwnedRange {
  sheetId: string;
  sheet: string;
  /** A1 address on that sheet, without the sheet name. */
  range: string;
}

export interface HighlightReport {
  syncs: number;
  /** The add-in's own rules found and deleted. */
  cleared: number;
  /** Where those rules were, as Excel gave their ranges ("'Phụ lục'!G9:G36"); absent when nothing was looked for. */
  removed?: string[];
  /** Conditional formats added. */
  added: number;
  /** Rules not applied because their sheet does not exist. */
  skipped: HighlightRule[];
  /** The ranges the add-in's rules cover now (what this call added). */
  owned: OwnedRange[];
  /** The sheets as this call knew them: with `owned` and `asOfName`, the state for the next call. */
  sheets: SheetInfo[];
  /** Whether the workbook has the name `AnnexAsOf` now. */
  asOfName: boolean;
}

export interface SheetInfo {
  id: string;
  name: string;
}

/** What applying or removing highlights has to know: the sheets (and, for the report, what the last call added). */
export interface HighlightState {
  /** What the last apply added: for the report only; the rules are found by signature. */
  owned: OwnedRange[];
  sheets: SheetInfo[];
  /** Whether the workbook has the name `AnnexAsOf` (workbook scope) that task rules compare deadlines with. */
  asOfName: boolean;
}

/** Queues the read of the highlight state (no sync); the function gives it after the next sync. */
export function queueReadHighlightState(context: Excel.RequestContext): () => HighlightState {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name,items/id");
  const name = context.workbook.names.getItemOrNullObject(AS_OF_NAME);
  name.load("name");
  return () => {
    // Read only when the caller calls the returned function, after its sync.
    // eslint-disable-next-line office-addins/call-sync-before-read
    const asOfName = !name.isNullObject;
    return { owned: [], sheets: worksheets.items.map((w) => ({ id: w.id, name: w.name })), asOfName };
  };
}

export async function readHighlightState(context: Excel.RequestContext): Promise<HighlightState> {
  const read = queueReadHighlightState(context);
  await sync(context);
  return read();
}

/** Syncs made by this module per request context, failed ones included: how a report counts them. */
const syncCounts = new WeakMap<Excel.RequestContext, number>();

async function sync(context: Excel.RequestContext): Promise<void> {
  syncCounts.set(context, (syncCounts.get(context) ?? 0) + 1);
  await context.sync();
}

function findSheet(sheets: SheetInfo[], owned: { sheetId?: string; sheet: string }): SheetInfo | undefined {
  return (
    sheets.find((s) => owned.sheetId && s.id === owned.sheetId) ?? sheets.find((s) => s.name.toLowerCase() === owned.sheet.toLowerCase())
  );
}

/** What a rule's listing loads: enough to tell the add-in's rules by their signature. */
const RULE_SIGNATURE = ["items/type", "items/customOrNullObject/rule/formula", "items/customOrNullObject/format/fill/color"];

/**
 * Queues the listing of the conditional formats of each sheet's whole grid (no sync); the function
 * gives the add-in's own after the sync. `extraFills`: colours of the rules being applied now.
 */
function queueFindOwnRules(context: Excel.RequestContext, sheets: SheetInfo[], extraFills: string[] = []): () => Excel.ConditionalFormat[] {
  const listed = sheets.map((sheet) => {
    const formats = context.workbook.worksheets.getItem(sheet.id).getRange().conditionalFormats;
    formats.load(RULE_SIGNATURE);
    return formats;
  });
  return () =>
    listed.flatMap((formats) =>
      formats.items.filter((format) => {
        if (format.type !== Excel.ConditionalFormatType.custom) return false;
        const custom = format.customOrNullObject;
        return isOwnHighlightRule({ type: format.type, formula: custom.rule.formula, fill: custom.format.fill.color }, extraFills);
      }),
    );
}

/** Queues the deletion of the rules found (no sync); the function gives where they were after it. */
function queueDeleteRules(rules: Excel.ConditionalFormat[]): () => string[] {
  const ranges = rules.map((rule) => {
    const areas = rule.getRanges();
    areas.load("address");
    rule.delete();
    return areas;
  });
  return () => ranges.map((areas) => areas.address);
}

/** How a sync fails when the state it was queued with has gone stale (a sheet or the name deleted, the name added). */
const STALE = new Set(["ItemNotFound", "ItemAlreadyExists"]);

/** Queues `AnnexAsOf` = the day: the name's formula when the workbook has it, else a new name. */
function queueAsOfName(context: Excel.RequestContext, exists: boolean, asOf: string): void {
  const formula = `=${dateFormula(asOf)}`;
  if (exists) context.workbook.names.getItem(AS_OF_NAME).formula = formula;
  else context.workbook.names.add(AS_OF_NAME, formula);
}

/** Runs `attempt` with the given state; if it fails as if the state were stale, reads it and tries once more. */
async function withState(
  context: Excel.RequestContext,
  state: HighlightState | undefined,
  attempt: (state: HighlightState) => Promise<HighlightReport>,
): Promise<HighlightReport> {
  const start = syncCounts.get(context) ?? 0;
  const counted = (report: HighlightReport): HighlightReport => ({ ...report, syncs: (syncCounts.get(context) ?? 0) - start });
  if (!state) return counted(await attempt(await readHighlightState(context)));
  try {
    return counted(await attempt(state));
  } catch (error) {
    if (!STALE.has(errorCode(error))) throw error;
    return counted(await attempt(await readHighlightState(context)));
  }
}

/**
 * Applies the rules: finds the add-in's own rules on the sheets the rules go to, deletes them and
 * adds the new ones; with `asOf` (a task list's ISO as-of day) sets `AnnexAsOf` to that day first.
 * Two syncs with a known `state`, three without.
 */
export async function applyHighlightRules(
  context: Excel.RequestContext,
  rules: HighlightRule[],
  state?: HighlightState,
  asOf?: string | null,
): Promise<HighlightReport> {
  return withState(context, state, async ({ sheets, asOfName }) => {
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

    const onSheets = sheets.filter((s) => targets.some((t) => t.sheet.id === s.id));
    if (onSheets.length === 0 && !asOf) return { syncs: 0, cleared: 0, added: 0, skipped, owned: [], sheets, asOfName };
    const findOwn = queueFindOwnRules(
      context,
      onSheets,
      rules.map((r) => r.fill),
    );
    await sync(context);
    const own = findOwn();

    // The name the task rules read, before the rules.
    if (asOf) queueAsOfName(context, asOfName, asOf);
    const removed = queueDeleteRules(own);
    // Each add goes on top: add in reverse so the first rule ends up with the highest priority.
    for (const { rule, sheet, range } of [...targets].reverse()) {
      const cf = context.workbook.worksheets.getItem(sheet.id).getRange(range).conditionalFormats.add(Excel.ConditionalFormatType.custom);
      cf.custom.rule.formula = rule.formula;
      cf.custom.format.fill.color = rule.fill;
      cf.custom.format.font.color = rule.fontColor;
    }
    await sync(context);
    return {
      syncs: 0,
      cleared: own.length,
      removed: removed(),
      added: targets.length,
      skipped,
      owned: nextOwned,
      sheets,
      asOfName: asOfName || !!asOf,
    };
  });
}

/**
 * Points `AnnexAsOf` at another day when the workbook has the name (the task colours follow it);
 * adds nothing when it has not — the rules are not there either. One sync when the state says
 * the name is there, none when it says it is not, one more without a state.
 */
export async function setAsOfName(context: Excel.RequestContext, asOf: string, state?: HighlightState): Promise<HighlightReport> {
  return withState(context, state, async ({ owned, sheets, asOfName }) => {
    if (!asOfName) return { syncs: 0, cleared: 0, added: 0, skipped: [], owned, sheets, asOfName };
    queueAsOfName(context, true, asOf);
    await sync(context);
    return { syncs: 1, cleared: 0, added: 0, skipped: [], owned, sheets, asOfName };
  });
}

/**
 * Removes the add-in's own rules from every sheet, found by signature; a person's stay. Two syncs
 * with a known `state` (one when there is none to remove), one more without.
 */
export async function removeHighlights(context: Excel.RequestContext, state?: HighlightState): Promise<HighlightReport> {
  return withState(context, state, async ({ sheets, asOfName }) => {
    const findOwn = queueFindOwnRules(context, sheets);
    await sync(context);
    const own = findOwn();
    const report = { syncs: 0, cleared: own.length, removed: [] as string[], added: 0, skipped: [], owned: [], sheets, asOfName };
    if (own.length === 0) return report;
    const removed = queueDeleteRules(own);
    await sync(context);
    return { ...report, removed: removed() };
  });
}
