/** Three-way merge per field, ownership, conflict shape, and the text-not-formula rule. */
import { normalizeValue, sameValue, type FieldValue, type SyncField } from "../../../src/sync/fields";
import { mergeField, mergeRow, mustWriteAsText } from "../../../src/sync/merge";
import { pullWrite, type FieldCell } from "../../../src/sync/workbook";

const field = (
  name: string,
  owner: SyncField["owner"],
  kind: SyncField["kind"] = "number",
  source: SyncField["source"] = "value",
): SyncField => ({
  name,
  displayName: name,
  kind,
  owner,
  source,
  column: source === "listOnly" ? null : 4,
});

describe("mergeField: the three-way table", () => {
  it.each<[string, FieldValue, FieldValue, FieldValue, ReturnType<typeof mergeField>]>([
    ["nobody changed", 1, 1, 1, "none"],
    ["only the workbook changed → push", 1, 2, 1, "push"],
    ["only the list changed → pull", 1, 1, 3, "pull"],
    ["both changed to the same value → nothing to write", 1, 4, 4, "same"],
    ["both changed differently → conflict", 1, 2, 3, "conflict"],
    ["new value in the workbook where both were empty → push", null, 5, null, "push"],
    ["list cleared a value → pull (a clear is a change, not a missing field)", 5, 5, null, "pull"],
    ["workbook cleared, list changed → conflict", 5, null, 6, "conflict"],
    ["text: only the list changed", "a", "a", "b", "pull"],
    ["no base yet, both sides equal", null, "x", "x", "same"],
    ["no base yet, sides differ", null, "x", "y", "conflict"],
  ])("%s", (_label, base, workbook, list, expected) => {
    expect(mergeField(base, workbook, list)).toBe(expected);
  });

  it("compares numbers across a JSON round trip, not text against numbers", () => {
    expect(sameValue(0.1 + 0.2, 0.3)).toBe(true);
    expect(sameValue(1, "1")).toBe(false);
    expect(mergeField(71755.08, 71755.08, 71755.08)).toBe("none");
  });
});

describe("mergeRow: ownership and conflicts", () => {
  const fields = [
    field("Title", "planner", "text", "name"),
    field("V_D", "planner"),
    field("V_E", "liaison"),
    field("Note", "liaison", "text", "note"),
    field("Confirmed", "liaison", "boolean", "listOnly"),
  ];
  const base = { Title: "Tổng vốn", V_D: 100, V_E: 50, Note: null, Confirmed: null };

  it("pushes the workbook's changes and pulls the list's, each field on its own", () => {
    const m = mergeRow(fields, base, { Title: "Tổng vốn đầu tư", V_D: 100, V_E: 50, Note: null }, { ...base, V_E: 60, Confirmed: true });
    expect(m.push).toEqual({ Title: "Tổng vốn đầu tư" });
    expect(m.pull).toEqual({ V_E: 60, Confirmed: true });
    expect(m.conflicts).toEqual([]);
    expect(m.nonOwner).toEqual([]);
  });

  it("pushes the planner's change to a liaison field, but holds the list's change to a planner field as a conflict", () => {
    // A liaison renames the indicator (planner's field); the planner types an estimate (liaison's field).
    const m = mergeRow(fields, base, { ...base, V_E: 55 }, { ...base, Title: "Tổng vốn (sửa)" });
    expect(m.push).toEqual({ V_E: 55 });
    expect(m.pull).toEqual({});
    expect(m.conflicts).toEqual([
      {
        field: "Title",
        base: "Tổng vốn",
        workbook: "Tổng vốn",
        list: "Tổng vốn (sửa)",
        owner: "planner",
        reason: "listChangedPlannerField",
      },
    ]);
    expect(m.nonOwner).toEqual(
      expect.arrayContaining([
        { field: "V_E", side: "workbook" },
        { field: "Title", side: "list" },
      ]),
    );
  });

  it("reports a both-sides change as a conflict with base and both values, whoever owns the field", () => {
    const m = mergeRow(fields, base, { ...base, V_D: 110, V_E: 51 }, { ...base, V_D: 120, V_E: 52 });
    expect(m.push).toEqual({});
    expect(m.pull).toEqual({});
    expect(m.conflicts).toEqual([
      { field: "V_D", base: 100, workbook: 110, list: 120, owner: "planner", reason: "bothChanged" },
      { field: "V_E", base: 50, workbook: 51, list: 52, owner: "liaison", reason: "bothChanged" },
    ]);
  });

  it("records a change both sides made alike as the new base, without writing", () => {
    const m = mergeRow(fields, base, { ...base, V_E: 70 }, { ...base, V_E: 70 });
    expect(m.same).toEqual({ V_E: 70 });
    expect(m.push).toEqual({});
    expect(m.pull).toEqual({});
  });

  it("treats a field without a workbook value (list-only, unreadable cell) as unchanged in the workbook", () => {
    const m = mergeRow(fields, base, { Title: "Tổng vốn" }, { ...base, Note: "Đã rà soát", Confirmed: true });
    expect(m.pull).toEqual({ Note: "Đã rà soát", Confirmed: true });
    expect(m.push).toEqual({});
  });

  it("applies an explicit resolution, and only while the two sides still differ", () => {
    const workbook = { ...base, V_D: 110, V_E: 51 };
    const list = { ...base, V_D: 120, V_E: 52 };
    const m = mergeRow(
      fields,
      base,
      workbook,
      list,
      new Map([
        ["V_D", "workbook"],
        ["V_E", "list"],
      ]),
    );
    expect(m.push).toEqual({ V_D: 110 });
    expect(m.pull).toEqual({ V_E: 52 });
    expect(m.conflicts).toEqual([]);
    expect(m.resolved.sort()).toEqual(["V_D", "V_E"]);

    const stale = mergeRow(fields, base, { ...base, V_D: 130 }, { ...base, V_D: 130 }, new Map([["V_D", "list"]]));
    expect(stale.resolved).toEqual([]);
    expect(stale.same).toEqual({ V_D: 130 });
  });
});

