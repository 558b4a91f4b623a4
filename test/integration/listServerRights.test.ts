/**
 * Rights on the local list server with a users file: a planner does everything; a department
 * liaison reads everything but changes only the liaison's fields of its own department's items.
 * Every write is in the audit log with its author; items carry their authors' names.
 */
import { OWNER_DESCRIPTION } from "../../src/sync/fields";
import { UserDirectory, sha256Hex } from "../../src/server/users";
import { startTestListServer, TestListServer } from "../helpers/listServer";

type Json = Record<string, any>;

const PLANNER = { name: "Nguyễn Thị Hoa (Sở KH&ĐT)", token: "planner-token-1234", role: "planner" };
const HEALTH = { name: "Trần Văn Nam (Sở Y tế)", token: "health-token-5678", role: "liaison", department: "Sở Y tế" };
const FINANCE_TOKEN = "finance-token-9012";
const FINANCE = { name: "Lê Minh (Sở Tài chính)", tokenSha256: sha256Hex(FINANCE_TOKEN), role: "liaison", department: "SỞ TÀI CHÍNH" };

const planner = { description: OWNER_DESCRIPTION.planner };
const liaison = { description: OWNER_DESCRIPTION.liaison };
const COLUMNS = [
  { name: "RowKey", ...planner, text: {}, indexed: true, enforceUniqueValues: true },
  { name: "Lead", ...planner, text: {} },
  { name: "V_D", displayName: "Kế hoạch 2025", ...planner, number: {} },
  { name: "V_E", displayName: "Ước thực hiện", ...liaison, number: {} },
  { name: "Note", ...liaison, text: { allowMultipleLines: true } },
  { name: "Confirmed", ...liaison, boolean: {} },
  { name: "Extra", text: {} },
];

let s: TestListServer;
let listId: string;
let health: Json; // an item led by Sở Y tế
let finance: Json; // an item led by Sở Tài chính
const started = new Date(Date.now() - 1000).toISOString().slice(0, 19);

const asHealth = { token: HEALTH.token };

async function json(res: Response): Promise<Json> {
  return (await res.json()) as Json;
}

async function expectDenied(res: Response): Promise<void> {
  expect(res.status).toBe(403);
  const body = await json(res);
  expect(body.error.code).toBe("accessDenied");
  expect(typeof body.error.message).toBe("string");
}

const itemPath = (item: Json) => `/sites/root/lists/${listId}/items/${item.id}`;

beforeAll(async () => {
  s = await startTestListServer({ token: PLANNER.token, users: UserDirectory.fromJson([PLANNER, HEALTH, FINANCE]) });
  const list = await s.graph("/sites/root/lists", { method: "POST", body: { displayName: "Phụ lục 2025", columns: COLUMNS } });
  expect(list.status).toBe(201);
  listId = (await json(list)).id;
  const create = async (fields: Json) => json(await s.graph(`/sites/root/lists/${listId}/items`, { method: "POST", body: { fields } }));
  health = await create({ Title: "Số giường bệnh", RowKey: "k-health", Lead: "Sở Y tế.", V_D: 30, V_E: 28 });
  finance = await create({ Title: "Thu ngân sách", RowKey: "k-finance", Lead: "Sở Tài chính", V_D: 9000 });
});

afterAll(async () => {
  await s.close();
});

