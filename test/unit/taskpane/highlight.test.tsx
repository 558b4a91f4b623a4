/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { SheetSnapshot } from "../../../src/annex";
import { createStubService, isDisabled, loadSampleSnapshot, openSection, settle } from "./setup";

let snapshot: SheetSnapshot;
beforeAll(async () => {
  snapshot = await loadSampleSnapshot();
});

const bandRows = () => within(screen.getByTestId("bands-list")).getAllByRole("listitem");

describe("Tô màu (highlight)", () => {
  it("shows four bands with limits, colours and counts, the legend and the period (Vietnamese)", async () => {
    await openSection(createStubService(snapshot), "vi", "highlight");
    expect(bandRows().map((li) => li.getAttribute("data-testid"))).toEqual([
      "band-dat-va-vuot",
      "band-tren-90",
      "band-tren-50",
      "band-duoi-50",
    ]);
    const top = screen.getByTestId("band-dat-va-vuot").textContent;
    expect(top).toContain("Đạt và vượt");
    expect(top).toContain("từ 100% trở lên");
    expect(top).toContain("1 chỉ tiêu");
    expect(screen.getByTestId("band-tren-90").textContent).toContain("từ 90% đến dưới 100%");
    expect(screen.getByTestId("band-count-tren-50").textContent).toBe("17 chỉ tiêu");
    expect(screen.getByTestId("band-duoi-50").textContent).toContain("dưới 50%");
    expect(screen.getByTestId("band-count-duoi-50").textContent).toBe("2 chỉ tiêu");
    expect(screen.getByTestId("band-unrated").textContent).toContain("Chưa đánh giá");
    expect(screen.getByTestId("band-count-chua-danh-gia").textContent).toBe("1 chỉ tiêu");
    // The legend swatch carries the band's colours.
    const swatch = screen.getByTestId("legend-dat-va-vuot");
    expect(swatch.style.backgroundColor).toBe("rgb(158, 202, 233)");
    expect(swatch.style.color).toBe("rgb(8, 48, 107)");
    // The time-aware switch and the period the headers name.
    expect(screen.getByTestId("period").textContent).toBe("Kỳ báo cáo theo tiêu đề cột: 9 tháng → 75% kế hoạch");
    expect((screen.getByRole("switch", { name: "So với tiến độ theo kỳ báo cáo" }) as HTMLInputElement).checked).toBe(false);
  });

  it("validates and saves the band limits, then re-analyses with them (Vietnamese)", async () => {
    const service = createStubService(snapshot);
    await openSection(service, "vi", "highlight");
    const save = screen.getByTestId("thresholds-save");
    expect(isDisabled(save)).toBe(true); // nothing changed yet
    expect((screen.getByTestId("threshold-1") as HTMLInputElement).value).toBe("90");

    fireEvent.change(screen.getByTestId("threshold-0"), { target: { value: "abc" } });
    expect(screen.getByText("Nhập một số phần trăm lớn hơn 0 và không quá 1000.")).toBeTruthy();
    expect(isDisabled(save)).toBe(true);
    fireEvent.change(screen.getByTestId("threshold-0"), { target: { value: "100" } });
    fireEvent.change(screen.getByTestId("threshold-2"), { target: { value: "95" } });
    expect(screen.getByText("Mỗi ngưỡng phải nhỏ hơn ngưỡng phía trên.")).toBeTruthy();
    expect(isDisabled(save)).toBe(true);

    fireEvent.change(screen.getByTestId("threshold-2"), { target: { value: "50" } });
    fireEvent.change(screen.getByTestId("threshold-1"), { target: { value: "80" } });
    expect(isDisabled(save)).toBe(false);
    await act(async () => {
      fireEvent.click(save);
    });
    await settle();
    expect(service.saveSettings).toHaveBeenCalledTimes(1);
    expect(service.saveSettings.mock.calls[0][0]).toMatchObject({ thresholds: [100, 80, 50], timeAware: false });
    expect(service.analyzeActiveSheet).toHaveBeenLastCalledWith(expect.objectContaining({ thresholds: [100, 80, 50] }));
    await waitFor(() => expect(screen.getByTestId("band-count-tren-80").textContent).toBe("5 chỉ tiêu"));
    expect(screen.getByTestId("band-tren-80").textContent).toContain("Đạt trên 80%");
  });

  it("saves the time-aware switch and shows the schedule bands (Vietnamese)", async () => {
    const service = createStubService(snapshot);
    await openSection(service, "vi", "highlight");
    await act(async () => {
      fireEvent.click(screen.getByRole("switch", { name: "So với tiến độ theo kỳ báo cáo" }));
    });
    await settle();
    expect(service.saveSettings).toHaveBeenCalledWith(expect.objectContaining({ timeAware: true, thresholds: [100, 90, 50] }));
    await waitFor(() => expect(bandRows()).toHaveLength(3));
    expect(screen.getByTestId("band-dung-tien-do").textContent).toContain("Đúng tiến độ");
    expect(screen.getByTestId("band-dung-tien-do").textContent).toContain("từ 75% đến dưới 100%");
    expect(screen.getByTestId("band-cham-tien-do").textContent).toContain("dưới 75%");
    expect(screen.getByText("Đang so với tiến độ theo kỳ báo cáo; các ngưỡng chỉ áp dụng khi tắt chế độ này.")).toBeTruthy();
    expect((screen.getByRole("switch", { name: "So với tiến độ theo kỳ báo cáo" }) as HTMLInputElement).checked).toBe(true);
  });

  it("applies and removes the highlights (Vietnamese)", async () => {
    const service = createStubService(snapshot);
    await openSection(service, "vi", "highlight");
    await act(async () => {
      fireEvent.click(screen.getByTestId("highlight-apply"));
    });
    await settle();
    expect(service.applyHighlight).toHaveBeenCalledTimes(1);
    expect(service.applyHighlight.mock.calls[0][0].classification.ratioColumn).toBe("G");
    expect(screen.getByTestId("notice-bar").textContent).toContain("Đã tô màu cột G theo 4 mức.");
    await act(async () => {
      fireEvent.click(screen.getByTestId("highlight-remove"));
    });
    await settle();
    expect(service.removeHighlight).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("notice-bar").textContent).toContain("Đã bỏ tô màu");
  });

  it("shows the bands, the period and the actions in English, and saves limits", async () => {
    const service = createStubService(snapshot);
    await openSection(service, "en", "highlight");
    expect(bandRows()).toHaveLength(4);
    expect(screen.getByTestId("band-dat-va-vuot").textContent).toContain("Met or exceeded");
    expect(screen.getByTestId("band-dat-va-vuot").textContent).toContain("100% or more");
    expect(screen.getByTestId("band-tren-90").textContent).toContain("90% to under 100%");
    expect(screen.getByTestId("band-count-tren-50").textContent).toBe("17 indicators");
    expect(screen.getByTestId("band-unrated").textContent).toContain("Not yet assessed");
    expect(screen.getByTestId("period").textContent).toBe("Reporting period in the headers: 9 months → 75% of the plan");
    expect(screen.getByTestId("highlight-apply").textContent).toBe("Apply highlights");
    expect(screen.getByTestId("highlight-remove").textContent).toBe("Remove highlights");

    fireEvent.change(screen.getByTestId("threshold-2"), { target: { value: "40.5" } });
    await act(async () => {
      fireEvent.click(screen.getByTestId("thresholds-save"));
    });
    await settle();
    expect(service.saveSettings.mock.calls[0][0].thresholds).toEqual([100, 90, 40.5]);
    await waitFor(() => expect(screen.getByTestId("band-duoi-40.5").textContent).toContain("under 40.5%"));
  });
});
