/**
 * The pane's `SyncService` on the Excel JavaScript API. A sync is the one sync workflow
 * (src/app/syncWorkbook.ts) with the Office.js host (workbookHost.ts): the command line and the
 * pane read, merge and store the same way, and keep the same state in the same very hidden sheet,
 * so a workbook synced from one is synced from the other without starting over.
 *
 * Excel syncs per planner sync, whatever the number of rows: the snapshot read (two for an
 * ordinary annex) with the state, profile, connection and role corrections queued into its first
 * sync; one write (pulled cells, the state and profile). The first time rows get keys, one more
 * write puts the keys in the hidden column *before* anything is sent to the list. The first time
 * the key column itself is added, `sync` stops before any write and returns what it would add,
 * for the person to confirm.
 *
 * The liaison's calls (src/sync/liaison.ts) read the list through the same Graph client and write
 * one item at a time with If-Match. They only need the small profile the last sync stored (list
 * id, fields and labels): one small Excel read, once per pane.
 */
import { WorkflowError } from "../app/errors";
import { workflowMessage } from "../app/errors";
import { syncWorkbook } from "../app/syncWorkbook";
import { createGraphTokenProvider, isUsableClientId, missingClientIdError, type GraphTokenProvider } from "../auth/graphToken";
import {
  GraphClient,
  GraphError,
  graphErrorMessage,
  parseListReference,
  type FetchLike,
  type ListReference,
  type GraphClientOptions,
  type SyncReport,
  type SyncResult,
} from "../sync";
import {
  confirmationsOf,
  departmentRowOf,
  departmentRows,
  LiaisonError,
  liaisonColumns,
  readListItems,
  saveLiaisonEdit,
  type LiaisonList,
  type ListItem,
} from "../sync/liaison";
import { PaneError } from "../taskpane/annexService";
import type {
  DepartmentConfirmation,
  DepartmentRow,
  DepartmentRows,
  LiaisonEdit,
  PaneSyncReport,
  SavedConnection,
  SyncConnection,
  SyncOutcome,
  SyncRequest,
  SyncService,
  SyncStatus,
} from "../taskpane/syncService";
import type { ConnectionCheck } from "../taskpane/syncService";
import { toPaneError } from "./annexService";
import { checkConnection } from "./connectionCheck";
import type { ReadOptions } from "./readSnapshot";
import { queueStateSheetHead, type StateSheetKnowledge } from "./stateSheetStore";
import { queueLoadSyncStore, queueSaveConnection, type SyncProfile, type SyncStore } from "./syncAdapter";
import { ExcelWorkbookHost, type ExcelRun } from "./workbookHost";

/** A sync failure as the pane shows it; `code` for logs and tests. */
export class SyncPaneError extends PaneError {
  constructor(
    vi: string,
    en: string,
    readonly code: string,
  ) {
    super(vi, en);
    this.name = "SyncPaneError";
  }
}

export interface ExcelSyncServiceOptions {
  /** How each call reaches Excel (default `Excel.run`). */
  run?: ExcelRun;
  /** fetch for the Graph client (default the global one). */
  fetch?: FetchLike;
  /** Graph client settings (tests shorten the waits). */
  graph?: Partial<Omit<GraphClientOptions, "baseUrl" | "getToken" | "fetch">>;
  /** The SharePoint sign-in for a client id (default MSAL nested app authentication). */
  signIn?: (clientId: string) => GraphTokenProvider;
  read?: Omit<ReadOptions, "alongFirstSync">;
  newId?: () => string;
  now?: () => Date;
}

/** What the last calls did, for diagnostics and tests. */
export interface ExcelSyncDiagnostics {
  /** Excel syncs of the last `sync` call. */
  excelSyncs: number;
  lastResult: SyncResult | null;
}

interface ActiveConnection {
  kind: "local" | "sharepoint";
  listUrl: string;
  clientId: string | null;
  address: ListReference;
  getToken: (options?: { forceRefresh?: boolean }) => Promise<string>;
  user: () => string | null;
}

function paneError(vi: string, en: string, code: string): SyncPaneError {
  return new SyncPaneError(vi, en, code);
}

