/**
 * A workbook inside its package, for writers that change a few parts: worksheets by name, the
 * styles, the shared strings (read only), a new sheet, and recalculation on open. `save` writes
 * back only the parts that changed.
 */
import { definedNameSplices, workbookChildrenAfter } from "./definedNames";
import { readSharedStrings } from "./sharedStrings";
import { SheetXml, type StoredCell } from "./sheetXml";
import { StylesXml } from "./stylesXml";
import { addContentTypeOverride, addRelationship, removeContentTypeOverride, removeRelationship } from "./packageParts";
import { applySplices, child, children, escapeXml, parseXml, withAttribute, type Splice } from "./xmlTree";
import { relationshipsPartOf, relativeTarget, RELATIONSHIP_TYPES, ZipPackage, type Relationship } from "./zipPackage";

const CONTENT_TYPES = "[Content_Types].xml";
const WORKSHEET_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const RELATIONSHIP_NAMESPACES = [
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  "http://purl.oclc.org/ooxml/officeDocument/relationships",
];
const AFTER_CALC_PR = workbookChildrenAfter("calcPr");

interface SheetEntry {
  name: string;
  part: string;
}

export class PackageWorkbook {
  private readonly sheetParts = new Map<string, SheetXml>();
  private readonly workbookSplices: Splice[] = [];
  private stylesXml: StylesXml | null = null;
  private sharedStrings: string[] | null = null;
  private readonly definedNames = new Map<string, string>();

  private constructor(
    readonly zip: ZipPackage,
    private readonly workbookPart: string,
    private readonly workbookText: string,
    private readonly relationships: Relationship[],
    private readonly sheets: SheetEntry[],
  ) {}

  static async open(zip: ZipPackage): Promise<PackageWorkbook> {
    const office = await zip.relationshipOfType("", RELATIONSHIP_TYPES.officeDocument);
    if (!office || !zip.has(office.target)) throw new Error("no workbook part");
    const workbookText = await zip.text(office.target);
    const relationships = await zip.relationships(office.target);
    const byId = new Map(relationships.map((r) => [r.id, r]));
    const sheetsElement = child(parseXml(workbookText), "sheets");
    const sheets = (sheetsElement ? children(sheetsElement, "sheet") : []).flatMap((sheet) => {
      const id = [...sheet.attributes].find(([name]) => name.endsWith(":id"))?.[1];
      const relationship = id ? byId.get(id) : undefined;
      return relationship?.type.endsWith(RELATIONSHIP_TYPES.worksheet)
        ? [{ name: sheet.attributes.get("name") ?? "", part: relationship.target }]
        : [];
    });
    return new PackageWorkbook(zip, office.target, workbookText, relationships, sheets);
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  /** The worksheet called `name` (as Excel compares names: case-insensitively), or undefined. */
  async sheet(name: string): Promise<SheetXml | undefined> {
    const entry = this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!entry) return undefined;
    let sheet = this.sheetParts.get(entry.part);
    if (!sheet) {
      sheet = new SheetXml(this.zip.has(entry.part) ? await this.zip.text(entry.part) : emptyWorksheet(this.mainNamespace()));
      this.sheetParts.set(entry.part, sheet);
    }
    return sheet;
  }

  async styles(): Promise<StylesXml> {
    if (!this.stylesXml) {
      const part = this.relationships.find((r) => r.type.endsWith(RELATIONSHIP_TYPES.styles));
      if (!part || !this.zip.has(part.target)) throw new Error("no styles part");
      this.stylesXml = new StylesXml(await this.zip.text(part.target));
    }
    return this.stylesXml;
  }

  /** The text a cell shows when it holds text (shared, inline or a formula's text result), else null. */
  async cellText(cell: StoredCell | null): Promise<string | null> {
    if (!cell) return null;
    if (cell.type === "inlineStr") return cell.inlineText;
    if (cell.type === "str") return cell.value;
    if (cell.type === "s" && cell.value !== null) return (await this.strings())[Number(cell.value)] ?? null;
    return null;
  }

