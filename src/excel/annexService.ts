/**
 * The pane's `AnnexService` on the Excel JavaScript API: each call is one `Excel.run`, and the
 * syncs are kept to what the payload needs.
 *
 *  - analyzeActiveSheet: the snapshot read (two syncs for an ordinary annex of any length) with the
 *    highlight state (owned ranges, sheet ids) queued into its first sync; the engine runs on the
 *    snapshot with the pane's settings. The snapshot is kept, per sheet, for the fill.
 *  - applyFill: one sync — the writes and the undo record together, the undo taken from the kept
 *    snapshot (the sheet is read first only when there is none for the plan's sheet).
 *  - applyHighlight / removeHighlight: one sync with the state read during the analysis (kept up
 *    to date by these calls), two when there is none or it has gone stale.
 *  - canUndo: no sync while this pane holds a fill to undo; else one, once, to look for the undo a
 *    previous session saved in the workbook. undoFill: one sync.
 *  - selectCell, loadSettings, saveSettings: one sync each.
 *
 * Every failure reaches the pane as a `PaneError` with Vietnamese and English text (see
 * errors.ts: editing a cell, a protected sheet, a payload too large…). A sheet without an annex is
 * not a failure: the analysis has no tables.
 */
import { analyzeSheet, bandsFromThresholds, type SheetSnapshot, type TableAnalysis } from "../annex";
import type { ColumnRole } from "../annex/model";
import {
  DEFAULT_PANE_SETTINGS,
  PaneError,
  type AnnexService,
  type FillResult,
  type PaneSettings,
  type SheetAnalysis,
  type SheetAnalyzer,
} from "../taskpane/annexService";
import { errorCode, toUserMessage } from "./errors";
import { applyHighlightRules, queueReadHighlightState, removeHighlights, type HighlightState } from "./highlight";
import { selectCell } from "./navigate";
import { readSheet, type ReadOptions, type ReadReport } from "./readSnapshot";
import { loadSettings, saveSettings, type AnnexSettings } from "./settings";
import { loadUndo, undoHistory, undoLast, type UndoHistory } from "./undo";
import { applyFillPlan, type WriteReport } from "./writePlan";

/** An Office failure as the pane shows it, with the Office code kept for logs and tests. */
export class ExcelPaneError extends PaneError {
  constructor(
    vi: string,
    en: string,
    readonly code: string,
  ) {
    super(vi, en);
    this.name = "ExcelPaneError";
  }
}

export interface ExcelAnnexServiceOptions {
  /** The undo history (default: the pane's shared one). */
  history?: UndoHistory;
  /** Options for the snapshot reads (tests lower the budgets). */
  read?: Omit<ReadOptions, "alongFirstSync">;
  /** How each call reaches Excel (default `Excel.run`). */
  run?: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
  /** Where the engine runs on the snapshot read (default: in place; the pane passes a Web Worker's). */
  analyze?: SheetAnalyzer;
}

/** What the last calls did, for diagnostics and tests. */
export interface ExcelAnnexServiceDiagnostics {
  lastRead: ReadReport | null;
  lastWrite: WriteReport | null;
}

/** Snapshots kept for fills: the sheets analysed last. */
const KEPT_SNAPSHOTS = 4;

