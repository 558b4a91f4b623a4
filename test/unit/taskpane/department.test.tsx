/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { TASK_SAMPLE } from "../../helpers/samples";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { analyzeSheet, type SheetSnapshot } from "../../../src/annex";
import { statusWithCompletionDay } from "../../../src/sync/liaison";
import { DepartmentSection } from "../../../src/taskpane/components/DepartmentSection";
import { PaneActionsProvider } from "../../../src/taskpane/components/paneActions";
import { StringsProvider, type Language } from "../../../src/taskpane/i18n";
import { loadWorkbook, workbookSnapshots } from "../../../src/xlsx/readWorkbook";
import { DEFAULT_PANE_SETTINGS, PaneError } from "../../../src/taskpane/annexService";
import { formatTime } from "../../../src/taskpane/format";
import type { DepartmentRow, DepartmentRows, LiaisonEdit, SyncService } from "../../../src/taskpane/syncService";
import {
  analyzeWith,
  createStubService,
  createStubSyncService,
  departmentRowsOf,
  isDisabled,
  loadSampleSnapshot,
  openSection,
  settle,
} from "./setup";

let snapshot: SheetSnapshot;
let rows: DepartmentRow[];
beforeAll(async () => {
  snapshot = await loadSampleSnapshot();
  rows = departmentRowsOf(analyzeWith(snapshot, DEFAULT_PANE_SETTINGS)[0]);
});

/** The sample's lead units, in table order. */
const LEADS = [
  "Sở Kế hoạch và Đầu tư",
  "Sở Nông nghiệp và Phát triển nông thôn",
  "Ban Quản lý KKT Phú Quốc",
  "Ban Quản lý Khu kinh tế tỉnh",
  "Các đơn vị và địa phương sử dụng vốn đầu tư công",
  "Sở Tài chính",
  "Sở Công Thương",
  "Sở Du lịch",
  "Sở Giao thông vận tải",
];

const connectedStatus = async () => ({
  saved: { kind: "local" as const, listUrl: "http://127.0.0.1:4100/v1.0/sites/root/lists/PhuLuc", clientId: null },
  connected: true,
  user: null,
  lastSync: "2020-10-01T08:00:00Z",
  sheet: "Phụ lục",
  keyColumn: "J",
});

async function choose(dropdown: HTMLElement, option: string) {
  await act(async () => {
    fireEvent.click(dropdown);
  });
  const listbox = await screen.findByRole("listbox");
  await act(async () => {
    fireEvent.click(within(listbox).getByRole("option", { name: option }));
  });
  await settle();
}

async function click(testId: string) {
  await act(async () => {
    fireEvent.click(screen.getByTestId(testId));
  });
  await settle();
}

