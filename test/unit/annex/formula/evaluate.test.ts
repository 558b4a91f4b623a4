import { evaluateFormula, roundHalfAway, UNKNOWN, type FormulaValue } from "../../../../src/annex/formula/evaluate";
import { parseFormula } from "../../../../src/annex/formula/parse";
import { parseCellAddress } from "../../../../src/annex";

/** A small sheet: A1 = 10, B1 = 4, C1 = 0, D1 blank, E1 "Khoảng 4", F1 TRUE, G1 #DIV/0!, H1 "38%", I1 "". */
const CELLS: Record<string, FormulaValue> = {
  A1: 10,
  B1: 4,
  C1: 0,
  E1: "Khoảng 4",
  F1: true,
  G1: { error: "#DIV/0!" },
  H1: "38%",
  I1: "",
  A2: 1,
  A3: "text",
  A4: 2.5,
};

function run(formula: string): FormulaValue {
  const tree = parseFormula(formula);
  if (!tree) throw new Error(`unparsable: ${formula}`);
  return evaluateFormula(tree, (row, column) => {
    const hit = Object.entries(CELLS).find(([address]) => {
      const at = parseCellAddress(address);
      return at.row === row && at.column === column;
    });
    return hit ? hit[1] : null;
  });
}

describe("evaluating the formulas annexes use", () => {
  it.each<[string, FormulaValue]>([
    ["=A1/B1", 2.5],
    ["=A1-B1*2", 2],
    ["=(A1-B1)*2", 12],
    ["=-A1+B1", -6],
    ["=A1/B1*100", 250],
    ["=50%", 0.5],
    ["=A1*50%", 5],
    ["=2^3", 8],
    ["=-2^2", 4],
    ["=D1+1", 1], // a blank cell is 0 in arithmetic
    ["=D1", 0], // a formula showing a blank cell shows 0
    ["=F1+1", 2],
    ["=A1>B1", true],
    ["=A1=10", true],
    ["=D1=0", true],
    ['=D1=""', true],
    ['=I1=""', true],
    ['="abc"="ABC"', true],
    ["=E1>A1", true], // text sorts after numbers
    ["=F1>A1", true], // booleans after text
    ["=A1<>B1", true],
    ["=A1<=B1", false],
    ['="Tổng "&"số"', "Tổng số"],
  ])("%s is %p", (formula, value) => {
    expect(run(formula)).toEqual(value);
  });

  it("computes the guarded formula the fill writes: the ratio, or empty while an operand is missing", () => {
    expect(run('=IF(AND(ISNUMBER(A1),ISNUMBER(B1),B1<>0),A1/B1,"")')).toBe(2.5);
    expect(run('=IF(AND(ISNUMBER(A1),ISNUMBER(D1),D1<>0),A1/D1,"")')).toBe("");
    expect(run('=IF(AND(ISNUMBER(A1),ISNUMBER(C1),C1<>0),A1/C1,"")')).toBe("");
    expect(run('=IF(AND(ISNUMBER(A1),ISNUMBER(E1)),A1-E1,"")')).toBe("");
  });

  it("evaluates only the branch IF takes", () => {
    expect(run("=IF(C1=0,0,A1/C1)")).toBe(0);
    expect(run("=IF(A1>5,1)")).toBe(1);
    expect(run("=IF(A1<5,1)")).toBe(false);
    expect(run("=IF(A1,,2)")).toBe(0);
    expect(run('=IF("maybe",1,2)')).toEqual({ error: "#VALUE!" });
  });

  it("gives errors as values, the first one met wins", () => {
    expect(run("=A1/C1")).toEqual({ error: "#DIV/0!" });
    expect(run("=A1/D1")).toEqual({ error: "#DIV/0!" });
    expect(run("=G1+1")).toEqual({ error: "#DIV/0!" });
    expect(run("=#REF!+G1")).toEqual({ error: "#REF!" });
    expect(run("=E1*2")).toEqual({ error: "#VALUE!" });
    expect(run('=""+1')).toEqual({ error: "#VALUE!" });
    expect(run("=ISNUMBER(G1)")).toBe(false);
    expect(run('=IFERROR(A1/C1,"")')).toBe("");
    expect(run('=IFERROR(A1/B1,"")')).toBe(2.5);
  });

  it("reads AND and OR like Excel: referenced text and blanks are skipped, errors spread", () => {
    expect(run("=AND(A1>1,B1>1)")).toBe(true);
    expect(run("=AND(A1>1,B1>5)")).toBe(false);
    expect(run("=OR(A1>100,B1>1)")).toBe(true);
    expect(run("=AND(A1,E1)")).toBe(true);
    expect(run("=AND(D1,E1)")).toEqual({ error: "#VALUE!" });
    expect(run("=AND(FALSE,G1)")).toEqual({ error: "#DIV/0!" });
    expect(run('=AND(TRUE,"x")')).toEqual({ error: "#VALUE!" });
  });

  it("adds with SUM: numbers of ranges and references, text and blanks left out", () => {
    expect(run("=SUM(A1:A4)")).toBe(13.5);
    expect(run("=SUM(A1,B1,5)")).toBe(19);
    expect(run("=SUM(D1,E1,F1)")).toBe(0);
    expect(run("=SUM(A1:G1)")).toEqual({ error: "#DIV/0!" });
    expect(run("=SUM(TRUE,1)")).toBe(2);
  });

  it("rounds half away from zero on the decimal digits, as Excel does", () => {
    expect(run("=ROUND(A4,0)")).toBe(3);
    expect(run("=ROUND(-A4,0)")).toBe(-3);
    expect(roundHalfAway(1.005, 2)).toBe(1.01);
    expect(roundHalfAway(0.285, 2)).toBe(0.29);
    expect(roundHalfAway(1234.5, -2)).toBe(1200);
    expect(run("=ROUND(A1/3,2)")).toBe(3.33);
    expect(run("=ABS(B1-A1)")).toBe(6);
  });

  it("says unknown rather than guess: other functions, other sheets, names, text read by locale, a bare range", () => {
    for (const formula of ["=VLOOKUP(A1,B1:C9,2,0)", "='Sheet 2'!A1*2", "=Rate*A1", "=H1*2", "=A1:B1", "=A1&B1", '="b"<"a"']) {
      expect(run(formula)).toBe(UNKNOWN);
    }
  });
});
