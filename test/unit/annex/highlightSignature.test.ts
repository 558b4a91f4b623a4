import { isOwnHighlightRule, ownFormulaKind } from "../../../src/annex/highlightSignature";

describe("the add-in's rule signature", () => {
  it.each([
    ["=AND(ISNUMBER($G7),$G7>=1)", "band"],
    ["=AND(ISNUMBER($G9),$G9>=0.9,$G9<1)", "band"],
    ["=AND(ISNUMBER($G7),$G7<=1.11111111111,$G7>2)", "band"],
    ["=and(isnumber($g7), $g7<0.5)", "band"],
    ["=AND(ISNUMBER(#REF!),#REF!>=1)", "band"],
    ["=AND(ISNUMBER($E7),$E7<AnnexAsOf)", "task"],
    ["=AnnexAsOf<=DATE(2023,9,30)", "task"],
    ["=AnnexAsOf<=$E$5", "task"],
    ["=TRUE", "task"],
    ["1", "task"],
    ["=AND(ISNUMBER($G7),$H7>=1)", null],
    ["=AND(ISNUMBER($G7),$G7>=$D7)", null],
    ["=$G7>1", null],
    ["=AnnexAsOfOld<1", null],
    ['=A1="AnnexAsOf"', null],
    ["", null],
  ])("%p → %p", (formula, kind) => {
    expect(ownFormulaKind(formula)).toBe(kind);
  });

  it("needs a custom rule and a colour of its kind (or one being applied now)", () => {
    const band = "=AND(ISNUMBER($G7),$G7>=1)";
    expect(isOwnHighlightRule({ type: "Custom", formula: band, fill: "#9ecae9" })).toBe(true);
    expect(isOwnHighlightRule({ type: "Custom", formula: band, fill: "#FF0000" })).toBe(false);
    expect(isOwnHighlightRule({ type: "Custom", formula: band, fill: "#FF0000" }, ["#ff0000"])).toBe(true);
    expect(isOwnHighlightRule({ type: "CellValue", formula: band, fill: "#9ECAE9" })).toBe(false);
    // A task colour on a band formula, a band colour on "=TRUE": not the engine's.
    expect(isOwnHighlightRule({ type: "Custom", formula: band, fill: "#D55E00" })).toBe(false);
    expect(isOwnHighlightRule({ type: "Custom", formula: "=TRUE", fill: "#D55E00" })).toBe(true);
    expect(isOwnHighlightRule({ type: "Custom", formula: "=TRUE", fill: "#FFFFFF" }, ["#FFFFFF"])).toBe(false);
  });
});
