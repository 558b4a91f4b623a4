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
});
