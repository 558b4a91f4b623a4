/** The pane's message bars: the last failure, the last confirmation, and "no annex on this sheet". */
import { makeStyles, tokens } from "@fluentui/react-components";
import type { SheetAnalysis } from "../annexService";
import { useLanguage, useStrings } from "../i18n";
import { Notice } from "./Notices";
import { usePaneActions } from "./paneActions";

const useStyles = makeStyles({
  messages: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
});

export function PaneMessages({ analysis }: { analysis: SheetAnalysis | null }) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const { error, showError, notice, showNotice } = usePaneActions();
  const noAnnex = analysis !== null && analysis.tables.length === 0;
  if (!error && !notice && !noAnnex) return null;
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
      {noAnnex ? (
        <Notice intent="info" title={s.noAnnexTitle} data-testid="no-annex">
          {s.noAnnex(analysis.sheet)}
        </Notice>
      ) : null}
    </div>
  );
}
