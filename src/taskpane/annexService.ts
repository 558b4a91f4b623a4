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
  applyHighlight(analysis: TableAnalysis): Promise<void>;
  removeHighlight(): Promise<void>;
  selectCell(sheet: string, cell: string): Promise<void>;
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
