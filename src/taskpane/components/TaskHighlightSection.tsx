/**
 * "Tô màu" for a task list: Apply and Remove, then each task state with its colour and how many
 * tasks are in it. Applying writes the state rules and the name `AnnexAsOf` they compare
 * deadlines with; the as-of day is changed in "Nhiệm vụ".
 */
import { Body1, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import type { TableAnalysis } from "../../annex";
import { formatCount, formatDate } from "../format";
import { useLanguage, useStrings } from "../i18n";
import { HighlightButtons, LegendSwatch } from "./highlightParts";
import { statesShown } from "./taskStates";
import { usePaneStyles } from "./paneStyles";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  // Swatch, then the count, on one line; a note under the states that are not coloured.
  item: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) auto",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
  },
  count: { whiteSpace: "nowrap", textAlign: "end", color: tokens.colorNeutralForeground3 },
  note: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** States the rules leave as the sheet shows them. */
const UNCOLOURED = new Set(["ongoing", "unknown"]);

export interface TaskHighlightSectionProps {
  analysis: TableAnalysis;
  onApply: () => void;
  onRemove: () => void;
}

export function TaskHighlightSection({ analysis, onApply, onRemove }: TaskHighlightSectionProps) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const pane = usePaneStyles();
  const asOf = analysis.taskHighlight?.asOf ?? analysis.table.asOf ?? null;
  const rules = analysis.taskHighlight?.rules.length ?? 0;
  return (
    <div className={pane.section}>
      <HighlightButtons canApply={rules > 0} onApply={onApply} onRemove={onRemove} />
      {asOf ? (
        <Body1 as="p" data-testid="task-highlight-line">
          {s.taskHighlightLine(formatDate(asOf, language))}
        </Body1>
      ) : null}
      <Subtitle2 as="h2">{s.taskStatesHeading}</Subtitle2>
      <ul className={styles.list} aria-label={s.taskStatesHeading} data-testid="task-bands-list">
        {statesShown(analysis).map(({ state, entry, count }) => (
          <li key={state} className={styles.item} data-testid={`task-band-${state}`}>
            <span>
              <LegendSwatch entry={entry} language={language} />
              {UNCOLOURED.has(state) ? <span className={styles.note}> · {s.taskNotColoured}</span> : null}
            </span>
            <span className={styles.count} data-testid={`task-band-count-${state}`}>
              {s.tasksCount(formatCount(count, language))}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
