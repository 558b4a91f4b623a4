/**
 * The browser harness: the real task pane and the real Excel service, on the fake Excel.
 *
 *   npm run dev-server  →  https://localhost:3000/harness.html?file=/samples/phu-luc-tang-truong-2020.xlsx
 *
 * The workbook comes from, in order:
 *  - `window.__HARNESS_WORKBOOK__` (fake workbook data injected before the page loads, e.g. by
 *    Playwright's `addInitScript`);
 *  - `?file=<url of an .xlsx>`: fetched and opened with ExcelJS's browser build, loaded on demand
 *    (the dev server serves samples/ at /samples);
 *  - `?rows=<n>`: a generated realistic annex of n rows (test/fakes/excel/realisticAnnex.ts);
 *  - otherwise a realistic annex of 50 rows.
 * `?sheet=` picks the active sheet, `?lang=en` the pane's language, `?width=320` the pane's width
 * in pixels (350 by default, the width of Excel's task pane).
 *
 * The fake is installed as the globals `Excel`, `Office` and `OfficeExtension` before the pane
 * renders, and `window.__fake` lets a test look inside (syncs, payload sizes, selection, cells,
 * conditional formats, hidden columns, defined names) and inject failures.
 *
 * The pane gets the Excel annex service and the Excel sync service exactly as
 * src/taskpane/index.tsx makes them (so the "Đồng bộ" and "Đơn vị" tabs talk to a real list
 * server with the browser's own fetch, e.g. `npm run list-server` or a test's server on loopback).
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { cellAddress, columnLetter, parseAreaAddress } from "../../src/annex/snapshot";
import { createExcelAnnexService } from "../../src/excel/annexService";
import { createExcelSyncService } from "../../src/excel/syncService";
import type { SheetAnalyzer } from "../../src/taskpane/annexService";
import App from "../../src/taskpane/components/App";
import { startAnalysisWorker } from "../../src/taskpane/worker/startAnalysisWorker";
import { createWorkerAnalyzer } from "../../src/taskpane/worker/workerAnalyzer";
import { createFakeExcel, installFakeOffice, userEdit, type FakeExcelHost, type FakeWorkbookData, type SyncRecord } from "../fakes/excel";
import { fakeWorkbookFromExcelJs } from "../fakes/excel/fromExcelJs";
import { realisticAnnex } from "../fakes/excel/realisticAnnex";

/** What a cell holds, as a test reads it. */
export interface HarnessCell {
  kind: string;
  value?: unknown;
  formula?: string;
  numberFormat: string;
}

export interface HarnessApi {
  host: FakeExcelHost;
  syncCount(): number;
  syncs(): SyncRecord[];
  largestRequest(): number;
  largestResponse(): number;
  activeSheet(): string | null;
  /** The selected range on its sheet, e.g. { sheet: "Phụ lục", address: "H20" }. */
  selection(): { sheet: string; address: string } | null;
  cell(sheet: string, address: string): HarnessCell;
  conditionalFormats(sheet: string): { ranges: string[]; formula: string | null; fill: string | null }[];
  /** Letters of the hidden columns of a sheet, e.g. ["J"]. */
  hiddenColumns(sheet: string): string[];
  /** The workbook's defined names, e.g. [{ name: "AnnexAsOf", formula: "=DATE(2023,9,30)" }]. */
  names(): { name: string; formula: string }[];
  failNextSync(code: string): void;
  /** A person types `input` into a cell and presses Enter: the workbook changes and Excel's onChanged is raised. */
  userEdit(sheet: string, address: string, input: string | number): void;
  /** Every sheet's name, the very hidden ones too (e.g. "_annex_sync"). */
  sheetNames(): string[];
  /** The keys of the workbook's settings (Office.context.document.settings). */
  settingKeys(): string[];
}

declare global {
  interface Window {
    __HARNESS_WORKBOOK__?: FakeWorkbookData;
    __fake?: HarnessApi;
    /** Set once the pane has rendered; an error text if the workbook could not be opened. */
    __harnessReady?: true | string;
  }
}

async function workbookData(params: URLSearchParams): Promise<FakeWorkbookData> {
  if (window.__HARNESS_WORKBOOK__) return window.__HARNESS_WORKBOOK__;
  const file = params.get("file");
  if (file) {
    const response = await fetch(file);
    if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
    const { default: ExcelJS } = await import(/* webpackChunkName: "exceljs" */ "exceljs/dist/exceljs.min.js");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    return fakeWorkbookFromExcelJs(workbook);
  }
  return realisticAnnex(Number(params.get("rows") ?? 50) || 50);
}

