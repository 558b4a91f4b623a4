/**
 * A workbook-level defined name set in `xl/workbook.xml`: the one already there is given its new
 * formula (copies of it, which Excel refuses to open, are removed), else it is added where the
 * schema puts `<definedNames>`. Names scoped to one sheet (`localSheetId`) are other names.
 */
import { child, children, escapeXml, type Splice, type XmlElement } from "./xmlTree";

/** The children of `<workbook>` from `<definedNames>` on, in the schema's order (CT_Workbook). */
const WORKBOOK_TAIL = [
  "definedNames",
  "calcPr",
  "oleSize",
  "customWorkbookViews",
  "pivotCaches",
  "smartTagPr",
  "smartTagTypes",
  "webPublishing",
  "fileRecoveryPr",
  "webPublishObjects",
  "extLst",
];

/** The children of `<workbook>` that the schema puts after `name` (a new element goes before the first of them). */
export function workbookChildrenAfter(name: "definedNames" | "calcPr"): string[] {
  return WORKBOOK_TAIL.slice(WORKBOOK_TAIL.indexOf(name) + 1);
}

const AFTER_DEFINED_NAMES = workbookChildrenAfter("definedNames");

export function definedNameSplices(text: string, root: XmlElement, name: string, formula: string): Splice[] {
  const p = root.prefix ? `${root.prefix}:` : "";
  const element = `<${p}definedName name="${escapeXml(name)}">${escapeXml(formula.replace(/^=/, ""))}</${p}definedName>`;
  const names = child(root, "definedNames");
  if (!names) {
    const next = root.children.find((c) => AFTER_DEFINED_NAMES.includes(c.local));
    const at = next ? next.start : root.innerEnd;
    return [{ start: at, end: at, text: `<${p}definedNames>${element}</${p}definedNames>` }];
  }
  if (names.selfClosing) return [{ start: names.start, end: names.end, text: `<${names.name}>${element}</${names.name}>` }];
  const same = children(names, "definedName").filter(
    (d) => d.attributes.get("name")?.toLowerCase() === name.toLowerCase() && !d.attributes.has("localSheetId"),
  );
  if (same.length === 0) return [{ start: names.innerEnd, end: names.innerEnd, text: element }];
  const [first, ...copies] = same;
  const tag = text.slice(first.start, first.openEnd).replace(/\s*\/>$/, ">");
  return [
    { start: first.start, end: first.end, text: `${tag}${escapeXml(formula.replace(/^=/, ""))}</${first.name}>` },
    ...copies.map((d) => ({ start: d.start, end: d.end, text: "" })),
  ];
}
