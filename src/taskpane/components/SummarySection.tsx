/** "Tóm tắt": the summary paragraph, read-only, with a Copy button. */
import { Button, Caption1, Field, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import type { TableAnalysis } from "../../annex";
import { useLanguage, useStrings } from "../i18n";
import { Notice } from "./Notices";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalS },
});

/**
 * Copies text: the asynchronous clipboard first, else the selected text of `fallback` with the
 * older `execCommand("copy")` (some Office hosts deny clipboard-write to add-ins). True when copied.
 */
export async function copyText(text: string, fallback: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    if (typeof navigator !== "undefined" && navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied or unavailable: the selection fallback below is tried, and its failure is reported.
  }
  if (!fallback) return false;
  try {
    fallback.focus();
    fallback.select();
    return typeof document.execCommand === "function" && document.execCommand("copy");
  } catch {
    return false;
  }
}

export function SummarySection({ analysis }: { analysis: TableAnalysis }) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [status, setStatus] = useState<"copied" | "failed" | null>(null);
  const text = language === "vi" ? analysis.summary.text : analysis.summary.textEn;

  // A new paragraph has not been copied yet.
  useEffect(() => setStatus(null), [text]);

  const copy = async () => {
    setStatus(null);
    setStatus((await copyText(text, textarea.current)) ? "copied" : "failed");
  };

  return (
    <div className={styles.root}>
      <Field label={s.summaryLabel} hint={s.summaryHint}>
        <Textarea ref={textarea} value={text} readOnly resize="vertical" rows={10} data-testid="summary-text" />
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void copy()} data-testid="copy-button">
          {s.summaryCopy}
        </Button>
      </div>
      {status === "copied" ? (
        <Notice intent="success" onDismiss={() => setStatus(null)} data-testid="copy-confirmation">
          {s.summaryCopied}
        </Notice>
      ) : null}
      {status === "failed" ? (
        <Notice intent="warning" onDismiss={() => setStatus(null)} data-testid="copy-failed">
          {s.summaryCopyFailed}
        </Notice>
      ) : null}
    </div>
  );
}
