/**
 * Shared set-up for the task-pane component tests (jsdom): the browser APIs Fluent UI v9 reads
 * that jsdom lacks, a stub AnnexService built on the real engine output for the real sample,
 * and a render helper. Import it first in every pane test file.
 *
 * Test files that load the sample start with
 *   @jest-environment jsdom
 *   @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 * because jsdom's default "browser" export condition makes ExcelJS load uuid's ES-module browser
 * build, which Jest cannot parse; the node builds of React and Fluent UI behave the same in jsdom.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { analyzeSheet, bandsFromThresholds, cellNumber, type SheetSnapshot, type TableAnalysis } from "../../../src/annex";
import App from "../../../src/taskpane/components/App";
import { DEFAULT_PANE_SETTINGS, type AnnexService, type PaneSettings, type SheetAnalysis } from "../../../src/taskpane/annexService";
import type { Language } from "../../../src/taskpane/i18n";
import type {
  DepartmentConfirmation,
  DepartmentRow,
  DepartmentRows,
  LiaisonEdit,
  PaneSyncReport,
  SyncConnection,
  SyncOutcome,
  SyncRequest,
  SyncService,
  SyncStatus,
} from "../../../src/taskpane/syncService";
import { loadWorkbook, workbookSnapshots } from "../../../src/xlsx/readWorkbook";
import { SAMPLE, TASK_SAMPLE } from "../../helpers/samples";

// --- Browser APIs jsdom does not provide ---------------------------------------------------------
if (typeof window !== "undefined") {
  if (!window.matchMedia) {
    Object.defineProperty(window, "matchMedia", {
      configurable: true,
      writable: true,
      value: (query: string) => ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => undefined,
        removeListener: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        dispatchEvent: () => false,
      }),
    });
  }
  if (!("ResizeObserver" in window)) {
    class ResizeObserverStub {
      observe() {}
      unobserve() {}
      disconnect() {}
    }
    Object.defineProperty(window, "ResizeObserver", { configurable: true, writable: true, value: ResizeObserverStub });
    Object.defineProperty(globalThis, "ResizeObserver", { configurable: true, writable: true, value: ResizeObserverStub });
  }
  if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined;
  // jsdom computes styles by matching every Griffel rule in the document against the element, and
  // Fluent's popup positioning (floating-ui) asks for the computed style of every ancestor on each
  // update: seconds per Dropdown opening. The tests never depend on stylesheet-computed styles, so
  // an element's computed style here is its inline style.
  const inlineOnly = document.createElement("div").style;
  Object.defineProperty(window, "getComputedStyle", {
    configurable: true,
    writable: true,
    value: (element: Element, pseudo?: string | null) => (pseudo ? inlineOnly : ((element as HTMLElement).style ?? inlineOnly)),
  });
}

const clone = <T,>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** True when the element (a Fluent button, input…) is disabled. */
export function isDisabled(element: HTMLElement): boolean {
  return (element as HTMLButtonElement).disabled === true || element.getAttribute("aria-disabled") === "true";
}

// --- The real sample through the engine -----------------------------------------------------------
let sample: Promise<SheetSnapshot> | undefined;

/** The sheet of the real 2020 annex that holds the table ("Phụ lục"), read once per test file. */
export function loadSampleSnapshot(): Promise<SheetSnapshot> {
  sample ??= loadWorkbook(SAMPLE).then((workbook) => {
    const sheets = workbookSnapshots(workbook);
    const withTable = sheets.find((s) => analyzeSheet(s).length > 0);
    if (!withTable) throw new Error(`no annex table in ${SAMPLE}`);
    return withTable;
  });
  return sample;
}

/** The day the stub service checks on, as Excel's service takes it from the computer's calendar. */
export const STUB_TODAY = "2023-11-15";

/** What Excel's service does with the settings: bands from the limits, time-aware mode, role corrections, the as-of day. */
export function analyzeWith(snapshot: SheetSnapshot, settings: PaneSettings): TableAnalysis[] {
  return analyzeSheet(snapshot, {
    bands: bandsFromThresholds(settings.thresholds),
    timeAware: settings.timeAware,
    directions: settings.directions,
    roles: settings.roles[snapshot.sheet],
    asOf: settings.asOf,
    today: STUB_TODAY,
  });
}

let taskSample: Promise<SheetSnapshot> | undefined;

