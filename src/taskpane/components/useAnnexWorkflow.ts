/**
 * What the annex sections do to the workbook: read the settings and undo state when the pane
 * opens, recognise the active sheet, save corrections and limits (then analyse again), fill,
 * undo, highlight, select a cell. Every call goes through `run` (one at a time, errors shown).
 *
 * With a service that hears Excel's events (`canWatchWorkbook`) the pane recognises the active
 * sheet by itself once the settings are read, and keeps the analysis current (useWorkbookWatch.ts).
 */
import { startTransition, useCallback, useEffect, useRef, useState } from "react";
import type { ColumnRole, TableAnalysis } from "../../annex";
import { canWatchWorkbook, DEFAULT_PANE_SETTINGS, type AnnexService, type PaneSettings, type SheetAnalysis } from "../annexService";
import { toPaneMessage } from "../errors";
import { formatDate } from "../format";
import { useLanguage, useStrings } from "../i18n";
import { usePaneActions } from "./paneActions";
import { useWorkbookWatch } from "./useWorkbookWatch";

export interface AnnexWorkflow {
  settings: PaneSettings;
  analysis: SheetAnalysis | null;
  tableIndex: number;
  current: TableAnalysis | undefined;
  canUndo: boolean;
  /** The table changed while an action was running: the results may be out of date. */
  stale: boolean;
  selectTable(index: number): void;
  recognise(): void;
  /** Inside a running call that wrote cells (a sync that pulled values): analyse again before it ends. */
  refreshAfterWrite(): Promise<void>;
  changeRole(letter: string, role: ColumnRole): void;
  resetRoles(): void;
  saveThresholds(thresholds: number[]): void;
  saveTimeAware(timeAware: boolean): void;
  /** A task list's as-of day as a person chose it (null: the title's, else today): saved, the name `AnnexAsOf` follows, analysed again. */
  saveAsOf(asOf: string | null): void;
  applyFill(): void;
  undoFill(): void;
  applyHighlight(): void;
  removeHighlight(): void;
  selectCell(sheet: string, cell: string): void;
}

/** Sheet rows a task list's rules colour (each block once, whatever the number of its rules). */
function colouredRows(rules: { range: string; rows: [number, number] }[]): number {
  const blocks = new Map(rules.map((r) => [r.range, r.rows[1] - r.rows[0] + 1]));
  return [...blocks.values()].reduce((n, rows) => n + rows, 0);
}

