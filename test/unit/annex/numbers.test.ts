import { columnNumberContext, decimalsOfFormat, parseNumberText, readCellNumber } from "../../../src/annex/numbers";

const noContext = { convention: null, median: null };

describe("numbers typed as text", () => {
  it.each([
    ["71.755,08", 71755.08, 2],
    ["71,755.08", 71755.08, 2],
    ["91,4%", 0.914, 3],
    ["91.4%", 0.914, 3],
    ["95.50%", 0.955, 4],
    ["38%", 0.38, 2],
    ["1.234.567", 1234567, 0],
    ["4,5", 4.5, 1],
    ["-2,5", -2.5, 1],
    ["12 345", 12345, 0],
    ["100 ％", 1, 2],
  ])("%s reads as %d", (text, value, decimals) => {
    const n = readCellNumber(text, "General", noContext)!;
    expect(n.value).toBeCloseTo(value, 12);
    expect(n.storedAsText).toBe(true);
    expect(n.decimals).toBe(decimals);
  });

  it("is not fooled by words, dates or ranges", () => {
    for (const text of ["Khoảng 4", "6,6-6,8", "Xuất siêu", "21/10/2020", "1000T", ""]) expect(parseNumberText(text)).toBeNull();
  });

  it("judges an ambiguous 1,005 from its column", () => {
    expect(readCellNumber("1,005", "General", columnNumberContext(["1.234,5", "2,75"]))!.value).toBeCloseTo(1.005);
    expect(readCellNumber("1,005", "General", columnNumberContext(["1,234.5", "2.75"]))!.value).toBe(1005);
    expect(readCellNumber("1,005", "General", columnNumberContext([5600, 1200, 980]))!.value).toBe(1005);
    expect(readCellNumber("1,005", "General", columnNumberContext([1.2, 0.8, 2.4]))!.value).toBeCloseTo(1.005);
  });

  it("takes real numbers as they are, with the precision their format shows", () => {
    expect(readCellNumber(0.914, "0.0%", noContext)).toEqual({ value: 0.914, storedAsText: false, percent: true, decimals: 3 });
    expect(decimalsOfFormat("#,##0.00", 1)).toBe(2);
    expect(decimalsOfFormat("#,##0", 1)).toBe(0);
    expect(decimalsOfFormat("General", 4.295)).toBe(3);
  });
});
