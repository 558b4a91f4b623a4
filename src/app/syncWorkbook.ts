/**
 * The sync workflow, once for every host: read the workbook (snapshot, state, role corrections),
 * pick the table, sync it with the list (src/sync/engine.ts), keep progress after every batch,
 * and commit the cell writes and the new state together. The command line (over an .xlsx file)
 * and the pane (over Excel) call this; neither orchestrates a sync of its own.
 */
import { SheetView } from "../annex";
import {
  KEY_LABEL,
  locateKeyColumn,
  syncAnnex,
  type GraphClient,
  type ListLocation,
  type Resolution,
  type SyncResult,
} from "../sync";
import { pickTable } from "./pickTable";
import type { WorkbookHost } from "./ports";

export interface SyncWorkbookRequest {
  host: WorkbookHost;
  client: GraphClient;
  location: ListLocation;
  /** The sheet to sync; default the one synced last, else the first sheet with a table. */
  sheet?: string | null;
  tableIndex?: number;
  resolutions?: Resolution[];
  /** The person agreed to add the hidden key column (asked the first time, in the pane). */
  allowKeyColumn?: boolean;
  dryRun?: boolean;
  recreate?: boolean;
  shouldStop?: () => boolean;
  newId?: () => string;
  now?: () => Date;
  pageSize?: number;
}

/** What the first sync adds to the sheet, shown before it is written. */
export interface KeyColumnPreview {
  sheet: string;
  /** Column letter, e.g. "J". */
  column: string;
  label: string;
  labelRow: number;
  /** Data rows that get a key, and the first and last of them. */
  rows: number;
  firstRow: number | null;
  lastRow: number | null;
}

export type SyncWorkbookOutcome =
  | { kind: "needsKeyColumn"; keyColumn: KeyColumnPreview }
  | { kind: "synced"; result: SyncResult; sheet: string; committed: boolean };

export async function syncWorkbook(request: SyncWorkbookRequest): Promise<SyncWorkbookOutcome> {
  const { host } = request;
  const read = await host.read(request.sheet ?? null);
  const state = read.state;
  const picked = pickTable(read.snapshots, read.corrections, {
    sheet: request.sheet ?? (state && read.snapshots.some((s) => s.sheet === state.sheet) ? state.sheet : null),
    tableIndex: request.tableIndex,
  });
  const { snapshot, table } = picked;

  const keyColumn = locateKeyColumn(new SheetView(snapshot), table);
  if (!keyColumn.existed && !request.allowKeyColumn && !request.dryRun) {
    const dataRows = table.rows.filter((r) => r.kind !== "section").map((r) => r.row);
    return {
      kind: "needsKeyColumn",
      keyColumn: {
        sheet: table.sheet,
        column: keyColumn.letter,
        label: KEY_LABEL,
        labelRow: keyColumn.labelRow,
        rows: dataRows.length,
        firstRow: dataRows.length ? Math.min(...dataRows) : null,
        lastRow: dataRows.length ? Math.max(...dataRows) : null,
      },
    };
  }

  const result = await syncAnnex({
    client: request.client,
    location: request.location,
    snapshot,
    table,
    state,
    resolutions: request.resolutions,
    newId: request.newId,
    now: request.now,
    pageSize: request.pageSize,
    dryRun: request.dryRun,
    recreate: request.recreate,
    shouldStop: request.shouldStop,
    checkpoint: (progress, writes) =>
      host.saveProgress({ sheet: table.sheet, writes, keyColumn, state: progress }),
  });
  const { report } = result;
  // Nothing merged (the list could not be read), or a preview: the workbook stays as it was.
  if (report.dryRun || report.interrupted?.stage === "read") return { kind: "synced", result, sheet: table.sheet, committed: false };
  await host.commit({ sheet: table.sheet, writes: result.writes, keyColumn: result.keyColumn, state: result.state, fields: result.fields });
  return { kind: "synced", result, sheet: table.sheet, committed: true };
}
