/**
 * The task pane: recognise the annex tables of the active sheet, then the sections (tables, fill,
 * highlight, findings, summary; sync and departments with a sync service). Every workbook call
 * goes through the `AnnexService` it is given, so tests and the browser harness can render it
 * against other implementations.
 *
 * Test ids for end-to-end tests:
 * - pane: `recognise-button`, `progress` (inside `progress-region`), `error-bar` (+ `error-bar-dismiss`),
 *   `notice-bar` (+ `-dismiss`), `no-annex`, `stale-bar` (+ `stale-check-again`), `sheet-line`,
 *   `tab-tables|tasks|fill|highlight|findings|summary`, `panel-…`,
 *   `tabs-more` (the "⋯" menu of tabs that do not fit) with `tab-menu-<id>` items;
 * - tables: `merges-warning`, `table-select`, `table-facts`, `table-title`, `table-range`, `table-rows`,
 *   `columns-list`, `column-<letter>`, `column-number-<letter>`, `role-<letter>` (the Dropdown button), `roles-reset`;
 * - fill: `fill-confirm`, `fill-nothing`, `fill-apply`, `fill-undo`, `fill-columns`, `fill-column-<letter>`
 *   (+ `-formula-toggle`, `-formula`), `fill-only-changed`, `fill-preview`, `fill-row-<cell>` (with
 *   `data-kind` overwrite|recalc|fill|conversion|same and `data-changes-value`), `fill-pager` (+ `-prev`, `-next`,
 *   `-range`), `fill-skipped`, `skipped-<cell>`;
 * - highlight: `bands-list`, `band-<id>`, `band-count-<id>`, `band-unrated`, `legend-<id>`, `time-aware-switch`,
 *   `period`, `threshold-<i>`, `thresholds-message`, `thresholds-save`, `thresholds-reset`, `highlight-apply`,
 *   `highlight-remove`;
 * - findings: `findings-totals`, `findings-filter-<all|severity>`, `findings-count-<severity>`, `findings-list`,
 *   `finding-<cell>` (with `data-severity`; a cell may carry two findings), `findings-next-error`,
 *   `findings-pager` (+ `-prev`, `-next`), `all-clear`;
 * - tasks (a task list's "Nhiệm vụ", instead of fill and summary): `tasks-as-of` (the date input), `tasks-as-of-apply`,
 *   `tasks-as-of-reset`, `tasks-as-of-invalid`, `tasks-as-of-source` (with `data-source` title|option|today), `tasks-total`,
 *   `task-states`, `task-state-<state>` (toggles `task-list-<state>`), `task-count-<state>`, `task-row-<row>`,
 *   `tasks-by-lead`, `task-lead-<i>`, `tasks-summary-text`, `tasks-copy`, `tasks-copy-confirmation`, `tasks-copy-failed`;
 *   its highlight: `highlight-apply`, `highlight-remove`, `task-highlight-line`, `task-bands-list`, `task-band-<state>`,
 *   `task-band-count-<state>`, `legend-<state>`;
 * - summary: `summary-text`, `copy-button`, `copy-confirmation`, `copy-failed`, `summary-all-toggle`,
 *   `summary-band-<id>`;
 * - sync (with a `syncService`): `tab-sync`, `sync-where` or `sync-connected`, `sync-advanced` (opens `sync-settings`:
 *   `sync-kind-local|sharepoint`, `sync-list-url`, `sync-token`, `sync-sign-in-hint`, `sync-client-id`), `sync-connect`,
 *   `sync-user`, `sync-button`, `sync-last`, `sync-progress`,
 *   `sync-key-confirm` (+ `sync-key-accept`, `sync-key-cancel`), `sync-report`, `sync-created|updated|pulled|requests`,
 *   `sync-conflicts`, `conflict-<i>` (+ `-workbook`, `-list`, `-base`, `-keep`, `-take`), `conflicts-keep-all|take-all`;
 * - departments: `tab-department`, `department-not-connected`, `department-select`, `liaison-name`, `department-rows`,
 *   `department-row-<key>`, `plan-<key>`, `estimate-<key>`, `note-<key>`, `confirm-<key>`, `save-<key>`, `saved-<key>`,
 *   `confirmations-table`, `confirmation-<i>` (+ `-ratio`, `-status`, `-time`), `confirmations-refresh`.
 */
import { Body1, Button, Caption1, Spinner, Title3, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { TableAnalysis } from "../../annex";
import type { AnnexService } from "../annexService";
import { StringsProvider, useLanguage, useStrings, type Language } from "../i18n";
import type { SyncService } from "../syncService";
import { DepartmentSection } from "./DepartmentSection";
import { FillSection } from "./FillSection";
import { FindingsSection } from "./FindingsSection";
import { HighlightSection } from "./HighlightSection";
import { PaneActionsProvider, usePaneActions } from "./paneActions";
import { PaneMessages } from "./PaneMessages";
import { SectionTabs, SECTIONS, SYNC_SECTIONS, TASK_SECTIONS, type SectionId } from "./SectionTabs";
import { SummarySection } from "./SummarySection";
import { useSyncModel } from "./syncModel";
import { SyncSection } from "./SyncSection";
import { TablesSection } from "./TablesSection";
import { TaskHighlightSection } from "./TaskHighlightSection";
import { TasksSection } from "./TasksSection";
import { useAnnexWorkflow } from "./useAnnexWorkflow";

export { PROGRESS_DELAY_MS, type BusyKind } from "./paneActions";
export { SECTIONS, SYNC_SECTIONS, TASK_SECTIONS, type SectionId } from "./SectionTabs";

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
  panel: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
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
      <PaneActionsProvider>
        <Pane service={service} syncService={syncService} />
      </PaneActionsProvider>
    </StringsProvider>
  );
}

