import { readStatus } from "../../../../src/annex/tasks/status";
import { analyse, serial, type Task } from "./taskList";

const AS_OF = { asOf: "2023-09-30" };
const LEAD = "Sở Nội vụ";

/** One task with this deadline and status (and completion date), judged on 30/09/2023. */
function stateOf(deadline: Task["deadline"], status?: string, completedOn?: Task["completedOn"]) {
  return analyse([{ name: "Nhiệm vụ kiểm tra", lead: LEAD, deadline, status, completedOn }], AS_OF).state("Nhiệm vụ kiểm tra");
}

describe("progress from the status words", () => {
  it.each([
    ["Đã hoàn thành", "done"],
    ["Hoàn thành", "done"],
    ["Đã ban hành Kế hoạch số 45/KH-UBND", "done"],
    ["Da hoan thanh", "done"],
    ["Hoàn thành trễ hạn", "done"],
    ["Đang thực hiện", "doing"],
    ["Đang triển khai", "doing"],
    ["dang thuc hien", "doing"],
    ["Chưa hoàn thành", "doing"],
    ["Hoàn thành 80%", "doing"],
    ["Chưa thực hiện", "not-started"],
    ["Chua trien khai", "not-started"],
    ["Dừng thực hiện", "stopped"],
    ["Tạm dừng", "stopped"],
    ["Trễ hạn", "unknown"],
    ["Chờ ý kiến", "unknown"],
    ["", "unknown"],
  ])("%s → %s", (status, progress) => {
    expect(readStatus(status).progress).toBe(progress);
  });

  it.each([
    ["Trễ hạn", "late"],
    ["Quá hạn", "late"],
    ["Qua han", "late"],
    ["Hoàn thành trễ hạn", "late"],
    ["Đang thực hiện, chậm tiến độ", "late"],
    ["Đúng hạn", "on-time"],
    ["Hoàn thành trước hạn", "on-time"],
    ["Đang thực hiện, chưa quá hạn", null],
    ["Đang chăm sóc", null],
    ["Hỗ trợ trẻ em", null],
  ])("%s: timing %s", (status, timing) => {
    expect(readStatus(status).timing).toBe(timing);
  });
});

describe("task state on the as-of day (30/09/2023)", () => {
  describe("(a) timing words in the status are the planner's judgment and win", () => {
    it("an unfinished task said to be late is overdue whatever its deadline", () => {
      expect(stateOf("Quý IV/2023", "Trễ hạn")).toBe("overdue");
      expect(stateOf("Tháng 12/2023", "Quá hạn")).toBe("overdue");
      expect(stateOf("Năm 2023", "Đang thực hiện, chậm tiến độ")).toBe("overdue");
      expect(stateOf("Thường xuyên", "Tre han")).toBe("overdue");
    });

    it("done late when the status says so, even with a completion date before the deadline", () => {
      expect(stateOf("Quý IV/2023", "Hoàn thành trễ hạn")).toBe("done-late");
      expect(stateOf("31/12/2023", "Hoàn thành trễ hạn", serial(2023, 5, 2))).toBe("done-late");
    });

    it("done on time when the status says on time or early, even past the deadline", () => {
      expect(stateOf("Quý I/2023", "Hoàn thành đúng hạn")).toBe("done-on-time");
      expect(stateOf("Tháng 3/2023", "Trước hạn")).toBe("done-on-time");
    });
  });

  describe("(b) a finished task with a completion date", () => {
    it("is on time when done on or before the deadline, late after it (date in the status)", () => {
      expect(stateOf("Quý II/2023", "Đã hoàn thành (Quyết định số 1520/QĐ-UBND ngày 26/6/2023)")).toBe("done-on-time");
      expect(stateOf("30/6/2023", "Đã hoàn thành ngày 30/6/2023")).toBe("done-on-time");
      expect(stateOf("Tháng 6/2023", "Đã ban hành Quyết định số 20/QĐ-UBND ngày 5/7/2023")).toBe("done-late");
    });

    it("reads the date from a completion column, a date cell or text", () => {
      expect(stateOf("Quý II/2023", "Đã hoàn thành", serial(2023, 7, 15))).toBe("done-late");
      expect(stateOf("Quý III/2023", "Đã hoàn thành", "15/8/2023")).toBe("done-on-time");
      expect(stateOf(serial(2023, 8, 31), "Hoàn thành", serial(2023, 8, 31))).toBe("done-on-time");
    });

    it("takes a completion date in its own column as finished when the status says nothing", () => {
      expect(stateOf("Quý II/2023", undefined, "20/6/2023")).toBe("done-on-time");
    });
  });

  describe("(c) a finished task without a date", () => {
    it("is on time while the as-of day is not past its deadline", () => {
      expect(stateOf("Quý IV/2023", "Đã hoàn thành")).toBe("done-on-time");
      expect(stateOf("Quý III/2023", "Hoàn thành")).toBe("done-on-time");
    });

    it("is just done once the deadline is past: when it was finished is not known", () => {
      expect(stateOf("Quý II/2023", "Đã hoàn thành")).toBe("done");
    });

    it("is just done without a deadline", () => {
      expect(stateOf("Thường xuyên", "Đã hoàn thành")).toBe("done");
    });
  });

  describe("(d) an unfinished task", () => {
    it("is overdue once its deadline is before the as-of day, in progress up to and on it", () => {
      expect(stateOf("Tháng 6/2023", "Đang thực hiện")).toBe("overdue");
      expect(stateOf("Quý II/2023", "Chưa thực hiện")).toBe("overdue");
      expect(stateOf("29/9/2023", "Đang thực hiện")).toBe("overdue");
      expect(stateOf("Quý III/2023", "Đang thực hiện")).toBe("in-progress");
      expect(stateOf("Quý IV/2023", "Chưa thực hiện")).toBe("in-progress");
      expect(stateOf(serial(2023, 10, 1), "Đang triển khai")).toBe("in-progress");
    });

    it("is ongoing without a deadline, and unknown with neither status nor deadline", () => {
      expect(stateOf("Thường xuyên", "Đang thực hiện")).toBe("ongoing");
      expect(stateOf(undefined, "Đang thực hiện")).toBe("ongoing");
      expect(stateOf(undefined, undefined)).toBe("unknown");
    });

    it("is judged by its deadline alone when the status is empty", () => {
      expect(stateOf("Quý II/2023", undefined)).toBe("overdue");
      expect(stateOf("Quý IV/2023", undefined)).toBe("in-progress");
    });

    it("is unknown when the deadline is words that name no day", () => {
      expect(stateOf("Chờ hướng dẫn của Bộ", "Đang thực hiện")).toBe("unknown");
    });
  });

  it("gives sub-tasks their own state, from their own status and their task's deadline", () => {
    const list = analyse(
      [
        { name: "Phổ cập kỹ năng số", lead: LEAD, deadline: "Quý II/2023", status: "Đang thực hiện" },
        { name: "- Huyện A", status: "Đã hoàn thành" },
        { name: "- Huyện B", status: "Đang thực hiện" },
      ],
      AS_OF,
    );
    expect(list.state("- Huyện A")).toBe("done");
    expect(list.state("- Huyện B")).toBe("overdue");
    expect(list.row("- Huyện B").progress).toBe("doing");
  });
});