/** The sheet of the task-list sample ("Nhiệm vụ 2023"), read once per test file. */
export function loadTaskSampleSnapshot(): Promise<SheetSnapshot> {
  taskSample ??= loadWorkbook(TASK_SAMPLE).then((workbook) => {
    const withTable = workbookSnapshots(workbook).find((s) => analyzeSheet(s).length > 0);
    if (!withTable) throw new Error(`no annex table in ${TASK_SAMPLE}`);
    return withTable;
  });
  return taskSample;
}

export type StubService = {
  [K in keyof AnnexService]-?: jest.Mock<ReturnType<NonNullable<AnnexService[K]>>, Parameters<NonNullable<AnnexService[K]>>>;
} & {
  /** The settings saved last. */
  saved(): PaneSettings;
};

/**
 * A service over one snapshot: analyses with the real engine, remembers settings and whether a
 * fill can be undone. `overrides` replace single methods (to throw, or to return no tables).
 */
export function createStubService(
  snapshot: SheetSnapshot,
  overrides: Partial<AnnexService> = {},
  options: { mergesRead?: boolean } = {},
): StubService {
  let settings: PaneSettings = { ...DEFAULT_PANE_SETTINGS };
  let undoable = 0;
  const service = {
    loadSettings: jest.fn(async () => clone(settings)),
    saveSettings: jest.fn(async (next: PaneSettings) => {
      settings = clone(next);
    }),
    analyzeActiveSheet: jest.fn(async (with_: PaneSettings): Promise<SheetAnalysis> => ({
      sheet: snapshot.sheet,
      tables: analyzeWith(snapshot, with_),
      mergesRead: options.mergesRead ?? true,
    })),
    applyFill: jest.fn(async (analysis: TableAnalysis) => {
      undoable = analysis.plan.writes.length;
      return { written: analysis.plan.writes.length };
    }),
    canUndo: jest.fn(async () => undoable > 0),
    undoFill: jest.fn(async () => {
      const restored = undoable;
      undoable = 0;
      return restored;
    }),
    applyHighlight: jest.fn(async (_analysis: TableAnalysis) => undefined),
    removeHighlight: jest.fn(async () => undefined),
    selectCell: jest.fn(async (_sheet: string, _cell: string) => undefined),
    updateAsOfName: jest.fn(async (_asOf: string) => false),
  };
  for (const [name, impl] of Object.entries(overrides)) {
    (service as Record<string, jest.Mock>)[name] = jest.fn(impl as (...args: unknown[]) => unknown);
  }
  return Object.assign(service, { saved: () => settings }) as unknown as StubService;
}

// --- Rendering ----------------------------------------------------------------------------------

export async function renderPane(service: AnnexService, language: Language = "vi", syncService?: SyncService) {
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <App service={service} syncService={syncService} language={language} />
    </FluentProvider>,
  );
  // The pane reads the settings and the undo state when it opens.
  await waitFor(() => expect(isDisabled(screen.getByTestId("recognise-button"))).toBe(false));
  return view;
}

/** Click "Nhận diện bảng" and wait until the analysis is shown. */
export async function recognise() {
  fireEvent.click(screen.getByTestId("recognise-button"));
  await waitFor(() => expect(isDisabled(screen.getByTestId("recognise-button"))).toBe(false));
}

/** Render, recognise, and open a section. */
export async function openSection(
  service: AnnexService,
  language: Language,
  section: "tables" | "tasks" | "fill" | "highlight" | "findings" | "summary" | "sync" | "department",
  syncService?: SyncService,
) {
  const view = await renderPane(service, language, syncService);
  await recognise();
  await act(async () => {
    fireEvent.click(screen.getByTestId(`tab-${section}`));
  });
  await screen.findByTestId(`panel-${section}`);
  return view;
}

/** Wait until no call is running (every button that depends only on busy is enabled again). */
export async function settle() {
  await waitFor(() => expect(isDisabled(screen.getByTestId("recognise-button"))).toBe(false));
}

// --- The shared-list sync ----------------------------------------------------------------------

export type StubSyncService = { [K in keyof SyncService]: jest.Mock<ReturnType<SyncService[K]>, Parameters<SyncService[K]>> };

/** A sync report with every count at zero, at a fixed time. */
export function syncReport(patch: Partial<PaneSyncReport> = {}): PaneSyncReport {
  return {
    created: 0,
    updated: 0,
    pulled: 0,
    conflicts: [],
    deletedRemotely: [],
    requests: 0,
    writeRequests: 0,
    keysAssigned: 0,
    skipped: 0,
    failed: 0,
    outboxRemaining: 0,
    listCreated: false,
    cellsWritten: 0,
    at: "2020-10-01T08:00:00.000Z",
    interrupted: null,
    ...patch,
  };
}