describe("a department liaison", () => {
  it("changes its own department's estimate, note and confirmation, under its own name", async () => {
    const res = await s.graph(`${itemPath(health)}/fields`, {
      ...asHealth,
      method: "PATCH",
      headers: { "If-Match": health.eTag },
      body: { V_E: 29.5, Note: "Số liệu 9 tháng", Confirmed: true },
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ V_E: 29.5, Note: "Số liệu 9 tháng", Confirmed: true, V_D: 30 });

    const item = await json(await s.graph(itemPath(health), asHealth));
    expect(item.lastModifiedBy.user.displayName).toBe(HEALTH.name);
    expect(item.createdBy.user.displayName).toBe(PLANNER.name);
    health = item;
  });

  it("gets 403 for its item's plan figure, the lead, an untagged column, or any of these mixed with its own fields", async () => {
    for (const body of [{ V_D: 31 }, { Lead: "Sở Tài chính" }, { Extra: "x" }, { V_E: 1, V_D: 31 }, { Title: "Đổi tên" }]) {
      await expectDenied(await s.graph(`${itemPath(health)}/fields`, { ...asHealth, method: "PATCH", body }));
    }
    const after = await json(await s.graph(itemPath(health)));
    expect(after.eTag).toBe(health.eTag); // nothing was written
    expect(after.fields).toMatchObject({ V_D: 30, V_E: 29.5, Lead: "Sở Y tế." });
  });

  it("gets 403 for another department's estimate", async () => {
    await expectDenied(await s.graph(`${itemPath(finance)}/fields`, { ...asHealth, method: "PATCH", body: { V_E: 1 } }));
    expect((await json(await s.graph(itemPath(finance)))).fields).not.toHaveProperty("V_E");
  });

  it("may not create or delete items, columns or lists, nor read the audit log", async () => {
    await expectDenied(await s.graph(itemPath(health), { ...asHealth, method: "DELETE" }));
    await expectDenied(await s.graph(`/sites/root/lists/${listId}`, { ...asHealth, method: "DELETE" }));
    await expectDenied(
      await s.graph(`/sites/root/lists/${listId}/columns`, { ...asHealth, method: "POST", body: { name: "Mine", ...liaison, text: {} } }),
    );
    await expectDenied(
      await s.graph(`/sites/root/lists/${listId}/items`, {
        ...asHealth,
        method: "POST",
        body: { fields: { RowKey: "k-new", Lead: "Sở Y tế" } },
      }),
    );
    await expectDenied(await s.graph("/sites/root/lists", { ...asHealth, method: "POST", body: { displayName: "Của tôi" } }));
    await expectDenied(await s.graph(`/sites/root/lists/${listId}/auditLog`, asHealth));

    const items = await json(await s.graph(`/sites/root/lists/${listId}/items?$expand=fields`, asHealth));
    expect((items.value as Json[]).map((i) => i.fields.RowKey)).toEqual(["k-health", "k-finance"]);
    const columns = await json(await s.graph(`/sites/root/lists/${listId}/columns`, asHealth));
    expect((columns.value as Json[]).map((c) => c.name)).not.toContain("Mine");
    expect((await s.graph(`/sites/root/lists/${listId}`, asHealth)).status).toBe(200);
  });

  it("has each request of a $batch judged on its own", async () => {
    const entry = (id: string, item: Json, body: Json) => ({
      id,
      method: "PATCH",
      url: `${itemPath(item)}/fields`,
      headers: { "Content-Type": "application/json" },
      body,
    });
    const res = await s.graph("/$batch", {
      ...asHealth,
      method: "POST",
      body: {
        requests: [
          entry("own", health, { V_E: 30 }),
          entry("other", finance, { V_E: 1 }),
          entry("plan", health, { V_D: 1 }),
          { id: "delete", method: "DELETE", url: itemPath(finance) },
        ],
      },
    });
    expect(res.status).toBe(200);
    const statuses = Object.fromEntries(((await json(res)).responses as Json[]).map((r) => [r.id, r.status]));
    expect(statuses).toEqual({ own: 200, other: 403, plan: 403, delete: 403 });
    const after = await json(await s.graph(itemPath(health)));
    expect(after.fields).toMatchObject({ V_E: 30, V_D: 30 });
    health = after;
  });

  it("signs in with a token kept only as its SHA-256 hash; departments compare without case", async () => {
    const asFinance = { token: FINANCE_TOKEN };
    const res = await s.graph(`${itemPath(finance)}/fields`, { ...asFinance, method: "PATCH", body: { V_E: 8500 } });
    expect(res.status).toBe(200);
    expect((await json(await s.graph(itemPath(finance)))).lastModifiedBy.user.displayName).toBe(FINANCE.name);
    // The hash itself is not a token.
    expect((await s.graph("/sites/root/lists", { token: FINANCE.tokenSha256 })).status).toBe(401);
  });
});

