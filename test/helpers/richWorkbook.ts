/**
 * A workbook with everything --fix must keep, saved by LibreOffice: the sample annex plus an image,
 * a chart, a note, a data-validation list, a defined name, frozen panes, print titles and page
 * setup, a hidden row, column and sheet, sheet and workbook protection.
 *
 * ExcelJS builds what it can; a chart (ExcelJS cannot make one) and workbook protection are added
 * to its package with JSZip as minimal parts; LibreOffice then opens it and saves it again, so the
 * input is written the way LibreOffice writes these things.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { convertWithLibreOffice } from "./libreoffice";
import { SAMPLE } from "./samples";

const PIXEL_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

const CHART = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>Kế hoạch năm 2020</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>'Phụ lục'!$D$9:$D$11</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`;

const CHART_ANCHOR = `<xdr:twoCellAnchor><xdr:from><xdr:col>11</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>3</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>17</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>18</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="100" name="Biểu đồ kế hoạch"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdChart1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`;

export async function buildRichWorkbook(folder: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(SAMPLE);
  const sheet = workbook.getWorksheet("Phụ lục")!;
  sheet.addImage(workbook.addImage({ buffer: PIXEL_PNG, extension: "png" } as unknown as ExcelJS.Image), "K20:L22");
  sheet.getCell("B9").note = "Số liệu do Sở Nông nghiệp gửi ngày 05/10/2020";
  sheet.getCell("C40").value = "Tỷ";
  sheet.getCell("C40").dataValidation = { type: "list", allowBlank: true, formulae: ['"Tỷ đồng,Triệu USD,%"'] };
  workbook.definedNames.add("'Phụ lục'!$D$7:$D$36", "KeHoachNam");
  sheet.pageSetup = { ...sheet.pageSetup, orientation: "landscape", paperSize: 9, printTitlesRow: "4:6" };
  sheet.getColumn(10).hidden = true;
  sheet.getCell("D45").value = "Ghi chú nội bộ";
  sheet.getRow(45).hidden = true;
  await sheet.protect("", { formatColumns: true, formatRows: true });
  workbook.addWorksheet("Dữ liệu gốc", { state: "hidden" }).getCell("A1").value = "Nguồn: Cục Thống kê";

  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  const drawingPart = Object.keys(zip.files).find((name) => /^xl\/drawings\/drawing\d+\.xml$/.test(name))!;
  const drawing = await zip.file(drawingPart)!.async("string");
  zip.file(drawingPart, drawing.replace(/<\/xdr:wsDr>$/, `${CHART_ANCHOR}</xdr:wsDr>`));
  const relsPart = drawingPart.replace("drawings/", "drawings/_rels/") + ".rels";
  const rels = await zip.file(relsPart)!.async("string");
  zip.file(
    relsPart,
    rels.replace(
      "</Relationships>",
      '<Relationship Id="rIdChart1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml"/></Relationships>',
    ),
  );
  zip.file("xl/charts/chart1.xml", CHART);
  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file(
    "[Content_Types].xml",
    types.replace(
      "</Types>",
      '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>',
    ),
  );
  const book = await zip.file("xl/workbook.xml")!.async("string");
  zip.file("xl/workbook.xml", book.replace(/(?=<sheets>)/, '<workbookProtection lockStructure="1"/>'));

  const built = path.join(folder, "built-by-exceljs.xlsx");
  writeFileSync(built, await zip.generateAsync({ type: "nodebuffer" }));
  return withFrozenPaneAndLockedStructure(await convertWithLibreOffice(built, "xlsx"));
}

/**
 * LibreOffice (7.x) drops the frozen panes and the structure lock ExcelJS writes (and writes an
 * empty <workbookProtection/>): both are put into its output in the form LibreOffice writes them.
 */
async function withFrozenPaneAndLockedStructure(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  const pane =
    '<pane xSplit="2" ySplit="6" topLeftCell="C7" activePane="bottomRight" state="frozen"/>' +
    '<selection pane="topRight" activeCell="C1" activeCellId="0" sqref="C1"/><selection pane="bottomLeft" activeCell="A7" activeCellId="0" sqref="A7"/>' +
    '<selection pane="bottomRight" activeCell="C7" activeCellId="0" sqref="C7"/>';
  zip.file("xl/worksheets/sheet1.xml", sheet.replace(/<selection pane="topLeft"[^>]*\/>/, pane));
  const book = await zip.file("xl/workbook.xml")!.async("string");
  zip.file("xl/workbook.xml", book.replace("<workbookProtection/>", '<workbookProtection lockStructure="true"/>'));
  writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return file;
}
