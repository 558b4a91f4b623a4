/** A paragraph for the report, read-only, with Copy and what Copy did (the summary, the task summary). */
import { Button, Field, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { useStrings } from "../i18n";
import { Notice } from "./Notices";

const useStyles = makeStyles({
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

export interface CopyableParagraphProps {
  text: string;
  label: string;
  hint: string;
  rows: number;
  /** Test ids of the text box, the Copy button and the two outcomes. */
  ids: { text: string; copy: string; copied: string; failed: string };
}

export function CopyableParagraph({ text, label, hint, rows, ids }: CopyableParagraphProps) {
  const s = useStrings();
  const styles = useStyles();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [status, setStatus] = useState<"copied" | "failed" | null>(null);

  // A new paragraph has not been copied yet.
  useEffect(() => setStatus(null), [text]);

  const copy = async () => {
    setStatus(null);
    setStatus((await copyText(text, textarea.current)) ? "copied" : "failed");
  };

  return (
    <>
      <Field label={label} hint={hint}>
        <Textarea ref={textarea} value={text} readOnly resize="vertical" rows={rows} data-testid={ids.text} />
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void copy()} data-testid={ids.copy}>
          {s.summaryCopy}
        </Button>
      </div>
      {status === "copied" ? (
        <Notice intent="success" onDismiss={() => setStatus(null)} data-testid={ids.copied}>
          {s.summaryCopied}
        </Notice>
      ) : null}
      {status === "failed" ? (
        <Notice intent="warning" onDismiss={() => setStatus(null)} data-testid={ids.failed}>
          {s.summaryCopyFailed}
        </Notice>
      ) : null}
    </>
  );
}
