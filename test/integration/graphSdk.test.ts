/**
 * Microsoft's own Graph JavaScript SDK against the local list server behind TLS: if the SDK reads
 * the server's answers as it reads Graph's, the server is a faithful stand-in. Lists, items with
 * `$expand=fields($select=…)`, paging through nextLink, PATCH with If-Match and its 412, `$batch`
 * with `dependsOn`, delta, and a Graph error as the SDK reports it.
 */
import {
  AuthenticationHandler,
  BatchRequestContent,
  BatchResponseContent,
  Client,
  GraphError,
  type Context,
  type Middleware,
} from "@microsoft/microsoft-graph-client";
import { startTestListServer, type TestListServer } from "../helpers/listServer";
import { makeSelfSignedCert, trustingFetch, type TestCert } from "../helpers/tls";

type Json = Record<string, any>;

/** The SDK's last middleware, sending through a fetch that trusts the test certificate. */
class TrustingHttpHandler implements Middleware {
  constructor(private readonly fetchImpl: typeof fetch) {}
  async execute(context: Context): Promise<void> {
    context.response = await this.fetchImpl(context.request as string, context.options as RequestInit);
  }
}

let cert: TestCert;
let s: TestListServer;
let client: Client;

beforeAll(async () => {
  cert = makeSelfSignedCert();
  s = await startTestListServer({ tls: cert });
  const auth = new AuthenticationHandler({ getAccessToken: async () => s.token });
  client = Client.initWithMiddleware({
    middleware: [auth, new TrustingHttpHandler(trustingFetch(cert.cert))],
    baseUrl: `${s.url}/`,
    defaultVersion: "v1.0",
    customHosts: new Set(["127.0.0.1"]),
  });
});

afterAll(async () => {
  await s?.close();
  cert?.remove();
});

describe("the Graph JavaScript SDK against the local list server over HTTPS", () => {
  it("creates and reads a list, items in a batch with dependsOn, pages, patches with If-Match, reads delta and reports errors", async () => {
    expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const list: Json = await client.api("/sites/root/lists").post({
      displayName: "Phụ lục SDK",
      columns: [
        { name: "RowKey", text: {}, indexed: true, enforceUniqueValues: true },
        { name: "Plan", number: {} },
      ],
      list: { template: "genericList" },
    });
    const lists: Json = await client.api("/sites/root/lists").select("id,displayName").get();
    expect(lists.value).toContainEqual({ "@odata.etag": expect.any(String), id: list.id, displayName: "Phụ lục SDK" });

    // Five creates in one batch, each depending on the one before.
    const itemsUrl = `${s.graphUrl}/sites/root/lists/${list.id}/items`;
    const batch = new BatchRequestContent(
      [1, 2, 3, 4, 5].map((n) => ({
        id: String(n),
        request: new Request(itemsUrl, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ fields: { Title: `Chỉ tiêu ${n}`, RowKey: `k-${n}`, Plan: n * 1.5 } }),
        }),
        ...(n > 1 ? { dependsOn: [String(n - 1)] } : {}),
      })),
    );
    const batchResponse = new BatchResponseContent(await client.api("/$batch").post(await batch.getContent()));
    const statuses = [...batchResponse.getResponses()].map(([id, r]) => [id, r.status]);
    expect(statuses.sort()).toEqual([
      ["1", 201],
      ["2", 201],
      ["3", 201],
      ["4", 201],
      ["5", 201],
    ]);

    // Pages of two through the absolute https nextLink.
    const pages: Json[] = [await client.api(`/sites/root/lists/${list.id}/items`).expand("fields($select=RowKey,Plan)").top(2).get()];
    while (pages[pages.length - 1]["@odata.nextLink"]) {
      const link: string = pages[pages.length - 1]["@odata.nextLink"];
      expect(link.startsWith(`${s.url}/v1.0/`)).toBe(true);
      pages.push(await client.api(link).get());
    }
    expect(pages.map((p) => p.value.length)).toEqual([2, 2, 1]);
    const items = pages.flatMap((p) => p.value as Json[]);
    expect(items.map((i) => i.fields)).toEqual(
      [1, 2, 3, 4, 5].map((n) => ({ "@odata.etag": expect.any(String), id: String(n), RowKey: `k-${n}`, Plan: n * 1.5 })),
    );

    // PATCH with the ETag as read, then again with the now stale one.
    const first = items[0];
    const patched: Json = await client
      .api(`/sites/root/lists/${list.id}/items/${first.id}/fields`)
      .header("If-Match", first.eTag)
      .patch({ Plan: 2 });
    expect(patched.Plan).toBe(2);
    const stale = await client
      .api(`/sites/root/lists/${list.id}/items/${first.id}/fields`)
      .header("If-Match", first.eTag)
      .patch({ Plan: 3 })
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(GraphError);
    expect([(stale as GraphError).statusCode, (stale as GraphError).code]).toEqual([412, "resourceModified"]);

    // Delta: everything, then only what changed.
    let delta: Json = await client.api(`/sites/root/lists/${list.id}/items/delta`).expand("fields($select=RowKey,Plan)").top(3).get();
    const seen: Json[] = [...delta.value];
    while (delta["@odata.nextLink"]) {
      delta = await client.api(delta["@odata.nextLink"]).get();
      seen.push(...delta.value);
    }
    expect(seen.map((i) => i.fields.RowKey)).toEqual(["k-1", "k-2", "k-3", "k-4", "k-5"]);
    const deltaLink: string = delta["@odata.deltaLink"];
    expect(deltaLink.startsWith(`${s.url}/v1.0/`)).toBe(true);
    await client.api(`/sites/root/lists/${list.id}/items/3/fields`).patch({ Plan: 30 });
    const changes: Json = await client.api(deltaLink).get();
    expect(changes.value.map((i: Json) => [i.id, i.fields.Plan])).toEqual([["3", 30]]);

    // An error, as the SDK reports it.
    const missing = await client
      .api("/sites/root/lists/no-such-list/items")
      .get()
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(GraphError);
    expect([(missing as GraphError).statusCode, (missing as GraphError).code]).toEqual([404, "itemNotFound"]);
  });
});
