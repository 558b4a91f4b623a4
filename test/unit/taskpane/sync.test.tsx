/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import type { SheetSnapshot } from "../../../src/annex";
import { GraphError, graphErrorMessage } from "../../../src/sync";
import { DEFAULT_PANE_SETTINGS, PaneError } from "../../../src/taskpane/annexService";
import { formatTime } from "../../../src/taskpane/format";
import { DEFAULT_LOCAL_LIST_URL, type SyncOutcome, type SyncConflictView } from "../../../src/taskpane/syncService";
import {
  analyzeWith,
  createStubService,
  createStubSyncService,
  departmentRowsOf,
  isDisabled,
  loadSampleSnapshot,
  openSection,
  settle,
  syncReport,
} from "./setup";

let snapshot: SheetSnapshot;
beforeAll(async () => {
  snapshot = await loadSampleSnapshot();
});

const target = { sheet: "Phụ lục", tableIndex: 0 };

async function click(testId: string) {
  await act(async () => {
    fireEvent.click(screen.getByTestId(testId));
  });
  await settle();
}

const conflict: SyncConflictView = {
  rowKey: "key-17",
  field: "V_E",
  label: "Quý III › Ước thực hiện đến 9 tháng",
  title: "Tổng lượt khách du lịch",
  row: 17,
  cell: "E17",
  base: 3800,
  workbook: 4100,
  list: 4321.5,
};

