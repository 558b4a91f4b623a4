/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { act, fireEvent, screen, within } from "@testing-library/react";
import type { Finding, SheetSnapshot } from "../../../src/annex";
import { DEFAULT_PANE_SETTINGS } from "../../../src/taskpane/annexService";
import { analyzeWith, createStubService, loadSampleSnapshot, openSection } from "./setup";

let snapshot: SheetSnapshot;
beforeAll(async () => {
  snapshot = await loadSampleSnapshot();
});

const items = () => within(screen.getByTestId("findings-list")).getAllByRole("button");
const cells = () => items().map((b) => b.getAttribute("data-testid")!.replace("finding-", ""));

describe("Kiểm tra (findings)", () => {
  it("lists every finding in one list with counts, and selects the cell when one is clicked (Vietnamese)", async () => {
    const service = createStubService(snapshot);
    await openSection(service, "vi", "findings");

    expect(screen.getByTestId("findings-totals").textContent).toBe("3 lỗi, 5 cảnh báo, 6 lưu ý");
    expect(screen.getByTestId("findings-count-error").textContent).toBe("3");
    expect(screen.getByTestId("findings-count-warning").textContent).toBe("5");
    expect(screen.getByTestId("findings-count-info").textContent).toBe("6");
    expect(screen.getByTestId("findings-filter-all").textContent).toBe("Tất cả14");
    // The tab shows the number of errors.
    expect(screen.getByTestId("tab-findings").textContent).toContain("3");

    expect(items()).toHaveLength(14);
    const h20 = screen.getByTestId("finding-H20");
    expect(h20.tagName).toBe("BUTTON"); // a native button: Enter and Space click it
    expect(h20.getAttribute("data-severity")).toBe("error");
    expect(h20.textContent).toContain("Lỗi");
    expect(h20.textContent).toContain("Sai cột 7 (= 5-4): theo số liệu phải là 3.527,2, đang ghi 95,51.");
    expect(screen.getByTestId("finding-H33").textContent).toContain("Phần đầu đạt mức cao nhất");
    expect(screen.queryByTestId("all-clear")).toBeNull();

    await act(async () => {
      fireEvent.click(h20);
    });
    expect(service.selectCell).toHaveBeenCalledWith("Phụ lục", "H20");
  });

  it("is one Tab stop: the arrow keys, Home and End move between findings", async () => {
    await openSection(createStubService(snapshot), "vi", "findings");
    expect(items().filter((b) => b.tabIndex === 0)).toHaveLength(1);
    expect(items()[0].tabIndex).toBe(0);

    act(() => items()[0].focus());
    await act(async () => {
      fireEvent.keyDown(items()[0], { key: "ArrowDown" });
    });
    expect(document.activeElement).toBe(items()[1]);
    expect(items()[1].tabIndex).toBe(0);
    expect(items().filter((b) => b.tabIndex === 0)).toHaveLength(1);

    await act(async () => {
      fireEvent.keyDown(items()[1], { key: "End" });
    });
    expect(document.activeElement?.getAttribute("data-testid")).toBe("finding-H33");
    await act(async () => {
      fireEvent.keyDown(document.activeElement!, { key: "Home" });
    });
    expect(document.activeElement?.getAttribute("data-testid")).toBe("finding-G7");
    await act(async () => {
      fireEvent.keyDown(document.activeElement!, { key: "ArrowUp" });
    });
    expect(document.activeElement?.getAttribute("data-testid")).toBe("finding-G7");
  });

  it("filters by severity and goes from error to error with “Lỗi tiếp theo”", async () => {
    const service = createStubService(snapshot);
    await openSection(service, "vi", "findings");

    fireEvent.click(screen.getByTestId("findings-filter-warning"));
    expect(cells()).toEqual(["D21", "E21", "F21", "G21", "H21"]);
    expect(screen.getByTestId("findings-filter-warning").getAttribute("aria-pressed")).toBe("true");
    fireEvent.click(screen.getByTestId("findings-filter-all"));
    expect(items()).toHaveLength(14);

    const next = screen.getByTestId("findings-next-error");
    expect(next.textContent).toBe("Lỗi tiếp theo");
    const visited: string[] = [];
    for (let i = 0; i < 4; i++) {
      await act(async () => {
        fireEvent.click(next);
      });
      visited.push(document.activeElement!.getAttribute("data-testid")!);
      expect(document.activeElement!.getAttribute("data-severity")).toBe("error");
    }
    // H20, G21, H21, then round again.
    expect(visited).toEqual(["finding-H20", "finding-G21", "finding-H21", "finding-H20"]);
    expect(service.selectCell.mock.calls.map((c) => c[1])).toEqual(["H20", "G21", "H21", "H20"]);

    // From a filter that hides the errors, it shows them.
    fireEvent.click(screen.getByTestId("findings-filter-info"));
    await act(async () => {
      fireEvent.click(next);
    });
    expect(cells()).toEqual(["H20", "G21", "H21"]);
    expect(document.activeElement!.getAttribute("data-testid")).toBe("finding-H20");
  });

  it("shows the English messages and labels in English mode", async () => {
    const service = createStubService(snapshot);
    await openSection(service, "en", "findings");
    expect(screen.getByTestId("findings-totals").textContent).toBe("3 errors, 5 warnings, 6 notes");
    expect(screen.getByTestId("findings-filter-error").textContent).toBe("Errors3");
    expect(screen.getByTestId("findings-next-error").textContent).toBe("Next error");
    const h20 = screen.getByTestId("finding-H20");
    expect(h20.textContent).toContain("Error");
    expect(h20.textContent).toContain("Wrong column 7 (= 5-4): the figures give 3,527.2, the cell says 95.51.");
    expect(h20.textContent).not.toContain("Sai cột");

    await act(async () => {
      fireEvent.click(screen.getAllByTestId("finding-D21")[0]);
    });
    expect(service.selectCell).toHaveBeenCalledWith("Phụ lục", "D21");
  });

  it("shows a long list a page at a time, the arrow keys crossing pages", async () => {
    const many = (t: ReturnType<typeof analyzeWith>[number]): Finding[] =>
      Array.from({ length: 120 }, (_, i) => ({ ...t.findings[5], cell: `H${1000 + i}`, row: 1000 + i }));
    const service = createStubService(snapshot, {
      analyzeActiveSheet: async (settings) => ({
        sheet: snapshot.sheet,
        tables: analyzeWith(snapshot, settings).map((t) => ({ ...t, findings: many(t) })),
        mergesRead: true,
      }),
    });
    await openSection(service, "vi", "findings");
    expect(items()).toHaveLength(50);
    expect(screen.getByTestId("findings-pager-range").textContent).toBe("1–50 / 120");

    act(() => items()[49].focus());
    await act(async () => {
      fireEvent.keyDown(items()[49], { key: "ArrowDown" });
    });
    expect(screen.getByTestId("findings-pager-range").textContent).toBe("51–100 / 120");
    expect(document.activeElement?.getAttribute("data-testid")).toBe("finding-H1050");

    fireEvent.click(screen.getByTestId("findings-pager-next"));
    expect(screen.getByTestId("findings-pager-range").textContent).toBe("101–120 / 120");
    expect(items()).toHaveLength(20);
    expect(items().filter((b) => b.tabIndex === 0)).toHaveLength(1);
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
    expect(screen.queryByTestId("findings-next-error")).toBeNull();
    expect(screen.getByTestId("findings-count-info").textContent).toBe("6");
    expect(analyzeWith(snapshot, DEFAULT_PANE_SETTINGS)[0].findings).toHaveLength(14);
  });
});