  /** A new, empty worksheet at the end of the workbook (sheet indexes used by defined names stay as they are). */
  async addSheet(name: string): Promise<SheetXml> {
    const part = this.zip.freePartName(this.workbookPart.replace(/[^/]*$/, "worksheets/sheet#.xml"));
    const worksheetType =
      this.relationships.find((r) => r.type.endsWith(RELATIONSHIP_TYPES.worksheet))?.type ?? `${RELATIONSHIP_NAMESPACES[0]}/worksheet`;
    const relsPart = relationshipsPartOf(this.workbookPart);
    const rels = addRelationship(
      this.zip.has(relsPart) ? await this.zip.text(relsPart) : null,
      worksheetType,
      relativeTarget(this.workbookPart, part),
    );
    this.zip.setText(relsPart, rels.text);
    this.zip.setText(CONTENT_TYPES, addContentTypeOverride(await this.zip.text(CONTENT_TYPES), part, WORKSHEET_CONTENT_TYPE));

    const root = parseXml(this.workbookText);
    const sheetsElement = child(root, "sheets")!;
    const sheetIds = children(sheetsElement, "sheet").map((s) => Number(s.attributes.get("sheetId") ?? 0));
    const p = root.prefix ? `${root.prefix}:` : "";
    const relationshipPrefix = [...root.attributes]
      .find(([attribute, value]) => attribute.startsWith("xmlns:") && RELATIONSHIP_NAMESPACES.includes(value))?.[0]
      .slice(6);
    const idAttribute = relationshipPrefix
      ? `${relationshipPrefix}:id="${rels.id}"`
      : `xmlns:r="${RELATIONSHIP_NAMESPACES[0]}" r:id="${rels.id}"`;
    const element = `<${p}sheet name="${escapeXml(name)}" sheetId="${Math.max(0, ...sheetIds) + 1}" ${idAttribute}/>`;
    this.workbookSplices.push({ start: sheetsElement.innerEnd, end: sheetsElement.innerEnd, text: element });

    this.sheets.push({ name, part });
    const sheet = new SheetXml(emptyWorksheet(this.mainNamespace()));
    this.sheetParts.set(part, sheet);
    this.zip.setText(part, emptyWorksheet(this.mainNamespace()));
    return sheet;
  }

  /** Set a workbook-level defined name (`AnnexAsOf` → `DATE(2023,9,30)`); written on save, never twice. */
  setDefinedName(name: string, formula: string): void {
    this.definedNames.set(name, formula);
  }

  /**
   * Write the changed parts back into the package. Cached results are stale once cells change, so the
   * workbook asks to be recalculated on open and the calculation chain is dropped.
   */
  async save(): Promise<void> {
    for (const [part, sheet] of this.sheetParts) if (sheet.isChanged) this.zip.setText(part, sheet.toText());
    const styles = this.stylesXml;
    const stylesPart = this.relationships.find((r) => r.type.endsWith(RELATIONSHIP_TYPES.styles));
    if (styles?.isChanged && stylesPart) this.zip.setText(stylesPart.target, styles.toText());
    // Names before calcPr: insertions at one point keep their order, and the schema puts definedNames first.
    const root = parseXml(this.workbookText);
    for (const [name, formula] of this.definedNames)
      this.workbookSplices.push(...definedNameSplices(this.workbookText, root, name, formula));
    this.requestFullCalculation();
    this.zip.setText(this.workbookPart, applySplices(this.workbookText, this.workbookSplices));
    await this.dropCalculationChain();
  }

  private requestFullCalculation(): void {
    const root = parseXml(this.workbookText);
    const calcPr = child(root, "calcPr");
    if (calcPr) {
      const tag = this.workbookText.slice(calcPr.start, calcPr.openEnd);
      this.workbookSplices.push({ start: calcPr.start, end: calcPr.openEnd, text: withAttribute(tag, "fullCalcOnLoad", "1") });
      return;
    }
    const next = root.children.find((c) => AFTER_CALC_PR.includes(c.local));
    const at = next ? next.start : root.innerEnd;
    const p = root.prefix ? `${root.prefix}:` : "";
    this.workbookSplices.push({ start: at, end: at, text: `<${p}calcPr fullCalcOnLoad="1"/>` });
  }

  private async dropCalculationChain(): Promise<void> {
    const chain = this.relationships.find((r) => r.type.endsWith(RELATIONSHIP_TYPES.calcChain));
    if (!chain) return;
    const relsPart = relationshipsPartOf(this.workbookPart);
    this.zip.setText(relsPart, removeRelationship(await this.zip.text(relsPart), chain.id));
    this.zip.setText(CONTENT_TYPES, removeContentTypeOverride(await this.zip.text(CONTENT_TYPES), chain.target));
    if (this.zip.has(chain.target)) this.zip.remove(chain.target);
  }

  private async strings(): Promise<string[]> {
    if (!this.sharedStrings) {
      const part = this.relationships.find((r) => r.type.endsWith(RELATIONSHIP_TYPES.sharedStrings));
      this.sharedStrings = part && this.zip.has(part.target) ? readSharedStrings(await this.zip.text(part.target)) : [];
    }
    return this.sharedStrings;
  }

  private mainNamespace(): string {
    const root = parseXml(this.workbookText);
    return (
      root.attributes.get(root.prefix ? `xmlns:${root.prefix}` : "xmlns") ?? "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    );
  }
}

function emptyWorksheet(namespace: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${namespace}"><sheetData/></worksheet>`;
}
