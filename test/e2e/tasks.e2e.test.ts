/**
 * End to end on the task-list sample (samples/danh-muc-nhiem-vu-2023.xlsx): the real pane and the
 * real Excel service in Debian's Chromium, on the fake Excel (./browserHarness.ts).
 *
 * Nhiệm vụ: 10 tasks as of 30/09/2023 from the title — 2 done on time, 1 done late, 4 in progress,
 * 2 overdue, 1 ongoing; "Quá hạn" lists rows 8 and 20 and choosing one selects that row in the
 * sheet. Tô màu: Apply writes the name AnnexAsOf and the state rules into the fake. A new as-of day
 * moves the name (the colours follow) and re-analyses. Screenshots at 350 px in Vietnamese and
 * English go to docs/pane-tasks-<vi|en>-350.png; the steps to test/e2e/screenshots/tasks-*.png.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import {
  ROOT,
  byTestId as testId,
  fakeExcel,
  openHarnessPage,
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

let served: ServedHarness;
let session: PaneSession;
let page: Page;
let baseUrl: string;
let harness: ReturnType<typeof fakeExcel>;

beforeAll(async () => {
  served = await serveHarness();
  baseUrl = served.baseUrl;
  session = await openPaneSession(baseUrl);
  page = session.page;
  harness = fakeExcel(page, SHEET);
}, 120_000);

afterAll(async () => {
  await session?.close();
  await served?.close();
});

const byTestId = (id: string) => testId(page, id);
const step = (name: string) => stepper(session)(`tasks-${name}`);

/** Opens a section: its tab, or the "⋯" menu's item when the tab did not fit. */
async function openSection(id: string): Promise<void> {
  const tab = byTestId(`tab-${id}`);
  if (await tab.isVisible()) await tab.click();
  else {
    await byTestId("tabs-more").click();
    await byTestId(`tab-menu-${id}`).click();
  }
  await byTestId(`panel-${id}`).waitFor();
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
});
