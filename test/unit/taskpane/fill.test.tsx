/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { SheetSnapshot } from "../../../src/annex";
import { DEFAULT_PANE_SETTINGS } from "../../../src/taskpane/annexService";
import { analyzeWith, createStubService, isDisabled, loadSampleSnapshot, openSection, settle } from "./setup";

let snapshot: SheetSnapshot;
let cells: number;
let changed: number;
beforeAll(async () => {
  snapshot = await loadSampleSnapshot();
  const plan = analyzeWith(snapshot, DEFAULT_PANE_SETTINGS)[0].plan;
  cells = plan.writes.length;
  changed = plan.writes.filter((w) => w.changesValue).length;
});

const G11 = '=IF(AND(ISNUMBER(E11),ISNUMBER(F11),F11<>0),E11/F11,"")';

describe("Điền công thức (fill)", () => {
  it("previews the cells to write, the value changes and the skipped text cell (Vietnamese)", async () => {
    await openSection(createStubService(snapshot), "vi", "fill");
    expect(cells).toBe(43);
    expect(changed).toBe(10);
    expect(screen.getByTestId("fill-confirm").textContent).toBe(
      "Sẽ ghi 43 ô bằng công thức hoặc số; 10 ô sẽ đổi giá trị hiển thị. Ô chứa chữ được giữ nguyên.",
    );

    const g11 = screen.getByTestId("fill-row-G11");
    expect(g11.textContent).toContain("91,4% → 91,4%");
    expect(g11.textContent).toContain(G11);
    expect(g11.getAttribute("data-changes-value")).toBe("false");
    expect(g11.textContent).not.toContain("đổi giá trị");

    const g7 = screen.getByTestId("fill-row-G7");
    expect(g7.getAttribute("data-changes-value")).toBe("true");
    expect(g7.textContent).toContain("(trống) → 55,7%");
    expect(g7.textContent).toContain("đổi giá trị");
    // A number typed as text becomes a number.
    expect(screen.getByTestId("fill-row-E21").textContent).toContain("chuyển chữ thành số");

    const skipped = screen.getByTestId("fill-skipped");
    expect(within(skipped).getByTestId("skipped-H33").textContent).toContain("Phần đầu đạt mức cao nhất");
    expect(screen.queryByTestId("fill-row-H33")).toBeNull();

    // Only the cells whose shown value changes.
    fireEvent.click(screen.getByRole("switch", { name: "Chỉ hiện ô đổi giá trị" }));
    expect(screen.queryByTestId("fill-row-G11")).toBeNull();
    expect(screen.getByTestId("fill-row-G7")).toBeTruthy();
    expect(within(screen.getByTestId("fill-preview")).getAllByRole("row")).toHaveLength(changed + 1);
  });

  it("applies the fill, reports the cells written, re-analyses, then undoes it (Vietnamese)", async () => {
    const service = createStubService(snapshot);
    await openSection(service, "vi", "fill");
    const apply = screen.getByTestId("fill-apply");
    const undo = screen.getByTestId("fill-undo");
    expect(apply.textContent).toBe("Áp dụng");
    expect(undo.textContent).toBe("Hoàn tác");
    expect(isDisabled(undo)).toBe(true);
    expect(service.analyzeActiveSheet).toHaveBeenCalledTimes(1);

    await act(async () => {
      fireEvent.click(apply);
    });
    await settle();
    expect(service.applyFill).toHaveBeenCalledTimes(1);
    const [analysis] = service.applyFill.mock.calls[0];
    expect(analysis.table.title).toBe("DANH MỤC NHIỆM VỤ THỰC HIỆN CÁC MỤC TIÊU TĂNG TRƯỞNG");
    expect(analysis.plan.writes.map((w) => w.cell)).toContain("G11");
    expect(screen.getByTestId("notice-bar").textContent).toContain("Đã ghi 43 ô.");
    expect(service.analyzeActiveSheet).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(isDisabled(screen.getByTestId("fill-undo"))).toBe(false));

    await act(async () => {
      fireEvent.click(screen.getByTestId("fill-undo"));
    });
    await settle();
    expect(service.undoFill).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("notice-bar").textContent).toContain("Đã hoàn tác: khôi phục 43 ô");
    expect(isDisabled(screen.getByTestId("fill-undo"))).toBe(true);
    expect(service.analyzeActiveSheet).toHaveBeenCalledTimes(3);

    // The confirmation can be dismissed.
    fireEvent.click(screen.getByTestId("notice-bar-dismiss"));
    expect(screen.queryByTestId("notice-bar")).toBeNull();
  });

  it("shows the preview, Apply and Undo in English", async () => {
    const service = createStubService(snapshot);
    await openSection(service, "en", "fill");
    expect(screen.getByTestId("fill-confirm").textContent).toBe(
      "43 cells will be written with a formula or a number; 10 will show a different value. Cells holding text are left as they are.",
    );
    expect(screen.getByTestId("fill-row-G11").textContent).toContain("91.4% → 91.4%");
    expect(screen.getByTestId("fill-row-G7").textContent).toContain("(empty) → 55.7%");
    expect(screen.getByTestId("fill-row-G7").textContent).toContain("value changes");
    expect(screen.getByTestId("skipped-H33").textContent).toContain("holds text, not overwritten");
    expect(screen.getByText("Cells holding text, left as they are")).toBeTruthy();

    expect(screen.getByTestId("fill-apply").textContent).toBe("Apply");
    await act(async () => {
      fireEvent.click(screen.getByTestId("fill-apply"));
    });
    await settle();
    expect(service.applyFill).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("notice-bar").textContent).toContain("Wrote 43 cells.");
    await act(async () => {
      fireEvent.click(screen.getByTestId("fill-undo"));
    });
    await settle();
    expect(service.undoFill).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("notice-bar").textContent).toContain("restored 43 cells");
  });

  it("enables Undo on opening when the workbook keeps an earlier fill", async () => {
    const service = createStubService(snapshot, { canUndo: async () => true });
    await openSection(service, "vi", "fill");
    expect(isDisabled(screen.getByTestId("fill-undo"))).toBe(false);
  });
});
