/**
 * End to end on the task-list sample (samples/danh-muc-nhiem-vu-2023.xlsx): the real pane and the
 * real Excel service in Debian's Chromium, on the fake Excel (./browserHarness.ts).
 *
 * Nhiệm vụ: 10 tasks as of 30/09/2023 from the title — 2 done on time, 1 done late, 4 in progress,
 * 2 overdue, 1 ongoing; "Quá hạn" lists rows 8 and 20 and choosing one selects that row in the
 * sheet. Tô màu: Apply writes the name AnnexAsOf and the state rules into the fake. A new as-of day
 * moves the name (the colours follow) and re-analyses. Screenshots at 350 px in Vietnamese and
 * English go to docs/pane-tasks-<vi|en>-350.png; the steps to test/e2e/screenshots/tasks-*.png.
 *
 * Through the shared list (issue 10, the pane's half of test/integration/taskSync.test.ts): a real
 * local list server on loopback started by this test, with a planner and the liaison of "Sở Kế
 * hoạch và Đầu tư". The planner connects the pane to it in Đồng bộ and syncs (12 items: tasks and
 * sub-tasks); the liaison reports the row-20 task "Sơ kết 3 năm thực hiện Nghị quyết về chuyển đổi
 * số tỉnh" (due "Tháng 10/2023" = 31/10/2023, overdue by the planner's "Trễ hạn") done on 20/9/2023
 * through the list API (PATCH …/fields with If-Match, the liaison's token); the planner syncs again
 * and Nhiệm vụ counts it done on time (20/9 ≤ 31/10): 2 → 3 done on time, 2 → 1 overdue, the rest
 * unchanged (by hand from samples/README.md).
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { UserDirectory } from "../../src/server/users";
import { startTestListServer, type TestListServer } from "../helpers/listServer";
import {
  ROOT,
  byTestId as testId,
  fakeExcel,
  openHarnessPage,
  openSection as openPaneSection,
  openPaneSession,
  serveHarness,
  stepper,
  waitIdle,
  type HarnessWindow,
  type PaneSession,
  type ServedHarness,
} from "./browserHarness";

const SHEET = "Nhiệm vụ 2023";
const TASK_PAGE = "/harness.html?file=/samples/danh-muc-nhiem-vu-2023.xlsx";
const DOCS = path.join(ROOT, "docs");
const LIST = "/sites/root/lists/NhiemVu2023";
const DEPARTMENT = "Sở Kế hoạch và Đầu tư";
const PLANNER = { name: "Nguyễn Thị Hoa (Sở KH&ĐT)", token: "planner-token-tasks-e2e", role: "planner" };
const LIAISON = { name: "Phạm Văn Bình (Sở KH&ĐT)", token: "liaison-token-tasks-e2e", role: "liaison", department: DEPARTMENT };
/** The task the liaison reports done: row 20, "Sơ kết 3 năm …", due Tháng 10/2023, "Trễ hạn" on 30/09/2023. */
const DONE_ROW = 20;
const DONE_TITLE = "Sơ kết 3 năm thực hiện Nghị quyết về chuyển đổi số tỉnh";
const DONE_STATUS = "Đã hoàn thành ngày 20/9/2023";
const KEY_COLUMN = "H";
const STATES = ["done-on-time", "done-late", "in-progress", "overdue", "ongoing"] as const;

interface ListItem {
  id: string;
  "@odata.etag": string;
  fields: Record<string, unknown>;
}

let served: ServedHarness;
let session: PaneSession;
let page: Page;
let baseUrl: string;
let harness: ReturnType<typeof fakeExcel>;
let listServer: TestListServer;

beforeAll(async () => {
  served = await serveHarness();
  baseUrl = served.baseUrl;
  listServer = await startTestListServer({
    token: PLANNER.token,
    users: UserDirectory.fromJson([PLANNER, LIAISON]),
    corsOrigins: [baseUrl],
  });
  // Kết nối looks the list up before the first sync creates it: Chromium logs that 404.
  const listLookup = `${listServer.graphUrl}${LIST}`;
  session = await openPaneSession(baseUrl, {
    expectConsole: ({ text, url }) => text.includes("status of 404") && url.startsWith(listLookup),
  });
  page = session.page;
  harness = fakeExcel(page, SHEET);
}, 120_000);

afterAll(async () => {
  await session?.close();
  await listServer?.close();
  await served?.close();
});

