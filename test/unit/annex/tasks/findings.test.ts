import { analyse } from "./taskList";

const codes = (list: ReturnType<typeof analyse>) => list.analysis.findings.map((f) => `${f.code}@${f.cell}:${f.severity}`);

describe("findings of a task list", () => {
  it("warns of a task without a lead agency, not of a sub-task that takes its task's", () => {
    const list = analyse(
      [
        { name: "Có chủ trì", lead: "Sở Nội vụ", deadline: "Quý IV/2023", status: "Đang thực hiện" },
        { name: "- Phần của huyện", status: "Đang thực hiện" },
        { name: "Không có chủ trì", deadline: "Quý IV/2023", status: "Đang thực hiện" },
      ],
      { asOf: "2023-09-30" },
    );
    expect(codes(list)).toEqual(["missing-lead@C6:warning"]);
    expect(list.analysis.findings[0].message).toBe('Nhiệm vụ "Không có chủ trì" chưa có cơ quan chủ trì.');
  });

  it("notes a deadline in words that name no day, once, on its own cell", () => {
    const list = analyse(
      [
        { name: "Chờ Bộ", lead: "Sở Nội vụ", deadline: "Chờ hướng dẫn của Bộ", status: "Đang thực hiện" },
        { name: "- Phần một", status: "Đang thực hiện" },
        { name: "Thường kỳ", lead: "Sở Nội vụ", deadline: "Thường xuyên", status: "Đang thực hiện" },
        { name: "Có hạn", lead: "Sở Nội vụ", deadline: "Quý II", status: "Đang thực hiện" },
      ],
      { asOf: "2023-09-30" },
    );
    expect(codes(list)).toEqual(["deadline-unreadable@D4:info"]);
    expect(list.analysis.findings[0]).toMatchObject({ actual: "Chờ hướng dẫn của Bộ" });
  });

  it("warns when a task was completed before the document that assigned it", () => {
    const list = analyse(
      [
        {
          name: "Sai ngày",
          lead: "Sở Nội vụ",
          deadline: "Quý II/2023",
          status: "Đã hoàn thành",
          completedOn: "20/12/2022",
          source: "Quyết định số 12/QĐ-UBND ngày 5/1/2023",
        },
        {
          name: "Đúng ngày",
          lead: "Sở Nội vụ",
          deadline: "Quý II/2023",
          status: "Đã hoàn thành ngày 10/3/2023",
          source: "Quyết định số 12/QĐ-UBND ngày 5/1/2023",
        },
        { name: "Thiếu văn bản", lead: "Sở Nội vụ", deadline: "Quý II/2023", status: "Đã hoàn thành", completedOn: "20/12/2022" },
      ],
      { asOf: "2023-09-30" },
    );
    expect(codes(list)).toEqual(["completed-before-assigned@F4:warning"]);
    expect(list.analysis.findings[0].message).toBe("Ngày hoàn thành 20/12/2022 sớm hơn ngày văn bản giao nhiệm vụ 05/01/2023 (ô G4).");
  });

  it("raises no indicator finding on a task list, nor overdue as a finding", () => {
    const list = analyse(
      [
        { ordinal: "I", name: "NHÓM MỘT" },
        { name: "Quá hạn", lead: "Sở Nội vụ", deadline: "Quý I/2023", status: "Đang thực hiện (đạt 72%)" },
        { name: "Xong", lead: "Sở Nội vụ", deadline: "31/3/2023", status: "Hoàn thành" },
      ],
      { asOf: "2023-09-30" },
    );
    expect(codes(list)).toEqual([]);
  });
});
