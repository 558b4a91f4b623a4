/**
 * `annex sync` against the local list server, with the sample annex: first push, a sync with
 * nothing to do, renumbering and renaming, an inserted row, a liaison's edit, a conflict, a
 * formula-looking text, a deleted item, If-Match with a concurrent edit, and bad input.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { areaAddress, parseAreaAddress, recognizeTables } from "../../src/annex";
import { runSync } from "../../src/cli/syncCommand";
import { GraphClient, syncAnnex, type FetchLike } from "../../src/sync";
import { sheetSnapshot } from "../../src/xlsx/readWorkbook";
import { readSyncState, writeSyncState } from "../../src/xlsx/syncStore";
import { startTestListServer, type TestListServer } from "../helpers/listServer";

type Json = Record<string, any>;

const SAMPLE = join(__dirname, "../../samples/phu-luc-tang-truong-2020.xlsx");
const SHEET = "Phụ lục";
const KEY_COLUMN = 10; // J: first free column right of A:I

let s: TestListServer;
let dir: string;
let listUrl: string;

beforeAll(async () => {
  s = await startTestListServer();
  dir = mkdtempSync(join(tmpdir(), "annex-sync-test-"));
  listUrl = `${s.graphUrl}/sites/root/lists/Annex`;
});

afterAll(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const file = (name: string) => join(dir, name);

async function cli(args: string[]): Promise<{ code: number; out: string; err: string; json: Json }> {
  let out = "";
  let err = "";
  const code = await runSync(
    args,
    (t) => (out += t + "\n"),
    (t) => (err += t + "\n"),
    {},
  );
  let json: Json = {};
  try {
    json = JSON.parse(out);
  } catch {
    // text output
  }
  return { code, out, err, json };
}

const sync = (input: string, output: string, ...extra: string[]) =>
  cli(["--list", listUrl, "--token", s.token, "--json", input, "--out", output, ...extra]);

async function load(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

async function edit(input: string, output: string, change: (ws: ExcelJS.Worksheet) => void): Promise<void> {
  const wb = await load(input);
  change(wb.getWorksheet(SHEET)!);
  await wb.xlsx.writeFile(output);
}

function rowOf(ws: ExcelJS.Worksheet, title: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 2).value === title) return r;
  throw new Error(`No row titled ${title}`);
}

async function keyOf(path: string, title: string): Promise<string> {
  const ws = (await load(path)).getWorksheet(SHEET)!;
  return String(ws.getCell(rowOf(ws, title), KEY_COLUMN).value);
}

function listItems(): { id: number; fields: Json }[] {
  const list = s.store.requireList("Annex");
  return s.store.queryItems(list, { afterId: 0, limit: 10_000 });
}

async function itemByKey(key: string): Promise<Json> {
  const res = await s.graph(`/sites/root/lists/Annex/items?$filter=${encodeURIComponent(`fields/RowKey eq '${key}'`)}&$expand=fields`);
  const body = (await res.json()) as Json;
  expect(body.value).toHaveLength(1);
  return body.value[0];
}

async function patchItem(key: string, fields: Json): Promise<void> {
  const item = await itemByKey(key);
  const res = await s.graph(`/sites/root/lists/Annex/items/${item.id}/fields`, { method: "PATCH", body: fields });
  expect(res.status).toBe(200);
}

/** Insert a row the way Excel does: merges at or below it move down, merges across it grow. */
function insertRow(ws: ExcelJS.Worksheet, at: number, values: ExcelJS.CellValue[]): void {
  const merges = (ws.model.merges as string[]).map(parseAreaAddress).filter((m) => m.bottom >= at);
  for (const m of merges) ws.unMergeCells(areaAddress(m));
  ws.insertRow(at, values);
  for (const m of merges) ws.mergeCells(m.top >= at ? m.top + 1 : m.top, m.left, m.bottom + 1, m.right);
}

const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

