import { FormulaTrees, formulaShape, hasAbsoluteRow } from "../../../../src/annex/formula/formulaShapes";
import { parseFormula } from "../../../../src/annex/formula/parse";

describe("formulas copied down a column", () => {
  it("read the same once their references are relative to their own cell", () => {
    expect(formulaShape('=IF(F8<>0,E8/F8,"")', 8, 7)).toBe(formulaShape('=IF(F9<>0,E9/F9,"")', 9, 7));
    expect(formulaShape("=E8/F8", 8, 7)).toBe("=C[-2]R[0]/C[-1]R[0]");
    expect(formulaShape("=$E$7/F8", 8, 7)).toBe("=$E$7/C[-1]R[0]");
    expect(formulaShape("=E$7/$F8", 8, 7)).toBe("=C[-2]$7/$FR[0]");
  });

  it("leave text, function names and sheet names alone", () => {
    expect(formulaShape('=IF(E8="A1","B2",LOG10(F8))', 8, 7)).toBe('=IF(C[-2]R[0]="A1","B2",LOG10(C[-1]R[0]))');
    expect(formulaShape("='Sheet E8'!E8", 8, 7)).toBe("='Sheet E8'!C[-2]R[0]");
    expect(formulaShape("=1E5+E8", 8, 7)).toBe("=1E5+C[-2]R[0]");
  });

  it("differ row by row when a row is fixed with $", () => {
    expect(hasAbsoluteRow(formulaShape("=$E$7/F8", 8, 7))).toBe(true);
    expect(hasAbsoluteRow(formulaShape("=E$7/F8", 8, 7))).toBe(true);
    expect(hasAbsoluteRow(formulaShape("=$E8/$F8", 8, 7))).toBe(false);
  });

  it("give each copy the tree its own text parses to", () => {
    const trees = new FormulaTrees();
    for (const [formula, row] of [
      ['=IF(AND(ISNUMBER(E8),F8<>0),E8/F8,"")', 8],
      ['=IF(AND(ISNUMBER(E9),F9<>0),E9/F9,"")', 9],
      ['=IF(AND(ISNUMBER(E30),F30<>0),E30/F30,"")', 30],
      ["=$E$7/F8+SUM(D8:D9)", 8],
      ["=$E$7/F12+SUM(D12:D13)", 12],
    ] as const) {
      expect(trees.at(formula, row, 7)).toEqual(parseFormula(formula));
    }
  });
});
