/**
 * The local list server refuses what Microsoft Graph refuses, with Graph's status and error code,
 * so a client that passes here does not meet new errors on SharePoint.
 */
import { startTestListServer, TestListServer } from "../helpers/listServer";

type Json = Record<string, any>;

let s: TestListServer;
let listId: string;

const COLUMNS = [
  { name: "RowKey", text: {}, indexed: true },
  { name: "Plan", number: {} },
  { name: "Confirmed", boolean: {} },
];

beforeAll(async () => {
  s = await startTestListServer();
  const res = await s.graph("/sites/root/lists", { method: "POST", body: { displayName: "Phụ lục Kế hoạch", columns: COLUMNS } });
  expect(res.status).toBe(201);
  listId = ((await res.json()) as Json).id;
});

afterAll(async () => {
  await s.close();
});

async function errorOf(res: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await res.json()) as Json;
  return { status: res.status, code: body.error.code, message: body.error.message };
}

async function newItem(fields: Json = { RowKey: `k-${Math.random()}`, Plan: 10 }): Promise<Json> {
  const res = await s.graph(`/sites/root/lists/${listId}/items`, { method: "POST", body: { fields } });
  expect(res.status).toBe(201);
  return (await res.json()) as Json;
}

async function current(id: string): Promise<Json> {
  return (await (await s.graph(`/sites/root/lists/${listId}/items/${id}`)).json()) as Json;
}

describe("a list is found by its id or its title only", () => {
  it("answers 404 for the URL name of a list titled in Vietnamese, and finds it by title and by id", async () => {
    const lists = (await (await s.graph("/sites/root/lists")).json()) as Json;
    const list = (lists.value as Json[]).find((l) => l.id === listId) as Json;
    expect(list.name).toBe("PhulucKehoach");

    const byUrlName = await s.graph("/sites/root/lists/PhulucKehoach");
    expect(await errorOf(byUrlName)).toMatchObject({ status: 404, code: "itemNotFound" });
    const byTitle = await s.graph(`/sites/root/lists/${encodeURIComponent("Phụ lục Kế hoạch")}`);
    expect(byTitle.status).toBe(200);
    expect(((await byTitle.json()) as Json).id).toBe(listId);
    expect((await s.graph(`/sites/root/lists/${listId}`)).status).toBe(200);
  });
});

describe("If-Match takes a quoted ETag or *", () => {
  it.each([
    ["an unquoted", (etag: string) => etag.slice(1, -1)],
    ["a weak", (etag: string) => `W/${etag}`],
    ["a brace-less", (etag: string) => etag.replace("{", "").replace("}", "")],
  ])("answers 400 malformedEntityTag for %s ETag and writes nothing", async (_kind, mangle) => {
    const item = await newItem();
    const etag = item.eTag as string;
    expect(etag).toMatch(/^"\{[0-9A-F-]{36}\},1"$/);
    const patch = await s.graph(`/sites/root/lists/${listId}/items/${item.id}/fields`, {
      method: "PATCH",
      headers: { "If-Match": mangle(etag) },
      body: { Plan: 99 },
    });
    expect(await errorOf(patch)).toMatchObject({ status: 400, code: "malformedEntityTag" });
    const del = await s.graph(`/sites/root/lists/${listId}/items/${item.id}`, { method: "DELETE", headers: { "If-Match": mangle(etag) } });
    expect(await errorOf(del)).toMatchObject({ status: 400, code: "malformedEntityTag" });
    const after = await current(item.id);
    expect(after.eTag).toBe(etag);
    expect(after.fields.Plan).toBe(10);
  });

  it("accepts the quoted ETag as Graph returned it, and *", async () => {
    const item = await newItem();
    const exact = await s.graph(`/sites/root/lists/${listId}/items/${item.id}/fields`, {
      method: "PATCH",
      headers: { "If-Match": item.eTag },
      body: { Plan: 11 },
    });
    expect(exact.status).toBe(200);
    const star = await s.graph(`/sites/root/lists/${listId}/items/${item.id}/fields`, {
      method: "PATCH",
      headers: { "If-Match": "*" },
      body: { Plan: 12 },
    });
    expect(star.status).toBe(200);
    expect((await current(item.id)).fields.Plan).toBe(12);
  });
});

