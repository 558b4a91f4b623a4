/** What both colour views (indicator bands, task states) show: a legend entry's swatch, and the buttons that apply or remove the colours. */
import { Button, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { LegendEntry } from "../../annex";
import { useStrings, type Language } from "../i18n";
import { usePaneActions } from "./paneActions";
import { usePaneStyles } from "./paneStyles";

const useStyles = makeStyles({
  swatch: {
    display: "inline-block",
    maxWidth: "100%",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusSmall,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    overflowWrap: "anywhere",
    textAlign: "start",
  },
});

/** The entry's label on its own colours, as the sheet shows them. `className`: the caller's width. */
export function LegendSwatch({ entry, language, className }: { entry: LegendEntry; language: Language; className?: string }) {
  const styles = useStyles();
  return (
    <span
      className={mergeClasses(styles.swatch, className)}
      style={{ backgroundColor: entry.fill, color: entry.fontColor }}
      data-testid={`legend-${entry.band}`}
    >
      {language === "vi" ? entry.label : entry.labelEn}
    </span>
  );
}

export function HighlightButtons({ canApply, onApply, onRemove }: { canApply: boolean; onApply: () => void; onRemove: () => void }) {
  const s = useStrings();
  const pane = usePaneStyles();
  const busy = usePaneActions().busy !== null;
  return (
    <div className={pane.actions}>
      <Button appearance="primary" onClick={onApply} disabled={busy || !canApply} data-testid="highlight-apply">
        {s.highlightApply}
      </Button>
      <Button onClick={onRemove} disabled={busy} data-testid="highlight-remove">
        {s.highlightRemove}
      </Button>
    </div>
  );
}
