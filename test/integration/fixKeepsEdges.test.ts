/**
 * `annex check --fix` on the package details other tools write: `x:`-prefixed sheets, shared and
 * array formulas, a calculation chain, rules of another table in the same column, a legend that
 * must go to its own sheet, and output paths that would reach the original.
 */
import { existsSync, linkSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { analyzeSheet } from "../../src/annex";
import { loadWorkbook, workbookSnapshots } from "../../src/xlsx/readWorkbook";
import { shiftFormula } from "../../src/xlsx/package/sharedFormulas";
import { fixedPackage } from "../../src/xlsx/writeFixedWorkbook";
import { SAMPLE } from "../helpers/samples";
import { packageParts, rowsOf } from "../helpers/xlsxParts";
import { checkCommand } from "../helpers/checkCommand";

const tmp = mkdtempSync(path.join(os.tmpdir(), "annex-fix-edges-"));
const SHEET = "xl/worksheets/sheet1.xml";
let counter = 0;

/** The sample with some of its parts edited. */
async function sampleWith(edit: (parts: Map<string, string>) => void): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(SAMPLE));
  const parts = new Map<string, string>();
  for (const name of Object.keys(zip.files))
    if (name.endsWith(".xml") || name.endsWith(".rels")) parts.set(name, await zip.files[name].async("string"));
  edit(parts);
  for (const [name, text] of parts) zip.file(name, text);
  const file = path.join(tmp, `input-${++counter}.xlsx`);
  writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return file;
}

const cellXml = (sheet: string, address: string) => new RegExp(`<(x:)?c r="${address}"[^>]*?(/>|>.*?</(x:)?c>)`).exec(sheet)?.[0];

async function partText(file: string, name: string): Promise<string | undefined> {
  return (await packageParts(file)).get(name)?.toString("utf8");
}

