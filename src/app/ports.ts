/**
 * The ports the workflows need from a host. Two hosts implement them: the Office.js adapter in
 * the pane (src/excel) and the .xlsx adapter behind the command line (src/xlsx). Each call may
 * cost a host a round trip (a `context.sync()` in Excel on the web), so a port asks for what one
 * step needs at once: everything to read before a sync, everything to write after it.
 */
import type { ColumnRole, SheetSnapshot } from "../annex";
import type { KeyColumn, SyncCellWrite, SyncField, SyncState } from "../sync";

/** A person's correction of a column's role, saved with the workbook. */
export interface RoleCorrection {
  sheet: string;
  /** Column letter ("H"). */
  letter: string;
  role: ColumnRole;
}

export interface WorkbookRead {
  /** The sheets asked for (all of them but the state sheet when none is named). */
  snapshots: SheetSnapshot[];
  /** The sync state kept in the workbook, null when there is none. */
  state: SyncState | null;
  corrections: RoleCorrection[];
}

/** What a sync leaves in the workbook: cells (keys, pulled values), the key column hidden, and the state. */
export interface WorkbookChange {
  sheet: string;
  writes: SyncCellWrite[];
  /** The hidden RowKey column (hidden when the sync added it). */
  keyColumn: KeyColumn;
  state: SyncState;
  /** The fields synced (hosts may keep their labels for a liaison view). */
  fields: SyncField[];
}

export type WorkbookProgress = Omit<WorkbookChange, "fields">;

export interface WorkbookHost {
  /** Snapshots of the named sheet (or of every sheet), the sync state and the role corrections. */
  read(sheet: string | null): Promise<WorkbookRead>;
  /** Apply a sync's result: the cell writes, the hidden key column and the new state, together. */
  commit(change: WorkbookChange): Promise<void>;
  /**
   * Keep progress mid-sync (after each batch of list writes) so that an interrupted sync resumes
   * without a duplicate: at least the keys the list now knows and the state. Hosts may throttle.
   */
  saveProgress(progress: WorkbookProgress): Promise<void>;
}
