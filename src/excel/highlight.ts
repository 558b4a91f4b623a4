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
 * Two syncs: one reads the owned ranges and the sheet ids, one clears, adds and saves.
 */
import type { HighlightRule } from "../annex/model";
import { parseQualifiedArea } from "./address";
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
  owned: OwnedRange[];
}

interface SheetInfo {
  id: string;
  name: string;
}

async function readState(context: Excel.RequestContext): Promise<{ owned: OwnedRange[]; sheets: SheetInfo[] }> {
  const owned = queueReadJson(context, SETTING_KEYS.highlightRanges);
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name,items/id");
  await context.sync();
  const raw = owned();
  const list = Array.isArray(raw) ? raw.filter(isOwnedRange) : [];
  return { owned: list, sheets: worksheets.items.map((w) => ({ id: w.id, name: w.name })) };
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

/** Queues clearAll on every owned range that still exists; returns how many. */
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

export async function applyHighlightRules(context: Excel.RequestContext, rules: HighlightRule[]): Promise<HighlightReport> {
  const { owned, sheets } = await readState(context);
  const cleared = queueClearOwned(context, owned, sheets);

  const skipped: HighlightRule[] = [];
  const nextOwned: OwnedRange[] = [];
  let added = 0;
  // Each add goes on top: add in reverse so the first rule ends up with the highest priority.
  for (const rule of [...rules].reverse()) {
    const sheet = findSheet(sheets, { sheet: rule.sheet });
    if (!sheet) {
      skipped.unshift(rule);
      continue;
    }
    const local = parseQualifiedArea(rule.range); // throws on a malformed address before anything is sent
    if (local.sheet !== null && local.sheet.toLowerCase() !== sheet.name.toLowerCase())
      throw new Error(`Rule range ${rule.range} is not on sheet ${rule.sheet}`);
    const range = rule.range.includes("!") ? rule.range.slice(rule.range.lastIndexOf("!") + 1) : rule.range;
    const cf = context.workbook.worksheets.getItem(sheet.id).getRange(range).conditionalFormats.add(Excel.ConditionalFormatType.custom);
    cf.custom.rule.formula = rule.formula;
    cf.custom.format.fill.color = rule.fill;
    cf.custom.format.font.color = rule.fontColor;
    added++;
    if (!nextOwned.some((o) => o.sheetId === sheet.id && o.range === range))
      nextOwned.unshift({ sheetId: sheet.id, sheet: sheet.name, range });
  }
  queueWriteJson(context, SETTING_KEYS.highlightRanges, nextOwned);
  await context.sync();
  return { syncs: 2, cleared, added, skipped, owned: nextOwned };
}

/** Removes the product's highlights (its own ranges only). */
export async function removeHighlights(context: Excel.RequestContext): Promise<HighlightReport> {
  const { owned, sheets } = await readState(context);
  const cleared = queueClearOwned(context, owned, sheets);
  queueWriteJson(context, SETTING_KEYS.highlightRanges, []);
  await context.sync();
  return { syncs: 2, cleared, added: 0, skipped: [], owned: [] };
}
