/** "Tô màu": Apply and Remove first, then the achievement bands (colour, limits, count), the time-aware mode and the limits as settings. */
import { Body1, Button, Caption1, Field, Input, Subtitle2, Switch, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { DEFAULT_PANE_SETTINGS, type PaneSettings } from "../annexService";
import type { Band, TableAnalysis } from "../../annex";
import { formatCount, formatNumber, formatPercent } from "../format";
import { useLanguage, useStrings, type Language, type Strings } from "../i18n";
import { usePaneActions } from "./paneActions";
import { HighlightButtons, LegendSwatch } from "./highlightParts";
import { usePaneStyles } from "./paneStyles";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  // Swatch, limits, count on one line: the limits text takes what is left and wraps within it.
  item: {
    display: "grid",
    gridTemplateColumns: "auto minmax(0, 1fr) auto",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
  },
  swatch: { maxWidth: "9.5em" },
  limits: { overflowWrap: "anywhere" },
  error: { color: tokens.colorPaletteRedForeground1 },
  count: { whiteSpace: "nowrap", textAlign: "end", color: tokens.colorNeutralForeground3 },
  thresholds: { display: "flex", columnGap: tokens.spacingHorizontalS },
  threshold: { flex: "1 1 0", minWidth: 0, maxWidth: "96px" },
  thresholdInput: { width: "100%", minWidth: 0 },
  // One line kept for the message, so an error never moves the inputs or the buttons.
  thresholdMessage: { minHeight: tokens.lineHeightBase200, marginTop: tokens.spacingVerticalXXS },
  formActions: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
    marginTop: tokens.spacingVerticalXS,
  },
});