/** Any failure as the pane shows it: Graph failures with the client's texts, Office ones through toPaneError. */
export function toSyncPaneError(error: unknown): PaneError {
  if (error instanceof PaneError) return error;
  if (error instanceof GraphError) {
    const m = graphErrorMessage(error);
    return paneError(m.vi, m.en, `graph${error.status}`);
  }
  if (error instanceof WorkflowError || error instanceof LiaisonError) return paneError(error.vi, error.en, error.code);
  return toPaneError(error);
}

function invalidListUrl(text: string): SyncPaneError {
  return paneError(
    `Địa chỉ danh sách không hợp lệ: «${text}». Hãy mở danh sách trong trình duyệt rồi sao chép địa chỉ trên thanh địa chỉ (ví dụ https://contoso.sharepoint.com/sites/KHDT/Lists/PhuLuc), hoặc dùng địa chỉ do người quản lý máy chủ danh sách cung cấp.`,
    `Not a list address: “${text}”. Open the list in your browser and copy the address from the address bar (for example https://contoso.sharepoint.com/sites/KHDT/Lists/PhuLuc), or use the address the list server's administrator gave you.`,
    "invalidListUrl",
  );
}

function notConnected(): SyncPaneError {
  return paneError(
    "Chưa kết nối với danh sách dùng chung. Mở thẻ “Đồng bộ”, chọn máy chủ danh sách rồi kết nối.",
    "Not connected to the shared list. Open the “Sync” tab, choose the list server and connect.",
    "notConnected",
  );
}

function notSyncedYet(): SyncPaneError {
  return paneError(
    "Bảng chưa được đồng bộ với danh sách này. Người lập kế hoạch cần đồng bộ một lần (thẻ “Đồng bộ”) trước khi các đơn vị cập nhật.",
    "The table has not been synced with this list yet. The planner must sync once (“Sync” tab) before departments can update it.",
    "notSynced",
  );
}

