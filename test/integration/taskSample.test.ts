/**
 * The task-list sample (samples/danh-muc-nhiem-vu-2023.xlsx). Expected values come from the sample's
 * README ("How it stands on 30/09/2023, task by task") and from reading the sheet by hand.
 */
import { analyzeSheet, type TableAnalysis } from "../../src/annex";
import { loadWorkbook, workbookSnapshots } from "../../src/xlsx/readWorkbook";
import { SAMPLE, TASK_SAMPLE } from "../helpers/samples";
import { checkCommand } from "../helpers/checkCommand";

async function analyseFile(file: string): Promise<TableAnalysis[]> {
  return workbookSnapshots(await loadWorkbook(file)).flatMap((s) => analyzeSheet(s, { today: "2025-01-15" }));
}

let analysis: TableAnalysis;

beforeAll(async () => {
  const tables = await analyseFile(TASK_SAMPLE);
  expect(tables).toHaveLength(1);
  [analysis] = tables;
});

it("is a task list that speaks as of 30/09/2023, the end of the 9 months its report covers", () => {
  expect(analysis.table.kind).toBe("tasks");
  expect(analysis.table.asOf).toBe("2023-09-30");
  expect(analysis.table.asOfSource).toBe("title");
  expect(analysis.table.columns.map((c) => c.role)).toEqual(["ordinal", "name", "lead", "partner", "deadline", "status", "note"]);
});

it("reads every task's deadline and state as the README gives them", () => {
  const rows = analysis.table.rows.filter((r) => r.kind !== "section").map((r) => [r.row, r.dueText, r.due, r.state]);
  expect(rows).toEqual([
    [7, "Quý II/2023", "2023-06-30", "done-on-time"], // done 26/06 by decision 1520
    [8, "Tháng 6/2023", "2023-06-30", "overdue"],
    [9, "31/3/2023", "2023-03-31", "done-late"],
    [10, "Thường xuyên", null, "ongoing"],
    [12, "Năm 2023", "2023-12-31", "in-progress"],
    [13, "Quý IV/2023", "2023-12-31", "in-progress"], // not started, deadline ahead
    [14, "31/08/2023", "2023-08-31", "done-on-time"], // a date cell; done 15/08
    [15, "Quý III/2023", "2023-09-30", "in-progress"], // due on the as-of day itself
    [16, "Quý III/2023", "2023-09-30", "done-on-time"], // takes task II.4's deadline
    [17, "Quý III/2023", "2023-09-30", "in-progress"],
    [19, "Quý IV/2023", "2023-12-31", "in-progress"],
    [20, "Tháng 10/2023", "2023-10-31", "overdue"], // "Trễ hạn": the planner's judgment stands
  ]);
  expect(analysis.table.rows.find((r) => r.row === 13)!.progress).toBe("not-started");
  expect(analysis.table.rows.find((r) => r.row === 16)!.lead).toBe("Sở Thông tin và Truyền thông");
});

it("counts 10 tasks: 2 done on time, 1 done late, 4 in progress, 2 overdue, 1 ongoing", () => {
  expect(analysis.summary.tasks).toMatchObject({
    total: 10,
    done: 3,
    doneOnTime: 2,
    doneLate: 1,
    inProgress: 4,
    overdue: 2,
    ongoing: 1,
    unknown: 0,
  });
  expect(analysis.summary.text).toBe(
    "Tổng số 10 nhiệm vụ: đã hoàn thành 03 nhiệm vụ (02 đúng và trước hạn, 01 trễ hạn); " +
      "đang thực hiện 06 nhiệm vụ (04 trong hạn, 02 quá hạn, chiếm 20,0%); 01 nhiệm vụ thực hiện thường xuyên. " +
      "Nhiệm vụ quá hạn: Văn phòng UBND tỉnh (01), Sở Kế hoạch và Đầu tư (01).",
  );
});

it("warns only that row 19 has no lead agency", () => {
  expect(analysis.findings.map((f) => [f.code, f.cell, f.severity])).toEqual([["missing-lead", "C19", "warning"]]);
});

it("leaves the indicator sample an indicator table without task fields", async () => {
  const [indicators] = await analyseFile(SAMPLE);
  expect(indicators.table.kind).toBe("indicators");
  expect(indicators.table.asOf).toBeUndefined();
  expect(indicators.table.rows.some((r) => r.state !== undefined)).toBe(false);
  expect(indicators.taskHighlight).toBeUndefined();
});

describe("annex check on the task sample", () => {
  it("gives kind, asOf, each row's deadline and state, and the task counts in JSON", async () => {
    const { code, out } = await checkCommand("--json", TASK_SAMPLE);
    expect(code).toBe(0);
    const [table] = JSON.parse(out).files[0].tables;
    expect(table).toMatchObject({ kind: "tasks", asOf: "2023-09-30", asOfSource: "title" });
    expect(table.rows.find((r: { row: number }) => r.row === 14)).toMatchObject({
      dueText: "31/08/2023",
      due: "2023-08-31",
      state: "done-on-time",
      progress: "done",
    });
    expect(table.rows[0]).not.toHaveProperty("state");
    expect(table.summary.tasks).toMatchObject({ total: 10, doneOnTime: 2, doneLate: 1, inProgress: 4, overdue: 2, ongoing: 1 });
  });

  it("judges the list on the --as-of day when one is given", async () => {
    const { code, out } = await checkCommand("--json", "--as-of", "2023-12-31", TASK_SAMPLE);
    expect(code).toBe(0);
    const [table] = JSON.parse(out).files[0].tables;
    expect(table).toMatchObject({ asOf: "2023-12-31", asOfSource: "option" });
    // By the year's end every unfinished task with a deadline is overdue; row 15's sub-task done without a date is just done.
    const states = Object.fromEntries(
      table.rows.filter((r: { state?: string }) => r.state).map((r: { row: number; state: string }) => [r.row, r.state]),
    );
    expect(states).toMatchObject({
      8: "overdue",
      12: "in-progress",
      13: "in-progress",
      15: "overdue",
      16: "done",
      17: "overdue",
      19: "in-progress",
    });
  });

  it("writes the as-of day and each task's state in the readable report", async () => {
    const { code, out } = await checkCommand(TASK_SAMPLE);
    expect(code).toBe(0);
    expect(out).toContain("10 nhiệm vụ, 2 nhiệm vụ con");
    expect(out).toContain("tình trạng tính đến ngày 30/09/2023 (theo tiêu đề)");
    expect(out).toContain("hàng 20: hạn 31/10/2023 (Tháng 10/2023) — quá hạn");
    expect(out).toContain("Tóm tắt: Tổng số 10 nhiệm vụ:");
  });

  it.each(["2023-02-30", "30/09/2023", "hôm nay"])("refuses --as-of %s with exit 2 and one clear line", async (value) => {
    const { code, out, err } = await checkCommand("--as-of", value, TASK_SAMPLE);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err.split("\n")[0]).toBe(
      `--as-of cần một ngày có thật dạng YYYY-MM-DD, ví dụ 2023-09-30 (nhận được "${value}") / --as-of takes a real date as YYYY-MM-DD, e.g. 2023-09-30 (got "${value}")`,
    );
  });
});
