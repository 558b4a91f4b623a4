/** Recalculate a workbook with LibreOffice headless and read the computed cells back. */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** CSV filter: comma, double quote, UTF-8, raw values (not "as shown"), first sheet. */
const CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false";

/** Open a file in LibreOffice headless and save it in another format; returns the new file's path. */
export async function convertWithLibreOffice(file: string, format: string): Promise<string> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), "annex-lo-"));
  const profile = `-env:UserInstallation=file://${outDir}/profile`;
  await run("soffice", ["--headless", "--norestore", profile, "--convert-to", format, "--outdir", outDir, file], { timeout: 120_000 });
  const extension = format.split(":")[0];
  const written = readdirSync(outDir).find((f) => f.endsWith(`.${extension}`));
  if (!written) throw new Error(`LibreOffice wrote no .${extension} for ${file}`);
  return path.join(outDir, written);
}

export async function recalculatedCells(xlsx: string): Promise<string[][]> {
  return parseCsv(readFileSync(await convertWithLibreOffice(xlsx, CSV_FILTER), "utf8"));
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') field += text[i++];
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      rows.push([...row, field]);
      row = [];
      field = "";
    } else if (ch !== "\r") field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** A computed cell as a number: "55.73%" → 0.5573; "" → null. */
export function csvNumber(text: string | undefined): number | null {
  if (text === undefined || text.trim() === "") return null;
  const percent = text.trim().endsWith("%");
  const value = Number(text.replace("%", ""));
  return Number.isNaN(value) ? null : percent ? value / 100 : value;
}