describe("--fix output path", () => {
  it("refuses a symlink or a hard link to the original, and leaves it as it was", async () => {
    const input = await sampleWith(() => {});
    const before = readFileSync(input);
    const symlink = path.join(tmp, "symlink.xlsx");
    const hardLink = path.join(tmp, "hardlink.xlsx");
    symlinkSync(input, symlink);
    linkSync(input, hardLink);
    for (const output of [symlink, hardLink, path.join(path.dirname(input), ".", path.basename(input))]) {
      const { code, err } = await checkCommand("--fix", output, input);
      expect(code).toBe(2);
      expect(err).toContain("tệp gốc không bị sửa / --fix must name a new file");
    }
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  it("names a missing output folder in one line, still prints the report and exits 2", async () => {
    const output = path.join(tmp, "no-such-folder", "fixed.xlsx");
    const { code, out, err } = await checkCommand("--json", "--fix", output, SAMPLE);
    expect(code).toBe(2);
    expect(err.split("\n")).toHaveLength(1);
    expect(err).toContain("không có thư mục");
    expect(err).toContain("does not exist");
    expect(JSON.parse(out).files[0].tables).toHaveLength(1);
  });

  it("writes through a temporary file that does not stay behind", async () => {
    const folder = mkdtempSync(path.join(tmp, "out-"));
    expect((await checkCommand("--fix", path.join(folder, "fixed.xlsx"), SAMPLE)).code).toBe(1);
    expect(readdirSync(folder)).toEqual(["fixed.xlsx"]);
  });
});

describe("--fix on formulas that span cells", () => {
  it("refuses to cut into an array formula unless --force, and writes nothing when it refuses", async () => {
    const input = await sampleWith((parts) => {
      const sheet = parts.get(SHEET)!;
      parts.set(
        SHEET,
        sheet.replace(
          /<c r="G11"([^>]*?)\/>|<c r="G11"([^>]*?)>.*?<\/c>/,
          '<c r="G11"$1$2><f t="array" ref="G11:G12">E11:E12/F11:F12</f><v>0.914</v></c>',
        ),
      );
    });
    const output = path.join(tmp, "array.xlsx");
    const refused = await checkCommand("--fix", output, input);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('công thức mảng G11:G12 trên trang "Phụ lục"');
    expect(refused.err).toContain("--force");
    expect(existsSync(output)).toBe(false);

    expect((await checkCommand("--fix", output, input, "--force")).code).toBe(1);
    const sheet = (await partText(output, SHEET))!;
    expect(sheet).not.toContain('t="array"');
    expect(cellXml(sheet, "G11")).toContain("<f>IF(AND(ISNUMBER(E11),ISNUMBER(F11),F11&lt;&gt;0),E11/F11,&quot;&quot;)</f>");
  });

  it("moves a formula as Excel copies it: relative references shift, $ ones, strings and sheet names stay", () => {
    expect(shiftFormula(`SUM($A1:B$2)*'Sheet 1'!C3&"A1"+LOG10(A1)+Data!$D:E+2:3`, 2, 1)).toBe(
      `SUM($A3:C$2)*'Sheet 1'!D5&"A1"+LOG10(B3)+Data!$D:F+4:5`,
    );
    expect(shiftFormula("A1-B2", -1, 0)).toBe("#REF!-B1");
  });

  it("moves a shared formula to the next cell of its group when the fill overwrites its first cell", async () => {
    const input = await sampleWith((parts) => parts.set(SHEET, withSharedFormula(parts.get(SHEET)!)));
    const output = path.join(tmp, "shared.xlsx");
    expect(await checkCommand("--fix", output, input)).toMatchObject({ code: 1, err: "" });
    const sheet = (await partText(output, SHEET))!;
    expect(cellXml(sheet, "H8")).toMatch(/^<c r="H8"[^>]*><f>IF\(AND\(ISNUMBER\(F8\),ISNUMBER\(E8\)\),F8-E8,&quot;&quot;\)<\/f><\/c>$/);
    expect(cellXml(sheet, "H9")).toContain('<f t="shared" si="0" ref="H9:H9">F9-E9</f>');
  });
});

describe("--fix on a sheet whose elements carry a prefix (x:), as some tools write them", () => {
  it("writes cells, rows and colour rules with the sheet's own prefix, in order", async () => {
    // ExcelJS, which reads workbooks for the check, cannot open such a sheet: the plans come from the plain sample.
    const analyses = workbookSnapshots(await loadWorkbook(SAMPLE)).flatMap((snapshot) => analyzeSheet(snapshot));
    const zip = await JSZip.loadAsync(readFileSync(SAMPLE));
    const plain = await zip.file(SHEET)!.async("string");
    const prefixed = withSharedFormula(plain)
      .replace(/<(\/?)([A-Za-z]+)(?=[\s>/])/g, "<$1x:$2")
      .replace('xmlns="http', 'xmlns:x="http');
    zip.file(SHEET, prefixed);
    const fixed = await JSZip.loadAsync(await fixedPackage(await zip.generateAsync({ type: "nodebuffer" }), analyses));
    const sheet = await fixed.file(SHEET)!.async("string");
    expect(cellXml(sheet, "G11")).toMatch(/^<x:c r="G11"[^>]*><x:f>IF\(AND\(ISNUMBER\(E11\)/);
    expect(cellXml(sheet, "H9")).toContain('<x:f t="shared" si="0" ref="H9:H9">F9-E9</x:f>');
    expect(sheet).toContain('<x:row r="38"><x:c r="A38"');
    expect(sheet).toContain('<x:conditionalFormatting sqref="G7:G24"><x:cfRule type="expression"');
    expect(sheet).not.toMatch(/<\/?(c|row|f|v|is|t|conditionalFormatting|cfRule|formula)[\s>]/); // nothing unprefixed was added
    const rows = [...rowsOf(sheet).keys()];
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
  });
});

/** H8:H9 as one shared formula (=F8-E8 copied down): the fill rewrites H8 and leaves H9, a section row, alone. */
function withSharedFormula(sheet: string): string {
  return sheet
    .replace(/<c r="H8"([^>]*?)>.*?<\/c>/, '<c r="H8"$1><f t="shared" ref="H8:H9" si="0">F8-E8</f><v>19787.01</v></c>')
    .replace(/<c r="H9"([^>]*?)\/>/, '<c r="H9"$1><f t="shared" si="0"/><v>0</v></c>');
}

describe("--fix on workbook parts", () => {
  it("drops the calculation chain, whose cached order no longer holds", async () => {
    const input = await sampleWith((parts) => {
      parts.set(
        "xl/calcChain.xml",
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="H8" i="1"/></calcChain>',
      );
      const rels = "xl/_rels/workbook.xml.rels";
      parts.set(
        rels,
        parts
          .get(rels)!
          .replace(
            "</Relationships>",
            '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
          ),
      );
      const types = "[Content_Types].xml";
      parts.set(
        types,
        parts
          .get(types)!
          .replace(
            "</Types>",
            '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
          ),
      );
    });
    const output = path.join(tmp, "calc-chain.xlsx");
    expect((await checkCommand("--fix", output, input)).code).toBe(1);
    const parts = await packageParts(output);
    expect(parts.has("xl/calcChain.xml")).toBe(false);
    expect(parts.get("xl/_rels/workbook.xml.rels")!.toString()).not.toContain("calcChain");
    expect(parts.get("[Content_Types].xml")!.toString()).not.toContain("calcChain");
  });

  it("puts the legend on a sheet 'Chú giải' when the cells under the table are taken", async () => {
    const input = await sampleWith((parts) => {
      parts.set(
        SHEET,
        parts
          .get(SHEET)!
          .replace("</sheetData>", '<row r="38"><c r="A38" t="inlineStr"><is><t>Người lập biểu</t></is></c></row></sheetData>'),
      );
    });
    const output = path.join(tmp, "legend-sheet.xlsx");
    expect((await checkCommand("--fix", output, input)).code).toBe(1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Phụ lục", "Chú giải"]);
    expect(workbook.getWorksheet("Chú giải")!.getCell("A1").value).toBe("Chú giải màu / Colour legend — cột G");
    expect(workbook.getWorksheet("Chú giải")!.getCell("B2").value).toBe("Met or exceeded");
    expect(workbook.getWorksheet("Phụ lục")!.getCell("A38").value).toBe("Người lập biểu");
  });

  it("replaces its own colour rules on a second run and keeps another table's rules in the same column", async () => {
    const otherTable =
      '<conditionalFormatting sqref="G50:G60"><cfRule type="expression" dxfId="0" priority="1"><formula>AND(ISNUMBER($G50),$G50&gt;=1)</formula></cfRule></conditionalFormatting>';
    const input = await sampleWith((parts) => {
      parts.set(SHEET, parts.get(SHEET)!.replace("</mergeCells>", `</mergeCells>${otherTable}`));
      const styles = parts.get("xl/styles.xml")!;
      parts.set(
        "xl/styles.xml",
        styles.replace(
          /<dxfs count="0"\/>|(?=<tableStyles)/,
          '<dxfs count="1"><dxf><fill><patternFill><bgColor rgb="FF00FF00"/></patternFill></fill></dxf></dxfs>',
        ),
      );
    });
    const once = path.join(tmp, "rules-once.xlsx");
    const twice = path.join(tmp, "rules-twice.xlsx");
    expect((await checkCommand("--fix", once, input)).code).toBe(1);
    expect((await checkCommand("--fix", twice, once)).err).toBe("");
    const sheet = (await partText(twice, SHEET))!;
    expect([...sheet.matchAll(/<conditionalFormatting sqref="([^"]+)"/g)].map((m) => m[1])).toEqual(["G50:G60", "G7:G24", "G29:G36"]);
    expect(sheet).toContain(otherTable);
    // The second run reuses the differential formats of the first.
    expect(await partText(twice, "xl/styles.xml")).toBe(await partText(once, "xl/styles.xml"));
  });
});
