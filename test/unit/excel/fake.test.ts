/** The fake itself: Office's load/sync rules, input rules and limits, so adapter tests mean something. */
import path from "node:path";
import ExcelJS from "exceljs";
import { readSheetSnapshot } from "../../../src/excel/readSnapshot";
import { createFakeExcel, FakeOfficeError, installFakeOffice, parseInput, runExcel } from "../../fakes/excel";
import { fakeWorkbookFromExcelJs } from "../../fakes/excel/fromExcelJs";

describe("fake Excel: load and sync", () => {
  it("throws PropertyNotLoaded for a property read before load + sync", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "S", cells: { A1: 1 } }] });
    await runExcel(fake, async (context) => {
      const range = context.workbook.worksheets.getItem("S").getRange("A1");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      range.load("values");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(range.values).toEqual([[1]]);
      expect(() => range.formulas).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  it("refuses a bare load()", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "S" }] });
    await runExcel(fake, async (context) => {
      expect(() => context.workbook.worksheets.getItem("S").getRange("A1").load()).toThrow(/name the properties/);
    });
  });

  it("queues setters and applies them in order on sync", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "S", cells: { A1: 1 } }] });
    await runExcel(fake, async (context) => {
      const range = context.workbook.worksheets.getItem("S").getRange("A1:A2");
      const before = context.workbook.worksheets.getItem("S").getRange("A1:A2");
      before.load("formulas");
      range.formulas = [["=B1*2"], [5]];
      expect(fake.workbook.sheet("S")!.formulaAt(1, 1)).toBe(1);
      const after = context.workbook.worksheets.getItem("S").getRange("A1:A2");
      after.load("formulas");
      await context.sync();
      expect(before.formulas).toEqual([[1], [""]]);
      expect(after.formulas).toEqual([["=B1*2"], [5]]);
    });
    expect(fake.syncCount).toBe(1);
  });

  it("settles isNullObject for an empty used range and a missing sheet", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Empty" }] });
    await runExcel(fake, async (context) => {
      const used = context.workbook.worksheets.getItem("Empty").getUsedRangeOrNullObject(true);
      const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
      expect(() => used.isNullObject).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(used.isNullObject).toBe(true);
      expect(missing.isNullObject).toBe(true);
    });
  });

  it("fails the sync with ItemNotFound for getItem of a missing sheet", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "S" }] });
    await expect(
      runExcel(fake, async (context) => {
        context.workbook.worksheets.getItem("Nope").getRange("A1").load("values");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  it("fails the next sync with an injected error and runs none of its commands", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "S" }] });
    fake.failNextSync("InvalidOperationInCellEditMode");
    await expect(
      runExcel(fake, async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1").formulas = [["x"]];
        await context.sync();
      }),
    ).rejects.toBeInstanceOf(FakeOfficeError);
    expect(fake.workbook.sheet("S")!.formulaAt(1, 1)).toBe("");
    expect(fake.syncs[0].failed).toBe("InvalidOperationInCellEditMode");
  });

  it("refuses requests and responses over 5 MB, like Excel on the web", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "S" }] });
    const big = Array.from({ length: 3000 }, () => ["x".repeat(2000)]);
    await expect(
      runExcel(fake, async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1:A3000").values = big;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    fake.limits = { requestBytes: null, responseBytes: null };
    await runExcel(fake, async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1:A3000").values = big;
      await context.sync();
    });
    fake.limits = { requestBytes: 5 * 1024 * 1024, responseBytes: 5 * 1024 * 1024 };
    await expect(
      runExcel(fake, async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1:A3000").load("values");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  });

  it("counts a sync and measures its request and response", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "S", cells: { A1: "xin chào" } }] });
    await runExcel(fake, async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1").load("values");
      await context.sync();
    });
    expect(fake.syncs).toHaveLength(1);
    expect(fake.syncs[0].requestBytes).toBeGreaterThan(0);
    expect(fake.syncs[0].responseBytes).toBeGreaterThan("xin chào".length);
  });
});

