/**
 * "Điền công thức": Apply (with how many typed figures it replaces) and Undo first, then one line
 * per column, then the cells a page at a time in plain words ("G7 = cột 4 / cột 5 → 55,7%"),
 * overwrites of typed figures first; the Excel formula is behind a disclosure per column.
 */
import { Badge, Body1, Button, Caption1, Subtitle2, Switch, makeStyles, tokens, type BadgeProps } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { AnnexColumn, CellWrite, TableAnalysis } from "../../annex";
import { formatCellValue, formatCount } from "../format";
import { useLanguage, useStrings } from "../i18n";
import { columnSummaries, expressionInWords, previewWrites, type ColumnSummary, type PreviewWrite, type WriteKind } from "./fillPreview";
import { usePaneActions } from "./paneActions";
import { Pager, usePage } from "./Pager";
import { usePaneStyles } from "./paneStyles";

const useStyles = makeStyles({
  confirm: { fontWeight: tokens.fontWeightSemibold },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  column: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  disclosure: { alignSelf: "flex-start", minWidth: 0, paddingLeft: 0 },
  formula: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
    backgroundColor: tokens.colorNeutralBackground3,
    padding: tokens.spacingHorizontalXS,
    borderRadius: tokens.borderRadiusSmall,
  },
  write: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderLeft: `3px solid transparent`,
  },
  overwrite: { borderLeftColor: tokens.colorPaletteRedBorder2, backgroundColor: tokens.colorPaletteRedBackground1 },
  recalc: { borderLeftColor: tokens.colorPaletteYellowBorder2, backgroundColor: tokens.colorPaletteYellowBackground1 },
  writeHead: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalS },
  line: { overflowWrap: "anywhere" },
  cell: { fontWeight: tokens.fontWeightSemibold },
});

const KIND_BADGE: Record<WriteKind, { color: BadgeProps["color"]; appearance: BadgeProps["appearance"] }> = {
  overwrite: { color: "danger", appearance: "filled" },
  recalc: { color: "warning", appearance: "tint" },
  fill: { color: "informative", appearance: "tint" },
  conversion: { color: "informative", appearance: "outline" },
  same: { color: "subtle", appearance: "outline" },
};

function useValueText() {
  const s = useStrings();
  const language = useLanguage();
  return (write: CellWrite, value: CellWrite["old"]) => formatCellValue(value, write.numberFormat, language, s.fillEmpty);
}

/** "G7 = cột 4 / cột 5 → 55,7%", or "E21: chữ “38%” → số 38%". */
function WriteLine({ write, column }: { write: CellWrite; column: AnnexColumn | undefined }) {
  const s = useStrings();
  const value = useValueText();
  if (write.kind === "number" || !column?.formula)
    return <>{s.fillConversionLine(write.cell, String(write.old ?? ""), value(write, write.new))}</>;
  const words = expressionInWords(column.formula.expr, s.fillColumnRef);
  return <>{s.fillPlainFormula(write.cell, words, value(write, write.new))}</>;
}

function PreviewItem({ item, column }: { item: PreviewWrite; column: AnnexColumn | undefined }) {
  const s = useStrings();
  const styles = useStyles();
  const pane = usePaneStyles();
  const value = useValueText();
  const { write, kind } = item;
  const badge = KIND_BADGE[kind];
  const shownBefore = kind === "overwrite" || kind === "recalc" || kind === "same";
  return (
    <li
      className={`${styles.write} ${kind === "overwrite" ? styles.overwrite : kind === "recalc" ? styles.recalc : ""}`}
      title={write.formula}
      data-testid={`fill-row-${write.cell}`}
      data-kind={kind}
      data-changes-value={write.changesValue ? "true" : "false"}
    >
      <span className={styles.writeHead}>
        <span className={styles.line}>
          <WriteLine write={write} column={column} />
        </span>
        <Badge size="small" color={badge.color} appearance={badge.appearance}>
          {s.fillKind[kind]}
        </Badge>
      </span>
      {shownBefore ? <Caption1 className={pane.muted}>{s.fillNow(value(write, write.old))}</Caption1> : null}
    </li>
  );
}