describe("text that looks like a formula stays text", () => {
  it.each([
    ['=HYPERLINK("http://x","y")', true],
    ["+ Khai thác", true],
    ["- Tổng sản lượng lúa", true],
    ["-5", true],
    ["@user", true],
    ["'0123", true],
    ["'=A1", true],
    ["Khai thác", false],
    [" =1", false],
    ["", false],
    [5, false],
    [null, false],
  ])("%p → %p", (value, expected) => {
    expect(mustWriteAsText(value)).toBe(expected);
  });

  it("flags pulled cell writes that start with = + - @ as text", () => {
    const cell: FieldCell = { row: 12, column: 2, writable: true, numeric: false, percentText: false };
    const title = field("Title", "planner", "text", "name");
    const w = pullWrite("Phụ lục", "k1", title, cell, '=HYPERLINK("http://x","y")');
    expect(w).toEqual(expect.objectContaining({ cell: "B12", value: '=HYPERLINK("http://x","y")', asText: true, purpose: "pull" }));
    expect(pullWrite("Phụ lục", "k1", title, cell, "+ Nuôi trồng").asText).toBe(true);
    expect(pullWrite("Phụ lục", "k1", title, cell, "Nuôi trồng").asText).toBe(false);
    const number = pullWrite("Phụ lục", "k1", field("V_E", "liaison"), { ...cell, column: 5, numeric: true }, -12.5);
    expect(number).toEqual(expect.objectContaining({ value: -12.5, asText: false }));
  });
});

describe("normalizeValue", () => {
  it("trims text, empties to null, reads the lead like the engine does", () => {
    const text = field("Title", "planner", "text", "name");
    expect(normalizeValue(text, "  Nông nghiệp ")).toBe("Nông nghiệp");
    expect(normalizeValue(text, "")).toBeNull();
    expect(normalizeValue(text, 12)).toBe("12");
    expect(normalizeValue(field("Lead", "planner", "text", "lead"), "Sở Kế hoạch và Đầu tư,")).toBe("Sở Kế hoạch và Đầu tư");
  });

  it("keeps numbers numbers, booleans booleans and dates to the second", () => {
    const n = field("V_D", "planner");
    expect(normalizeValue(n, 7.23)).toBe(7.23);
    expect(normalizeValue(n, "7.23")).toBe(7.23);
    expect(normalizeValue(n, "Khoảng 4")).toBeNull();
    expect(normalizeValue(field("Confirmed", "liaison", "boolean", "listOnly"), "true")).toBe(true);
    expect(normalizeValue(field("ConfirmedAt", "liaison", "dateTime", "listOnly"), "2025-03-01T08:00:00.000Z")).toBe(
      "2025-03-01T08:00:00Z",
    );
  });
});
