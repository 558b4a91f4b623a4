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
 *    to date by these calls), two when there is none or it has gone stale. A task list's rules go
 *    with the workbook name `AnnexAsOf` set to its as-of day, in the same sync.
 *  - updateAsOfName: one sync when the workbook has `AnnexAsOf` (the state says so), none when not.
 *  - canUndo: no sync while this pane holds a fill to undo; else one, once, to look for the undo a
 *    previous session saved in the workbook. undoFill: one sync.
 *  - selectCell, loadSettings, saveSettings: one sync each.
 *  - watchWorkbook: one sync to register `worksheets.onChanged` and `onActivated` (once per pane),
 *    one to remove them; each event is passed on without a sync (a sheet the pane has not seen
 *    yet costs one, to learn its name). See workbookEvents.ts.
 *
 * The undo goes to the very hidden sheet `_annex_undo`; whether it exists is learnt from the
 * sheet list the analysis reads anyway, so the fill still takes one sync. Undo reads the cells
 * first and stops, naming them, when a person changed any since the fill (two syncs).
 *
 * Every failure reaches the pane as a `PaneError` with Vietnamese and English text (see
 * errors.ts: editing a cell, a protected sheet, a payload too large…). A sheet without an annex is
 * not a failure: the analysis has no tables.
 */
import { analyzeSheet, bandsFromThresholds, type SheetSnapshot, type TableAnalysis } from "../annex";
import type { ColumnRole } from "../annex/model";
import type { CellArea } from "../annex/snapshot";
import { isoDate } from "../annex/tasks/dates";
import {
  DEFAULT_PANE_SETTINGS,
  PaneError,
  type FillResult,
  type PaneSettings,
  type SheetAnalysis,
  type SheetAnalyzer,
  type StopWatching,
  type WatchableAnnexService,
  type WorkbookChange,
  type WorkbookWatch,
} from "../taskpane/annexService";
import { isStateSheet } from "../sync/stateSheet";
import { parseQualifiedArea } from "./address";
import { queueChunkedExists } from "./chunkedSheet";
import { errorCode, toUserMessage } from "./errors";
import {
  applyHighlightRules,
  queueReadHighlightState,
  removeHighlights,
  setAsOfName,
  type HighlightReport,
  type HighlightState,
} from "./highlight";
import { selectCell } from "./navigate";
import { readSheet, type ReadOptions, type ReadReport } from "./readSnapshot";
import { loadSettings, saveSettings, type AnnexSettings } from "./settings";
import { loadUndo, UNDO_SHEET, undoHistory, undoLast, type UndoHistory, type UndoSheetKnowledge } from "./undo";
import { registerWorkbookEvents, workbookEventsSupported, type ExcelRunIn } from "./workbookEvents";
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
  /** A batch on an earlier request context, to remove event handlers (default `Excel.run(context, batch)`). */
  runIn?: ExcelRunIn;
  /** Where the engine runs on the snapshot read (default: in place; the pane passes a Web Worker's). */
  analyze?: SheetAnalyzer;
  /** The day of the check as "YYYY-MM-DD" (default: this computer's calendar): a task list without an as-of day is judged on it. */
  today?: () => string;
}

