/**
 * "Đồng bộ": the planner's sync with the shared list. What the pane is connected to (and what the
 * server said when it connected: the list and its items, or that the first sync will create it),
 * the Sync button (push and pull), the last sync time, the report and the conflicts
 * (SyncReport.tsx). Where the list is — the office's list server or SharePoint with sign-in — is
 * under "Cài đặt nâng cao" (SyncSettings.tsx). The first sync shows what it will add (the hidden
 * key column) and waits for the person to agree.
 *
 * The state lives in the pane (`SyncModel`, syncModel.ts), so the report survives switching tabs;
 * every call runs through the pane's shared `run` (paneActions.tsx: one call at a time, progress,
 * failures in the error bar).
 */
import { Body1, Button, Caption1, ProgressBar, Subtitle2, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useState, type ReactElement } from "react";
import { formatTime } from "../format";
import { useLanguage, useStrings } from "../i18n";
import type { SyncConflictView, SyncResolution, SyncService, SyncTarget } from "../syncService";
import { Notice } from "./Notices";
import { usePaneActions } from "./paneActions";
import { connectionOf, listNameOf, type ConnectionForm, type SyncModel } from "./syncModel";
import { SyncReportView } from "./SyncReport";
import { SyncSettings } from "./SyncSettings";
import { usePaneStyles } from "./paneStyles";

const useStyles = makeStyles({
  connection: { overflowWrap: "anywhere" },
  advanced: { alignSelf: "flex-start", paddingLeft: 0, paddingRight: 0, minWidth: 0 },
  chevron: { transitionProperty: "transform", transitionDuration: tokens.durationFaster },
  open: { transform: "rotate(90deg)" },
  spaced: { marginTop: tokens.spacingVerticalS },
});

/** A small "›" drawn inline (no icon package), turned down when the settings are open. */
function Chevron({ open }: { open: boolean }) {
  const styles = useStyles();
  return (
    <svg
      className={mergeClasses(styles.chevron, open && styles.open)}
      width="12"
      height="12"
      viewBox="0 0 12 12"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M4.5 2.5L8 6l-3.5 3.5" stroke="currentColor" strokeWidth="1.5" fill="none" strokeLinecap="round" />
    </svg>
  );
}

export interface SyncSectionProps {
  service: SyncService;
  target: SyncTarget;
  model: SyncModel;
  onModel: (update: (model: SyncModel) => SyncModel) => void;
  /** A sync wrote values from the list into cells: analyse the table again (inside the same call). */
  onCellsPulled?: () => Promise<void>;
}

