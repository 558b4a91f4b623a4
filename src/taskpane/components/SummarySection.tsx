/**
 * "Tóm tắt": the summary paragraph (at most 10 names per band, "… và N chỉ tiêu khác"), read-only,
 * with a Copy button; every indicator of each band behind "Xem tất cả".
 */
import { Button, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { SummaryBand, TableAnalysis } from "../../annex";
import { formatCount } from "../format";
import { useLanguage, useStrings } from "../i18n";
import { CopyableParagraph } from "./CopyableParagraph";
import { Pager, usePage } from "./Pager";
import { usePaneStyles } from "./paneStyles";

const useStyles = makeStyles({
  band: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  names: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, overflowWrap: "anywhere" },
});

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
  const pane = usePaneStyles();
  const text = language === "vi" ? analysis.summary.text : analysis.summary.textEn;
  return (
    <div className={pane.section}>
      <CopyableParagraph
        text={text}
        label={s.summaryLabel}
        hint={s.summaryHint}
        rows={10}
        ids={{ text: "summary-text", copy: "copy-button", copied: "copy-confirmation", failed: "copy-failed" }}
      />
      <AllIndicators analysis={analysis} />
    </div>
  );
}
