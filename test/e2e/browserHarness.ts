/**
 * Shared by the end-to-end tests: build the browser harness (test/harness) with the project's
 * webpack config, serve it on 127.0.0.1, and open it in Debian's Chromium through playwright-core.
 *
 * The harness entry of webpack.config.js is built alone (development mode, a filesystem cache in
 * the temp directory so a second run takes ~2 s) into a temp directory served by node:http on
 * 127.0.0.1 with samples/ at /samples/. Test files that run at the same time take turns
 * building (a lock directory beside the cache), so they never write the cache together.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const ROOT = path.resolve(__dirname, "../..");
export const SAMPLES = path.resolve(ROOT, "samples");
export const SHOTS = path.join(__dirname, "screenshots");
export const CHROMIUM = "/usr/bin/chromium";
export const SAMPLE_PAGE = "/harness.html?file=/samples/phu-luc-tang-truong-2020.xlsx";

const CACHE_DIR = path.join(os.tmpdir(), "annex-harness-webpack-cache");

export interface HarnessCell {
  kind: string;
  value?: unknown;
  formula?: string;
  numberFormat: string;
}

/** What the harness page puts on `window` (test/harness/harness.tsx). */
export interface HarnessWindow {
  __harnessReady?: true | string;
  __fake: {
    syncCount(): number;
    largestRequest(): number;
    largestResponse(): number;
    selection(): { sheet: string; address: string } | null;
    cell(sheet: string, address: string): HarnessCell;
    conditionalFormats(sheet: string): { ranges: string[]; formula: string | null; fill: string | null }[];
    hiddenColumns(sheet: string): string[];
    names(): { name: string; formula: string }[];
    userEdit(sheet: string, address: string, input: string | number): void;
    sheetNames(): string[];
    settingKeys(): string[];
  };
}

/** Waits for a lock directory (another jest worker building the harness), then runs `work`. */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  const lock = `${CACHE_DIR}.lock`;
  const started = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A lock left by a killed run is taken over after two minutes.
      const since = fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > 120_000 || Date.now() - started > 120_000) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Builds the harness entry of webpack.config.js into `outDir`. */
export async function buildHarness(outDir: string): Promise<void> {
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
      cacheDirectory: CACHE_DIR,
      buildDependencies: { config: [configPath] },
    },
    infrastructureLogging: { level: "error" },
    stats: "errors-only",
  };
  await withBuildLock(
    () =>
      new Promise<void>((resolve, reject) => {
        const compiler = webpack(build);
        compiler.run((error, stats) => {
          compiler.close(() => {
            if (error) reject(error);
            else if (stats?.hasErrors()) reject(new Error(stats.toString({ all: false, errors: true })));
            else resolve();
          });
        });
      }),
  );
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** Serves the built harness at / and the sample annexes at /samples/, on 127.0.0.1 only. */
export function serve(outDir: string): Promise<http.Server> {
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

/** Debian's Chromium, headless, on a fresh temporary profile of its own. Fails (never skips) when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (.ci/run does)`);
  return chromium.launch({
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
}

/** The built harness, served; `open` starts the browser on it. */
export interface ServedHarness {
  /** e.g. http://127.0.0.1:54321 — the page's origin (for CORS). */
  baseUrl: string;
  close(): Promise<void>;
}

export async function serveHarness(): Promise<ServedHarness> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "annex-harness-"));
  let server: http.Server | undefined;
  try {
    await buildHarness(outDir);
    server = await serve(outDir);
  } catch (error) {
    fs.rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
  const served = server;
  return {
    baseUrl: `http://127.0.0.1:${(served.address() as AddressInfo).port}`,
    async close() {
      served.closeAllConnections();
      await new Promise((resolve) => served.close(resolve));
      fs.rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** A browser page on the harness at the task pane's width, collecting page errors and console errors. */
export interface PaneSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Page errors and console errors; a step fails unless it is empty. */
  pageErrors: string[];
  /** Console errors `expectConsole` accepted, for the test to check. */
  expectedConsole: string[];
  close(): Promise<void>;
}

export interface PaneSessionOptions {
  /** Grant the page clipboard access. */
  clipboard?: boolean;
  /**
   * Console errors that are expected (e.g. Chromium's "Failed to load resource: … 404" for a
   * lookup the pane makes on purpose); they go to `expectedConsole` instead of `pageErrors`.
   */
  expectConsole?: (message: { text: string; url: string }) => boolean;
}

export async function openPaneSession(baseUrl: string, options: PaneSessionOptions = {}): Promise<PaneSession> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 400, height: 900 }, locale: "vi-VN" });
    if (options.clipboard) await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    const expectedConsole: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const seen = { text: message.text(), url: message.location().url };
      if (options.expectConsole?.(seen)) expectedConsole.push(`${seen.text} (${seen.url})`);
      else pageErrors.push(`console: ${seen.text}${seen.url ? ` (${seen.url})` : ""}`);
    });
    return {
      browser,
      context,
      page,
      pageErrors,
      expectedConsole,
      async close() {
        await context.close();
        await browser.close();
      },
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

export const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

/** Opens the harness page at `pagePath` and waits for the pane (fails if the workbook could not be opened). */
export async function openHarnessPage(page: Page, baseUrl: string, pagePath = SAMPLE_PAGE): Promise<void> {
  await page.goto(`${baseUrl}${pagePath}`);
  await page.waitForFunction(() => (window as unknown as HarnessWindow).__harnessReady !== undefined);
  expect(await page.evaluate(() => (window as unknown as HarnessWindow).__harnessReady)).toBe(true);
  await byTestId(page, "recognise-button").waitFor();
}

/** Waits until the pane is idle (main's aria-busy). */
/** Opens a section of the pane: its tab, or the "⋯" menu's item when the tab did not fit. */
export async function openSection(page: Page, id: string): Promise<void> {
  const tab = byTestId(page, `tab-${id}`);
  if (await tab.isVisible()) await tab.click();
  else {
    await byTestId(page, "tabs-more").click();
    await byTestId(page, `tab-menu-${id}`).click();
  }
  await byTestId(page, `panel-${id}`).waitFor();
}

export async function waitIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector("main")?.getAttribute("aria-busy") !== "true");
}