export function createExcelSyncService(options: ExcelSyncServiceOptions = {}): SyncService & { diagnostics: ExcelSyncDiagnostics } {
  const run: ExcelRun = options.run ?? (<T>(batch: (context: Excel.RequestContext) => Promise<T>) => Excel.run(batch));
  const now = options.now ?? (() => new Date());
  const signIn = options.signIn ?? ((clientId: string) => createGraphTokenProvider({ clientId }));
  const diagnostics: ExcelSyncDiagnostics = { excelSyncs: 0, lastResult: null };
  const stateSheet: StateSheetKnowledge = { exists: null };
  let connection: ActiveConnection | null = null;
  let profile: SyncProfile | null = null;
  let profileLoaded = false;
  let saved: SavedConnection | null = null;
  /** List items last read, by RowKey (for If-Match on the liaison's writes). */
  let items = new Map<string, ListItem>();

  /** One Excel.run; any failure becomes a PaneError. */
  const call = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    try {
      return await run(batch);
    } catch (error) {
      throw toSyncPaneError(error);
    }
  };

  /** The profile and connection, and whether the state sheet exists, in the sync the caller makes. */
  const queueLoadStore = (context: Excel.RequestContext): (() => Pick<SyncStore, "profile" | "connection">) => {
    const store = queueLoadSyncStore(context);
    const head = queueStateSheetHead(context, false);
    return () => {
      stateSheet.exists = head().exists;
      return store();
    };
  };

  const remember = (store: Pick<SyncStore, "profile" | "connection">) => {
    profile = store.profile;
    profileLoaded = true;
    saved = store.connection;
    // A SharePoint connection needs no secret: it is ready again once the pane reopens.
    if (!connection && saved?.kind === "sharepoint" && isUsableClientId(saved.clientId)) {
      const address = parseListReference(saved.listUrl);
      if (address) connection = activeSharePoint(saved.listUrl, saved.clientId, address);
    }
  };

  /** One sign-in (one MSAL client and its cache) per client id for the life of the pane. */
  const providers = new Map<string, GraphTokenProvider>();
  const activeSharePoint = (listUrl: string, clientId: string, address: ListReference): ActiveConnection => {
    const provider = providers.get(clientId) ?? signIn(clientId);
    providers.set(clientId, provider);
    return {
      kind: "sharepoint",
      listUrl,
      clientId,
      address,
      getToken: provider,
      user: () => provider.account()?.name ?? null,
    };
  };

  const statusOf = (): SyncStatus => ({
    saved,
    connected: connection !== null,
    user: connection?.user() ?? null,
    lastSync: profile?.lastSync ?? null,
    sheet: profile?.sheet ?? null,
    keyColumn: profile?.keyColumn ?? null,
  });

  const loadStore = () =>
    call(async (context) => {
      const read = queueLoadStore(context);
      await context.sync();
      return read();
    });

  const ensureProfile = async (): Promise<void> => {
    if (!profileLoaded) remember(await loadStore());
  };

  const requireConnection = async (): Promise<ActiveConnection> => {
    await ensureProfile();
    if (!connection) throw notConnected();
    return connection;
  };

  const clientFor = (active: ActiveConnection): GraphClient =>
    new GraphClient({ ...options.graph, baseUrl: active.address.baseUrl, getToken: active.getToken, fetch: options.fetch });

  /** Sign in (SharePoint) before any request, so a refused sign-in is reported as such. */
  const token = async (active: ActiveConnection): Promise<void> => {
    try {
      await active.getToken();
    } catch (error) {
      throw toSyncPaneError(error);
    }
  };

  /** The list this connection names as the last sync left it, or an error when the table was never synced with it. */
  const liaisonList = (active: ActiveConnection): LiaisonList => {
    const p = profile;
    const a = active.address;
    if (!p || !p.list.id || p.list.base !== a.baseUrl || p.list.site !== a.site || p.list.ref !== a.list) throw notSyncedYet();
    return { site: p.list.site, listId: p.list.id, fields: p.fields };
  };

  const readItems = async (active: ActiveConnection, list: LiaisonList): Promise<Map<string, ListItem>> => {
    await token(active);
    try {
      items = await readListItems(clientFor(active), list);
    } catch (error) {
      throw toSyncPaneError(error);
    }
    return items;
  };

  const labelOf = (list: LiaisonList, name: string | null): string | null =>
    name ? (list.fields.find((f) => f.name === name)?.label ?? name) : null;

  return {
    diagnostics,

    async status(): Promise<SyncStatus> {
      remember(await loadStore());
      return statusOf();
    },

    async connect(given: SyncConnection): Promise<SyncStatus> {
      const address = parseListReference(given.listUrl);
      if (!address) throw invalidListUrl(given.listUrl);
      let next: ActiveConnection;
      if (given.kind === "local") {
        const secret = (given.token ?? "").trim();
        if (!secret) {
          throw paneError(
            "Hãy nhập mã truy cập do người quản lý máy chủ danh sách cấp (trong “Cài đặt nâng cao” của thẻ “Đồng bộ”).",
            "Enter the access code the list server's administrator gave you (under “Advanced settings” in the “Sync” tab).",
            "missingToken",
          );
        }
        next = { kind: "local", listUrl: given.listUrl.trim(), clientId: null, address, getToken: async () => secret, user: () => null };
      } else {
        const clientId = (given.clientId ?? "").trim();
        if (!isUsableClientId(clientId)) throw missingClientIdError();
        next = activeSharePoint(given.listUrl.trim(), clientId, address);
        await token(next); // sign in now: the person sees the account before syncing
      }
      // A real request with the token before anything is written to the workbook; a server that
      // does not answer is asked twice, not six times, so the person hears of it quickly.
      let checked: ConnectionCheck;
      try {
        checked = await checkConnection(
          new GraphClient({
            ...options.graph,
            maxAttempts: Math.min(2, options.graph?.maxAttempts ?? 2),
            baseUrl: address.baseUrl,
            getToken: next.getToken,
            fetch: options.fetch,
          }),
          address,
        );
      } catch (error) {
        throw toSyncPaneError(error);
      }
      const data = { kind: next.kind, listUrl: next.listUrl, clientId: next.clientId };
      const store = await call(async (context) => {
        queueSaveConnection(context, data);
        const read = queueLoadStore(context);
        await context.sync();
        return read();
      });
      connection = next;
      items = new Map();
      remember(store);
      return { ...statusOf(), checked };
    },

    async sync(request: SyncRequest): Promise<SyncOutcome> {
      const active = await requireConnection();
      await token(active);
      const host = new ExcelWorkbookHost({ run, stateSheet, read: options.read });
      const a = active.address;
      try {
        const outcome = await syncWorkbook({
          host,
          client: clientFor(active),
          location: { site: a.site, list: a.list, listWebUrl: a.listWebUrl },
          sheet: request.target.sheet,
          tableIndex: request.target.tableIndex,
          resolutions: request.resolutions,
          allowKeyColumn: request.allowKeyColumn,
          recreate: request.recreate,
          newId: options.newId,
          now,
        });
        if (outcome.kind === "needsKeyColumn") return outcome;
        const { result } = outcome;
        diagnostics.lastResult = result;
        const stopped = result.report.interrupted;
        if (result.report.listGone) {
          const m = workflowMessage("listGone", { list: a.list });
          throw new SyncPaneError(m.vi, m.en, "listGone");
        }
        // Nothing was merged (the list could not be read): the workbook stays as it was.
        if (stopped?.stage === "read") throw new GraphError(stopped.status, stopped.code, stopped.message);
        if (host.store) remember(host.store);
        items = new Map();
        return { kind: "synced", report: paneReport(result.report, result, host.cellsWritten, now) };
      } catch (error) {
        throw toSyncPaneError(error);
      } finally {
        diagnostics.excelSyncs = host.syncs;
      }
    },

    async departmentRows(lead: string): Promise<DepartmentRows> {
      const active = await requireConnection();
      const list = liaisonList(active);
      const columns = liaisonColumns(list.fields);
      const all = await readItems(active, list);
      return {
        lead,
        planLabel: labelOf(list, columns.plan),
        estimateLabel: labelOf(list, columns.estimate),
        rows: departmentRows(all.values(), lead, columns),
        ...(columns.status ? { tasks: { completedOnInStatus: columns.completedOnInStatus } } : {}),
      };
    },

    async saveLiaisonEdit(rowKey: string, edit: LiaisonEdit): Promise<DepartmentRow> {
      const active = await requireConnection();
      const list = liaisonList(active);
      if (!items.has(rowKey)) await readItems(active, list);
      const item = items.get(rowKey);
      if (!item) throw toSyncPaneError(new LiaisonError("itemNotFound"));
      await token(active);
      try {
        const updated = await saveLiaisonEdit(clientFor(active), list, item, edit, { user: active.user(), now: now() });
        items.set(rowKey, updated);
        return departmentRowOf(updated, liaisonColumns(list.fields));
      } catch (error) {
        if (error instanceof LiaisonError && error.code === "graph412") items.delete(rowKey);
        throw toSyncPaneError(error);
      }
    },

    async confirmations(): Promise<DepartmentConfirmation[]> {
      const active = await requireConnection();
      const list = liaisonList(active);
      return confirmationsOf((await readItems(active, list)).values(), liaisonColumns(list.fields));
    },
  };
}

