/**
 * A task list's side of the sync: its fields and owners, the values read from the sheet (a deadline
 * as written, a date cell as a reader sees it, a sub-task's inherited deadline, a completion date),
 * completion dates pulled as real dates, and a liaison's status and completion date.
 */
import { recognizeTables, type CellValue, type SheetSnapshot } from "../../../src/annex";
import { listColumnDefinitions, normalizeValue, OWNER_DESCRIPTION, syncFields } from "../../../src/sync/fields";
import { liaisonColumns, liaisonPatch, listFieldsOf, LiaisonError, statusWithCompletionDay } from "../../../src/sync/liaison";
import { pullWrite, readWorkbookRows, type KeyColumn } from "../../../src/sync/workbook";

const HEADER = [
  "STT",
  "Nội dung nhiệm vụ",
  "Cơ quan chủ trì",
  "Cơ quan phối hợp",
  "Thời gian hoàn thành",
  "Tình hình thực hiện",
  "Ngày hoàn thành",
  "Ghi chú",
];
/** Serial days of Excel's 1900 system: 45199 is 30/09/2023. */
const OCT_31_2023 = 45230;
const SEPT_20_2023 = 45189;

function taskSheet(header: string[] = HEADER): SheetSnapshot {
  const rows: CellValue[][] = [
    header,
    ["I", "Cải cách hành chính", null, null, null, null, null, null],
    ["1", "Rà soát thủ tục hành chính", "Văn phòng UBND tỉnh", "Các sở, ngành", OCT_31_2023, "Đang thực hiện", null, null],
    ["2", "Số hóa hồ sơ", "Sở Nội vụ", null, "Quý III/2023", "Đã hoàn thành", SEPT_20_2023, "Đúng kế hoạch"],
    [null, "- Huyện An Biên", null, null, null, "Đang thực hiện", null, null],
  ].map((r) => r.slice(0, header.length));
  const formats = rows.map((r, i) => r.map((_, c) => ((i === 2 && c === 4) || (i === 3 && c === 6) ? "dd/mm/yyyy" : "General")));
  return { sheet: "NV", top: 1, left: 1, values: rows, numberFormats: formats, merges: [] };
}

const KEY: KeyColumn = { column: 9, letter: "I", labelRow: 1, existed: false };

function read(snapshot = taskSheet()) {
  const table = recognizeTables(snapshot)[0];
  const fields = syncFields(table);
  let n = 0;
  return { table, fields, rows: readWorkbookRows(snapshot, table, fields, KEY, new Map(), () => `k${++n}`).rows };
}

