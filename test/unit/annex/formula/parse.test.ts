import { parseFormula, referencedCells, type FormulaNode } from "../../../../src/annex/formula/parse";

/** The tree as a short prefix text, to compare shapes at a glance. */
function show(node: FormulaNode | null): string {
  if (!node) return "null";
  switch (node.kind) {
    case "number":
      return String(node.value);
    case "string":
      return JSON.stringify(node.value);
    case "boolean":
      return node.value ? "TRUE" : "FALSE";
    case "error":
      return node.value;
    case "ref":
      return `${node.columnAbsolute ? "$" : ""}C${node.column}${node.rowAbsolute ? "$" : ""}R${node.row}`;
    case "range":
      return `${show(node.from)}:${show(node.to)}`;
    case "unary":
      return `(${node.op}${show(node.operand)})`;
    case "percent":
      return `(${show(node.operand)}%)`;
    case "binary":
      return `(${show(node.left)} ${node.op} ${show(node.right)})`;
    case "call":
      return `${node.name}[${node.args.map(show).join("; ")}]`;
    case "missing":
      return "_";
    case "unsupported":
      return `?${node.text}`;
  }
}

describe("reading a formula", () => {
  it.each([
    ["=E11/F11", "(C5R11 / C6R11)"],
    ["E11/F11", "(C5R11 / C6R11)"],
    ["=$E$7/F8", "($C5$R7 / C6R8)"],
    ["=$E7+E$7", "($C5R7 + C5$R7)"],
    ["=1+2*3", "(1 + (2 * 3))"],
    ["=(1+2)*3", "((1 + 2) * 3)"],
    ["=8/4/2", "((8 / 4) / 2)"],
    ["=10-4-3", "((10 - 4) - 3)"],
    // Excel binds the minus sign tighter than the power: -2^2 is 4.
    ["=-2^2", "((-2) ^ 2)"],
    ["=2^3^2", "((2 ^ 3) ^ 2)"],
    ["=50%", "(50%)"],
    ["=E11/F11*100%", "((C5R11 / C6R11) * (100%))"],
    ["=--E11", "(-(-C5R11))"],
    ["=1+2>=3", "((1 + 2) >= 3)"],
    ["=A1<>B1", "(C1R1 <> C2R1)"],
    ['="a"&"b"', '("a" & "b")'],
    ['="say ""hi"""', '"say \\"hi\\""'],
    ["=SUM(D8:D10, 5)", "SUM[C4R8:C4R10; 5]"],
    ["=sum( d8 , e8 )", "SUM[C4R8; C5R8]"],
    [
      '=IF(AND(ISNUMBER(E11),ISNUMBER(F11),F11<>0),E11/F11,"")',
      'IF[AND[ISNUMBER[C5R11]; ISNUMBER[C6R11]; (C6R11 <> 0)]; (C5R11 / C6R11); ""]',
    ],
    ["=IF(A1,,0)", "IF[C1R1; _; 0]"],
    ["=TRUE", "TRUE"],
    ["=#DIV/0!", "#DIV/0!"],
    ["=ROUND(1.5e2,0)", "ROUND[150; 0]"],
    ["=.5+1.", "(0.5 + 1)"],
    ["=PI()", "PI[]"],
    // Another sheet, a defined name, a whole column: not this sheet's cells.
    ["='Phụ lục 2'!E7/F7", "(?'Phụ lục 2'!E7 / C6R7)"],
    ["=Data!B2:B9", "?Data!B2:B9"],
    ["=Rate*E7", "(?Rate * C5R7)"],
    ["=SUM(A:A)", "SUM[?A:A]"],
  ])("%s", (formula, tree) => {
    expect(show(parseFormula(formula))).toBe(tree);
  });

  it.each(["=", "=1+", "=(1+2", "=1+2)", "=SUM(1,2", '="open', "={1,2}", "=A1 B1 C1 +", "=#WHAT?"])(
    "gives up on %s instead of guessing",
    (formula) => {
      expect(parseFormula(formula)).toBeNull();
    },
  );

  it("names a function even when its name looks like a cell (LOG10)", () => {
    expect(show(parseFormula("=LOG10(100)"))).toBe("LOG10[100]");
  });

  it("lists the cells a formula reads, ranges expanded, and nothing when it reads what it cannot follow", () => {
    expect(referencedCells(parseFormula("=SUM(B2:C3)+D4")!)).toEqual([
      { row: 2, column: 2 },
      { row: 2, column: 3 },
      { row: 3, column: 2 },
      { row: 3, column: 3 },
      { row: 4, column: 4 },
    ]);
    expect(referencedCells(parseFormula("=Sheet2!A1+B1")!)).toBeNull();
    expect(referencedCells(parseFormula("=SUM(A1:A200)")!, 100)).toBeNull();
  });
});
