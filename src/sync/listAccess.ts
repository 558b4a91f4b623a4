/**
 * The list side of a sync: make sure the list exists with the columns the fields need, and read
 * its items — every item the first time (or after 410 Gone), else the changes since the stored
 * delta link. Deleted items are reported, never re-created, unless the person asks for the whole
 * list to be made again (`recreate`).
 */
import { type SyncField, listColumnDefinitions, ROW_KEY_FIELD, schemaSignature } from "./fields";
import { type GraphClient, GraphError } from "./graphClient";
import { parseItem, type RemoteItem } from "./remoteItem";
import type { SyncReport } from "./report";
import type { SyncState } from "./state";

export interface ListAccess {
  client: GraphClient;
  /** "/sites/{site}" */
  sitePath: string;
  /** The list as the person named it (a name or an id). */
  listRef: string;
  /** Its id, when the address was resolved to one. */
  listId: string | null;
  fields: SyncField[];
  state: SyncState;
  report: SyncReport;
  pageSize: number;
}

/** The list named in the state no longer exists. */
export class ListGoneError extends GraphError {
  constructor(readonly listId: string) {
    super(404, "listGone", `The list ${listId} no longer exists`);
    this.name = "ListGoneError";
  }
}

export function isGuid(text: string): boolean {
  return /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i.test(text);
}

export function expandQuery(fields: SyncField[]): string {
  return `$expand=fields($select=${[ROW_KEY_FIELD, ...fields.map((f) => f.name)].join(",")})`;
}

/**
 * Make sure the list exists with every column; returns the list's path ("/sites/x/lists/{id}")
 * and whether it was created now (nothing to read then). A list the state knew that is gone
 * raises ListGoneError: it is never re-created silently.
 */
export async function ensureList(access: ListAccess): Promise<{ listPath: string; fresh: boolean }> {
  const { client, sitePath, fields, state, report } = access;
  const signature = schemaSignature(fields);
  if (state.list.id && state.schema === signature) return { listPath: `${sitePath}/lists/${state.list.id}`, fresh: false };
  const ref = state.list.id ?? access.listId ?? access.listRef;
  for (let attempt = 1; ; attempt++) {
    let list: Record<string, unknown> | null = null;
    try {
      list = await client.get<Record<string, unknown>>(`${sitePath}/lists/${encodeURIComponent(ref)}?$expand=columns`);
    } catch (e) {
      if (!(e instanceof GraphError) || e.status !== 404) throw e;
      if (state.list.id) throw new ListGoneError(state.list.id);
      if (isGuid(ref)) throw e; // an id the person gave: never create a list in its place
    }
    if (list) {
      const id = String(list.id);
      const listPath = `${sitePath}/lists/${id}`;
      const existing = new Map<string, Record<string, unknown>>();
      for (const c of (list.columns as Record<string, unknown>[] | undefined) ?? []) existing.set(String(c.name), c);
      const rowKey = existing.get(ROW_KEY_FIELD);
      if (rowKey && !rowKey.indexed) report.warnings.push("RowKey column is not indexed: lookups by key may fail on large lists");
      const missing = listColumnDefinitions(fields).filter((d) => !existing.has(String(d.name)));
      if (missing.length) {
        const results = await client.batch(missing.map((d) => ({ method: "POST", url: `${listPath}/columns`, body: d })));
        results.forEach((r, i) => {
          // 409: the column exists already (an earlier attempt whose answer was lost).
          if (r.error && r.status !== 409) {
            if (r.status === 0 || r.status >= 500 || r.status === 429 || r.status === 401 || r.status === 403) throw r.error;
            report.warnings.push(`Column ${String(missing[i].name)} could not be added: ${r.error.message}`);
          }
        });
      }
      // Fields added since the delta link was made are not in its $select: read everything once.
      if (state.schema !== signature) state.deltaLink = null;
      state.list.id = id;
      state.schema = signature;
      return { listPath, fresh: false };
    }
    try {
      const created = await client.request<Record<string, unknown>>("POST", `${sitePath}/lists`, {
        body: { displayName: access.listRef, columns: listColumnDefinitions(fields), list: { template: "genericList" } },
      });
      const id = String(created.body.id);
      state.list.id = id;
      state.schema = signature;
      state.deltaLink = null;
      report.listCreated = true;
      return { listPath: `${sitePath}/lists/${id}`, fresh: true };
    } catch (e) {
      // 409: it exists (ours, created by an attempt whose answer was lost, or someone else's);
      // no answer: it may exist. Either way read it again.
      if (!(e instanceof GraphError) || !(e.status === 409 || e.status === 0 || e.status >= 500) || attempt >= 4) throw e;
    }
  }
}

