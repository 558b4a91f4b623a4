/**
 * Row kinds and hierarchy: sections (I, II… or a bold "I. KINH TẾ"), items (1, 2… or unnumbered
 * top-level rows) and sub-items ("- …" members, "+ …" parts, "Trong đó …" of-which rows and the
 * unmarked rows that continue a "Trong đó" list), each with its parent; lead units inherited.
 */
import type { AnnexColumn, AnnexRow, SubitemRelation } from "./model";
import type { SheetView } from "./snapshot";
import { cellText, fold, isRomanNumeral, sectionRomanValue, trimTrailingPunctuation } from "./text";

interface Marking {
  ordinal: string;
  name: string;
  kind: AnnexRow["kind"];
  relation: SubitemRelation | null;
  /** Section rank: a letter (A, B) stands above a Roman numeral. */
  sectionRank?: number;
  /** "Trong đó:" with nothing after it: a label that opens an of-which list. */
  bareOfWhich?: boolean;
}

const LEADING_ORDINAL = /^((?:[IVXLCDM]+|[A-Z]|\d+(?:\.\d+)*)[.)])\s+(.*)$/;

function markRow(view: SheetView, row: number, ordinalColumn: number | null, nameColumn: number, figureColumns: number[]): Marking {
  let ordinal = ordinalColumn === null ? "" : cellText(view.value(row, ordinalColumn));
  let name = cellText(view.value(row, nameColumn));
  if (!name && ordinalColumn !== null && ordinalColumn !== nameColumn) {
    // A section title typed into the TT cell and merged across ("I. KINH TẾ").
    const merged = view.merge(row, ordinalColumn);
    if (merged && merged.right >= nameColumn) {
      const m = LEADING_ORDINAL.exec(ordinal);
      if (m) [ordinal, name] = [m[1], m[2]];
      else [ordinal, name] = ["", ordinal];
    }
  }
  if (ordinalColumn === null) {
    const m = LEADING_ORDINAL.exec(name);
    if (m) ordinal = m[1];
  }
  const bare = ordinal.replace(/[.)]$/, "");

  if (/^[+]/.test(name) || bare === "+") return { ordinal, name, kind: "subitem", relation: "part" };
  if (/^[-–—•*]/.test(name) || /^[-–—•*]$/.test(bare)) return { ordinal, name, kind: "subitem", relation: "member" };
  // Folding every name costs; only a name starting with "t" can read "Trong đó".
  const folded = /^t/i.test(name) ? fold(name) : "";
  if (/^trong (do|so)\b/.test(folded)) {
    const rest = folded.replace(/^trong (do|so)\s*:?\s*/, "");
    return { ordinal, name, kind: "subitem", relation: "ofWhich", bareOfWhich: rest === "" };
  }
  if (bare && isRomanNumeral(bare)) return { ordinal, name, kind: "section", relation: null, sectionRank: 1 };
  if (/^[A-Z]$/.test(bare)) return { ordinal, name, kind: "section", relation: null, sectionRank: 0 };
  if (/^\d+$/.test(bare)) return { ordinal, name, kind: "item", relation: null };
  if (/^\d+(\.\d+)+$/.test(bare) || /^[a-zđ]$/.test(bare)) return { ordinal, name, kind: "subitem", relation: "member" };
  const hasValues = () => figureColumns.some((c) => !view.isBlank(row, c));
  if (!bare && view.isBold(row, nameColumn) && name === name.toUpperCase() && /[A-ZĐ]/.test(name) && !hasValues()) {
    return { ordinal, name, kind: "section", relation: null, sectionRank: 1 };
  }
  return { ordinal, name, kind: "item", relation: null };
}

