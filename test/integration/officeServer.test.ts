/**
 * The office server (`npm run serve`): one HTTPS process serving the pane's build, `/health` and the
 * list API; its data folder backed up while it runs and restored once it is stopped; the refusals
 * of the command line. The server runs as a child process, as an office would start it.
 */
import { ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { version } from "../../package.json";
import { restoreDataDir } from "../../src/server/backup";
import { startTestListServer } from "../helpers/listServer";
import { makeSelfSignedCert, trustingFetch, type TestCert } from "../helpers/tls";

type Json = Record<string, any>;

const ROOT = join(__dirname, "../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");
const MAIN = join(ROOT, "src/server/main.ts");
const PLANNER_TOKEN = "office-planner-token";
const PANE_HTML = "<!doctype html><html><head><title>Trợ lý Phụ lục</title></head><body><div id=root></div></body></html>";

let dir: string;
let cert: TestCert;
let usersFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "office-server-test-"));
  cert = makeSelfSignedCert();
  usersFile = join(dir, "users.json");
  writeFileSync(usersFile, JSON.stringify([{ name: "Phòng Tổng hợp", token: PLANNER_TOKEN, role: "planner" }]));
  mkdirSync(join(dir, "dist"));
  writeFileSync(join(dir, "dist", "taskpane.html"), PANE_HTML);
  writeFileSync(join(dir, "dist", "taskpane.js"), "console.log('pane');");
  writeFileSync(join(dir, "secret.txt"), "outside the site");
});

afterAll(() => {
  cert.remove();
  rmSync(dir, { recursive: true, force: true });
});

/** Run the CLI to its end. */
function runCli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [MAIN, ...args], { cwd: dir, env: { ...process.env, LIST_SERVER_TOKEN: "" } });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