export function SyncSection({ service, target, model, onModel, onCellsPulled }: SyncSectionProps) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const pane = usePaneStyles();
  const { busy, run, showError } = usePaneActions();
  const [advanced, setAdvanced] = useState(false);
  const { form, status, report, keyPreview } = model;
  const isBusy = busy !== null;

  const setForm = (patch: Partial<ConnectionForm>) => onModel((m) => ({ ...m, form: { ...m.form, ...patch } }));
  const formKey = JSON.stringify(connectionOf(form));
  const connectedHere = status?.connected === true && model.connectedWith === formKey;

  /** Connect when the pane has no connection yet or the form changed since. */
  const ensureConnected = async (): Promise<void> => {
    if (connectedHere) return;
    const next = await service.connect(connectionOf(form));
    onModel((m) => ({ ...m, status: next, connectedWith: formKey }));
  };

  const connect = () => void run("connect", ensureConnected);

  const sync = (options: { resolutions?: SyncResolution[]; allowKeyColumn?: boolean; recreate?: boolean } = {}) =>
    void run("sync", async () => {
      await ensureConnected();
      let outcome;
      try {
        outcome = await service.sync({ target, ...options });
      } catch (error) {
        if ((error as { code?: unknown })?.code === "listGone") onModel((m) => ({ ...m, listGone: true }));
        throw error;
      }
      if (outcome.kind === "needsKeyColumn") {
        onModel((m) => ({ ...m, keyPreview: outcome.keyColumn }));
        return;
      }
      const done = outcome.report;
      onModel((m) => ({
        ...m,
        keyPreview: null,
        listGone: false,
        report: done,
        // What Connect counted is out of date once the sync has written to the list.
        status: m.status ? { ...m.status, lastSync: done.at, sheet: target.sheet, checked: undefined } : m.status,
      }));
      if (done.interrupted) showError(done.interrupted);
      if (done.pulled > 0) await onCellsPulled?.();
    });

  const resolve = (conflicts: SyncConflictView[], take: SyncResolution["take"]) =>
    sync({ resolutions: conflicts.map((c) => ({ rowKey: c.rowKey, field: c.field, take })) });

  const lastSync = status?.lastSync ?? report?.at ?? null;
  const listName = listNameOf(form.kind === "local" ? form.localUrl : form.sharePointUrl);

  let connection: ReactElement;
  if (connectedHere && status?.checked) {
    connection = (
      <Body1 as="p" className={styles.connection} data-testid="sync-connected">
        {status.checked.message[language]}
      </Body1>
    );
  } else if (connectedHere || (status?.connected && status.saved?.kind === form.kind && model.connectedWith === null)) {
    connection = (
      <Body1 as="p" className={styles.connection} data-testid="sync-connected">
        {s.syncConnected(listName ?? "")}
      </Body1>
    );
  } else {
    connection = (
      <Body1 as="p" className={styles.connection} data-testid="sync-where">
        {listName ? s.syncWhere(form.kind, listName) : s.syncNoList}
      </Body1>
    );
  }

  return (
    <div className={pane.section}>
      <Subtitle2 as="h2">{s.syncHeading}</Subtitle2>
      <Caption1 as="p" className={pane.muted}>
        {s.syncIntro}
      </Caption1>

      {connection}
      {form.kind === "sharepoint" && status?.saved?.kind === "sharepoint" ? (
        <Caption1 as="p" data-testid="sync-user">
          {status.user ? s.syncSignedInAs(status.user) : s.syncNotSignedIn}
        </Caption1>
      ) : null}

      <div className={pane.actions}>
        <Button appearance="primary" onClick={() => sync()} disabled={isBusy || keyPreview !== null} data-testid="sync-button">
          {s.syncButton}
        </Button>
        <Button onClick={connect} disabled={isBusy} data-testid="sync-connect">
          {form.kind === "sharepoint" ? s.syncSignIn : s.syncConnect}
        </Button>
      </div>
      <Body1 as="p" data-testid="sync-last">
        {lastSync ? s.syncLast(formatTime(lastSync, language)) : s.syncNever}
      </Body1>
      {busy === "sync" ? <ProgressBar thickness="large" aria-label={s.busy.sync} data-testid="sync-progress" /> : null}

      {model.listGone ? (
        <Notice intent="warning" title={s.syncListGoneTitle} data-testid="sync-list-gone">
          <span>{s.syncListGone}</span>
          <div className={mergeClasses(pane.actions, styles.spaced)}>
            <Button
              appearance="primary"
              size="small"
              onClick={() => sync({ recreate: true })}
              disabled={isBusy}
              data-testid="sync-recreate"
            >
              {s.syncRecreate}
            </Button>
          </div>
        </Notice>
      ) : null}

      {keyPreview ? (
        <Notice intent="warning" title={s.syncKeyConfirmTitle} data-testid="sync-key-confirm">
          <span>
            {s.syncKeyConfirm(
              keyPreview.column,
              keyPreview.sheet,
              keyPreview.labelRow,
              keyPreview.rows,
              keyPreview.firstRow,
              keyPreview.lastRow,
            )}
          </span>
          <div className={mergeClasses(pane.actions, styles.spaced)}>
            <Button
              appearance="primary"
              size="small"
              onClick={() => sync({ allowKeyColumn: true })}
              disabled={isBusy}
              data-testid="sync-key-accept"
            >
              {s.syncKeyAccept}
            </Button>
            <Button
              size="small"
              onClick={() => onModel((m) => ({ ...m, keyPreview: null }))}
              disabled={isBusy}
              data-testid="sync-key-cancel"
            >
              {s.syncKeyCancel}
            </Button>
          </div>
        </Notice>
      ) : null}

      <Button
        appearance="transparent"
        className={styles.advanced}
        icon={<Chevron open={advanced} />}
        aria-expanded={advanced}
        aria-controls="sync-settings"
        onClick={() => setAdvanced((open) => !open)}
        data-testid="sync-advanced"
      >
        {s.syncAdvanced}
      </Button>
      {advanced ? <SyncSettings id="sync-settings" form={form} onForm={setForm} disabled={isBusy} /> : null}

      {report ? <SyncReportView report={report} disabled={isBusy} onResolve={resolve} /> : null}
    </div>
  );
}
