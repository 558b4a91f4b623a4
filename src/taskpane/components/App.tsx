/**
 * The task pane: recognise the annex tables of the active sheet, then five sections (tables,
 * fill, highlight, findings, summary). Every workbook call goes through the `AnnexService` it is
 * given, so tests and the browser harness can render it against other implementations.
 *
 * Test ids for end-to-end tests:
 * - pane: `recognise-button`, `progress` (inside `progress-region`), `error-bar` (+ `error-bar-dismiss`),
 *   `notice-bar` (+ `-dismiss`), `no-annex`, `sheet-line`, `tab-tables|fill|highlight|findings|summary`, `panel-…`;
 * - tables: `merges-warning`, `table-select`, `table-facts`, `table-title`, `table-range`, `table-rows`,
 *   `columns-list`, `column-<letter>`, `role-<letter>` (the Dropdown button), `roles-reset`;
 * - fill: `fill-confirm`, `fill-nothing`, `fill-apply`, `fill-undo`, `fill-only-changed`, `fill-preview`,
 *   `fill-row-<cell>` (with `data-changes-value`), `fill-skipped`, `skipped-<cell>`;
 * - highlight: `bands-list`, `band-<id>`, `band-count-<id>`, `band-unrated`, `legend-<id>`, `time-aware-switch`,
 *   `period`, `threshold-<i>`, `thresholds-save`, `thresholds-reset`, `highlight-apply`, `highlight-remove`;
 * - findings: `findings-totals`, `findings-<severity>`, `findings-count-<severity>`, `finding-<cell>` (with
 *   `data-severity`; a cell may appear under two severities, so scope by `findings-<severity>`), `all-clear`;
 * - summary: `summary-text`, `copy-button`, `copy-confirmation`, `copy-failed`;
 * - sync (with a `syncService`): `tab-sync`, `sync-kind-local|sharepoint`, `sync-list-url`, `sync-token`,
 *   `sync-client-id`, `sync-connect`, `sync-user`, `sync-connected`, `sync-button`, `sync-last`, `sync-progress`,
 *   `sync-key-confirm` (+ `sync-key-accept`, `sync-key-cancel`), `sync-report`, `sync-created|updated|pulled|requests`,
 *   `sync-conflicts`, `conflict-<i>` (+ `-workbook`, `-list`, `-base`, `-keep`, `-take`), `conflicts-keep-all|take-all`;
 * - departments: `tab-department`, `department-not-connected`, `department-select`, `liaison-name`, `department-rows`,
 *   `department-row-<key>`, `plan-<key>`, `estimate-<key>`, `note-<key>`, `confirm-<key>`, `save-<key>`, `saved-<key>`,
 *   `confirmations-table`, `confirmation-<i>` (+ `-ratio`, `-status`, `-time`), `confirmations-refresh`.
 */
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Spinner,
  Tab,
  TabList,
  Title3,
  makeStyles,
  tokens,
  type SelectTabData,
  type SelectTabEvent,
} from "@fluentui/react-components";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ColumnRole, TableAnalysis } from "../../annex";
import { DEFAULT_PANE_SETTINGS, type AnnexService, type PaneSettings, type SheetAnalysis } from "../annexService";
import { toPaneMessage, type PaneMessage } from "../errors";
import { StringsProvider, useLanguage, useStrings, type Language, type Strings } from "../i18n";
import type { SyncService } from "../syncService";
import { DepartmentSection } from "./DepartmentSection";
import { FillSection } from "./FillSection";
import { FindingsSection } from "./FindingsSection";
import { HighlightSection } from "./HighlightSection";
import { Notice } from "./Notices";
import { SummarySection } from "./SummarySection";
import { formFromStatus, INITIAL_SYNC_MODEL, SyncSection, type SyncModel } from "./SyncSection";
import { TablesSection } from "./TablesSection";

export type BusyKind = keyof Strings["busy"];
export type SectionId = "tables" | "fill" | "highlight" | "findings" | "summary" | "sync" | "department";

/** The annex sections; the sync sections follow when the pane has a sync service. */
export const SECTIONS: SectionId[] = ["tables", "fill", "highlight", "findings", "summary"];
export const SYNC_SECTIONS: SectionId[] = ["sync", "department"];

