/**
 * Routing and Graph-shaped responses for the Microsoft Graph v1.0 subset a list
 * client uses. Transport-free: it takes a parsed request and returns
 * {status, headers, body}, so the HTTP server and each $batch entry go through
 * exactly the same code.
 *
 *   GET    /sites/{site}
 *   GET    /sites/{site}/lists                      POST (create list with columns)
 *   GET    /sites/{site}/lists/{list}               DELETE
 *   GET    /sites/{site}/lists/{list}/columns       POST (add a column)
 *   GET    /sites/{site}/lists/{list}/items         POST (create item)
 *   GET    /sites/{site}/lists/{list}/items/delta
 *   GET    /sites/{site}/lists/{list}/items/{id}    DELETE
 *   GET    /sites/{site}/lists/{list}/items/{id}/fields   PATCH
 *   GET    /sites/{site}/lists/{list}/auditLog      (not Graph: the local server's audit log, planners only)
 *
 * {site} is any string (one local site stands behind every site id), including the
 * `hostname:/sites/path:` form; {list} is a list id or its displayName. Every request carries
 * the user it comes from; rights.ts decides what that user may do.
 */
import { ColumnDef, FieldValue, parseColumnDefinition, renderColumn, systemColumnDefinitions } from "./columns";
import type { AuditRecord } from "./auditLog";
import { checkIfMatchSyntax, formatEtag } from "./etags";
import { GraphError, badRequest, graphErrorBody, methodNotAllowed, notFound } from "./graphErrors";
import { ListRecord, ItemRecord, ListStore } from "./listStore";
import { ExpandOption, QueryOptions, parseQueryOptions } from "./odataQuery";
import { checkFieldsPatch, requirePlanner } from "./rights";
import { decodeDeltaToken, decodeSkipToken, encodeDeltaToken, encodeSkipToken } from "./tokens";
import type { ListUser } from "./users";

export interface GraphRequest {
  method: string;
  /** Path and query, starting with "/v1.0/", e.g. "/v1.0/sites/root/lists?$expand=columns". */
  target: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when there is none. */
  body: unknown;
  /** Absolute origin used in links, e.g. "http://127.0.0.1:4100". */
  baseUrl: string;
  requestId: string;
  clientRequestId: string;
  /** Who sends it (authenticated by the HTTP layer; a $batch entry inherits it). */
  user: ListUser;
}

export interface GraphResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export interface RouterOptions {
  /** Items per page when the client gives no $top (Graph: 200). */
  defaultPageSize: number;
  /** Largest page ever returned, whatever $top says (Graph: 5000). */
  maxPageSize: number;
  /** Filters on non-indexed columns fail on lists with more live items than this, even with the Prefer header. */
  listViewThreshold: number;
  /** Host name used in site ids, e.g. "localhost". */
  hostname: string;
}

const HONOR_NON_INDEXED = "honornonindexedquerieswarningmayfailrandomly";
const ITEM_CONTENT_TYPE = { id: "0x0100A1B2C3D4E5F60718293A4B5C6D7E8F90", name: "Item" };
const identity = (name: string) => ({ user: { displayName: name } });

const RESYNC_MESSAGE =
  "Resync required. Replace any local items with the server's version (including deletes) if you're sure that the service was up to date with your local changes when you last sync'd. Upload any local changes that the server doesn't know about.";

/** Encode a query value for a link, keeping `$ , / ( ) '` readable (all legal in a query). */
function encodeQueryValue(v: string): string {
  return encodeURIComponent(v).replace(/%24/g, "$").replace(/%2C/gi, ",").replace(/%2F/gi, "/");
}

function buildQuery(params: URLSearchParams, drop: string[], add: [string, string][]): string {
  const parts: string[] = [];
  for (const [k, v] of params) {
    if (drop.includes(k)) continue;
    parts.push(`${encodeQueryValue(k)}=${encodeQueryValue(v)}`);
  }
  for (const [k, v] of add) parts.push(`${encodeQueryValue(k)}=${encodeQueryValue(v)}`);
  return parts.length ? `?${parts.join("&")}` : "";
}