describe("the fields of a task list", () => {
  it("are the task's own: the planner keeps what was assigned, the lead department reports how it stands", () => {
    const { table, fields } = read();
    expect(table.kind).toBe("tasks");
    expect(fields.map((f) => [f.name, f.displayName, f.owner, f.column])).toEqual([
      ["Title", "Nhiệm vụ", "planner", 2],
      ["Ordinal", "TT", "planner", 1],
      ["Lead", "Đơn vị chủ trì", "planner", 3],
      ["Partners", "Cơ quan phối hợp", "planner", 4],
      ["Deadline", "Thời gian hoàn thành", "planner", 5],
      ["Status", "Tình hình thực hiện", "liaison", 6],
      ["CompletedOn", "Ngày hoàn thành", "liaison", 7],
      ["Note", "Ghi chú", "liaison", 8],
      ["Confirmed", "Đã xác nhận", "liaison", null],
      ["ConfirmedBy", "Người xác nhận", "liaison", null],
      ["ConfirmedAt", "Thời điểm xác nhận", "liaison", null],
      ["Section", "Phần", "planner", null],
    ]);
    const described = Object.fromEntries(listColumnDefinitions(fields).map((d) => [d.name, d.description]));
    expect(described).toMatchObject({
      Deadline: OWNER_DESCRIPTION.planner,
      Partners: OWNER_DESCRIPTION.planner,
      Status: OWNER_DESCRIPTION.liaison,
      CompletedOn: OWNER_DESCRIPTION.liaison,
    });
  });

  it("read the deadline as written (a date cell as 31/10/2023), a sub-task's from its task, and the completion date as a day", () => {
    const { rows } = read();
    expect(rows.map((r) => [r.row, r.values.Deadline, r.values.Status, r.values.CompletedOn ?? null, r.values.Partners ?? null])).toEqual([
      [3, "31/10/2023", "Đang thực hiện", null, "Các sở, ngành"],
      [4, "Quý III/2023", "Đã hoàn thành", "2023-09-20", null],
      [5, "Quý III/2023", "Đang thực hiện", null, null],
    ]);
    // The sub-task's deadline is its task's cell: a pull there would change the task.
    expect(rows[2].cells.Deadline).toMatchObject({ writable: false, reason: "inherited" });
    expect(rows[0].cells.Deadline).toMatchObject({ writable: true, numeric: true });
  });

  it("pull a completion date as a real date cell, and a deadline into a date cell as a date", () => {
    const { fields, rows } = read();
    const completedOn = fields.find((f) => f.name === "CompletedOn")!;
    expect(pullWrite("NV", "k1", completedOn, rows[0].cells.CompletedOn, "2023-09-25")).toMatchObject({
      cell: "G3",
      value: 45194, // 30/09/2023 is 45199
      numberFormat: "dd/mm/yyyy",
      asText: false,
    });
    const deadline = fields.find((f) => f.name === "Deadline")!;
    expect(pullWrite("NV", "k1", deadline, rows[0].cells.Deadline, "30/11/2023")).toMatchObject({
      value: 45260,
      numberFormat: "dd/mm/yyyy",
    });
    // A deadline in words stays words.
    expect(pullWrite("NV", "k2", deadline, rows[1].cells.Deadline, "Quý IV/2023")).toMatchObject({ value: "Quý IV/2023" });
  });

  it("compare completion dates as days, however they are written", () => {
    const field = { kind: "text", source: "completedOn" } as const;
    expect(normalizeValue(field, "20/9/2023")).toBe("2023-09-20");
    expect(normalizeValue(field, "2023-09-20T00:00:00Z")).toBe("2023-09-20");
    expect(normalizeValue(field, " 2023-09-20 ")).toBe("2023-09-20");
    expect(normalizeValue(field, "chưa rõ")).toBe("chưa rõ");
    expect(normalizeValue(field, "")).toBeNull();
  });
});

describe("a liaison's report on a task", () => {
  const context = { user: "Phạm Văn Bình", now: new Date("2023-09-21T02:00:00Z") };
  const withoutDateColumn = () => liaisonColumns(listFieldsOf(read(taskSheet(HEADER.slice(0, 6))).fields));

  it("sets the status and the completion date; without a completion-date column the status names the day", () => {
    const columns = withoutDateColumn();
    expect(columns.completedOnInStatus).toBe(true);
    expect(liaisonPatch({ status: "Đã hoàn thành", completedOn: "20/9/2023" }, columns, context)).toEqual({
      Status: "Đã hoàn thành ngày 20/9/2023",
      CompletedOn: "2023-09-20",
    });
    // Only the date: the status as the list has it gets the day.
    expect(liaisonPatch({ completedOn: "2023-09-20" }, columns, context, { Status: "Hoàn thành" })).toEqual({
      Status: "Hoàn thành ngày 20/9/2023",
      CompletedOn: "2023-09-20",
    });
  });

  it("keeps the status as typed when it has a completion-date column", () => {
    const columns = liaisonColumns(listFieldsOf(read().fields));
    expect(columns.completedOnInStatus).toBe(false);
    expect(liaisonPatch({ status: "Đã hoàn thành", completedOn: "20/9/2023" }, columns, context)).toEqual({
      Status: "Đã hoàn thành",
      CompletedOn: "2023-09-20",
    });
  });

  it("refuses a completion date that is no day", () => {
    expect(() => liaisonPatch({ completedOn: "30/2/2023" }, withoutDateColumn(), context)).toThrow(LiaisonError);
  });

  it("writes the day into a status once, after a document's date when there is one", () => {
    expect(statusWithCompletionDay("Đã hoàn thành ngày 20/9/2023", "2023-09-20")).toBe("Đã hoàn thành ngày 20/9/2023");
    expect(statusWithCompletionDay("Đã hoàn thành (Quyết định số 1520/QĐ-UBND ngày 26/6/2023)", "2023-06-28")).toBe(
      "Đã hoàn thành (Quyết định số 1520/QĐ-UBND ngày 26/6/2023); hoàn thành ngày 28/6/2023",
    );
    expect(statusWithCompletionDay("", "2023-09-20")).toBe("Đã hoàn thành ngày 20/9/2023");
  });
});