function ColumnLine({ summary }: { summary: ColumnSummary }) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const pane = usePaneStyles();
  const [open, setOpen] = useState(false);
  const { letter, column, example } = summary;
  const spec = column?.formula ? `${column.number}=${column.formula.text}` : null;
  const formulaId = `fill-formula-${letter}`;
  return (
    <li className={styles.column} data-testid={`fill-column-${letter}`}>
      <Body1>
        {spec
          ? s.fillColumnLine(
              letter,
              spec,
              formatCount(summary.cells, language),
              summary.differing ? formatCount(summary.differing, language) : null,
            )
          : s.fillColumnConversions(letter, formatCount(summary.cells, language))}
      </Body1>
      {example?.formula ? (
        <>
          <Button
            className={styles.disclosure}
            appearance="transparent"
            size="small"
            aria-expanded={open}
            aria-controls={formulaId}
            onClick={() => setOpen((o) => !o)}
            data-testid={`fill-column-${letter}-formula-toggle`}
          >
            {open ? "▾ " : "▸ "}
            {s.fillExcelFormula}
          </Button>
          {open ? (
            <div id={formulaId}>
              <Caption1 className={pane.muted}>{s.fillFormulaExample(example.cell)}</Caption1>
              <div className={styles.formula} data-testid={`fill-column-${letter}-formula`}>
                {example.formula}
              </div>
            </div>
          ) : null}
        </>
      ) : null}
    </li>
  );
}

function SkippedList({ analysis }: { analysis: TableAnalysis }) {
  const s = useStrings();
  const styles = useStyles();
  const { skipped } = analysis.plan;
  const page = usePage(skipped.length, analysis);
  if (skipped.length === 0) return null;
  return (
    <>
      <Subtitle2 as="h2">{s.fillSkippedHeading}</Subtitle2>
      <ul className={styles.list} data-testid="fill-skipped">
        {skipped.slice(page.start, page.end).map((k) => (
          <li key={k.cell} data-testid={`skipped-${k.cell}`}>
            <span className={styles.cell}>{k.cell}</span>: “{String(k.value ?? "")}” — {s.fillSkippedReason}
          </li>
        ))}
      </ul>
      <Pager page={page} testId="fill-skipped-pager" />
    </>
  );
}

export interface FillSectionProps {
  analysis: TableAnalysis;
  canUndo: boolean;
  onApply: () => void;
  onUndo: () => void;
}

export function FillSection({ analysis, canUndo, onApply, onUndo }: FillSectionProps) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const pane = usePaneStyles();
  const busy = usePaneActions().busy !== null;
  const [onlyChanged, setOnlyChanged] = useState(false);
  const { plan, table } = analysis;
  const all = useMemo(() => previewWrites(plan), [plan]);
  const columns = useMemo(() => columnSummaries(all, table.columns), [all, table.columns]);
  const shown = useMemo(() => (onlyChanged ? all.filter((w) => w.write.changesValue) : all), [all, onlyChanged]);
  const page = usePage(shown.length, shown);
  const columnOf = useMemo(() => new Map(table.columns.map((c) => [c.column, c])), [table.columns]);

  const cells = plan.writes.length;
  const changed = all.filter((w) => w.write.changesValue).length;
  const overwrites = all.filter((w) => w.kind === "overwrite").length;
  const n = (value: number) => formatCount(value, language);
  const hasFormulaColumns = table.columns.some((c) => c.formula);

  return (
    <div className={pane.section}>
      <div className={pane.actions}>
        <Button appearance="primary" onClick={onApply} disabled={busy || cells === 0} data-testid="fill-apply">
          {cells === 0 ? s.fillApply : s.fillApplyCount(n(cells), overwrites ? n(overwrites) : null)}
        </Button>
        <Button onClick={onUndo} disabled={busy || !canUndo} data-testid="fill-undo">
          {s.fillUndo}
        </Button>
      </div>

      {!hasFormulaColumns ? (
        <Body1 as="p">{s.fillNoFormulaColumns}</Body1>
      ) : cells === 0 ? (
        <Body1 as="p" data-testid="fill-nothing">
          {s.fillNothing}
        </Body1>
      ) : (
        <Body1 as="p" className={styles.confirm} data-testid="fill-confirm">
          {s.fillConfirm(n(cells), n(changed))}
        </Body1>
      )}

      {cells > 0 ? (
        <>
          <ul className={styles.list} aria-label={s.fillColumnsLabel} data-testid="fill-columns">
            {columns.map((summary) => (
              <ColumnLine key={summary.letter} summary={summary} />
            ))}
          </ul>

          <Subtitle2 as="h2">{s.fillHeading}</Subtitle2>
          <Switch
            label={s.fillOnlyChanged}
            checked={onlyChanged}
            onChange={(_, data) => setOnlyChanged(data.checked)}
            data-testid="fill-only-changed"
          />
          <ul className={styles.list} aria-label={s.previewLabel} data-testid="fill-preview">
            {shown.slice(page.start, page.end).map((item) => (
              <PreviewItem key={item.write.cell} item={item} column={columnOf.get(item.write.column)} />
            ))}
          </ul>
          <Pager page={page} testId="fill-pager" />
        </>
      ) : null}

      <SkippedList analysis={analysis} />
    </div>
  );
}
