/**
 * Reads a worksheet into the engine's SheetSnapshot.
 *
 * Syncs: one to learn the used range, then as few data syncs as the payload allows — one for any
 * sheet whose estimated response fits the per-sync budget (up to ~15,000 cells at the first
 * guess of 256 bytes a cell: every ordinary annex), more only when the payload itself is larger.
 * Excel on the web limits each request and each response to 5 MB, and the limit applies to a
 * whole sync (everything queued before it travels together), so no number of row chunks inside
 * one sync can read a sheet whose data is larger than 5 MB: the count has to grow with payload
 * size (about one sync per 3–4 MB of cell data), never with the row count as such.
 *
 * A bigger sheet is read as a sample (a quarter of the budget), then in syncs sized from the
 * bytes the sample actually took. Cell text cannot be sized before it is read, so when later
 * rows turn out much wordier and Excel refuses a response as too large, that sync is repeated
 * with a quarter of the rows (reads change nothing, so a repeat is safe) and the guess is never
 * lowered again in that read.
 *
 * Per data sync: row blocks of the used range, each with `values`, `formulas`, `numberFormat`
 * and per-cell bold/italic (`getCellProperties`, ExcelApi 1.9), all queued before the sync; the
 * first data sync also queues the merged areas of the whole used range (ExcelApi 1.13).
 */
import type { CellArea, CellValue, SheetSnapshot } from "../annex/snapshot";
import { areaAddress } from "../annex/snapshot";
import { parseQualifiedArea } from "./address";
import { errorCode, isPayloadTooLarge, SheetTooLargeError } from "./errors";
import { jsonBytes, SYNC_BUDGET_BYTES } from "./payload";
import { excelApiSupported } from "./requirements";

export interface ReadOptions {
  /** Read per-cell bold and italic (default: when ExcelApi 1.9 is supported). */
  styles?: boolean;
  /** Read merged areas (default: when ExcelApi 1.13 is supported). */
  merges?: boolean;
  /** Largest estimated response per sync, bytes (default 4,000,000, under the 5 MB limit). */
  maxBytesPerSync?: number;
  /** Refuse a used range larger than this many cells (default 2,000,000): a stray value far from the table. */
  maxCells?: number;
  /**
   * First guess of the response bytes per cell before any data has been seen: values and
   * formulas (~90 bytes each), number format and bold/italic (~70 bytes). After each sync it
   * becomes what the data turned out to need, plus a quarter. Default 256.
   */
  estimatedBytesPerCell?: number;
}

export interface ReadReport {
  snapshot: SheetSnapshot;
  /** Syncs this read made (1 for an empty sheet, 2 for an ordinary annex). */
  syncs: number;
  /** Data syncs repeated with smaller blocks after Excel refused a response as too large. */
  retries: number;
  /** False when merges were not read (API not supported, or Excel could not list them). */
  mergesRead: boolean;
}

const DEFAULT_BYTES_PER_CELL = 256;
const DEFAULT_MAX_CELLS = 2_000_000;
const MIN_BYTES_PER_CELL = 32;
/** Rows per range object: each block's estimated response stays under this. */
const BLOCK_BYTES = 1_000_000;
/** Excel reads at most 5,000,000 cells per range. */
const MAX_CELLS_PER_BLOCK = 1_000_000;
/** How much to trust a measured density: the rows not yet read may be wordier. */
const SAFETY = 1.25;
/** Codes that say nothing about the merged-areas query: never worth a retry without it. */
const NOT_MERGE_RELATED = new Set([
  "InvalidOperationInCellEditMode",
  "AccessDenied",
  "ItemNotFound",
  "RequestAborted",
  "ActivityLimitReached",
  "Conflict",
]);

export async function readSheetSnapshot(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  options: ReadOptions = {},
): Promise<SheetSnapshot> {
  return (await readSheet(context, sheet, options)).snapshot;
}

