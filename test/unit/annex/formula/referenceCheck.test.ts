import { analyzeSheet, type Finding } from "../../../../src/annex";
import { buildSnapshot } from "../../../helpers/snapshot";
import {
  annexSheet,
  correctFormulaCells,
  PLANTS,
  plantedCells,
  ratioFormula,
  remainingFormula,
  type FormulaColumnCell,
} from "./annexWithFormulas";

function check(cells: Record<string, FormulaColumnCell>): Finding[] {
  const tables = analyzeSheet(buildSnapshot(annexSheet(cells)));
  expect(tables).toHaveLength(1);
  return tables[0].findings;
}

const summary = (findings: Finding[]) => findings.map((f) => `${f.code}@${f.cell}:${f.severity}`);

function withCell(cell: string, content: FormulaColumnCell): Record<string, FormulaColumnCell> {
  return { ...correctFormulaCells(), [cell]: content };
}

describe("formulas that do not compute their column for their own row", () => {
  it("finds nothing in live guarded formulas, with or without cached results, and calls none of them blank", () => {
    expect(check(correctFormulaCells())).toEqual([]);
  });

  it.each(PLANTS.map((p) => [p.what, p] as const))("reports %s", (_, plant) => {
    const findings = check(withCell(plant.cell, plant.content));
    expect(summary(findings)).toEqual([`formula-reference@${plant.cell}:${plant.severity}`]);
    const row = Number(plant.cell.slice(1));
    expect(findings[0].expected).toBe(plant.cell.startsWith("G") ? ratioFormula(row) : remainingFormula(row));
  });

  it("finds every planted reference at once, each with the severity its value deserves, and nothing else", () => {
    expect(summary(check(plantedCells()))).toEqual(PLANTS.map((p) => `formula-reference@${p.cell}:${p.severity}`));
  });

  it("says which cells a formula reads instead of its row's, in Vietnamese and English", () => {
    const [finding] = check(withCell("G8", { formula: "=E7/F7", cached: 0.75 }));
    expect(finding.message).toBe(
      "Công thức =E7/F7 của cột 6 (= 4/5) đọc E7, F7 thay vì E8, F8 của hàng 8. Ô đang hiện 75%, theo số liệu của hàng phải là 80%." +
        ' Nên là =IF(AND(ISNUMBER(E8),ISNUMBER(F8),F8<>0),E8/F8,"")',
    );
    expect(finding.messageEn).toBe(
      "The formula =E7/F7 in column 6 (= 4/5) reads E7, F7 instead of row 8's E8, F8. It shows 75%; the row's figures give 80%." +
        ' It should be =IF(AND(ISNUMBER(E8),ISNUMBER(F8),F8<>0),E8/F8,"")',
    );
    expect(finding.actual).toBe("=E7/F7");
  });

  it("names an absolute reference that did not move down, and operands the wrong way round", () => {
    const [absolute] = check(withCell("G11", { formula: "=$E$9/F11" }));
    expect(absolute.message).toContain("$E$9 là tham chiếu tuyệt đối");
    expect(absolute.messageEn).toContain("$E$9 is absolute");
    const [reversed] = check(withCell("G10", { formula: "=F10/E10" }));
    expect(reversed.messageEn).toContain("reads the right cells, E10, F10, but does not compute the column's formula");
    expect(reversed.messageEn).toContain("It shows 200%; the row's figures give 50%.");
  });

  it("says a wrong formula that agrees today will go wrong after an edit", () => {
    const [finding] = check(withCell("G6", { formula: "=E5/F5" }));
    expect(finding.severity).toBe("warning");
    expect(finding.message).toContain("Hôm nay giá trị vẫn khớp nhưng sẽ sai khi số liệu thay đổi.");
  });

  it.each([
    ["a plain ratio", "=E8/F8"],
    ["the guard in another order", '=IF(F8=0,"",E8/F8)'],
    ["IFERROR", '=IFERROR(E8/F8,"")'],
    ["ROUND around it", "=ROUND(E8/F8,3)"],
    ["parentheses and a factor turned round", "=(1/F8)*(E8)"],
    ["an absolute reference on its own row", "=$E$8/$F$8"],
  ])("accepts %s", (_, formula) => {
    expect(check(withCell("G8", { formula }))).toEqual([]);
  });

  it("accepts the difference written as a sum, or with SUM", () => {
    expect(check(withCell("H8", { formula: "=(-E8+F8)" }))).toEqual([]);
    expect(check(withCell("H8", { formula: "=SUM(F8,-E8)" }))).toEqual([]);
  });

  it("leaves a ratio ×100 in a percentage column to the scale check, not the reference check", () => {
    expect(summary(check(withCell("G8", { formula: "=E8/F8*100", cached: 80 })))).toEqual(["ratio-scale-mismatch@G8:error"]);
  });

  it("reports a guard that reads another row, though the result is right today", () => {
    expect(summary(check(withCell("G8", { formula: '=IF(AND(ISNUMBER(E7),ISNUMBER(F7),F7<>0),E8/F8,"")' })))).toEqual([
      "formula-reference@G8:warning",
    ]);
  });

  it("cannot judge, so says nothing about, formulas over other sheets or functions it does not know", () => {
    expect(check(withCell("G8", { formula: "='Số liệu'!E8/F8", cached: 0.8 }))).toEqual([]);
    expect(check(withCell("G8", { formula: "=VLOOKUP(B8,'Số liệu'!A:C,3,0)", cached: 0.8 }))).toEqual([]);
  });

  it("does not report typed numbers in a column that is mostly typed numbers", () => {
    const cells: Record<string, FormulaColumnCell> = correctFormulaCells();
    for (const row of [5, 6, 7, 8, 9]) delete cells[`G${row}`];
    const typed = { ...cells, G5: 0.5, G6: 0.5, G7: 0.75, G8: 0.8, G9: 0.75 };
    expect(check(typed)).toEqual([]);
  });

  it("never calls a formula blank, even one saved without a result that it cannot compute", () => {
    expect(check(withCell("G7", { formula: "='Số liệu'!E7/F7" }))).toEqual([]);
  });
});
