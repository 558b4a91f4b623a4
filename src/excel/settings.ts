/**
 * Per-workbook settings of the add-in, kept in `workbook.settings` (per file and add-in) as JSON
 * strings: thresholds, time-aware mode, direction overrides, column-role corrections, the as-of day
 * a person chose for task lists; the
 * highlight and undo modules keep their own keys here too. The values have the engine's own
 * shapes (thresholds in percent, highest first; directions "higher"/"lower"), so the pane's
 * settings map onto them without loss; the earlier shapes ({fullyMet, above90, above50} as
 * fractions, "higherIsBetter"/"lowerIsBetter") are still read. Reading all of them is one sync,
 * or none when queued with another read (`queueLoadSettings`); writes are queued so a caller can
 * send them with whatever else it syncs.
 */
import type { Direction } from "../annex/classify";
import type { ColumnRole } from "../annex/model";
import { parseIsoDate } from "../annex/tasks/dates";

export type { Direction } from "../annex/classify";

export const SETTING_KEYS = {
  thresholds: "annex.thresholds",
  timeAware: "annex.timeAware",
  directionOverrides: "annex.directionOverrides",
  roleCorrections: "annex.roleCorrections",
  asOf: "annex.asOf",
  highlightRanges: "annex.highlightRanges",
  undo: "annex.undo",
} as const;

export interface AnnexSettings {
  /** Achievement band limits in percent, highest first: [100, 90, 50]. */
  thresholds: number[];
  /** Compare with the progress due at the period in the headers instead of fixed bands. */
  timeAware: boolean;
  /** A person's direction for an indicator, by name or sheet row (as the engine takes them). */
  directionOverrides: Record<string, Direction>;
  /** A person's column role, by "sheet!column letter" (e.g. "Phụ lục!G"). */
  roleCorrections: Record<string, ColumnRole>;
  /** The ISO day task lists are judged on, as a person chose it; null: the title's, else today. */
  asOf: string | null;
}

export const DEFAULT_SETTINGS: AnnexSettings = {
  thresholds: [100, 90, 50],
  timeAware: false,
  directionOverrides: {},
  roleCorrections: {},
  asOf: null,
};

/** Band limits a person may set, in percent. */
const MAX_THRESHOLDS = 6;
const MAX_THRESHOLD_PERCENT = 1000;

const ROLES: readonly ColumnRole[] = ["ordinal", "name", "unit", "value", "formula", "lead", "partner", "deadline", "status", "note"];

/** Queues the read of one setting; the returned function gives its parsed JSON after the sync. */
export function queueReadJson(context: Excel.RequestContext, key: string): () => unknown {
  const item = context.workbook.settings.getItemOrNullObject(key);
  item.load("value");
  // Read only when the caller calls the returned function, after its sync (the lint rules cannot
  // see through the closure).
  return () => {
    // eslint-disable-next-line office-addins/call-sync-before-read
    if (item.isNullObject) return undefined;
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load
    const raw: unknown = item.value;
    if (typeof raw !== "string") return raw ?? undefined;
    if (raw === "") return undefined;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return undefined;
    }
  };
}

/** Queues a setting write as a JSON string (nothing is sent until the next sync). */
export function queueWriteJson(context: Excel.RequestContext, key: string, value: unknown): void {
  context.workbook.settings.add(key, JSON.stringify(value));
}

/** Queues a raw string setting (already JSON, or "" for none). */
export function queueWriteString(context: Excel.RequestContext, key: string, value: string): void {
  context.workbook.settings.add(key, value);
}

/** Queues the read of all typed settings (no sync); the function gives them after the next sync. */
export function queueLoadSettings(context: Excel.RequestContext): () => AnnexSettings {
  const thresholds = queueReadJson(context, SETTING_KEYS.thresholds);
  const timeAware = queueReadJson(context, SETTING_KEYS.timeAware);
  const directions = queueReadJson(context, SETTING_KEYS.directionOverrides);
  const roles = queueReadJson(context, SETTING_KEYS.roleCorrections);
  const asOf = queueReadJson(context, SETTING_KEYS.asOf);
  return () => ({
    thresholds: parseThresholds(thresholds()),
    timeAware: timeAware() === true,
    directionOverrides: parseDirections(directions()),
    roleCorrections: parseRecord(roles(), (v): v is ColumnRole => ROLES.includes(v as ColumnRole)),
    asOf: parseAsOf(asOf()),
  });
}

/** All typed settings, in one sync; anything missing or malformed falls back to the default. */
export async function loadSettings(context: Excel.RequestContext): Promise<AnnexSettings> {
  const read = queueLoadSettings(context);
  await context.sync();
  return read();
}

/** Queues the given parts of the settings (no sync). */
export function queueSaveSettings(context: Excel.RequestContext, patch: Partial<AnnexSettings>): void {
  if (patch.thresholds) queueWriteJson(context, SETTING_KEYS.thresholds, parseThresholds(patch.thresholds));
  if (patch.timeAware !== undefined) queueWriteJson(context, SETTING_KEYS.timeAware, patch.timeAware === true);
  if (patch.directionOverrides) queueWriteJson(context, SETTING_KEYS.directionOverrides, parseDirections(patch.directionOverrides));
  if (patch.roleCorrections) queueWriteJson(context, SETTING_KEYS.roleCorrections, patch.roleCorrections);
  if (patch.asOf !== undefined) queueWriteJson(context, SETTING_KEYS.asOf, parseAsOf(patch.asOf));
}

/** A real day as "YYYY-MM-DD", else null (none chosen). */
export function parseAsOf(raw: unknown): string | null {
  return typeof raw === "string" ? parseIsoDate(raw) : null;
}

export async function saveSettings(context: Excel.RequestContext, patch: Partial<AnnexSettings>): Promise<void> {
  queueSaveSettings(context, patch);
  await context.sync();
}

/** Percent limits, distinct, highest first; the earlier {fullyMet, above90, above50} fractions too. */
export function parseThresholds(raw: unknown): number[] {
  let list: unknown[] | null = null;
  if (Array.isArray(raw)) list = raw;
  else if (raw && typeof raw === "object") {
    const o = raw as Record<string, unknown>;
    const d = [1, 0.9, 0.5];
    list = (["fullyMet", "above90", "above50"] as const).map((k, i) => {
      const v = o[k];
      return (typeof v === "number" && Number.isFinite(v) && v > 0 && v <= 10 ? v : d[i]) * 100;
    });
  }
  if (!list || list.length === 0 || list.length > MAX_THRESHOLDS) return [...DEFAULT_SETTINGS.thresholds];
  const ok = list.every((v) => typeof v === "number" && Number.isFinite(v) && v > 0 && v <= MAX_THRESHOLD_PERCENT);
  if (!ok) return [...DEFAULT_SETTINGS.thresholds];
  const rounded = (list as number[]).map((v) => Number(v.toPrecision(12)));
  return [...new Set(rounded)].sort((a, b) => b - a);
}

function parseDirections(raw: unknown): Record<string, Direction> {
  const out: Record<string, Direction> = {};
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return out;
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (v === "higher" || v === "higherIsBetter") out[k] = "higher";
    else if (v === "lower" || v === "lowerIsBetter") out[k] = "lower";
  }
  return out;
}

function parseRecord<T>(raw: unknown, ok: (v: unknown) => v is T): Record<string, T> {
  const out: Record<string, T> = {};
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return out;
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) if (ok(v)) out[k] = v;
  return out;
}
