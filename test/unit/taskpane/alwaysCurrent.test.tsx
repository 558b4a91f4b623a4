/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * Always current: with a service that hears Excel's events the pane recognises the sheet when it
 * opens, analyses again (once, after the changes settle) when a person edits the analysed table
 * or switches sheets, marks its results as possibly out of date when the edit comes during an
 * action of theirs, and stops listening when it closes.
 */
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { SheetSnapshot } from "../../../src/annex";
import type { AnnexService, WorkbookChange, WorkbookWatch } from "../../../src/taskpane/annexService";
import App from "../../../src/taskpane/components/App";
import { REFRESH_DELAY_MS } from "../../../src/taskpane/components/useWorkbookWatch";
import type { Language } from "../../../src/taskpane/i18n";
import { createStubService, isDisabled, loadSampleSnapshot, settle, type StubService } from "./setup";

let snapshot: SheetSnapshot;
beforeAll(async () => {
  snapshot = await loadSampleSnapshot();
});

const SHEET = "Phụ lục";

/** A stub service that also hears the workbook: `watch` is what the pane registered, `stop` removes it. */
function watchableService(overrides: Partial<AnnexService> = {}) {
  const heard: { watch: WorkbookWatch | null } = { watch: null };
  const stop = jest.fn(async () => {
    heard.watch = null;
  });
  const service = createStubService(snapshot, overrides) as StubService & { watchWorkbook: jest.Mock };
  service.watchWorkbook = jest.fn(async (watch: WorkbookWatch) => {
    heard.watch = watch;
    return stop;
  });
  return { service, heard, stop };
}

function renderPane(service: AnnexService, language: Language = "vi") {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App service={service} language={language} />
    </FluentProvider>,
  );
}

const edit = (address: string, patch: Partial<WorkbookChange> = {}): WorkbookChange => ({
  sheet: SHEET,
  address,
  changeType: "RangeEdited",
  touchesAnalysis: true,
  byThisAddIn: false,
  ...patch,
});

/** Lets the debounce run out (and a little more), then waits for the pane to be idle. */
async function afterDebounce() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, REFRESH_DELAY_MS + 150));
  });
  await settle();
}

describe("always current", () => {
  it("recognises the sheet when the pane opens, after the settings are read, without a click", async () => {
    const { service } = watchableService();
    renderPane(service);
    await screen.findByTestId("table-range");
    expect(screen.getByTestId("table-range").textContent).toBe("A4:I36");
    expect(service.analyzeActiveSheet).toHaveBeenCalledTimes(1);
    expect(service.loadSettings.mock.invocationCallOrder[0]).toBeLessThan(service.analyzeActiveSheet.mock.invocationCallOrder[0]);
    expect(service.watchWorkbook).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("recognise-button").textContent).toBe("Nhận diện lại");
  });

  it("analyses again once after edits to the table settle; ignores its own writes, other sheets and cells away from the table", async () => {
    const { service, heard } = watchableService();
    renderPane(service);
    await screen.findByTestId("table-range");
    await settle();

    act(() => {
      heard.watch!.sheetChanged!(edit("H20"));
      heard.watch!.sheetChanged!(edit("G21"));
      heard.watch!.sheetChanged!(edit("H21"));
    });
    expect(service.analyzeActiveSheet).toHaveBeenCalledTimes(1); // not before the changes settle
    await afterDebounce();
    expect(service.analyzeActiveSheet).toHaveBeenCalledTimes(2);

    act(() => {
      heard.watch!.sheetChanged!(edit("H20", { byThisAddIn: true }));
      heard.watch!.sheetChanged!(edit("Z200", { touchesAnalysis: false }));
      heard.watch!.sheetChanged!(edit("A1", { sheet: "Ghi chú" }));
    });
    await afterDebounce();
    expect(service.analyzeActiveSheet).toHaveBeenCalledTimes(2);
    expect(screen.queryByTestId("stale-bar")).toBeNull();
  });

  it("analyses the sheet a person switches to", async () => {
    const { service, heard } = watchableService();
    renderPane(service);
    await screen.findByTestId("table-range");
    await settle();
    service.analyzeActiveSheet.mockResolvedValueOnce({ sheet: "Ghi chú", tables: [], mergesRead: true });
    act(() => heard.watch!.activeSheetChanged!("Ghi chú"));
    await afterDebounce();
    expect(service.analyzeActiveSheet).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId("no-annex").textContent).toContain("«Ghi chú»");
  });

  it.each([
    ["vi", "Kết quả có thể đã cũ", "Kiểm tra lại"],
    ["en", "The results may be out of date", "Check again"],
  ] as const)(
    "marks the results as possibly out of date when the table changes during an action, and checks again (%s)",
    async (language, title, button) => {
      let finishHighlight: () => void = () => undefined;
      const { service, heard } = watchableService({
        applyHighlight: () =>
          new Promise<void>((resolve) => {
            finishHighlight = resolve;
          }),
      });
      renderPane(service, language);
      await screen.findByTestId("table-range");
      await settle();
      await act(async () => {
        fireEvent.click(screen.getByTestId("tab-highlight"));
      });
      await act(async () => {
        fireEvent.click(screen.getByTestId("highlight-apply"));
      });
      expect(isDisabled(screen.getByTestId("recognise-button"))).toBe(true);

      act(() => heard.watch!.sheetChanged!(edit("H20")));
      await act(async () => {
        await new Promise((resolve) => setTimeout(resolve, REFRESH_DELAY_MS + 150));
      });
      await act(async () => finishHighlight());
      await settle();
      await act(async () => {
        await new Promise((resolve) => setTimeout(resolve, REFRESH_DELAY_MS + 150));
      });
      // Not queued behind the person's action: no analysis after it, the results are marked instead.
      expect(service.analyzeActiveSheet).toHaveBeenCalledTimes(1);
      const bar = screen.getByTestId("stale-bar");
      expect(bar.textContent).toContain(title);
      expect(screen.getByTestId("stale-check-again").textContent).toBe(button);

      await act(async () => {
        fireEvent.click(screen.getByTestId("stale-check-again"));
      });
      await settle();
      expect(service.analyzeActiveSheet).toHaveBeenCalledTimes(2);
      expect(screen.queryByTestId("stale-bar")).toBeNull();
    },
  );

  it("removes its handlers when the pane closes, and analyses nothing after", async () => {
    const { service, heard, stop } = watchableService();
    const view = renderPane(service);
    await screen.findByTestId("table-range");
    await settle();
    const watch = heard.watch!;
    act(() => watch.sheetChanged!(edit("H20")));
    view.unmount();
    await waitFor(() => expect(stop).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, REFRESH_DELAY_MS + 150));
    expect(service.analyzeActiveSheet).toHaveBeenCalledTimes(1);
  });

  it("without events (the tests' stub), waits for the Recognise button as before", async () => {
    const service = createStubService(snapshot);
    renderPane(service);
    await settle();
    expect(service.analyzeActiveSheet).not.toHaveBeenCalled();
    expect(screen.getByTestId("recognise-button").textContent).toBe("Nhận diện bảng");
  });
});