interface Ctx {
  req: GraphRequest;
  pathname: string;
  params: URLSearchParams;
  site: string;
}

export class GraphRouter {
  constructor(
    private readonly store: ListStore,
    private readonly opts: RouterOptions,
  ) {}

  /** Handle one request; Graph errors become Graph error responses. */
  handle(req: GraphRequest): GraphResponse {
    try {
      return this.route(req);
    } catch (e) {
      if (e instanceof GraphError) return this.errorResponse(req, e);
      const message = e instanceof Error ? e.message : String(e);
      return this.errorResponse(req, new GraphError(500, "generalException", `Internal error: ${message}`));
    }
  }

  errorResponse(req: Pick<GraphRequest, "requestId" | "clientRequestId">, e: GraphError): GraphResponse {
    return {
      status: e.status,
      headers: { ...e.headers },
      body: graphErrorBody(e.code, e.message, req.requestId, req.clientRequestId),
    };
  }

  private siteId(): string {
    return `${this.opts.hostname},${this.store.siteGuid},${this.store.webGuid}`;
  }

  private route(req: GraphRequest): GraphResponse {
    const q = req.target.indexOf("?");
    const pathname = q < 0 ? req.target : req.target.slice(0, q);
    const params = new URLSearchParams(q < 0 ? "" : req.target.slice(q + 1));
    if (!pathname.startsWith("/v1.0/")) throw notFound(`Resource not found for the segment '${pathname}'.`, "NotFound");
    const rest = pathname.slice("/v1.0/".length);
    if (!rest.startsWith("sites/")) {
      throw notFound(`Resource not found for the segment '${rest.split("/")[0]}'.`, "NotFound");
    }
    const afterSites = rest.slice("sites/".length);
    let site: string;
    let remainder: string;
    // hostname:/server-relative/path:  (the trailing ':' is needed only when more path follows)
    const m = /^([^/:]+):(\/[^:]*?)(?::(?:\/(.*))?)?$/.exec(afterSites);
    if (m) {
      site = `${m[1]}:${m[2]}`;
      remainder = m[3] ?? "";
    } else {
      const slash = afterSites.indexOf("/");
      site = slash < 0 ? afterSites : afterSites.slice(0, slash);
      remainder = slash < 0 ? "" : afterSites.slice(slash + 1);
    }
    if (site === "") throw notFound("Resource not found for the segment 'sites'.", "NotFound");
    let segs: string[];
    try {
      segs = remainder
        .split("/")
        .filter((s) => s !== "")
        .map((s) => decodeURIComponent(s));
    } catch {
      throw badRequest("The request URL is not correctly encoded.", "BadRequest");
    }
    const ctx: Ctx = { req, pathname, params, site };
    const method = req.method.toUpperCase();

    if (segs.length === 0) {
      if (method !== "GET") throw methodNotAllowed();
      return this.ok(this.renderSite(ctx));
    }
    if (segs[0] !== "lists") throw notFound(`Resource not found for the segment '${segs[0]}'.`, "NotFound");

    if (segs.length === 1) {
      if (method === "GET") return this.getLists(ctx);
      if (method === "POST") return this.createList(ctx);
      throw methodNotAllowed();
    }
    const listRef = segs[1];
    if (segs.length === 2) {
      if (method === "GET") return this.getList(ctx, listRef);
      if (method === "DELETE") {
        const list = this.store.requireList(listRef);
        requirePlanner(req.user, "delete lists");
        this.store.deleteList(list.id, req.user.name);
        return { status: 204, headers: {} };
      }
      throw methodNotAllowed();
    }
    if (segs[2] === "auditLog" && segs.length === 3) {
      if (method === "GET") return this.getAuditLog(ctx, listRef);
      throw methodNotAllowed();
    }
    if (segs[2] === "columns" && segs.length === 3) {
      if (method === "GET") return this.getColumns(ctx, listRef);
      if (method === "POST") return this.createColumn(ctx, listRef);
      throw methodNotAllowed();
    }
    if (segs[2] !== "items") throw notFound(`Resource not found for the segment '${segs[2]}'.`, "NotFound");
    if (segs.length === 3) {
      if (method === "GET") return this.getItems(ctx, listRef);
      if (method === "POST") return this.createItem(ctx, listRef);
      throw methodNotAllowed();
    }
    const deltaToken = parseDeltaSegment(segs[3]);
    if (deltaToken !== undefined && segs.length === 4) {
      if (method !== "GET") throw methodNotAllowed();
      if (deltaToken !== null && !params.has("token")) params.set("token", deltaToken);
      return this.getDelta(ctx, listRef);
    }
    if (!/^\d{1,15}$/.test(segs[3])) throw badRequest(`'${segs[3]}' is not a valid list item id.`);
    if (method === "PATCH" || method === "DELETE") checkIfMatchSyntax(req.headers["if-match"]);
    const itemId = Number(segs[3]);
    if (segs.length === 4) {
      if (method === "GET") return this.getItem(ctx, listRef, itemId);
      if (method === "DELETE") return this.deleteItem(ctx, listRef, itemId);
      throw methodNotAllowed();
    }
    if (segs.length === 5 && segs[4] === "fields") {
      if (method === "GET") return this.getFields(ctx, listRef, itemId);
      if (method === "PATCH") return this.patchFields(ctx, listRef, itemId);
      throw methodNotAllowed();
    }
    throw notFound(`Resource not found for the segment '${segs[4]}'.`, "NotFound");
  }

