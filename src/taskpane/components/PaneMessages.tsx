/**
 * The pane's message bars: the last failure, the last confirmation, "no annex on this sheet", and
 * "the results may be out of date" (the table changed while an action was running) with Check again.
 */
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import type { SheetAnalysis } from "../annexService";
import { useLanguage, useStrings } from "../i18n";
import { Notice } from "./Notices";
import { usePaneActions } from "./paneActions";

const useStyles = makeStyles({
  messages: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  action: { marginTop: tokens.spacingVerticalS },
});

export interface PaneMessagesProps {
  analysis: SheetAnalysis | null;
  /** The results may be out of date; `onCheckAgain` analyses the sheet again. */
  stale?: boolean;
  onCheckAgain?: () => void;
}

export function PaneMessages({ analysis, stale = false, onCheckAgain }: PaneMessagesProps) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const { busy, error, showError, notice, showNotice } = usePaneActions();
  const noAnnex = analysis !== null && analysis.tables.length === 0;
  const showStale = stale && analysis !== null;
  if (!error && !notice && !noAnnex && !showStale) return null;
  return (
    <div className={styles.messages}>
      {error ? (
        <Notice intent="error" title={s.errorTitle} onDismiss={() => showError(null)} data-testid="error-bar">
          {error[language]}
        </Notice>
      ) : null}
      {notice ? (
        <Notice intent="success" title={s.doneTitle} onDismiss={() => showNotice(null)} data-testid="notice-bar">
          {notice}
        </Notice>
      ) : null}
      {showStale ? (
        <Notice intent="warning" title={s.staleTitle} data-testid="stale-bar">
          <span>{s.stale}</span>
          {onCheckAgain ? (
            <div className={styles.action}>
              <Button size="small" onClick={onCheckAgain} disabled={busy !== null} data-testid="stale-check-again">
                {s.checkAgain}
              </Button>
            </div>
          ) : null}
        </Notice>
      ) : null}
      {noAnnex ? (
        <Notice intent="info" title={s.noAnnexTitle} data-testid="no-annex">
          {s.noAnnex(analysis.sheet)}
        </Notice>
      ) : null}
    </div>
  );
}