/** Reads a limit typed as "90", "90,5", "90.5" or "90 %"; null when it is not a number. */
export function parsePercentInput(text: string): number | null {
  const cleaned = text.replace(/[%％\s]/g, "").replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** One message per limit (or undefined): each a percentage in (0, 1000], each below the one above it. */
export function validateThresholds(drafts: string[], s: Strings): { values: number[] | null; messages: (string | undefined)[] } {
  const values = drafts.map(parsePercentInput);
  const messages = values.map((v, i) => {
    if (v === null || v <= 0 || v > 1000) return s.thresholdsInvalidNumber;
    const above = values[i - 1];
    if (i > 0 && above !== null && above !== undefined && v >= above) return s.thresholdsNotDescending;
    return undefined;
  });
  return { values: messages.every((m) => m === undefined) ? (values as number[]) : null, messages };
}

function limitText(bands: Band[], index: number, s: Strings, language: Language): string {
  const band = bands[index];
  const above = bands[index - 1];
  if (band.min === null) return above?.min != null ? s.bandLimitBelow(formatPercent(above.min, language)) : "";
  if (!above || above.min === null) return s.bandLimitTop(formatPercent(band.min, language));
  return s.bandLimitBetween(formatPercent(band.min, language), formatPercent(above.min, language));
}

export interface HighlightSectionProps {
  analysis: TableAnalysis;
  settings: PaneSettings;
  onSaveThresholds: (thresholds: number[]) => void;
  onTimeAwareChange: (timeAware: boolean) => void;
  onApply: () => void;
  onRemove: () => void;
}

export function HighlightSection({ analysis, settings, onSaveThresholds, onTimeAwareChange, onApply, onRemove }: HighlightSectionProps) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const pane = usePaneStyles();
  const busy = usePaneActions().busy !== null;
  const { classification, summary, legend } = analysis;

  const savedKey = settings.thresholds.join(",");
  const [drafts, setDrafts] = useState<string[]>(() => settings.thresholds.map((v) => formatNumber(v, language)));
  // A saved change (or the language) resets what is being edited.
  useEffect(() => setDrafts(settings.thresholds.map((v) => formatNumber(v, language))), [settings.thresholds, language]);

  const { values, messages } = validateThresholds(drafts, s);
  const firstMessage = messages.find((m) => m !== undefined);
  const unchanged = values !== null && values.join(",") === savedKey;
  const timeMode = classification.mode === "time";
  const count = (band: string) => summary.bands.find((b) => b.band === band)?.count ?? 0;
  const legendOf = (band: string) => legend.find((l) => l.band === band);
  const unrated = legend.find((l) => !classification.bands.some((b) => b.id === l.band));
  const period = classification.period;

  return (
    <div className={pane.section}>
      <HighlightButtons canApply={Boolean(classification.ratioColumn)} onApply={onApply} onRemove={onRemove} />
      {classification.ratioColumn ? (
        <Body1 as="p">{s.ratioColumnLine(classification.ratioColumn)}</Body1>
      ) : (
        <Body1 as="p" data-testid="no-ratio-column">
          {s.noRatioColumn}
        </Body1>
      )}

      <Subtitle2 as="h2">{s.bandsHeading}</Subtitle2>
      <ul className={styles.list} aria-label={s.bandsHeading} data-testid="bands-list">
        {classification.bands.map((band, i) => {
          const entry = legendOf(band.id) ?? {
            band: band.id,
            label: band.label,
            labelEn: band.labelEn,
            fill: band.fill,
            fontColor: band.fontColor,
          };
          return (
            <li key={band.id} className={styles.item} data-testid={`band-${band.id}`}>
              <LegendSwatch entry={entry} language={language} className={styles.swatch} />
              <span className={styles.limits}>{limitText(classification.bands, i, s, language)}</span>
              <span className={styles.count} data-testid={`band-count-${band.id}`}>
                {s.bandCount(formatCount(count(band.id), language))}
              </span>
            </li>
          );
        })}
      </ul>
      {unrated ? (
        <div className={styles.item} data-testid="band-unrated">
          <LegendSwatch entry={unrated} language={language} className={styles.swatch} />
          <span className={styles.limits}>{s.bandUnrated}</span>
          <span className={styles.count} data-testid={`band-count-${unrated.band}`}>
            {s.bandCount(formatCount(count(unrated.band), language))}
          </span>
        </div>
      ) : null}

      <Switch
        label={s.timeAware}
        checked={settings.timeAware}
        onChange={(_, data) => onTimeAwareChange(data.checked)}
        disabled={busy}
        data-testid="time-aware-switch"
      />
      <Caption1 as="p" data-testid="period">
        {period
          ? s.periodDetected(language === "vi" ? period.label : period.labelEn, formatPercent(period.expected, language))
          : s.periodNone}
      </Caption1>

      <Subtitle2 as="h2">{s.thresholdsHeading}</Subtitle2>
      {timeMode ? (
        <Caption1 as="p" className={pane.muted}>
          {s.thresholdsTimeModeNote}
        </Caption1>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (values && !unchanged && !busy) onSaveThresholds(values);
        }}
      >
        <div className={styles.thresholds}>
          {drafts.map((draft, i) => (
            <Field key={i} className={styles.threshold} label={s.thresholdLabel(i + 1)} validationState={messages[i] ? "error" : "none"}>
              <Input
                className={styles.thresholdInput}
                value={draft}
                inputMode="decimal"
                contentAfter="%"
                onChange={(_, data) => setDrafts((d) => d.map((x, j) => (j === i ? data.value : x)))}
                disabled={busy}
                aria-describedby={messages[i] ? "thresholds-message" : undefined}
                data-testid={`threshold-${i}`}
              />
            </Field>
          ))}
        </div>
        <Caption1
          as="p"
          id="thresholds-message"
          role="alert"
          className={mergeClasses(styles.thresholdMessage, styles.error)}
          data-testid="thresholds-message"
        >
          {firstMessage ?? ""}
        </Caption1>
        <div className={styles.formActions}>
          <Button type="submit" disabled={busy || !values || unchanged} data-testid="thresholds-save">
            {s.thresholdsSave}
          </Button>
          <Button
            type="button"
            appearance="subtle"
            onClick={() => setDrafts(DEFAULT_PANE_SETTINGS.thresholds.map((v) => formatNumber(v, language)))}
            disabled={busy}
            data-testid="thresholds-reset"
          >
            {s.thresholdsReset}
          </Button>
        </div>
      </form>
    </div>
  );
}
