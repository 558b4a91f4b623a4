/**
 * End to end: the real task pane and the real Excel service in Debian's Chromium, on the fake
 * Excel loaded with the 2020 sample annex.
 *
 * The harness (test/harness) is built with the project's webpack config (its `harness` entry
 * only, development mode, a filesystem cache in the temp directory so a second run takes ~2 s),
 * into a temp directory served by node:http on 127.0.0.1 with ../shared/samples at /samples/. The
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
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

const ROOT = path.resolve(__dirname, "../..");
const SAMPLES = path.resolve(ROOT, "../shared/samples");
const SHOTS = path.join(__dirname, "screenshots");
const CHROMIUM = "/usr/bin/chromium";
const SHEET = "Phụ lục";
const PAYLOAD_LIMIT = 5 * 1024 * 1024;

interface HarnessWindow {
  __harnessReady?: true | string;
  __fake: {
    syncCount(): number;
    largestRequest(): number;
    largestResponse(): number;
    selection(): { sheet: string; address: string } | null;
    cell(sheet: string, address: string): { kind: string; value?: unknown; formula?: string; numberFormat: string };
    conditionalFormats(sheet: string): { ranges: string[]; formula: string | null; fill: string | null }[];
  };
}

/** Builds the harness entry of webpack.config.js into `outDir`. */
async function buildHarness(outDir: string): Promise<void> {
  const webpack = require("webpack") as typeof import("webpack");

  const HtmlWebpackPlugin = require("html-webpack-plugin");
  const configPath = path.join(ROOT, "webpack.config.js");

  const config = await require(configPath)({ HARNESS: true }, { mode: "development" });
  if (!config.entry.harness) throw new Error("webpack.config.js has no harness entry in development mode");
  const build = {
    ...config,
    mode: "development",
    context: ROOT,
    devtool: false,
    entry: { harness: config.entry.harness },
    plugins: config.plugins.filter(
      (p: { userOptions?: { filename?: string } }) => p instanceof HtmlWebpackPlugin && p.userOptions?.filename === "harness.html",
    ),
    output: { ...config.output, path: outDir, clean: true },
    cache: {
      type: "filesystem",
      cacheDirectory: path.join(os.tmpdir(), "annex-harness-webpack-cache"),
      buildDependencies: { config: [configPath] },
    },
    infrastructureLogging: { level: "error" },
    stats: "errors-only",
  };
  await new Promise<void>((resolve, reject) => {
    const compiler = webpack(build);
    compiler.run((error, stats) => {
      compiler.close(() => undefined);
      if (error) reject(error);
      else if (stats?.hasErrors()) reject(new Error(stats.toString({ all: false, errors: true })));
      else resolve();
    });
  });
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** Serves the built harness at / and the sample annexes at /samples/, on 127.0.0.1 only. */
function serve(outDir: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    if (url === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    const [base, rest] = url.startsWith("/samples/") ? [SAMPLES, url.slice("/samples/".length)] : [outDir, url.slice(1)];
    const file = path.resolve(base, rest);
    if (!file.startsWith(base + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

let outDir: string;
let server: http.Server;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let baseUrl: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (.ci/run does)`);
  fs.mkdirSync(SHOTS, { recursive: true });
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), "annex-harness-"));
  await buildHarness(outDir);
  server = await serve(outDir);
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // chromium.launch runs on a fresh temporary profile (user-data-dir) of its own.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  context = await browser.newContext({ viewport: { width: 400, height: 900 }, locale: "vi-VN" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
  page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(`console: ${message.text()}`);
  });
}, 90_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

const byTestId = (id: string) => page.locator(`[data-testid="${id}"]`);
type FakeApi = HarnessWindow["__fake"];
type Cell = ReturnType<FakeApi["cell"]>;
/** The harness's window.__fake, read from the page (each call is one evaluate). */
const harness = {
  syncCount: () => page.evaluate(() => (window as unknown as HarnessWindow).__fake.syncCount()),
  selection: () => page.evaluate(() => (window as unknown as HarnessWindow).__fake.selection()),
  cell: (address: string): Promise<Cell> =>
    page.evaluate(([sheet, a]) => (window as unknown as HarnessWindow).__fake.cell(sheet, a), [SHEET, address] as const),
  conditionalFormats: () => page.evaluate((sheet) => (window as unknown as HarnessWindow).__fake.conditionalFormats(sheet), SHEET),
  largestRequest: () => page.evaluate(() => (window as unknown as HarnessWindow).__fake.largestRequest()),
  largestResponse: () => page.evaluate(() => (window as unknown as HarnessWindow).__fake.largestResponse()),
};

/** Waits until the pane is idle, then saves a screenshot and checks that no error is shown. */
async function step(name: string): Promise<void> {
  await page.waitForFunction(() => document.querySelector("main")?.getAttribute("aria-busy") !== "true");
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const error = byTestId("error-bar");
  if (await error.count()) throw new Error(`${name}: the pane shows an error: ${await error.innerText()}`);
  expect(pageErrors).toEqual([]);
}

describe("the task pane in Chromium on the fake Excel with the 2020 sample", () => {
  it("recognises, checks, fills, highlights and summarises the annex", async () => {
    await page.goto(`${baseUrl}/harness.html?file=/samples/phu-luc-tang-truong-2020.xlsx`);
    await page.waitForFunction(() => (window as unknown as HarnessWindow).__harnessReady !== undefined);
    expect(await page.evaluate(() => (window as unknown as HarnessWindow).__harnessReady)).toBe(true);
    await byTestId("recognise-button").waitFor();
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
