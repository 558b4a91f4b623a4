/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import type { SheetSnapshot } from "../../../src/annex";
import { DEFAULT_PANE_SETTINGS } from "../../../src/taskpane/annexService";
import { analyzeWith, createStubService, loadSampleSnapshot, openSection } from "./setup";

let snapshot: SheetSnapshot;
let text: string;
let textEn: string;
beforeAll(async () => {
  snapshot = await loadSampleSnapshot();
  ({ text, textEn } = analyzeWith(snapshot, DEFAULT_PANE_SETTINGS)[0].summary);
});

let writeText: jest.Mock;
const originalExecCommand = document.execCommand;
beforeEach(() => {
  writeText = jest.fn(async (_text: string) => undefined);
  Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText } });
});
afterEach(() => {
  document.execCommand = originalExecCommand;
});

const summaryBox = () => screen.getByTestId("summary-text") as HTMLTextAreaElement;

describe("Tóm tắt (summary)", () => {
  it("shows the paragraph read-only and copies it to the clipboard (Vietnamese)", async () => {
    await openSection(createStubService(snapshot), "vi", "summary");
    expect(summaryBox().tagName).toBe("TEXTAREA");
    expect(summaryBox().readOnly).toBe(true);
    expect(summaryBox().value.startsWith("Trong tổng số 22 chỉ tiêu: 01/22 chỉ tiêu đạt và vượt kế hoạch: Tổng lượt khách du lịch;")).toBe(
      true,
    );
    expect(summaryBox().value).toBe(text);
    expect(screen.getByLabelText("Đoạn tóm tắt kết quả thực hiện")).toBe(summaryBox());

    expect(screen.getByTestId("copy-button").textContent).toBe("Sao chép");
    await act(async () => {
      fireEvent.click(screen.getByTestId("copy-button"));
    });
    expect(writeText).toHaveBeenCalledWith(text);
    expect(screen.getByTestId("copy-confirmation").textContent).toContain("Đã sao chép đoạn tóm tắt.");
  });

  it("shows and copies the English paragraph in English mode", async () => {
    await openSection(createStubService(snapshot), "en", "summary");
    expect(summaryBox().value.startsWith("Of 22 indicators: 1/22 met or exceeded the plan: Tổng lượt khách du lịch;")).toBe(true);
    expect(screen.getByTestId("copy-button").textContent).toBe("Copy");
    await act(async () => {
      fireEvent.click(screen.getByTestId("copy-button"));
    });
    expect(writeText).toHaveBeenCalledWith(textEn);
    expect(screen.getByTestId("copy-confirmation").textContent).toContain("Copied the summary.");
  });

  it("falls back to selecting the text and execCommand('copy') when the clipboard is denied", async () => {
    writeText.mockRejectedValue(new DOMException("denied", "NotAllowedError"));
    const execCommand = jest.fn((command: string) => {
      const box = summaryBox();
      return command === "copy" && box.selectionStart === 0 && box.selectionEnd === box.value.length;
    });
    document.execCommand = execCommand as unknown as typeof document.execCommand;
    await openSection(createStubService(snapshot), "vi", "summary");
    await act(async () => {
      fireEvent.click(screen.getByTestId("copy-button"));
    });
    expect(writeText).toHaveBeenCalled();
    expect(execCommand).toHaveBeenCalledWith("copy");
    await waitFor(() => expect(screen.getByTestId("copy-confirmation")).toBeTruthy());
  });

  it("says so when nothing could copy the text (English)", async () => {
    Object.defineProperty(navigator, "clipboard", { configurable: true, value: undefined });
    document.execCommand = jest.fn(() => false) as unknown as typeof document.execCommand;
    await openSection(createStubService(snapshot), "en", "summary");
    await act(async () => {
      fireEvent.click(screen.getByTestId("copy-button"));
    });
    expect(screen.getByTestId("copy-failed").textContent).toContain("Select the text and press Ctrl+C.");
    expect(screen.queryByTestId("copy-confirmation")).toBeNull();
  });

  it("names at most 10 indicators per band in the paragraph and lists them all behind “Xem tất cả”", async () => {
    const names = Array.from({ length: 1200 }, (_, i) => `Chỉ tiêu số ${i + 1}`);
    const service = createStubService(snapshot, {
      analyzeActiveSheet: async (settings) => ({
        sheet: snapshot.sheet,
        tables: analyzeWith(snapshot, settings).map((t) => ({
          ...t,
          summary: {
            ...t.summary,
            text: "Trong tổng số 1.200 chỉ tiêu: 1.200/1.200 chỉ tiêu đạt dưới 50% kế hoạch: … và 1.190 chỉ tiêu khác.",
            bands: t.summary.bands.map((b) =>
              b.band === "duoi-50" ? { ...b, count: 1200, indicators: names } : { ...b, count: 0, indicators: [] },
            ),
          },
        })),
        mergesRead: true,
      }),
    });
    await openSection(service, "vi", "summary");
    expect(summaryBox().value).toContain("… và 1.190 chỉ tiêu khác");
    const toggle = screen.getByTestId("summary-all-toggle");
    expect(toggle.textContent).toBe("Xem tất cả");
    expect(screen.queryByTestId("summary-band-duoi-50")).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    const band = screen.getByTestId("summary-band-duoi-50");
    expect(band.querySelector("h2")?.textContent).toBe("Đạt dưới 50% (1.200)");
    expect(band.querySelectorAll("li")).toHaveLength(50);
    expect(band.querySelector("li")?.textContent).toBe("Chỉ tiêu số 1");
    fireEvent.click(screen.getByTestId("summary-band-duoi-50-pager-next"));
    expect(band.querySelector("li")?.textContent).toBe("Chỉ tiêu số 51");
    expect(screen.getByTestId("summary-band-duoi-50-pager-range").textContent).toBe("51–100 / 1.200");
  });
});
