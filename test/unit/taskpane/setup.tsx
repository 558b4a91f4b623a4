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
import { analyzeSheet, bandsFromThresholds, type SheetSnapshot, type TableAnalysis } from "../../../src/annex";
import App from "../../../src/taskpane/components/App";
import { DEFAULT_PANE_SETTINGS, type AnnexService, type PaneSettings, type SheetAnalysis } from "../../../src/taskpane/annexService";
import type { Language } from "../../../src/taskpane/i18n";
import { loadWorkbook, workbookSnapshots } from "../../../src/xlsx/readWorkbook";
import { SAMPLE } from "../../helpers/samples";

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

/** What Excel's service does with the settings: bands from the limits, time-aware mode, role corrections. */
export function analyzeWith(snapshot: SheetSnapshot, settings: PaneSettings): TableAnalysis[] {
  return analyzeSheet(snapshot, {
    bands: bandsFromThresholds(settings.thresholds),
    timeAware: settings.timeAware,
    directions: settings.directions,
    roles: settings.roles[snapshot.sheet],
  });
}

export type StubService = { [K in keyof AnnexService]: jest.Mock<ReturnType<AnnexService[K]>, Parameters<AnnexService[K]>> } & {
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
  };
  for (const [name, impl] of Object.entries(overrides)) {
    (service as Record<string, jest.Mock>)[name] = jest.fn(impl as (...args: unknown[]) => unknown);
  }
  return Object.assign(service, { saved: () => settings }) as unknown as StubService;
}

// --- Rendering ----------------------------------------------------------------------------------

export async function renderPane(service: AnnexService, language: Language = "vi") {
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <App service={service} language={language} />
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
  section: "tables" | "fill" | "highlight" | "findings" | "summary",
) {
  const view = await renderPane(service, language);
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