/** One list item per non-section row of the recognised sample table, as the list would hold it. */
export function departmentRowsOf(analysis: TableAnalysis): DepartmentRow[] {
  const plan = analysis.table.columns.find((c) => c.role === "value");
  const estimate = analysis.table.columns.filter((c) => c.role === "value")[1];
  return analysis.table.rows
    .filter((r) => r.kind !== "section")
    .map((r, i) => {
      const n = (column: number | undefined) => (column === undefined ? null : (cellNumber(analysis.table, r.row, column)?.value ?? null));
      return {
        rowKey: `key-${r.row}`,
        itemId: String(i + 1),
        ordinal: r.ordinal || null,
        title: r.name,
        unit: r.unit || null,
        lead: r.lead || null,
        plan: n(plan?.column),
        estimate: n(estimate?.column),
        note: null,
        confirmed: false,
        confirmedBy: null,
        confirmedAt: null,
      };
    });
}

/**
 * A sync service over a list of department rows: connects, asks for the key column on the first
 * sync, then reports; filters rows by lead; applies liaison edits to its rows. `overrides`
 * replace single methods.
 */
export function createStubSyncService(rows: DepartmentRow[] = [], overrides: Partial<SyncService> = {}): StubSyncService {
  let status: SyncStatus = { saved: null, connected: false, user: null, lastSync: null, sheet: null, keyColumn: null };
  let keyed = false;
  const list = rows.map((r) => ({ ...r }));
  const service = {
    status: jest.fn(async () => ({ ...status })),
    connect: jest.fn(async (c: SyncConnection) => {
      status = {
        ...status,
        connected: true,
        saved: { kind: c.kind, listUrl: c.listUrl, clientId: c.clientId ?? null },
        user: c.kind === "sharepoint" ? "Nguyễn Thị Lan" : null,
      };
      return { ...status };
    }),
    sync: jest.fn(async (request: SyncRequest): Promise<SyncOutcome> => {
      if (!keyed && !request.allowKeyColumn) {
        return {
          kind: "needsKeyColumn",
          keyColumn: {
            sheet: request.target.sheet,
            column: "J",
            label: "Mã đồng bộ",
            labelRow: 6,
            rows: list.length,
            firstRow: 7,
            lastRow: 36,
          },
        };
      }
      const first = !keyed;
      keyed = true;
      const report = syncReport(
        first
          ? { created: list.length, keysAssigned: list.length, listCreated: true, requests: 4, writeRequests: list.length }
          : { requests: 1 },
      );
      status = { ...status, lastSync: report.at, sheet: request.target.sheet, keyColumn: "J" };
      return { kind: "synced", report };
    }),
    departmentRows: jest.fn(async (lead: string): Promise<DepartmentRows> => ({
      lead,
      planLabel: "Kế hoạch năm 2020",
      estimateLabel: "Quý III › Ước thực hiện đến 9 tháng",
      rows: list.filter((r) => r.lead === lead).map((r) => ({ ...r })),
    })),
    saveLiaisonEdit: jest.fn(async (rowKey: string, edit: LiaisonEdit): Promise<DepartmentRow> => {
      const row = list.find((r) => r.rowKey === rowKey);
      if (!row) throw new Error(`no row ${rowKey}`);
      if (edit.estimate !== undefined) row.estimate = edit.estimate;
      if (edit.note !== undefined) row.note = edit.note;
      if (edit.confirmed !== undefined) {
        row.confirmed = edit.confirmed;
        row.confirmedBy = edit.confirmed ? (edit.by ?? null) : null;
        row.confirmedAt = edit.confirmed ? "2020-10-02T09:30:00Z" : null;
      }
      return { ...row };
    }),
    confirmations: jest.fn(async (): Promise<DepartmentConfirmation[]> => {
      const groups = new Map<string, DepartmentConfirmation>();
      for (const r of list) {
        const lead = r.lead ?? "";
        const g = groups.get(lead) ?? { lead, rows: 0, confirmed: 0, lastConfirmedAt: null, by: null };
        g.rows++;
        if (r.confirmed) {
          g.confirmed++;
          g.lastConfirmedAt = r.confirmedAt;
          g.by = r.confirmedBy;
        }
        groups.set(lead, g);
      }
      return [...groups.values()];
    }),
  };
  for (const [name, impl] of Object.entries(overrides)) {
    (service as Record<string, jest.Mock>)[name] = jest.fn(impl as (...args: unknown[]) => unknown);
  }
  return service as unknown as StubSyncService;
}
