/**
 * What the task pane asks of the shared-list sync (kept apart from `AnnexService`, so the annex
 * sections and their tests do not change). The Excel implementation is src/excel/syncService.ts;
 * the pane's tests give it a stub. Every method may throw a `PaneError` whose message is already
 * in Vietnamese and English (the Graph client's messages for 401, 403, 404, 412, 429, network…).
 *
 * Two people use it:
 *  - the planner, who owns the workbook: `sync` pushes the table's rows to the list and pulls the
 *    liaisons' changes back into the cells (a three-way merge; both values of a conflict are shown
 *    and the planner chooses);
 *  - a department's liaison, who never edits the planner's cells: `departmentRows` shows the rows
 *    of one lead unit as the list has them, and `saveLiaisonEdit` writes the estimate (a task
 *    list: the status and completion date), a note or the confirmation to the list item (with
 *    If-Match). The planner's next sync pulls them.
 */
import type { FieldValue } from "../sync/fields";
import type { ConflictReason } from "../sync/merge";
import type { KeyColumnPreview } from "../app/syncWorkbook";
import type { DepartmentConfirmation, DepartmentRow, DepartmentTask, LiaisonEdit } from "../sync/liaison";
import type { PaneMessage } from "./errors";

/** The key column preview, the liaison's rows and edits: the shapes the workflows and src/sync/liaison.ts define. */
export type { DepartmentConfirmation, DepartmentRow, DepartmentTask, KeyColumnPreview, LiaisonEdit };

/** The local list server as `npm start` runs it. */
export const DEFAULT_LOCAL_LIST_URL = "http://127.0.0.1:4100/v1.0/sites/root/lists/PhuLuc";
export const DEFAULT_LOCAL_TOKEN = "dev-token";
/** The "Application (client) ID" field's default: a placeholder that means "not set yet". */
export { PLACEHOLDER_CLIENT_ID } from "../auth/graphToken";

export type ConnectionKind = "local" | "sharepoint";

/**
 * Where to sync. `local`: the local list server's URL and its token (never saved in the workbook).
 * `sharepoint`: a SharePoint list address or a Graph list URL, and the app's client id; the
 * person signs in with their Microsoft 365 account.
 */
export interface SyncConnection {
  kind: ConnectionKind;
  listUrl: string;
  token?: string;
  clientId?: string;
}

/** The connection as the workbook remembers it (no token). */
export interface SavedConnection {
  kind: ConnectionKind;
  listUrl: string;
  clientId: string | null;
}

export interface SyncStatus {
  /** What the workbook remembers, or null before the first connection. */
  saved: SavedConnection | null;
  /** A connection is ready in this pane (token given, or signed in). */
  connected: boolean;
  /** Who is signed in (SharePoint), null otherwise. */
  user: string | null;
  /** ISO time of the last sync of this workbook, null before the first. */
  lastSync: string | null;
  /** Sheet synced last and the letter of its hidden key column. */
  sheet: string | null;
  keyColumn: string | null;
  /** What `connect` found on the server: the list and its item count, or that the first sync will create it. */
  checked?: ConnectionCheck;
}

export interface ConnectionCheck {
  listExists: boolean;
  /** Items in the list (null when it does not exist yet). */
  items: number | null;
  /** "Đã kết nối: danh sách có 23 mục" / "danh sách chưa có, sẽ được tạo ở lần đồng bộ đầu", in both languages. */
  message: PaneMessage;
}

/** Which table to sync: the sheet the pane recognised and the table chosen there. */
export interface SyncTarget {
  sheet: string;
  tableIndex: number;
}

export interface SyncResolution {
  rowKey: string;
  field: string;
  take: "workbook" | "list";
}

export interface SyncRequest {
  target: SyncTarget;
  resolutions?: SyncResolution[];
  /** The person agreed to add the hidden key column (asked the first time). */
  allowKeyColumn?: boolean;
  /** The list the workbook synced with is gone: create it again and push every row. */
  recreate?: boolean;
}

export interface SyncConflictView {
  rowKey: string;
  field: string;
  /** The field's label (the column header, or "Ghi chú"…). */
  label: string;
  /** The row's indicator name. */
  title: string | null;
  row: number;
  /** The cell of the workbook side (null for a field without a cell). */
  cell: string | null;
  base: FieldValue;
  workbook: FieldValue;
  list: FieldValue;
  /** Why a person must choose: both sides changed it, the list changed a planner's field, or a merged cell. */
  reason?: ConflictReason;
  /** A merged cell over several rows ("I35:I36", rows 35 and 36): its value cannot be written for one row. */
  merge?: { area: string; rows: number[] };
}

export interface RowRefView {
  rowKey: string;
  row: number | null;
  title: string | null;
}

export interface PaneSyncReport {
  created: number;
  updated: number;
  pulled: number;
  conflicts: SyncConflictView[];
  deletedRemotely: RowRefView[];
  /** HTTP requests sent, and of them writes. */
  requests: number;
  writeRequests: number;
  keysAssigned: number;
  /** Values not merged (merged cells, formulas, text in a number column…). */
  skipped: number;
  failed: number;
  /** Planned list writes not done yet (the next sync sends them). */
  outboxRemaining: number;
  listCreated: boolean;
  /** Cells written in the workbook. */
  cellsWritten: number;
  /** ISO time of this sync. */
  at: string;
  /** The sync stopped before the end (throttled, connection lost…): what happened, in both languages. */
  interrupted: PaneMessage | null;
}

export type SyncOutcome = { kind: "needsKeyColumn"; keyColumn: KeyColumnPreview } | { kind: "synced"; report: PaneSyncReport };

export interface DepartmentRows {
  lead: string;
  /** Headers of the plan and estimate columns (null when the table has none). */
  planLabel: string | null;
  estimateLabel: string | null;
  rows: DepartmentRow[];
  /**
   * A task list: each row carries its `task` (deadline, status, completion date) and the liaison
   * edits the status and the completion date instead of an estimate. `completedOnInStatus`: the
   * table has no completion-date column, so saving a date also writes it into the status.
   */
  tasks?: { completedOnInStatus: boolean };
}

export interface SyncService {
  /** What the workbook remembers about its list (one small read). */
  status(): Promise<SyncStatus>;
  /** Check and remember the connection; signs in for SharePoint. */
  connect(connection: SyncConnection): Promise<SyncStatus>;
  /** Push and pull. The first time, asks (`needsKeyColumn`) before adding the hidden key column. */
  sync(request: SyncRequest): Promise<SyncOutcome>;
  departmentRows(lead: string): Promise<DepartmentRows>;
  saveLiaisonEdit(rowKey: string, edit: LiaisonEdit): Promise<DepartmentRow>;
  confirmations(): Promise<DepartmentConfirmation[]>;
}