describe("Đơn vị (departments)", () => {
  it("lists the table's lead units and shows only the chosen department's rows (Vietnamese)", async () => {
    const sync = createStubSyncService(rows, { status: connectedStatus });
    await openSection(createStubService(snapshot), "vi", "department", sync);
    await settle();
    await act(async () => {
      fireEvent.click(screen.getByTestId("department-select"));
    });
    const options = within(await screen.findByRole("listbox"))
      .getAllByRole("option")
      .map((o) => o.textContent);
    expect(options).toEqual(LEADS);
    await act(async () => {
      fireEvent.click(screen.getByRole("option", { name: "Sở Công Thương" }));
    });
    await settle();

    expect(sync.departmentRows).toHaveBeenCalledWith("Sở Công Thương");
    const expected = rows.filter((r) => r.lead === "Sở Công Thương");
    expect(expected).toHaveLength(5);
    const list = screen.getByTestId("department-rows");
    expect(within(list).getAllByRole("listitem")).toHaveLength(5);
    for (const r of expected) expect(screen.getByTestId(`department-row-${r.rowKey}`).textContent).toContain(r.title);
    for (const r of rows.filter((x) => x.lead !== "Sở Công Thương")) expect(screen.queryByTestId(`department-row-${r.rowKey}`)).toBeNull();
    expect(screen.getByTestId("department-count").textContent).toBe("5 dòng, 0 dòng đã xác nhận");
    // The plan as Vietnamese writes numbers, the estimate ready to correct.
    const first = expected.find((r) => r.plan !== null && r.plan >= 1000) ?? expected[0];
    expect(screen.getByTestId(`plan-${first.rowKey}`).textContent).toBe(first.plan!.toLocaleString("vi-VN", { maximumFractionDigits: 4 }));
    expect(screen.getAllByText("Quý III › Ước thực hiện đến 9 tháng", { selector: "label" })).toHaveLength(5);
  });

  it("saves a corrected estimate, a note and the confirmation to the list", async () => {
    const sync = createStubSyncService(rows, { status: connectedStatus });
    await openSection(createStubService(snapshot), "vi", "department", sync);
    await settle();
    await choose(screen.getByTestId("department-select"), "Sở Du lịch");
    const row = rows.find((r) => r.lead === "Sở Du lịch")!;
    fireEvent.change(screen.getByTestId("liaison-name"), { target: { value: "Nguyễn Văn A" } });
    fireEvent.change(screen.getByTestId(`estimate-${row.rowKey}`), { target: { value: "4.321,5" } });
    fireEvent.change(screen.getByTestId(`note-${row.rowKey}`), { target: { value: "Số liệu theo báo cáo quý III của Sở" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("checkbox", { name: "Đã xác nhận" }));
    });
    await click(`save-${row.rowKey}`);
    expect(sync.saveLiaisonEdit).toHaveBeenCalledWith(row.rowKey, {
      estimate: 4321.5,
      note: "Số liệu theo báo cáo quý III của Sở",
      confirmed: true,
      by: "Nguyễn Văn A",
    });
    expect(screen.getByTestId(`saved-${row.rowKey}`).textContent).toContain("Đã lưu vào danh sách.");
    expect(screen.getByTestId(`confirmed-${row.rowKey}`).textContent).toBe(
      `Đã xác nhận bởi Nguyễn Văn A lúc ${formatTime("2020-10-02T09:30:00Z", "vi")}`,
    );
    expect((screen.getByTestId(`estimate-${row.rowKey}`) as HTMLInputElement).value).toBe("4.321,5");

    // Only what changed is sent: a note alone.
    fireEvent.change(screen.getByTestId(`note-${row.rowKey}`), { target: { value: "Đã rà soát" } });
    await click(`save-${row.rowKey}`);
    expect(sync.saveLiaisonEdit).toHaveBeenLastCalledWith(row.rowKey, { note: "Đã rà soát" });
    // Nothing changed: nothing is sent.
    await click(`save-${row.rowKey}`);
    expect(sync.saveLiaisonEdit).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId(`unchanged-${row.rowKey}`).textContent).toBe("Chưa có thay đổi để lưu.");
  });

  it("reads the estimate the English way in English, and refuses what is not a number", async () => {
    const sync = createStubSyncService(rows, { status: connectedStatus });
    await openSection(createStubService(snapshot), "en", "department", sync);
    await settle();
    await choose(screen.getByTestId("department-select"), "Sở Du lịch");
    const row = rows.find((r) => r.lead === "Sở Du lịch")!;
    fireEvent.change(screen.getByTestId(`estimate-${row.rowKey}`), { target: { value: "about four" } });
    await click(`save-${row.rowKey}`);
    expect(sync.saveLiaisonEdit).not.toHaveBeenCalled();
    expect(screen.getByText("Enter a number, for example 4,321.5.")).toBeTruthy();
    fireEvent.change(screen.getByTestId(`estimate-${row.rowKey}`), { target: { value: "4,321.5" } });
    await click(`save-${row.rowKey}`);
    expect(sync.saveLiaisonEdit).toHaveBeenCalledWith(row.rowKey, { estimate: 4321.5 });
    expect(screen.getByTestId(`saved-${row.rowKey}`).textContent).toContain("Saved to the list.");
  });

  it("shows a refused save (someone else changed the row) in the error MessageBar and reloads the rows", async () => {
    const stale = new PaneError(
      "Dòng này vừa được người khác sửa trong danh sách. Danh sách sẽ được tải lại; hãy kiểm tra rồi lưu lại thay đổi của bạn.",
      "Someone else has just changed this row in the list. Reload the rows, check them and save your change again.",
    );
    const sync = createStubSyncService(rows, {
      status: connectedStatus,
      saveLiaisonEdit: async () => {
        throw stale;
      },
    });
    await openSection(createStubService(snapshot), "vi", "department", sync);
    await settle();
    await choose(screen.getByTestId("department-select"), "Sở Tài chính");
    const row = rows.find((r) => r.lead === "Sở Tài chính")!;
    fireEvent.change(screen.getByTestId(`note-${row.rowKey}`), { target: { value: "Ghi chú" } });
    await click(`save-${row.rowKey}`);
    expect(screen.getByTestId("error-bar").textContent).toContain(stale.vi);
    expect(sync.departmentRows).toHaveBeenCalledTimes(2);
    expect(screen.queryByTestId(`saved-${row.rowKey}`)).toBeNull();
  });

  it.each([
    ["vi", "Danh sách các đơn vị gửi báo cáo", "Đã gửi", "Đang cập nhật", "Chưa gửi"],
    ["en", "Departments that have reported", "Sent", "In progress", "Not sent"],
  ] as const)(
    "shows the planner each department's confirmed rows out of its rows, with the time (%s)",
    async (language, heading, sent, partial, none) => {
      const confirmedAt = "2020-10-02T09:30:00Z";
      const marked = rows.map((r) =>
        r.lead === "Sở Du lịch" || (r.lead === "Sở Công Thương" && r.rowKey === rows.find((x) => x.lead === "Sở Công Thương")!.rowKey)
          ? { ...r, confirmed: true, confirmedBy: "Trần Thị B", confirmedAt }
          : r,
      );
      const sync = createStubSyncService(marked, { status: connectedStatus });
      await openSection(createStubService(snapshot), language, "department", sync);
      await settle();
      expect(sync.confirmations).toHaveBeenCalledTimes(1);
      expect(screen.getByTestId("confirmations").textContent).toContain(heading);
      const table = screen.getByTestId("confirmations-table");
      expect(within(table).getAllByRole("row")).toHaveLength(1 + LEADS.length);
      const index = (lead: string) => LEADS.indexOf(lead);
      expect(screen.getByTestId(`confirmation-${index("Sở Du lịch")}-ratio`).textContent).toBe("1/1");
      expect(screen.getByTestId(`confirmation-${index("Sở Du lịch")}-status`).textContent).toBe(sent);
      expect(screen.getByTestId(`confirmation-${index("Sở Du lịch")}-time`).textContent).toBe(formatTime(confirmedAt, language));
      expect(screen.getByTestId(`confirmation-${index("Sở Du lịch")}`).textContent).toContain("Trần Thị B");
      expect(screen.getByTestId(`confirmation-${index("Sở Công Thương")}-ratio`).textContent).toBe("1/5");
      expect(screen.getByTestId(`confirmation-${index("Sở Công Thương")}-status`).textContent).toBe(partial);
      expect(screen.getByTestId(`confirmation-${index("Sở Nông nghiệp và Phát triển nông thôn")}-ratio`).textContent).toBe("0/6");
      expect(screen.getByTestId(`confirmation-${index("Sở Nông nghiệp và Phát triển nông thôn")}-status`).textContent).toBe(none);

      await click("confirmations-refresh");
      expect(sync.confirmations).toHaveBeenCalledTimes(2);
    },
  );

  it("asks to connect first when the pane has no connection", async () => {
    const sync = createStubSyncService(rows);
    await openSection(createStubService(snapshot), "vi", "department", sync);
    await settle();
    expect(screen.getByTestId("department-not-connected").textContent).toContain("Chưa kết nối với danh sách dùng chung.");
    expect(isDisabled(screen.getByTestId("department-select"))).toBe(true);
    expect(sync.confirmations).not.toHaveBeenCalled();
    expect(sync.departmentRows).not.toHaveBeenCalled();
  });
});

