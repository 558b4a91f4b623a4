/**
 * "Đồng bộ": the planner's sync with the shared list. Where the list is (the local list server or
 * SharePoint with sign-in), the Sync button (push and pull), the last sync time, the report, and
 * the conflicts with both values and a choice per field that syncs again with that choice. The
 * first sync shows what it will add (the hidden key column) and waits for the person to agree.
 *
 * The state lives in `App` (`SyncModel`), so the report survives switching tabs; every call runs
 * through App's `run` (one call at a time, progress, failures in the error MessageBar).
 */
import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  ProgressBar,
  Radio,
  RadioGroup,
  Subtitle2,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import type { PaneMessage } from "../errors";
import { formatFieldValue, formatTime } from "../format";
import { useLanguage, useStrings } from "../i18n";
import {
  DEFAULT_LOCAL_LIST_URL,
  DEFAULT_LOCAL_TOKEN,
  PLACEHOLDER_CLIENT_ID,
  type ConnectionKind,
  type KeyColumnPreview,
  type PaneSyncReport,
  type SyncConflictView,
  type SyncConnection,
  type SyncResolution,
  type SyncService,
  type SyncStatus,
  type SyncTarget,
} from "../syncService";
import type { BusyKind } from "./paneActions";
import { useCardListStyles } from "./cardList";
import { Notice } from "./Notices";

/** What the person typed for each kind of server (kept apart so switching does not lose it). */
export interface ConnectionForm {
  kind: ConnectionKind;
  localUrl: string;
  token: string;
  sharePointUrl: string;
  clientId: string;
}

export interface SyncModel {
  status: SyncStatus | null;
  form: ConnectionForm;
  /** The connection `connect` was last called with, to call it again only when the form changed. */
  connectedWith: string | null;
  report: PaneSyncReport | null;
  keyPreview: KeyColumnPreview | null;
  /** The list the workbook synced with was deleted: offer to create it again. */
  listGone: boolean;
}

export const INITIAL_SYNC_MODEL: SyncModel = {
  status: null,
  form: { kind: "local", localUrl: DEFAULT_LOCAL_LIST_URL, token: DEFAULT_LOCAL_TOKEN, sharePointUrl: "", clientId: PLACEHOLDER_CLIENT_ID },
  connectedWith: null,
  report: null,
  keyPreview: null,
  listGone: false,
};

/** The form once the workbook's saved connection is known. */
export function formFromStatus(form: ConnectionForm, status: SyncStatus): ConnectionForm {
  const saved = status.saved;
  if (!saved) return form;
  return saved.kind === "local"
    ? { ...form, kind: "local", localUrl: saved.listUrl }
    : { ...form, kind: "sharepoint", sharePointUrl: saved.listUrl, clientId: saved.clientId ?? form.clientId };
}

