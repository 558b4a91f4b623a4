/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { SheetSnapshot } from "../../../src/annex";
import {
  createStubService,
  isDisabled,
  loadSampleSnapshot,
  loadTaskSampleSnapshot,
  openSection,
  recognise,
  renderPane,
  settle,
} from "./setup";

const SHEET = "Nhiệm vụ 2023";
const SUMMARY_VI =
  "Tổng số 10 nhiệm vụ: đã hoàn thành 03 nhiệm vụ (02 đúng và trước hạn, 01 trễ hạn); đang thực hiện 06 nhiệm vụ (04 trong hạn, 02 quá hạn, chiếm 20,0%); 01 nhiệm vụ thực hiện thường xuyên. Nhiệm vụ quá hạn: Văn phòng UBND tỉnh (01), Sở Kế hoạch và Đầu tư (01).";

let tasks: SheetSnapshot;
beforeAll(async () => {
  tasks = await loadTaskSampleSnapshot();
});

const states = () =>
  within(screen.getByTestId("task-states"))
    .getAllByRole("button")
    .map((b) => b.getAttribute("data-testid"));
const tabIds = () => screen.getAllByRole("tab").map((t) => t.getAttribute("data-testid"));
const count = (state: string) => screen.getByTestId(`task-count-${state}`).textContent;