  private ok(body: unknown, status = 200, headers: Record<string, string> = {}): GraphResponse {
    return { status, headers, body };
  }

  private options(ctx: Ctx): QueryOptions {
    const q = parseQueryOptions(ctx.params);
    if (ctx.params.has("$orderby") || ctx.params.has("orderby")) {
      throw badRequest("$orderby is not supported by the local list server.", "BadRequest");
    }
    return q;
  }

  private pageSize(q: QueryOptions): number {
    return Math.min(q.top ?? this.opts.defaultPageSize, this.opts.maxPageSize);
  }

  private contextUrl(ctx: Ctx, suffix: string): string {
    return `${ctx.req.baseUrl}/v1.0/$metadata#sites('${encodeURIComponent(ctx.site)}')${suffix}`;
  }

  // ---------------------------------------------------------------- site & lists

  private renderSite(ctx: Ctx): Record<string, unknown> {
    return {
      "@odata.context": `${ctx.req.baseUrl}/v1.0/$metadata#sites/$entity`,
      createdDateTime: "2024-01-01T00:00:00Z",
      description: "Local list server",
      id: this.siteId(),
      lastModifiedDateTime: "2024-01-01T00:00:00Z",
      name: "local",
      webUrl: `${ctx.req.baseUrl}/sites/local`,
      displayName: "Local list server",
      root: {},
      siteCollection: { hostname: this.opts.hostname },
    };
  }

  private renderList(ctx: Ctx, list: ListRecord, withColumns: boolean): Record<string, unknown> {
    const etag = `"${list.id},1"`;
    return {
      "@odata.etag": etag,
      createdDateTime: list.createdDateTime,
      description: list.description,
      eTag: etag,
      id: list.id,
      lastModifiedDateTime: list.lastModifiedDateTime,
      name: list.name,
      webUrl: `${ctx.req.baseUrl}/sites/local/Lists/${encodeURIComponent(list.name)}`,
      displayName: list.displayName,
      createdBy: identity(list.createdBy),
      parentReference: { siteId: this.siteId() },
      list: { contentTypesEnabled: false, hidden: false, template: list.template },
      ...(withColumns ? { columns: this.renderColumns(list) } : {}),
    };
  }

  private renderColumns(list: ListRecord): Record<string, unknown>[] {
    return [...list.columns.map((c) => renderColumn(c)), ...systemColumnDefinitions()];
  }

  private expandsFor(q: QueryOptions, allowed: string[], type: string): Map<string, ExpandOption> {
    const out = new Map<string, ExpandOption>();
    for (const e of q.expand) {
      if (!allowed.includes(e.name)) {
        throw badRequest(`Could not find a property named '${e.name}' on type 'microsoft.graph.${type}'.`, "BadRequest");
      }
      out.set(e.name, e);
    }
    return out;
  }

