import type { CellWrite, FillPlan } from "../../../src/annex/model";
import { cellAddress, columnNumber, parseCellAddress } from "../../../src/annex/snapshot";
import { createFakeExcel, installFakeOffice, runExcel, type FakeExcelHost, type FakeWorkbookData } from "../../fakes/excel";

/** A fake host with the Office globals installed for the current test. */
export function setup(data: FakeWorkbookData): {
  fake: FakeExcelHost;
  run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
} {
  const fake = createFakeExcel(data);
  const uninstall = installFakeOffice(fake);
  cleanups.push(uninstall);
  return { fake, run: (batch) => runExcel(fake, batch) };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

export function sheetOf(context: Excel.RequestContext, name: string): Excel.Worksheet {
  return context.workbook.worksheets.getItem(name);
}

/** A formula write as the planner makes it. */
export function formulaWrite(address: string, formula: string, numberFormat?: string): CellWrite {
  const { row, column } = parseCellAddress(address);
  return { cell: address, row, column, kind: "formula", formula, numberFormat, old: null, oldFormula: "", new: null, changesValue: true };
}

export function numberWrite(address: string, value: number, numberFormat?: string): CellWrite {
  const { row, column } = parseCellAddress(address);
  return { cell: address, row, column, kind: "number", value, numberFormat, old: null, oldFormula: "", new: value, changesValue: false };
}

export function plan(sheet: string, writes: CellWrite[]): FillPlan {
  return { sheet, writes, skipped: [] };
}

/** A table of `rows` data rows from row `top`: D = plan, E = result, G/H empty formula columns. */
export function annexCells(rows: number, top = 7): Record<string, number | string> {
  const cells: Record<string, number | string> = {
    B4: "Chỉ tiêu",
    D4: "KH",
    E4: "TH",
    G4: "% so KH",
    H4: "Chênh lệch",
    G6: "6=4/5",
    H6: "7=5-4",
  };
  for (let r = top; r < top + rows; r++) {
    cells[`B${r}`] = `Chỉ tiêu số ${r - top + 1}`;
    cells[`D${r}`] = 100 + r;
    cells[`E${r}`] = 90 + r;
  }
  return cells;
}

export function ratioWrites(rows: number, top = 7): CellWrite[] {
  const writes: CellWrite[] = [];
  for (let r = top; r < top + rows; r++) {
    writes.push(formulaWrite(`G${r}`, `=IF(D${r}=0,"",E${r}/D${r})`, "0.0%"));
    writes.push(formulaWrite(`H${r}`, `=E${r}-D${r}`, "#,##0.00"));
  }
  return writes;
}

export { cellAddress, columnNumber };

/** What the promise rejected with; fails when it resolves. */
export async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}
