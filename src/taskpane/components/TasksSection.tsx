/**
 * "Nhiệm vụ", for a task list: the as-of day (a date picker, saved with the workbook, and where the
 * day came from), the tasks by state (choosing a state lists its tasks; choosing a task selects its
 * row in the sheet), the tasks per lead agency, and the summary paragraph with Copy.
 */
import { Body1, Button, Caption1, Field, Input, Subtitle2, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { AnnexRow, TableAnalysis, TaskState } from "../../annex";
import { parseIsoDate } from "../../annex/tasks/dates";
import type { LeadTaskCounts } from "../../annex/tasks/summary";
import { formatCount, formatDate } from "../format";
import { useLanguage, useStrings } from "../i18n";
import { usePaneActions } from "./paneActions";
import { CopyableParagraph } from "./CopyableParagraph";
import { LegendSwatch } from "./highlightParts";
import { rowAddress, statesShown, tasksIn } from "./taskStates";
import { usePaneStyles } from "./paneStyles";

const useStyles = makeStyles({
  block: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS, minWidth: 0 },
  asOfRow: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
  asOfField: { flex: "0 1 11.5em", minWidth: "9.5em" },
  asOfInput: { width: "100%", minWidth: 0 },
  error: { color: tokens.colorPaletteRedForeground1 },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  // A state: its swatch, then the count, on one line.
  state: { gridTemplateColumns: "minmax(0, 1fr) auto", alignItems: "center" },
  count: { whiteSpace: "nowrap", color: tokens.colorNeutralForeground2 },
  tasks: {
    listStyleType: "none",
    margin: 0,
    padding: `0 0 ${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    borderLeft: `2px solid ${tokens.colorNeutralStroke2}`,
    marginLeft: tokens.spacingHorizontalS,
  },
  // A task, like a finding: where on the left, what on the right.
  task: { gridTemplateColumns: "auto minmax(0, 1fr)", alignItems: "start" },
  where: { fontWeight: tokens.fontWeightSemibold, whiteSpace: "nowrap" },
  what: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS, overflowWrap: "anywhere" },
  leads: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  lead: { display: "flex", flexDirection: "column", overflowWrap: "anywhere" },
  leadName: { fontWeight: tokens.fontWeightSemibold },
  overdue: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalS },
});

export interface TasksSectionProps {
  analysis: TableAnalysis;
  onAsOfChange: (asOf: string | null) => void;
  onSelectRow: (sheet: string, address: string) => void;
}

function AsOf({ analysis, onAsOfChange }: Pick<TasksSectionProps, "analysis" | "onAsOfChange">) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const pane = usePaneStyles();
  const busy = usePaneActions().busy !== null;
  const { asOf, asOfSource } = analysis.table;
  const [draft, setDraft] = useState(asOf ?? "");
  // A new analysis (another day, another table) resets what is being edited.
  useEffect(() => setDraft(asOf ?? ""), [asOf]);
  const chosen = parseIsoDate(draft);
  const invalid = draft !== "" && chosen === null;

  return (
    <form
      className={styles.block}
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen && chosen !== asOf && !busy) onAsOfChange(chosen);
      }}
    >
      <div className={styles.asOfRow}>
        <Field className={styles.asOfField} label={s.tasksAsOfLabel} validationState={invalid ? "error" : "none"}>
          <Input
            className={styles.asOfInput}
            type="date"
            value={draft}
            onChange={(_, data) => setDraft(data.value)}
            disabled={busy}
            aria-describedby="tasks-as-of-source"
            data-testid="tasks-as-of"
          />
        </Field>
        <Button type="submit" disabled={busy || !chosen || chosen === asOf} data-testid="tasks-as-of-apply">
          {s.tasksAsOfApply}
        </Button>
      </div>
      {invalid ? (
        <Caption1 as="p" role="alert" className={styles.error} data-testid="tasks-as-of-invalid">
          {s.tasksAsOfInvalid}
        </Caption1>
      ) : null}
      <Body1 as="p" id="tasks-as-of-source" data-testid="tasks-as-of-source" data-source={asOfSource ?? ""}>
        {asOf && asOfSource ? s.tasksAsOfShown(formatDate(asOf, language), s.tasksAsOfSource[asOfSource]) : null}
      </Body1>
      <Caption1 as="p" className={pane.muted}>
        {s.tasksAsOfHint}
      </Caption1>
      {asOfSource === "option" ? (
        <div>
          <Button
            type="button"
            size="small"
            appearance="secondary"
            onClick={() => onAsOfChange(null)}
            disabled={busy}
            data-testid="tasks-as-of-reset"
          >
            {s.tasksAsOfReset}
          </Button>
        </div>
      ) : null}
    </form>
  );
}

function TaskItem({
  analysis,
  row,
  onSelectRow,
}: {
  analysis: TableAnalysis;
  row: AnnexRow;
  onSelectRow: TasksSectionProps["onSelectRow"];
}) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const pane = usePaneStyles();
  const busy = usePaneActions().busy !== null;
  const dueDate = row.due ? formatDate(row.due, language) : null;
  const written = row.dueText?.trim() ?? "";
  const due = dueDate ? s.taskDue(written && written !== dueDate ? `${dueDate} (${written})` : dueDate) : written || s.taskNoDue;
  return (
    <li>
      <Button
        appearance="subtle"
        className={mergeClasses(pane.rowButton, styles.task)}
        onClick={() => onSelectRow(analysis.table.sheet, rowAddress(analysis, row.row))}
        disabledFocusable={busy}
        title={s.goToRow(row.row)}
        data-testid={`task-row-${row.row}`}
      >
        <span className={styles.where}>{s.taskRowLine(row.row, row.ordinal)}</span>
        <span className={styles.what}>
          <span>{row.name}</span>
          <Caption1>
            {due} · {row.lead || s.taskNoLead}
          </Caption1>
        </span>
      </Button>
    </li>
  );
}

function States({ analysis, onSelectRow }: Pick<TasksSectionProps, "analysis" | "onSelectRow">) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const pane = usePaneStyles();
  const [open, setOpen] = useState<TaskState | null>(null);
  const total = analysis.summary.tasks?.total ?? 0;
  const n = (value: number) => formatCount(value, language);
  return (
    <section className={styles.block} aria-labelledby="tasks-states-heading">
      <Subtitle2 as="h2" id="tasks-states-heading" data-testid="tasks-total">
        {s.tasksStatesHeading(n(total))}
      </Subtitle2>
      <ul className={styles.list} aria-label={s.tasksStatesLabel} data-testid="task-states">
        {statesShown(analysis).map(({ state, entry, count }) => {
          const expanded = open === state;
          const label = language === "vi" ? entry.label : entry.labelEn;
          return (
            <li key={state}>
              <Button
                appearance="subtle"
                className={mergeClasses(pane.rowButton, styles.state)}
                aria-expanded={expanded}
                aria-controls={expanded ? `task-list-${state}` : undefined}
                onClick={() => setOpen(expanded ? null : state)}
                data-testid={`task-state-${state}`}
              >
                <span>
                  <LegendSwatch entry={entry} language={language} />
                </span>
                <span className={styles.count} data-testid={`task-count-${state}`}>
                  {s.tasksCount(n(count))}
                </span>
              </Button>
              {expanded ? (
                <ul
                  id={`task-list-${state}`}
                  className={styles.tasks}
                  aria-label={s.tasksOfState(label)}
                  data-testid={`task-list-${state}`}
                >
                  {tasksIn(analysis, state).map((row) => (
                    <TaskItem key={row.row} analysis={analysis} row={row} onSelectRow={onSelectRow} />
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function LeadLine({ lead }: { lead: LeadTaskCounts }) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const n = (value: number) => formatCount(value, language);
  const parts: { text: string; overdue?: boolean }[] = [];
  if (lead.done) parts.push({ text: s.tasksLeadParts.done(n(lead.done)) });
  if (lead.inProgress) parts.push({ text: s.tasksLeadParts.inProgress(n(lead.inProgress)) });
  if (lead.overdue) parts.push({ text: s.tasksLeadParts.overdue(n(lead.overdue)), overdue: true });
  if (lead.ongoing) parts.push({ text: s.tasksLeadParts.ongoing(n(lead.ongoing)) });
  if (lead.unknown) parts.push({ text: s.tasksLeadParts.unknown(n(lead.unknown)) });
  return (
    <>
      <span className={styles.leadName}>{lead.lead || s.taskNoLead}</span>
      <Caption1>
        {s.tasksCount(n(lead.total))}:{" "}
        {parts.map((p, i) => (
          <span key={i} className={p.overdue ? styles.overdue : undefined}>
            {i > 0 ? ", " : ""}
            {p.text}
          </span>
        ))}
      </Caption1>
    </>
  );
}

function Summary({ analysis }: { analysis: TableAnalysis }) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  return (
    <div className={styles.block}>
      <CopyableParagraph
        text={language === "vi" ? analysis.summary.text : analysis.summary.textEn}
        label={s.tasksSummaryLabel}
        hint={s.tasksSummaryHint}
        rows={6}
        ids={{ text: "tasks-summary-text", copy: "tasks-copy", copied: "tasks-copy-confirmation", failed: "tasks-copy-failed" }}
      />
    </div>
  );
}

export function TasksSection({ analysis, onAsOfChange, onSelectRow }: TasksSectionProps) {
  const s = useStrings();
  const styles = useStyles();
  const pane = usePaneStyles();
  const leads = analysis.summary.tasks?.byLead ?? [];
  return (
    <div className={pane.section}>
      <AsOf analysis={analysis} onAsOfChange={onAsOfChange} />
      <States analysis={analysis} onSelectRow={onSelectRow} />
      <section className={styles.block} aria-labelledby="tasks-leads-heading">
        <Subtitle2 as="h2" id="tasks-leads-heading">
          {s.tasksByLeadHeading}
        </Subtitle2>
        <ul className={styles.leads} data-testid="tasks-by-lead">
          {leads.map((lead, i) => (
            <li key={lead.lead || `none-${i}`} className={styles.lead} data-testid={`task-lead-${i}`}>
              <LeadLine lead={lead} />
            </li>
          ))}
        </ul>
      </section>
      <Summary analysis={analysis} />
    </div>
  );
}