export function connectionOf(form: ConnectionForm): SyncConnection {
  return form.kind === "local"
    ? { kind: "local", listUrl: form.localUrl.trim(), token: form.token }
    : { kind: "sharepoint", listUrl: form.sharePointUrl.trim(), clientId: form.clientId.trim() };
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  actions: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
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

export interface SyncSectionProps {
  service: SyncService;
  target: SyncTarget;
  model: SyncModel;
  onModel: (update: (model: SyncModel) => SyncModel) => void;
  busy: BusyKind | null;
  run: (kind: BusyKind, work: () => Promise<void>) => Promise<void>;
  /** Shows a failure in the pane's error MessageBar (a sync that stopped part-way). */
  onError: (message: PaneMessage) => void;
}

export function SyncSection({ service, target, model, onModel, busy, run, onError }: SyncSectionProps) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const cards = useCardListStyles();
  const { form, status, report, keyPreview } = model;
  const isBusy = busy !== null;
  const words = { empty: s.valueEmpty, yes: s.valueYes, no: s.valueNo };
  const show = (v: SyncConflictView["base"]) => formatFieldValue(v, language, words);

  const setForm = (patch: Partial<ConnectionForm>) => onModel((m) => ({ ...m, form: { ...m.form, ...patch } }));

  /** Connect when the pane has no connection yet or the form changed since. */
  const ensureConnected = async (): Promise<void> => {
    const connection = connectionOf(form);
    const key = JSON.stringify(connection);
    if (status?.connected && model.connectedWith === key) return;
    const next = await service.connect(connection);
    onModel((m) => ({ ...m, status: next, connectedWith: key }));
  };

  const connect = () =>
    void run("connect", async () => {
      await ensureConnected();
    });

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
        status: m.status ? { ...m.status, lastSync: done.at, sheet: target.sheet } : m.status,
      }));
      if (done.interrupted) onError(done.interrupted);
    });

  const resolve = (conflicts: SyncConflictView[], take: SyncResolution["take"]) =>
    sync({ resolutions: conflicts.map((c) => ({ rowKey: c.rowKey, field: c.field, take })) });

  const lastSync = status?.lastSync ?? report?.at ?? null;
  const conflicts = report?.conflicts ?? [];
  const nothing =
    report && report.created + report.updated + report.pulled + conflicts.length + report.keysAssigned === 0 && !report.interrupted;

  return (
    <div className={styles.root}>
      <Subtitle2 as="h2">{s.syncHeading}</Subtitle2>
      <Caption1 as="p" className={styles.muted}>
        {s.syncIntro}
      </Caption1>

      <Field label={s.syncServerLabel}>
        <RadioGroup
          value={form.kind}
          onChange={(_, data) => setForm({ kind: data.value as ConnectionKind })}
          disabled={isBusy}
          data-testid="sync-kind"
        >
          <Radio value="local" label={s.syncKindLocal} data-testid="sync-kind-local" />
          <Radio value="sharepoint" label={s.syncKindSharePoint} data-testid="sync-kind-sharepoint" />
        </RadioGroup>
      </Field>

      {form.kind === "local" ? (
        <>
          <Field label={s.syncListUrl} hint={s.syncListUrlHintLocal}>
            <Input
              value={form.localUrl}
              onChange={(_, data) => setForm({ localUrl: data.value })}
              disabled={isBusy}
              data-testid="sync-list-url"
            />
          </Field>
          <Field label={s.syncToken} hint={s.syncTokenHint}>
            <Input
              type="password"
              value={form.token}
              onChange={(_, data) => setForm({ token: data.value })}
              disabled={isBusy}
              data-testid="sync-token"
            />
          </Field>
        </>
      ) : (
        <>
          <Field label={s.syncListUrlSharePoint} hint={s.syncListUrlHintSharePoint}>
            <Input
              value={form.sharePointUrl}
              placeholder="https://contoso.sharepoint.com/sites/KHDT/Lists/PhuLuc"
              onChange={(_, data) => setForm({ sharePointUrl: data.value })}
              disabled={isBusy}
              data-testid="sync-list-url"
            />
          </Field>
          <Field label={s.syncClientId} hint={s.syncClientIdHint}>
            <Input
              value={form.clientId}
              onChange={(_, data) => setForm({ clientId: data.value })}
              disabled={isBusy}
              data-testid="sync-client-id"
            />
          </Field>
        </>
      )}

      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => sync()} disabled={isBusy || keyPreview !== null} data-testid="sync-button">
          {s.syncButton}
        </Button>
        <Button onClick={connect} disabled={isBusy} data-testid="sync-connect">
          {form.kind === "sharepoint" ? s.syncSignIn : s.syncConnect}
        </Button>
      </div>
      {form.kind === "sharepoint" && status?.saved?.kind === "sharepoint" ? (
        <Caption1 as="p" data-testid="sync-user">
          {status.user ? s.syncSignedInAs(status.user) : s.syncNotSignedIn}
        </Caption1>
      ) : null}
      {form.kind === "local" && status?.connected && status.saved?.kind === "local" ? (
        <Caption1 as="p" data-testid="sync-connected">
          {s.syncConnected(status.saved.listUrl.split("/").pop() ?? status.saved.listUrl)}
        </Caption1>
      ) : null}
      <Body1 as="p" data-testid="sync-last">
        {lastSync ? s.syncLast(formatTime(lastSync, language)) : s.syncNever}
      </Body1>
      {busy === "sync" ? <ProgressBar thickness="large" aria-label={s.busy.sync} data-testid="sync-progress" /> : null}

      {model.listGone ? (
        <Notice intent="warning" title={s.syncListGoneTitle} data-testid="sync-list-gone">
          <span>{s.syncListGone}</span>
          <div className={mergeClasses(styles.actions, styles.spaced)}>
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
          <div className={mergeClasses(styles.actions, styles.spaced)}>
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

      {report ? (
        <section aria-labelledby="sync-report-heading" data-testid="sync-report">
          <Subtitle2 as="h2" block id="sync-report-heading">
            {s.syncReportHeading}
          </Subtitle2>
          <Caption1 as="p" block className={styles.muted} data-testid="sync-report-at">
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
      ) : null}

      {conflicts.length ? (
        <section aria-labelledby="sync-conflicts-heading" data-testid="sync-conflicts">
          <Subtitle2 as="h2" id="sync-conflicts-heading">
            {s.conflictsHeading(conflicts.length)}
          </Subtitle2>
          <Caption1 as="p" className={styles.muted}>
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
                  <dt className={styles.muted}>{s.conflictBase}</dt>
                  <dd className={styles.value} data-testid={`conflict-${i}-base`}>
                    {show(c.base)}
                  </dd>
                </dl>
                <div className={styles.actions}>
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
            <div className={mergeClasses(styles.actions, styles.spaced)}>
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
    </div>
  );
}