describe("fake Excel: navigating ranges", () => {
  const data = {
    sheets: [
      {
        name: "S",
        cells: {
          B3: { value: "Tiêu đề", bold: true },
          C3: { value: "x", bold: true },
          B4: { value: "I", bold: true },
          C4: "Khu vực I",
          B5: 1,
          C5: 2,
          D9: 4,
        },
      },
      { name: "Trống" },
    ],
  };

  it("getRow, getCell, getResizedRange and getIntersectionOrNullObject resolve on sync", async () => {
    const fake = createFakeExcel(data);
    await runExcel(fake, async (context) => {
      const used = context.workbook.worksheets.getItem("S").getUsedRangeOrNullObject(true);
      const first = used.getIntersectionOrNullObject(used.getRow(0).getResizedRange(99, 0));
      const corner = used.getCell(0, 0).getResizedRange(1, 1);
      const none = used.getIntersectionOrNullObject("A1:A2");
      first.load("address");
      corner.load("address");
      none.load("address");
      await context.sync();
      expect(first.address).toBe("S!B3:D9");
      expect(corner.address).toBe("S!B3:C4");
      expect(none.isNullObject).toBe(true);
    });
  });

  it("refuses a row outside the range and a resize past the grid", async () => {
    const fake = createFakeExcel(data);
    await runExcel(fake, async (context) => {
      const range = context.workbook.worksheets.getItem("S").getRange("B3:D9");
      range.getRow(7).load("address");
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      range.getResizedRange(1_048_576, 0).load("address");
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
  });

  it("fails a batch that navigates from a null used range (the stricter host behaviour)", async () => {
    const fake = createFakeExcel(data);
    await runExcel(fake, async (context) => {
      const used = context.workbook.worksheets.getItem("Trống").getUsedRangeOrNullObject(true);
      used.getRow(0).load("address");
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    });
  });

  it("getRowProperties gives true, false, or null for a mixed row", async () => {
    const fake = createFakeExcel(data);
    await runExcel(fake, async (context) => {
      const props = context.workbook.worksheets
        .getItem("S")
        .getRange("B3:C6")
        .getRowProperties({ format: { font: { bold: true } } });
      await context.sync();
      expect(props.value.map((p) => (p.format as { font: { bold: boolean | null } }).font.bold)).toEqual([true, null, false, false]);
    });
  });
});

describe("fake Excel: cell input follows Excel", () => {
  it.each([
    ["=A1+1", "General", { kind: "formula", formula: "=A1+1", cached: null }],
    ["'=A1+1", "General", { kind: "text", value: "=A1+1", quotePrefix: true }],
    ["=A1+1", "@", { kind: "text", value: "=A1+1" }],
    ["1,005", "General", { kind: "number", value: 1005 }],
    ["0,5", "General", { kind: "text", value: "0,5" }],
    ["91,4%", "General", { kind: "text", value: "91,4%" }],
    ["12.5%", "General", { kind: "number", value: 0.125 }],
    ["-abc", "General", { kind: "formula", formula: "=-abc", cached: null }],
    ["TRUE", "General", { kind: "boolean", value: true }],
    ["#N/A", "General", { kind: "error", value: "#N/A" }],
    ["", "General", { kind: "empty" }],
    [null, "General", "unchanged"],
    [42, "General", { kind: "number", value: 42 }],
  ])("%j into a %s cell", (input, format, expected) => {
    expect(parseInput(input, format)).toEqual(expected);
  });
});

describe("fake Excel: conditional formats and settings", () => {
  it("clearAll removes rules from those cells only, splitting a larger rule", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "S", conditionalFormats: [{ range: "A1:C10", formula: "=A1>0", fill: "#FF0000" }] }] });
    await runExcel(fake, async (context) => {
      const range = context.workbook.worksheets.getItem("S").getRange("B1:B10");
      range.conditionalFormats.clearAll();
      const added = range.conditionalFormats.add("Custom");
      added.custom.rule.formula = "=B1<0";
      const count = context.workbook.worksheets.getItem("S").getRange("A1:C10").conditionalFormats.getCount();
      await context.sync();
      expect(count.value).toBe(2);
    });
    const cfs = fake.workbook.sheet("S")!.conditionalFormats;
    expect(cfs[0]).toMatchObject({ formula: "=B1<0", areas: [{ top: 1, left: 2, bottom: 10, right: 2 }] });
    expect(cfs[1].areas).toEqual([
      { top: 1, left: 1, bottom: 10, right: 1 },
      { top: 1, left: 3, bottom: 10, right: 3 },
    ]);
  });

  it("stores settings as JSON and reads them back after sync", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "S" }] });
    await runExcel(fake, async (context) => {
      context.workbook.settings.add("k", '{"a":1}');
      const item = context.workbook.settings.getItemOrNullObject("k");
      const none = context.workbook.settings.getItemOrNullObject("none");
      item.load("value");
      await context.sync();
      expect(item.value).toBe('{"a":1}');
      expect(none.isNullObject).toBe(true);
    });
  });
});

describe("fake Excel: globals", () => {
  it("installs Excel.run, Office requirements and OfficeExtension.Error, and removes them again", async () => {
    const fake = createFakeExcel({ sheets: [{ name: "Một" }, { name: "Hai", cells: { B2: 5 } }], activeSheet: "Hai", excelApi: "1.12" });
    const uninstall = installFakeOffice(fake);
    try {
      expect(Office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(true);
      expect(Office.context.requirements.isSetSupported("ExcelApi", "1.13")).toBe(false);
      const snapshot = await Excel.run((context) => readSheetSnapshot(context, context.workbook.worksheets.getActiveWorksheet()));
      expect(snapshot).toMatchObject({ sheet: "Hai", top: 2, left: 2, values: [[5]] });
      fake.failNextSync("AccessDenied");
      const error = await Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Một").getRange("A1").load("values");
        await context.sync();
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OfficeExtension.Error);
    } finally {
      uninstall();
    }
    expect((globalThis as Record<string, unknown>).Excel).toBeUndefined();
  });
});

describe("fakeWorkbookFromExcelJs", () => {
  it("loads the sample annex with merges, bold, text figures and empty merged cells", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(__dirname, "../../../samples/phu-luc-tang-truong-2020.xlsx"));
    const data = fakeWorkbookFromExcelJs(workbook);
    const fake = createFakeExcel(data);
    const sheet = fake.workbook.sheet("Phụ lục")!;
    expect(sheet.merges).toContainEqual({ top: 7, left: 9, bottom: 8, right: 9 });
    expect(sheet.valueAt(7, 9)).toBe("Sở Kế hoạch và Đầu tư");
    expect(sheet.valueAt(8, 9)).toBe(""); // covered by the merge I7:I8
    expect(sheet.peek(1, 1)!.bold).toBe(true);
    expect(sheet.valueAt(21, 7)).toBe("39.6%");
    expect(sheet.numberFormatAt(12, 5)).toBe("#,##0");
    expect(sheet.usedArea(true)).toEqual({ top: 1, left: 1, bottom: 36, right: 9 });
  });
});
