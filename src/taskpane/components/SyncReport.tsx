/**
 * The Đồng bộ section's result: what the last sync did (created, updated, pulled, requests…) and
 * each conflict with the workbook's value, the list's and the last synced one, with a choice per
 * field (or for all) that syncs again with that choice.
 */
import { Body1, Button, Caption1, Subtitle2, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { formatFieldValue, formatTime } from "../format";
import { useLanguage, useStrings } from "../i18n";
import type { PaneSyncReport, SyncConflictView, SyncResolution } from "../syncService";
import { useCardListStyles, usePaneStyles } from "./paneStyles";

const useStyles = makeStyles({
  facts: {
    display: "grid",
    gridTemplateColumns: "1fr max-content",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2 },
  number: { margin: 0, fontWeight: tokens.fontWeightSemibold, textAlign: "right" },
  values: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  value: { margin: 0, overflowWrap: "anywhere", fontWeight: tokens.fontWeightSemibold },
  where: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  spaced: { marginTop: tokens.spacingVerticalS },
});

export interface SyncReportViewProps {
  report: PaneSyncReport;
  disabled: boolean;
  /** Sync again, taking the given side for each of these conflicts. */
  onResolve: (conflicts: SyncConflictView[], take: SyncResolution["take"]) => void;
}

export function SyncReportView({ report, disabled: isBusy, onResolve: resolve }: SyncReportViewProps) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const pane = usePaneStyles();
  const cards = useCardListStyles();
  const show = (v: SyncConflictView["base"]) => formatFieldValue(v, language, s);
  const conflicts = report.conflicts;
  const nothing = report.created + report.updated + report.pulled + conflicts.length + report.keysAssigned === 0 && !report.interrupted;

  return (
    <>
      <section aria-labelledby="sync-report-heading" data-testid="sync-report">
        <Subtitle2 as="h2" block id="sync-report-heading">
          {s.syncReportHeading}
        </Subtitle2>
        <Caption1 as="p" block className={pane.muted} data-testid="sync-report-at">
          {s.syncReportAt(formatTime(report.at, language))}
          {report.listCreated ? ` ${s.syncListCreated}` : ""}
        </Caption1>
        <dl className={styles.facts}>
          <dt className={styles.term}>{s.syncCreated}</dt>
          <dd className={styles.number} data-testid="sync-created">
            {s.syncItems(report.created)}
          </dd>
          <dt className={styles.term}>{s.syncUpdated}</dt>
          <dd className={styles.number} data-testid="sync-updated">
            {s.syncItems(report.updated)}
          </dd>
          <dt className={styles.term}>{s.syncPulled}</dt>
          <dd className={styles.number} data-testid="sync-pulled">
            {s.syncValues(report.pulled)}
          </dd>
          <dt className={styles.term}>{s.syncRequests}</dt>
          <dd className={styles.number} data-testid="sync-requests">
            {report.requests}
          </dd>
          {report.keysAssigned ? (
            <>
              <dt className={styles.term}>{s.syncKeysAssigned}</dt>
              <dd className={styles.number} data-testid="sync-keys">
                {report.keysAssigned}
              </dd>
            </>
          ) : null}
          {report.deletedRemotely.length ? (
            <>
              <dt className={styles.term}>{s.syncDeletedRemotely}</dt>
              <dd className={styles.number} data-testid="sync-deleted">
                {report.deletedRemotely.length}
              </dd>
            </>
          ) : null}
          {report.skipped ? (
            <>
              <dt className={styles.term}>{s.syncSkipped}</dt>
              <dd className={styles.number} data-testid="sync-skipped">
                {report.skipped}
              </dd>
            </>
          ) : null}
          {report.failed ? (
            <>
              <dt className={styles.term}>{s.syncFailed}</dt>
              <dd className={styles.number} data-testid="sync-failed">
                {report.failed}
              </dd>
            </>
          ) : null}
          {report.outboxRemaining ? (
            <>
              <dt className={styles.term}>{s.syncOutbox}</dt>
              <dd className={styles.number} data-testid="sync-outbox">
                {report.outboxRemaining}
              </dd>
            </>
          ) : null}
        </dl>
        {nothing ? (
          <Body1 as="p" data-testid="sync-nothing">
            {s.syncNothing}
          </Body1>
        ) : null}
      </section>

      {conflicts.length ? (
        <section aria-labelledby="sync-conflicts-heading" data-testid="sync-conflicts">
          <Subtitle2 as="h2" id="sync-conflicts-heading">
            {s.conflictsHeading(conflicts.length)}
          </Subtitle2>
          <Caption1 as="p" className={pane.muted}>
            {s.conflictsHint}
          </Caption1>
          <ul className={cards.list}>
            {conflicts.map((c, i) => (
              <li
                key={`${c.rowKey}:${c.field}`}
                className={cards.card}
                data-testid={`conflict-${i}`}
                data-row-key={c.rowKey}
                data-field={c.field}
              >
                <span className={styles.where}>{s.conflictWhere(c.row, c.title, c.label, c.cell)}</span>
                {c.merge ? <Caption1 data-testid={`conflict-${i}-merge`}>{s.conflictMerged(c.merge.area, c.merge.rows)}</Caption1> : null}
                <dl className={styles.values}>
                  <dt>{s.conflictWorkbook}</dt>
                  <dd className={styles.value} data-testid={`conflict-${i}-workbook`}>
                    {show(c.workbook)}
                  </dd>
                  <dt>{s.conflictList}</dt>
                  <dd className={styles.value} data-testid={`conflict-${i}-list`}>
                    {show(c.list)}
                  </dd>
                  <dt className={pane.muted}>{s.conflictBase}</dt>
                  <dd className={styles.value} data-testid={`conflict-${i}-base`}>
                    {show(c.base)}
                  </dd>
                </dl>
                <div className={pane.actions}>
                  <Button size="small" onClick={() => resolve([c], "workbook")} disabled={isBusy} data-testid={`conflict-${i}-keep`}>
                    {s.conflictKeep}
                  </Button>
                  <Button size="small" onClick={() => resolve([c], "list")} disabled={isBusy} data-testid={`conflict-${i}-take`}>
                    {s.conflictTake}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
          {conflicts.length > 1 ? (
            <div className={mergeClasses(pane.actions, styles.spaced)}>
              <Button size="small" onClick={() => resolve(conflicts, "workbook")} disabled={isBusy} data-testid="conflicts-keep-all">
                {s.conflictKeepAll}
              </Button>
              <Button size="small" onClick={() => resolve(conflicts, "list")} disabled={isBusy} data-testid="conflicts-take-all">
                {s.conflictTakeAll}
              </Button>
            </div>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