/** Start a server with the CLI; resolves with its origin once it listens. */
function startCli(args: string[]): Promise<{ child: ChildProcess; origin: string; stop(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [MAIN, ...args], { cwd: dir, env: { ...process.env, LIST_SERVER_TOKEN: "" } });
    let out = "";
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /at (https?:\/\/[^\s]+)\/v1\.0/.exec(out);
      if (m) {
        const stopped = new Promise<void>((r) => child.once("exit", () => r()));
        resolve({ child, origin: m[1], stop: () => (child.kill("SIGTERM"), stopped) });
      }
    });
    child.on("exit", (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
}

describe("the office server", () => {
  it("serves the pane, /health and the list API on one HTTPS port; backs up while it runs; restores when stopped", async () => {
    const data = join(dir, "data");
    const server = await startCli([
      "serve",
      "--port",
      "0",
      "--dist",
      "dist",
      "--data",
      data,
      "--users",
      usersFile,
      "--cert",
      cert.certFile,
      "--key",
      cert.keyFile,
      "--quiet",
    ]);
    const get = trustingFetch(cert.cert);
    const auth = { Authorization: `Bearer ${PLANNER_TOKEN}`, "Content-Type": "application/json" };
    try {
      expect(server.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const first = await get(`${server.origin}/health`);
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ ok: true, version, lists: 0, items: 0 });

      const pane = await get(`${server.origin}/taskpane.html`);
      expect(pane.status).toBe(200);
      expect(pane.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(await pane.text()).toBe(PANE_HTML);
      const root = await get(`${server.origin}/`);
      expect([root.status, root.headers.get("location")]).toEqual([302, "/taskpane.html"]);
      await root.arrayBuffer();
      for (const path of ["/../secret.txt", "/%2e%2e/secret.txt", "/missing.js"]) {
        const res = await get(`${server.origin}${path}`);
        expect([path, res.status]).toEqual([path, 401]); // not a file of the site: the API answers, and wants a token
        await res.arrayBuffer();
      }

      const created = await get(`${server.origin}/v1.0/sites/root/lists`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({
          displayName: "PhuLuc",
          columns: [
            { name: "RowKey", text: {}, indexed: true },
            { name: "V_D", number: {} },
          ],
        }),
      });
      expect(created.status).toBe(201);
      const listId = ((await created.json()) as Json).id;
      for (let i = 1; i <= 3; i++) {
        const res = await get(`${server.origin}/v1.0/sites/root/lists/${listId}/items`, {
          method: "POST",
          headers: auth,
          body: JSON.stringify({ fields: { RowKey: `k-${i}`, V_D: i * 10 } }),
        });
        expect(res.status).toBe(201);
        await res.arrayBuffer();
      }
      const page = (await (await get(`${server.origin}/v1.0/sites/root/lists/${listId}/items?$top=2`, { headers: auth })).json()) as Json;
      expect(page["@odata.nextLink"].startsWith(`${server.origin}/v1.0/`)).toBe(true);
      expect(await (await get(`${server.origin}/health`)).json()).toEqual({ ok: true, version, lists: 1, items: 3 });

      // Backup while the server keeps answering and writing.
      const backupDir = join(dir, "backup-1");
      const writes = (async () => {
        const statuses: number[] = [];
        for (let i = 4; i <= 8; i++) {
          const res = await get(`${server.origin}/v1.0/sites/root/lists/${listId}/items`, {
            method: "POST",
            headers: auth,
            body: JSON.stringify({ fields: { RowKey: `k-${i}`, V_D: i * 10 } }),
          });
          statuses.push(res.status);
          await res.arrayBuffer();
        }
        return statuses;
      })();
      const backup = await runCli(["backup", backupDir, "--data", data]);
      expect(await writes).toEqual([201, 201, 201, 201, 201]);
      expect(backup.code).toBe(0);
      expect(backup.out).toMatch(/Đã sao lưu 1 danh sách, \d mục .* \/ Backed up 1 lists, \d items/);

      // The server keeps writing after the backup; restoring into a folder it still uses is refused.
      const after = await get(`${server.origin}/v1.0/sites/root/lists/${listId}/items`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ fields: { RowKey: "k-after-backup" } }),
      });
      expect(after.status).toBe(201);
      await after.arrayBuffer();
      expect(() => restoreDataDir(backupDir, data)).toThrow(/đang dùng .* \/ A server \(pid \d+\) is using/);

      const live = (await (
        await get(`${server.origin}/v1.0/sites/root/lists/${listId}/items?$expand=fields`, { headers: auth })
      ).json()) as Json;
      expect(live.value).toHaveLength(9);

      // A new server on the backup serves the items it holds, with the same ids and ETags.
      let backedUp = 0;
      const copy = await startTestListServer({ dataDir: backupDir, token: PLANNER_TOKEN });
      try {
        const restored = (await (await copy.graph(`/sites/root/lists/PhuLuc/items?$expand=fields`)).json()) as Json;
        backedUp = (restored.value as Json[]).length;
        expect(backedUp).toBeGreaterThanOrEqual(3);
        expect(backedUp).toBeLessThanOrEqual(8);
        expect(backup.out).toContain(`${backedUp} mục`);
        for (const item of restored.value as Json[]) {
          const same = (live.value as Json[]).find((i) => i.id === item.id) as Json;
          expect([item.eTag, item.fields.RowKey, item.fields.V_D]).toEqual([same.eTag, same.fields.RowKey, same.fields.V_D]);
        }
      } finally {
        await copy.close();
      }

      await server.stop();
      const { keptAs } = restoreDataDir(backupDir, data);
      expect(keptAs).toMatch(/lists\.sqlite\.before-restore-/);
      const again = await startTestListServer({ dataDir: data, token: PLANNER_TOKEN });
      try {
        const items = (await (await again.graph(`/sites/root/lists/PhuLuc/items?$expand=fields`)).json()) as Json;
        expect((items.value as Json[]).length).toBe(backedUp);
        expect((items.value as Json[]).map((i) => i.fields.RowKey)).not.toContain("k-after-backup");
      } finally {
        await again.close();
      }
    } finally {
      if (server.child.exitCode === null) await server.stop();
    }
  });
});

describe("the command line refuses", () => {
  it("a non-loopback address without a users file, with one line in Vietnamese and English", async () => {
    for (const args of [
      ["--host", "0.0.0.0"],
      ["--host", "0.0.0.0", "--token", "a-long-shared-token"],
    ]) {
      const r = await runCli([...args, "--data", join(dir, "refused")]);
      expect(r.code).toBe(2);
      expect(r.out).toBe("");
      const lines = r.err.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Không mở máy chủ trên 0\.0\.0\.0 .* --users FILE \/ Refusing to listen on 0\.0\.0\.0 .* --users FILE$/);
    }
  });

  it("to serve without the pane's build, naming npm run build", async () => {
    const r = await runCli(["serve", "--port", "0", "--dist", "no-such-dist", "--data", join(dir, "refused")]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toEqual([
      expect.stringMatching(
        /^Chưa có bản dựng .*npm run build.* \/ The task pane build is missing \(no-such-dist\/taskpane\.html\): run npm run build first$/,
      ),
    ]);
  });
});