export function classifyRows(view: SheetView, dataRows: number[], columns: AnnexColumn[]): AnnexRow[] {
  const roleColumn = (role: AnnexColumn["role"]) => columns.find((c) => c.role === role)?.column ?? null;
  const ordinalColumn = roleColumn("ordinal");
  const nameColumn = roleColumn("name")!;
  const unitColumn = roleColumn("unit");
  const leadColumn = roleColumn("lead");
  const figureColumns = columns.filter((c) => c.role === "value" || c.role === "formula").map((c) => c.column);

  const rows: AnnexRow[] = [];
  /** By sheet row: the rows and what their marks said (arrays, not maps: one slot per row is cheaper). */
  const first = dataRows[0] ?? 0;
  const byRow: RowsBySheetRow = { first, rows: [] };
  const sectionRanks: number[] = [];
  const bareOfWhich: boolean[] = [];
  const sections: AnnexRow[] = [];
  const numbering = new SectionNumbering();
  let lastItem: AnnexRow | null = null;
  /** The row a bare "Trong đó:" label belongs to, while "+"/"-" rows under the label go on. */
  let openOfWhich: AnnexRow | null = null;

  for (const r of dataRows) {
    const mark = markRow(view, r, ordinalColumn, nameColumn, figureColumns);
    if (mark.kind === "section") {
      mark.sectionRank = rankInSequence(mark, numbering);
      numbering.note(mark);
    }
    const unit = unitColumn === null ? "" : cellText(view.shownValue(r, unitColumn));
    const previous = rows[rows.length - 1];
    const currentSection = sections[sections.length - 1] ?? null;
    let kind = mark.kind;
    let relation = mark.relation;
    let parent: AnnexRow | null = null;

    if (kind === "section") {
      while (sections.length && sectionRanks[sections[sections.length - 1].row - first] >= (mark.sectionRank ?? 1)) sections.pop();
      parent = sections[sections.length - 1] ?? null;
      lastItem = null;
    } else if (relation === "part") {
      parent = partParent(previous, byRow);
    } else if (relation === "member") {
      parent = lastItem ?? currentSection;
    } else if (relation === "ofWhich") {
      parent = previous && previous.relation === "ofWhich" ? rowAt(byRow, previous.parentRow) : (previous ?? null);
    } else if (
      previous?.relation === "ofWhich" &&
      !mark.ordinal &&
      !view.isBold(r, nameColumn) &&
      (bareOfWhich[previous.row - first] || fold(unit) === fold(previous.unit))
    ) {
      // An unmarked row right after a "Trong đó" row continues the of-which list.
      kind = "subitem";
      relation = "ofWhich";
      parent = rowAt(byRow, previous.parentRow);
    } else {
      parent = currentSection;
    }
    if (openOfWhich && (mark.relation === "part" || mark.relation === "member")) {
      // "Trong đó:" alone, then "+ …"/"- …" rows: they are the of-which parts of the row above the label.
      relation = "ofWhich";
      parent = openOfWhich;
    } else {
      openOfWhich = mark.bareOfWhich ? parent : null;
    }

    const row: AnnexRow = {
      row: r,
      kind,
      relation: kind === "subitem" ? relation : null,
      parentRow: parent?.row ?? null,
      ordinal: mark.ordinal,
      name: mark.name,
      unit,
      lead: "",
      leadSource: "none",
    };
    rows.push(row);
    byRow.rows[r - first] = row;
    sectionRanks[r - first] = mark.sectionRank ?? 1;
    bareOfWhich[r - first] = mark.bareOfWhich ?? false;
    if (kind === "section") sections.push(row);
    if (kind === "item") lastItem = row;
  }

  for (const row of rows) resolveLead(view, row, leadColumn, byRow);
  return rows;
}

interface RowsBySheetRow {
  first: number;
  rows: AnnexRow[];
}

function rowAt(byRow: RowsBySheetRow, row: number | null): AnnexRow | null {
  return row === null ? null : (byRow.rows[row - byRow.first] ?? null);
}

/** The last Roman numeral and the last letter that numbered a section. */
class SectionNumbering {
  roman: number | null = null;
  letter: string | null = null;

  note(mark: Marking): void {
    const bare = mark.ordinal.replace(/[.)]$/, "");
    if (mark.sectionRank === 1) this.roman = sectionRomanValue(bare, this.roman) ?? this.roman;
    else if (/^[A-Z]$/.test(bare)) this.letter = bare;
  }
}

/**
 * A single letter both numberings use is read by the sequence it continues: "L" after "XLIX" is
 * fifty, a Roman section; "I" right after "H", where no Roman numeral has numbered a section yet,
 * is the next letter, a part.
 */
function rankInSequence(mark: Marking, numbering: SectionNumbering): number | undefined {
  const bare = mark.ordinal.replace(/[.)]$/, "");
  if (!/^[A-Z]$/.test(bare)) return mark.sectionRank;
  if (mark.sectionRank === 0 && sectionRomanValue(bare, numbering.roman) !== null) return 1;
  const followsLetter = numbering.letter !== null && bare.charCodeAt(0) === numbering.letter.charCodeAt(0) + 1;
  if (mark.sectionRank === 1 && followsLetter && numbering.roman === null) return 0;
  return mark.sectionRank;
}

/** "+" rows split the nearest row above them that is not itself a part (or inside one). */
function partParent(previous: AnnexRow | undefined, byRow: RowsBySheetRow): AnnexRow | null {
  if (!previous) return null;
  if (previous.relation === "part") return rowAt(byRow, previous.parentRow);
  const parent = rowAt(byRow, previous.parentRow);
  if (previous.relation === "ofWhich" && parent?.relation === "part") return rowAt(byRow, parent.parentRow);
  return previous;
}

function resolveLead(view: SheetView, row: AnnexRow, leadColumn: number | null, byRow: RowsBySheetRow): void {
  if (leadColumn === null) return;
  const own = trimTrailingPunctuation(cellText(view.value(row.row, leadColumn)));
  if (own) {
    row.lead = own;
    row.leadSource = "own";
    return;
  }
  const merge = view.merge(row.row, leadColumn);
  const merged = merge ? trimTrailingPunctuation(cellText(view.value(merge.top, merge.left))) : "";
  if (merged) {
    row.lead = merged;
    row.leadSource = "merge";
    return;
  }
  const parent = rowAt(byRow, row.parentRow);
  if (parent && row.kind !== "section" && parent.kind !== "section" && parent.lead) {
    row.lead = parent.lead;
    row.leadSource = "parent";
  }
}
