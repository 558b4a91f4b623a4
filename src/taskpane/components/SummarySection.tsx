/**
 * "Tóm tắt": the summary paragraph (at most 10 names per band, "… và N chỉ tiêu khác"), read-only,
 * with a Copy button; every indicator of each band behind "Xem tất cả".
 */
import { Button, Field, Subtitle2, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import type { SummaryBand, TableAnalysis } from "../../annex";
import { formatCount } from "../format";
import { useLanguage, useStrings } from "../i18n";
import { Notice } from "./Notices";
import { Pager, usePage } from "./Pager";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalS },
  band: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  names: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, overflowWrap: "anywhere" },
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

function BandNames({ band, label }: { band: SummaryBand; label: string }) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const page = usePage(band.indicators.length, band);
  const headingId = `summary-band-heading-${band.band}`;
  return (
    <section className={styles.band} aria-labelledby={headingId} data-testid={`summary-band-${band.band}`}>
      <Subtitle2 as="h2" id={headingId}>
        {s.summaryBandHeading(label, formatCount(band.count, language))}
      </Subtitle2>
      <ol className={styles.names} start={page.start + 1}>
        {band.indicators.slice(page.start, page.end).map((name, i) => (
          <li key={page.start + i}>{name}</li>
        ))}
      </ol>
      <Pager page={page} testId={`summary-band-${band.band}-pager`} />
    </section>
  );
}

/** Every indicator of every band, behind "Xem tất cả": the paragraph names at most 10 per band. */
function AllIndicators({ analysis }: { analysis: TableAnalysis }) {
  const s = useStrings();
  const language = useLanguage();
  const [open, setOpen] = useState(false);
  const bands = analysis.summary.bands.filter((b) => b.count > 0);
  if (bands.length === 0) return null;
  const labelOf = (band: SummaryBand) => {
    const entry = analysis.legend.find((l) => l.band === band.band);
    return entry ? (language === "vi" ? entry.label : entry.labelEn) : band.label;
  };
  return (
    <>
      <div>
        <Button
          appearance="secondary"
          aria-expanded={open}
          aria-controls="summary-all"
          onClick={() => setOpen((o) => !o)}
          data-testid="summary-all-toggle"
        >
          {open ? s.summaryHideAll : s.summaryShowAll}
        </Button>
      </div>
      {open ? (
        <div id="summary-all">
          {bands.map((band) => (
            <BandNames key={band.band} band={band} label={labelOf(band)} />
          ))}
        </div>
      ) : null}
    </>
  );
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
      <AllIndicators analysis={analysis} />
    </div>
  );
}
