/**
 * "Đơn vị": the departments' side of the shared list.
 *
 *  - A liaison picks a lead unit (the units the recognised table names), sees only its rows as the
 *    list has them (name, unit, plan, estimate, note, confirmed), corrects the estimate, adds a note
 *    and confirms; for a task list each task shows its deadline, and the liaison reports its
 *    status and completion date instead of an estimate; each row is saved to the list item (If-Match). The planner's cells are never
 *    touched here: the planner's next sync pulls the changes.
 *  - The planner sees every department with its confirmed rows out of its rows, the time and who
 *    confirmed, like the provincial report's "DANH SÁCH CÁC ĐƠN VỊ GỬI BÁO CÁO … Đã gửi".
 */
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Checkbox,
  Dropdown,
  Field,
  Input,
  Option,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { parseNumberText } from "../../annex/numbers";
import { formatDateVi } from "../../annex/tasks/dates";
import { completionDay } from "../../sync/fields";
import { formatFieldValue, formatNumber, formatTime } from "../format";
import { useLanguage, useStrings, type Language } from "../i18n";
import type { DepartmentConfirmation, DepartmentRow, DepartmentRows, LiaisonEdit, SyncService } from "../syncService";
import type { BusyKind } from "./paneActions";
import { useCardListStyles } from "./cardList";
import { Notice } from "./Notices";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  title: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  fact: { margin: 0, overflowWrap: "anywhere" },
  actions: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
  chooser: { minWidth: "0", maxWidth: "100%" },
  scroll: { overflowX: "auto" },
  ordinal: { width: "32px" },
  confirmedColumn: { width: "96px" },
  confirmationLead: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    rowGap: tokens.spacingVerticalXXS,
    overflowWrap: "anywhere",
  },
});

interface Draft {
  estimate: string;
  note: string;
  confirmed: boolean;
  /** Task lists: the status and the completion day as typed ("20/9/2023"). */
  status: string;
  completedOn: string;
}

function draftOf(row: DepartmentRow, language: Language): Draft {
  return {
    estimate: row.estimate === null ? "" : formatNumber(row.estimate, language),
    note: row.note ?? "",
    confirmed: row.confirmed,
    status: row.task?.status ?? "",
    completedOn: row.task?.completedOn ? formatDateVi(row.task.completedOn) : "",
  };
}

/** A task's status and completion day as the list should get them; undefined for a day that cannot be read. */
function taskEdit(row: DepartmentRow, draft: Draft): LiaisonEdit | undefined {
  const typed = draft.completedOn.trim();
  const day = typed === "" ? null : completionDay(typed);
  if (day === null && typed !== "") return undefined;
  const edit: LiaisonEdit = {};
  if ((draft.status.trim() || null) !== (row.task?.status ?? null)) edit.status = draft.status.trim() || null;
  if (day !== (row.task?.completedOn ?? null)) edit.completedOn = day;
  return edit;
}

/** The number a person typed, in their language's convention; undefined when it is not a number. */
export function parseEstimate(text: string, language: Language): number | null | undefined {
  const t = text.trim();
  if (t === "") return null;
  const parsed = parseNumberText(t);
  if (!parsed || parsed.percent) return undefined;
  return language === "vi" ? parsed.vi : parsed.en;
}

export interface DepartmentSectionProps {
  service: SyncService;
  /** Lead units named in the recognised table, in table order. */
  leads: string[];
  connected: boolean;
  busy: BusyKind | null;
  run: (kind: BusyKind, work: () => Promise<void>) => Promise<void>;
}

