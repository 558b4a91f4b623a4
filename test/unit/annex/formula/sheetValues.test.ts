import { withFormulaValues } from "../../../../src/annex/formula/sheetValues";
import { SheetView } from "../../../../src/annex";
import { buildSnapshot } from "../../../helpers/snapshot";

describe("values for formulas saved without a cached result", () => {
  it("computes them in dependency order, whatever the order of the cells", () => {
    const snapshot = buildSnapshot({
      rows: [[10, 4, null, null, null]],
      // C1 reads E1, which reads D1: the last cell must be computed first.
      formulas: { C1: "=E1*2", D1: "=A1-B1", E1: "=D1+1" },
    });
    const view = new SheetView(withFormulaValues(snapshot));
    expect([view.value(1, 3), view.value(1, 4), view.value(1, 5)]).toEqual([14, 6, 7]);
  });

  it("keeps a cached value as the spreadsheet shows it, even when the figures changed since", () => {
    const snapshot = buildSnapshot({ rows: [[10, 4, 99]], formulas: { C1: "=A1-B1" } });
    expect(new SheetView(withFormulaValues(snapshot)).value(1, 3)).toBe(99);
  });

  it("gives errors as error texts, guarded formulas their empty text", () => {
    const snapshot = buildSnapshot({
      rows: [[10, 0, null, null]],
      formulas: { C1: "=A1/B1", D1: '=IF(AND(ISNUMBER(A1),ISNUMBER(B1),B1<>0),A1/B1,"")' },
    });
    const view = new SheetView(withFormulaValues(snapshot));
    expect(view.value(1, 3)).toBe("#DIV/0!");
    expect(view.value(1, 4)).toBe("");
  });

  it("leaves a cell empty (unknown) on a reference cycle and in what depends on it, and for formulas it cannot follow", () => {
    const snapshot = buildSnapshot({
      rows: [[1, null, null, null, null]],
      formulas: { B1: "=C1+1", C1: "=B1+1", D1: "=B1*2", E1: "=VLOOKUP(A1,Data!A:B,2,0)" },
    });
    const view = new SheetView(withFormulaValues(snapshot));
    expect([view.value(1, 2), view.value(1, 3), view.value(1, 4), view.value(1, 5)]).toEqual([null, null, null, null]);
  });

  it("follows a chain of twenty thousand formulas without running out of stack", () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [i === 0 ? 1 : null]);
    const formulas: Record<string, string> = {};
    for (let r = 2; r <= rows.length; r++) formulas[`A${r}`] = `=A${r - 1}+1`;
    const view = new SheetView(withFormulaValues(buildSnapshot({ rows, formulas })));
    expect(view.value(20_000, 1)).toBe(20_000);
  });

  it("returns the same snapshot when no formula lacks its value", () => {
    const snapshot = buildSnapshot({ rows: [[1, 2, 3]], formulas: { C1: "=A1+B1" } });
    expect(withFormulaValues(snapshot)).toBe(snapshot);
  });
});
