import { recognizeTables, validateTable, type Finding } from "../../../src/annex";
import { cleanAnnex, type CleanAnnex } from "../../helpers/cleanAnnex";
import { buildSnapshot } from "../../helpers/snapshot";

function check(annex: CleanAnnex): Finding[] {
  const tables = recognizeTables(annex.snapshot);
  expect(tables).toHaveLength(1);
  return validateTable(annex.snapshot, tables[0]);
}

const alarms = (findings: Finding[]) => findings.filter((f) => f.severity !== "info").map((f) => `${f.code}@${f.cell}`);

describe("the pre-send check", () => {
  it("finds nothing to alarm about in a clean annex of several hundred rows", () => {
    const annex = cleanAnnex(600);
    const findings = check(annex);
    expect(alarms(findings)).toEqual([]);
    expect(findings).toEqual([]);
  });

  const plants: [string, (a: CleanAnnex) => string, string, string][] = [
    [
      "a ratio that disagrees with its figures",
      (a) => {
        const row = a.items[3];
        a.set(`G${row}`, (a.get(`G${row}`) as number) + 0.02);
        return `G${row}`;
      },
      "formula-mismatch",
      "error",
    ],
    [
      "a difference typed wrong",
      (a) => {
        const row = a.items[10];
        a.set(`H${row}`, (a.get(`H${row}`) as number) + 5);
        return `H${row}`;
      },
      "formula-mismatch",
      "error",
    ],
    [
      "a ratio typed ×100 in a percent column",
      (a) => {
        const row = a.items[4];
        a.set(`G${row}`, Math.round((a.get(`G${row}`) as number) * 1000) / 10);
        return `G${row}`;
      },
      "ratio-scale-mismatch",
      "error",
    ],
    [
      "“+” parts that do not add up",
      (a) => {
        const child = a.parts[2].children[0];
        a.set(`D${child}`, (a.get(`D${child}`) as number) + 10);
        return `D${a.parts[2].parent}`;
      },
      "children-sum-mismatch",
      "warning",
    ],
    [
      "an “of which” row larger than its parent",
      (a) => {
        const { parent, child } = a.ofWhich[1];
        a.set(`D${child}`, (a.get(`D${parent}`) as number) + 100);
        return `D${child}`;
      },
      "child-exceeds-parent",
      "warning",
    ],
    [
      "a number pasted as text",
      (a) => {
        const row = a.items[6];
        a.set(`D${row}`, (a.get(`D${row}`) as number).toLocaleString("vi-VN", { minimumFractionDigits: 1 }));
        return `D${row}`;
      },
      "number-stored-as-text",
      "warning",
    ],
    [
      "an error value",
      (a) => {
        const row = a.items[8];
        a.set(`D${row}`, "#REF!");
        return `D${row}`;
      },
      "error-value",
      "error",
    ],
    [
      "an item without a lead unit",
      (a) => {
        const row = a.items[12];
        a.set(`I${row}`, null);
        return `I${row}`;
      },
      "missing-lead",
      "warning",
    ],
    [
      "a number used twice",
      (a) => {
        const row = a.items[2];
        a.set(`A${row}`, a.get(`A${a.items[1]}`));
        return `A${row}`;
      },
      "ordinal-duplicate",
      "warning",
    ],
    [
      "a number skipped",
      (a) => {
        const last = a.items.filter((r) => r < a.sections[1]).pop()!;
        a.set(`A${last}`, String(Number(a.get(`A${last}`)) + 1));
        return `A${last}`;
      },
      "ordinal-gap",
      "warning",
    ],
    [
      "a ratio left blank",
      (a) => {
        const row = a.items[5];
        a.set(`G${row}`, null);
        return `G${row}`;
      },
      "formula-blank",
      "info",
    ],
    [
      "a missing operand",
      (a) => {
        const row = a.items[7];
        a.set(`E${row}`, null);
        return `E${row}`;
      },
      "operand-missing",
      "info",
    ],
    [
      "a sentence in a formula column",
      (a) => {
        const row = a.items[9];
        a.set(`H${row}`, "Phấn đấu đạt mức cao nhất");
        return `H${row}`;
      },
      "text-in-formula-column",
      "info",
    ],
  ];

  it.each(plants)("finds %s at its cell", (_what, plant, code, severity) => {
    const annex = cleanAnnex(300);
    const cell = plant(annex);
    const findings = check(annex);
    const found = findings.filter((f) => f.code === code);
    expect(found.map((f) => f.cell)).toEqual([cell]);
    expect(found[0]).toMatchObject({ severity, sheet: "Sheet1" });
    expect(found[0].message).not.toEqual("");
    expect(found[0].messageEn).not.toEqual("");
    // Nothing else is raised above a note, except what the planted mistake itself implies.
    const others = alarms(findings.filter((f) => f.code !== code));
    expect(others).toEqual([]);
  });

  it("gives expected and actual values for a wrong ratio", () => {
    const annex = cleanAnnex(50);
    const row = annex.items[0];
    const [year, estimate] = [annex.get(`F${row}`) as number, annex.get(`E${row}`) as number];
    annex.set(`G${row}`, 0.123);
    const [finding] = check(annex).filter((f) => f.code === "formula-mismatch");
    expect(finding.expected).toBeCloseTo(estimate / year, 9);
    expect(finding.actual).toBe(0.123);
  });

  it("reads range and word targets as targets, never as errors", () => {
    const annex = cleanAnnex(60);
    const rows = annex.items.slice(0, 5);
    ["Khoảng 4", "Dưới 3", "Trên 90", "6,6-6,8", "Xuất siêu"].forEach((target, i) => annex.set(`D${rows[i]}`, target));
    expect(alarms(check(annex))).toEqual([]);
  });

  describe("section numbering", () => {
    const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    const roman = (n: number) =>
      ["", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC", "C"][Math.floor(n / 10)] + (n % 10 ? ROMAN[(n % 10) - 1] : "");
    /** A table of sections, each with two numbered items; `sections`: [ordinal, name] per section row. */
    const annex = (sections: [string, string][]) => {
      const rows: (string | number | null)[][] = [["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Đơn vị chủ trì"]];
      for (const [ordinal, name] of sections) {
        rows.push([ordinal, name, null, null, null]);
        if (!/^[A-Z]$/.test(ordinal) || name.startsWith("Lĩnh vực")) {
          rows.push(["1", "Sản lượng lúa", "Tấn", 5, "Sở Nông nghiệp"], ["2", "Sản lượng ngô", "Tấn", 4, "Sở Nông nghiệp"]);
        }
      }
      const snapshot = buildSnapshot({ rows });
      const [table] = recognizeTables(snapshot);
      return { table, findings: validateTable(snapshot, table) };
    };

    it("reads Roman numerals past XXXIX, the single L and C included, as one sequence of sections", () => {
      const sections = Array.from({ length: 105 }, (_, i): [string, string] => [roman(i + 1), `Lĩnh vực ${i + 1}`]);
      expect(roman(40)).toBe("XL");
      expect(roman(50)).toBe("L");
      expect(roman(100)).toBe("C");
      const { table, findings } = annex(sections);
      const sectionRows = table.rows.filter((r) => r.kind === "section");
      expect(sectionRows.map((r) => r.ordinal)).toEqual(sections.map(([o]) => o));
      // All at one level: none is taken for a part ("L" for a letter) holding the others.
      expect(sectionRows.every((r) => r.parentRow === null)).toBe(true);
      expect(findings).toEqual([]);
    });

    it("numbers Roman sections afresh under each lettered part", () => {
      const { table, findings } = annex([
        ["A", "PHẦN A. KINH TẾ"],
        ["I", "Lĩnh vực nông nghiệp"],
        ["II", "Lĩnh vực công nghiệp"],
        ["B", "PHẦN B. XÃ HỘI"],
        ["I", "Lĩnh vực giáo dục"],
        ["II", "Lĩnh vực y tế"],
        ["III", "Lĩnh vực văn hoá"],
        ["C", "PHẦN C. QUỐC PHÒNG"],
        ["I", "Lĩnh vực quốc phòng"],
      ]);
      const parents = table.rows.filter((r) => r.kind === "section").map((r) => [r.ordinal, r.parentRow]);
      expect(parents).toEqual([
        ["A", null],
        ["I", 2],
        ["II", 2],
        ["B", null],
        ["I", 9],
        ["II", 9],
        ["III", 9],
        ["C", null],
        ["I", 19],
      ]);
      expect(findings).toEqual([]);
    });

    it("still reports a Roman numeral used twice or skipped among sibling sections", () => {
      const { findings } = annex([
        ["I", "Lĩnh vực nông nghiệp"],
        ["II", "Lĩnh vực công nghiệp"],
        ["II", "Lĩnh vực thương mại"],
        ["V", "Lĩnh vực giáo dục"],
      ]);
      expect(findings.map((f) => [f.code, f.cell])).toEqual([
        ["ordinal-duplicate", "A8"],
        ["ordinal-gap", "A11"],
      ]);
    });

    it("reads the letter I after H as the next part when no Roman numeral numbers a section", () => {
      const letters = [..."ABCDEFGHIJ"].map((l): [string, string] => [l, `Lĩnh vực ${l}`]);
      const { table, findings } = annex(letters);
      const sectionRows = table.rows.filter((r) => r.kind === "section");
      expect(sectionRows.map((r) => r.ordinal)).toEqual([..."ABCDEFGHIJ"]);
      expect(sectionRows.every((r) => r.parentRow === null)).toBe(true);
      expect(findings).toEqual([]);
    });
  });
});
