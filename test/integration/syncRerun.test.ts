/**
 * `annex sync` as people run it, in real processes against a real list server on loopback: the
 * same command twice on the same input, Ctrl-C in the middle and the same command again, a
 * killed process and the same command again, a list edit of a merged lead cell, a deleted list.
 * Whatever happens, the list ends with exactly one item per row.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { generatedSyncAnnex } from "../../bench/syncBench";
import { SAMPLE } from "../helpers/samples";
import { startTestListServer, type TestListServer } from "../helpers/listServer";

type Json = Record<string, any>;

const ROOT = join(__dirname, "../..");
const CLI = join(ROOT, "src/cli/annex.ts");

let s: TestListServer;
let dir: string;

beforeAll(async () => {
  // A little latency per request, as on a LAN, so that a sync of 585 rows takes long enough to interrupt.
  s = await startTestListServer({ latencyMs: 15 });
  dir = mkdtempSync(join(tmpdir(), "annex-rerun-"));
});

afterAll(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const file = (name: string) => join(dir, name);

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/** Start `annex sync` in its own process; `whileRunning` may interrupt it. A list given as a URL is used as it is. */
function annexSync(list: string, args: string[], whileRunning?: (child: ReturnType<typeof spawn>) => void): Promise<Run> {
  const address = /^https?:/.test(list) ? list : `${s.graphUrl}/sites/root/lists/${list}`;
  // node itself (tsx as a loader, not its wrapper process), so that a signal reaches the sync.
  const child = spawn(process.execPath, ["--import", "tsx", CLI, "sync", "--list", address, "--token", s.token, ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (err += d));
  whileRunning?.(child);
  return new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, out, err })));
}

function items(list: string): { id: number; fields: Json }[] {
  const found = s.store.findList(list);
  return found ? s.store.queryItems(found, { afterId: 0, limit: 100_000 }) : [];
}

function distinctKeys(list: string): number {
  return new Set(items(list).map((i) => i.fields.RowKey)).size;
}

/** Interrupt the child once the list holds more than `after` items. */
function interruptAfter(list: string, after: number, signal: NodeJS.Signals): (child: ReturnType<typeof spawn>) => void {
  return (child) => {
    const timer = setInterval(() => {
      if (items(list).length > after) {
        clearInterval(timer);
        child.kill(signal);
      }
    }, 10);
    child.on("close", () => clearInterval(timer));
  };
}

async function writeGeneratedAnnex(path: string, rows: number): Promise<void> {
  const snapshot = generatedSyncAnnex(rows);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(snapshot.sheet);
  snapshot.values.forEach((row, r) => row.forEach((v, c) => v !== null && (ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue)));
  for (const m of snapshot.merges) ws.mergeCells(m.top, m.left, m.bottom, m.right);
  await wb.xlsx.writeFile(path);
}

async function load(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

describe("annex sync run again, interrupted, killed", () => {
  it("the same command twice on the same input leaves the list unchanged (23 items)", async () => {
    const first = await annexSync("Twice", ["--json", SAMPLE, "--out", file("twice.xlsx")]);
    expect(first.err).toBe("");
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toEqual(expect.objectContaining({ created: 23, matched: [] }));
    const before = items("Twice").map((i) => JSON.stringify(i.fields));

    const second = await annexSync("Twice", ["--json", SAMPLE, "--out", file("twice.xlsx")]);
    expect(second.code).toBe(0);
    const report = JSON.parse(second.out);
    expect(report).toEqual(expect.objectContaining({ created: 0, updated: 0, conflicts: [], writeRequests: 0 }));
    expect(report.matched).toHaveLength(23);
    expect(items("Twice")).toHaveLength(23);
    expect(items("Twice").map((i) => JSON.stringify(i.fields))).toEqual(before);

    // The preview says the same before writing anything.
    const preview = await annexSync("Twice", ["--json", "--dry-run", SAMPLE, "--out", file("preview.xlsx")]);
    expect(preview.code).toBe(0);
    expect(JSON.parse(preview.out)).toEqual(expect.objectContaining({ dryRun: true, outboxRemaining: 0, writeRequests: 0 }));
    expect(JSON.parse(preview.out).matched).toHaveLength(23);
    expect(existsSync(file("preview.xlsx"))).toBe(false);
  }, 60_000);

  it("Ctrl-C in the middle, then the same command: exactly one item per row (585)", async () => {
    const input = file("585.xlsx");
    await writeGeneratedAnnex(input, 585);
    const out = file("585.dong-bo.xlsx");
    const stopped = await annexSync("Interrupted", ["--json", input, "--out", out], interruptAfter("Interrupted", 100, "SIGINT"));
    expect(stopped.code).toBe(130);
    expect(stopped.err).toMatch(/Đã dừng đồng bộ giữa chừng/);
    const partial = items("Interrupted").length;
    expect(partial).toBeGreaterThan(100);
    expect(partial).toBeLessThan(585);
    // The batch in flight was finished and saved: the progress is beside the output.
    expect(existsSync(`${out}.dong-bo.json`)).toBe(true);

    const again = await annexSync("Interrupted", ["--json", input, "--out", out]);
    expect(again.err).toBe("");
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out).created).toBe(585 - partial);
    expect(items("Interrupted")).toHaveLength(585);
    expect(distinctKeys("Interrupted")).toBe(585);
    expect(existsSync(`${out}.dong-bo.json`)).toBe(false);

    // And once more: nothing to do.
    const third = await annexSync("Interrupted", ["--json", out, "--out", file("585.3.xlsx")]);
    expect(JSON.parse(third.out)).toEqual(expect.objectContaining({ created: 0, updated: 0, writeRequests: 0 }));
  }, 120_000);

  it("a killed sync (SIGKILL, nothing saved at the end), then the same command: exactly one item per row", async () => {
    const input = file("585k.xlsx");
    await writeGeneratedAnnex(input, 585);
    const out = file("585k.dong-bo.xlsx");
    const killed = await annexSync("Killed", ["--json", input, "--out", out], interruptAfter("Killed", 200, "SIGKILL"));
    expect(killed.signal).toBe("SIGKILL");
    expect(items("Killed").length).toBeLessThan(585);

    const again = await annexSync("Killed", ["--json", input, "--out", out]);
    expect(again.code).toBe(0);
    expect(items("Killed")).toHaveLength(585);
    expect(distinctKeys("Killed")).toBe(585);
  }, 120_000);
});

