import { asOfFromTitle } from "../../../../src/annex/tasks/asOf";
import { analyse } from "./taskList";

const TASK = { name: "Triển khai nhiệm vụ", lead: "Sở Nội vụ", deadline: "Quý III", status: "Đang thực hiện" };

describe("the as-of day from the title rows", () => {
  it.each([
    [["BIỂU TỔNG HỢP NHIỆM VỤ", "(Số liệu đến ngày 23/6/2022)"], "2022-06-23"],
    [["Kết quả thực hiện nhiệm vụ tính đến ngày 15 tháng 11 năm 2022"], "2022-11-15"],
    [["DANH MỤC NHIỆM VỤ", "(Tính đến hết tháng 9/2023)"], "2023-09-30"],
    [["DANH MỤC NHIỆM VỤ", "(Kèm theo Báo cáo số 312/BC-UBND ngày 05/10/2023 về tình hình thực hiện 9 tháng năm 2023)"], "2023-09-30"],
    [["DANH MỤC NHIỆM VỤ", "(Kèm theo Báo cáo kết quả 6 tháng đầu năm 2022)"], "2022-06-30"],
    [["DANH MỤC NHIỆM VỤ", "(Kèm theo Báo cáo tình hình kinh tế - xã hội tháng 11/2020)"], "2020-11-30"],
    [["DANH MỤC NHIỆM VỤ", "(Kèm theo Báo cáo quý III/2021)"], "2021-09-30"],
    [["DANH MỤC NHIỆM VỤ", "(Kèm theo Báo cáo tổng kết năm 2022)"], "2022-12-31"],
    [["DANH MỤC NHIỆM VỤ", "(Kèm theo Báo cáo số 45/BC-UBND ngày 10/7/2022 của UBND tỉnh)"], "2022-07-10"],
  ])("%j → %s", (title, expected) => {
    expect(asOfFromTitle(title)).toBe(expected);
  });

  it("does not take the period a list is for as its as-of day", () => {
    expect(asOfFromTitle(["DANH MỤC NHIỆM VỤ 6 THÁNG CUỐI NĂM 2022"])).toBeNull();
    const title = ["DANH MỤC NHIỆM VỤ 6 THÁNG CUỐI NĂM 2022", "(Kèm theo Báo cáo số 45/BC-UBND ngày 10/7/2022 của UBND tỉnh)"];
    expect(asOfFromTitle(title)).toBe("2022-07-10");
  });
});

describe("the as-of day of a task table", () => {
  const title = ["DANH MỤC NHIỆM VỤ NĂM 2023", "(Kèm theo Báo cáo 6 tháng đầu năm 2023)"];

  it("comes from the title, and judges the tasks on that day", () => {
    const list = analyse([TASK], { today: "2024-02-01" }, { title });
    expect(list.analysis.table).toMatchObject({ asOf: "2023-06-30", asOfSource: "title" });
    expect(list.state(TASK.name)).toBe("in-progress");
  });

  it("is the option when one is given, over the title", () => {
    const list = analyse([TASK], { asOf: "2023-10-15", today: "2024-02-01" }, { title });
    expect(list.analysis.table).toMatchObject({ asOf: "2023-10-15", asOfSource: "option" });
    expect(list.state(TASK.name)).toBe("overdue");
  });

  it("is the injected day of the check when the title names none", () => {
    const list = analyse([TASK], { today: "2023-08-01" }, { title: ["DANH MỤC NHIỆM VỤ NĂM 2023"] });
    expect(list.analysis.table).toMatchObject({ asOf: "2023-08-01", asOfSource: "today" });
    expect(list.state(TASK.name)).toBe("in-progress");
  });

  it("gives deadlines without a year the year the title names", () => {
    const list = analyse([TASK], { asOf: "2024-01-10" }, { title: ["DANH MỤC NHIỆM VỤ NĂM 2022"] });
    expect(list.row(TASK.name).due).toBe("2022-09-30");
    expect(list.state(TASK.name)).toBe("overdue");
  });
});
