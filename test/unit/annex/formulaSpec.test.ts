import { evaluate, guardedFormula, numberRowLabel, parseFormulaSpec, toExcel } from "../../../src/annex/formulaSpec";

const cells: Record<string, string> = { "1": "A7", "2": "B7", "3": "C7", "4": "D7", "5": "E7", "6": "F7", "7": "G7" };
const allColumns = (label: string) => label in cells;
const ref = (label: string) => cells[label];

describe("formula specs from the number row", () => {
  it.each([
    ["6=4/5", "6", "4/5", "D7/E7", true, false],
    ["7=5-4", "7", "5-4", "E7-D7", false, false],
    ["(4)=(3)/(2)", "4", "3/2", "C7/B7", true, false],
    ["(6)=(5)/(4)*100", "6", "5/4*100", "E7/D7*100", false, true],
    ["5 = 4/3", "5", "4/3", "D7/C7", true, false],
    ["6=4/5％", "6", "4/5", "D7/E7", true, false],
    ["6 = 4/5 %", "6", "4/5", "D7/E7", true, false],
    ["(4)=(3)/(2)x100%", "4", "3/2*100", "C7/B7*100", false, true],
    ["6=4:5", "6", "4/5", "D7/E7", true, false],
    ["7 = 5 – 4", "7", "5-4", "E7-D7", false, false],
  ])("%s", (text, target, normalised, excel, percent, timesHundred) => {
    const spec = parseFormulaSpec(text, allColumns)!;
    expect(spec.target).toBe(target);
    expect(spec.text).toBe(normalised);
    expect(toExcel(spec.expr, ref)).toBe(excel);
    expect(spec.percent).toBe(percent);
    expect(spec.timesHundred).toBe(timesHundred);
  });

  it("8=(6+7)/2 averages two columns: 2 is a constant when column 2 holds words", () => {
    const spec = parseFormulaSpec("8=(6+7)/2", (label) => label !== "2")!;
    expect(spec.operands).toEqual(["6", "7"]);
    expect(toExcel(spec.expr, ref)).toBe("(F7+G7)/2");
    expect(evaluate(spec.expr, (l) => ({ "6": 3, "7": 5 })[l] ?? null)).toBe(4);
    expect(spec.percent).toBe(true); // a division; the planner shows it as a percentage unless ×100
  });

  it("keeps subtraction order and precedence when writing Excel", () => {
    const spec = parseFormulaSpec("7=5-(4-3)", allColumns)!;
    expect(toExcel(spec.expr, ref)).toBe("E7-(D7-C7)");
  });

  it("guards the live formula: empty while an operand is not a number, never #DIV/0!", () => {
    const spec = parseFormulaSpec("6=4/5", allColumns)!;
    expect(guardedFormula(spec.expr, ref)).toBe('=IF(AND(ISNUMBER(D7),ISNUMBER(E7),E7<>0),D7/E7,"")');
    expect(evaluate(spec.expr, (l) => (l === "5" ? 0 : 3))).toBeNull();
  });

  it("rejects text that is not a formula", () => {
    expect(parseFormulaSpec("6", allColumns)).toBeNull();
    expect(parseFormulaSpec("6=ghi chú", allColumns)).toBeNull();
    expect(parseFormulaSpec("6=6+1", allColumns)).toBeNull();
  });

  it("reads column labels in plain and bracketed form", () => {
    expect(numberRowLabel("4")).toBe("4");
    expect(numberRowLabel("(4)")).toBe("4");
    expect(numberRowLabel("6=4/5")).toBe("6");
    expect(numberRowLabel("A")).toBe("A");
    expect(numberRowLabel("Chỉ tiêu")).toBeNull();
  });
});