const byTestId = (id: string) => testId(page, id);
const step = (name: string) => stepper(session)(`tasks-${name}`);

async function openSection(id: string): Promise<void> {
  await openPaneSection(page, id);
  await waitIdle(page);
}

async function recognised(query = ""): Promise<void> {
  await openHarnessPage(page, baseUrl, `${TASK_PAGE}${query}`);
  await byTestId("recognise-button").click();
  await byTestId("table-range").waitFor();
  await waitIdle(page);
  expect(await byTestId("table-range").innerText()).toBe("A4:G20");
}

const text = (id: string) => byTestId(id).innerText();

/** Nhiệm vụ's count per state, as the pane shows it. */
async function stateCounts(): Promise<Record<string, string>> {
  const counts: Record<string, string> = {};
  for (const state of STATES) counts[state] = await text(`task-count-${state}`);
  return counts;
}

/** Waits for the test id, or for the error bar (which `step` then reports). */
async function waitForEither(id: string): Promise<void> {
  await page.locator(`[data-testid="${id}"], [data-testid="error-bar"]`).first().waitFor();
  await waitIdle(page);
}

/** The list's items, through the server's HTTP API with the planner's token. */
async function listItems(): Promise<ListItem[]> {
  const response = await listServer.graph(`${LIST}/items?$expand=fields&$top=500`);
  if (!response.ok) throw new Error(`GET items: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { value: ListItem[] }).value;
}

describe("a task list in the pane, in Chromium on the fake Excel", () => {
  it("counts the tasks by state, lists the overdue ones, selects a row, colours the states and follows a new as-of day", async () => {
    await page.setViewportSize({ width: 400, height: 900 });
    await recognised();
    // No Điền for a task list; Nhiệm vụ instead.
    expect(await byTestId("tab-fill").count()).toBe(0);
    await openSection("tasks");
    expect(await byTestId("tasks-as-of").inputValue()).toBe("2023-09-30");
    expect(await text("tasks-as-of-source")).toBe("Tính đến ngày 30/09/2023 (theo tiêu đề bảng).");
    expect(await text("tasks-total")).toBe("Tình trạng 10 nhiệm vụ");
    const counts: Record<string, string> = {};
    for (const state of ["done-on-time", "done-late", "in-progress", "overdue", "ongoing"])
      counts[state] = await text(`task-count-${state}`);
    expect(counts).toEqual({
      "done-on-time": "2 nhiệm vụ",
      "done-late": "1 nhiệm vụ",
      "in-progress": "4 nhiệm vụ",
      overdue: "2 nhiệm vụ",
      ongoing: "1 nhiệm vụ",
    });
    await step("01-counts");

    // "Quá hạn" lists rows 8 and 20; choosing row 20 selects it in the sheet.
    await byTestId("task-state-overdue").click();
    const rows = byTestId("task-list-overdue").locator("[data-testid^='task-row-']");
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")))).toEqual(["task-row-8", "task-row-20"]);
    await byTestId("task-row-20").click();
    await page.waitForFunction(() => (window as unknown as HarnessWindow).__fake.selection()?.address === "A20:G20");
    expect(await harness.selection()).toEqual({ sheet: SHEET, address: "A20:G20" });
    await step("02-overdue-row-20");

    // Tô màu: the states and their colours; Apply writes AnnexAsOf and the rules.
    await openSection("highlight");
    expect(await text("task-band-count-overdue")).toBe("2 nhiệm vụ");
    expect(await byTestId("threshold-0").count()).toBe(0);
    await byTestId("highlight-apply").click();
    await byTestId("notice-bar").waitFor();
    await waitIdle(page);
    expect(await text("notice-bar")).toContain("tính đến ngày 30/09/2023");
    expect(await harness.names()).toEqual([{ name: "AnnexAsOf", formula: "=DATE(2023,9,30)" }]);
    const formats = await harness.conditionalFormats();
    expect(formats.length).toBeGreaterThan(0);
    expect(formats.every((cf) => cf.formula === "=TRUE" || /AnnexAsOf/.test(cf.formula ?? ""))).toBe(true);
    expect(formats).toContainEqual({ ranges: ["A8:G8"], formula: "=DATE(2023,6,30)<AnnexAsOf", fill: "#D55E00" });
    await step("03-highlighted");

    // Applying again replaces the add-in's rules rather than stacking them.
    await byTestId("highlight-apply").click();
    await byTestId("notice-bar").waitFor();
    await waitIdle(page);
    expect((await harness.conditionalFormats()).length).toBe(formats.length);

    // A new as-of day: saved, the name moves (the colours follow), and the tasks are judged again.
    await openSection("tasks");
    await byTestId("tasks-as-of").fill("2023-12-31");
    await byTestId("tasks-as-of-apply").click();
    await page.waitForFunction(
      () => document.querySelector("[data-testid='tasks-as-of-source']")?.getAttribute("data-source") === "option",
    );
    await waitIdle(page);
    expect(await text("tasks-as-of-source")).toBe("Tính đến ngày 31/12/2023 (ngày bạn chọn, lưu trong tệp).");
    expect(await harness.names()).toEqual([{ name: "AnnexAsOf", formula: "=DATE(2023,12,31)" }]);
    expect(await text("task-count-overdue")).toBe("3 nhiệm vụ");
    expect(await text("notice-bar")).toContain("màu trong bảng đã đổi theo");
    await step("04-as-of-31-12");

    // Back to the title's day.
    await byTestId("tasks-as-of-reset").click();
    await page.waitForFunction(() => document.querySelector("[data-testid='tasks-as-of-source']")?.getAttribute("data-source") === "title");
    await waitIdle(page);
    expect(await harness.names()).toEqual([{ name: "AnnexAsOf", formula: "=DATE(2023,9,30)" }]);
    expect(await text("task-count-overdue")).toBe("2 nhiệm vụ");
    await step("05-as-of-title");
  }, 180_000);

  it("fits 350 px in Vietnamese and English (screenshots in docs/)", async () => {
    fs.mkdirSync(DOCS, { recursive: true });
    for (const language of ["vi", "en"]) {
      for (const width of [320, 350]) {
        await page.setViewportSize({ width, height: 800 });
        await recognised(`&lang=${language}&width=${width}`);
        await openSection("tasks");
        await byTestId("task-state-overdue").click();
        await byTestId("task-list-overdue").waitFor();
        const where = `${language} ${width}px`;
        const tabs = await page.getByRole("tablist").boundingBox();
        expect([where, tabs!.height < 48]).toEqual([where, true]);
        expect([where, await page.evaluate(() => document.documentElement.scrollWidth)]).toEqual([where, expect.any(Number)]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        // The as-of day and its Apply button are above the fold.
        const apply = await byTestId("tasks-as-of-apply").boundingBox();
        expect([where, apply!.y + apply!.height <= 800]).toEqual([where, true]);
        await page.evaluate(() => window.scrollTo(0, 0));
        if (width === 350) await page.screenshot({ path: path.join(DOCS, `pane-tasks-${language}-350.png`) });
      }
    }
    await page.setViewportSize({ width: 400, height: 900 });
    expect(session.pageErrors).toEqual([]);
  }, 180_000);

  it("pulls a liaison's report through the list server: the task is done on time and the counts change", async () => {
    await page.setViewportSize({ width: 400, height: 900 });
    await recognised();
    // Before: as samples/README.md counts them on 30/09/2023; row 20 is overdue ("Trễ hạn").
    await openSection("tasks");
    expect(await text("tasks-total")).toBe("Tình trạng 10 nhiệm vụ");
    expect(await stateCounts()).toEqual({
      "done-on-time": "2 nhiệm vụ",
      "done-late": "1 nhiệm vụ",
      "in-progress": "4 nhiệm vụ",
      overdue: "2 nhiệm vụ",
      ongoing: "1 nhiệm vụ",
    });
    expect(await harness.cell(`F${DONE_ROW}`)).toEqual(expect.objectContaining({ kind: "text", value: "Trễ hạn" }));

    // Đồng bộ: this test's list server, its list URL and the planner's token, under "Cài đặt nâng cao"; Kết nối.
    await openSection("sync");
    await byTestId("sync-advanced").waitFor();
    await waitIdle(page); // the workbook's saved connection is read when the tab opens
    await byTestId("sync-advanced").click();
    await byTestId("sync-kind-local").check();
    await byTestId("sync-list-url").fill(`${listServer.graphUrl}${LIST}`);
    await byTestId("sync-token").fill(PLANNER.token);
    await byTestId("sync-connect").click();
    await waitForEither("sync-connected");
    expect(await text("sync-connected")).toBe("Đã kết nối: danh sách «NhiemVu2023» chưa có, sẽ được tạo ở lần đồng bộ đầu.");
    await step("06-sync-connected");

    // The first sync asks before adding the hidden key column; accepted, it creates one item per task and sub-task.
    await byTestId("sync-button").click();
    await waitForEither("sync-key-confirm");
    await step("07-sync-key-column");
    expect(await text("sync-key-confirm")).toContain(`cột ẩn ${KEY_COLUMN}`);
    await byTestId("sync-key-accept").click();
    await waitForEither("sync-report");
    await step("08-first-sync");
    expect(await text("sync-created")).toBe("12 mục");
    expect(await text("sync-pulled")).toBe("0 giá trị");
    expect(await harness.hiddenColumns()).toEqual([KEY_COLUMN]);

    // The liaison of Sở Kế hoạch và Đầu tư reports the row-20 task done, through the list API.
    const rowKey = (await harness.cell(`${KEY_COLUMN}${DONE_ROW}`)).value;
    expect(rowKey).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/i));
    const items = await listItems();
    expect(items).toHaveLength(12);
    const task = items.find((i) => i.fields.RowKey === rowKey)!;
    expect(task.fields).toEqual(
      expect.objectContaining({ Title: DONE_TITLE, Lead: DEPARTMENT, Deadline: "Tháng 10/2023", Status: "Trễ hạn" }),
    );
    const patched = await listServer.graph(`${LIST}/items/${task.id}/fields`, {
      token: LIAISON.token,
      method: "PATCH",
      headers: { "If-Match": task["@odata.etag"] },
      body: { Status: DONE_STATUS, CompletedOn: "2023-09-20" },
    });
    expect([patched.status, patched.status === 200 ? "" : await patched.text()]).toEqual([200, ""]);
    const reported = (await listItems()).find((i) => i.id === task.id)!;
    expect(reported.fields).toEqual(expect.objectContaining({ Status: DONE_STATUS, CompletedOn: "2023-09-20" }));
    expect(reported.fields).toEqual(expect.objectContaining({ Deadline: "Tháng 10/2023" }));

    // The planner syncs again: the status is pulled into F20, with no conflict. The first sync's report
    // stays on screen meanwhile, so wait for this one (it shows before the pane analyses the table again).
    await byTestId("sync-button").click();
    await page.waitForFunction(
      () =>
        document.querySelector("[data-testid='sync-pulled']")?.textContent?.trim() !== "0 giá trị" ||
        document.querySelector("[data-testid='error-bar']") !== null,
    );
    await waitIdle(page);
    await step("09-pulled");
    expect(await text("sync-pulled")).toBe("2 giá trị"); // the status into F20; the completion date into the sync state
    expect(await text("sync-created")).toBe("0 mục");
    expect(await text("sync-updated")).toBe("0 mục");
    expect(await byTestId("sync-conflicts").count()).toBe(0);
    expect(await harness.cell(`F${DONE_ROW}`)).toEqual(expect.objectContaining({ kind: "text", value: DONE_STATUS }));

    // Nhiệm vụ: done 20/9 ≤ due 31/10 → on time; overdue keeps only row 8; the rest unchanged.
    await openSection("tasks");
    expect(await text("tasks-as-of-source")).toBe("Tính đến ngày 30/09/2023 (theo tiêu đề bảng).");
    expect(await text("tasks-total")).toBe("Tình trạng 10 nhiệm vụ");
    expect(await stateCounts()).toEqual({
      "done-on-time": "3 nhiệm vụ",
      "done-late": "1 nhiệm vụ",
      "in-progress": "4 nhiệm vụ",
      overdue: "1 nhiệm vụ",
      ongoing: "1 nhiệm vụ",
    });
    await byTestId("task-state-done-on-time").click();
    const onTime = byTestId("task-list-done-on-time").locator("[data-testid^='task-row-']");
    expect(await onTime.evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")))).toContain(`task-row-${DONE_ROW}`);
    await byTestId("task-state-overdue").click();
    const overdue = byTestId("task-list-overdue").locator("[data-testid^='task-row-']");
    expect(await overdue.evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")))).toEqual(["task-row-8"]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await step("10-counts-after-pull");
    // The one lookup of the list before it existed (Kết nối), and no other console error.
    expect(session.expectedConsole).toHaveLength(1);
    expect(session.pageErrors).toEqual([]);
  }, 180_000);
});
