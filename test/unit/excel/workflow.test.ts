/**
 * The planner's workflow through the real service on the fake Excel: recognise → fill →
 * highlight on a realistic annex (title, two-row merged header band, number row
 * `1 2 3 4 5 6=4/5 7=5-4`, sections, items, sub-items, lead units merged down) of 50 and of 5,000
 * rows. The sync count must stay within 6 and be the same for both sizes; no request or response
 * may pass Excel on the web's 5 MB; undo must put back every cell exactly.
 */
import { DEFAULT_PANE_SETTINGS } from "../../../src/taskpane/annexService";
import { createExcelAnnexService } from "../../../src/excel/annexService";
import { UndoHistory } from "../../../src/excel/undo";
import { PAYLOAD_LIMIT_BYTES } from "../../../src/excel/payload";
import { createFakeExcel, installFakeOffice, type FakeExcelHost, type FakeSheetState } from "../../fakes/excel";
import { ANNEX_SHEET, realisticAnnex } from "../../fakes/excel/realisticAnnex";

/** Everything a person can see of a sheet's cells: content and number format (formatting kept apart). */
function picture(sheet: FakeSheetState): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, cell] of sheet.cells) {
    const c = cell.content;
    if (c.kind === "empty" && cell.numberFormat === "General") continue;
    const content = c.kind === "formula" ? `=${c.formula}` : c.kind === "empty" ? "" : `${c.kind}:${JSON.stringify(c.value)}`;
    out.set(key, `${content}|${cell.numberFormat}|${cell.bold}`);
  }
  return out;
}

interface Run {
  rows: number;
  phases: { read: number; fill: number; highlight: number };
  total: number;
  largestRequest: number;
  largestResponse: number;
  writes: number;
}

const results: Run[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function workflow(rows: number): Promise<{ run: Run; fake: FakeExcelHost }> {
  const fake = createFakeExcel(realisticAnnex(rows));
  cleanups.push(installFakeOffice(fake));
  const sheet = fake.workbook.sheet(ANNEX_SHEET)!;
  const before = picture(sheet);
  const service = createExcelAnnexService({ history: new UndoHistory() });

  // Recognise.
  let mark = fake.syncCount;
  const analysis = await service.analyzeActiveSheet(DEFAULT_PANE_SETTINGS);
  const read = fake.syncCount - mark;
  expect(analysis.sheet).toBe(ANNEX_SHEET);
  expect(analysis.mergesRead).toBe(true);
  expect(analysis.tables).toHaveLength(1);
  const table = analysis.tables[0];
  expect(table.table.range).toEqual({ top: 4, left: 1, bottom: 6 + rows, right: 9 });
  expect(table.table.columns.map((c) => c.role).join(",")).toBe("ordinal,name,unit,value,value,value,formula,formula,lead");
  // Lead units merged down over sub-items are inherited through the merges.
  const merged = table.table.rows.filter((r) => r.leadSource === "merge");
  expect(merged.length).toBeGreaterThan(rows / 10);
  expect(table.plan.writes.length).toBeGreaterThan(rows);
  expect(table.rules.length).toBeGreaterThan(0);

  // Fill.
  mark = fake.syncCount;
  const { written } = await service.applyFill(table);
  const fill = fake.syncCount - mark;
  expect(written).toBe(table.plan.writes.length);
  const firstItem = table.table.rows.find((r) => r.kind === "item")!.row;
  expect(sheet.peek(firstItem, 7)!.content).toEqual({
    kind: "formula",
    formula: table.plan.writes.find((w) => w.cell === `G${firstItem}`)!.formula,
    cached: null,
  });

  // Highlight.
  mark = fake.syncCount;
  await service.applyHighlight(table);
  const highlight = fake.syncCount - mark;
  const ranges = new Set(sheet.conditionalFormats.flatMap((cf) => cf.areas.map((a) => `${a.top}:${a.bottom}:${a.left}`)));
  expect(ranges.size).toBeGreaterThan(0);
  expect([...ranges].every((r) => r.endsWith(":7"))).toBe(true); // column G only
  expect(sheet.conditionalFormats).toHaveLength(table.rules.length);

  const run: Run = {
    rows,
    phases: { read, fill, highlight },
    total: fake.syncCount,
    largestRequest: Math.max(...fake.syncs.map((s) => s.requestBytes)),
    largestResponse: Math.max(...fake.syncs.map((s) => s.responseBytes)),
    writes: table.plan.writes.length,
  };
  expect(fake.syncs.filter((s) => s.failed)).toEqual([]);

  // Undo puts back every cell exactly: content, number format (and leaves bold alone).
  expect(await service.canUndo()).toBe(true);
  const restored = await service.undoFill();
  expect(restored).toBe(table.plan.writes.length);
  const after = picture(sheet);
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k));
  expect(changed).toEqual([]);
  expect(Math.max(...fake.syncs.map((s) => Math.max(s.requestBytes, s.responseBytes)))).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  return { run, fake };
}

describe("recognise → fill → highlight through the Excel service", () => {
  it.each([50, 5000])("on a realistic annex of %i rows: at most 6 syncs, none over 5 MB, undo exact", async (rows) => {
    const { run } = await workflow(rows);
    expect(run.total).toBeLessThanOrEqual(6);
    expect(run.largestRequest).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(run.largestResponse).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    // Read with the highlight state in its first sync; fill in one sync; highlight in two (list the
    // sheet's rules to find the add-in's by signature, then delete those and add the new ones).
    expect(run.phases).toEqual({ read: 2, fill: 1, highlight: 2 });
    results.push(run);
    if (process.env.WORKFLOW_REPORT) console.log(JSON.stringify(run));
  });

  it("takes the same number of syncs for 50 and for 5,000 rows", () => {
    const [small, large] = [50, 5000].map((rows) => results.find((r) => r.rows === rows));
    expect(small && large).toBeTruthy();
    expect(large!.total).toBe(small!.total);
    expect(large!.phases).toEqual(small!.phases);
    // The large one did write a hundred times more.
    expect(large!.writes).toBeGreaterThan(50 * small!.writes);
  });
});