describe("field values have the column's JSON type", () => {
  it("answers 400 invalidRequest for the text '42' in a number column and 'true' in a boolean column", async () => {
    for (const fields of [{ Plan: "42" }, { Confirmed: "true" }, { Confirmed: 1 }]) {
      const res = await s.graph(`/sites/root/lists/${listId}/items`, { method: "POST", body: { fields: { RowKey: "typed", ...fields } } });
      const err = await errorOf(res);
      expect(err).toMatchObject({ status: 400, code: "invalidRequest" });
      expect(err.message).toMatch(/^Cannot convert the literal '(42|true|1)' .* to the expected type 'Edm\.(Double|Boolean)'\.$/);
    }
    const item = await newItem();
    const patch = await s.graph(`/sites/root/lists/${listId}/items/${item.id}/fields`, { method: "PATCH", body: { Plan: "42" } });
    expect(await errorOf(patch)).toMatchObject({ status: 400, code: "invalidRequest" });
    expect((await current(item.id)).fields.Plan).toBe(10);

    const ok = await s.graph(`/sites/root/lists/${listId}/items/${item.id}/fields`, {
      method: "PATCH",
      body: { Plan: 42, Confirmed: true },
    });
    expect(ok.status).toBe(200);
    expect((await ok.json()) as Json).toMatchObject({ Plan: 42, Confirmed: true });
  });

  it("judges a batch entry the same way", async () => {
    const item = await newItem();
    const res = await s.graph("/$batch", {
      method: "POST",
      body: {
        requests: [
          {
            id: "1",
            method: "PATCH",
            url: `/sites/root/lists/${listId}/items/${item.id}/fields`,
            headers: { "Content-Type": "application/json" },
            body: { Plan: "7" },
          },
        ],
      },
    });
    expect(res.status).toBe(200);
    const entry = ((await res.json()) as Json).responses[0];
    expect(entry.status).toBe(400);
    expect(entry.body.error.code).toBe("invalidRequest");
  });
});

describe("a write says its body is JSON", () => {
  it("answers 400 without a Content-Type and 415 with another media type, and writes nothing", async () => {
    const item = await newItem();
    const url = `${s.graphUrl}/sites/root/lists/${listId}/items/${item.id}/fields`;
    const body = JSON.stringify({ Plan: 5 });
    // A Blob without a type is how fetch sends a body with no Content-Type at all.
    const none = await fetch(url, { method: "PATCH", headers: { Authorization: `Bearer ${s.token}` }, body: new Blob([body]) });
    const noneError = await errorOf(none);
    expect(noneError).toMatchObject({ status: 400, code: "BadRequest" });
    expect(noneError.message).toContain("Content-Type");
    const text = await fetch(url, { method: "PATCH", headers: { Authorization: `Bearer ${s.token}`, "Content-Type": "text/plain" }, body });
    expect(await errorOf(text)).toMatchObject({ status: 415, code: "UnsupportedMediaType" });
    const post = await fetch(`${s.graphUrl}/sites/root/lists/${listId}/items`, {
      method: "POST",
      headers: { Authorization: `Bearer ${s.token}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: JSON.stringify({ fields: { RowKey: "form" } }),
    });
    expect(post.status).toBe(415);
    await post.arrayBuffer();
    expect((await current(item.id)).fields.Plan).toBe(10);

    const charset = await fetch(url, {
      method: "PATCH",
      headers: { Authorization: `Bearer ${s.token}`, "Content-Type": "application/json; charset=utf-8" },
      body,
    });
    expect(charset.status).toBe(200);
    await charset.arrayBuffer();
  });
});

describe("links", () => {
  it("builds nextLink and deltaLink from --public-url when one is given", async () => {
    const behindProxy = await startTestListServer({ publicUrl: "https://khdt.example.vn:8443/" });
    try {
      const list = (await (
        await behindProxy.graph("/sites/root/lists", { method: "POST", body: { displayName: "Links", columns: [{ name: "K", text: {} }] } })
      ).json()) as Json;
      for (let i = 0; i < 3; i++) behindProxy.store.createItem(list.id, { K: `k${i}` });
      const page = (await (await behindProxy.graph(`/sites/root/lists/${list.id}/items?$top=2`)).json()) as Json;
      expect(page["@odata.nextLink"]).toMatch(new RegExp(`^https://khdt\\.example\\.vn:8443/v1\\.0/sites/root/lists/${list.id}/items\\?`));
      const delta = (await (await behindProxy.graph(`/sites/root/lists/${list.id}/items/delta?token=latest`)).json()) as Json;
      expect(delta["@odata.deltaLink"]).toMatch(/^https:\/\/khdt\.example\.vn:8443\/v1\.0\/.*\/items\/delta\?token=/);
    } finally {
      await behindProxy.close();
    }
  });
});