  private getLists(ctx: Ctx): GraphResponse {
    const q = this.options(ctx);
    const withColumns = this.expandsFor(q, ["columns"], "list").has("columns");
    return this.ok({
      "@odata.context": this.contextUrl(ctx, "/lists"),
      value: this.store.listLists().map((l) => selectProperties(this.renderList(ctx, l, withColumns), q.select)),
    });
  }

  private getList(ctx: Ctx, listRef: string): GraphResponse {
    const q = this.options(ctx);
    const withColumns = this.expandsFor(q, ["columns"], "list").has("columns");
    const list = this.store.requireList(listRef);
    return this.ok({
      "@odata.context": this.contextUrl(ctx, "/lists/$entity"),
      ...selectProperties(this.renderList(ctx, list, withColumns), q.select),
    });
  }

  private createList(ctx: Ctx): GraphResponse {
    requirePlanner(ctx.req.user, "create lists");
    const body = requireObject(ctx.req.body);
    const displayName = body.displayName;
    if (typeof displayName !== "string" || displayName.trim() === "" || displayName.length > 255) {
      throw badRequest("'displayName' is required: a non-empty string of at most 255 characters.");
    }
    if (body.description !== undefined && typeof body.description !== "string") {
      throw badRequest("'description' must be a string.");
    }
    const template = "genericList";
    if (body.list !== undefined && body.list !== null) {
      if (typeof body.list !== "object") throw badRequest("'list' must be an object.");
      const t = (body.list as Record<string, unknown>).template;
      if (t !== undefined && t !== "genericList") {
        throw badRequest(`List template '${String(t)}' is not supported by the local list server; use 'genericList'.`);
      }
    }
    const columnsIn = body.columns ?? [];
    if (!Array.isArray(columnsIn)) throw badRequest("'columns' must be an array.");
    if (columnsIn.length > 200) throw badRequest("A list can be created with at most 200 columns.");
    const columns: ColumnDef[] = columnsIn.map((c) => parseColumnDefinition(c));
    const list = this.store.createList(
      { displayName, description: body.description as string | undefined, template, columns },
      ctx.req.user.name,
    );
    return this.ok({ "@odata.context": this.contextUrl(ctx, "/lists/$entity"), ...this.renderList(ctx, list, true) }, 201, {
      Location: `${ctx.req.baseUrl}/v1.0/sites/${this.siteId()}/lists/${list.id}`,
    });
  }

  private getColumns(ctx: Ctx, listRef: string): GraphResponse {
    const list = this.store.requireList(listRef);
    return this.ok({
      "@odata.context": this.contextUrl(ctx, `/lists('${list.id}')/columns`),
      value: this.renderColumns(list),
    });
  }

  private createColumn(ctx: Ctx, listRef: string): GraphResponse {
    const target = this.store.requireList(listRef);
    requirePlanner(ctx.req.user, "create columns");
    const column = parseColumnDefinition(requireObject(ctx.req.body));
    const list = this.store.addColumn(target.id, column, ctx.req.user.name);
    const created = list.columns.find((c) => c.name === column.name) as ColumnDef;
    return this.ok({ "@odata.context": this.contextUrl(ctx, `/lists('${list.id}')/columns/$entity`), ...renderColumn(created) }, 201);
  }

  // ---------------------------------------------------------------- items

  private renderFields(list: ListRecord, item: ItemRecord, select: string[] | null): Record<string, unknown> {
    const etag = formatEtag(item.guid, item.version);
    const out: Record<string, unknown> = { "@odata.etag": etag };
    const system: Record<string, FieldValue> = {
      id: String(item.id),
      ContentType: "Item",
      Created: item.createdDateTime,
      Modified: item.lastModifiedDateTime,
      AuthorLookupId: "1",
      EditorLookupId: "1",
      _UIVersionString: `${item.version}.0`,
      Attachments: false,
    };
    if (select === null) {
      for (const col of list.columns) {
        const v = item.fields[col.name];
        if (v !== undefined) out[col.name] = v;
      }
      if (item.fields.Title !== undefined) {
        out.LinkTitle = item.fields.Title;
        out.LinkTitleNoMenu = item.fields.Title;
      }
      Object.assign(out, system);
    } else {
      for (const name of select) {
        const v = item.fields[name] ?? (name === "ID" ? system.id : system[name]);
        if (v !== undefined) out[name] = v;
      }
      out.id = String(item.id);
    }
    return out;
  }