function harnessApi(host: FakeExcelHost): HarnessApi {
  const sheetState = (name: string) => {
    const sheet = host.workbook.sheet(name);
    if (!sheet) throw new Error(`harness: no sheet ${name}`);
    return sheet;
  };
  return {
    host,
    syncCount: () => host.syncCount,
    syncs: () => host.syncs.map((s) => ({ ...s })),
    largestRequest: () => Math.max(0, ...host.syncs.map((s) => s.requestBytes)),
    largestResponse: () => Math.max(0, ...host.syncs.map((s) => s.responseBytes)),
    activeSheet: () => (host.workbook.activeSheetId ? (host.workbook.sheetById(host.workbook.activeSheetId)?.name ?? null) : null),
    selection: () => {
      const sel = host.workbook.selection;
      if (!sel) return null;
      const sheet = host.workbook.sheetById(sel.sheetId);
      const { top, left, bottom, right } = sel.area;
      const address = top === bottom && left === right ? cellAddress(top, left) : `${cellAddress(top, left)}:${cellAddress(bottom, right)}`;
      return sheet ? { sheet: sheet.name, address } : null;
    },
    cell: (sheet, address) => {
      const { top, left } = parseAreaAddress(address);
      const cell = sheetState(sheet).peek(top, left);
      const content = cell?.content ?? { kind: "empty" as const };
      const numberFormat = cell?.numberFormat ?? "General";
      if (content.kind === "formula") return { kind: "formula", formula: content.formula, value: content.cached, numberFormat };
      if (content.kind === "empty") return { kind: "empty", numberFormat };
      return { kind: content.kind, value: content.value, numberFormat };
    },
    conditionalFormats: (sheet) =>
      sheetState(sheet).conditionalFormats.map((cf) => ({
        ranges: cf.areas.map((a) =>
          a.top === a.bottom && a.left === a.right
            ? cellAddress(a.top, a.left)
            : `${cellAddress(a.top, a.left)}:${cellAddress(a.bottom, a.right)}`,
        ),
        formula: cf.formula,
        fill: cf.fill,
      })),
    hiddenColumns: (sheet) => [...sheetState(sheet).hiddenColumns].sort((a, b) => a - b).map(columnLetter),
    names: () => [...host.workbook.names.values()].map(({ name, formula }) => ({ name, formula })),
    failNextSync: (code) => host.failNextSync(code),
    userEdit: (sheet, address, input) => userEdit(host, sheet, address, input),
    sheetNames: () => host.workbook.sheets.map((sheet) => sheet.name),
    settingKeys: () => [...host.workbook.settings.keys()],
  };
}

/**
 * Marks when the Excel read ends and the analysis starts ("annex:read-done") and when the worker
 * answers ("annex:analysed"), so a test can tell the fake Excel's work on the page's thread from
 * the pane's.
 */
function markedAnalyzer(analyze: SheetAnalyzer): SheetAnalyzer {
  return async (snapshot, options) => {
    performance.mark("annex:read-done");
    const tables = await analyze(snapshot, options);
    performance.mark("annex:analysed");
    return tables;
  };
}

async function main(): Promise<void> {
  const container = document.getElementById("container")!;
  const params = new URLSearchParams(window.location.search);
  const width = Number(params.get("width"));
  if (width > 0) container.style.width = `${width}px`;
  try {
    const data = await workbookData(params);
    const sheet = params.get("sheet");
    const host = createFakeExcel(sheet ? { ...data, activeSheet: sheet } : data);
    installFakeOffice(host);
    window.__fake = harnessApi(host);
    const language = params.get("lang") === "en" ? "en" : "vi";
    document.documentElement.lang = language;
    createRoot(container).render(
      <FluentProvider theme={webLightTheme}>
        <App
          service={createExcelAnnexService({ analyze: markedAnalyzer(createWorkerAnalyzer(startAnalysisWorker)) })}
          syncService={createExcelSyncService()}
          language={language}
        />
      </FluentProvider>,
    );
    window.__harnessReady = true;
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    container.textContent = `Harness: could not open the workbook — ${text}`;
    container.setAttribute("data-testid", "harness-error");
    window.__harnessReady = text;
  }
}

void main();
