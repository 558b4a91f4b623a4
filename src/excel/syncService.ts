/**
 * The pane's `SyncService` on the Excel JavaScript API and the shared-list sync engine, driven
 * the way the CLI drives it (src/cli/syncCommand.ts): read the sheet and the stored state, run
 * `syncAnnex`, apply its cell writes and store the new state.
 *
 * Excel syncs per planner sync, whatever the number of rows: the snapshot read (two for an
 * ordinary annex) with the state, profile, connection and role corrections queued into its first
 * sync; one write (pulled cells, the state and profile). The first time rows get keys, one more
 * write puts the keys in the hidden column *before* anything is sent to the list, so a list item
 * never carries a key the workbook does not hold (an interrupted first sync then resumes by key
 * lookup instead of creating duplicates). The first time the key column itself is added, `sync`
 * stops before any write and returns what it would add, for the person to confirm.
 *
 * The liaison's calls read the list through the same Graph client (every page, filtered here:
 * Lead is not an indexed column) and write one item at a time with If-Match. They only need the
 * small profile the last sync stored (list id, field names and labels): one small Excel read,
 * once per pane.
 */
import { fold, recognizeTables, SheetView, type ColumnRole, type SheetSnapshot } from "../annex";
import { createGraphTokenProvider, isUsableClientId, missingClientIdError, type GraphTokenProvider } from "../auth/graphToken";
import {
  GraphClient,
  GraphError,
  graphErrorMessage,
  loadRows,
  locateKeyColumn,
  normalizeValue,
  readWorkbookRows,
  applyWritesToSnapshot,
  syncAnnex,
  syncFields,
  ROW_KEY_FIELD,
  KEY_LABEL,
  type FetchLike,
  type FieldValue,
  type GraphClientOptions,
  type SyncField,
  type SyncReport,
  type SyncResult,
  type SyncState,
} from "../sync";
import { PaneError } from "../taskpane/annexService";
import type {
  DepartmentConfirmation,
  DepartmentRow,
  DepartmentRows,
  KeyColumnPreview,
  LiaisonEdit,
  PaneSyncReport,
  SavedConnection,
  SyncConnection,
  SyncOutcome,
  SyncRequest,
  SyncService,
  SyncStatus,
} from "../taskpane/syncService";
import { toPaneError } from "./annexService";
import { NoAnnexError } from "./errors";
import { parseListAddress, type ListAddress } from "./listAddress";
import { jsonBytes } from "./payload";
import { readSheet, type ReadOptions } from "./readSnapshot";
import { queueLoadSettings } from "./settings";
import {
  applySyncWrites,
  loadSyncStore,
  MAX_STATE_BYTES,
  queueLoadSyncStore,
  queueSaveConnection,
  stateBytes,
  SyncStateTooLargeError,
  type SyncProfile,
  type SyncStore,
} from "./syncAdapter";

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
  run?: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
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
  address: ListAddress;
  getToken: (options?: { forceRefresh?: boolean }) => Promise<string>;
  user: () => string | null;
}

interface CachedItem {
  id: string;
  etag: string | null;
  fields: Record<string, unknown>;
}

const ITEM_PAGE = 1000;

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
  if (error instanceof SyncStateTooLargeError) {
    const kb = Math.round(error.bytes / 1000);
    return paneError(
      `Trạng thái đồng bộ của bảng này quá lớn để lưu trong tệp (${kb} KB, tối đa ${MAX_STATE_BYTES / 1000} KB, khoảng 3.000 dòng). Hãy tách phụ lục thành các bảng nhỏ hơn để đồng bộ.`,
      `This table's sync state is too large to keep in the workbook (${kb} KB, at most ${MAX_STATE_BYTES / 1000} KB, about 3,000 rows). Split the annex into smaller tables to sync it.`,
      error.code,
    );
  }
  return toPaneError(error);
}