describe("a planner", () => {
  it("may change any field and delete items; the audit log lists who changed which field of which item, when, from what to what", async () => {
    const plan = await s.graph(`${itemPath(health)}/fields`, { method: "PATCH", headers: { "If-Match": health.eTag }, body: { V_D: 32 } });
    expect(plan.status).toBe(200);
    const extra = await json(
      await s.graph(`/sites/root/lists/${listId}/items`, { method: "POST", body: { fields: { RowKey: "k-gone", Lead: "Sở Y tế" } } }),
    );
    expect((await s.graph(itemPath(extra), { method: "DELETE" })).status).toBe(204);

    const log = await json(await s.graph(`/sites/root/lists/${listId}/auditLog`));
    const rows = log.value as Json[];
    const who = (r: Json) => r.user.displayName;
    for (const r of rows) {
      expect(r.dateTime >= started).toBe(true);
      expect(r.dateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    expect(rows[0]).toMatchObject({ action: "createList", itemId: null, newValue: "Phụ lục 2025" });
    expect(who(rows[0])).toBe(PLANNER.name);
    const healthRows = rows.filter((r) => r.itemId === health.id && r.action === "updateItem");
    expect(healthRows.map((r) => [who(r), r.field, r.oldValue, r.newValue])).toEqual([
      [HEALTH.name, "V_E", 28, 29.5],
      [HEALTH.name, "Note", null, "Số liệu 9 tháng"],
      [HEALTH.name, "Confirmed", null, true],
      [HEALTH.name, "V_E", 29.5, 30],
      [PLANNER.name, "V_D", 30, 32],
    ]);
    // Refused writes left no trace.
    expect(rows.filter((r) => who(r) === HEALTH.name).map((r) => r.field)).toEqual(["V_E", "Note", "Confirmed", "V_E"]);
    expect(rows.filter((r) => r.itemId === finance.id).map((r) => [who(r), r.action, r.field, r.newValue])).toEqual([
      [PLANNER.name, "createItem", "Title", "Thu ngân sách"],
      [PLANNER.name, "createItem", "RowKey", "k-finance"],
      [PLANNER.name, "createItem", "Lead", "Sở Tài chính"],
      [PLANNER.name, "createItem", "V_D", 9000],
      [FINANCE.name, "updateItem", "V_E", 8500],
    ]);
    expect(rows.filter((r) => r.itemId === extra.id && r.action === "deleteItem").map((r) => [r.field, r.oldValue, r.newValue])).toEqual([
      ["RowKey", "k-gone", null],
      ["Lead", "Sở Y tế", null],
    ]);

    const firstPage = await json(await s.graph(`/sites/root/lists/${listId}/auditLog?$top=3`));
    expect(firstPage.value).toEqual(rows.slice(0, 3));
    const second = await json(await s.graph(firstPage["@odata.nextLink"]));
    expect(second.value).toEqual(rows.slice(3, 6));
  });
});

describe("without a users file", () => {
  it("the single --token acts as a planner", async () => {
    const dev = await startTestListServer();
    try {
      const res = await dev.graph("/sites/root/lists", {
        method: "POST",
        body: { displayName: "Dev", columns: [{ name: "K", text: {} }] },
      });
      expect(res.status).toBe(201);
      const list = await json(res);
      const item = await json(await dev.graph(`/sites/root/lists/${list.id}/items`, { method: "POST", body: { fields: { K: "a" } } }));
      expect(item.createdBy.user.displayName).toBe("Người lập kế hoạch (dev token)");
      expect((await dev.graph(`/sites/root/lists/${list.id}/auditLog`)).status).toBe(200);
    } finally {
      await dev.close();
    }
  });
});