export function DepartmentSection({ service, leads, connected, busy, run }: DepartmentSectionProps) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const cards = useCardListStyles();
  const isBusy = busy !== null;
  const [lead, setLead] = useState<string | null>(null);
  const [data, setData] = useState<DepartmentRows | null>(null);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [invalid, setInvalid] = useState<Record<string, boolean>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [unchanged, setUnchanged] = useState<string | null>(null);
  const [liaison, setLiaison] = useState("");
  const [confirmations, setConfirmations] = useState<DepartmentConfirmation[] | null>(null);
  const words = { empty: s.valueEmpty, yes: s.valueYes, no: s.valueNo };

  const show = (result: DepartmentRows) => {
    setData(result);
    setDrafts(Object.fromEntries(result.rows.map((r) => [r.rowKey, draftOf(r, language)])));
    setInvalid({});
  };

  const loadRows = (next: string) =>
    void run("department", async () => {
      setSaved(null);
      show(await service.departmentRows(next));
    });

  const loadConfirmations = () =>
    void run("confirmations", async () => {
      setConfirmations(await service.confirmations());
    });

  // The planner's table is read once the section is open with a connection (and nothing else runs).
  const requested = useRef(false);
  useEffect(() => {
    if (!connected || requested.current || isBusy) return;
    requested.current = true;
    loadConfirmations();
  }, [connected, isBusy]);

  const choose = (next: string) => {
    setLead(next);
    setData(null);
    if (connected) loadRows(next);
  };

  const save = (row: DepartmentRow) => {
    const draft = drafts[row.rowKey];
    if (!draft) return;
    const estimate = row.task ? row.estimate : parseEstimate(draft.estimate, language);
    const task = row.task ? taskEdit(row, draft) : {};
    if (estimate === undefined || task === undefined) {
      setInvalid((v) => ({ ...v, [row.rowKey]: true }));
      return;
    }
    setInvalid((v) => ({ ...v, [row.rowKey]: false }));
    const edit: LiaisonEdit = { ...task };
    if (estimate !== row.estimate) edit.estimate = estimate;
    if ((draft.note.trim() || null) !== (row.note ?? null)) edit.note = draft.note.trim() || null;
    if (draft.confirmed !== row.confirmed) edit.confirmed = draft.confirmed;
    if (Object.keys(edit).length === 0) {
      setUnchanged(row.rowKey);
      return;
    }
    setUnchanged(null);
    if (edit.confirmed && liaison.trim()) edit.by = liaison.trim();
    void run("liaisonSave", async () => {
      setSaved(null);
      let updated: DepartmentRow;
      try {
        updated = await service.saveLiaisonEdit(row.rowKey, edit);
      } catch (error) {
        // Someone else may have changed the list: show the rows as they are now, then the message.
        if (lead) {
          try {
            show(await service.departmentRows(lead));
          } catch {
            // The first failure is the one to show.
          }
        }
        throw error;
      }
      setData((d) => (d ? { ...d, rows: d.rows.map((r) => (r.rowKey === row.rowKey ? updated : r)) } : d));
      setDrafts((d) => ({ ...d, [row.rowKey]: draftOf(updated, language) }));
      setSaved(row.rowKey);
      setConfirmations(null);
    });
  };

  const setDraft = (key: string, patch: Partial<Draft>) => {
    setSaved(null);
    setUnchanged(null);
    setDrafts((d) => ({ ...d, [key]: { ...d[key], ...patch } }));
  };

  const confirmedCount = data?.rows.filter((r) => r.confirmed).length ?? 0;
  const status = (c: DepartmentConfirmation) => (c.confirmed === c.rows && c.rows > 0 ? "sent" : c.confirmed > 0 ? "partial" : "none");

  return (
    <div className={styles.root}>
      <Subtitle2 as="h2">{s.departmentHeading}</Subtitle2>
      <Caption1 as="p" className={styles.muted}>
        {s.departmentIntro}
      </Caption1>
      {!connected ? (
        <Notice intent="info" data-testid="department-not-connected">
          {s.departmentNotConnected}
        </Notice>
      ) : null}

      <Field label={s.departmentChoose}>
        <Dropdown
          className={styles.chooser}
          placeholder={s.departmentPlaceholder}
          value={lead ?? ""}
          selectedOptions={lead ? [lead] : []}
          onOptionSelect={(_, d) => d.optionValue !== undefined && choose(d.optionValue)}
          disabled={isBusy || !connected}
          data-testid="department-select"
        >
          {leads.map((l) => (
            <Option key={l} value={l} text={l}>
              {l}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label={s.liaisonName} hint={s.liaisonNameHint}>
        <Input value={liaison} onChange={(_, d) => setLiaison(d.value)} disabled={isBusy} data-testid="liaison-name" />
      </Field>

      {data ? (
        data.rows.length === 0 ? (
          <Body1 as="p" data-testid="department-empty">
            {s.departmentNoRows}
          </Body1>
        ) : (
          <>
            <Caption1 as="p" data-testid="department-count">
              {s.departmentRowsCount(data.rows.length, confirmedCount)}
            </Caption1>
            <ul className={cards.list} aria-label={data.lead} data-testid="department-rows">
              {data.rows.map((row) => {
                const draft = drafts[row.rowKey] ?? draftOf(row, language);
                return (
                  <li key={row.rowKey} className={cards.card} data-testid={`department-row-${row.rowKey}`}>
                    <span className={styles.title}>
                      {row.ordinal ? `${row.ordinal}. ` : ""}
                      {row.title ?? s.valueEmpty}
                    </span>
                    {row.task ? (
                      <TaskFields
                        row={row}
                        draft={draft}
                        invalid={invalid[row.rowKey] === true}
                        completedOnInStatus={data.tasks?.completedOnInStatus === true}
                        disabled={isBusy}
                        onChange={(patch) => setDraft(row.rowKey, patch)}
                      />
                    ) : (
                      <dl className={styles.facts}>
                        <dt className={styles.muted}>{s.rowUnit}</dt>
                        <dd className={styles.fact}>{row.unit ?? s.valueEmpty}</dd>
                        <dt className={styles.muted}>{data.planLabel ?? s.rowPlan}</dt>
                        <dd className={styles.fact} data-testid={`plan-${row.rowKey}`}>
                          {formatFieldValue(row.plan, language, words)}
                        </dd>
                      </dl>
                    )}
                    {data.estimateLabel && !row.task ? (
                      <Field
                        label={data.estimateLabel}
                        validationState={invalid[row.rowKey] ? "error" : "none"}
                        validationMessage={invalid[row.rowKey] ? s.rowEstimateInvalid : undefined}
                      >
                        <Input
                          value={draft.estimate}
                          inputMode="decimal"
                          onChange={(_, d) => setDraft(row.rowKey, { estimate: d.value })}
                          disabled={isBusy}
                          data-testid={`estimate-${row.rowKey}`}
                        />
                      </Field>
                    ) : null}
                    <Field label={row.task ? s.taskNote : s.rowNote}>
                      <Textarea
                        value={draft.note}
                        resize="vertical"
                        onChange={(_, d) => setDraft(row.rowKey, { note: d.value })}
                        disabled={isBusy}
                        data-testid={`note-${row.rowKey}`}
                      />
                    </Field>
                    <div className={styles.actions}>
                      <Checkbox
                        label={s.rowConfirmed}
                        checked={draft.confirmed}
                        onChange={(_, d) => setDraft(row.rowKey, { confirmed: d.checked === true })}
                        disabled={isBusy}
                        data-testid={`confirm-${row.rowKey}`}
                      />
                      <Button
                        appearance="primary"
                        size="small"
                        onClick={() => save(row)}
                        disabled={isBusy}
                        data-testid={`save-${row.rowKey}`}
                      >
                        {s.rowSave}
                      </Button>
                    </div>
                    {row.confirmed ? (
                      <Caption1 as="p" className={styles.muted} data-testid={`confirmed-${row.rowKey}`}>
                        {s.rowConfirmedBy(row.confirmedBy, row.confirmedAt ? formatTime(row.confirmedAt, language) : null)}
                      </Caption1>
                    ) : null}
                    {saved === row.rowKey ? (
                      <Notice intent="success" onDismiss={() => setSaved(null)} data-testid={`saved-${row.rowKey}`}>
                        {s.rowSaved}
                      </Notice>
                    ) : null}
                    {unchanged === row.rowKey ? (
                      <Caption1 as="p" data-testid={`unchanged-${row.rowKey}`}>
                        {s.rowNothingToSave}
                      </Caption1>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </>
        )
      ) : null}

      <section aria-labelledby="confirmations-heading" data-testid="confirmations">
        <div className={styles.actions}>
          <Subtitle2 as="h2" id="confirmations-heading">
            {s.confirmationsHeading}
          </Subtitle2>
          <Button size="small" onClick={loadConfirmations} disabled={isBusy || !connected} data-testid="confirmations-refresh">
            {s.confirmationsRefresh}
          </Button>
        </div>
        <Caption1 as="p" className={styles.muted}>
          {s.confirmationsHint}
        </Caption1>
        {confirmations && confirmations.length === 0 ? <Body1 as="p">{s.confirmationsEmpty}</Body1> : null}
        {confirmations && confirmations.length > 0 ? (
          <div className={styles.scroll}>
            <Table size="small" aria-labelledby="confirmations-heading" data-testid="confirmations-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell className={styles.ordinal}>{s.confColOrdinal}</TableHeaderCell>
                  <TableHeaderCell>{s.confColLead}</TableHeaderCell>
                  <TableHeaderCell className={styles.confirmedColumn}>{s.confColConfirmed}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {confirmations.map((c, i) => {
                  const st = status(c);
                  // Three columns fit a 320–400 px pane: who confirmed and when go under the department's name.
                  return (
                    <TableRow key={c.lead} data-testid={`confirmation-${i}`}>
                      <TableCell className={styles.ordinal}>{i + 1}</TableCell>
                      <TableCell>
                        <div className={styles.confirmationLead}>
                          <span>{c.lead || s.valueEmpty}</span>
                          {c.lastConfirmedAt || c.by ? (
                            <Caption1 className={styles.muted}>
                              <span data-testid={`confirmation-${i}-time`}>
                                {c.lastConfirmedAt ? formatTime(c.lastConfirmedAt, language) : ""}
                              </span>
                              {c.by ? ` · ${s.confColBy}: ${c.by}` : ""}
                            </Caption1>
                          ) : (
                            <span data-testid={`confirmation-${i}-time`} />
                          )}
                        </div>
                      </TableCell>
                      <TableCell className={styles.confirmedColumn}>
                        <div className={styles.confirmationLead}>
                          <span data-testid={`confirmation-${i}-ratio`}>{s.confRatio(c.confirmed, c.rows)}</span>
                          <Badge
                            size="small"
                            appearance={st === "sent" ? "filled" : "tint"}
                            color={st === "sent" ? "success" : st === "partial" ? "warning" : "subtle"}
                            data-testid={`confirmation-${i}-status`}
                          >
                            {st === "sent" ? s.confSent : st === "partial" ? s.confPartial : s.confNone}
                          </Badge>
                        </div>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        ) : null}
      </section>
    </div>
  );
}

interface TaskFieldsProps {
  row: DepartmentRow;
  draft: Draft;
  /** The completion day typed cannot be read. */
  invalid: boolean;
  completedOnInStatus: boolean;
  disabled: boolean;
  onChange: (patch: Partial<Draft>) => void;
}

/** A task's deadline and partners as the planner wrote them, and what its liaison reports: status and completion day. */
function TaskFields({ row, draft, invalid, completedOnInStatus, disabled, onChange }: TaskFieldsProps) {
  const s = useStrings();
  const styles = useStyles();
  const task = row.task!;
  return (
    <>
      <dl className={styles.facts}>
        <dt className={styles.muted}>{s.taskDeadline}</dt>
        <dd className={styles.fact} data-testid={`deadline-${row.rowKey}`}>
          {task.deadline ?? s.valueEmpty}
        </dd>
        {task.partners ? (
          <>
            <dt className={styles.muted}>{s.taskPartners}</dt>
            <dd className={styles.fact}>{task.partners}</dd>
          </>
        ) : null}
      </dl>
      <Field label={s.taskStatus}>
        <Textarea
          value={draft.status}
          resize="vertical"
          onChange={(_, d) => onChange({ status: d.value })}
          disabled={disabled}
          data-testid={`status-${row.rowKey}`}
        />
      </Field>
      <Field
        label={s.taskCompletedOn}
        hint={completedOnInStatus ? `${s.taskCompletedOnHint} ${s.taskCompletedOnInStatus}` : s.taskCompletedOnHint}
        validationState={invalid ? "error" : "none"}
        validationMessage={invalid ? s.taskCompletedOnInvalid : undefined}
      >
        <Input
          value={draft.completedOn}
          placeholder="20/9/2023"
          onChange={(_, d) => onChange({ completedOn: d.value })}
          disabled={disabled}
          data-testid={`completed-${row.rowKey}`}
        />
      </Field>
    </>
  );
}