describe("annex sync and merged cells, deleted lists", () => {
  it("a list edit of a merged lead cell is a conflict naming the merge; the other rows' items stay as they were", async () => {
    const first = await annexSync("Merged", ["--json", SAMPLE, "--out", file("m1.xlsx")]);
    expect(first.code).toBe(0);
    // I35:I36 is one merged lead cell over rows 35 and 36 of the sample.
    const ws = (await load(file("m1.xlsx"))).getWorksheet("Phụ lục")!;
    const key35 = String(ws.getCell(35, 10).value);
    const key36 = String(ws.getCell(36, 10).value);
    const item35 = items("Merged").find((i) => i.fields.RowKey === key35)!;
    const item36Before = items("Merged").find((i) => i.fields.RowKey === key36)!;
    const patch = await s.graph(`/sites/root/lists/Merged/items/${item35.id}/fields`, {
      method: "PATCH",
      body: { Lead: "Sở Công Thương" },
    });
    expect(patch.status).toBe(200);

    const second = await annexSync("Merged", ["--json", file("m1.xlsx"), "--out", file("m2.xlsx")]);
    expect(second.code).toBe(1);
    const report = JSON.parse(second.out);
    expect(report.conflicts).toEqual([
      expect.objectContaining({
        rowKey: key35,
        field: "Lead",
        list: "Sở Công Thương",
        reason: "mergedCell",
        merge: { area: "I35:I36", rows: [35, 36] },
      }),
    ]);
    const text = await annexSync("Merged", [file("m1.xlsx"), "--out", file("m2t.xlsx")]);
    expect(text.out).toMatch(/ô gộp I35:I36 gồm các dòng 35, 36/);
    const third = await annexSync("Merged", ["--json", file("m2.xlsx"), "--out", file("m3.xlsx")]);
    expect(third.code).toBe(1);
    expect(JSON.parse(third.out).writeRequests).toBe(0);
    const m3 = (await load(file("m3.xlsx"))).getWorksheet("Phụ lục")!;
    expect(m3.getCell(35, 9).value).toBe(ws.getCell(35, 9).value);
    expect(items("Merged").find((i) => i.fields.RowKey === key36)!.fields).toEqual(item36Before.fields);
  }, 60_000);

  it("a deleted list is named in one line; --recreate makes it again with the workbook's values", async () => {
    const first = await annexSync("Gone", ["--json", SAMPLE, "--out", file("g1.xlsx")]);
    expect(first.code).toBe(0);
    const list = s.store.findList("Gone")!;
    const del = await s.graph(`/sites/root/lists/${list.id}`, { method: "DELETE" });
    expect(del.status).toBe(204);

    const gone = await annexSync("Gone", ["--json", file("g1.xlsx"), "--out", file("g2.xlsx")]);
    expect(gone.code).toBe(2);
    expect(gone.err.trim().split("\n")).toHaveLength(1);
    expect(gone.err).toMatch(/không còn trên máy chủ.*--recreate/);

    const again = await annexSync("Gone", ["--json", "--recreate", file("g1.xlsx"), "--out", file("g2.xlsx")]);
    expect(again.err).toBe("");
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toEqual(expect.objectContaining({ created: 23, listCreated: true }));
    expect(items("Gone")).toHaveLength(23);
  }, 60_000);
});

describe("annex sync with a list address copied from the browser", () => {
  it("finds the list by its page address (…/Lists/Name/AllItems.aspx), not by creating another", async () => {
    const first = await annexSync("Phụ lục Kế hoạch", ["--json", SAMPLE, "--out", file("a1.xlsx")]);
    expect(first.code).toBe(0);
    const lists = (await (await s.graph("/sites/root/lists?$select=id,name,displayName,webUrl")).json()) as Json;
    const list = lists.value.find((l: Json) => l.displayName === "Phụ lục Kế hoạch");
    const page = `${list.webUrl}/AllItems.aspx`;
    expect(page).toMatch(/\/Lists\/[^/]+\/AllItems\.aspx$/);

    const again = await annexSync(page, ["--json", SAMPLE, "--out", file("a2.xlsx")]);
    expect(again.err).toBe("");
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toEqual(expect.objectContaining({ created: 0, listCreated: false }));
    expect(JSON.parse(again.out).matched).toHaveLength(23);
    expect(items("Phụ lục Kế hoạch")).toHaveLength(23);

    const missing = await annexSync(page.replace(/\/Lists\/[^/]+\//, "/Lists/KhongCo/"), ["--json", SAMPLE, "--out", file("a3.xlsx")]);
    expect(missing.code).toBe(2);
    expect(missing.err.trim().split("\n")).toHaveLength(1);
    expect(missing.err).toMatch(/Không tìm thấy danh sách «KhongCo»/);
  }, 60_000);
});
