/**
 * "Kiểm tra": the findings as one list (one Tab stop, arrow keys between items), a severity
 * filter with counts, and "Lỗi tiếp theo"; choosing a finding selects its cell in the sheet.
 */
import { Badge, Body1, Button, ToggleButton, makeStyles, mergeClasses, tokens, type BadgeProps } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { SEVERITY_ORDER, type Finding, type Severity, type TableAnalysis } from "../../annex";
import { message } from "../../messages";
import { formatCount } from "../format";
import { useLanguage, useStrings } from "../i18n";
import { Notice } from "./Notices";
import { usePaneActions } from "./paneActions";
import { Pager, usePage } from "./Pager";
import { useRovingFocus } from "./useRovingFocus";
import { usePaneStyles } from "./paneStyles";

const useStyles = makeStyles({
  toolbar: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalXS,
    rowGap: tokens.spacingVerticalXS,
  },
  filter: {
    minWidth: 0,
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    columnGap: tokens.spacingHorizontalXS,
  },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  finding: { gridTemplateColumns: "auto 1fr", alignItems: "start" },
  where: { display: "flex", flexDirection: "column", alignItems: "flex-start", rowGap: tokens.spacingVerticalXXS, minWidth: "4em" },
  cell: { fontWeight: tokens.fontWeightSemibold },
  message: { overflowWrap: "anywhere" },
});

const BADGE_COLOUR: Record<Severity, BadgeProps["color"]> = { error: "danger", warning: "warning", info: "informative" };

type Filter = Severity | "all";

export interface FindingsSectionProps {
  analysis: TableAnalysis;
  onSelectCell: (sheet: string, cell: string) => void;
}

function FindingItem({
  finding,
  index,
  tabbable,
  onChoose,
  onFocus,
}: {
  finding: Finding;
  index: number;
  tabbable: boolean;
  onChoose: () => void;
  onFocus: () => void;
}) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const pane = usePaneStyles();
  const busy = usePaneActions().busy !== null;
  return (
    <li>
      <Button
        appearance="subtle"
        className={mergeClasses(pane.rowButton, styles.finding)}
        onClick={onChoose}
        onFocus={onFocus}
        tabIndex={tabbable ? 0 : -1}
        disabledFocusable={busy}
        title={s.goToCell(finding.cell)}
        data-roving-index={index}
        data-testid={`finding-${finding.cell}`}
        data-severity={finding.severity}
        data-code={finding.code}
      >
        <span className={styles.where}>
          <span className={styles.cell}>{finding.cell}</span>
          <Badge size="small" appearance="tint" color={BADGE_COLOUR[finding.severity]}>
            {s.severityOne[finding.severity]}
          </Badge>
        </span>
        <span className={styles.message}>{message(finding.code, finding.params, language)}</span>
      </Button>
    </li>
  );
}

export function FindingsSection({ analysis, onSelectCell }: FindingsSectionProps) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const pane = usePaneStyles();
  const [filter, setFilter] = useState<Filter>("all");
  // Until a finding has been chosen or focused, "Lỗi tiếp theo" starts with the first error.
  const [started, setStarted] = useState(false);
  const { findings } = analysis;
  const counts = useMemo(() => {
    const bySeverity = { error: 0, warning: 0, info: 0 } as Record<Severity, number>;
    for (const f of findings) bySeverity[f.severity]++;
    return bySeverity;
  }, [findings]);
  const shown = useMemo(() => (filter === "all" ? findings : findings.filter((f) => f.severity === filter)), [findings, filter]);
  const page = usePage(shown.length, shown);
  const roving = useRovingFocus(shown.length, page);
  const n = (value: number) => formatCount(value, language);
  const allClear = counts.error === 0 && counts.warning === 0;

  const visit = (index: number) => {
    roving.setActive(index);
    setStarted(true);
  };

  const choose = (index: number) => {
    visit(index);
    onSelectCell(shown[index].sheet, shown[index].cell);
  };

  const nextError = () => {
    if (filter !== "all" && filter !== "error") {
      // The filter hides the errors: show them, from the first.
      const first = findings.find((f) => f.severity === "error");
      setFilter("error");
      setStarted(true);
      roving.focusItem(0);
      if (first) onSelectCell(first.sheet, first.cell);
      return;
    }
    // The error after the active finding, wrapping round.
    const from = started ? roving.tabStop : -1;
    const after = shown.findIndex((f, i) => i > from && f.severity === "error");
    const index = after >= 0 ? after : shown.findIndex((f) => f.severity === "error");
    if (index < 0) return;
    setStarted(true);
    roving.focusItem(index);
    onSelectCell(shown[index].sheet, shown[index].cell);
  };

  const filterButton = (value: Filter, label: string, count: number) => (
    <ToggleButton
      key={value}
      className={styles.filter}
      size="small"
      appearance={filter === value ? "primary" : "secondary"}
      checked={filter === value}
      onClick={() => setFilter(value)}
      data-testid={`findings-filter-${value}`}
    >
      {label}
      <span data-testid={value === "all" ? undefined : `findings-count-${value}`}>{n(count)}</span>
    </ToggleButton>
  );

  return (
    <div className={pane.section}>
      <Body1 as="p" data-testid="findings-totals">
        {s.findingsTotals(n(counts.error), n(counts.warning), n(counts.info))}
      </Body1>
      {allClear ? (
        <Notice intent="success" title={s.allClearTitle} data-testid="all-clear">
          {s.allClear}
        </Notice>
      ) : null}
      {findings.length > 0 ? (
        <>
          <div className={styles.toolbar} role="group" aria-label={s.findingsFilterLabel}>
            {filterButton("all", s.findingsAll, findings.length)}
            {SEVERITY_ORDER.map((severity) =>
              counts[severity] > 0 ? filterButton(severity, s.severity[severity], counts[severity]) : null,
            )}
          </div>
          {counts.error > 0 ? (
            <div>
              <Button size="small" onClick={nextError} data-testid="findings-next-error">
                {s.findingsNextError}
              </Button>
            </div>
          ) : null}
          <ul
            ref={roving.listRef}
            className={styles.list}
            aria-label={s.findingsListLabel}
            onKeyDown={roving.onKeyDown}
            data-testid="findings-list"
          >
            {shown.slice(page.start, page.end).map((finding, i) => {
              const index = page.start + i;
              return (
                <FindingItem
                  key={`${finding.code}-${finding.cell}-${index}`}
                  finding={finding}
                  index={index}
                  tabbable={index === roving.tabStop}
                  onChoose={() => choose(index)}
                  onFocus={() => visit(index)}
                />
              );
            })}
          </ul>
          <Pager page={page} testId="findings-pager" />
        </>
      ) : null}
    </div>
  );
}