/** A step: waits until the pane is idle, saves screenshots/<name>.png and checks that no error is shown. */
export function stepper(session: Pick<PaneSession, "page" | "pageErrors">): (name: string) => Promise<void> {
  const { page, pageErrors } = session;
  return async (name: string) => {
    await waitIdle(page);
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    const error = byTestId(page, "error-bar");
    if (await error.count()) throw new Error(`${name}: the pane shows an error: ${await error.innerText()}`);
    expect(pageErrors).toEqual([]);
  };
}

/** The harness's window.__fake, read from the page (each call is one evaluate). */
export function fakeExcel(page: Page, sheet: string) {
  return {
    syncCount: () => page.evaluate(() => (window as unknown as HarnessWindow).__fake.syncCount()),
    selection: () => page.evaluate(() => (window as unknown as HarnessWindow).__fake.selection()),
    cell: (address: string): Promise<HarnessCell> =>
      page.evaluate(([s, a]) => (window as unknown as HarnessWindow).__fake.cell(s, a), [sheet, address] as const),
    conditionalFormats: () => page.evaluate((s) => (window as unknown as HarnessWindow).__fake.conditionalFormats(s), sheet),
    hiddenColumns: () => page.evaluate((s) => (window as unknown as HarnessWindow).__fake.hiddenColumns(s), sheet),
    /** A person types into a cell of this sheet: Excel's onChanged reaches the pane. */
    userEdit: (address: string, input: string | number) =>
      page.evaluate(([s, a, i]) => (window as unknown as HarnessWindow).__fake.userEdit(s, a, i), [sheet, address, input] as const),
    sheetNames: () => page.evaluate(() => (window as unknown as HarnessWindow).__fake.sheetNames()),
    settingKeys: () => page.evaluate(() => (window as unknown as HarnessWindow).__fake.settingKeys()),
    names: () => page.evaluate(() => (window as unknown as HarnessWindow).__fake.names()),
    largestRequest: () => page.evaluate(() => (window as unknown as HarnessWindow).__fake.largestRequest()),
    largestResponse: () => page.evaluate(() => (window as unknown as HarnessWindow).__fake.largestResponse()),
  };
}