function paneReport(report: SyncReport, result: SyncResult, cellsWritten: number, now: () => Date): PaneSyncReport {
  const label = (name: string) => result.fields.find((f) => f.name === name)?.displayName ?? name;
  let interrupted: PaneSyncReport["interrupted"] = null;
  if (report.interrupted) {
    interrupted = graphErrorMessage(new GraphError(report.interrupted.status, report.interrupted.code, report.interrupted.message));
  }
  return {
    created: report.created,
    updated: report.updated,
    pulled: report.pulled,
    conflicts: report.conflicts.map((c) => ({
      rowKey: c.rowKey,
      field: c.field,
      label: label(c.field),
      title: c.title,
      row: c.row,
      cell: c.cell,
      base: c.base,
      workbook: c.workbook,
      list: c.list,
      reason: c.reason,
      ...(c.merge ? { merge: { area: c.merge.area, rows: [...c.merge.rows] } } : {}),
    })),
    deletedRemotely: report.deletedRemotely.map((d) => ({ rowKey: d.rowKey, row: d.row, title: d.title })),
    requests: report.requests,
    writeRequests: report.writeRequests,
    keysAssigned: report.keysAssigned,
    skipped: report.skipped.length,
    failed: report.failed.length,
    outboxRemaining: report.outboxRemaining,
    listCreated: report.listCreated,
    cellsWritten,
    at: result.state.lastSync ?? now().toISOString(),
    interrupted,
  };
}
