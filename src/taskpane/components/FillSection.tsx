/** "Điền công thức": what the fill will write (old → new, formula), what it leaves alone, Apply and Undo. */
import {
  Badge,
  Body1,
  Button,
  Subtitle2,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import type { CellWrite, TableAnalysis } from "../../annex";
import { formatCellValue } from "../format";
import { useLanguage, useStrings } from "../i18n";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
  confirm: { fontWeight: tokens.fontWeightSemibold },
  actions: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  scroll: { overflowX: "auto", maxHeight: "360px", overflowY: "auto" },
  changed: { backgroundColor: tokens.colorPaletteYellowBackground1 },
  formula: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
  cell: { fontWeight: tokens.fontWeightSemibold, whiteSpace: "nowrap" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  cellColumn: { width: "48px" },
  changeColumn: { width: "40%" },
});

export interface FillSectionProps {
  analysis: TableAnalysis;
  canUndo: boolean;
  busy: boolean;
  onApply: () => void;
  onUndo: () => void;
}

export function FillSection({ analysis, canUndo, busy, onApply, onUndo }: FillSectionProps) {
  const s = useStrings();
  const language = useLanguage();
  const styles = useStyles();
  const [onlyChanged, setOnlyChanged] = useState(false);
  const { writes, skipped } = analysis.plan;
  const changed = writes.filter((w) => w.changesValue).length;
  const shown = onlyChanged ? writes.filter((w) => w.changesValue) : writes;
  const hasFormulaColumns = analysis.table.columns.some((c) => c.formula);
  const value = (w: CellWrite, v: CellWrite["old"]) => formatCellValue(v, w.numberFormat, language, s.fillEmpty);

  return (
    <div className={styles.root}>
      {!hasFormulaColumns ? (
        <Body1 as="p">{s.fillNoFormulaColumns}</Body1>
      ) : writes.length === 0 ? (
        <Body1 as="p" data-testid="fill-nothing">
          {s.fillNothing}
        </Body1>
      ) : (
        <Body1 as="p" className={styles.confirm} data-testid="fill-confirm">
          {s.fillConfirm(writes.length, changed)}
        </Body1>
      )}

      <div className={styles.actions}>
        <Button appearance="primary" onClick={onApply} disabled={busy || writes.length === 0} data-testid="fill-apply">
          {s.fillApply}
        </Button>
        <Button onClick={onUndo} disabled={busy || !canUndo} data-testid="fill-undo">
          {s.fillUndo}
        </Button>
      </div>

      {writes.length > 0 ? (
        <>
          <Subtitle2 as="h2">{s.fillHeading}</Subtitle2>
          <Switch
            label={s.fillOnlyChanged}
            checked={onlyChanged}
            onChange={(_, data) => setOnlyChanged(data.checked)}
            data-testid="fill-only-changed"
          />
          <div className={styles.scroll}>
            <Table size="extra-small" aria-label={s.previewLabel} data-testid="fill-preview">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell className={styles.cellColumn}>{s.fillCell}</TableHeaderCell>
                  <TableHeaderCell className={styles.changeColumn}>{s.fillChange}</TableHeaderCell>
                  <TableHeaderCell>{s.fillFormula}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {shown.map((w) => (
                  <TableRow
                    key={w.cell}
                    className={mergeClasses(w.changesValue && styles.changed)}
                    data-testid={`fill-row-${w.cell}`}
                    data-changes-value={w.changesValue ? "true" : "false"}
                  >
                    <TableCell className={styles.cell}>{w.cell}</TableCell>
                    <TableCell>
                      {value(w, w.old)} → {value(w, w.new)}
                      {w.changesValue ? (
                        <>
                          {" "}
                          <Badge size="small" appearance="tint" color="warning">
                            {s.fillChangesValue}
                          </Badge>
                        </>
                      ) : null}
                    </TableCell>
                    <TableCell className={styles.formula}>
                      {w.kind === "formula" ? (
                        w.formula
                      ) : (
                        <Badge size="small" appearance="outline" color="informative">
                          {s.fillConversion}
                        </Badge>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </>
      ) : null}

      {skipped.length > 0 ? (
        <>
          <Subtitle2 as="h2">{s.fillSkippedHeading}</Subtitle2>
          <ul className={styles.list} data-testid="fill-skipped">
            {skipped.map((k) => (
              <li key={k.cell} data-testid={`skipped-${k.cell}`}>
                <span className={styles.cell}>{k.cell}</span>: “{String(k.value ?? "")}” — {s.fillSkippedReason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
