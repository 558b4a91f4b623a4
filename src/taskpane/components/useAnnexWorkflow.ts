/**
 * What the annex sections do to the workbook: read the settings and undo state when the pane
 * opens, recognise the active sheet, save corrections and limits (then analyse again), fill,
 * undo, highlight, select a cell. Every call goes through `run` (one at a time, errors shown).
 */
import { startTransition, useEffect, useRef, useState } from "react";
import type { ColumnRole, TableAnalysis } from "../../annex";
import { DEFAULT_PANE_SETTINGS, type AnnexService, type PaneSettings, type SheetAnalysis } from "../annexService";
import { toPaneMessage } from "../errors";
import { useStrings } from "../i18n";
import { usePaneActions } from "./paneActions";

export interface AnnexWorkflow {
  settings: PaneSettings;
  analysis: SheetAnalysis | null;
  tableIndex: number;
  current: TableAnalysis | undefined;
  canUndo: boolean;
  selectTable(index: number): void;
  recognise(): void;
  changeRole(letter: string, role: ColumnRole): void;
  resetRoles(): void;
  saveThresholds(thresholds: number[]): void;
  saveTimeAware(timeAware: boolean): void;
  applyFill(): void;
  undoFill(): void;
  applyHighlight(): void;
  removeHighlight(): void;
  selectCell(sheet: string, cell: string): void;
}

export function useAnnexWorkflow(service: AnnexService): AnnexWorkflow {
  const s = useStrings();
  const { run, showError, showNotice, isMounted } = usePaneActions();
  const [settings, setSettings] = useState<PaneSettings>(DEFAULT_PANE_SETTINGS);
  const [analysis, setAnalysis] = useState<SheetAnalysis | null>(null);
  const [tableIndex, setTableIndex] = useState(0);
  const [canUndo, setCanUndo] = useState(false);
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
  const reanalyse = async (with_: PaneSettings) => {
    const result = await service.analyzeActiveSheet(with_);
    if (!isMounted()) return;
    // A transition: React renders a 5,000-row table's sections in slices, never blocking the pane
    // for long. The call (and the pane's busy state) ends once the new analysis is on screen.
    await new Promise<void>((resolve) => {
      shown.current = resolve;
      startTransition(() => {
        setAnalysis(result);
        setTableIndex((i) => (i < result.tables.length ? i : 0));
      });
    });
  };

  // Settings and the undo state are read once when the pane opens (and for another service).
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
    });
    // Only the service matters here; the helpers are recreated each render but read refs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [service]);

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
    selectTable: setTableIndex,

    recognise: () =>
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
      }),

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
        showNotice(s.highlightApplied(current.classification.ratioColumn ?? "", current.classification.bands.length));
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