describe("Đồng bộ (sync)", () => {
  it("asks before adding the key column, then syncs and shows the counts (Vietnamese)", async () => {
    const sync = createStubSyncService(departmentRowsOf(analyzeWith(snapshot, DEFAULT_PANE_SETTINGS)[0]));
    await openSection(createStubService(snapshot), "vi", "sync", sync);
    expect(screen.getByTestId("tab-sync").textContent?.startsWith("Đồng bộ")).toBe(true);
    expect(screen.getByTestId("tab-department").textContent?.startsWith("Đơn vị")).toBe(true);
    expect(sync.status).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("sync-last").textContent).toBe("Bảng chưa được đồng bộ lần nào.");
    // Where the list is stays under "Cài đặt nâng cao"; the section says it in a sentence.
    expect(screen.getByTestId("sync-where").textContent).toBe("Danh sách «PhuLuc» trên máy chủ danh sách nội bộ.");
    expect(screen.queryByTestId("sync-list-url")).toBeNull();
    expect(screen.getByTestId("sync-advanced").getAttribute("aria-expanded")).toBe("false");
    await click("sync-advanced");
    expect(screen.getByTestId("sync-advanced").getAttribute("aria-expanded")).toBe("true");
    // The local list server as `npm start` runs it is the default.
    expect((screen.getByTestId("sync-list-url") as HTMLInputElement).value).toBe(DEFAULT_LOCAL_LIST_URL);
    expect((screen.getByTestId("sync-token") as HTMLInputElement).value).toBe("dev-token");
    expect(screen.getByRole("radio", { name: "Máy chủ danh sách nội bộ" })).toBeTruthy();
    expect(screen.getByRole("radio", { name: "SharePoint (Microsoft 365)" })).toBeTruthy();

    await click("sync-button");
    expect(sync.connect).toHaveBeenCalledWith({ kind: "local", listUrl: DEFAULT_LOCAL_LIST_URL, token: "dev-token" });
    expect(sync.sync).toHaveBeenLastCalledWith({ target, resolutions: undefined, allowKeyColumn: undefined });
    const confirm = screen.getByTestId("sync-key-confirm");
    expect(confirm.textContent).toContain(
      "Lần đồng bộ đầu tiên sẽ thêm cột ẩn J vào trang tính «Phụ lục»: nhãn «Mã đồng bộ» ở hàng 6 và một mã cho mỗi dòng trong 23 dòng (hàng 7–36).",
    );
    expect(screen.queryByTestId("sync-report")).toBeNull();
    expect(isDisabled(screen.getByTestId("sync-button"))).toBe(true);

    await click("sync-key-accept");
    expect(sync.sync).toHaveBeenLastCalledWith({ target, resolutions: undefined, allowKeyColumn: true });
    expect(sync.connect).toHaveBeenCalledTimes(1); // the same connection is not made twice
    expect(screen.queryByTestId("sync-key-confirm")).toBeNull();
    expect(screen.getByTestId("sync-created").textContent).toBe("23 mục");
    expect(screen.getByTestId("sync-updated").textContent).toBe("0 mục");
    expect(screen.getByTestId("sync-pulled").textContent).toBe("0 giá trị");
    expect(screen.getByTestId("sync-requests").textContent).toBe("4");
    expect(screen.getByTestId("sync-report").textContent).toContain("Danh sách mới được tạo.");
    expect(screen.getByTestId("sync-connected").textContent).toBe("Đã kết nối với danh sách «PhuLuc».");
    expect(screen.getByTestId("sync-last").textContent).toBe(`Lần đồng bộ gần nhất: ${formatTime("2020-10-01T08:00:00.000Z", "vi")}`);
    expect(screen.queryByTestId("error-bar")).toBeNull();

    // Switching tabs keeps the report.
    await click("tab-tables");
    await click("tab-sync");
    expect(screen.getByTestId("sync-created").textContent).toBe("23 mục");
  });

  it("can cancel the key column, and shows the counts in English", async () => {
    const sync = createStubSyncService();
    await openSection(createStubService(snapshot), "en", "sync", sync);
    expect(screen.getByTestId("sync-last").textContent).toBe("The table has never been synced.");
    await click("sync-button");
    expect(screen.getByTestId("sync-key-confirm").textContent).toContain("The first sync adds a hidden column J to sheet “Phụ lục”");
    await click("sync-key-cancel");
    expect(screen.queryByTestId("sync-key-confirm")).toBeNull();
    expect(sync.sync).toHaveBeenCalledTimes(1);

    sync.sync.mockResolvedValueOnce({ kind: "synced", report: syncReport({ created: 2, updated: 3, pulled: 1, requests: 5 }) });
    await click("sync-button");
    expect(screen.getByTestId("sync-created").textContent).toBe("2 items");
    expect(screen.getByTestId("sync-updated").textContent).toBe("3 items");
    expect(screen.getByTestId("sync-pulled").textContent).toBe("1 value");
    expect(screen.getByTestId("sync-requests").textContent).toBe("5");
  });

  it.each([
    ["vi", "4.100", "4.321,5", "3.800", "Lấy giá trị từ danh sách"],
    ["en", "4,100", "4,321.5", "3,800", "Take the list's value"],
  ] as const)(
    "shows a conflict with both values, and taking the list's value syncs again with that choice (%s)",
    async (language, workbook, list, base, take) => {
      const sync = createStubSyncService();
      sync.sync.mockResolvedValueOnce({ kind: "synced", report: syncReport({ conflicts: [conflict], requests: 2 }) });
      sync.sync.mockResolvedValueOnce({ kind: "synced", report: syncReport({ pulled: 1, requests: 2 }) });
      await openSection(createStubService(snapshot), language, "sync", sync);
      await click("sync-button");

      const item = screen.getByTestId("conflict-0");
      expect(item.textContent).toContain(
        language === "vi"
          ? "Hàng 17 «Tổng lượt khách du lịch» — Quý III › Ước thực hiện đến 9 tháng (ô E17)"
          : "Row 17 “Tổng lượt khách du lịch” — Quý III › Ước thực hiện đến 9 tháng (cell E17)",
      );
      expect(screen.getByTestId("conflict-0-workbook").textContent).toBe(workbook);
      expect(screen.getByTestId("conflict-0-list").textContent).toBe(list);
      expect(screen.getByTestId("conflict-0-base").textContent).toBe(base);
      expect(screen.getByTestId("conflict-0-take").textContent).toBe(take);
      expect(screen.getByTestId("conflict-0-keep").textContent).toBe(
        language === "vi" ? "Giữ giá trị trong bảng" : "Keep the table's value",
      );

      await click("conflict-0-take");
      expect(sync.sync).toHaveBeenLastCalledWith({
        target,
        resolutions: [{ rowKey: "key-17", field: "V_E", take: "list" }],
        allowKeyColumn: undefined,
      });
      expect(screen.queryByTestId("sync-conflicts")).toBeNull();
      expect(screen.getByTestId("sync-pulled").textContent).toBe(language === "vi" ? "1 giá trị" : "1 value");
    },
  );

  it("keeps the table's values for every conflict at once", async () => {
    const other = { ...conflict, rowKey: "key-20", row: 20, cell: "E20", title: "Kim ngạch xuất khẩu" };
    const sync = createStubSyncService();
    sync.sync.mockResolvedValueOnce({ kind: "synced", report: syncReport({ conflicts: [conflict, other] }) });
    await openSection(createStubService(snapshot), "vi", "sync", sync);
    await click("sync-button");
    expect(screen.getByTestId("sync-conflicts").textContent).toContain("Xung đột cần chọn (2)");
    await click("conflicts-keep-all");
    expect(sync.sync).toHaveBeenLastCalledWith({
      target,
      resolutions: [
        { rowKey: "key-17", field: "V_E", take: "workbook" },
        { rowKey: "key-20", field: "V_E", take: "workbook" },
      ],
      allowKeyColumn: undefined,
    });
  });

  it.each([
    ["vi", 429],
    ["en", 429],
    ["vi", 401],
    ["en", 0],
  ] as const)("shows a failed sync in the error MessageBar with the list's message (%s, %s)", async (language, status) => {
    const message = graphErrorMessage(new GraphError(status, "x", "x"));
    const sync = createStubSyncService([], {
      sync: async () => {
        throw new PaneError(message.vi, message.en);
      },
    });
    await openSection(createStubService(snapshot), language, "sync", sync);
    await click("sync-button");
    const bar = screen.getByTestId("error-bar");
    expect(bar.textContent).toContain(message[language]);
    expect(bar.textContent).not.toContain(message[language === "vi" ? "en" : "vi"]);
    expect(screen.queryByTestId("sync-report")).toBeNull();
    expect(isDisabled(screen.getByTestId("sync-button"))).toBe(false);
  });

  it("shows the report of a sync that stopped part-way, and the reason in the error MessageBar", async () => {
    const throttled = graphErrorMessage(new GraphError(429, "tooManyRequests", "slow down"));
    const sync = createStubSyncService();
    sync.sync.mockResolvedValueOnce({ kind: "synced", report: syncReport({ created: 20, outboxRemaining: 3, interrupted: throttled }) });
    await openSection(createStubService(snapshot), "vi", "sync", sync);
    await click("sync-button");
    expect(screen.getByTestId("sync-created").textContent).toBe("20 mục");
    expect(screen.getByTestId("sync-outbox").textContent).toBe("3");
    expect(screen.getByTestId("error-bar").textContent).toContain("Máy chủ đang giới hạn số yêu cầu");
  });

  it("offers to recreate a deleted list, and syncs with recreate when asked", async () => {
    const gone = Object.assign(
      new PaneError('Danh sách dùng chung "PhuLuc" không còn trên máy chủ (đã bị xóa).', "The list was deleted."),
      {
        code: "listGone",
      },
    );
    const sync = createStubSyncService();
    sync.sync.mockRejectedValueOnce(gone);
    sync.sync.mockResolvedValueOnce({ kind: "synced", report: syncReport({ created: 23, listCreated: true }) });
    await openSection(createStubService(snapshot), "vi", "sync", sync);
    await click("sync-button");
    expect(screen.getByTestId("error-bar").textContent).toContain("không còn trên máy chủ");
    expect(screen.getByTestId("sync-list-gone").textContent).toContain("Tạo lại danh sách");
    await click("sync-recreate");
    expect(sync.sync).toHaveBeenLastCalledWith(expect.objectContaining({ recreate: true }));
    expect(screen.getByTestId("sync-created").textContent).toBe("23 mục");
    expect(screen.queryByTestId("sync-list-gone")).toBeNull();
  });

  it("shows progress while syncing and disables the buttons", async () => {
    let finish: (outcome: SyncOutcome) => void = () => undefined;
    const sync = createStubSyncService([], { sync: () => new Promise<SyncOutcome>((resolve) => (finish = resolve)) });
    await openSection(createStubService(snapshot), "vi", "sync", sync);
    await act(async () => {
      fireEvent.click(screen.getByTestId("sync-button"));
    });
    expect(screen.getByTestId("sync-progress")).toBeTruthy();
    expect(isDisabled(screen.getByTestId("sync-button"))).toBe(true);
    expect((await screen.findByTestId("progress", {}, { timeout: 2000 })).textContent).toContain("Đang đồng bộ với danh sách dùng chung…");
    await act(async () => {
      finish({ kind: "synced", report: syncReport() });
    });
    await settle();
    expect(screen.queryByTestId("sync-progress")).toBeNull();
    expect(screen.getByTestId("sync-nothing").textContent).toBe("Bảng và danh sách đã khớp nhau: không có gì thay đổi.");
  });

  it("connects to SharePoint with the list address and the client id, and shows who signed in", async () => {
    const sync = createStubSyncService();
    await openSection(createStubService(snapshot), "vi", "sync", sync);
    await act(async () => {
      fireEvent.click(screen.getByTestId("sync-advanced"));
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("radio", { name: "SharePoint (Microsoft 365)" }));
    });
    expect(screen.queryByTestId("sync-token")).toBeNull();
    expect(screen.getByTestId("sync-where").textContent).toBe("Chưa có địa chỉ danh sách: mở “Cài đặt nâng cao” để nhập.");
    // No all-zero placeholder: the field is empty, and what it is and who gives it is said in a sentence.
    expect((screen.getByTestId("sync-client-id") as HTMLInputElement).value).toBe("");
    expect(screen.getByLabelText("Mã ứng dụng của cơ quan")).toBe(screen.getByTestId("sync-client-id"));
    expect(screen.getByTestId("sync-settings").textContent).toContain(
      "Quản trị viên nhận mã này khi đăng ký Trợ lý Phụ lục trong Microsoft Entra ID",
    );
    expect(screen.getByTestId("sync-sign-in-hint").textContent).toBe(
      "Khi bấm “Đăng nhập”, bạn đăng nhập bằng tài khoản Microsoft 365 của cơ quan; trợ lý đọc và ghi danh sách này bằng quyền của bạn.",
    );
    expect(screen.getByTestId("sync-connect").textContent).toBe("Đăng nhập");
    fireEvent.change(screen.getByTestId("sync-list-url"), { target: { value: "https://contoso.sharepoint.com/sites/KHDT/Lists/PhuLuc" } });
    fireEvent.change(screen.getByTestId("sync-client-id"), { target: { value: "5f0c2c1e-3a4b-4c5d-8e9f-0a1b2c3d4e5f" } });
    await click("sync-connect");
    expect(sync.connect).toHaveBeenCalledWith({
      kind: "sharepoint",
      listUrl: "https://contoso.sharepoint.com/sites/KHDT/Lists/PhuLuc",
      clientId: "5f0c2c1e-3a4b-4c5d-8e9f-0a1b2c3d4e5f",
    });
    expect(screen.getByTestId("sync-user").textContent).toBe("Đã đăng nhập: Nguyễn Thị Lan");
  });

  it("fills the form from the connection the workbook remembers, and its last sync", async () => {
    const sync = createStubSyncService([], {
      status: async () => ({
        saved: {
          kind: "sharepoint",
          listUrl: "https://contoso.sharepoint.com/sites/KHDT/Lists/PhuLuc",
          clientId: "5f0c2c1e-3a4b-4c5d-8e9f-0a1b2c3d4e5f",
        },
        connected: true,
        user: null,
        lastSync: "2020-09-30T02:15:00Z",
        sheet: "Phụ lục",
        keyColumn: "J",
      }),
    });
    await openSection(createStubService(snapshot), "en", "sync", sync);
    await waitFor(() => expect(screen.getByTestId("sync-connected").textContent).toBe("Connected to the list “PhuLuc”."));
    await click("sync-advanced");
    await waitFor(() =>
      expect((screen.getByTestId("sync-list-url") as HTMLInputElement).value).toBe(
        "https://contoso.sharepoint.com/sites/KHDT/Lists/PhuLuc",
      ),
    );
    expect((screen.getByTestId("sync-client-id") as HTMLInputElement).value).toBe("5f0c2c1e-3a4b-4c5d-8e9f-0a1b2c3d4e5f");
    expect(screen.getByTestId("sync-last").textContent).toBe(`Last sync: ${formatTime("2020-09-30T02:15:00Z", "en")}`);
    expect(screen.getByTestId("sync-user").textContent).toBe("Not signed in.");
  });

  it.each([
    ["vi", true, "Đã kết nối: danh sách «PhuLuc» có 23 mục."],
    ["vi", false, "Đã kết nối: danh sách «PhuLuc» chưa có, sẽ được tạo ở lần đồng bộ đầu."],
    ["en", true, "Connected: the list “PhuLuc” has 23 items."],
  ] as const)("Kết nối shows what the server said (%s, list exists: %s)", async (language, listExists, said) => {
    const sync = createStubSyncService();
    const plain = sync.connect.getMockImplementation()!;
    sync.connect.mockImplementation(async (connection) => ({
      ...(await plain(connection)),
      checked: {
        listExists,
        items: listExists ? 23 : null,
        message: listExists
          ? { vi: "Đã kết nối: danh sách «PhuLuc» có 23 mục.", en: "Connected: the list “PhuLuc” has 23 items." }
          : {
              vi: "Đã kết nối: danh sách «PhuLuc» chưa có, sẽ được tạo ở lần đồng bộ đầu.",
              en: "Connected: the list “PhuLuc” does not exist yet; the first sync will create it.",
            },
      },
    }));
    await openSection(createStubService(snapshot), language, "sync", sync);
    await click("sync-connect");
    expect(screen.getByTestId("sync-connected").textContent).toBe(said);
    expect(screen.queryByTestId("sync-where")).toBeNull();
    expect(screen.queryByTestId("error-bar")).toBeNull();
  });

  it("reports a connection that failed in the error bar, and stays not connected", async () => {
    const refused = new PaneError(
      "Không kết nối được với máy chủ danh sách. Kiểm tra địa chỉ và kết nối mạng rồi thử lại.",
      "Could not reach the list server. Check the address and the network, then try again.",
    );
    const sync = createStubSyncService([], {
      connect: async () => {
        throw refused;
      },
    });
    await openSection(createStubService(snapshot), "vi", "sync", sync);
    await click("sync-connect");
    expect(screen.getByTestId("error-bar").textContent).toContain(refused.vi);
    expect(screen.getByTestId("sync-where").textContent).toBe("Danh sách «PhuLuc» trên máy chủ danh sách nội bộ.");
    expect(screen.queryByTestId("sync-connected")).toBeNull();
  });

  it("speaks to the person, not to a developer, in both languages (no npm, no dev token, no Graph addresses)", async () => {
    for (const language of ["vi", "en"] as const) {
      const view = await openSection(createStubService(snapshot), language, "sync", createStubSyncService());
      await click("sync-advanced");
      const local = screen.getByTestId("panel-sync").textContent ?? "";
      await act(async () => {
        fireEvent.click(screen.getByTestId("sync-kind-sharepoint"));
      });
      const sharePoint = screen.getByTestId("panel-sync").textContent ?? "";
      for (const text of [local, sharePoint]) {
        expect(text).not.toMatch(/npm|dev-token|\/v1\.0\/|\{trang\}|\{site\}|Graph/);
      }
      // "Application (client) ID" appears only inside the sentence that explains where the ID comes from.
      expect(sharePoint.split("Application (client) ID")).toHaveLength(2);
      view.unmount();
    }
  });

  it("has no sync tabs without a sync service (the annex sections are unchanged)", async () => {
    await openSection(createStubService(snapshot), "vi", "tables");
    expect(screen.queryByTestId("tab-sync")).toBeNull();
    expect(screen.queryByTestId("tab-department")).toBeNull();
  });
});