/** Today on this computer's calendar, as the engine takes a day. */
export function localToday(): string {
  const now = new Date();
  return isoDate(now.getFullYear(), now.getMonth() + 1, now.getDate())!;
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
): WatchableAnnexService & { diagnostics: ExcelAnnexServiceDiagnostics } {
  const history = options.history ?? undoHistory;
  const run = options.run ?? (<T>(batch: (context: Excel.RequestContext) => Promise<T>) => Excel.run(batch));
  const runIn: ExcelRunIn = options.runIn ?? ((context, batch) => Excel.run(context, batch));
  const today = options.today ?? localToday;
  const snapshots = new Map<string, SheetSnapshot>();
  let highlight: HighlightState | null = null;
  const undoSheet: UndoSheetKnowledge = { info: null };
  /** Sheet names by id, and the tables the last analysis found per sheet, for the events. */
  const sheetNames = new Map<string, string>();
  const analysedTables = new Map<string, CellArea[]>();
  let watching: { watch: WorkbookWatch; stop: Promise<StopWatching> } | null = null;
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
      if (state) {
        highlight = state;
        for (const sheet of state.sheets) sheetNames.set(sheet.id, sheet.name);
        // The sheet list tells whether the undo sheet exists: the fill then needs no sync to ask.
        if (!undoSheet.info) undoSheet.info = { exists: state.sheets.some((s) => s.name === UNDO_SHEET.name), lastRow: 0 };
      }
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
          asOf: settings.asOf,
          today: today(),
        };
        tables = options.analyze ? await options.analyze(snapshot, analyzeOptions) : analyzeSheet(snapshot, analyzeOptions);
      } catch (error) {
        throw toPaneError(error);
      }
      analysedTables.set(
        snapshot.sheet,
        tables.map((t) => t.table.range),
      );
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
          // Whether the undo sheet exists travels with the read's first sync.
          let exists: (() => boolean) | null = null;
          const along = undoSheet.info ? undefined : () => (exists = queueChunkedExists(context, UNDO_SHEET));
          const fresh = await readSheet(context, sheet, { ...options.read, alongFirstSync: along });
          snapshot = fresh.snapshot;
          if (exists) undoSheet.info = { exists: (exists as () => boolean)(), lastRow: 0 };
        }
        return applyFillPlan(context, sheet, plan, snapshot, { history, undoSheet });
      });
      diagnostics.lastWrite = report;
      // The cells changed: a later fill of this sheet reads it again rather than trust the old picture.
      snapshots.delete(plan.sheet);
      return { written: plan.writes.length };
    },

    async canUndo(): Promise<boolean> {
      if (history.peek()) return true;
      if (savedUndoChecked) return false;
      const saved = await call((context) => loadUndo(context, undoSheet));
      savedUndoChecked = true;
      // The undo a previous session saved: from now on it is this pane's to undo.
      if (saved) history.push(saved);
      return saved !== null;
    },

    async undoFill(): Promise<number> {
      const record = await call((context) => undoLast(context, history, undoSheet));
      savedUndoChecked = true;
      if (!record) return 0;
      snapshots.delete(record.sheet);
      return record.cells.length;
    },

    async applyHighlight(analysis: TableAnalysis): Promise<void> {
      // A task list: its state rules, and the name they compare deadlines with.
      const task = analysis.taskHighlight;
      const rules = task ? task.rules : analysis.rules;
      const report = await call((context) => applyHighlightRules(context, rules, highlight ?? undefined, task?.asOf));
      highlight = stateOf(report);
    },

    async removeHighlight(): Promise<void> {
      const report = await call((context) => removeHighlights(context, highlight ?? undefined));
      highlight = stateOf(report);
    },

    async updateAsOfName(asOf: string): Promise<boolean> {
      const report = await call((context) => setAsOfName(context, asOf, highlight ?? undefined));
      highlight = stateOf(report);
      return report.asOfName;
    },

    async selectCell(sheet: string, cell: string): Promise<void> {
      await call((context) => selectCell(context, sheet, cell));
    },

    async watchWorkbook(watch: WorkbookWatch): Promise<StopWatching> {
      if (watching) {
        // Registered once per pane: a second caller takes over the listener.
        watching.watch = watch;
        return await watching.stop;
      }
      if (!workbookEventsSupported()) return async () => undefined;
      const current: { watch: WorkbookWatch; stop: Promise<StopWatching> } = { watch, stop: Promise.resolve(async () => undefined) };
      const nameOf = async (id: string): Promise<string | null> => {
        const known = sheetNames.get(id);
        if (known !== undefined) return known;
        const name = await run(async (context) => {
          const sheet = context.workbook.worksheets.getItemOrNullObject(id);
          sheet.load("name");
          await context.sync();
          return sheet.isNullObject ? null : sheet.name;
        }).catch(() => null);
        if (name !== null) sheetNames.set(id, name);
        return name;
      };
      const registered = registerWorkbookEvents(run, runIn, {
        changed: async (args) => {
          const sheet = await nameOf(args.worksheetId);
          // The add-in's very hidden sheets (undo, sync state) are nobody's business in the pane.
          if (sheet !== null && (sheet === UNDO_SHEET.name || isStateSheet(sheet))) return;
          current.watch.sheetChanged?.(changeOf(args, sheet, sheet === null ? undefined : analysedTables.get(sheet)));
        },
        activated: async (args) => {
          const sheet = await nameOf(args.worksheetId);
          if (sheet !== null) current.watch.activeSheetChanged?.(sheet);
        },
      });
      current.stop = registered.then(
        (remove) => async () => {
          if (watching === current) watching = null;
          try {
            await remove();
          } catch (error) {
            throw toPaneError(error);
          }
        },
        (error: unknown) => {
          if (watching === current) watching = null;
          throw toPaneError(error);
        },
      );
      watching = current;
      return await current.stop;
    },
  };
}

function stateOf(report: HighlightReport): HighlightState {
  return { owned: report.owned, sheets: report.sheets, asOfName: report.asOfName };
}

/** An Excel change as the pane hears it: whether it touches a table the last analysis found there. */
export function changeOf(args: Excel.WorksheetChangedEventArgs, sheet: string | null, tables: CellArea[] | undefined): WorkbookChange {
  const changeType = String(args.changeType);
  let touchesAnalysis: boolean;
  if (changeType !== "RangeEdited" && changeType !== "Unknown") {
    touchesAnalysis = true; // rows, columns or cells inserted or deleted move the tables
  } else if (!tables) {
    touchesAnalysis = false;
  } else {
    try {
      const area = parseQualifiedArea(args.address).area;
      // A row typed right under a table may extend it.
      touchesAnalysis = tables.some(
        (t) => area.top <= t.bottom + 1 && t.top <= area.bottom && area.left <= t.right && t.left <= area.right,
      );
    } catch {
      touchesAnalysis = true;
    }
  }
  return { sheet, address: args.address, changeType, touchesAnalysis, byThisAddIn: String(args.triggerSource) === "ThisLocalAddin" };
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
    ...(settings.asOf ? { asOf: settings.asOf } : {}),
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
    asOf: settings.asOf ?? null,
  };
}