  private renderItem(
    ctx: Ctx,
    list: ListRecord,
    item: ItemRecord,
    fields: ExpandOption | undefined,
    select: string[] | null,
  ): Record<string, unknown> {
    const etag = formatEtag(item.guid, item.version);
    const out: Record<string, unknown> = {
      "@odata.etag": etag,
      createdDateTime: item.createdDateTime,
      eTag: etag,
      id: String(item.id),
      lastModifiedDateTime: item.lastModifiedDateTime,
      webUrl: `${ctx.req.baseUrl}/sites/local/Lists/${encodeURIComponent(list.name)}/DispForm.aspx?ID=${item.id}`,
      createdBy: identity(item.createdBy),
      lastModifiedBy: identity(item.modifiedBy),
      parentReference: { id: list.id, siteId: this.siteId() },
      contentType: ITEM_CONTENT_TYPE,
    };
    if (select !== null) {
      const keep = new Set([...select, "id", "@odata.etag"]);
      for (const k of Object.keys(out)) if (!keep.has(k)) delete out[k];
    }
    if (fields) out.fields = this.renderFields(list, item, fields.select);
    return out;
  }

  private getItems(ctx: Ctx, listRef: string): GraphResponse {
    const q = this.options(ctx);
    const list = this.store.requireList(listRef);
    const fields = this.expandsFor(q, ["fields"], "listItem").get("fields");
    if (q.filter)
      this.checkFilterAllowed(
        ctx,
        list,
        q.filter.map((c) => c.field),
      );
    let afterId = 0;
    if (q.skipToken !== null) {
      const decoded = decodeSkipToken(q.skipToken);
      if (decoded === null) throw badRequest("The $skiptoken is not valid.", "BadRequest");
      afterId = decoded;
    }
    const size = this.pageSize(q);
    const rows = this.store.queryItems(list, { afterId, limit: size + 1, filter: q.filter });
    const page = rows.slice(0, size);
    const body: Record<string, unknown> = {
      "@odata.context": this.contextUrl(ctx, `/lists('${list.id}')/items`),
      value: page.map((it) => this.renderItem(ctx, list, it, fields, q.select)),
    };
    if (rows.length > size) {
      const skip = encodeSkipToken(page[page.length - 1].id);
      body["@odata.nextLink"] =
        `${ctx.req.baseUrl}${ctx.pathname}` + buildQuery(ctx.params, ["$skiptoken", "skiptoken"], [["$skiptoken", skip]]);
    }
    return this.ok(body);
  }

  /** SharePoint refuses filters on non-indexed columns unless the client accepts the risk. */
  private checkFilterAllowed(ctx: Ctx, list: ListRecord, names: string[]): void {
    const honor = (ctx.req.headers["prefer"] ?? "").toLowerCase().includes(HONOR_NON_INDEXED);
    for (const name of names) {
      const col = list.columns.find((c) => c.name === name);
      if (!col) throw badRequest(`Field '${name}' is not recognized`);
      if (col.indexed) continue;
      if (!honor) {
        throw badRequest(
          `Field '${name}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.`,
        );
      }
      if (this.store.countItems(list.id) > this.opts.listViewThreshold) {
        throw badRequest("The attempted operation is prohibited because it exceeds the list view threshold.", "invalidRequest");
      }
    }
  }

  private createItem(ctx: Ctx, listRef: string): GraphResponse {
    const list = this.store.requireList(listRef);
    requirePlanner(ctx.req.user, "create items");
    const body = requireObject(ctx.req.body);
    if (body.fields === undefined) throw badRequest("The request body must contain a 'fields' object.");
    const item = this.store.createItem(list.id, body.fields, ctx.req.user.name);
    const etag = formatEtag(item.guid, item.version);
    return this.ok(
      {
        "@odata.context": this.contextUrl(ctx, `/lists('${list.id}')/items/$entity`),
        ...this.renderItem(ctx, list, item, { name: "fields", select: null }, null),
      },
      201,
      {
        ETag: etag,
        Location: `${ctx.req.baseUrl}/v1.0/sites/${this.siteId()}/lists/${list.id}/items/${item.id}`,
      },
    );
  }

