/**
 * One index of a recognised table, built once and shared by the passes that read it. Without it
 * each pass searched every row for the children of every parent and built a "row:column" key for
 * every cell it read, which made the check quadratic in the number of rows.
 */
import type { AnnexColumn, AnnexRow, AnnexTable, CellNumber, ColumnRole } from "./model";
import { SheetView, type SheetSnapshot } from "./snapshot";

const NO_ROWS: readonly AnnexRow[] = [];

export class TableIndex {
  readonly view: SheetView;
  /** Columns by their label in the number row ("6" for "6=4/5"). */
  readonly columnByLabel = new Map<string, AnnexColumn>();
  readonly valueColumns: AnnexColumn[];
  /** Value and formula columns: the ones that hold figures. */
  readonly figureColumns: AnnexColumn[];
  private readonly children = new Map<number, AnnexRow[]>();
  /** The data rows at `row - top`. */
  private readonly rows: AnnexRow[] = [];
  private readonly numbers: AnnexTable["numbers"];
  private readonly top: number;

  constructor(
    snapshot: SheetSnapshot,
    readonly table: AnnexTable,
  ) {
    this.view = new SheetView(snapshot);
    this.top = table.range.top;
    for (const column of table.columns) if (column.number) this.columnByLabel.set(column.number, column);
    this.valueColumns = table.columns.filter((c) => c.role === "value");
    this.figureColumns = table.columns.filter((c) => c.role === "value" || c.role === "formula");
    for (const row of table.rows) {
      this.rows[row.row - this.top] = row;
      if (row.parentRow === null) continue;
      const siblings = this.children.get(row.parentRow);
      if (siblings) siblings.push(row);
      else this.children.set(row.parentRow, [row]);
    }
    this.numbers = table.numbers;
  }

  /** The data row at this sheet row. */
  rowAt(row: number): AnnexRow | undefined {
    return this.rows[row - this.top];
  }

  /** The number read from a value or formula cell of a data row. */
  number(row: number, column: number): CellNumber | undefined {
    return this.numbers.get(column)?.[row - this.top];
  }

  /** The rows whose parent is this row, in sheet order. */
  childrenOf(row: number): readonly AnnexRow[] {
    return this.children.get(row) ?? NO_ROWS;
  }

  columnWithRole(role: ColumnRole): AnnexColumn | undefined {
    return this.table.columns.find((c) => c.role === role);
  }

  /** The formula columns whose spec reads the column with this label. */
  formulaColumnsReading(label: string): AnnexColumn[] {
    return this.table.columns.filter((c) => c.formula?.operands.includes(label));
  }
}

export function indexTable(snapshot: SheetSnapshot, table: AnnexTable): TableIndex {
  return new TableIndex(snapshot, table);
}
