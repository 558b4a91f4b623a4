/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { SheetSnapshot } from "../../../src/annex";
import { analyzeWith, createStubService, loadSampleSnapshot, openSection, settle } from "./setup";

let snapshot: SheetSnapshot;
beforeAll(async () => {
  snapshot = await loadSampleSnapshot();
});

/** Open a Fluent Dropdown and pick the option with this text. */
async function choose(dropdown: HTMLElement, option: string) {
  await act(async () => {
    fireEvent.click(dropdown);
  });
  const listbox = await screen.findByRole("listbox");
  await act(async () => {
    fireEvent.click(within(listbox).getByRole("option", { name: option }));
  });
}

describe("Bảng phụ lục (tables)", () => {
  it("describes the recognised table and its columns (Vietnamese)", async () => {
    await openSection(createStubService(snapshot), "vi", "tables");
    expect(screen.getByTestId("tab-tables").getAttribute("aria-selected")).toBe("true");
    expect(screen.getByTestId("sheet-line").textContent).toBe("Trang tính «Phụ lục»: 1 bảng phụ lục.");
    expect(screen.getByTestId("table-title").textContent).toBe("DANH MỤC NHIỆM VỤ THỰC HIỆN CÁC MỤC TIÊU TĂNG TRƯỞNG");
    expect(screen.getByTestId("table-range").textContent).toBe("A4:I36");
    const facts = screen.getByTestId("table-facts").textContent;
    expect(facts).toContain("Hàng tiêu đề cộthàng 4–5");
    expect(facts).toContain("Hàng số thứ tự cộthàng 6");
    expect(facts).toContain("Tiêu đề lặp lại sau ngắt tranghàng 26–28");
    expect(screen.getByTestId("table-rows").textContent).toBe("26 hàng: 3 mục lớn, 13 chỉ tiêu, 10 chỉ tiêu con");
    expect(screen.queryByTestId("table-select")).toBeNull(); // one table: nothing to choose
    expect(screen.queryByTestId("merges-warning")).toBeNull();

    const g = screen.getByTestId("column-G").textContent;
    expect(g).toContain("% 9 tháng so với kịch bản đã báo HĐND");
    expect(g).toContain("6=4/5 (tỷ lệ %)");
    expect(screen.getByTestId("column-H").textContent).toContain("7=5-4");
    expect(screen.getByTestId("column-E").textContent).toContain("Quý III › Ước thực hiện đến 9 tháng");
    expect(screen.getByTestId("role-G").textContent).toBe("Cột công thức");
    expect(screen.getByTestId("role-B").textContent).toBe("Tên chỉ tiêu / nội dung");
    expect(screen.getByTestId("role-I").textContent).toBe("Đơn vị chủ trì");
    expect(screen.getByRole("combobox", { name: "Vai trò của cột H" })).toBe(screen.getByTestId("role-H"));
  });

  it("saves a column-role correction under the sheet and column, re-analyses, and can clear it (Vietnamese)", async () => {
    const service = createStubService(snapshot);
    await openSection(service, "vi", "tables");
    await choose(screen.getByTestId("role-H"), "Ghi chú");
    await settle();
    expect(service.saveSettings).toHaveBeenCalledTimes(1);
    expect(service.saveSettings.mock.calls[0][0].roles).toEqual({ "Phụ lục": { H: "note" } });
    expect(service.analyzeActiveSheet).toHaveBeenLastCalledWith(expect.objectContaining({ roles: { "Phụ lục": { H: "note" } } }));
    await waitFor(() => expect(screen.getByTestId("role-H").textContent).toBe("Ghi chú"));
    expect(screen.getByTestId("column-H").textContent).toContain("đã sửa");
    expect(screen.getByTestId("column-H").textContent).not.toContain("7=5-4");

    await act(async () => {
      fireEvent.click(screen.getByTestId("roles-reset"));
    });
    await settle();
    expect(service.saveSettings).toHaveBeenLastCalledWith(expect.objectContaining({ roles: {} }));
    await waitFor(() => expect(screen.getByTestId("role-H").textContent).toBe("Cột công thức"));
    expect(screen.queryByTestId("roles-reset")).toBeNull();
  });

  it("describes the table in English", async () => {
    await openSection(createStubService(snapshot), "en", "tables");
    expect(screen.getByTestId("sheet-line").textContent).toBe("Sheet “Phụ lục”: 1 annex table.");
    expect(screen.getByTestId("table-rows").textContent).toBe("26 rows: 3 sections, 13 items, 10 sub-items");
    const facts = screen.getByTestId("table-facts").textContent;
    expect(facts).toContain("Header rowsrows 4–5");
    expect(facts).toContain("Column-number rowrow 6");
    expect(facts).toContain("Header repeated after page breaksrows 26–28");
    expect(screen.getByTestId("column-G").textContent).toContain("6=4/5 (percent)");
    expect(screen.getByTestId("role-G").textContent).toBe("Formula column");
    expect(screen.getByRole("combobox", { name: "Role of column H" })).toBeTruthy();
    expect(screen.getByTestId("tab-tables").textContent).toBe("Tables");
  });

  it.each([
    ["vi", "Excel không trả về các ô gộp"],
    ["en", "Excel did not return this sheet's merged cells"],
  ] as const)("warns when the merged areas could not be read (%s)", async (language, text) => {
    await openSection(createStubService(snapshot, {}, { mergesRead: false }), language, "tables");
    expect(screen.getByTestId("merges-warning").textContent).toContain(text);
  });

  it("offers a choice of table when the sheet has several", async () => {
    const [first] = analyzeWith(snapshot, { thresholds: [100, 90, 50], timeAware: false, directions: {}, roles: {} });
    const second = { ...first, table: { ...first.table, title: "BẢNG THỨ HAI", range: { top: 40, left: 1, bottom: 60, right: 9 } } };
    const service = createStubService(snapshot, {
      analyzeActiveSheet: async () => ({ sheet: snapshot.sheet, tables: [first, second], mergesRead: true }),
    });
    await openSection(service, "vi", "tables");
    expect(screen.getByTestId("sheet-line").textContent).toBe("Trang tính «Phụ lục»: 2 bảng phụ lục.");
    expect(screen.getByTestId("table-select").textContent).toContain("(A4:I36)");
    await choose(screen.getByTestId("table-select"), "BẢNG THỨ HAI (A40:I60)");
    expect(screen.getByTestId("table-title").textContent).toBe("BẢNG THỨ HAI");
    expect(screen.getByTestId("table-range").textContent).toBe("A40:I60");
    expect(screen.getByRole("combobox", { name: "Chọn bảng" })).toBe(screen.getByTestId("table-select"));
  });
});