export function createExcelAnnexService(
  options: ExcelAnnexServiceOptions = {},
): AnnexService & { diagnostics: ExcelAnnexServiceDiagnostics } {
  const history = options.history ?? undoHistory;
  const run = options.run ?? (<T>(batch: (context: Excel.RequestContext) => Promise<T>) => Excel.run(batch));
  const snapshots = new Map<string, SheetSnapshot>();
  let highlight: HighlightState | null = null;
  /** Whether the workbook's saved undo has been looked for since the pane opened. */
  let savedUndoChecked = false;
  const diagnostics: ExcelAnnexServiceDiagnostics = { lastRead: null, lastWrite: null };

  const keep = (snapshot: SheetSnapshot) => {
    snapshots.delete(snapshot.sheet);
    snapshots.set(snapshot.sheet, snapshot);
    while (snapshots.size > KEPT_SNAPSHOTS) snapshots.delete(snapshots.keys().next().value as string);
  };

  /** One Excel.run; any failure becomes a PaneError. */
  const call = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    try {
      return await run(batch);
    } catch (error) {
      throw toPaneError(error);
    }
  };

  return {
    diagnostics,

    async loadSettings(): Promise<PaneSettings> {
      return toPaneSettings(await call((context) => loadSettings(context)));
    },

    async saveSettings(settings: PaneSettings): Promise<void> {
      await call((context) => saveSettings(context, fromPaneSettings(settings)));
    },

    async analyzeActiveSheet(settings: PaneSettings): Promise<SheetAnalysis> {
      const { report, state } = await call(async (context) => {
        const sheet = context.workbook.worksheets.getActiveWorksheet();
        // The highlight state travels with the snapshot's first sync (queued again if it is repeated).
        const queued: { state?: () => HighlightState } = {};
        const report = await readSheet(context, sheet, {
          ...options.read,
          alongFirstSync: () => (queued.state = queueReadHighlightState(context)),
        });
        return { report, state: queued.state ? queued.state() : null };
      });
      diagnostics.lastRead = report;
      if (state) highlight = state;
      const snapshot = report.snapshot;
      keep(snapshot);
      const thresholds = settings.thresholds.length ? settings.thresholds : DEFAULT_PANE_SETTINGS.thresholds;
      let tables: TableAnalysis[];
      try {
        const analyzeOptions = {
          bands: bandsFromThresholds(thresholds),
          timeAware: settings.timeAware,
          directions: settings.directions,
          roles: settings.roles[snapshot.sheet],
        };
        tables = options.analyze ? await options.analyze(snapshot, analyzeOptions) : analyzeSheet(snapshot, analyzeOptions);
      } catch (error) {
        throw toPaneError(error);
      }
      return { sheet: snapshot.sheet, tables, mergesRead: report.mergesRead };
    },

    async applyFill(analysis: TableAnalysis): Promise<FillResult> {
      const plan = analysis.plan;
      if (plan.writes.length === 0) return { written: 0 };
      const report = await call(async (context) => {
        const sheet = context.workbook.worksheets.getItem(plan.sheet);
        // The snapshot the plan was made from gives the undo record; read only if there is none.
        let snapshot = snapshots.get(plan.sheet);
        if (!snapshot) {
          const fresh = await readSheet(context, sheet, options.read);
          snapshot = fresh.snapshot;
        }
        return applyFillPlan(context, sheet, plan, snapshot, { history });
      });
      diagnostics.lastWrite = report;
      // The cells changed: a later fill of this sheet reads it again rather than trust the old picture.
      snapshots.delete(plan.sheet);
      return { written: plan.writes.length };
    },

    async canUndo(): Promise<boolean> {
      if (history.peek()) return true;
      if (savedUndoChecked) return false;
      const saved = await call((context) => loadUndo(context));
      savedUndoChecked = true;
      // The undo a previous session saved: from now on it is this pane's to undo.
      if (saved) history.push(saved);
      return saved !== null;
    },

    async undoFill(): Promise<number> {
      const record = await call((context) => undoLast(context, history));
      savedUndoChecked = true;
      if (!record) return 0;
      snapshots.delete(record.sheet);
      return record.cells.length;
    },

    async applyHighlight(analysis: TableAnalysis): Promise<void> {
      const report = await call((context) => applyHighlightRules(context, analysis.rules, highlight ?? undefined));
      highlight = { owned: report.owned, sheets: report.sheets };
    },

    async removeHighlight(): Promise<void> {
      const report = await call((context) => removeHighlights(context, highlight ?? undefined));
      highlight = { owned: report.owned, sheets: report.sheets };
    },

    async selectCell(sheet: string, cell: string): Promise<void> {
      await call((context) => selectCell(context, sheet, cell));
    },
  };
}

/** Any error as the pane shows it: Office codes through `toUserMessage`, a PaneError as it is. */
export function toPaneError(error: unknown): PaneError {
  if (error instanceof PaneError) return error;
  const message = toUserMessage(error);
  if (!errorCode(error)) console.error("Trợ lý Phụ lục: unexpected error", error);
  return new ExcelPaneError(message.vi, message.en, message.code);
}

export function toPaneSettings(settings: AnnexSettings): PaneSettings {
  const roles: Record<string, Record<string, ColumnRole>> = {};
  for (const [key, role] of Object.entries(settings.roleCorrections)) {
    // "sheet!letter": a sheet name may hold "!", a column letter never does.
    const bang = key.lastIndexOf("!");
    if (bang <= 0) continue;
    const sheet = key.slice(0, bang);
    (roles[sheet] ??= {})[key.slice(bang + 1)] = role;
  }
  return {
    thresholds: [...settings.thresholds],
    timeAware: settings.timeAware,
    directions: { ...settings.directionOverrides },
    roles,
  };
}

export function fromPaneSettings(settings: PaneSettings): AnnexSettings {
  const roleCorrections: Record<string, ColumnRole> = {};
  for (const [sheet, letters] of Object.entries(settings.roles)) {
    for (const [letter, role] of Object.entries(letters)) roleCorrections[`${sheet}!${letter}`] = role;
  }
  return {
    thresholds: [...settings.thresholds],
    timeAware: settings.timeAware,
    directionOverrides: { ...settings.directions },
    roleCorrections,
  };
}
