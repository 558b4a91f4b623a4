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
const G7 = '=IF(AND(ISNUMBER(E7),ISNUMBER(F7),F7<>0),E7/F7,"")';

describe("Điền công thức (fill)", () => {
  it("puts Apply first with the typed figures it replaces, then a line per column (Vietnamese)", async () => {
    await openSection(createStubService(snapshot), "vi", "fill");
    expect(cells).toBe(43);
    expect(changed).toBe(10);
    expect(screen.getByTestId("fill-apply").textContent).toBe("Ghi 43 ô, thay 6 số đã nhập");
    expect(screen.getByTestId("fill-confirm").textContent).toBe(
      "Sẽ ghi 43 ô bằng công thức hoặc số; 10 ô sẽ đổi giá trị hiển thị. Ô chứa chữ được giữ nguyên.",
    );
    // Apply comes before the summary and the preview.
    const apply = screen.getByTestId("fill-apply");
    expect(apply.compareDocumentPosition(screen.getByTestId("fill-preview")) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    expect(screen.getByTestId("fill-column-G").textContent).toContain("Cột G (6=4/5): 21 ô, 1 ô đang có số khác");
    expect(screen.getByTestId("fill-column-H").textContent).toContain("Cột H (7=5-4): 20 ô, 5 ô đang có số khác");
    expect(screen.getByTestId("fill-column-E").textContent).toBe("Cột E: 1 số đang lưu dạng chữ, ghi lại thành số");
    // The Excel formula is behind a disclosure.
    expect(screen.queryByTestId("fill-column-G-formula")).toBeNull();
    const toggle = screen.getByTestId("fill-column-G-formula-toggle");
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByTestId("fill-column-G-formula").textContent).toBe(G7);
  });

  it("previews in plain words, overwrites of typed figures first with their own badge (Vietnamese)", async () => {
    await openSection(createStubService(snapshot), "vi", "fill");
    const rows = within(screen.getByTestId("fill-preview")).getAllByRole("listitem");
    expect(rows.slice(0, 6).map((r) => r.getAttribute("data-kind"))).toEqual(Array(6).fill("overwrite"));
    expect(rows.slice(0, 6).map((r) => r.getAttribute("data-testid"))).toEqual([
      "fill-row-H8",
      "fill-row-H19",
      "fill-row-H20",
      "fill-row-G21",
      "fill-row-H21",
      "fill-row-H23",
    ]);

    const h20 = screen.getByTestId("fill-row-H20");
    expect(h20.textContent).toContain("H20 = cột 5 − cột 4 → 3.527,2");
    expect(h20.textContent).toContain("thay số đã nhập");
    expect(h20.textContent).toContain("Đang có: 95,51");
    expect(h20.textContent).not.toContain("=IF(");

    const g7 = screen.getByTestId("fill-row-G7");
    expect(g7.getAttribute("data-kind")).toBe("fill");
    expect(g7.textContent).toContain("G7 = cột 4 / cột 5 → 55,7%");
    expect(g7.textContent).toContain("điền ô trống");
    expect(g7.textContent).not.toContain("Đang có");

    const g11 = screen.getByTestId("fill-row-G11");
    expect(g11.getAttribute("data-kind")).toBe("same");
    expect(g11.textContent).toContain("G11 = cột 4 / cột 5 → 91,4%");
    expect(g11.textContent).toContain("giữ giá trị");
    expect(g11.getAttribute("title")).toBe(G11);
    // A number typed as text becomes a number.
    expect(screen.getByTestId("fill-row-E21").textContent).toContain("E21: chữ “38%” → số");
    expect(screen.getByTestId("fill-row-E21").textContent).toContain("chữ thành số");

    const skipped = screen.getByTestId("fill-skipped");
    expect(within(skipped).getByTestId("skipped-H33").textContent).toContain("Phần đầu đạt mức cao nhất");
    expect(screen.queryByTestId("fill-row-H33")).toBeNull();

    // Only the cells whose shown value changes.
    fireEvent.click(screen.getByRole("switch", { name: "Chỉ hiện ô đổi giá trị" }));
    expect(screen.queryByTestId("fill-row-G11")).toBeNull();
    expect(screen.getByTestId("fill-row-G7")).toBeTruthy();
    expect(within(screen.getByTestId("fill-preview")).getAllByRole("listitem")).toHaveLength(changed);
  });

  it("shows a long plan a page at a time", async () => {
    const service = createStubService(snapshot, {
      analyzeActiveSheet: async (settings) => ({
        sheet: snapshot.sheet,
        tables: analyzeWith(snapshot, settings).map((t) => {
          const g7 = t.plan.writes.find((w) => w.cell === "G7")!;
          const writes = Array.from({ length: 4990 }, (_, i) => ({ ...g7, cell: `G${7 + i}`, row: 7 + i }));
          return { ...t, plan: { ...t.plan, writes } };
        }),
        mergesRead: true,
      }),
    });
    await openSection(service, "vi", "fill");
    expect(screen.getByTestId("fill-apply").textContent).toBe("Ghi 4.990 ô");
    expect(screen.getByTestId("fill-column-G").textContent).toContain("Cột G (6=4/5): 4.990 ô");
    expect(within(screen.getByTestId("fill-preview")).getAllByRole("listitem")).toHaveLength(50);
    expect(screen.getByTestId("fill-pager-range").textContent).toBe("1–50 / 4.990");
    fireEvent.click(screen.getByTestId("fill-pager-next"));
    expect(screen.getByTestId("fill-pager-range").textContent).toBe("51–100 / 4.990");
    expect(screen.getByTestId("fill-row-G57")).toBeTruthy();
    expect(screen.queryByTestId("fill-row-G7")).toBeNull();
    fireEvent.click(screen.getByTestId("fill-pager-prev"));
    expect(screen.getByTestId("fill-row-G7")).toBeTruthy();
  });

  it("applies the fill, reports the cells written, re-analyses, then undoes it (Vietnamese)", async () => {
    const service = createStubService(snapshot);
    await openSection(service, "vi", "fill");
    const apply = screen.getByTestId("fill-apply");
    const undo = screen.getByTestId("fill-undo");
    expect(apply.textContent).toBe("Ghi 43 ô, thay 6 số đã nhập");
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
    expect(screen.getByTestId("fill-row-G11").textContent).toContain("G11 = col. 4 / col. 5 → 91.4%");
    expect(screen.getByTestId("fill-row-G7").textContent).toContain("G7 = col. 4 / col. 5 → 55.7%");
    expect(screen.getByTestId("fill-row-G7").textContent).toContain("fills an empty cell");
    expect(screen.getByTestId("fill-row-H20").textContent).toContain("H20 = col. 5 − col. 4 → 3,527.2");
    expect(screen.getByTestId("fill-row-H20").textContent).toContain("replaces a typed figure");
    expect(screen.getByTestId("fill-row-H20").textContent).toContain("Now: 95.51");
    expect(screen.getByTestId("fill-column-H").textContent).toContain("Column H (7=5-4): 20 cells, 5 now holding a different figure");
    expect(screen.getByTestId("skipped-H33").textContent).toContain("holds text, not overwritten");
    expect(screen.getByText("Cells holding text, left as they are")).toBeTruthy();

    expect(screen.getByTestId("fill-apply").textContent).toBe("Write 43 cells, replace 6 typed figures");
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
