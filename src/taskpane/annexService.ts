/**
 * What the task pane asks of the workbook. The Excel implementation lives in src/excel/; tests and
 * the browser harness give the pane other implementations. Every method may throw a `PaneError`
 * whose message is already in Vietnamese and English.
 */
import type { AnalyzeOptions, ColumnRole, Direction, SheetSnapshot, TableAnalysis } from "../annex";

export interface PaneSettings {
  /** Band limits in percent, highest first: [100, 90, 50]. */
  thresholds: number[];
  timeAware: boolean;
  /** Direction overrides by indicator name or sheet row. */
  directions: Record<string, Direction>;
  /** Column-role corrections by sheet name, then column letter. */
  roles: Record<string, Record<string, ColumnRole>>;
  /** The day task lists are judged on ("YYYY-MM-DD"), as a person chose it; absent: the title's, else today. */
  asOf?: string;
}

export const DEFAULT_PANE_SETTINGS: PaneSettings = { thresholds: [100, 90, 50], timeAware: false, directions: {}, roles: {} };

export interface SheetAnalysis {
  sheet: string;
  tables: TableAnalysis[];
  /** False when the sheet's merged areas could not be read (older Excel, or over 512 areas). */
  mergesRead: boolean;
}

/**
 * Runs the engine on a snapshot the service has read. The pane gives the service one that runs in
 * a Web Worker (src/taskpane/worker/), so a long sheet never freezes the pane; tests and the CLI
 * run the engine in place.
 */
export type SheetAnalyzer = (snapshot: SheetSnapshot, options: AnalyzeOptions) => Promise<TableAnalysis[]>;

export interface FillResult {
  written: number;
}

/** A change Excel reported in a worksheet's cells. */
export interface WorkbookChange {
  /** The sheet's name (null when the sheet is not known to the pane yet). */
  sheet: string | null;
  /** The changed cells as Excel reports them, without the sheet ("H20", "A5:C9"; whole rows "5:6"). */
  address: string;
  /** "RangeEdited", "RowInserted", "RowDeleted"… (Excel.DataChangeType). */
  changeType: string;
  /** The change touches a table the last analysis found on that sheet (inserted or deleted rows always do). */
  touchesAnalysis: boolean;
  /** The add-in's own write (fill, undo, sync): the pane refreshes after those anyway. */
  byThisAddIn: boolean;
}

/** What the pane wants to hear while it is open. */
export interface WorkbookWatch {
  /** Another sheet became the active one (its name). */
  activeSheetChanged?(sheet: string): void;
  /** Cells changed; the pane re-analyses (debounced) or marks its results stale. */
  sheetChanged?(change: WorkbookChange): void;
}

/** Stops watching: removes the handlers from Excel. Safe to call twice. */
export type StopWatching = () => Promise<void>;

export interface AnnexService {
  loadSettings(): Promise<PaneSettings>;
  saveSettings(settings: PaneSettings): Promise<void>;
  /** Read the active sheet once and analyse it with the settings. */
  analyzeActiveSheet(settings: PaneSettings): Promise<SheetAnalysis>;
  /** Write the table's fill plan in bulk; keeps what it needs to undo. */
  applyFill(analysis: TableAnalysis): Promise<FillResult>;
  canUndo(): Promise<boolean>;
  /** Restore every cell the last fill wrote. Returns how many cells were restored. */
  undoFill(): Promise<number>;
  /** Indicator bands on the ratio column; for a task list its state rules and the name `AnnexAsOf` they read. */
  applyHighlight(analysis: TableAnalysis): Promise<void>;
  removeHighlight(): Promise<void>;
  /**
   * Sets the workbook name `AnnexAsOf` to this day when the workbook has it, so the task colours
   * follow a new as-of day; true when it did. Optional: a host without task colours has none.
   */
  updateAsOfName?(asOf: string): Promise<boolean>;
  selectCell(sheet: string, cell: string): Promise<void>;
}

/**
 * A service that can tell the pane about changes in Excel (the Excel one; the tests' stubs need
 * not). On a host without events it resolves at once and never calls back, and the pane keeps its
 * "Recognise" button as the way to refresh.
 */
export interface WatchableAnnexService extends AnnexService {
  /** Starts listening (registered once per pane; a second call takes over the listener). Resolves to the function that stops. */
  watchWorkbook(watch: WorkbookWatch): Promise<StopWatching>;
}

export function canWatchWorkbook(service: AnnexService): service is WatchableAnnexService {
  return typeof (service as Partial<WatchableAnnexService>).watchWorkbook === "function";
}

/** An error to show the person as it is: Vietnamese first, English second. */
export class PaneError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(en);
  }
}
