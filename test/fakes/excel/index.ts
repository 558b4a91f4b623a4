/**
 * A faithful in-memory fake of the Excel JavaScript API objects the adapter uses (src/excel).
 * No Node imports: it is also bundled into the browser test harness.
 *
 *   const fake = createFakeExcel({ sheets: [{ name: "Phụ lục", cells: { B4: "TT", C7: { formula: "=A7/B7" } } }] });
 *   const uninstall = installFakeOffice(fake);   // globals Excel, Office, OfficeExtension
 *   await Excel.run(async (context) => readSheetSnapshot(context, context.workbook.worksheets.getItem("Phụ lục")));
 *   fake.syncs            // every sync: request/response bytes, failures
 *   fake.rangeWrites      // every range write (values/formulas/numberFormat) with its size
 *   fake.failNextSync("InvalidOperationInCellEditMode")
 *
 * Events (events.ts): `worksheets.onChanged`/`onActivated`, `worksheet.onChanged`, raised by the
 * add-in's writes and by a person's actions (user.ts: userEdit, userActivate, insertRows, deleteRows).
 * Formulas are checked as Excel checks them (formulaCheck.ts), and members above the configured
 * ExcelApi version fail the batch with ApiNotFound.
 *
 * Modelled: worksheets (getItem/OrNullObject, add, getActiveWorksheet, activate, visibility), ranges (load of
 * values/formulas/numberFormat/address…, writes, getCell, getRow, getResizedRange,
 * getIntersectionOrNullObject, getUsedRangeOrNullObject, getCellProperties, getRowProperties,
 * getMergedAreasOrNullObject with Excel's 512-area limit, select), conditional formats, settings,
 * workbook-scoped defined names (`workbook.names`: add, getItem/OrNullObject, formula, delete).
 * A batch that navigates from a null object fails with ItemNotFound (the stricter behaviour a
 * host may have). realisticAnnex.ts builds annex workbooks of any length.
 */
import { FakeExcelHost, type FakeRequestContext } from "./context";
import { FakeOfficeError } from "./errors";
import { buildWorkbook, type FakeWorkbookData } from "./model";

export { FakeExcelHost, FakeRequestContext, WEB_PAYLOAD_LIMIT } from "./context";
export type { FakeLimits, RangeWrite, SyncRecord } from "./context";
export { FakeOfficeError } from "./errors";
export type {
  FakeCell,
  FakeDefinedName,
  FakeCellData,
  FakeConditionalFormat,
  FakeContent,
  FakeSheetData,
  FakeWorkbookData,
  FakeSheetState,
  FakeSheetVisibility,
  FakeWorkbookState,
} from "./model";
export { parseInput, qualifiedAddress } from "./model";
export type { FakeActivatedArgs, FakeChangedArgs, FakeEventArgs } from "./events";
export { deleteRows, insertRows, userActivate, userEdit } from "./user";
export { hiddenSheetText } from "./inspect";

export function createFakeExcel(data: FakeWorkbookData): FakeExcelHost {
  return new FakeExcelHost(buildWorkbook(data));
}

/** The enum values of `Excel.ConditionalFormatType`. */
export const ConditionalFormatType = {
  custom: "Custom",
  dataBar: "DataBar",
  colorScale: "ColorScale",
  iconSet: "IconSet",
  topBottom: "TopBottom",
  presetCriteria: "PresetCriteria",
  containsText: "ContainsText",
  cellValue: "CellValue",
} as const;

/** The enum values of `Excel.SheetVisibility`. */
export const SheetVisibility = { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" } as const;

/** The Office globals the adapter touches, backed by one fake host. */
export function fakeOfficeGlobals(host: FakeExcelHost) {
  return {
    Excel: {
      run: <T>(
        first: FakeRequestContext | ((context: FakeRequestContext) => Promise<T>),
        second?: (context: FakeRequestContext) => Promise<T>,
      ) => host.run(first, second),
      ConditionalFormatType,
      SheetVisibility,
    },
    Office: {
      context: {
        displayLanguage: "vi-VN",
        requirements: { isSetSupported: (name: string, version?: string) => host.workbook.isSetSupported(name, version) },
      },
      HostType: { Excel: "Excel" },
      PlatformType: { OfficeOnline: "OfficeOnline" },
      /** Office.js is "ready" at once: Excel on the web, as the 5 MB limits of the host model it. */
      onReady: (callback?: (info: { host: string; platform: string }) => unknown) => {
        const info = { host: "Excel", platform: "OfficeOnline" };
        callback?.(info);
        return Promise.resolve(info);
      },
    },
    OfficeExtension: { Error: FakeOfficeError },
  };
}

/** Installs `Excel`, `Office` and `OfficeExtension` on the global object; returns the uninstaller. */
export function installFakeOffice(host: FakeExcelHost): () => void {
  const g = globalThis as Record<string, unknown>;
  const names = ["Excel", "Office", "OfficeExtension"] as const;
  const previous = names.map((n) => [n, Object.prototype.hasOwnProperty.call(g, n), g[n]] as const);
  const globals = fakeOfficeGlobals(host);
  for (const n of names) g[n] = globals[n];
  return () => {
    for (const [n, had, value] of previous) {
      if (had) g[n] = value;
      else delete g[n];
    }
  };
}

/** The fake context typed as Excel's, for calling the adapter. */
export function asExcelContext(context: FakeRequestContext): Excel.RequestContext {
  return context as unknown as Excel.RequestContext;
}

/** Runs a batch on a fresh context of the host, handing the adapter an `Excel.RequestContext`. */
export function runExcel<T>(host: FakeExcelHost, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return host.run((context) => batch(asExcelContext(context)));
}