/** Read the list's items (all, or the changes since the delta link); returns them by id and the next delta link. */
export async function readItems(
  access: ListAccess,
  listPath: string,
  fresh: boolean,
): Promise<{ items: Map<string, RemoteItem>; deltaLink: string | null }> {
  const { client, fields, state, report, pageSize } = access;
  const expand = expandQuery(fields);
  const items = new Map<string, RemoteItem>();
  let deltaLink: string | null = null;
  if (state.deltaLink) {
    try {
      const page = await client.getAllPages(state.deltaLink);
      for (const raw of page.items) {
        const item = parseItem(fields, raw);
        items.set(item.id, item); // an item may appear twice: the last one wins
      }
      deltaLink = page.deltaLink;
    } catch (e) {
      if (!(e instanceof GraphError) || (e.status !== 410 && e.status !== 404)) throw e;
      if (e.status === 404) await mustStillExist(access);
      items.clear();
      state.deltaLink = null;
    }
  }
  if (!state.deltaLink) {
    report.fullRead = true;
    // The link first: changes made while the items are listed come again next time (harmless).
    const latest = await client.get<Record<string, unknown>>(`${listPath}/items/delta?token=latest&${expand}&$top=${pageSize}`);
    deltaLink = typeof latest?.["@odata.deltaLink"] === "string" ? (latest["@odata.deltaLink"] as string) : null;
    if (!fresh) {
      const all = await client.getAllPages(`${listPath}/items?${expand}&$top=${pageSize}`);
      for (const raw of all.items) {
        const item = parseItem(fields, raw);
        items.set(item.id, item);
      }
    }
  }
  // Items a delta reported without their fields: read them.
  const bare = [...items.values()].filter((it) => !it.deleted && it.fields === null);
  if (bare.length) {
    const results = await client.batch(bare.map((it) => ({ method: "GET", url: `${listPath}/items/${it.id}?${expand}` })));
    results.forEach((r, i) => {
      if (r.status === 200) items.set(bare[i].id, parseItem(fields, r.body));
      else if (r.status === 404) items.set(bare[i].id, { ...bare[i], deleted: true });
      else throw r.error ?? new GraphError(r.status, "readFailed", "Could not read a changed item");
    });
  }
  return { items, deltaLink };
}

/** A 404 on the delta link: the list itself may be gone. */
async function mustStillExist(access: ListAccess): Promise<void> {
  const id = access.state.list.id;
  if (!id) return;
  try {
    await access.client.get(`${access.sitePath}/lists/${encodeURIComponent(id)}?$select=id`);
  } catch (e) {
    if (e instanceof GraphError && e.status === 404) throw new ListGoneError(id);
    throw e;
  }
}

/** Look RowKeys up (creates whose answer was lost); a key without an item maps to null. */
export async function lookupKeys(access: ListAccess, listPath: string, keys: string[]): Promise<Map<string, RemoteItem | null>> {
  const { client, fields, report } = access;
  report.lookups += keys.length;
  const expand = expandQuery(fields);
  const found = new Map<string, RemoteItem | null>();
  const results = await client.batch(
    keys.map((k) => ({
      method: "GET",
      url: `${listPath}/items?$filter=${encodeURIComponent(`fields/${ROW_KEY_FIELD} eq '${k.replace(/'/g, "''")}'`)}&${expand}`,
    })),
  );
  results.forEach((r, i) => {
    if (r.status === 200) {
      const value = ((r.body as { value?: unknown[] })?.value ?? []).map((raw) => parseItem(fields, raw)).filter((it) => !it.deleted);
      found.set(keys[i], value[0] ?? null);
    } else if (isFatal(r.error) || r.status === 0) {
      // No answer even after retries: the connection is gone; stop here, the outbox is kept.
      throw r.error;
    }
  });
  return found;
}

/** Errors that stop the whole sync (everything else is per entry). */
export function isFatal(error: GraphError | undefined): boolean {
  return error !== undefined && (error.status === 401 || error.status === 403);
}
