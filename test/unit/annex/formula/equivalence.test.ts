import { compareForms, normalForm, stripGuards, type Equivalence } from "../../../../src/annex/formula/equivalence";
import { parseFormula } from "../../../../src/annex/formula/parse";

function compare(actual: string, expected: string): Equivalence | "unknown" {
  const stripped = stripGuards(parseFormula(actual)!);
  const a = stripped && normalForm(stripped.core);
  const b = normalForm(parseFormula(expected)!);
  return a && b ? compareForms(a, b) : "unknown";
}

describe("whether two formulas compute the same thing", () => {
  it.each([
    ["=E11/F11", "=E11/F11"],
    ['=IF(AND(ISNUMBER(E11),ISNUMBER(F11),F11<>0),E11/F11,"")', "=E11/F11"],
    ['=IF(F11=0,"",E11/F11)', "=E11/F11"],
    ['=IFERROR(E11/F11,"")', "=E11/F11"],
    ["=ROUND(E11/F11,4)", "=E11/F11"],
    ["=+E11/F11", "=E11/F11"],
    ["=(E11)/(F11)", "=E11/F11"],
    ["=E11*(1/F11)", "=E11/F11"],
    ["=1/F11*E11", "=E11/F11"],
    ["=E11/F11*100", "=E11/F11*100"],
    ["=100*E11/F11", "=E11/F11*100"],
    ["=E11*100/F11", "=E11/F11*100"],
    ["=(E11-F11)", "=E11-F11"],
    ["=-F11+E11", "=E11-F11"],
    ["=E11+(-F11)", "=E11-F11"],
    ["=(E11+F11)/2", "=(E11+F11)/2"],
    ["=E11/2+F11/2", "=(E11+F11)/2"],
    ["=SUM(E11:F11)/2", "=(E11+F11)/2"],
    ["=SUM(E11,F11)*50%", "=(E11+F11)/2"],
    ["=E11/(2*F11+2*G11)", "=E11/(F11+G11)/2"],
    ["=(E11-F11)/F11", "=E11/F11-1"],
    ["=E11^2/E11", "=E11"],
  ])("%s computes %s", (actual, expected) => {
    expect(compare(actual, expected)).toBe("same");
  });

  it.each([
    ["=E10/F10", "=E11/F11"], // another row
    ["=D11/F11", "=E11/F11"], // another column
    ["=F11/E11", "=E11/F11"], // operands reversed
    ["=E11-F11", "=F11-E11"],
    ["=$E$7/F8", "=E8/F8"], // an absolute reference copied down
    ["=E11/F11+0.001", "=E11/F11"],
    ["=E11/F11*1000", "=E11/F11"],
    ["=E11", "=E11/F11"],
    ["=0.55", "=E11/F11"], // a constant behind an equals sign
  ])("%s does not compute %s", (actual, expected) => {
    expect(compare(actual, expected)).toBe("different");
  });

  it("tells a scale slip (×100 or ÷100 of the right formula) from a wrong formula", () => {
    expect(compare("=E11/F11*100", "=E11/F11")).toBe("scaled");
    expect(compare("=E11/F11", "=E11/F11*100")).toBe("scaled");
  });

  it("cannot tell for what is not arithmetic over this sheet's cells", () => {
    expect(compare("=VLOOKUP(E11,A:B,2,0)", "=E11/F11")).toBe("unknown");
    expect(compare("='Sheet 2'!E11/F11", "=E11/F11")).toBe("unknown");
    expect(compare('=IF(E11>F11,"Vượt","Chưa")', "=E11/F11")).toBe("unknown");
    expect(compare("=IF(E11>0,E11/F11,F11/E11)", "=E11/F11")).toBe("unknown");
  });

  it("collects the cells the guards read, so a guard on another row can be told", () => {
    const stripped = stripGuards(parseFormula('=IF(AND(ISNUMBER(E10),F10<>0),E11/F11,"")')!);
    expect(stripped?.guardCells).toEqual([
      { row: 10, column: 5 },
      { row: 10, column: 6 },
    ]);
  });
});
