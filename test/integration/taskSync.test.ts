/**
 * A task list through the shared list, with rights: the planner syncs the task sample, the liaison
 * of "Sở Kế hoạch và Đầu tư" reports its task done (and may not move the deadline, nor touch another
 * department's task), the planner syncs again and the check of the output counts the task done on
 * time. Expected states and counts: samples/README.md, and by hand for the changed task (row 20,
 * "Sơ kết 3 năm …", due "Tháng 10/2023" = 31/10/2023, done 20/09/2023 → on time).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recognizeTables } from "../../src/annex";
import { runCheck } from "../../src/cli/annex";
import { runSync } from "../../src/cli/syncCommand";
import { UserDirectory } from "../../src/server/users";
import { GraphClient, OWNER_DESCRIPTION, syncFields } from "../../src/sync";
import { departmentRows, liaisonColumns, listFieldsOf, readListItems, saveLiaisonEdit, type LiaisonList } from "../../src/sync/liaison";
import { loadWorkbook, workbookSnapshots } from "../../src/xlsx/readWorkbook";
import { startTestListServer, type TestListServer } from "../helpers/listServer";
import { TASK_SAMPLE } from "../helpers/samples";

type Json = Record<string, any>;

const DEPARTMENT = "Sở Kế hoạch và Đầu tư";
const PLANNER = { name: "Nguyễn Thị Hoa (Sở KH&ĐT)", token: "planner-token-tasks", role: "planner" };
const LIAISON = { name: "Phạm Văn Bình (Sở KH&ĐT)", token: "liaison-token-tasks", role: "liaison", department: DEPARTMENT };

let s: TestListServer;
let dir: string;
let listUrl: string;

beforeAll(async () => {
  s = await startTestListServer({ token: PLANNER.token, users: UserDirectory.fromJson([PLANNER, LIAISON]) });
  dir = mkdtempSync(join(tmpdir(), "annex-task-sync-"));
  listUrl = `${s.graphUrl}/sites/root/lists/NhiemVu2023`;
});

afterAll(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

async function sync(input: string, output: string): Promise<{ code: number; report: Json }> {
  let out = "";
  const code = await runSync(
    ["--list", listUrl, "--token", PLANNER.token, "--json", input, "--out", output],
    (t) => (out += t),
    () => undefined,
    {},
  );
  return { code, report: JSON.parse(out) as Json };
}

async function check(file: string): Promise<Json> {
  let out = "";
  const code = await runCheck(
    ["--json", file],
    (t) => void (out += t),
    () => undefined,
  );
  expect(code).toBe(0);
  return (JSON.parse(out) as Json).files[0].tables[0];
}

/** The list as the liaison's pane sees it: the fields the planner's sync used. */
async function liaisonList(): Promise<LiaisonList> {
  const [snapshot] = workbookSnapshots(await loadWorkbook(TASK_SAMPLE));
  const [table] = recognizeTables(snapshot);
  const list = (await (await s.graph("/sites/root/lists/NhiemVu2023")).json()) as Json;
  return { site: "root", listId: list.id, fields: listFieldsOf(syncFields(table)) };
}

const stateOf = (table: Json, row: number) => table.rows.find((r: Json) => r.row === row).state;