describe("Nhiệm vụ (a task list)", () => {
  it("shows Nhiệm vụ instead of Điền and Tóm tắt, keeps Bảng, Tô màu and Kiểm tra", async () => {
    await renderPane(createStubService(tasks), "vi");
    await recognise();
    expect(tabIds()).toEqual(["tab-tables", "tab-tasks", "tab-highlight", "tab-findings"]);
    expect(screen.getByTestId("tab-tasks").textContent).toContain("Nhiệm vụ");
    expect(screen.queryByTestId("tab-fill")).toBeNull();
    expect(screen.queryByTestId("tab-summary")).toBeNull();
  });

  it("shows the as-of day and where it came from, the tasks by state, per lead agency and the summary (Vietnamese)", async () => {
    await openSection(createStubService(tasks), "vi", "tasks");
    expect((screen.getByTestId("tasks-as-of") as HTMLInputElement).value).toBe("2023-09-30");
    expect((screen.getByTestId("tasks-as-of") as HTMLInputElement).type).toBe("date");
    expect(screen.getByLabelText("Tình trạng tính đến ngày")).toBe(screen.getByTestId("tasks-as-of"));
    expect(screen.getByTestId("tasks-as-of-source").textContent).toBe("Tính đến ngày 30/09/2023 (theo tiêu đề bảng).");
    expect(isDisabled(screen.getByTestId("tasks-as-of-apply"))).toBe(true); // the day shown is the day used
    expect(screen.queryByTestId("tasks-as-of-reset")).toBeNull();

    expect(screen.getByTestId("tasks-total").textContent).toBe("Tình trạng 10 nhiệm vụ");
    // Trouble first, as in the colour legend; the rare states only when a task is in them.
    expect(states()).toEqual([
      "task-state-overdue",
      "task-state-done-late",
      "task-state-in-progress",
      "task-state-done-on-time",
      "task-state-ongoing",
    ]);
    expect(screen.getByTestId("task-state-overdue").textContent).toContain("Quá hạn");
    expect(count("overdue")).toBe("2 nhiệm vụ");
    expect(count("done-late")).toBe("1 nhiệm vụ");
    expect(count("in-progress")).toBe("4 nhiệm vụ");
    expect(count("done-on-time")).toBe("2 nhiệm vụ");
    expect(count("ongoing")).toBe("1 nhiệm vụ");
    expect(screen.getByTestId("legend-overdue").style.backgroundColor).toBe("rgb(213, 94, 0)");

    const leads = within(screen.getByTestId("tasks-by-lead"))
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    expect(leads).toContain("Văn phòng UBND tỉnh3 nhiệm vụ: 2 đã hoàn thành, 1 quá hạn");
    expect(leads).toContain("(chưa có cơ quan chủ trì)1 nhiệm vụ: 1 đang thực hiện trong hạn");
    expect((screen.getByTestId("tasks-summary-text") as HTMLTextAreaElement).value).toBe(SUMMARY_VI);
  });

  it("lists a state's tasks when it is chosen, and selects a task's row in the sheet", async () => {
    const service = createStubService(tasks);
    await openSection(service, "vi", "tasks");
    const overdue = screen.getByTestId("task-state-overdue");
    expect(overdue.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(overdue);
    expect(overdue.getAttribute("aria-expanded")).toBe("true");
    const list = screen.getByTestId("task-list-overdue");
    expect(
      within(list)
        .getAllByRole("button")
        .map((b) => b.getAttribute("data-testid")),
    ).toEqual(["task-row-8", "task-row-20"]);
    const row8 = screen.getByTestId("task-row-8");
    expect(row8.textContent).toContain("Hàng 8 · 2");
    expect(row8.textContent).toContain("Hạn 30/06/2023 (Tháng 6/2023)");
    expect(row8.getAttribute("title")).toBe("Chọn hàng 8 trong bảng tính");
    await act(async () => {
      fireEvent.click(row8);
    });
    await settle();
    expect(service.selectCell).toHaveBeenCalledWith(SHEET, "A8:G8");

    // Another state closes the first; choosing it again closes it.
    fireEvent.click(screen.getByTestId("task-state-ongoing"));
    expect(screen.queryByTestId("task-list-overdue")).toBeNull();
    expect(within(screen.getByTestId("task-list-ongoing")).getByTestId("task-row-10").textContent).toContain("Thường xuyên");
    fireEvent.click(screen.getByTestId("task-state-ongoing"));
    expect(screen.queryByTestId("task-list-ongoing")).toBeNull();
  });

  it("judges the tasks on a chosen day: saved, analysed again, the name AnnexAsOf follows; clearing it goes back to the title's", async () => {
    const service = createStubService(tasks, { updateAsOfName: async () => true });
    await openSection(service, "vi", "tasks");
    fireEvent.change(screen.getByTestId("tasks-as-of"), { target: { value: "2023-12-31" } });
    expect(isDisabled(screen.getByTestId("tasks-as-of-apply"))).toBe(false);
    await act(async () => {
      fireEvent.click(screen.getByTestId("tasks-as-of-apply"));
    });
    await settle();
    expect(service.saveSettings).toHaveBeenLastCalledWith(expect.objectContaining({ asOf: "2023-12-31" }));
    expect(service.analyzeActiveSheet).toHaveBeenLastCalledWith(expect.objectContaining({ asOf: "2023-12-31" }));
    expect(service.updateAsOfName).toHaveBeenLastCalledWith("2023-12-31");
    await waitFor(() =>
      expect(screen.getByTestId("tasks-as-of-source").textContent).toBe("Tính đến ngày 31/12/2023 (ngày bạn chọn, lưu trong tệp)."),
    );
    expect(screen.getByTestId("notice-bar").textContent).toContain("Đã đổi ngày xét sang 31/12/2023; màu trong bảng đã đổi theo.");
    // Row 15 was due on 30/09: overdue by the end of the year.
    expect(count("overdue")).toBe("3 nhiệm vụ");
    expect(count("in-progress")).toBe("3 nhiệm vụ");

    await act(async () => {
      fireEvent.click(screen.getByTestId("tasks-as-of-reset"));
    });
    await settle();
    expect(service.saved().asOf).toBeUndefined();
    expect(service.updateAsOfName).toHaveBeenLastCalledWith("2023-09-30");
    await waitFor(() => expect(screen.getByTestId("tasks-as-of-source").textContent).toContain("theo tiêu đề bảng"));
    expect((screen.getByTestId("tasks-as-of") as HTMLInputElement).value).toBe("2023-09-30");
    expect(count("overdue")).toBe("2 nhiệm vụ");
  });

  it("says the colours did not change when the workbook has no AnnexAsOf yet, and refuses a day that is not one", async () => {
    const service = createStubService(tasks);
    await openSection(service, "vi", "tasks");
    fireEvent.change(screen.getByTestId("tasks-as-of"), { target: { value: "2023-10-15" } });
    await act(async () => {
      fireEvent.click(screen.getByTestId("tasks-as-of-apply"));
    });
    await settle();
    expect(screen.getByTestId("notice-bar").textContent).toContain("Đã đổi ngày xét sang 15/10/2023.");
    expect(screen.getByTestId("notice-bar").textContent).not.toContain("màu");
    // Only a browser without a date picker lets text through; it is refused before anything is saved.
    const input = screen.getByTestId("tasks-as-of") as HTMLInputElement;
    Object.defineProperty(input, "value", { configurable: true, get: () => "2023-02-30", set: () => undefined });
    fireEvent.change(input, { target: { value: "2023-02-30" } });
    fireEvent.input(input);
    expect(screen.getByTestId("tasks-as-of-invalid").textContent).toBe("Chọn một ngày có thật.");
    expect(isDisabled(screen.getByTestId("tasks-as-of-apply"))).toBe(true);
    expect(service.saveSettings).toHaveBeenCalledTimes(1);
  });

  it("copies the summary", async () => {
    const writeText = jest.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText } });
    await openSection(createStubService(tasks), "vi", "tasks");
    await act(async () => {
      fireEvent.click(screen.getByTestId("tasks-copy"));
    });
    expect(writeText).toHaveBeenCalledWith(SUMMARY_VI);
    expect(screen.getByTestId("tasks-copy-confirmation").textContent).toContain("Đã sao chép đoạn tóm tắt.");
  });

  it("speaks English", async () => {
    await openSection(createStubService(tasks), "en", "tasks");
    expect(tabIds()).toEqual(["tab-tables", "tab-tasks", "tab-highlight", "tab-findings"]);
    expect(screen.getByTestId("tab-tasks").textContent).toContain("Tasks");
    expect(screen.getByTestId("tasks-as-of-source").textContent).toBe("As of 30 Sep 2023 (from the table's title).");
    expect(screen.getByTestId("tasks-total").textContent).toBe("How the 10 tasks stand");
    expect(screen.getByTestId("task-state-overdue").textContent).toBe("Overdue2 tasks");
    expect(count("done-late")).toBe("1 task");
    fireEvent.click(screen.getByTestId("task-state-overdue"));
    expect(screen.getByTestId("task-row-20").textContent).toContain("Row 20");
    expect(screen.getByTestId("task-row-20").textContent).toContain("Due 31 Oct 2023 (Tháng 10/2023)");
    const leads = within(screen.getByTestId("tasks-by-lead"))
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    expect(leads).toContain("(no lead agency)1 task: 1 under way");
    expect((screen.getByTestId("tasks-summary-text") as HTMLTextAreaElement).value).toMatch(/^10 tasks/);
  });

  it("Tô màu shows the task states and their colours, and applies the task rules", async () => {
    const service = createStubService(tasks);
    await openSection(service, "vi", "highlight");
    expect(screen.queryByTestId("bands-list")).toBeNull();
    expect(screen.queryByTestId("time-aware-switch")).toBeNull();
    expect(screen.queryByTestId("threshold-0")).toBeNull();
    expect(screen.getByTestId("task-highlight-line").textContent).toContain("tính đến ngày 30/09/2023");
    const bands = within(screen.getByTestId("task-bands-list")).getAllByRole("listitem");
    expect(bands.map((li) => li.getAttribute("data-testid"))).toEqual([
      "task-band-overdue",
      "task-band-done-late",
      "task-band-in-progress",
      "task-band-done-on-time",
      "task-band-ongoing",
    ]);
    expect(screen.getByTestId("task-band-count-overdue").textContent).toBe("2 nhiệm vụ");
    expect(screen.getByTestId("task-band-ongoing").textContent).toContain("không tô màu");
    expect(screen.getByTestId("legend-done-late").style.backgroundColor).toBe("rgb(255, 224, 138)");

    await act(async () => {
      fireEvent.click(screen.getByTestId("highlight-apply"));
    });
    await settle();
    const applied = service.applyHighlight.mock.calls[0][0];
    expect(applied.table.kind).toBe("tasks");
    expect(applied.taskHighlight?.asOf).toBe("2023-09-30");
    expect(screen.getByTestId("notice-bar").textContent).toContain("Đã tô màu 11 dòng theo tình trạng nhiệm vụ, tính đến ngày 30/09/2023.");
  });

  it("keeps Điền and Tóm tắt, and has no Nhiệm vụ, for an indicator annex", async () => {
    await renderPane(createStubService(await loadSampleSnapshot()), "vi");
    await recognise();
    expect(tabIds()).toEqual(["tab-tables", "tab-fill", "tab-highlight", "tab-findings", "tab-summary"]);
    expect(screen.queryByTestId("tab-tasks")).toBeNull();
  });
});
