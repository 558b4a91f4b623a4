/** Read an .xlsx package's parts for comparisons: part texts, an XML part's top-level elements. */
import { readFileSync } from "node:fs";
import JSZip from "jszip";
import { parseXml } from "../../src/xlsx/package/xmlTree";

/** Every entry of the package, uncompressed. */
export async function packageParts(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const parts = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files)) if (!zip.files[name].dir) parts.set(name, await zip.files[name].async("nodebuffer"));
  return parts;
}

/** The root's children as written, in order: [local name, XML text]. */
export function topLevelElements(xml: string): [string, string][] {
  return parseXml(xml).children.map((c) => [c.local, xml.slice(c.start, c.end)]);
}

/** The `<row>` elements of a worksheet as written, by row number. */
export function rowsOf(sheetXml: string): Map<number, string> {
  const root = parseXml(sheetXml);
  const sheetData = root.children.find((c) => c.local === "sheetData")!;
  return new Map(sheetData.children.map((r) => [Number(r.attributes.get("r")), sheetXml.slice(r.start, r.end)]));
}