  private getItem(ctx: Ctx, listRef: string, itemId: number): GraphResponse {
    const q = this.options(ctx);
    const list = this.store.requireList(listRef);
    // A single item comes with all its fields unless $expand narrows them.
    const fields = this.expandsFor(q, ["fields"], "listItem").get("fields") ?? { name: "fields", select: null };
    const item = this.store.requireItem(list.id, itemId);
    return this.ok(
      {
        "@odata.context": this.contextUrl(ctx, `/lists('${list.id}')/items/$entity`),
        ...this.renderItem(ctx, list, item, fields, q.select),
      },
      200,
      { ETag: formatEtag(item.guid, item.version) },
    );
  }

  private getFields(ctx: Ctx, listRef: string, itemId: number): GraphResponse {
    const q = this.options(ctx);
    const list = this.store.requireList(listRef);
    const item = this.store.requireItem(list.id, itemId);
    return this.ok(
      {
        "@odata.context": this.contextUrl(ctx, `/lists('${list.id}')/items('${item.id}')/fields/$entity`),
        ...this.renderFields(list, item, q.select),
      },
      200,
      { ETag: formatEtag(item.guid, item.version) },
    );
  }

  private patchFields(ctx: Ctx, listRef: string, itemId: number): GraphResponse {
    const body = requireObject(ctx.req.body);
    const list = this.store.requireList(listRef);
    checkFieldsPatch(ctx.req.user, list.columns, this.store.requireItem(list.id, itemId).fields, body);
    const item = this.store.updateItemFields(list.id, itemId, body, ctx.req.headers["if-match"], ctx.req.user.name);
    return this.ok(
      {
        "@odata.context": this.contextUrl(ctx, `/lists('${list.id}')/items('${item.id}')/fields/$entity`),
        ...this.renderFields(list, item, null),
      },
      200,
      { ETag: formatEtag(item.guid, item.version) },
    );
  }

  private deleteItem(ctx: Ctx, listRef: string, itemId: number): GraphResponse {
    const list = this.store.requireList(listRef);
    this.store.requireItem(list.id, itemId);
    requirePlanner(ctx.req.user, "delete items");
    this.store.deleteItem(list.id, itemId, ctx.req.headers["if-match"], ctx.req.user.name);
    return { status: 204, headers: {} };
  }

  // ---------------------------------------------------------------- audit log

  /** Oldest first; `$top` (default 200) and an opaque `$skiptoken` in `@odata.nextLink`. */
  private getAuditLog(ctx: Ctx, listRef: string): GraphResponse {
    const q = this.options(ctx);
    const list = this.store.requireList(listRef);
    requirePlanner(ctx.req.user, "read the audit log");
    let afterSeq = 0;
    if (q.skipToken !== null) {
      const decoded = decodeSkipToken(q.skipToken);
      if (decoded === null) throw badRequest("The $skiptoken is not valid.", "BadRequest");
      afterSeq = decoded;
    }
    const size = this.pageSize(q);
    const rows = this.store.auditLog(list.id, afterSeq, size + 1);
    const page = rows.slice(0, size);
    const body: Record<string, unknown> = {
      "@odata.context": this.contextUrl(ctx, `/lists('${list.id}')/auditLog`),
      value: page.map(renderAuditRecord),
    };
    if (rows.length > size) {
      const skip = encodeSkipToken(page[page.length - 1].seq);
      body["@odata.nextLink"] =
        `${ctx.req.baseUrl}${ctx.pathname}` + buildQuery(ctx.params, ["$skiptoken", "skiptoken"], [["$skiptoken", skip]]);
    }
    return this.ok(body);
  }

  // ---------------------------------------------------------------- delta