/** A call that has not finished after this long shows a spinner (buttons are disabled at once). */
export const PROGRESS_DELAY_MS = 300;

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    minWidth: 0,
    // Spacing comes from the flex gaps; the browser's own margins on headings and paragraphs would double it.
    "& h1, & h2, & p, & ul, & dl": { marginTop: 0, marginBottom: 0 },
  },
  header: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  subtitle: { color: tokens.colorNeutralForeground3 },
  toolbar: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
  },
  status: { minHeight: "20px" },
  tabs: { flexWrap: "wrap" },
  panel: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
  messages: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
});

export interface AppProps {
  service: AnnexService;
  /** The shared-list sync; without it the pane has no sync tabs. */
  syncService?: SyncService;
  language?: Language;
}

export default function App({ service, syncService, language = "vi" }: AppProps) {
  return (
    <StringsProvider language={language}>
      <Pane service={service} syncService={syncService} />
    </StringsProvider>
  );
}

/** Distinct lead units of a table's rows, in table order. */
function leadsOf(analysis: TableAnalysis | undefined): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of analysis?.table.rows ?? []) {
    const lead = r.kind === "section" ? null : r.lead?.trim();
    if (lead && !seen.has(lead)) {
      seen.add(lead);
      out.push(lead);
    }
  }
  return out;
}

