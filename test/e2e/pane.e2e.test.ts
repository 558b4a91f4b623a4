/**
 * End to end: the real task pane and the real Excel service in Debian's Chromium, on the fake
 * Excel loaded with the 2020 sample annex.
 *
 * The harness (test/harness) is built with the project's webpack config and served on 127.0.0.1
 * with samples/ at /samples/ (./browserHarness.ts, shared with sync.e2e.test.ts). The
 * page opens the sample the way a person does with the dev server (`?file=/samples/…`), with
 * ExcelJS's browser build — the same code path, no Node conversion in between.
 *
 * Steps, each with a screenshot in test/e2e/screenshots/ and no error bar allowed:
 *  recognise (the table A4:I36) → Kiểm tra: click the H20 finding (the fake's selection is H20 on
 *  "Phụ lục") → Điền: preview, apply (G11 holds the live formula) → Tô màu: apply (conditional
 *  formats on G7:G24 and G29:G36) → Tóm tắt: copy (the clipboard holds the summary) → undo the
 *  fill (G11 holds the typed number again).
 * The findings come before the fill: the fill replaces H20's wrong typed figure with the formula,
 * and the finding on it rightly goes away.
 */
import {
  byTestId as testId,
  fakeExcel,
  openHarnessPage,
  openPaneSession,
  serveHarness,
  stepper,
  type HarnessWindow,
  type PaneSession,
  type ServedHarness,
} from "./browserHarness";
import type { Page } from "playwright-core";

const SHEET = "Phụ lục";
const PAYLOAD_LIMIT = 5 * 1024 * 1024;

let served: ServedHarness;
let session: PaneSession;
let page: Page;
let baseUrl: string;
/** The harness's window.__fake, read from the page (each call is one evaluate). */
let harness: ReturnType<typeof fakeExcel>;

beforeAll(async () => {
  served = await serveHarness();
  baseUrl = served.baseUrl;
  session = await openPaneSession(baseUrl, { clipboard: true });
  page = session.page;
  harness = fakeExcel(page, SHEET);
}, 90_000);

afterAll(async () => {
  await session?.close();
  await served?.close();
});

const byTestId = (id: string) => testId(page, id);

/** Waits until the pane is idle, then saves a screenshot and checks that no error is shown. */
const step = (name: string) => stepper(session)(name);

describe("the task pane in Chromium on the fake Excel with the 2020 sample", () => {
  it("recognises, checks, fills, highlights and summarises the annex", async () => {
    await openHarnessPage(page, baseUrl);
    await step("01-opened");

    // Recognise: one table, A4:I36, in two syncs (the pane read its settings and undo state on opening).
    let mark = await harness.syncCount();
    await byTestId("recognise-button").click();
    await byTestId("table-range").waitFor();
    expect(await byTestId("table-range").innerText()).toBe("A4:I36");
    await step("02-recognised");
    expect((await harness.syncCount()) - mark).toBe(2);

    // Kiểm tra: the H20 finding takes the person to H20.
    await byTestId("tab-findings").click();
    const h20 = byTestId("finding-H20").first();
    await h20.waitFor();
    await h20.click();
    await page.waitForFunction(() => (window as unknown as HarnessWindow).__fake.selection()?.address === "H20");
    expect(await harness.selection()).toEqual({ sheet: SHEET, address: "H20" });
    await step("03-findings-H20");

    // Điền: the preview lists G11; applying writes the live formula.
    await byTestId("tab-fill").click();
    await byTestId("fill-confirm").waitFor();
    await byTestId("fill-row-G11").waitFor();
    await step("04-fill-preview");
    const typedG11 = await harness.cell("G11");
    expect(typedG11.kind).toBe("number");
    mark = await harness.syncCount();
    await byTestId("fill-apply").click();
    await byTestId("notice-bar").waitFor();
    await page.waitForFunction(() => document.querySelector("main")?.getAttribute("aria-busy") !== "true");
    // One sync to write (and save the undo), two for the pane's fresh analysis afterwards.
    expect((await harness.syncCount()) - mark).toBe(3);
    const g11 = await harness.cell("G11");
    expect(g11.kind).toBe("formula");
    expect(g11.formula).toMatch(/^=.*E11.*F11|^=.*F11.*E11/);
    await step("05-filled");

    // Tô màu: conditional formats on the ratio column's two blocks.
    await byTestId("tab-highlight").click();
    mark = await harness.syncCount();
    await byTestId("highlight-apply").click();
    await byTestId("notice-bar").waitFor();
    expect((await harness.syncCount()) - mark).toBe(1);
    const ranges = new Set((await harness.conditionalFormats()).flatMap((cf) => cf.ranges));
    expect([...ranges].sort()).toEqual(["G29:G36", "G7:G24"]);
    await step("06-highlighted");

    // Tóm tắt: the paragraph, copied to the clipboard.
    await byTestId("tab-summary").click();
    const summary = await byTestId("summary-text").inputValue();
    expect(summary).toMatch(/^Trong tổng số \d+ chỉ tiêu/);
    await byTestId("copy-button").click();
    await byTestId("copy-confirmation").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(summary);
    await step("07-summary-copied");

    // Undo the fill: G11 holds the typed figure again.
    await byTestId("tab-fill").click();
    await byTestId("fill-undo").click();
    await byTestId("notice-bar").waitFor();
    expect(await harness.cell("G11")).toEqual(typedG11);
    await step("08-fill-undone");

    // Nothing sent to the workbook passed Excel on the web's 5 MB.
    expect(await harness.largestRequest()).toBeLessThan(PAYLOAD_LIMIT);
    expect(await harness.largestResponse()).toBeLessThan(PAYLOAD_LIMIT);
  });
});
