/** "Bảng phụ lục": the tables found on the sheet, their layout and columns, and column-role corrections. */
import { Badge, Button, Caption1, Dropdown, Field, Option, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { areaAddress, type AnnexTable, type ColumnRole, type RowKind } from "../../annex";
import type { SheetAnalysis } from "../annexService";
import { useStrings, type Strings } from "../i18n";
import { Notice } from "./Notices";
import { usePaneActions } from "./paneActions";
import { usePaneStyles } from "./paneStyles";

export const COLUMN_ROLES: ColumnRole[] = ["ordinal", "name", "unit", "value", "formula", "lead", "partner", "deadline", "status", "note"];

const useStyles = makeStyles({
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    // Label over value in a narrow pane (the pane's page is as wide as the pane): a label column would squeeze the title.
    "@media (max-width: 399px)": { gridTemplateColumns: "minmax(0, 1fr)", rowGap: 0 },
  },
  term: {
    color: tokens.colorNeutralForeground3,
    "@media (max-width: 399px)": { fontSize: tokens.fontSizeBase200, marginTop: tokens.spacingVerticalS },
  },
  definition: { margin: 0, overflowWrap: "anywhere" },
  columns: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  column: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  columnHead: { display: "flex", alignItems: "baseline", columnGap: tokens.spacingHorizontalS },
  letter: { fontWeight: tokens.fontWeightSemibold, minWidth: "1.5em" },
  header: { overflowWrap: "anywhere" },
  columnRole: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
  role: { minWidth: "170px", maxWidth: "100%" },
  formula: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: "nowrap" },
  chooser: { minWidth: "0", maxWidth: "100%" },
});

/** "hàng 26–28", or "hàng 26–28, 40–42" when the rows are not consecutive. */
function rowRanges(rows: number[], s: Strings): string {
  if (rows.length === 0) return s.tableNone;
  const spans: [number, number][] = [];
  for (const r of rows) {
    const last = spans[spans.length - 1];
    if (last && r === last[1] + 1) last[1] = r;
    else spans.push([r, r]);
  }
  return spans.map(([a, b]) => s.rowSpan(a, b)).join(", ");
}

function rowCounts(table: AnnexTable, s: Strings): string {
  const count = (kind: RowKind) => table.rows.filter((r) => r.kind === kind).length;
  return s.rowCounts(table.rows.length, count("section"), count("item"), count("subitem"));
}

export interface TablesSectionProps {
  analysis: SheetAnalysis;
  tableIndex: number;
  onSelectTable: (index: number) => void;
  /** Role corrections saved for this sheet, by column letter. */
  corrections: Record<string, ColumnRole>;
  onRoleChange: (letter: string, role: ColumnRole) => void;
  onResetRoles: () => void;
}

export function TablesSection({ analysis, tableIndex, onSelectTable, corrections, onRoleChange, onResetRoles }: TablesSectionProps) {
  const s = useStrings();
  const busy = usePaneActions().busy !== null;
  const styles = useStyles();
  const pane = usePaneStyles();
  const { table } = analysis.tables[tableIndex];
  const tableLabel = (t: AnnexTable) => s.tableOption(t.title ?? s.untitled, areaAddress(t.range));
  const hasCorrections = Object.keys(corrections).length > 0;

  return (
    <div className={pane.section}>
      {!analysis.mergesRead ? (
        <Notice intent="warning" title={s.mergesNotReadTitle} data-testid="merges-warning">
          {s.mergesNotRead}
        </Notice>
      ) : null}

      {analysis.tables.length > 1 ? (
        <Field label={s.tableChoose}>
          <Dropdown
            className={styles.chooser}
            value={tableLabel(table)}
            selectedOptions={[String(tableIndex)]}
            onOptionSelect={(_, data) => data.optionValue !== undefined && onSelectTable(Number(data.optionValue))}
            disabled={busy}
            data-testid="table-select"
          >
            {analysis.tables.map((t, i) => (
              <Option key={i} value={String(i)} text={tableLabel(t.table)}>
                {tableLabel(t.table)}
              </Option>
            ))}
          </Dropdown>
        </Field>
      ) : null}

      <dl className={styles.facts} data-testid="table-facts">
        <dt className={styles.term}>{s.tableTitle}</dt>
        <dd className={styles.definition} data-testid="table-title">
          {table.title ?? s.untitled}
        </dd>
        <dt className={styles.term}>{s.tableRange}</dt>
        <dd className={styles.definition} data-testid="table-range">
          {areaAddress(table.range)}
        </dd>
        <dt className={styles.term}>{s.tableHeaderRows}</dt>
        <dd className={styles.definition}>{rowRanges(table.headerRows, s)}</dd>
        <dt className={styles.term}>{s.tableNumberRow}</dt>
        <dd className={styles.definition}>{table.numberRow === null ? s.tableNoNumberRow : s.rowSpan(table.numberRow, table.numberRow)}</dd>
        <dt className={styles.term}>{s.tableRepeatedRows}</dt>
        <dd className={styles.definition}>{rowRanges(table.repeatedHeaderRows, s)}</dd>
        <dt className={styles.term}>{s.tableRows}</dt>
        <dd className={styles.definition} data-testid="table-rows">
          {rowCounts(table, s)}
        </dd>
      </dl>

      <Subtitle2 as="h2">{s.columnsHeading}</Subtitle2>
      <Caption1 as="p">{s.rolesHint}</Caption1>
      <ul className={styles.columns} aria-label={s.columnsHeading} data-testid="columns-list">
        {table.columns.map((c) => (
          <li key={c.letter} className={styles.column} data-testid={`column-${c.letter}`}>
            <div className={styles.columnHead}>
              <span className={styles.letter} title={s.colColumn}>
                {c.letter}
              </span>
              {c.number !== null ? (
                <Badge size="small" appearance="tint" color="brand" title={s.colNumber} data-testid={`column-number-${c.letter}`}>
                  {c.number}
                </Badge>
              ) : null}
              <span className={styles.header}>{c.header}</span>
            </div>
            <div className={styles.columnRole}>
              <Dropdown
                className={styles.role}
                size="small"
                aria-label={s.roleFor(c.letter)}
                value={s.roles[c.role]}
                selectedOptions={[c.role]}
                onOptionSelect={(_, data) => {
                  const role = data.optionValue as ColumnRole | undefined;
                  if (role && role !== c.role) onRoleChange(c.letter, role);
                }}
                disabled={busy}
                data-testid={`role-${c.letter}`}
              >
                {COLUMN_ROLES.map((role) => (
                  <Option key={role} value={role} text={s.roles[role]}>
                    {s.roles[role]}
                  </Option>
                ))}
              </Dropdown>
              {corrections[c.letter] ? (
                <Badge size="small" appearance="tint" color="informative">
                  {s.roleCorrected}
                </Badge>
              ) : null}
              {c.formula ? (
                <span className={styles.formula} title={s.colFormula}>
                  {c.number}={c.formula.text}
                  {c.formula.percent ? ` (${s.percentShown})` : ""}
                </span>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      {hasCorrections ? (
        <div>
          <Button size="small" onClick={onResetRoles} disabled={busy} data-testid="roles-reset">
            {s.resetRoles}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
