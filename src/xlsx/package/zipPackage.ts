/**
 * An .xlsx package opened for targeted edits: parts read as text on demand, changed parts written
 * back, every other entry copied as it was (JSZip reuses an unchanged entry's compressed bytes).
 */
import path from "node:path/posix";
import JSZip from "jszip";
import { children, parseXml, type XmlElement } from "./xmlTree";

export interface Relationship {
  id: string;
  type: string;
  /** The target part's path inside the package (no leading "/"), or the raw target when external. */
  target: string;
  external: boolean;
}

export const RELATIONSHIP_TYPES = {
  officeDocument: "/officeDocument",
  worksheet: "/worksheet",
  styles: "/styles",
  sharedStrings: "/sharedStrings",
  calcChain: "/calcChain",
};

export class ZipPackage {
  private readonly texts = new Map<string, string>();
  private readonly changed = new Set<string>();
  private readonly removed = new Set<string>();

  private constructor(private readonly zip: JSZip) {}

  static async open(bytes: Buffer): Promise<ZipPackage> {
    return new ZipPackage(await JSZip.loadAsync(bytes));
  }

  /** Part names as stored, in the package's order. */
  partNames(): string[] {
    return Object.keys(this.zip.files).filter((name) => !this.zip.files[name].dir && !this.removed.has(name));
  }

  has(part: string): boolean {
    return this.texts.has(part) || (Boolean(this.zip.file(part)) && !this.removed.has(part));
  }

  async text(part: string): Promise<string> {
    const cached = this.texts.get(part);
    if (cached !== undefined) return cached;
    const file = this.zip.file(part);
    if (!file || this.removed.has(part)) throw new Error(`missing part ${part}`);
    const text = await file.async("string");
    this.texts.set(part, text);
    return text;
  }

  setText(part: string, text: string): void {
    this.texts.set(part, text);
    this.changed.add(part);
    this.removed.delete(part);
  }

  remove(part: string): void {
    this.removed.add(part);
    this.texts.delete(part);
    this.changed.delete(part);
  }

  /** A part name that is not taken yet: "xl/worksheets/sheet3.xml" for the pattern "xl/worksheets/sheet#.xml". */
  freePartName(pattern: string): string {
    for (let n = 1; ; n++) {
      const name = pattern.replace("#", String(n));
      if (!this.has(name)) return name;
    }
  }

  async relationships(part: string): Promise<Relationship[]> {
    const relsPart = relationshipsPartOf(part);
    if (!this.has(relsPart)) return [];
    const root = parseXml(await this.text(relsPart));
    return children(root, "Relationship").map((r: XmlElement) => {
      const external = r.attributes.get("TargetMode") === "External";
      const target = r.attributes.get("Target") ?? "";
      return {
        id: r.attributes.get("Id") ?? "",
        type: r.attributes.get("Type") ?? "",
        target: external ? target : resolveTarget(part, target),
        external,
      };
    });
  }

  async relationshipOfType(part: string, typeSuffix: string): Promise<Relationship | undefined> {
    return (await this.relationships(part)).find((r) => r.type.endsWith(typeSuffix));
  }

  async toBuffer(): Promise<Buffer> {
    for (const part of this.removed) this.zip.remove(part);
    for (const part of this.changed) this.zip.file(part, this.texts.get(part)!);
    return this.zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
  }
}

export function relationshipsPartOf(part: string): string {
  return path.join(path.dirname(part), "_rels", `${path.basename(part)}.rels`);
}

function resolveTarget(source: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  return path.normalize(path.join(path.dirname(source), decodeURI(target)));
}

/** The target as written in a relationship from `source` (relative, like Office writes it). */
export function relativeTarget(source: string, part: string): string {
  return path.relative(path.dirname(source), part);
}
