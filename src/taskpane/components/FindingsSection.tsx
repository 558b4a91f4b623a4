/** "Kiểm tra": the findings by severity, with counts; each one selects its cell in the sheet. */
import { Badge, Body1, Button, Subtitle2, makeStyles, tokens, type BadgeProps } from "@fluentui/react-components";
import { SEVERITY_ORDER, type Finding, type Severity, type TableAnalysis } from "../../annex";
import { useLanguage, useStrings } from "../i18n";
import { Notice } from "./Notices";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
  group: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  heading: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS, margin: 0 },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  finding: {
    display: "flex",
    alignItems: "flex-start",
    justifyContent: "flex-start",
    columnGap: tokens.spacingHorizontalS,
    width: "100%",
    height: "auto",
    minHeight: "unset",
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    textAlign: "start",
    fontWeight: tokens.fontWeightRegular,
  },
  cell: { fontWeight: tokens.fontWeightSemibold, minWidth: "3.5em", flexShrink: 0 },
  message: { overflowWrap: "anywhere" },
});

const BADGE_COLOUR: Record<Severity, BadgeProps["color"]> = { error: "danger", warning: "warning", info: "informative" };

export interface FindingsSectionProps {
  analysis: TableAnalysis;
  busy: boolean;
  onSelectCell: (sheet: string, cell: string) => void;
}

export function FindingsSection({ analysis, busy, onSelectCell }: FindingsSectionProps) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const bySeverity = (severity: Severity) => analysis.findings.filter((f) => f.severity === severity);
  const counts = Object.fromEntries(SEVERITY_ORDER.map((sev) => [sev, bySeverity(sev).length])) as Record<Severity, number>;
  const allClear = counts.error === 0 && counts.warning === 0;
  const message = (f: Finding) => (language === "vi" ? f.message : f.messageEn);

  return (
    <div className={styles.root}>
      <Body1 as="p" data-testid="findings-totals">
        {s.findingsTotals(counts.error, counts.warning, counts.info)}
      </Body1>
      {allClear ? (
        <Notice intent="success" title={s.allClearTitle} data-testid="all-clear">
          {s.allClear}
        </Notice>
      ) : null}
      {SEVERITY_ORDER.map((severity) => {
        const group = bySeverity(severity);
        if (group.length === 0) return null;
        const headingId = `findings-heading-${severity}`;
        return (
          <section key={severity} className={styles.group} aria-labelledby={headingId} data-testid={`findings-${severity}`}>
            <Subtitle2 as="h2" id={headingId} className={styles.heading}>
              {s.severity[severity]}
              <Badge appearance="filled" color={BADGE_COLOUR[severity]} data-testid={`findings-count-${severity}`}>
                {group.length}
              </Badge>
            </Subtitle2>
            <ul className={styles.list}>
              {group.map((f, i) => (
                <li key={`${f.code}-${f.cell}-${i}`}>
                  <Button
                    appearance="subtle"
                    className={styles.finding}
                    onClick={() => onSelectCell(f.sheet, f.cell)}
                    disabledFocusable={busy}
                    title={s.goToCell(f.cell)}
                    data-testid={`finding-${f.cell}`}
                    data-severity={severity}
                    data-code={f.code}
                  >
                    <span className={styles.cell}>{f.cell}</span>
                    <span className={styles.message}>{message(f)}</span>
                  </Button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