function invalidListUrl(text: string): SyncPaneError {
  return paneError(
    `Địa chỉ danh sách không hợp lệ: «${text}». Dùng địa chỉ danh sách SharePoint (https://…sharepoint.com/sites/…/Lists/…) hoặc địa chỉ Graph (…/v1.0/sites/{trang}/lists/{danh sách}).`,
    `Not a list address: “${text}”. Use a SharePoint list address (https://…sharepoint.com/sites/…/Lists/…) or a Graph URL (…/v1.0/sites/{site}/lists/{list}).`,
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

/** Lead units compared as the engine reads them: trailing punctuation trimmed, without diacritics or case. */
function leadKey(text: unknown): string {
  const v = normalizeValue({ kind: "text", source: "lead" }, text);
  return typeof v === "string" ? fold(v) : "";
}

function textOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const t = String(v).trim();
  return t === "" ? null : t;
}

function numberOf(v: unknown): number | null {
  const n = normalizeValue({ kind: "number", source: "value" }, v);
  return typeof n === "number" ? n : null;
}

function boolOf(v: unknown): boolean {
  return normalizeValue({ kind: "boolean", source: "listOnly" }, v) === true;
}

/** Plan and estimate columns of the liaison view: the planner's first value column; the liaison's estimate ("Ước thực hiện…"). */
function pickPlanEstimate(fields: SyncField[]): { plan: string | null; estimate: string | null } {
  const values = fields.filter((f) => f.source === "value");
  const plan = values.find((f) => f.owner === "planner") ?? null;
  const liaison = values.filter((f) => f.owner === "liaison");
  const estimate = liaison.find((f) => /\b(uoc|thuc hien)\b/.test(fold(f.header ?? f.displayName))) ?? liaison[0] ?? null;
  return { plan: plan?.name ?? null, estimate: estimate?.name ?? null };
}

export function createExcelSyncService(options: ExcelSyncServiceOptions = {}): SyncService & { diagnostics: ExcelSyncDiagnostics } {
  const run = options.run ?? (<T>(batch: (context: Excel.RequestContext) => Promise<T>) => Excel.run(batch));
  const now = options.now ?? (() => new Date());
  const signIn = options.signIn ?? ((clientId: string) => createGraphTokenProvider({ clientId }));
  const diagnostics: ExcelSyncDiagnostics = { excelSyncs: 0, lastResult: null };
  let connection: ActiveConnection | null = null;
  let profile: SyncProfile | null = null;
  let profileLoaded = false;
  let saved: SavedConnection | null = null;
  /** List items last read, by RowKey (for If-Match on the liaison's writes). */
  let items = new Map<string, CachedItem>();

  /** One Excel.run; any failure becomes a PaneError. */
  const call = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    try {
      return await run(batch);
    } catch (error) {
      throw toSyncPaneError(error);
    }
  };

  const remember = (store: Pick<SyncStore, "profile" | "connection">) => {
    profile = store.profile;
    profileLoaded = true;
    saved = store.connection;
    // A SharePoint connection needs no secret: it is ready again once the pane reopens.
    if (!connection && saved?.kind === "sharepoint" && isUsableClientId(saved.clientId)) {
      const address = parseListAddress(saved.listUrl);
      if (address) connection = activeSharePoint(saved.listUrl, saved.clientId, address);
    }
  };

  /** One sign-in (one MSAL client and its cache) per client id for the life of the pane. */
  const providers = new Map<string, GraphTokenProvider>();
  const activeSharePoint = (listUrl: string, clientId: string, address: ListAddress): ActiveConnection => {
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

  const ensureProfile = async (): Promise<void> => {
    if (profileLoaded) return;
    remember(await call((context) => loadSyncStore(context, { state: false })));
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

  /** The profile of the list this connection names, or an error when the table was never synced with it. */
  const listProfile = (active: ActiveConnection): SyncProfile & { list: { id: string } } => {
    const p = profile;
    const a = active.address;
    if (!p || !p.list.id || p.list.base !== a.baseUrl || p.list.site !== a.site || p.list.ref !== a.list) throw notSyncedYet();
    return p as SyncProfile & { list: { id: string } };
  };

  const readItems = async (active: ActiveConnection, p: SyncProfile & { list: { id: string } }): Promise<CachedItem[]> => {
    await token(active);
    const client = clientFor(active);
    const names = [
      ROW_KEY_FIELD,
      "Title",
      "Ordinal",
      "Unit",
      "Lead",
      p.plan,
      p.estimate,
      "Note",
      "Confirmed",
      "ConfirmedBy",
      "ConfirmedAt",
    ].filter((n): n is string => Boolean(n));
    const path = `/sites/${p.list.site}/lists/${encodeURIComponent(p.list.id)}/items?$expand=fields($select=${names.join(",")})&$top=${ITEM_PAGE}`;
    let raw: unknown[];
    try {
      raw = (await client.getAllPages(path)).items;
    } catch (error) {
      throw toSyncPaneError(error);
    }
    const out: CachedItem[] = [];
    const next = new Map<string, CachedItem>();
    for (const r of raw) {
      const o = (r ?? {}) as Record<string, unknown>;
      const fields = (o.fields ?? {}) as Record<string, unknown>;
      const key = typeof fields[ROW_KEY_FIELD] === "string" ? (fields[ROW_KEY_FIELD] as string) : null;
      if (!key) continue;
      const etag = (o["@odata.etag"] ?? o.eTag ?? fields["@odata.etag"] ?? null) as string | null;
      const item: CachedItem = { id: String(o.id), etag, fields };
      out.push(item);
      next.set(key, item);
    }
    items = next;
    return out;
  };

  const rowOf = (p: SyncProfile, item: CachedItem): DepartmentRow => {
    const f = item.fields;
    return {
      rowKey: String(f[ROW_KEY_FIELD]),
      itemId: item.id,
      ordinal: textOf(f.Ordinal),
      title: textOf(f.Title),
      unit: textOf(f.Unit),
      lead: textOf(f.Lead),
      plan: p.plan ? numberOf(f[p.plan]) : null,
      estimate: p.estimate ? numberOf(f[p.estimate]) : null,
      note: textOf(f.Note),
      confirmed: boolOf(f.Confirmed),
      confirmedBy: textOf(f.ConfirmedBy),
      confirmedAt: textOf(f.ConfirmedAt),
    };
  };

  const labelOf = (p: SyncProfile, name: string | null): string | null =>
    name ? (p.fields.find((f) => f.name === name)?.label ?? name) : null;

  return {
    diagnostics,

    async status(): Promise<SyncStatus> {
      remember(await call((context) => loadSyncStore(context, { state: false })));
      return statusOf();
    },

    async connect(given: SyncConnection): Promise<SyncStatus> {
      const address = parseListAddress(given.listUrl);
      if (!address) throw invalidListUrl(given.listUrl);
      let next: ActiveConnection;
      if (given.kind === "local") {
        const secret = (given.token ?? "").trim();
        if (!secret) {
          throw paneError(
            "Hãy nhập mã truy cập của máy chủ danh sách (mặc định “dev-token”).",
            "Enter the list server's access token (“dev-token” by default).",
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
      const data = { kind: next.kind, listUrl: next.listUrl, clientId: next.clientId };
      const store = await call(async (context) => {
        queueSaveConnection(context, data);
        const read = queueLoadSyncStore(context, { state: false });
        await context.sync();
        return read();
      });
      connection = next;
      items = new Map();
      remember(store);
      return statusOf();
    },

    async sync(request: SyncRequest): Promise<SyncOutcome> {
      const active = await requireConnection();
      const { sheet: sheetName, tableIndex } = request.target;
      let excelSyncs = 0;

      // 1. Read: the sheet, with the state, profile, connection and role corrections in its first sync.
      const read = await call(async (context) => {
        const sheet = context.workbook.worksheets.getItem(sheetName);
        const queued: { store?: () => SyncStore; settings?: ReturnType<typeof queueLoadSettings> } = {};
        const report = await readSheet(context, sheet, {
          ...options.read,
          alongFirstSync: () => {
            queued.store = queueLoadSyncStore(context);
            queued.settings = queueLoadSettings(context);
          },
        });
        return { snapshot: report.snapshot, syncs: report.syncs, store: queued.store!(), settings: queued.settings!() };
      });
      excelSyncs += read.syncs;
      remember(read.store);
      let snapshot: SheetSnapshot = read.snapshot;
      const roles: Record<string, ColumnRole> = {};
      for (const [key, role] of Object.entries(read.settings.roleCorrections)) {
        const bang = key.lastIndexOf("!");
        if (bang > 0 && key.slice(0, bang) === sheetName) roles[key.slice(bang + 1)] = role;
      }
      const tables = recognizeTables(snapshot, { roles });
      const table = tables[tableIndex] ?? tables[0];
      if (!table) throw toSyncPaneError(new NoAnnexError(sheetName));

      const a = active.address;
      const given = read.store.state;
      const sameList =
        given && given.list.base === a.baseUrl && given.list.site === a.site && given.list.ref === a.list && given.sheet === table.sheet;
      const state: SyncState | null = sameList ? given : null;

      // 2. Keys: every row gets its key in the workbook before anything reaches the list.
      const keyColumn = locateKeyColumn(new SheetView(snapshot), table);
      const fields = syncFields(table, state?.columns ?? given?.columns ?? [], new Set([keyColumn.column]));
      const local = readWorkbookRows(snapshot, table, fields, keyColumn, state ? loadRows(state) : new Map(), options.newId ?? defaultId);
      const keyRows = local.keyWrites.filter((w) => w.purpose === "key").map((w) => w.row);
      if (!keyColumn.existed && !request.allowKeyColumn) {
        const preview: KeyColumnPreview = {
          sheet: table.sheet,
          column: keyColumn.letter,
          label: KEY_LABEL,
          labelRow: keyColumn.labelRow,
          rows: keyRows.length,
          firstRow: keyRows.length ? Math.min(...keyRows) : null,
          lastRow: keyRows.length ? Math.max(...keyRows) : null,
        };
        diagnostics.excelSyncs = excelSyncs;
        return { kind: "needsKeyColumn", keyColumn: preview };
      }
      // The state must fit the workbook: refused before the list is touched.
      const estimate = (state ? stateBytes(state) : 0) + jsonBytes(local.rows.map((r) => r.values)) + local.rows.length * 160;
      if (estimate > MAX_STATE_BYTES * 1.05) throw toSyncPaneError(new SyncStateTooLargeError(estimate));
      let cellsWritten = 0;
      if (local.keyWrites.length) {
        const keys = await call((context) =>
          applySyncWrites(context, table.sheet, local.keyWrites, snapshot, {
            hideColumn: keyColumn.existed ? null : { column: keyColumn.column, row: keyColumn.labelRow },
          }),
        );
        excelSyncs += keys.syncs;
        cellsWritten += keys.cells;
        snapshot = applyWritesToSnapshot(snapshot, local.keyWrites);
      }

      // 3. The list.
      await token(active);
      const client = clientFor(active);
      let result: SyncResult;
      try {
        result = await syncAnnex({
          client,
          location: { site: a.site, list: a.list },
          snapshot,
          table,
          state: given,
          resolutions: request.resolutions,
          newId: options.newId,
          now,
        });
      } catch (error) {
        throw toSyncPaneError(error);
      }
      diagnostics.lastResult = result;
      const { report } = result;
      if (report.interrupted?.stage === "read") {
        // Nothing was merged: the keys stay, the state is unchanged.
        diagnostics.excelSyncs = excelSyncs;
        const e = new GraphError(report.interrupted.status, report.interrupted.code, report.interrupted.message);
        throw toSyncPaneError(e);
      }

      // 4. Write: pulled cells, the state and the profile, in one sync.
      const { plan, estimate: estimateField } = pickPlanEstimate(result.fields);
      const nextProfile: SyncProfile = {
        v: 1,
        sheet: table.sheet,
        list: { ...result.state.list },
        keyColumn: result.keyColumn.letter,
        fields: result.fields.map((f) => ({ name: f.name, label: f.displayName, owner: f.owner, source: f.source })),
        plan,
        estimate: estimateField,
        lastSync: result.state.lastSync,
      };
      const writes = result.writes;
      const written = await call((context) =>
        applySyncWrites(context, table.sheet, writes, snapshot, {
          hideColumn: result.keyColumn.existed ? null : { column: result.keyColumn.column, row: result.keyColumn.labelRow },
          save: { state: result.state, profile: nextProfile },
        }),
      );
      cellsWritten += written.cells;
      excelSyncs += written.syncs;
      profile = nextProfile;
      profileLoaded = true;
      items = new Map();
      diagnostics.excelSyncs = excelSyncs;
      return { kind: "synced", report: paneReport(report, result, local.keysAssigned, cellsWritten, now) };
    },

    async departmentRows(lead: string): Promise<DepartmentRows> {
      const active = await requireConnection();
      const p = listProfile(active);
      const all = await readItems(active, p);
      const wanted = leadKey(lead);
      return {
        lead,
        planLabel: labelOf(p, p.plan),
        estimateLabel: labelOf(p, p.estimate),
        rows: all.filter((item) => leadKey(item.fields.Lead) === wanted).map((item) => rowOf(p, item)),
      };
    },

    async saveLiaisonEdit(rowKey: string, edit: LiaisonEdit): Promise<DepartmentRow> {
      const active = await requireConnection();
      const p = listProfile(active);
      if (!items.has(rowKey)) await readItems(active, p);
      const item = items.get(rowKey);
      if (!item) {
        throw paneError(
          "Không tìm thấy dòng này trong danh sách (có thể đã bị xóa). Hãy tải lại danh sách của đơn vị.",
          "This row is not in the list (it may have been deleted). Reload the department's rows.",
          "itemNotFound",
        );
      }
      const body: Record<string, FieldValue> = {};
      if (edit.estimate !== undefined) {
        if (!p.estimate) {
          throw paneError(
            "Bảng không có cột ước thực hiện để cập nhật.",
            "The table has no estimate column to update.",
            "noEstimateColumn",
          );
        }
        body[p.estimate] = edit.estimate === null || Number.isFinite(edit.estimate) ? edit.estimate : null;
      }
      if (edit.note !== undefined) body.Note = edit.note === null || edit.note.trim() === "" ? null : edit.note.trim();
      if (edit.confirmed !== undefined) {
        body.Confirmed = edit.confirmed;
        body.ConfirmedBy = edit.confirmed ? edit.by?.trim() || active.user() || null : null;
        body.ConfirmedAt = edit.confirmed
          ? now()
              .toISOString()
              .replace(/\.\d{3}Z$/, "Z")
          : null;
      }
      if (Object.keys(body).length === 0) return rowOf(p, item);
      await token(active);
      const client = clientFor(active);
      const path = `/sites/${p.list.site}/lists/${encodeURIComponent(p.list.id)}/items/${encodeURIComponent(item.id)}/fields`;
      let response: Record<string, unknown>;
      try {
        response = (
          await client.request<Record<string, unknown>>("PATCH", path, {
            body,
            headers: item.etag ? { "If-Match": item.etag } : {},
            idempotent: Boolean(item.etag),
          })
        ).body;
      } catch (error) {
        if (error instanceof GraphError && (error.status === 412 || (error.status === 409 && error.code === "resourceModified"))) {
          items.delete(rowKey);
          throw paneError(
            "Dòng này vừa được người khác sửa trong danh sách. Danh sách sẽ được tải lại; hãy kiểm tra rồi lưu lại thay đổi của bạn.",
            "Someone else has just changed this row in the list. Reload the rows, check them and save your change again.",
            "graph412",
          );
        }
        throw toSyncPaneError(error);
      }
      const etag = typeof response?.["@odata.etag"] === "string" ? (response["@odata.etag"] as string) : null;
      const updated: CachedItem = { id: item.id, etag: etag ?? item.etag, fields: { ...item.fields, ...body, ...(response ?? {}) } };
      items.set(rowKey, updated);
      return rowOf(p, updated);
    },

    async confirmations(): Promise<DepartmentConfirmation[]> {
      const active = await requireConnection();
      const p = listProfile(active);
      const all = await readItems(active, p);
      const groups = new Map<string, DepartmentConfirmation>();
      for (const item of all) {
        const lead = textOf(normalizeValue({ kind: "text", source: "lead" }, item.fields.Lead)) ?? "";
        const key = leadKey(lead);
        const g = groups.get(key) ?? { lead, rows: 0, confirmed: 0, lastConfirmedAt: null, by: null };
        groups.set(key, g);
        g.rows++;
        if (boolOf(item.fields.Confirmed)) {
          g.confirmed++;
          const at = textOf(item.fields.ConfirmedAt);
          if (at && (!g.lastConfirmedAt || at > g.lastConfirmedAt)) {
            g.lastConfirmedAt = at;
            g.by = textOf(item.fields.ConfirmedBy);
          } else if (!g.lastConfirmedAt && !g.by) g.by = textOf(item.fields.ConfirmedBy);
        }
      }
      return [...groups.values()];
    },
  };
}

function defaultId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  const hex = (n: number) =>
    Array.from({ length: n }, () =>
      Math.floor(Math.random() * 16)
        .toString(16)
        .toLowerCase(),
    ).join("");
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[Math.floor(Math.random() * 4)]}${hex(3)}-${hex(12)}`;
}

function paneReport(report: SyncReport, result: SyncResult, keysAssigned: number, cellsWritten: number, now: () => Date): PaneSyncReport {
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
    })),
    deletedRemotely: report.deletedRemotely.map((d) => ({ rowKey: d.rowKey, row: d.row, title: d.title })),
    requests: report.requests,
    writeRequests: report.writeRequests,
    keysAssigned: keysAssigned + report.keysAssigned,
    skipped: report.skipped.length,
    failed: report.failed.length,
    outboxRemaining: report.outboxRemaining,
    listCreated: report.listCreated,
    cellsWritten,
    at: result.state.lastSync ?? now().toISOString(),
    interrupted,
  };
}
