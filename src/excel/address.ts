/**
 * Excel addresses as Office.js reports them: sheet-qualified ("'Phụ lục'!A4:A5", "Sheet1!B2"),
 * quoted sheet names with '' for a quote, and comma-separated lists ("Sheet1!A1:B4, Sheet1!D1").
 */
import { parseAreaAddress, type CellArea } from "../annex/snapshot";

export interface QualifiedArea {
  /** The sheet name without quotes, or null when the address has none. */
  sheet: string | null;
  area: CellArea;
}

/** Splits "'It''s'!A1:B2" into the sheet name ("It's") and the local address ("A1:B2"). */
export function splitSheet(address: string): { sheet: string | null; local: string } {
  const text = address.trim();
  if (text.startsWith("'")) {
    let i = 1;
    let name = "";
    while (i < text.length) {
      if (text[i] === "'") {
        if (text[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += text[i++];
    }
    if (text[i] !== "'" || text[i + 1] !== "!") throw new Error(`Not a range address: ${address}`);
    return { sheet: name, local: text.slice(i + 2) };
  }
  const bang = text.indexOf("!");
  return bang < 0 ? { sheet: null, local: text } : { sheet: text.slice(0, bang), local: text.slice(bang + 1) };
}

export function parseQualifiedArea(address: string): QualifiedArea {
  const { sheet, local } = splitSheet(address);
  return { sheet, area: parseAreaAddress(local) };
}

/** Splits a list of addresses at the commas that are not inside a quoted sheet name. */
export function splitAddressList(list: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i];
    if (ch === "'") {
      if (quoted && list[i + 1] === "'") {
        current += "''";
        i++;
        continue;
      }
      quoted = !quoted;
    }
    if (ch === "," && !quoted) {
      if (current.trim()) parts.push(current.trim());
      current = "";
      continue;
    }
    current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

export function areaCells(area: CellArea): number {
  return (area.bottom - area.top + 1) * (area.right - area.left + 1);
}
