import { AS_OF_NAME, TASK_STYLES } from "../../../../src/annex/tasks/highlight";
import { analyse, serial } from "./taskList";

const rulesOf = (list: ReturnType<typeof analyse>) => list.analysis.taskHighlight!.rules.map((r) => [r.range, r.state, r.formula]);

describe("highlight rules for task states", () => {
  it("compares a date-cell deadline with AnnexAsOf, so changing the as-of day recolours the row", () => {
    const list = analyse(
      [
        { name: "A", lead: "Sở Nội vụ", deadline: serial(2023, 8, 31), status: "Đang thực hiện" },
        { name: "B", lead: "Sở Nội vụ", deadline: serial(2023, 12, 31), status: "Đang thực hiện" },
      ],
      { asOf: "2023-09-30" },
    );
    // One block for both rows: the formula is relative to the block's first row.
    expect(rulesOf(list)).toEqual([
      ["A4:G5", "in-progress", `=AND(ISNUMBER($D4),${AS_OF_NAME}<=$D4)`],
      ["A4:G5", "overdue", `=AND(ISNUMBER($D4),$D4<${AS_OF_NAME})`],
    ]);
    expect(list.analysis.taskHighlight!.asOf).toBe("2023-09-30");
  });

  it("compares the day a deadline in words names, and a finished task's on-time colour ends with its deadline", () => {
    const list = analyse(
      [
        { name: "A", lead: "Sở Nội vụ", deadline: "Quý IV/2023", status: "Hoàn thành" },
        { name: "- A1", status: "Đang thực hiện" },
      ],
      { asOf: "2023-09-30" },
    );
    expect(rulesOf(list)).toEqual([
      ["A4:G4", "done-on-time", `=${AS_OF_NAME}<=DATE(2023,12,31)`],
      ["A4:G4", "done", `=DATE(2023,12,31)<${AS_OF_NAME}`],
      ["A5:G5", "in-progress", `=${AS_OF_NAME}<=DATE(2023,12,31)`],
      ["A5:G5", "overdue", `=DATE(2023,12,31)<${AS_OF_NAME}`],
    ]);
  });

  it("keeps a state the as-of day cannot change as a rule that always holds, and leaves ongoing rows alone", () => {
    const list = analyse(
      [
        { name: "A", lead: "Sở Nội vụ", deadline: "Quý IV/2023", status: "Trễ hạn" },
        { name: "B", lead: "Sở Nội vụ", deadline: "Quý I/2023", status: "Quá hạn" },
        { name: "C", lead: "Sở Nội vụ", deadline: "Quý I/2023", status: "Hoàn thành trễ hạn" },
        { name: "D", lead: "Sở Nội vụ", deadline: "Quý I/2023", status: "Hoàn thành ngày 15/3/2023" },
        { name: "E", lead: "Sở Nội vụ", deadline: "Thường xuyên", status: "Đang thực hiện" },
      ],
      { asOf: "2023-09-30" },
    );
    expect(rulesOf(list)).toEqual([
      ["A4:G5", "overdue", "=TRUE"],
      ["A6:G6", "done-late", "=TRUE"],
      ["A7:G7", "done-on-time", "=TRUE"],
    ]);
  });

  it("colours overdue apart from every other state, and the legend lists every state", () => {
    const { analysis } = analyse([{ name: "A", lead: "Sở Nội vụ", deadline: "Quý I/2023", status: "Đang thực hiện" }], {
      asOf: "2023-09-30",
    });
    const legend = analysis.taskHighlight!.legend;
    expect(legend.map((l) => l.band)).toEqual(["overdue", "done-late", "in-progress", "done-on-time", "done", "ongoing", "unknown"]);
    const fills = ["overdue", "done-late", "in-progress", "done-on-time", "done"].map(
      (s) => TASK_STYLES[s as keyof typeof TASK_STYLES].fill,
    );
    expect(new Set(fills).size).toBe(fills.length);
    // Overdue is the darkest fill: it stands out for every kind of colour vision.
    const lightness = (hex: string) => [1, 3, 5].reduce((sum, i) => sum + parseInt(hex.slice(i, i + 2), 16), 0);
    expect(Math.min(...fills.map(lightness))).toBe(lightness(TASK_STYLES.overdue.fill));
    expect(legend[0]).toMatchObject({ label: "Quá hạn", labelEn: "Overdue" });
  });

  it("gives an indicator table no task rules", () => {
    const { analysis } = analyse([{ name: "A", lead: "Sở Nội vụ", deadline: "Quý I/2023", status: "Đang thực hiện" }], {
      asOf: "2023-09-30",
    });
    expect(analysis.rules).toEqual([]);
  });
});