describe("annex sync with the sample annex", () => {
  it("pushes the sample: one item per non-section data row (26 data rows − 3 sections = 23)", async () => {
    const before = sha(SAMPLE);
    const r = await sync(SAMPLE, file("1.xlsx"));
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.json).toEqual(
      expect.objectContaining({ created: 23, updated: 0, pulled: 0, conflicts: [], listCreated: true, keysAssigned: 23 }),
    );
    expect(r.json.requests).toBeLessThanOrEqual(6);
    const items = listItems();
    expect(items).toHaveLength(23);
    expect(new Set(items.map((i) => i.fields.RowKey)).size).toBe(23);
    expect(sha(SAMPLE)).toBe(before); // the input is never modified

    // The written workbook carries a hidden key column and its state in a veryHidden sheet.
    const wb = await load(file("1.xlsx"));
    const ws = wb.getWorksheet(SHEET)!;
    expect(ws.getColumn(KEY_COLUMN).hidden).toBe(true);
    expect(ws.getCell(6, KEY_COLUMN).value).toBe("Mã đồng bộ");
    expect(wb.getWorksheet("_annex_sync")!.state).toBe("veryHidden");
    const state = readSyncState(wb)!;
    expect(Object.keys(state.rows)).toHaveLength(23);
    expect(state.outbox).toEqual([]);
    // The table the annex engine recognises is unchanged by the key column.
    const table = recognizeTables(sheetSnapshot(ws))[0];
    expect(table.range.right).toBe(9);

    const row12 = await itemByKey(await keyOf(file("1.xlsx"), "Tổng sản lượng thủy sản"));
    expect(row12.fields).toEqual(
      expect.objectContaining({ Title: "Tổng sản lượng thủy sản", Ordinal: "2", Unit: "Tấn", V_D: 755000, Section: "Khu vực I" }),
    );
  });

  it("a second sync with nothing changed makes no writes", async () => {
    const changeNo = s.store.currentChangeNo();
    const r = await sync(file("1.xlsx"), file("2.xlsx"));
    expect(r.code).toBe(0);
    expect(r.json).toEqual(expect.objectContaining({ created: 0, updated: 0, pulled: 0, writeRequests: 0, conflicts: [] }));
    expect(r.json.requests).toBe(1); // one delta read
    expect(s.store.currentChangeNo()).toBe(changeNo);
  });

  it("renumbering rows and renaming an indicator updates items and creates no duplicate", async () => {
    const fisheriesKey = await keyOf(file("2.xlsx"), "Tổng sản lượng thủy sản");
    const investmentKey = await keyOf(file("2.xlsx"), "Tổng vốn đầu tư toàn xã hội");
    await edit(file("2.xlsx"), file("2b.xlsx"), (ws) => {
      ws.getCell(rowOf(ws, "Tổng sản lượng thủy sản"), 1).value = "7";
      ws.getCell(rowOf(ws, "Tổng vốn đầu tư toàn xã hội"), 2).value = "Tổng vốn đầu tư phát triển toàn xã hội";
    });
    const r = await sync(file("2b.xlsx"), file("3.xlsx"));
    expect(r.code).toBe(0);
    expect(r.json).toEqual(expect.objectContaining({ created: 0, updated: 2, conflicts: [] }));
    expect(listItems()).toHaveLength(23);
    expect((await itemByKey(fisheriesKey)).fields.Ordinal).toBe("7");
    expect((await itemByKey(investmentKey)).fields.Title).toBe("Tổng vốn đầu tư phát triển toàn xã hội");
  });

  it("inserting a new row in the middle creates exactly one item", async () => {
    await edit(file("3.xlsx"), file("3b.xlsx"), (ws) => {
      insertRow(ws, rowOf(ws, "Thu ngân sách trên địa bàn"), [
        "3",
        "Thu phí, lệ phí",
        "Tỷ đồng",
        500,
        300,
        450,
        null,
        null,
        "Sở Tài chính",
      ]);
    });
    const r = await sync(file("3b.xlsx"), file("4.xlsx"));
    expect(r.code).toBe(0);
    expect(r.json).toEqual(expect.objectContaining({ created: 1, updated: 0, keysAssigned: 1, conflicts: [] }));
    expect(listItems()).toHaveLength(24);
    const item = await itemByKey(await keyOf(file("4.xlsx"), "Thu phí, lệ phí"));
    expect(item.fields).toEqual(
      expect.objectContaining({ Ordinal: "3", V_D: 500, V_E: 300, V_F: 450, Lead: "Sở Tài chính", Section: "Khu vực II" }),
    );
  });

  it("pulls a liaison's edit made through the API into the right cell", async () => {
    const key = await keyOf(file("4.xlsx"), "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ");
    await patchItem(key, { V_E: 61234.5, Note: "Số liệu Cục Thống kê" });
    const r = await sync(file("4.xlsx"), file("5.xlsx"));
    expect(r.code).toBe(0);
    expect(r.json).toEqual(expect.objectContaining({ created: 0, updated: 0, pulled: 2, writeRequests: 0, conflicts: [] }));
    const ws = (await load(file("5.xlsx"))).getWorksheet(SHEET)!;
    const row = rowOf(ws, "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ");
    expect(ws.getCell(row, 5).value).toBe(61234.5); // column E, a number
    expect(ws.getCell(row - 1, 5).value).not.toBe(61234.5);
    // The sample has no note column: the liaison's note is kept in the sync state.
    const state = readSyncState(await load(file("5.xlsx")))!;
    const noteAt = state.fields.indexOf("Note");
    expect(state.rows[key].b[noteAt]).toBe("Số liệu Cục Thống kê");
  });

  it("reports the same field changed on both sides as a conflict and loses neither value", async () => {
    const title = "Tổng lượt khách du lịch";
    const key = await keyOf(file("5.xlsx"), title);
    await edit(file("5.xlsx"), file("5b.xlsx"), (ws) => {
      ws.getCell(rowOf(ws, title), 6).value = 11.5;
    });
    await patchItem(key, { V_F: 22.5 });
    const r = await sync(file("5b.xlsx"), file("6.xlsx"));
    expect(r.code).toBe(1);
    expect(r.json.conflicts).toEqual([
      expect.objectContaining({
        rowKey: key,
        field: "V_F",
        workbook: 11.5,
        list: 22.5,
        owner: "liaison",
        cell: expect.stringMatching(/^F\d+$/),
      }),
    ]);
    expect(r.json.writeRequests).toBe(0);
    const ws = (await load(file("6.xlsx"))).getWorksheet(SHEET)!;
    expect(ws.getCell(rowOf(ws, title), 6).value).toBe(11.5);
    expect((await itemByKey(key)).fields.V_F).toBe(22.5);

    // Still a conflict on the next sync (the list's value is remembered), until someone chooses.
    const again = await sync(file("6.xlsx"), file("6b.xlsx"));
    expect(again.code).toBe(1);
    expect(again.json.conflicts).toHaveLength(1);

    const text = await cli(["--list", listUrl, "--token", s.token, file("6.xlsx"), "--out", file("6c.xlsx")]);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/Xung đột cần người chọn: 1/);
    expect(text.out).toMatch(/sổ tính 11\.5; danh sách 22\.5/);

    const resolved = await sync(file("6.xlsx"), file("7.xlsx"), "--resolve", `${key}:V_F=list`);
    expect(resolved.code).toBe(0);
    expect(resolved.json).toEqual(expect.objectContaining({ pulled: 1, conflicts: [], writeRequests: 0 }));
    const ws7 = (await load(file("7.xlsx"))).getWorksheet(SHEET)!;
    expect(ws7.getCell(rowOf(ws7, title), 6).value).toBe(22.5);
  });

  it("writes a list value that looks like a formula as text, never as a formula", async () => {
    const key = await keyOf(file("7.xlsx"), "Xuất khẩu hàng hóa");
    const link = '=HYPERLINK("http://x","y")';
    await patchItem(key, { Title: link, Unit: "+ USD" });
    // Name and unit are the planner's: the list's change waits for the planner's choice.
    const held = await sync(file("7.xlsx"), file("7b.xlsx"));
    expect(held.code).toBe(1);
    expect(held.json.pulled).toBe(0);
    expect(held.json.conflicts).toEqual([
      expect.objectContaining({ rowKey: key, field: "Title", reason: "listChangedPlannerField", list: link }),
      expect.objectContaining({ rowKey: key, field: "Unit", reason: "listChangedPlannerField", list: "+ USD" }),
    ]);
    expect(held.json.writeRequests).toBe(0);
    const r = await sync(file("7.xlsx"), file("8.xlsx"), "--resolve", `${key}:Title=list`, "--resolve", `${key}:Unit=list`);
    expect(r.code).toBe(0);
    expect(r.json.pulled).toBe(2);
    const wb = await load(file("8.xlsx"));
    const ws = wb.getWorksheet(SHEET)!;
    const row = rowOf(ws, link);
    const cell = ws.getCell(row, 2);
    expect(cell.value).toBe(link);
    expect(typeof cell.value).toBe("string");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(ws.getCell(row, 3).value).toBe("+ USD");
    // Read back, it is the same text: nothing to push.
    const again = await sync(file("8.xlsx"), file("9.xlsx"));
    expect(again.json).toEqual(expect.objectContaining({ created: 0, updated: 0, pulled: 0, writeRequests: 0 }));
  });

  it("reports an item deleted in the list and does not re-create it", async () => {
    const key = await keyOf(file("9.xlsx"), "Vận tải hàng hóa");
    const item = await itemByKey(key);
    const del = await s.graph(`/sites/root/lists/Annex/items/${item.id}`, { method: "DELETE" });
    expect(del.status).toBe(204);
    const r = await sync(file("9.xlsx"), file("10.xlsx"));
    expect(r.code).toBe(0);
    expect(r.json.created).toBe(0);
    expect(r.json.deletedRemotely).toEqual([expect.objectContaining({ rowKey: key, itemId: item.id, title: "Vận tải hàng hóa" })]);
    expect(listItems()).toHaveLength(23);
    const again = await sync(file("10.xlsx"), file("11.xlsx"));
    expect(again.json.created).toBe(0);
    expect(again.json.deletedRemotely).toHaveLength(1);
  });

  it("starts over with a full read when the delta link has expired (410), without duplicating anything", async () => {
    const wb = await load(file("11.xlsx"));
    const state = readSyncState(wb)!;
    expect(state.deltaLink).toMatch(/token=/);
    state.deltaLink = state.deltaLink!.replace(/token=[^&]+/, "token=expired");
    writeSyncState(wb, state);
    await wb.xlsx.writeFile(file("11b.xlsx"));
    const r = await sync(file("11b.xlsx"), file("12.xlsx"));
    expect(r.code).toBe(0);
    expect(r.json).toEqual(expect.objectContaining({ fullRead: true, created: 0, updated: 0, pulled: 0, writeRequests: 0 }));
    expect(r.json.deletedRemotely).toHaveLength(1); // still the one deleted item, still not re-created
    expect(listItems()).toHaveLength(23);
    expect(readSyncState(await load(file("12.xlsx")))!.deltaLink).not.toMatch(/token=expired/);
  });

  it("refuses bad input with exit 2 and one line", async () => {
    const same = await cli(["--list", listUrl, "--token", s.token, file("1.xlsx"), "--out", file("1.xlsx")]);
    expect(same.code).toBe(2);
    expect(same.err.trim().split("\n")).toHaveLength(1);
    expect((await cli(["--token", s.token, file("1.xlsx")])).code).toBe(2);
    expect((await cli(["--list", "not a url", "--token", s.token, file("1.xlsx")])).code).toBe(2);
    expect((await cli(["--list", listUrl, file("1.xlsx"), "--out", file("x.xlsx")])).code).toBe(2); // no token
    expect((await cli(["--list", listUrl, "--token", s.token, file("missing.xlsx"), "--out", file("x.xlsx")])).code).toBe(2);

    const wrongToken = await cli(["--list", listUrl, "--token", "wrong", file("1.xlsx"), "--out", file("x.xlsx")]);
    expect(wrongToken.code).toBe(2);
    expect(wrongToken.err).toMatch(/đăng nhập/);
    expect(wrongToken.err.trim().split("\n")).toHaveLength(1);

    const closed = await startTestListServer();
    const deadUrl = `${closed.graphUrl}/sites/root/lists/Annex`;
    await closed.close();
    const unreachable = await cli(["--list", deadUrl, "--token", s.token, file("1.xlsx"), "--out", file("x.xlsx")]);
    expect(unreachable.code).toBe(2);
    expect(unreachable.err).toMatch(/Không kết nối/);
  });
});