  private getDelta(ctx: Ctx, listRef: string): GraphResponse {
    const q = this.options(ctx);
    const list = this.store.requireList(listRef);
    const fields = this.expandsFor(q, ["fields"], "listItem").get("fields");
    if (q.filter) throw badRequest("$filter is not supported with delta.", "BadRequest");
    const size = this.pageSize(q);
    const link = (token: string) =>
      `${ctx.req.baseUrl}${ctx.pathname}` + buildQuery(ctx.params, ["token", "$skiptoken", "skiptoken"], [["token", token]]);
    const body: Record<string, unknown> = {
      "@odata.context": this.contextUrl(ctx, `/lists('${list.id}')/items`),
    };
    const base = { l: list.id, e: this.store.epoch };
    const render = (it: ItemRecord) =>
      it.deleted ? { id: String(it.id), deleted: { state: "deleted" } } : this.renderItem(ctx, list, it, fields, q.select);

    if (q.token === "latest") {
      body.value = [];
      body["@odata.deltaLink"] = link(encodeDeltaToken({ ...base, c: this.store.currentChangeNo() }));
      return this.ok(body);
    }

    let token: { c: number; a?: number };
    if (q.token === null) {
      // Fresh enumeration: every live item, then changes after this moment.
      token = { c: this.store.currentChangeNo(), a: 0 };
    } else {
      const t = decodeDeltaToken(q.token);
      if (
        t === null ||
        t.e !== this.store.epoch ||
        t.l !== list.id ||
        t.c > this.store.currentChangeNo() ||
        t.c < this.store.minDeltaChange(list.id)
      ) {
        throw new GraphError(410, "resyncRequired", RESYNC_MESSAGE, {
          Location: `${ctx.req.baseUrl}${ctx.pathname}` + buildQuery(ctx.params, ["token", "$skiptoken", "skiptoken"], []),
        });
      }
      token = t;
    }

    if (token.a !== undefined) {
      const rows = this.store.queryItems(list, { afterId: token.a, limit: size + 1 });
      const page = rows.slice(0, size);
      body.value = page.map(render);
      if (rows.length > size) {
        body["@odata.nextLink"] = link(encodeDeltaToken({ ...base, c: token.c, a: page[page.length - 1].id }));
      } else {
        body["@odata.deltaLink"] = link(encodeDeltaToken({ ...base, c: token.c }));
      }
      return this.ok(body);
    }

    const rows = this.store.changesSince(list.id, token.c, size + 1);
    const page = rows.slice(0, size);
    body.value = page.map(render);
    const reached = page.length ? Math.max(token.c, page[page.length - 1].changeNo) : token.c;
    if (rows.length > size) body["@odata.nextLink"] = link(encodeDeltaToken({ ...base, c: reached }));
    else body["@odata.deltaLink"] = link(encodeDeltaToken({ ...base, c: reached }));
    return this.ok(body);
  }
}

/**
 * `delta`, `delta()`, `microsoft.graph.delta`, `microsoft.graph.delta()` → null;
 * `delta(token='x')` → "x"; anything else → undefined (not a delta segment).
 */
function parseDeltaSegment(seg: string): string | null | undefined {
  const m = /^(?:microsoft\.graph\.)?delta(?:\((?:token='([^']*)')?\))?$/.exec(seg);
  if (!m) return undefined;
  return m[1] ?? null;
}

function renderAuditRecord(r: AuditRecord): Record<string, unknown> {
  return {
    id: String(r.seq),
    dateTime: r.at,
    user: { displayName: r.user },
    action: r.action,
    itemId: r.itemId === null ? null : String(r.itemId),
    field: r.field,
    oldValue: r.oldValue,
    newValue: r.newValue,
  };
}

/** Graph's $select on an entity: only the named properties (and the etag annotation). */
function selectProperties(entity: Record<string, unknown>, select: string[] | null): Record<string, unknown> {
  if (select === null) return entity;
  const keep = new Set([...select, "@odata.etag"]);
  return Object.fromEntries(Object.entries(entity).filter(([k]) => keep.has(k)));
}

function requireObject(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest("The request body must be a JSON object.", "BadRequest");
  }
  return body as Record<string, unknown>;
}
