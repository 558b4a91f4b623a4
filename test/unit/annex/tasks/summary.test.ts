import { analyse, type Task } from "./taskList";

const VP = "Văn phòng UBND tỉnh";
const KH = "Sở Kế hoạch và Đầu tư";
const NV = "Sở Nội vụ";

/** Judged on 30/09/2023: 4 done (2 on time, 1 late, 1 untimed), 5 under way (3 in time, 2 overdue), 1 ongoing, 1 unknown. */
const TASKS: Task[] = [
  { ordinal: "I", name: "CẢI CÁCH HÀNH CHÍNH" },
  { name: "T1", lead: VP, deadline: "Quý II/2023", status: "Đã hoàn thành ngày 20/6/2023" },
  { name: "T2", lead: NV, deadline: "Quý IV/2023", status: "Hoàn thành" },
  { name: "T3", lead: NV, deadline: "31/3/2023", status: "Hoàn thành trễ hạn" },
  { name: "T4", lead: KH, deadline: "Quý I/2023", status: "Đã hoàn thành" },
  { name: "T5", lead: VP, deadline: "Tháng 6/2023", status: "Đang thực hiện" },
  { name: "- T5a", status: "Chưa thực hiện" },
  { name: "- T5b", status: "Chưa thực hiện" },
  { ordinal: "II", name: "CHUYỂN ĐỔI SỐ" },
  { name: "T6", lead: KH, deadline: "Năm 2023", status: "Trễ hạn" },
  { name: "T7", lead: NV, deadline: "Quý IV/2023", status: "Đang thực hiện" },
  { name: "T8", lead: KH, deadline: "Tháng 10/2023", status: "Chưa thực hiện" },
  { name: "T9", lead: VP, deadline: "Quý III/2023", status: "Đang triển khai" },
  { name: "T10", lead: VP, deadline: "Thường xuyên", status: "Đang thực hiện" },
  { name: "T11", lead: NV },
];

describe("the task summary", () => {
  const { analysis } = analyse(TASKS, { asOf: "2023-09-30" });

  it("counts tasks (items), not their sub-items, by state", () => {
    expect(analysis.summary.tasks).toMatchObject({
      total: 11,
      done: 4,
      doneOnTime: 2,
      doneLate: 1,
      inProgress: 3,
      overdue: 2,
      ongoing: 1,
      unknown: 1,
    });
    expect(analysis.summary.total).toBe(11);
  });

  it("counts per lead agency, in the order the agencies first appear", () => {
    expect(analysis.summary.tasks!.byLead.map((l) => [l.lead, l.total, l.done, l.inProgress, l.overdue])).toEqual([
      [VP, 4, 1, 1, 1],
      [NV, 4, 2, 1, 0],
      [KH, 3, 1, 1, 1],
    ]);
  });

  it("writes the sentence the reports use: two-digit counts, the overdue share of all tasks, agencies with overdue tasks", () => {
    expect(analysis.summary.text).toBe(
      "Tổng số 11 nhiệm vụ: đã hoàn thành 04 nhiệm vụ (02 đúng và trước hạn, 01 trễ hạn, 01 chưa rõ đúng hạn hay trễ hạn); " +
        "đang thực hiện 05 nhiệm vụ (03 trong hạn, 02 quá hạn, chiếm 18,2%); 01 nhiệm vụ thực hiện thường xuyên; " +
        "01 nhiệm vụ chưa xác định được thời hạn hoặc tình hình thực hiện. " +
        "Nhiệm vụ quá hạn: Văn phòng UBND tỉnh (01), Sở Kế hoạch và Đầu tư (01).",
    );
    expect(analysis.summary.textEn).toBe(
      "11 tasks in all: 4 done (2 on time or early, 1 late, 1 timing not known); " +
        "5 under way (3 within the deadline, 2 overdue, 18.2% of all); 1 ongoing with no deadline; " +
        "1 whose deadline or progress cannot be told. Overdue: Văn phòng UBND tỉnh (1), Sở Kế hoạch và Đầu tư (1).",
    );
  });

  it("leaves out what is not there and says 'đều' when one kind makes the whole", () => {
    const { analysis: small } = analyse(
      [
        { name: "A", lead: VP, deadline: "Quý IV/2023", status: "Hoàn thành" },
        { name: "B", lead: NV, deadline: "Tháng 3/2023", status: "Đang thực hiện" },
      ],
      { asOf: "2023-09-30" },
    );
    expect(small.summary.text).toBe(
      "Tổng số 02 nhiệm vụ: đã hoàn thành 01 nhiệm vụ (đều đúng và trước hạn); đang thực hiện 01 nhiệm vụ (đều quá hạn, chiếm 50,0%). " +
        "Nhiệm vụ quá hạn: Sở Nội vụ (01).",
    );
  });

  it("writes counts of ten and more as they are, and names overdue tasks without a lead", () => {
    const many: Task[] = Array.from({ length: 12 }, (_, i) => ({
      name: `Nhiệm vụ số ${i + 1}`,
      deadline: "Quý I/2023",
      status: "Đang thực hiện",
    }));
    const { analysis: big } = analyse(many, { asOf: "2023-09-30" });
    expect(big.summary.text).toBe(
      "Tổng số 12 nhiệm vụ: đang thực hiện 12 nhiệm vụ (đều quá hạn, chiếm 100,0%). Nhiệm vụ quá hạn: chưa rõ cơ quan chủ trì (12).",
    );
  });
});
