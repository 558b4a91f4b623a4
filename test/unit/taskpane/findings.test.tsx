/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { act, fireEvent, screen, within } from "@testing-library/react";
import type { SheetSnapshot } from "../../../src/annex";
import { analyzeWith, createStubService, loadSampleSnapshot, openSection } from "./setup";
import { DEFAULT_PANE_SETTINGS } from "../../../src/taskpane/annexService";

let snapshot: SheetSnapshot;
beforeAll(async () => {
  snapshot = await loadSampleSnapshot();
});

describe("Kiểm tra (findings)", () => {
  it("lists H20 under Lỗi with 3 errors, 5 warnings, 6 notes and selects the cell when clicked (Vietnamese)", async () => {
    const service = createStubService(snapshot);
    await openSection(service, "vi", "findings");

    const errors = screen.getByTestId("findings-error");
    expect(within(errors).getByRole("heading").textContent).toContain("Lỗi");
    expect(screen.getByTestId("findings-count-error").textContent).toBe("3");
    expect(screen.getByTestId("findings-count-warning").textContent).toBe("5");
    expect(screen.getByTestId("findings-count-info").textContent).toBe("6");
    expect(within(screen.getByTestId("findings-warning")).getByRole("heading").textContent).toContain("Cảnh báo");
    expect(within(screen.getByTestId("findings-info")).getByRole("heading").textContent).toContain("Lưu ý");
    expect(screen.getByTestId("findings-totals").textContent).toBe("3 lỗi, 5 cảnh báo, 6 lưu ý");
    // The tab shows the number of errors.
    expect(screen.getByTestId("tab-findings").textContent).toContain("3");

    const h20 = within(errors).getByTestId("finding-H20");
    expect(h20.tagName).toBe("BUTTON"); // a native button: focusable, Enter and Space click it
    expect(h20.textContent).toContain("Sai cột 7 (= 5-4): theo số liệu phải là 3.527,2, đang ghi 95,51.");
    expect(
      within(errors)
        .getAllByRole("button")
        .map((b) => b.getAttribute("data-testid")),
    ).toEqual(["finding-H20", "finding-G21", "finding-H21"]);
    expect(within(screen.getByTestId("findings-info")).getByTestId("finding-H33").textContent).toContain("Phần đầu đạt mức cao nhất");
    expect(screen.queryByTestId("all-clear")).toBeNull();

    await act(async () => {
      fireEvent.click(h20);
    });
    expect(service.selectCell).toHaveBeenCalledWith("Phụ lục", "H20");
  });

  it("shows the English messages and headings in English mode", async () => {
    const service = createStubService(snapshot);
    await openSection(service, "en", "findings");

    const errors = screen.getByTestId("findings-error");
    expect(within(errors).getByRole("heading").textContent).toContain("Errors");
    expect(within(screen.getByTestId("findings-warning")).getByRole("heading").textContent).toContain("Warnings");
    expect(within(screen.getByTestId("findings-info")).getByRole("heading").textContent).toContain("Notes");
    expect(screen.getByTestId("findings-totals").textContent).toBe("3 errors, 5 warnings, 6 notes");
    const h20 = within(errors).getByTestId("finding-H20");
    expect(h20.textContent).toContain("Wrong column 7 (= 5-4): the figures give 3,527.2, the cell says 95.51.");
    expect(h20.textContent).not.toContain("Sai cột");

    await act(async () => {
      fireEvent.click(within(screen.getByTestId("findings-warning")).getByTestId("finding-D21"));
    });
    expect(service.selectCell).toHaveBeenCalledWith("Phụ lục", "D21");
  });

  it.each(["vi", "en"] as const)("shows the all-clear state when there is no error or warning (%s)", async (language) => {
    const service = createStubService(snapshot, {
      analyzeActiveSheet: async (settings) => ({
        sheet: snapshot.sheet,
        tables: analyzeWith(snapshot, settings).map((t) => ({ ...t, findings: t.findings.filter((f) => f.severity === "info") })),
        mergesRead: true,
      }),
    });
    await openSection(service, language, "findings");
    expect(screen.getByTestId("all-clear").textContent).toContain(
      language === "vi" ? "Không phát hiện lỗi hay cảnh báo nào" : "No error or warning was found",
    );
    expect(screen.queryByTestId("findings-error")).toBeNull();
    expect(screen.getByTestId("findings-count-info").textContent).toBe("6");
    expect(analyzeWith(snapshot, DEFAULT_PANE_SETTINGS)[0].findings).toHaveLength(14);
  });
});