/** Distinct lead units of a table's rows, in table order. */
function leadsOf(analysis: TableAnalysis | undefined): string[] {
  const seen = new Set<string>();
  for (const r of analysis?.table.rows ?? []) {
    const lead = r.kind === "section" ? null : r.lead?.trim();
    if (lead) seen.add(lead);
  }
  return [...seen];
}

function Progress() {
  const s = useStrings();
  const styles = useStyles();
  const { busy, slow } = usePaneActions();
  return (
    <div className={styles.status} role="status" aria-live="polite" data-testid="progress-region">
      {busy && slow ? <Spinner size="tiny" label={s.busy[busy]} data-testid="progress" /> : null}
    </div>
  );
}

function Pane({ service, syncService }: { service: AnnexService; syncService?: SyncService }) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const actions = usePaneActions();
  const workflow = useAnnexWorkflow(service);
  const { analysis, current, tableIndex } = workflow;
  const [chosen, setSection] = useState<SectionId>("tables");
  const tasks = current?.table.kind === "tasks";
  const annexIds = tasks ? TASK_SECTIONS : SECTIONS;
  const ids = syncService ? [...annexIds, ...SYNC_SECTIONS] : annexIds;
  // A section the table does not have (Điền for a task list, Nhiệm vụ for indicators) shows the tables.
  const section: SectionId = ids.includes(chosen) ? chosen : "tables";
  const [syncModel, setSyncModel] = useSyncModel(syncService, section === "sync" || section === "department");

  const isBusy = actions.busy !== null;
  const errorCount = current?.findings.filter((f) => f.severity === "error").length ?? 0;

  return (
    <main className={styles.root} lang={language} aria-busy={isBusy}>
      <header className={styles.header}>
        <Title3 as="h1">{s.appTitle}</Title3>
        <Caption1 className={styles.subtitle}>{s.appSubtitle}</Caption1>
      </header>

      <div className={styles.toolbar}>
        <Button appearance="primary" onClick={workflow.recognise} disabled={isBusy} data-testid="recognise-button">
          {analysis ? s.recogniseAgain : s.recognise}
        </Button>
        <Progress />
      </div>

      <PaneMessages analysis={analysis} stale={workflow.stale} onCheckAgain={workflow.recognise} />

      {!analysis ? <Body1 as="p">{s.recogniseHint}</Body1> : null}

      {analysis && current ? (
        <>
          <Caption1 as="p" data-testid="sheet-line">
            {s.sheetLine(analysis.sheet, analysis.tables.length)}
          </Caption1>
          <SectionTabs ids={ids} selected={section} onSelect={setSection} errorCount={errorCount} />
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
                onSelectTable={workflow.selectTable}
                corrections={workflow.settings.roles[analysis.sheet] ?? {}}
                onRoleChange={workflow.changeRole}
                onResetRoles={workflow.resetRoles}
              />
            ) : null}
            {section === "tasks" ? (
              <TasksSection analysis={current} onAsOfChange={workflow.saveAsOf} onSelectRow={workflow.selectCell} />
            ) : null}
            {section === "fill" ? (
              <FillSection analysis={current} canUndo={workflow.canUndo} onApply={workflow.applyFill} onUndo={workflow.undoFill} />
            ) : null}
            {section === "highlight" && tasks ? (
              <TaskHighlightSection analysis={current} onApply={workflow.applyHighlight} onRemove={workflow.removeHighlight} />
            ) : null}
            {section === "highlight" && !tasks ? (
              <HighlightSection
                analysis={current}
                settings={workflow.settings}
                onSaveThresholds={workflow.saveThresholds}
                onTimeAwareChange={workflow.saveTimeAware}
                onApply={workflow.applyHighlight}
                onRemove={workflow.removeHighlight}
              />
            ) : null}
            {section === "findings" ? <FindingsSection analysis={current} onSelectCell={workflow.selectCell} /> : null}
            {section === "summary" ? <SummarySection analysis={current} /> : null}
            {section === "sync" && syncService ? (
              <SyncSection
                service={syncService}
                target={{ sheet: analysis.sheet, tableIndex }}
                model={syncModel}
                onModel={setSyncModel}
                onCellsPulled={workflow.refreshAfterWrite}
              />
            ) : null}
            {section === "department" && syncService ? (
              <DepartmentSection service={syncService} leads={leadsOf(current)} connected={syncModel.status?.connected === true} />
            ) : null}
          </section>
        </>
      ) : null}
    </main>
  );
}
