/**
 * Per-workbook settings of the add-in, kept in `workbook.settings` (per file and add-in) as JSON
 * strings: thresholds, direction overrides, column-role corrections; the highlight and undo
 * modules keep their own keys here too. Reading all of them is one sync; writes are queued so a
 * caller can send them with whatever else it syncs.
 */
import type { ColumnRole } from "../annex/model";

export const SETTING_KEYS = {
  thresholds: "annex.thresholds",
  directionOverrides: "annex.directionOverrides",
  roleCorrections: "annex.roleCorrections",
  highlightRanges: "annex.highlightRanges",
  undo: "annex.undo",
} as const;

/** Achievement bands as fractions of the plan: "đạt và vượt", "trên 90%", "trên 50%". */
export interface AchievementThresholds {
  fullyMet: number;
  above90: number;
  above50: number;
}

/** Whether a larger value of an indicator is better (growth) or worse (poverty rate). */
export type Direction = "higherIsBetter" | "lowerIsBetter";

export interface AnnexSettings {
  thresholds: AchievementThresholds;
  /** A person's direction for an indicator, by the engine's indicator key. */
  directionOverrides: Record<string, Direction>;
  /** A person's column role, by "sheet!column letter" (e.g. "Phụ lục!G"). */
  roleCorrections: Record<string, ColumnRole>;
}

export const DEFAULT_SETTINGS: AnnexSettings = {
  thresholds: { fullyMet: 1, above90: 0.9, above50: 0.5 },
  directionOverrides: {},
  roleCorrections: {},
};

const ROLES: readonly ColumnRole[] = ["ordinal", "name", "unit", "value", "formula", "lead", "partner", "deadline", "status", "note"];

/** Queues the read of one setting; the returned function gives its parsed JSON after the sync. */
export function queueReadJson(context: Excel.RequestContext, key: string): () => unknown {
  const item = context.workbook.settings.getItemOrNullObject(key);
  item.load("value");
  return () => {
    if (item.isNullObject) return undefined;
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

/** All typed settings, in one sync; anything missing or malformed falls back to the default. */
export async function loadSettings(context: Excel.RequestContext): Promise<AnnexSettings> {
  const thresholds = queueReadJson(context, SETTING_KEYS.thresholds);
  const directions = queueReadJson(context, SETTING_KEYS.directionOverrides);
  const roles = queueReadJson(context, SETTING_KEYS.roleCorrections);
  await context.sync();
  return {
    thresholds: parseThresholds(thresholds()),
    directionOverrides: parseRecord(directions(), (v): v is Direction => v === "higherIsBetter" || v === "lowerIsBetter"),
    roleCorrections: parseRecord(roles(), (v): v is ColumnRole => ROLES.includes(v as ColumnRole)),
  };
}

/** Queues the given parts of the settings (no sync). */
export function queueSaveSettings(context: Excel.RequestContext, patch: Partial<AnnexSettings>): void {
  if (patch.thresholds) queueWriteJson(context, SETTING_KEYS.thresholds, parseThresholds(patch.thresholds));
  if (patch.directionOverrides) queueWriteJson(context, SETTING_KEYS.directionOverrides, patch.directionOverrides);
  if (patch.roleCorrections) queueWriteJson(context, SETTING_KEYS.roleCorrections, patch.roleCorrections);
}

export async function saveSettings(context: Excel.RequestContext, patch: Partial<AnnexSettings>): Promise<void> {
  queueSaveSettings(context, patch);
  await context.sync();
}

function parseThresholds(raw: unknown): AchievementThresholds {
  const d = DEFAULT_SETTINGS.thresholds;
  if (!raw || typeof raw !== "object") return { ...d };
  const o = raw as Record<string, unknown>;
  const pick = (k: keyof AchievementThresholds) => {
    const v = o[k];
    return typeof v === "number" && Number.isFinite(v) && v > 0 && v <= 10 ? v : d[k];
  };
  return { fullyMet: pick("fullyMet"), above90: pick("above90"), above50: pick("above50") };
}

function parseRecord<T>(raw: unknown, ok: (v: unknown) => v is T): Record<string, T> {
  const out: Record<string, T> = {};
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return out;
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) if (ok(v)) out[k] = v;
  return out;
}
