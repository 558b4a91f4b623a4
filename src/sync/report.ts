/** What a sync did, for the hosts' reports (CLI text and JSON, the pane). */
import type { FieldValue } from "./fields";
import type { Conflict } from "./merge";

export interface RowRef {
  rowKey: string;
  itemId: string | null;
  row: number | null;
  title: string | null;
}

export interface SkippedField {
  rowKey: string;
  field: string;
  row: number;
  /** Why the value was not merged: the cell cannot be written, or the cell cannot be read. */
  reason: "merged" | "formula" | "inherited" | "derived" | "notNumber" | "error";
  /** The list value that waits (for a pull that could not be written). */
  list?: FieldValue;
}

export interface FailedWrite {
  rowKey: string;
  op: "create" | "update";
  status: number;
  code: string;
  message: string;
}

export interface SyncReport {
  /** Items created in the list. */
  created: number;
  /** Items updated in the list. */
  updated: number;
  /** Field values brought from the list (cells written, list-only fields stored). */
  pulled: number;
  conflicts: Conflict[];
  deletedRemotely: RowRef[];
  /** HTTP requests sent. */
  requests: number;
  /** Write operations sent (POST/PATCH, inside batches too; retries included). */
  writeRequests: number;
  keysAssigned: number;
  duplicateKeys: number;
  /** Creates whose answer was lost (dropped connection, 5xx, 409), looked up by RowKey before any re-post. */
  lookups: number;
  /** Of those, found in the list (the create had happened) and adopted, not posted again. */
  recovered: number;
  skipped: SkippedField[];
  failed: FailedWrite[];
  /** Items the state knows whose row is no longer in the workbook (never deleted by the sync). */
  missingInWorkbook: RowRef[];
  /** Items in the list that no workbook row has. */
  remoteOnly: RowRef[];
  /** Changes made by the side that does not own the field (merged all the same). */
  nonOwnerChanges: { rowKey: string; field: string; side: "workbook" | "list" }[];
  /** Rows without a key the list knew, matched to existing items by identity (see identity.ts) instead of created. */
  matched: (RowRef & { identity: string })[];
  /** Nothing was written (a preview): what the sync would do. */
  dryRun: boolean;
  resolved: { rowKey: string; field: string; take: "workbook" | "list" }[];
  /** The list was read in full (first sync, new columns or an expired delta link). */
  fullRead: boolean;
  listCreated: boolean;
  /** Planned writes not done yet (throttled, failed connection): the next sync does them. */
  outboxRemaining: number;
  /** Set when the sync stopped early; the state is still consistent. */
  interrupted: { status: number; code: string; message: string; stage: "read" | "write" } | null;
  /** The list the state names is gone (deleted); `recreate` makes it again and re-pushes. */
  listGone: boolean;
  warnings: string[];
}

export function emptyReport(): SyncReport {
  return {
    created: 0,
    updated: 0,
    pulled: 0,
    conflicts: [],
    deletedRemotely: [],
    requests: 0,
    writeRequests: 0,
    keysAssigned: 0,
    duplicateKeys: 0,
    lookups: 0,
    recovered: 0,
    skipped: [],
    failed: [],
    missingInWorkbook: [],
    remoteOnly: [],
    nonOwnerChanges: [],
    matched: [],
    dryRun: false,
    resolved: [],
    fullRead: false,
    listCreated: false,
    outboxRemaining: 0,
    interrupted: null,
    listGone: false,
    warnings: [],
  };
}