export async function readSheet(context: Excel.RequestContext, sheet: Excel.Worksheet, options: ReadOptions = {}): Promise<ReadReport> {
  sheet.load("name");
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("address,rowCount,columnCount");
  await context.sync();
  let syncs = 1;

  if (used.isNullObject) {
    return {
      snapshot: { sheet: sheet.name, top: 1, left: 1, values: [], formulas: [], numberFormats: [], bold: [], italic: [], merges: [] },
      syncs,
      retries: 0,
      mergesRead: false,
    };
  }

  const area = parseQualifiedArea(used.address).area;
  const columns = area.right - area.left + 1;
  const cells = used.rowCount * used.columnCount;
  if (cells > (options.maxCells ?? DEFAULT_MAX_CELLS)) throw new SheetTooLargeError(sheet.name, used.address, cells);
  const styles = options.styles ?? excelApiSupported("1.9");
  let wantMerges = options.merges ?? excelApiSupported("1.13");
  const budget = options.maxBytesPerSync ?? SYNC_BUDGET_BYTES;
  let perCell = options.estimatedBytesPerCell ?? DEFAULT_BYTES_PER_CELL;

  const grid = emptyGrids(area);
  let merges: CellArea[] = [];
  let mergesRead = false;
  let retries = 0;
  let first = true;
  let next = area.top;
  let readBytes = 0;
  let readCells = 0;
  let floor = MIN_BYTES_PER_CELL;

  while (next <= area.bottom) {
    const remaining = area.bottom - next + 1;
    // When the whole sheet will not fit one sync, the first sync reads a quarter-budget sample
    // whose measured density sizes the following syncs.
    const fitsAll = remaining * columns * perCell <= budget;
    const batchBudget = first && !fitsAll ? budget / 4 : budget;
    const batchRows = Math.min(remaining, Math.max(1, Math.floor(batchBudget / (columns * perCell))));
    const blockRows = Math.max(1, Math.min(Math.floor(BLOCK_BYTES / (columns * perCell)), Math.floor(MAX_CELLS_PER_BLOCK / columns)));

    const blocks: LoadedBlock[] = [];
    for (let top = next; top < next + batchRows; top += blockRows) {
      const blockArea: CellArea = { top, left: area.left, bottom: Math.min(next + batchRows - 1, top + blockRows - 1), right: area.right };
      blocks.push(queueBlock(sheet, blockArea, styles));
    }
    const mergedAreas = first && wantMerges ? queueMerges(sheet, area) : null;

    try {
      await context.sync();
      syncs++;
    } catch (error) {
      syncs++;
      if (isPayloadTooLarge(error) && batchRows > 1) {
        perCell *= 4; // a quarter of the rows next time: one refusal, not a string of them
        floor = perCell; // and never guess lower again in this read
        retries++;
        continue;
      }
      if (mergedAreas && !NOT_MERGE_RELATED.has(errorCode(error))) {
        // getMergedAreasOrNullObject fails past 512 areas: read the data without merges.
        wantMerges = false;
        retries++;
        continue;
      }
      throw error;
    }

    if (mergedAreas) {
      merges = mergedAreas.isNullObject ? [] : mergedAreas.areas.items.map((r) => parseQualifiedArea(r.address).area);
      mergesRead = true;
    }
    let bytes = 0;
    for (const block of blocks) bytes += storeBlock(grid, area, block, styles);
    // Size the next syncs from what the data turned out to need (the wordier of this batch and
    // everything so far); a guess that proves too low costs one refused sync, then halves.
    readBytes += bytes;
    readCells += batchRows * columns;
    perCell = Math.max(floor, Math.max(bytes / (batchRows * columns), readBytes / readCells) * SAFETY);
    next += batchRows;
    first = false;
  }

  return {
    snapshot: {
      sheet: sheet.name,
      top: area.top,
      left: area.left,
      values: grid.values,
      formulas: grid.formulas,
      numberFormats: grid.numberFormats,
      bold: grid.bold,
      italic: grid.italic,
      merges,
    },
    syncs,
    retries,
    mergesRead,
  };
}

interface LoadedBlock {
  area: CellArea;
  range: Excel.Range;
  props: OfficeExtension.ClientResult<Excel.CellProperties[][]> | null;
}

function queueBlock(sheet: Excel.Worksheet, area: CellArea, styles: boolean): LoadedBlock {
  const range = sheet.getRange(areaAddress(area));
  range.load("values,formulas,numberFormat");
  const props = styles ? range.getCellProperties({ format: { font: { bold: true, italic: true } } }) : null;
  return { area, range, props };
}

function queueMerges(sheet: Excel.Worksheet, used: CellArea): Excel.RangeAreas {
  // Over the whole used range: a merge is only reported in a range that holds its top-left cell.
  const merged = sheet.getRange(areaAddress(used)).getMergedAreasOrNullObject();
  merged.load("areas/items/address");
  return merged;
}

interface Grids {
  values: CellValue[][];
  formulas: string[][];
  numberFormats: string[][];
  bold: boolean[][];
  italic: boolean[][];
}

function emptyGrids(area: CellArea): Grids {
  const rows = area.bottom - area.top + 1;
  const make = <T>() => Array.from({ length: rows }, () => [] as T[]);
  return { values: make(), formulas: make(), numberFormats: make(), bold: make(), italic: make() };
}

/** Copies one block into the grids; returns the block's response size in bytes. */
function storeBlock(grid: Grids, used: CellArea, block: LoadedBlock, styles: boolean): number {
  const values = block.range.values as unknown[][];
  const formulas = block.range.formulas as unknown[][];
  const formats = block.range.numberFormat as unknown[][];
  const props = block.props ? block.props.value : null;
  for (let r = 0; r < values.length; r++) {
    const row = block.area.top - used.top + r;
    for (let c = 0; c < values[r].length; c++) {
      const value = toCellValue(values[r][c]);
      grid.values[row][c] = value;
      grid.formulas[row][c] = formulaText(formulas[r][c], value);
      const nf = formats[r][c];
      grid.numberFormats[row][c] = typeof nf === "string" && nf !== "" ? nf : "General";
      const font = styles && props ? props[r][c]?.format?.font : undefined;
      grid.bold[row][c] = font?.bold === true;
      grid.italic[row][c] = font?.italic === true;
    }
  }
  return jsonBytes(values) + jsonBytes(formulas) + jsonBytes(formats) + (props ? jsonBytes(props) : 0);
}

function toCellValue(v: unknown): CellValue {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

/**
 * The formula of a formula cell, else "". `Range.formulas` reports a text cell's text, and a
 * text typed as '=… (quote-prefixed) comes back starting with "=" too; its value then equals
 * that text, where a real formula's value is its result.
 */
function formulaText(f: unknown, value: CellValue): string {
  if (typeof f !== "string" || !f.startsWith("=")) return "";
  if (typeof value === "string" && value === f) return "";
  return f;
}
