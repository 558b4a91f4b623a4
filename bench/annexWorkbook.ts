/** A generated annex written as a real .xlsx file, for running `annex check` the way a person does. */
import ExcelJS from "exceljs";
import { areaAddress } from "../src/annex";
import { generatedAnnex } from "./annexBench";

export async function writeGeneratedAnnex(dataRows: number, file: string): Promise<void> {
  const snapshot = generatedAnnex(dataRows);
  // The streaming writer keeps memory flat however many rows there are.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet(snapshot.sheet);
  // Merges first: the streaming writer cannot reach back into rows it has committed.
  for (const merge of snapshot.merges) sheet.mergeCells(areaAddress(merge));
  snapshot.values.forEach((values, i) => {
    const row = sheet.getRow(snapshot.top + i);
    row.values = values;
    row.commit();
  });
  sheet.commit();
  await workbook.commit();
}