describe("Đơn vị for a task list", () => {
  const DEPARTMENT = "Sở Kế hoạch và Đầu tư";
  let taskSnapshot: SheetSnapshot;
  let task: DepartmentRow;

  beforeAll(async () => {
    [taskSnapshot] = workbookSnapshots(await loadWorkbook(TASK_SAMPLE));
    // The department's one task (row 20), as the list holds it after the planner's first sync.
    const row = analyzeSheet(taskSnapshot)[0].table.rows.find((r) => r.row === 20)!;
    task = {
      ...rows[0],
      rowKey: "key-20",
      itemId: "12",
      ordinal: row.ordinal,
      title: row.name,
      unit: null,
      lead: DEPARTMENT,
      plan: null,
      estimate: null,
      task: { partners: "Các sở, ban, ngành", deadline: row.dueText ?? null, status: "Trễ hạn", completedOn: null },
    };
  });

  /** The section as the pane shows it once connected, with the lead units of the recognised task list. */
  async function showSection(sync: SyncService, language: Language) {
    const leads = [
      ...new Set(
        analyzeSheet(taskSnapshot)[0]
          .table.rows.map((r) => r.lead)
          .filter(Boolean),
      ),
    ];
    render(
      <FluentProvider theme={webLightTheme}>
        <StringsProvider language={language}>
          <PaneActionsProvider>
            <DepartmentSection service={sync} leads={leads} connected />
          </PaneActionsProvider>
        </StringsProvider>
      </FluentProvider>,
    );
    // The planner's table is read as the section opens: the choice waits for it.
    await waitFor(() => expect(isDisabled(screen.getByTestId("department-select"))).toBe(false));
  }

  /** Choose the department and wait for its task card (the App's `settle` needs the whole pane). */
  async function chooseDepartment() {
    await act(async () => {
      fireEvent.click(screen.getByTestId("department-select"));
    });
    const listbox = await screen.findByRole("listbox");
    await act(async () => {
      fireEvent.click(within(listbox).getByRole("option", { name: DEPARTMENT }));
    });
    await screen.findByTestId("department-row-key-20");
  }

  async function clickSave() {
    await act(async () => {
      fireEvent.click(screen.getByTestId("save-key-20"));
    });
  }

  /** A list that, like the sync core, writes the completion day into the status when the table has no column for it. */
  function taskList() {
    let current = { ...task, task: { ...task.task! } };
    return createStubSyncService([], {
      status: connectedStatus,
      departmentRows: async (lead: string): Promise<DepartmentRows> => ({
        lead,
        planLabel: null,
        estimateLabel: null,
        rows: lead === DEPARTMENT ? [current] : [],
        tasks: { completedOnInStatus: true },
      }),
      saveLiaisonEdit: async (_key: string, edit: LiaisonEdit) => {
        const status = edit.status !== undefined ? edit.status : current.task.status;
        const completedOn = edit.completedOn !== undefined ? edit.completedOn : current.task.completedOn;
        current = {
          ...current,
          confirmed: edit.confirmed ?? current.confirmed,
          task: { ...current.task, status: completedOn ? statusWithCompletionDay(status ?? "", completedOn) : status, completedOn },
        };
        return current;
      },
    });
  }

  it("shows each task's deadline, status and completion date, and saves the status, the date and the confirmation", async () => {
    const sync = taskList();
    await showSection(sync, "vi");
    await chooseDepartment();

    const card = screen.getByTestId("department-row-key-20");
    expect(card.textContent).toContain("Sơ kết 3 năm thực hiện Nghị quyết");
    expect(screen.getByTestId("deadline-key-20").textContent).toBe("Tháng 10/2023");
    expect((screen.getByTestId("status-key-20") as HTMLTextAreaElement).value).toBe("Trễ hạn");
    expect((screen.getByTestId("completed-key-20") as HTMLInputElement).value).toBe("");
    // No figures to correct in a task list.
    expect(screen.queryByTestId("estimate-key-20")).toBeNull();
    expect(screen.queryByTestId("plan-key-20")).toBeNull();
    expect(card.textContent).toContain("khi lưu, ngày này được ghi kèm vào tình hình thực hiện");

    fireEvent.change(screen.getByTestId("status-key-20"), { target: { value: "Đã hoàn thành" } });
    fireEvent.change(screen.getByTestId("completed-key-20"), { target: { value: "20/9/2023" } });
    await act(async () => {
      fireEvent.click(within(card).getByRole("checkbox", { name: "Đã xác nhận" }));
    });
    const save = jest.spyOn(sync, "saveLiaisonEdit");
    await clickSave();
    expect(save).toHaveBeenCalledWith("key-20", { status: "Đã hoàn thành", completedOn: "2023-09-20", confirmed: true });
    await waitFor(() => expect(screen.getByTestId("saved-key-20").textContent).toContain("Đã lưu vào danh sách."));
    expect((screen.getByTestId("status-key-20") as HTMLTextAreaElement).value).toBe("Đã hoàn thành ngày 20/9/2023");
    expect((screen.getByTestId("completed-key-20") as HTMLInputElement).value).toBe("20/09/2023");
  });

  it("refuses a completion date that is no day, in English too", async () => {
    const sync = taskList();
    await showSection(sync, "en");
    await chooseDepartment();
    expect(screen.getByText("Completed on", { selector: "label" })).toBeTruthy();
    fireEvent.change(screen.getByTestId("completed-key-20"), { target: { value: "30/2/2023" } });
    const save = jest.spyOn(sync, "saveLiaisonEdit");
    await clickSave();
    expect(save).not.toHaveBeenCalled();
    expect(screen.getByTestId("department-row-key-20").textContent).toContain("Not a date: write day/month/year, e.g. 20/9/2023.");
  });
});
