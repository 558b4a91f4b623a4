/**
 * One of a department's rows as its liaison edits it: the name, unit and plan (a task: deadline and
 * partners), the estimate (a task: status and completion day), a note, "Đã xác nhận" and Save.
 */
import { Button, Caption1, Checkbox, Field, Input, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { formatFieldValue, formatTime } from "../format";
import { useLanguage, useStrings } from "../i18n";
import type { DepartmentRow } from "../syncService";
import { useCardListStyles, usePaneStyles } from "./paneStyles";
import type { Draft } from "./departmentDraft";
import { Notice } from "./Notices";

const useStyles = makeStyles({
  title: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  fact: { margin: 0, overflowWrap: "anywhere" },
});

export interface DepartmentRowCardProps {
  row: DepartmentRow;
  draft: Draft;
  /** Headers of the table's plan and estimate columns (null when it has none). */
  planLabel: string | null;
  estimateLabel: string | null;
  /** A task list without a completion-date column: the day goes into the status. */
  completedOnInStatus: boolean;
  /** What was typed cannot be read (the estimate, or a task's completion day). */
  invalid: boolean;
  /** Just saved to the list; or Save found nothing changed. */
  saved: boolean;
  unchanged: boolean;
  disabled: boolean;
  onDraft: (patch: Partial<Draft>) => void;
  onSave: () => void;
  onDismissSaved: () => void;
}

export function DepartmentRowCard({
  row,
  draft,
  planLabel,
  estimateLabel,
  completedOnInStatus,
  invalid,
  saved,
  unchanged,
  disabled: isBusy,
  onDraft,
  onSave,
  onDismissSaved,
}: DepartmentRowCardProps) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const pane = usePaneStyles();
  const cards = useCardListStyles();
  return (
    <li className={cards.card} data-testid={`department-row-${row.rowKey}`}>
      <span className={styles.title}>
        {row.ordinal ? `${row.ordinal}. ` : ""}
        {row.title ?? s.valueEmpty}
      </span>
      {row.task ? (
        <TaskFields
          row={row}
          draft={draft}
          invalid={invalid}
          completedOnInStatus={completedOnInStatus}
          disabled={isBusy}
          onChange={onDraft}
        />
      ) : (
        <dl className={styles.facts}>
          <dt className={pane.muted}>{s.rowUnit}</dt>
          <dd className={styles.fact}>{row.unit ?? s.valueEmpty}</dd>
          <dt className={pane.muted}>{planLabel ?? s.rowPlan}</dt>
          <dd className={styles.fact} data-testid={`plan-${row.rowKey}`}>
            {formatFieldValue(row.plan, language, s)}
          </dd>
        </dl>
      )}
      {estimateLabel && !row.task ? (
        <Field
          label={estimateLabel}
          validationState={invalid ? "error" : "none"}
          validationMessage={invalid ? s.rowEstimateInvalid : undefined}
        >
          <Input
            value={draft.estimate}
            inputMode="decimal"
            onChange={(_, d) => onDraft({ estimate: d.value })}
            disabled={isBusy}
            data-testid={`estimate-${row.rowKey}`}
          />
        </Field>
      ) : null}
      <Field label={row.task ? s.taskNote : s.rowNote}>
        <Textarea
          value={draft.note}
          resize="vertical"
          onChange={(_, d) => onDraft({ note: d.value })}
          disabled={isBusy}
          data-testid={`note-${row.rowKey}`}
        />
      </Field>
      <div className={pane.actions}>
        <Checkbox
          label={s.rowConfirmed}
          checked={draft.confirmed}
          onChange={(_, d) => onDraft({ confirmed: d.checked === true })}
          disabled={isBusy}
          data-testid={`confirm-${row.rowKey}`}
        />
        <Button appearance="primary" size="small" onClick={onSave} disabled={isBusy} data-testid={`save-${row.rowKey}`}>
          {s.rowSave}
        </Button>
      </div>
      {row.confirmed ? (
        <Caption1 as="p" className={pane.muted} data-testid={`confirmed-${row.rowKey}`}>
          {s.rowConfirmedBy(row.confirmedBy, row.confirmedAt ? formatTime(row.confirmedAt, language) : null)}
        </Caption1>
      ) : null}
      {saved ? (
        <Notice intent="success" onDismiss={onDismissSaved} data-testid={`saved-${row.rowKey}`}>
          {s.rowSaved}
        </Notice>
      ) : null}
      {unchanged ? (
        <Caption1 as="p" data-testid={`unchanged-${row.rowKey}`}>
          {s.rowNothingToSave}
        </Caption1>
      ) : null}
    </li>
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
  const pane = usePaneStyles();
  const task = row.task!;
  return (
    <>
      <dl className={styles.facts}>
        <dt className={pane.muted}>{s.taskDeadline}</dt>
        <dd className={styles.fact} data-testid={`deadline-${row.rowKey}`}>
          {task.deadline ?? s.valueEmpty}
        </dd>
        {task.partners ? (
          <>
            <dt className={pane.muted}>{s.taskPartners}</dt>
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