function Pane({ service, syncService }: { service: AnnexService; syncService?: SyncService }) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();

  const [settings, setSettings] = useState<PaneSettings>(DEFAULT_PANE_SETTINGS);
  const [analysis, setAnalysis] = useState<SheetAnalysis | null>(null);
  const [tableIndex, setTableIndex] = useState(0);
  const [section, setSection] = useState<SectionId>("tables");
  const [canUndo, setCanUndo] = useState(false);
  const [error, setError] = useState<PaneMessage | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<BusyKind | null>(null);
  const [slow, setSlow] = useState(false);
  const [syncModel, setSyncModel] = useState<SyncModel>(INITIAL_SYNC_MODEL);

  // Refs mirror state for the async flows, which must not read stale closures.
  const busyRef = useRef<BusyKind | null>(null);
  const settingsRef = useRef<{ settings: PaneSettings; loaded: boolean }>({ settings: DEFAULT_PANE_SETTINGS, loaded: false });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // The spinner appears only for calls that take a while; the pane never freezes silently.
  useEffect(() => {
    if (!busy) {
      setSlow(false);
      return;
    }
    const timer = setTimeout(() => setSlow(true), PROGRESS_DELAY_MS);
    return () => clearTimeout(timer);
  }, [busy]);

  /** Runs one call at a time: disables the buttons, shows progress, shows any failure. */
  const run = useCallback(async (kind: BusyKind, work: () => Promise<void>, keepNotice = false): Promise<void> => {
    if (busyRef.current) return;
    busyRef.current = kind;
    setBusy(kind);
    setError(null);
    if (!keepNotice) setNotice(null);
    try {
      await work();
    } catch (err) {
      if (mounted.current) setError(toPaneMessage(err));
    } finally {
      busyRef.current = null;
      if (mounted.current) setBusy(null);
    }
  }, []);

  const applySettings = (next: PaneSettings) => {
    settingsRef.current = { settings: next, loaded: true };
    if (mounted.current) setSettings(next);
  };

  const ensureSettings = async (): Promise<PaneSettings> => {
    if (!settingsRef.current.loaded) applySettings({ ...DEFAULT_PANE_SETTINGS, ...(await service.loadSettings()) });
    return settingsRef.current.settings;
  };

  const refreshUndo = async () => {
    const can = await service.canUndo();
    if (mounted.current) setCanUndo(can);
  };

  /** Analyse the active sheet again, keeping the chosen table when it is still there. */
  const reanalyse = async (with_: PaneSettings) => {
    const result = await service.analyzeActiveSheet(with_);
    if (!mounted.current) return;
    setAnalysis(result);
    setTableIndex((i) => (i < result.tables.length ? i : 0));
  };

  // Settings and the undo state are read once when the pane opens.
  useEffect(() => {
    void run("load", async () => {
      try {
        await ensureSettings();
      } catch (err) {
        if (mounted.current) setError(toPaneMessage(err));
      }
      await refreshUndo();
    });
  }, [service]);

  const current: TableAnalysis | undefined = analysis?.tables[tableIndex];
  const isBusy = busy !== null;

  const recognise = () =>
    run("analyze", async () => {
      let loaded: PaneSettings;
      try {
        loaded = await ensureSettings();
      } catch (err) {
        // Unreadable settings must not block the pane: say so, and analyse with the defaults.
        if (mounted.current) setError(toPaneMessage(err));
        loaded = settingsRef.current.settings;
      }
      await reanalyse(loaded);
      await refreshUndo();
    });

  const saveAndReanalyse = (next: PaneSettings) =>
    run("save", async () => {
      await service.saveSettings(next);
      applySettings(next);
      await reanalyse(next);
    });

  const changeRole = (letter: string, role: ColumnRole) => {
    if (!analysis) return;
    const base = settingsRef.current.settings;
    const sheet = analysis.sheet;
    void saveAndReanalyse({ ...base, roles: { ...base.roles, [sheet]: { ...(base.roles[sheet] ?? {}), [letter]: role } } });
  };

  const resetRoles = () => {
    if (!analysis) return;
    const base = settingsRef.current.settings;
    const roles = { ...base.roles };
    delete roles[analysis.sheet];
    void saveAndReanalyse({ ...base, roles });
  };

  const saveThresholds = (thresholds: number[]) => void saveAndReanalyse({ ...settingsRef.current.settings, thresholds });
  const saveTimeAware = (timeAware: boolean) => void saveAndReanalyse({ ...settingsRef.current.settings, timeAware });

  const applyFill = () => {
    if (!current) return;
    void run("fill", async () => {
      const { written } = await service.applyFill(current);
      if (mounted.current) setNotice(s.fillWritten(written));
      await refreshUndo();
      await reanalyse(settingsRef.current.settings);
    });
  };

  const undoFill = () =>
    void run("undo", async () => {
      const restored = await service.undoFill();
      if (mounted.current) setNotice(s.fillUndone(restored));
      await refreshUndo();
      await reanalyse(settingsRef.current.settings);
    });

  const applyHighlight = () => {
    if (!current) return;
    void run("highlight", async () => {
      await service.applyHighlight(current);
      const bands = current.classification.bands.length;
      if (mounted.current) setNotice(s.highlightApplied(current.classification.ratioColumn ?? "", bands));
    });
  };

  const removeHighlight = () =>
    void run("unhighlight", async () => {
      await service.removeHighlight();
      if (mounted.current) setNotice(s.highlightRemoved);
    });

  const selectCell = (sheet: string, cell: string) => void run("select", () => service.selectCell(sheet, cell), true);

  const onTabSelect = (_: SelectTabEvent, data: SelectTabData) => setSection(data.value as SectionId);

  // What the workbook remembers about its list is read when a sync tab first opens.
  // (Once: a failure is shown in the error bar, and connecting reads it again.)
  const syncOpen = section === "sync" || section === "department";
  const statusRequested = useRef(false);
  useEffect(() => {
    if (!syncService || !syncOpen || syncModel.status || statusRequested.current || busy) return;
    statusRequested.current = true;
    void run("syncStatus", async () => {
      const status = await syncService.status();
      if (mounted.current) setSyncModel((m) => ({ ...m, status, form: formFromStatus(m.form, status) }));
    });
  }, [syncService, syncOpen, syncModel.status, busy]);

  const errorCount = current?.findings.filter((f) => f.severity === "error").length ?? 0;
  const tabLabels: Record<SectionId, string> = {
    tables: s.tabTables,
    fill: s.tabFill,
    highlight: s.tabHighlight,
    findings: s.tabFindings,
    summary: s.tabSummary,
    sync: s.tabSync,
    department: s.tabDepartment,
  };
  const tabs = syncService ? [...SECTIONS, ...SYNC_SECTIONS] : SECTIONS;

  return (
    <main className={styles.root} lang={language} aria-busy={isBusy}>
      <header className={styles.header}>
        <Title3 as="h1">{s.appTitle}</Title3>
        <Caption1 className={styles.subtitle}>{s.appSubtitle}</Caption1>
      </header>

      <div className={styles.toolbar}>
        <Button appearance="primary" onClick={recognise} disabled={isBusy} data-testid="recognise-button">
          {analysis ? s.recogniseAgain : s.recognise}
        </Button>
        <div className={styles.status} role="status" aria-live="polite" data-testid="progress-region">
          {busy && slow ? <Spinner size="tiny" label={s.busy[busy]} data-testid="progress" /> : null}
        </div>
      </div>

      {error || notice || (analysis && analysis.tables.length === 0) ? (
        <div className={styles.messages}>
          {error ? (
            <Notice intent="error" title={s.errorTitle} onDismiss={() => setError(null)} data-testid="error-bar">
              {error[language]}
            </Notice>
          ) : null}
          {notice ? (
            <Notice intent="success" title={s.doneTitle} onDismiss={() => setNotice(null)} data-testid="notice-bar">
              {notice}
            </Notice>
          ) : null}
          {analysis && analysis.tables.length === 0 ? (
            <Notice intent="info" title={s.noAnnexTitle} data-testid="no-annex">
              {s.noAnnex(analysis.sheet)}
            </Notice>
          ) : null}
        </div>
      ) : null}

      {!analysis ? <Body1 as="p">{s.recogniseHint}</Body1> : null}

      {analysis && current ? (
        <>
          <Caption1 as="p" data-testid="sheet-line">
            {s.sheetLine(analysis.sheet, analysis.tables.length)}
          </Caption1>
          <TabList className={styles.tabs} selectedValue={section} onTabSelect={onTabSelect} aria-label={s.tabsLabel} size="small">
            {tabs.map((id) => (
              <Tab key={id} value={id} id={`tab-${id}`} data-testid={`tab-${id}`} aria-controls={`panel-${id}`}>
                {tabLabels[id]}
                {id === "findings" && errorCount > 0 ? (
                  <>
                    {" "}
                    <Badge size="small" color="danger" appearance="filled" aria-label={`${errorCount} ${s.severity.error}`}>
                      {errorCount}
                    </Badge>
                  </>
                ) : null}
              </Tab>
            ))}
          </TabList>
          <section
            className={styles.panel}
            role="tabpanel"
            id={`panel-${section}`}
            aria-labelledby={`tab-${section}`}
            data-testid={`panel-${section}`}
          >
            {section === "tables" ? (
              <TablesSection
                analysis={analysis}
                tableIndex={tableIndex}
                onSelectTable={setTableIndex}
                corrections={settings.roles[analysis.sheet] ?? {}}
                onRoleChange={changeRole}
                onResetRoles={resetRoles}
                busy={isBusy}
              />
            ) : null}
            {section === "fill" ? (
              <FillSection analysis={current} canUndo={canUndo} busy={isBusy} onApply={applyFill} onUndo={undoFill} />
            ) : null}
            {section === "highlight" ? (
              <HighlightSection
                analysis={current}
                settings={settings}
                busy={isBusy}
                onSaveThresholds={saveThresholds}
                onTimeAwareChange={saveTimeAware}
                onApply={applyHighlight}
                onRemove={removeHighlight}
              />
            ) : null}
            {section === "findings" ? <FindingsSection analysis={current} busy={isBusy} onSelectCell={selectCell} /> : null}
            {section === "summary" ? <SummarySection analysis={current} /> : null}
            {section === "sync" && syncService ? (
              <SyncSection
                service={syncService}
                target={{ sheet: analysis.sheet, tableIndex }}
                model={syncModel}
                onModel={setSyncModel}
                busy={busy}
                run={run}
                onError={setError}
              />
            ) : null}
            {section === "department" && syncService ? (
              <DepartmentSection
                service={syncService}
                leads={leadsOf(current)}
                connected={syncModel.status?.connected === true}
                busy={busy}
                run={run}
              />
            ) : null}
          </section>
        </>
      ) : null}
    </main>
  );
}