describe("sync engine against the server: If-Match and a concurrent edit", () => {
  it("sends If-Match on every update; a 412 re-reads the item and merges again instead of overwriting", async () => {
    const wb = await load(SAMPLE);
    let snapshot = sheetSnapshot(wb.getWorksheet(SHEET)!);
    const location = { site: "root", list: "Annex412" };
    let n = 0;
    const newId = () => `k412-${++n}`;
    const seen: Json[] = [];
    let concurrentEdit: (() => void) | null = null;
    const fetch: FetchLike = async (url, init) => {
      if (url.endsWith("/$batch") && init.body) {
        const body = JSON.parse(init.body) as Json;
        const patches = (body.requests as Json[]).filter((e) => e.method === "PATCH");
        seen.push(...patches);
        if (patches.length && concurrentEdit) {
          concurrentEdit();
          concurrentEdit = null;
        }
      }
      return globalThis.fetch(url, init);
    };
    const client = new GraphClient({ baseUrl: s.graphUrl, getToken: async () => s.token, fetch });
    const first = await syncAnnex({ client, location, snapshot, table: recognizeTables(snapshot)[0], newId });
    expect(first.report.created).toBe(23);
    const { applyWritesToSnapshot } = await import("../../src/sync");
    snapshot = applyWritesToSnapshot(snapshot, first.writes);

    // The planner changes the plan of row 17 (column D); meanwhile a liaison changes its estimate (V_E).
    snapshot.values[17 - 1][4 - 1] = 49000;
    const key = first.state.rows
      ? Object.keys(first.state.rows).find((k) => first.state.rows[k].b[0] === "Tổng vốn đầu tư toàn xã hội")!
      : "";
    const listId = first.state.list.id!;
    const itemId = Number(first.state.rows[key].i);
    concurrentEdit = () => s.store.updateItemFields(listId, itemId, { V_E: 33333 });

    const second = await syncAnnex({ client, location, snapshot, table: recognizeTables(snapshot)[0], state: first.state, newId });
    expect(seen.length).toBe(2); // the first PATCH got 412, the second went through
    for (const entry of seen) expect(entry.headers["If-Match"]).toMatch(/^"\{[0-9A-F-]{36}\},\d+"$/);
    expect(seen[1].headers["If-Match"]).not.toBe(seen[0].headers["If-Match"]);
    expect(second.report).toEqual(expect.objectContaining({ updated: 1, pulled: 1, conflicts: [] }));
    expect(second.writes).toEqual([expect.objectContaining({ cell: "E17", value: 33333, purpose: "pull" })]);
    const item = s.store.getItem(listId, itemId)!;
    expect(item.fields).toEqual(expect.objectContaining({ V_D: 49000, V_E: 33333 }));
  });
});

