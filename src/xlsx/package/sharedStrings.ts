/** The shared-string table, read only: --fix writes its own text as inline strings, so this part stays as it was. */
import { children, parseXml, textOf } from "./xmlTree";

export function readSharedStrings(text: string): string[] {
  return children(parseXml(text), "si").map((si) =>
    // A rich string is its runs; phonetic guides (<rPh>) are not part of the text.
    [...children(si, "t"), ...children(si, "r")]
      .sort((a, b) => a.start - b.start)
      .map((e) => textOf(text, e))
      .join(""),
  );
}
