/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import type { SheetSnapshot } from "../../../src/annex";
import { PaneError, type SheetAnalysis } from "../../../src/taskpane/annexService";
import { createStubService, isDisabled, loadSampleSnapshot, openSection, recognise, renderPane, settle } from "./setup";

let snapshot: SheetSnapshot;
beforeAll(async () => {
  snapshot = await loadSampleSnapshot();
});

const editMode = new PaneError(
  "Excel đang ở chế độ sửa ô. Nhấn Enter hoặc Esc để kết thúc việc sửa ô, rồi thử lại.",
  "Excel is editing a cell. Press Enter or Esc to finish editing, then try again.",
);

describe("the pane", () => {
  it("shows the header and the recognise button, and loads the settings and undo state on opening (Vietnamese)", async () => {
    const service = createStubService(snapshot);
    await renderPane(service, "vi");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Trợ lý Phụ lục");
    expect(screen.getByTestId("recognise-button").textContent).toBe("Nhận diện bảng");
    expect(service.loadSettings).toHaveBeenCalledTimes(1);
    expect(service.canUndo).toHaveBeenCalled();
    expect(service.analyzeActiveSheet).not.toHaveBeenCalled();
    expect(screen.queryByRole("tablist")).toBeNull();

    await recognise();
    expect(service.analyzeActiveSheet).toHaveBeenCalledWith({ thresholds: [100, 90, 50], timeAware: false, directions: {}, roles: {} });
    expect(screen.getByRole("tablist", { name: "Các phần của trợ lý" })).toBeTruthy();
    // (Fluent repeats an unselected tab's label, hidden, to reserve its bold width: compare the start.)
    const labels = ["tables", "fill", "highlight", "findings", "summary"].map((id) => screen.getByTestId(`tab-${id}`).textContent ?? "");
    ["Bảng", "Điền", "Tô màu", "Kiểm tra 3", "Tóm tắt"].forEach((label, i) => expect(labels[i].startsWith(label)).toBe(true));
    expect(screen.getByTestId("recognise-button").textContent).toBe("Nhận diện lại");
  });

  it("analyses with the settings saved in the workbook", async () => {
    const saved = { thresholds: [100, 80, 40], timeAware: true, directions: {}, roles: { "Phụ lục": { H: "note" as const } } };
    const service = createStubService(snapshot, { loadSettings: async () => saved });
    await renderPane(service, "en");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Annex Assistant");
    await recognise();
    expect(service.analyzeActiveSheet).toHaveBeenCalledWith(saved);
  });

  it.each([
    ["vi", editMode.vi],
    ["en", editMode.en],
  ] as const)("shows a PaneError in an error MessageBar that can be dismissed (%s)", async (language, text) => {
    const service = createStubService(snapshot, {
      analyzeActiveSheet: async () => {
        throw editMode;
      },
    });
    await renderPane(service, language);
    await recognise();
    const bar = screen.getByTestId("error-bar");
    expect(bar.textContent).toContain(text);
    expect(bar.textContent).not.toContain(language === "vi" ? editMode.en : editMode.vi);
    expect(screen.queryByRole("tablist")).toBeNull();
    fireEvent.click(screen.getByTestId("error-bar-dismiss"));
    expect(screen.queryByTestId("error-bar")).toBeNull();
  });

  it.each([
    ["vi", "Đã xảy ra lỗi không mong muốn."],
    ["en", "Something unexpected went wrong."],
  ] as const)("shows a generic message, never the stack, for an unexpected error (%s)", async (language, text) => {
    const log = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const service = createStubService(snapshot, {
      analyzeActiveSheet: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'values')");
      },
    });
    await renderPane(service, language);
    await recognise();
    const bar = screen.getByTestId("error-bar");
    expect(bar.textContent).toContain(text);
    expect(bar.textContent).not.toContain("Cannot read");
    expect(bar.textContent).not.toMatch(/TypeError|\.tsx?:\d+|\bat \S+ \(/);
    expect(log).toHaveBeenCalled(); // logged for support, not swallowed
    log.mockRestore();
  });

  it("shows a failed fill as an error and writes no confirmation", async () => {
    const service = createStubService(snapshot, {
      applyFill: async () => {
        throw editMode;
      },
    });
    await openSection(service, "vi", "fill");
    await act(async () => {
      fireEvent.click(screen.getByTestId("fill-apply"));
    });
    await settle();
    expect(screen.getByTestId("error-bar").textContent).toContain(editMode.vi);
    expect(screen.queryByTestId("notice-bar")).toBeNull();
  });

  it("still recognises with the default settings when they cannot be read, and says so", async () => {
    const unreadable = new PaneError("Không đọc được cài đặt của tệp.", "The file's settings could not be read.");
    const service = createStubService(snapshot, {
      loadSettings: async () => {
        throw unreadable;
      },
    });
    await renderPane(service, "vi");
    expect(screen.getByTestId("error-bar").textContent).toContain("Không đọc được cài đặt của tệp.");
    await recognise();
    expect(service.analyzeActiveSheet).toHaveBeenCalledWith(expect.objectContaining({ thresholds: [100, 90, 50] }));
    expect(screen.getByTestId("error-bar").textContent).toContain("Không đọc được cài đặt của tệp.");
    expect(screen.getByRole("tablist")).toBeTruthy();
  });

  it.each([
    ["vi", "Không tìm thấy bảng phụ lục nào trên trang tính «Trang tính1»."],
    ["en", "No annex table was found on sheet “Trang tính1”."],
  ] as const)("says there is no annex (information, not an error) when the sheet has no table (%s)", async (language, text) => {
    const service = createStubService(snapshot, {
      analyzeActiveSheet: async () => ({ sheet: "Trang tính1", tables: [], mergesRead: true }),
    });
    await renderPane(service, language);
    await recognise();
    expect(screen.getByTestId("no-annex").textContent).toContain(text);
    expect(screen.queryByTestId("error-bar")).toBeNull();
    expect(screen.queryByRole("tablist")).toBeNull();
  });

  it("shows progress for a slow call and disables the buttons until it ends", async () => {
    let finish: (analysis: SheetAnalysis) => void = () => undefined;
    const service = createStubService(snapshot, {
      analyzeActiveSheet: () => new Promise<SheetAnalysis>((resolve) => (finish = resolve)),
    });
    await renderPane(service, "vi");
    fireEvent.click(screen.getByTestId("recognise-button"));
    expect(isDisabled(screen.getByTestId("recognise-button"))).toBe(true);
    const progress = await screen.findByTestId("progress", {}, { timeout: 2000 });
    expect(progress.textContent).toContain("Đang nhận diện bảng…");
    // A second click while busy does nothing.
    fireEvent.click(screen.getByTestId("recognise-button"));
    expect(service.analyzeActiveSheet).toHaveBeenCalledTimes(1);
    await act(async () => {
      finish({ sheet: "Trang tính1", tables: [], mergesRead: true });
    });
    await waitFor(() => expect(screen.queryByTestId("progress")).toBeNull());
    expect(isDisabled(screen.getByTestId("recognise-button"))).toBe(false);
  });
});