export function useAnnexWorkflow(service: AnnexService): AnnexWorkflow {
  const s = useStrings();
  const language = useLanguage();
  const { run, showError, showNotice, isMounted } = usePaneActions();
  const [settings, setSettings] = useState<PaneSettings>(DEFAULT_PANE_SETTINGS);
  const [analysis, setAnalysis] = useState<SheetAnalysis | null>(null);
  const [tableIndex, setTableIndex] = useState(0);
  const [canUndo, setCanUndo] = useState(false);
  const [stale, setStale] = useState(false);
  // Event handlers read the sheet analysed last without waiting for a render.
  const analysisRef = useRef<SheetAnalysis | null>(null);
  // Counts the changes that made the results stale: an analysis clears `stale` only if none came after it started.
  const staleMarks = useRef(0);
  // The async flows read the latest settings without waiting for a render.
  const settingsRef = useRef<{ settings: PaneSettings; loaded: boolean }>({ settings: DEFAULT_PANE_SETTINGS, loaded: false });

  const applySettings = (next: PaneSettings) => {
    settingsRef.current = { settings: next, loaded: true };
    if (isMounted()) setSettings(next);
  };

  const ensureSettings = async (): Promise<PaneSettings> => {
    if (!settingsRef.current.loaded) applySettings({ ...DEFAULT_PANE_SETTINGS, ...(await service.loadSettings()) });
    return settingsRef.current.settings;
  };

  const refreshUndo = async () => {
    const can = await service.canUndo();
    if (isMounted()) setCanUndo(can);
  };

  // Resolves the wait of `reanalyse` once a new analysis has been rendered.
  const shown = useRef<(() => void) | null>(null);
  useEffect(() => {
    shown.current?.();
    shown.current = null;
  }, [analysis]);

  /** Analyse the active sheet again, keeping the chosen table when it is still there. */
  const reanalyse = useCallback(
    async (with_: PaneSettings) => {
      const marks = staleMarks.current;
      const result = await service.analyzeActiveSheet(with_);
      if (!isMounted()) return;
      analysisRef.current = result;
      // A transition: React renders a 5,000-row table's sections in slices, never blocking the pane
      // for long. The call (and the pane's busy state) ends once the new analysis is on screen.
      await new Promise<void>((resolve) => {
        shown.current = resolve;
        startTransition(() => {
          setAnalysis(result);
          setTableIndex((i) => (i < result.tables.length ? i : 0));
          if (staleMarks.current === marks) setStale(false);
        });
      });
    },
    [service, isMounted],
  );

  /** Read the settings if need be, then analyse the active sheet. */
  const recognise = () =>
    void run("analyze", async () => {
      let loaded: PaneSettings;
      try {
        loaded = await ensureSettings();
      } catch (err) {
        // Unreadable settings must not block the pane: say so, and analyse with the defaults.
        showError(toPaneMessage(err));
        loaded = settingsRef.current.settings;
      }
      await reanalyse(loaded);
      await refreshUndo();
    });

  // Settings and the undo state are read once when the pane opens (and for another service); a
  // service that hears Excel's events then recognises the active sheet without a click.
  const opened = useRef<AnnexService | null>(null);
  useEffect(() => {
    if (opened.current === service) return;
    opened.current = service;
    void run("load", async () => {
      try {
        await ensureSettings();
      } catch (err) {
        showError(toPaneMessage(err));
      }
      await refreshUndo();
    }).then(() => {
      if (canWatchWorkbook(service) && isMounted()) recognise();
    });
    // Only the service matters here; the helpers are recreated each render but read refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [service]);

  // Always current: Excel's changes and sheet activations, for as long as the pane is open.
  const analysedSheet = useCallback(() => analysisRef.current?.sheet ?? null, []);
  const refreshNow = useCallback(() => reanalyse(settingsRef.current.settings), [reanalyse]);
  const markStale = useCallback(() => {
    staleMarks.current++;
    if (isMounted()) setStale(true);
  }, [isMounted]);
  useWorkbookWatch(service, { analysedSheet, refresh: refreshNow, markStale });

  const saveAndReanalyse = (next: PaneSettings) =>
    void run("save", async () => {
      await service.saveSettings(next);
      applySettings(next);
      await reanalyse(next);
    });

  const current = analysis?.tables[tableIndex];

  return {
    settings,
    analysis,
    tableIndex,
    current,
    canUndo,
    stale,
    selectTable: setTableIndex,

    recognise,
    refreshAfterWrite: refreshNow,

    changeRole: (letter, role) => {
      if (!analysis) return;
      const base = settingsRef.current.settings;
      const sheet = analysis.sheet;
      saveAndReanalyse({ ...base, roles: { ...base.roles, [sheet]: { ...(base.roles[sheet] ?? {}), [letter]: role } } });
    },

    resetRoles: () => {
      if (!analysis) return;
      const base = settingsRef.current.settings;
      const roles = { ...base.roles };
      delete roles[analysis.sheet];
      saveAndReanalyse({ ...base, roles });
    },

    saveThresholds: (thresholds) => saveAndReanalyse({ ...settingsRef.current.settings, thresholds }),
    saveTimeAware: (timeAware) => saveAndReanalyse({ ...settingsRef.current.settings, timeAware }),

    saveAsOf: (asOf) =>
      void run("save", async () => {
        const next: PaneSettings = { ...settingsRef.current.settings };
        if (asOf) next.asOf = asOf;
        else delete next.asOf;
        await service.saveSettings(next);
        applySettings(next);
        await reanalyse(next);
        // The day the task lists are judged on now (the title's when none is chosen): the colours follow it.
        const tables = analysisRef.current?.tables ?? [];
        const day = (tables[tableIndex] ?? tables.find((t) => t.table.kind === "tasks"))?.table.asOf;
        if (!day) return;
        const recoloured = service.updateAsOfName ? await service.updateAsOfName(day) : false;
        showNotice(s.tasksAsOfChanged(formatDate(day, language), recoloured));
      }),

    applyFill: () => {
      if (!current) return;
      void run("fill", async () => {
        const { written } = await service.applyFill(current);
        showNotice(s.fillWritten(written));
        await refreshUndo();
        await reanalyse(settingsRef.current.settings);
      });
    },

    undoFill: () =>
      void run("undo", async () => {
        const restored = await service.undoFill();
        showNotice(s.fillUndone(restored));
        await refreshUndo();
        await reanalyse(settingsRef.current.settings);
      }),

    applyHighlight: () => {
      if (!current) return;
      void run("highlight", async () => {
        await service.applyHighlight(current);
        const task = current.taskHighlight;
        showNotice(
          task
            ? s.taskHighlightApplied(colouredRows(task.rules), task.asOf ? formatDate(task.asOf, language) : "")
            : s.highlightApplied(current.classification.ratioColumn ?? "", current.classification.bands.length),
        );
      });
    },

    removeHighlight: () =>
      void run("unhighlight", async () => {
        await service.removeHighlight();
        showNotice(s.highlightRemoved);
      }),

    selectCell: (sheet, cell) => void run("select", () => service.selectCell(sheet, cell), { keepNotice: true }),
  };
}
