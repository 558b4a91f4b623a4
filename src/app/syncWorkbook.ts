/**
 * The sync workflow, once for every host: read the workbook (snapshot, state, role corrections),
 * pick the table, sync it with the list (src/sync/engine.ts), keep progress after every batch,
 * and commit the cell writes and the new state together. The command line (over an .xlsx file)
 * and the pane (over Excel) call this; neither orchestrates a sync of its own.
 */
import { SheetView } from "../annex";
import {
  GraphError,
  KEY_LABEL,
  locateKeyColumn,
  resolveList,
  syncAnnex,
  type GraphClient,
  type ListLocation,
  type Resolution,
  type SyncResult,
  type SyncState,
} from "../sync";
import { WorkflowError } from "./errors";
import { pickTable } from "./pickTable";
import type { WorkbookHost } from "./ports";

export interface SyncWorkbookRequest {
  host: WorkbookHost;
  client: GraphClient;
  /** The list as the person gave it; `listWebUrl` when it was a SharePoint page address (…/Lists/Name/AllItems.aspx). */
  location: ListLocation & { listWebUrl?: string | null };
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
  { kind: "needsKeyColumn"; keyColumn: KeyColumnPreview } | { kind: "synced"; result: SyncResult; sheet: string; committed: boolean };

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
    location: await locateList(request, state),
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
    checkpoint: (progress, writes) => host.saveProgress({ sheet: table.sheet, writes, keyColumn, state: progress }),
  });
  const { report } = result;
  // Nothing merged (the list could not be read), or a preview: the workbook stays as it was.
  if (report.dryRun || report.interrupted?.stage === "read") return { kind: "synced", result, sheet: table.sheet, committed: false };
  await host.commit({ sheet: table.sheet, writes: result.writes, keyColumn: result.keyColumn, state: result.state, fields: result.fields });
  return { kind: "synced", result, sheet: table.sheet, committed: true };
}

/**
 * The list's id for an address that names it (Graph does not take a list's URL name, and a title
 * may change): looked up once, until the state knows the list. A Graph URL naming a list that does
 * not exist yet keeps its name (the first sync creates the list); a page address must exist.
 */
async function locateList(request: SyncWorkbookRequest, state: SyncState | null): Promise<ListLocation> {
  const { location, client } = request;
  if (location.id) return location;
  const known = state && state.list.id && state.list.site === location.site && state.list.ref === location.list;
  if (known) return location;
  try {
    const found = await resolveList(client, { site: location.site, list: location.list, listWebUrl: location.listWebUrl ?? null });
    return { ...location, id: found.id };
  } catch (e) {
    if (!(e instanceof GraphError) || e.status !== 404) throw e;
    if (location.listWebUrl) throw new WorkflowError("listNotFound", { list: location.list, site: location.site });
    return location;
  }
}
