import { analyzeSheet } from "../../../../src/annex";
import { buildSnapshot } from "../../../helpers/snapshot";
import { annexSheet, correctFormulaCells, ratioFormula } from "./annexWithFormulas";

function planFor(edit: (spec: ReturnType<typeof annexSheet>) => void) {
  const spec = annexSheet(correctFormulaCells());
  edit(spec);
  const [analysis] = analyzeSheet(buildSnapshot(spec));
  return analysis;
}

describe("the fill, where an operand is missing", () => {
  it("replaces a formula showing #DIV/0! with the guarded formula, listed as a change", () => {
    const analysis = planFor((spec) => {
      spec.rows[9][5] = null; // F10 empty
      spec.formulas!.G10 = "=E10/F10";
      spec.rows[9][6] = "#DIV/0!";
    });
    expect(analysis.plan.writes.map((w) => w.cell)).toEqual(["G10"]);
    expect(analysis.plan.writes[0]).toMatchObject({
      kind: "formula",
      formula: ratioFormula(10),
      oldFormula: "=E10/F10",
      old: "#DIV/0!",
      new: "",
      changesValue: true,
    });
    expect(analysis.findings.map((f) => `${f.code}@${f.cell}`)).toEqual(["operand-missing@F10", "error-value@G10"]);
  });

  it("computes the #DIV/0! of such a formula saved without a result, and replaces it the same way", () => {
    const analysis = planFor((spec) => {
      spec.rows[9][5] = null;
      spec.formulas!.G10 = "=E10/F10";
      spec.rows[9][6] = null;
    });
    expect(analysis.findings.map((f) => `${f.code}@${f.cell}`)).toEqual(["operand-missing@F10", "error-value@G10"]);
    expect(analysis.plan.writes.map((w) => `${w.cell} ${w.formula}`)).toEqual([`G10 ${ratioFormula(10)}`]);
  });

  it("leaves an empty cell empty and the guarded formula as it is", () => {
    const analysis = planFor((spec) => {
      spec.rows[9][5] = null;
      spec.rows[10][5] = null;
      delete spec.formulas!.G11;
    });
    expect(analysis.plan.writes.filter((w) => w.cell === "G10" || w.cell === "G11")).toEqual([]);
  });
});
