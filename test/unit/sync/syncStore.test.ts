/** .xlsx persistence of the sync: state in a veryHidden sheet in chunks, writes as plain values. */
import ExcelJS from "exceljs";
import { newState, type SyncState } from "../../../src/sync/state";
import type { SyncCellWrite } from "../../../src/sync/workbook";
import { STATE_CHUNK, STATE_SHEET as SYNC_SHEET } from "../../../src/sync";
import { applySyncWrites, readSyncState, writeSyncState } from "../../../src/xlsx/syncStore";

async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const buffer = await wb.xlsx.writeBuffer();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(buffer as ArrayBuffer);
  return back;
}

function bigState(): SyncState {
  const state = newState("http://127.0.0.1:4100/v1.0", "root", "Annex", "Phụ lục");
  state.fields = ["Title", "Ordinal", "V_D", "V_E"];
  for (let i = 0; i < 1000; i++) {
    state.rows[`00000000-0000-4000-8000-${String(i).padStart(12, "0")}`] = {
      i: String(i + 1),
      e: `"{6F9619FF-8B86-D011-B42D-00C04FC964FF},${i}"`,
      b: [`Chỉ tiêu số ${i}`, String(i), i * 1.5, null],
    };
  }
  state.outbox = [{ op: "create", key: "k", fields: { RowKey: "k", Title: "Mới" }, uncertain: true }];
  return state;
}

describe("sync state in the workbook", () => {
  it("stores the state in a veryHidden sheet, in chunks under Excel's cell limit, and reads it back", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Phụ lục").getCell("A1").value = "x";
    const state = bigState();
    writeSyncState(wb, state);
    writeSyncState(wb, state); // writing again replaces, never adds a second sheet
    const back = await roundTrip(wb);
    const sheet = back.getWorksheet(SYNC_SHEET)!;
    expect(sheet.state).toBe("veryHidden");
    expect(back.worksheets.map((w) => w.name)).toEqual(["Phụ lục", SYNC_SHEET]);
    const chunks = Number(sheet.getCell(1, 2).value);
    expect(chunks).toBeGreaterThan(1);
    for (let r = 2; r < chunks + 2; r++) expect(String(sheet.getCell(r, 1).value).length).toBeLessThanOrEqual(STATE_CHUNK);
    expect(STATE_CHUNK).toBeLessThan(32_000);
    expect(readSyncState(back)).toEqual(state);
  });

  it("reads no state from a workbook without one", () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Phụ lục");
    expect(readSyncState(wb)).toBeNull();
  });

  it("writes numbers as numbers and text as text, formula-looking text included, and hides the key column", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Phụ lục");
    ws.getCell("B7").value = "Cũ";
    const w = (
      cell: string,
      row: number,
      column: number,
      value: SyncCellWrite["value"],
      asText = false,
      numberFormat?: string,
    ): SyncCellWrite => ({
      sheet: "Phụ lục",
      row,
      column,
      cell,
      value,
      asText,
      numberFormat,
      purpose: "pull",
    });
    applySyncWrites(
      wb,
      [
        w("B7", 7, 2, '=HYPERLINK("http://x","y")', true),
        w("C7", 7, 3, "- Tấn", true),
        w("E7", 7, 5, 1234.5),
        w("F7", 7, 6, 0.955, false, "0.0%"),
        w("J7", 7, 10, "6f9619ff-8b86-4011-b42d-00c04fc964ff", true, "@"),
      ],
      { column: 10 },
      "Phụ lục",
    );
    const back = (await roundTrip(wb)).getWorksheet("Phụ lục")!;
    expect(back.getCell("B7").value).toBe('=HYPERLINK("http://x","y")');
    expect(back.getCell("B7").type).toBe(ExcelJS.ValueType.String);
    expect(back.getCell("B7").numFmt).toBe("@");
    expect(back.getCell("C7").value).toBe("- Tấn");
    expect(back.getCell("E7").value).toBe(1234.5);
    expect(back.getCell("F7").value).toBe(0.955);
    expect(back.getCell("F7").numFmt).toBe("0.0%");
    expect(back.getCell("J7").value).toBe("6f9619ff-8b86-4011-b42d-00c04fc964ff");
    expect(back.getColumn(10).hidden).toBe(true);
  });
});
