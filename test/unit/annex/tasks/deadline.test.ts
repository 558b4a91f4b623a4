import { readDeadline } from "../../../../src/annex/tasks/deadline";
import { analyse, serial } from "./taskList";

const due = (text: string | number, format = "General", year: number | null = 2023) => {
  const d = readDeadline(text, format, year);
  return d.kind === "date" ? d.due : d.kind;
};

describe("deadlines as planners write them", () => {
  it.each([
    ["30/6/2022", "2022-06-30"],
    ["30-6-2022", "2022-06-30"],
    ["30.6.2022", "2022-06-30"],
    ["ngày 30 tháng 6 năm 2022", "2022-06-30"],
    ["Trước ngày 15/11/2022", "2022-11-15"],
    ["Tháng 9/2022", "2022-09-30"],
    ["tháng 9 năm 2022", "2022-09-30"],
    ["T9/2022", "2022-09-30"],
    ["Tháng 02/2022", "2022-02-28"],
    ["Tháng 2/2024", "2024-02-29"],
    ["Tháng 11/2020", "2020-11-30"],
    ["Quý III/2022", "2022-09-30"],
    ["Quý 3 năm 2022", "2022-09-30"],
    ["Quý I/2023", "2023-03-31"],
    ["Quý III, IV/2022", "2022-12-31"],
    ["6 tháng đầu năm 2022", "2022-06-30"],
    ["Năm 2022", "2022-12-31"],
    ["2021-2025", "2025-12-31"],
    ["Giai đoạn 2021 - 2025", "2025-12-31"],
    ["THANG 9/2022", "2022-09-30"],
    ["Quy III/2022", "2022-09-30"],
  ])("%s → %s", (text, expected) => {
    expect(due(text)).toBe(expected);
  });

  it("takes the table's year when the deadline names none", () => {
    expect(due("Quý II", "General", 2023)).toBe("2023-06-30");
    expect(due("Tháng 10", "General", 2023)).toBe("2023-10-31");
    expect(due("30/6", "General", 2023)).toBe("2023-06-30");
    expect(due("6 tháng đầu năm", "General", 2021)).toBe("2021-06-30");
    expect(due("Quý II", "General", null)).toBe("unreadable");
  });

  it.each(["Thường xuyên", "Hằng năm", "Hàng năm", "Hàng quý", "Theo tiến độ dự án", "thuong xuyen", "Định kỳ hằng tháng"])(
    "%s is ongoing: no day it falls due",
    (text) => {
      expect(due(text)).toBe("ongoing");
    },
  );

  it("reads date cells (Excel serial days) and a year typed as a number", () => {
    expect(due(serial(2023, 8, 31), "dd/mm/yyyy")).toBe("2023-08-31");
    expect(due(serial(2024, 2, 29), "m/d/yyyy")).toBe("2024-02-29");
    // Office.js may hand over a date cell's serial with a format the adapter did not read.
    expect(due(serial(2023, 12, 31), "General")).toBe("2023-12-31");
    expect(due(2023)).toBe("2023-12-31");
  });

  it("says which deadlines are blank and which are words that name no day", () => {
    expect(due("")).toBe("blank");
    expect(readDeadline(null, "General", 2023).kind).toBe("blank");
    expect(due("Chờ ý kiến của Bộ")).toBe("unreadable");
    expect(due("31/2/2023")).toBe("unreadable");
    expect(due("Tháng 13/2022")).toBe("unreadable");
  });
});

describe("deadlines in a task list", () => {
  it("gives sub-tasks without a deadline their task's, and keeps a sub-task's own", () => {
    const list = analyse(
      [
        { ordinal: "I", name: "NHIỆM VỤ CHUNG" },
        { name: "Phổ cập kỹ năng số", lead: "Sở Thông tin và Truyền thông", deadline: "Quý III/2023", status: "Đang thực hiện" },
        { name: "- Huyện A", status: "Đã hoàn thành" },
        { name: "- Huyện B", deadline: "Tháng 12/2023", status: "Đang thực hiện" },
        { name: "Báo cáo tổng kết", lead: "Sở Nội vụ", deadline: serial(2023, 8, 31), status: "Đang thực hiện" },
        { name: "- Phần của huyện C", status: "Đang thực hiện" },
      ],
      { asOf: "2023-09-30" },
    );
    expect(list.row("- Huyện A")).toMatchObject({ dueText: "Quý III/2023", due: "2023-09-30", lead: "Sở Thông tin và Truyền thông" });
    expect(list.row("- Huyện B")).toMatchObject({ dueText: "Tháng 12/2023", due: "2023-12-31" });
    expect(list.row("Báo cáo tổng kết")).toMatchObject({ dueText: "31/08/2023", due: "2023-08-31", state: "overdue" });
    expect(list.row("- Phần của huyện C")).toMatchObject({ due: "2023-08-31", state: "overdue" });
    expect(list.analysis.table.rows[0]).not.toHaveProperty("due");
  });

  it("reads a deadline merged down over several tasks for each of them", () => {
    const list = analyse(
      [
        { name: "Nhiệm vụ một", lead: "Sở Nội vụ", deadline: "Quý II/2023", status: "Đang thực hiện" },
        { name: "Nhiệm vụ hai", lead: "Sở Nội vụ", status: "Đang thực hiện" },
        { name: "Nhiệm vụ ba", lead: "Sở Nội vụ", status: "Đang thực hiện" },
      ],
      { asOf: "2023-09-30" },
      { merges: ["D4:D5"] },
    );
    expect(list.row("Nhiệm vụ hai")).toMatchObject({ dueText: "Quý II/2023", due: "2023-06-30", state: "overdue" });
    expect(list.row("Nhiệm vụ ba")).toMatchObject({ dueText: "", due: null, state: "ongoing" });
  });
});