describe("a task list synced with the shared list", () => {
  const first = () => join(dir, "dong-bo-1.xlsx");
  const second = () => join(dir, "dong-bo-2.xlsx");

  it("goes to the list as one item per task and sub-task, with the owner of each column in its description", async () => {
    const { code, report } = await sync(TASK_SAMPLE, first());
    expect(code).toBe(0);
    // Rows 7–20 less the three section rows (6, 11, 18 are above or inside): 12 tasks and sub-tasks.
    expect(report.created).toBe(12);

    const columns = ((await (await s.graph("/sites/root/lists/NhiemVu2023/columns")).json()) as Json).value as Json[];
    const described = Object.fromEntries(columns.map((c) => [c.name, [c.displayName, c.description]]));
    expect(described).toMatchObject({
      Partners: ["Cơ quan phối hợp", OWNER_DESCRIPTION.planner],
      Deadline: ["Thời gian hoàn thành", OWNER_DESCRIPTION.planner],
      Status: ["Tình hình thực hiện", OWNER_DESCRIPTION.liaison],
      CompletedOn: ["Ngày hoàn thành", OWNER_DESCRIPTION.liaison],
      Note: ["Ghi chú", OWNER_DESCRIPTION.liaison],
    });

    const items = (
      await readListItems(new GraphClient({ baseUrl: s.graphUrl, getToken: async () => PLANNER.token }), await liaisonList())
    ).values();
    const byTitle = new Map([...items].map((i) => [String(i.fields.Title).slice(0, 20), i.fields]));
    // A date cell travels as the reader sees it; a sub-task takes its task's deadline.
    expect(byTitle.get("Nâng cấp Cổng dịch v")).toMatchObject({ Deadline: "31/08/2023", Lead: "Văn phòng UBND tỉnh" });
    expect(byTitle.get("- Huyện An Biên")).toMatchObject({ Deadline: "Quý III/2023", Lead: "Sở Thông tin và Truyền thông" });
  });

  it("lets the department's liaison report its task done, but not move the deadline nor touch another department's task", async () => {
    const list = await liaisonList();
    const client = new GraphClient({ baseUrl: s.graphUrl, getToken: async () => LIAISON.token });
    const items = await readListItems(client, list);
    const own = departmentRows(items.values(), DEPARTMENT, liaisonColumns(list.fields));
    expect(own.map((r) => [r.title, r.task])).toEqual([
      [
        expect.stringMatching(/^Sơ kết 3 năm thực hiện Nghị quyết/),
        { partners: expect.any(String), deadline: "Tháng 10/2023", status: "Trễ hạn", completedOn: null },
      ],
    ]);
    const [task] = own;

    const saved = await saveLiaisonEdit(
      client,
      list,
      items.get(task.rowKey)!,
      { status: "Đã hoàn thành ngày 20/9/2023", completedOn: "20/9/2023" },
      { user: LIAISON.name, now: new Date("2023-09-21T02:00:00Z") },
    );
    expect(saved.fields).toMatchObject({ Status: "Đã hoàn thành ngày 20/9/2023", CompletedOn: "2023-09-20" });

    const itemPath = `/sites/root/lists/${list.listId}/items/${task.itemId}/fields`;
    const moved = await s.graph(itemPath, { token: LIAISON.token, method: "PATCH", body: { Deadline: "Tháng 12/2023" } });
    expect(moved.status).toBe(403);
    expect(((await moved.json()) as Json).error.code).toBe("accessDenied");
    const other = [...items.values()].find((i) => i.fields.Lead === "Văn phòng UBND tỉnh")!;
    const foreign = await s.graph(`/sites/root/lists/${list.listId}/items/${other.id}/fields`, {
      token: LIAISON.token,
      method: "PATCH",
      body: { Status: "Đã hoàn thành" },
    });
    expect(foreign.status).toBe(403);
  });

  it("is pulled by the planner's next sync: the task is done on time and the summary counts change", async () => {
    const before = await check(first());
    expect(stateOf(before, 20)).toBe("overdue");
    expect(before.summary.tasks).toMatchObject({ total: 10, done: 3, doneOnTime: 2, doneLate: 1, inProgress: 4, overdue: 2, ongoing: 1 });

    const { code, report } = await sync(first(), second());
    expect(code).toBe(0);
    expect(report.conflicts).toEqual([]);
    expect(report.pulled).toBe(2); // the status into F20; the completion date, which has no column, into the sync state

    const after = await check(second());
    expect(stateOf(after, 20)).toBe("done-on-time");
    // One task moves from overdue to done on time; nothing else changes.
    expect(after.summary.tasks).toMatchObject({ total: 10, done: 4, doneOnTime: 3, doneLate: 1, inProgress: 4, overdue: 1, ongoing: 1 });
    expect(after.summary.text).toBe(
      "Tổng số 10 nhiệm vụ: đã hoàn thành 04 nhiệm vụ (03 đúng và trước hạn, 01 trễ hạn); đang thực hiện 05 nhiệm vụ " +
        "(04 trong hạn, 01 quá hạn, chiếm 10,0%); 01 nhiệm vụ thực hiện thường xuyên. Nhiệm vụ quá hạn: Văn phòng UBND tỉnh (01).",
    );
  });
});