describe("sync engine against the server: an interrupted sync resumes", () => {
  /**
   * The second batch of creates is cut off — after the server applied it, or before — and then
   * the network is gone. The sync stops with its outbox saved (checkpoint); the next sync with
   * that state finishes without duplicating anything.
   */
  it.each([
    ["after the server applied the batch", "after"],
    ["before the batch reached the server", "before"],
  ] as const)("when the connection drops %s", async (_label, when) => {
    const list = `Resume-${when}`;
    const wb = await load(SAMPLE);
    let snapshot = sheetSnapshot(wb.getWorksheet(SHEET)!);
    let n = 0;
    const newId = () => `${when}-${++n}`;
    let offline = false;
    let postBatches = 0;
    const dropped = () => Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } });
    const fetch: FetchLike = async (url, init) => {
      if (offline) throw dropped();
      if (url.endsWith("/$batch") && init.body?.includes('"method":"POST"') && ++postBatches === 2) {
        if (when === "after") await globalThis.fetch(url, init);
        offline = true;
        throw dropped();
      }
      return globalThis.fetch(url, init);
    };
    const client = new GraphClient({ baseUrl: s.graphUrl, getToken: async () => s.token, fetch, baseDelayMs: 1, maxDelayMs: 2 });
    const saved: unknown[] = [];
    const first = await syncAnnex({
      client,
      location: { site: "root", list },
      snapshot,
      table: recognizeTables(snapshot)[0],
      newId,
      checkpoint: (st) => {
        saved.push(st);
      },
    });
    expect(first.report.interrupted).toEqual(expect.objectContaining({ status: 0, stage: "write" }));
    expect(first.report.created).toBe(20);
    expect(first.report.outboxRemaining).toBe(3);
    expect(first.state.outbox.every((e) => e.op === "create" && e.uncertain)).toBe(true);
    expect(saved.length).toBeGreaterThan(0);
    const serverCount = () => s.store.countItems(s.store.requireList(list).id);
    expect(serverCount()).toBe(when === "after" ? 23 : 20);

    const { applyWritesToSnapshot } = await import("../../src/sync");
    snapshot = applyWritesToSnapshot(snapshot, first.writes);
    offline = false;
    const resumed = await syncAnnex({
      client,
      location: { site: "root", list },
      snapshot,
      table: recognizeTables(snapshot)[0],
      state: first.state,
      newId,
    });
    expect(resumed.report.interrupted).toBeNull();
    expect(resumed.report.outboxRemaining).toBe(0);
    expect(resumed.report.created).toBe(3);
    expect(resumed.report.recovered).toBe(when === "after" ? 3 : 0);
    // "after": the delta shows the three items, adopted by key; "before": looked up by key, not found, posted.
    expect(resumed.report.lookups).toBe(when === "after" ? 0 : 3);
    expect(resumed.report.conflicts).toEqual([]);
    expect(serverCount()).toBe(23);
    const items = s.store.queryItems(s.store.requireList(list), { afterId: 0, limit: 100 });
    expect(new Set(items.map((i) => i.fields.RowKey)).size).toBe(23);
    // Nothing left: a further sync writes nothing.
    const quiet = await syncAnnex({
      client,
      location: { site: "root", list },
      snapshot,
      table: recognizeTables(snapshot)[0],
      state: resumed.state,
      newId,
    });
    expect(quiet.report).toEqual(expect.objectContaining({ created: 0, updated: 0, pulled: 0, writeRequests: 0 }));
  });
});
