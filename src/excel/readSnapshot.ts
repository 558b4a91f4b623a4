/**
 * Reads a worksheet into the engine's SheetSnapshot in as few syncs as the payload allows.
 *
 * Excel on the web limits each request and each response to 5 MB, and the limit applies to a
 * whole sync (everything queued before it travels together), so the number of syncs has to follow
 * the payload size — never the row count as such. Cell text cannot be sized before it is read, so
 * the first sync measures it:
 *
 *  1. **Shape and sample** (one sync, nothing sized yet): the used range's address; the values,
 *     formulas and number formats of its first 100 rows (title, header band, number row and the
 *     first data rows — kept, and used to size what follows; on a sheet wider than 64 columns
 *     only its first 64 are sampled, to measure); the bold state of every row (`getRowProperties`,
 *     ~35 bytes a row: true, false, or null when the row is mixed); the merged areas anchored in
 *     the first 100 rows (ExcelApi 1.13); and whatever the caller queues with `alongFirstSync`
 *     (the service reads its settings there).
 *  2. **The rest** in syncs sized from the sample's measured bytes per cell: values, formulas and
 *     number formats of the rows after the sample; per-cell bold (`getCellProperties`) only for
 *     the rows whose bold is mixed — in an annex, the section rows; and the merged areas by chunks
 *     of ~900 cells. An annex of 5,000 rows × 9 columns (~2 MB) takes one such sync; only a larger
 *     payload takes more.
 *
 * So a 50-row annex and a 5,000-row one are both read in two syncs (a small sheet whose rows are
 * all plainly bold or not is read in one). The engine reads bold only; italic is not read.
 *
 * Merged areas: `getMergedAreasOrNullObject` reports a merge in a range that holds its top-left
 * cell and fails past 512 areas. A long annex easily has more (a lead department merged down over
 * every item's sub-items), so it is asked row chunk by row chunk: each merge is reported once, by
 * the chunk holding its top-left cell, and since a merge covers two cells or more and no cell
 * belongs to two merges, a chunk of ~900 cells stays well under 512.
 *
 * Safety nets, each costing a sync only when it is needed:
 *  - sizes are re-measured after every sync, from the densest block read (a wordy part of the
 *    sheet is not averaged away by a terse one);
 *  - when Excel still refuses a response as too large, that sync is repeated with at most a
 *    quarter of its rows (reads change nothing, so a repeat is safe) and the guess never drops
 *    back in that read;
 *  - when a merged-areas query fails anyway (an older build; merges reaching past the used
 *    range), the sync is repeated without merges and `mergesRead` is false (those found are kept);
 *  - when the first sync fails (a used range at the very bottom of the grid, an empty sheet on
 *    hosts that refuse methods on a null object), it is repeated without the merged areas, then
 *    with the used range alone; sizes then start from a first guess of 256 bytes a cell and a
 *    quarter-budget first batch.
 */
import type { CellArea, CellValue, SheetSnapshot } from "../annex/snapshot";
import { areaAddress } from "../annex/snapshot";
import { parseQualifiedArea } from "./address";
import { errorCode, isPayloadTooLarge, SheetTooLargeError } from "./errors";
import { jsonBytes, PAYLOAD_LIMIT_BYTES, SYNC_BUDGET_BYTES } from "./payload";
import { excelApiSupported } from "./requirements";

export interface ReadOptions {
  /** Read bold (default: when ExcelApi 1.9 is supported). */
  styles?: boolean;
  /** Read merged areas (default: when ExcelApi 1.13 is supported). */
  merges?: boolean;
  /** Largest estimated response per sync, bytes (default 4,000,000, under the 5 MB limit). */
  maxBytesPerSync?: number;
  /** Refuse a used range larger than this many cells (default 2,000,000): a stray value far from the table. */
  maxCells?: number;
  /** Rows read as the sample in the first sync (default 100; 0 reads no sample). */
  sampleRows?: number;
  /**
   * Bytes a cell is guessed to take when no sample could be read: values and formulas (~90 bytes
   * each), number format and bold (~70 bytes). Default 256.
   */
  estimatedBytesPerCell?: number;
  /**
   * Queues the caller's own loads into the first sync (settings, sheet ids…), so they cost no
   * sync of their own. Called again if that sync has to be repeated: read the results only after
   * `readSheet` returns.
   */
  alongFirstSync?: () => void;
}

export interface ReadReport {
  snapshot: SheetSnapshot;
  /** Syncs this read made: 2 for an ordinary annex; 1 for an empty sheet (2 on hosts that refuse methods on its null used range). */
  syncs: number;
  /** Syncs repeated after Excel refused them (too large, merged areas unreadable…). */
  retries: number;
  /** False when merges were not (all) read: API not supported, or Excel could not list them (those found are kept). */
  mergesRead: boolean;
  /** Rows read in the first sync as the sample (0 when none could be). */
  sampleRows: number;
}

const DEFAULT_SAMPLE_ROWS = 100;
/** Columns of the sample: wider sheets are sampled, not read, in the first sync. */
const SAMPLE_COLUMNS = 64;
const DEFAULT_BYTES_PER_CELL = 256;
const DEFAULT_MAX_CELLS = 2_000_000;
const MIN_BYTES_PER_CELL = 16;
/** `{"format":{"font":{"bold":false}}},` — what one cell's bold costs in a response. */
const BOLD_BYTES_PER_CELL = 36;
/** Rows whose bold is read row by row in the first sync (~35 bytes each: 700 KB at most). */
const ROW_PROPERTY_ROWS = 20_000;
/** Rows per range object: each block's estimated response stays under this. */
const BLOCK_BYTES = 500_000;
/** Excel reads at most 5,000,000 cells per range; stay well below. */
const MAX_CELLS_PER_BLOCK = 1_000_000;
/** Cells per merged-areas query (see mergeChunkRows). */
const MERGE_CHUNK_CELLS = 900;
/** Response bytes a row's merged areas are guessed to take. */
const MERGE_BYTES_PER_ROW = 40;
/** Request bytes of one queued operation (path, method, arguments). */
const OPERATION_BYTES = 300;
/** How much to trust a measured density: the rows not yet read may be wordier. */
const SAFETY = 1.2;
/** Codes that say nothing about what was queued: retrying without it would not help. */
const FATAL = new Set([
  "InvalidOperationInCellEditMode",
  "InvalidOperation",
  "AccessDenied",
  "RequestAborted",
  "ActivityLimitReached",
  "TooManyIncompleteRequests",
  "Conflict",
]);

export async function readSheetSnapshot(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  options: ReadOptions = {},
): Promise<SheetSnapshot> {
  return (await readSheet(context, sheet, options)).snapshot;
}

interface FirstSyncPlan {
  sample: boolean;
  rowBold: boolean;
  merges: boolean;
}

interface FirstSyncQueued {
  used: Excel.Range;
  sample: Excel.Range | null;
  rowBold: OfficeExtension.ClientResult<Excel.RowProperties[]> | null;
  merged: Excel.RangeAreas | null;
}

function queueFirstSync(sheet: Excel.Worksheet, plan: FirstSyncPlan, sampleRows: number, options: ReadOptions): FirstSyncQueued {
  sheet.load("name");
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("address,rowCount,columnCount");
  // The first rows of the used range, without knowing yet where it ends: its first row grown
  // downwards, cut back to the used range.
  const firstRows = (n: number) => used.getIntersectionOrNullObject(used.getRow(0).getResizedRange(n - 1, 0));
  let sample: Excel.Range | null = null;
  if (plan.sample) {
    // At most SAMPLE_COLUMNS wide, so that a stray value far to the right cannot make it huge.
    sample = used.getIntersectionOrNullObject(used.getCell(0, 0).getResizedRange(sampleRows - 1, SAMPLE_COLUMNS - 1));
    sample.load("address,values,formulas,numberFormat");
  }
  const rowBold = plan.rowBold ? firstRows(ROW_PROPERTY_ROWS).getRowProperties({ format: { font: { bold: true } } }) : null;
  // The merges anchored in the sample's rows (full width); the rest are read by row chunks later.
  const merged = plan.merges ? queueMerges(firstRows(Math.max(1, sampleRows))) : null;
  options.alongFirstSync?.();
  return { used, sample, rowBold, merged };
}

export async function readSheet(context: Excel.RequestContext, sheet: Excel.Worksheet, options: ReadOptions = {}): Promise<ReadReport> {
  const styles = options.styles ?? excelApiSupported("1.9");
  const wantMerges = options.merges ?? excelApiSupported("1.13");
  const sampleRows = Math.max(0, Math.floor(options.sampleRows ?? DEFAULT_SAMPLE_ROWS));
  const budget = options.maxBytesPerSync ?? SYNC_BUDGET_BYTES;
  let syncs = 0;
  let retries = 0;

  // 1. Shape and sample.
  const plan: FirstSyncPlan = { sample: sampleRows > 0, rowBold: styles, merges: wantMerges };
  let first: FirstSyncQueued;
  for (;;) {
    first = queueFirstSync(sheet, plan, sampleRows, options);
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- a retry with less, only after Excel refused the first read
      await context.sync();
      syncs++;
      break;
    } catch (error) {
      syncs++;
      const code = errorCode(error);
      const extras = plan.sample || plan.rowBold || plan.merges;
      if (FATAL.has(code) || !extras) throw error;
      retries++;
      if (isPayloadTooLarge(error) || code === "ItemNotFound" || !plan.merges) {
        // Too large, or the used range could not be navigated: the used range alone.
        plan.sample = plan.rowBold = plan.merges = false;
      } else {
        // Most likely the merged areas (past 512 in the first rows of a wide sheet): without them
        // now; the data syncs ask for them in smaller chunks.
        plan.merges = false;
      }
    }
  }

  const { used } = first;
  if (used.isNullObject) {
    return {
      snapshot: { sheet: sheet.name, top: 1, left: 1, values: [], formulas: [], numberFormats: [], bold: [], merges: [] },
      syncs,
      retries,
      mergesRead: false,
      sampleRows: 0,
    };
  }

  const area = parseQualifiedArea(used.address).area;
  const columns = area.right - area.left + 1;
  const rowCount = area.bottom - area.top + 1;
  const cells = used.rowCount * used.columnCount;
  if (cells > (options.maxCells ?? DEFAULT_MAX_CELLS)) throw new SheetTooLargeError(sheet.name, used.address, cells);

  let mergesFailed = !wantMerges;
  const grid = emptyGrids(area);
  const merges = new Map<string, CellArea>();
  const addMerges = (found: CellArea[]) => found.forEach((m) => merges.set(areaAddress(m), m));
  // Rows whose merged areas have been asked for (a merge is reported by the rows holding its top-left cell).
  const mergesDone: boolean[] = new Array(rowCount).fill(!wantMerges);
  if (first.merged) {
    addMerges(readMerges(first.merged));
    for (let r = 0; r < Math.min(rowCount, Math.max(1, sampleRows)); r++) mergesDone[r] = true;
  }

  // What the sample holds, and what it says a cell costs.
  let sampled = 0;
  let perCell = options.estimatedBytesPerCell ?? DEFAULT_BYTES_PER_CELL;
  let calibrated = false;
  if (first.sample && !first.sample.isNullObject) {
    const sampleArea = parseQualifiedArea(first.sample.address).area;
    const sampleCells = (sampleArea.bottom - sampleArea.top + 1) * (sampleArea.right - sampleArea.left + 1);
    if (sampleArea.top === area.top && sampleArea.left === area.left && sampleArea.right === area.right) {
      // Whole rows: kept.
      const bytes = storeData(grid, area, sampleArea, first.sample);
      sampled = sampleArea.bottom - sampleArea.top + 1;
      perCell = Math.max(MIN_BYTES_PER_CELL, (bytes / sampleCells) * SAFETY);
    } else {
      // A sheet wider than the sample: it only measures.
      const bytes = jsonBytes(first.sample.values) + jsonBytes(first.sample.formulas) + jsonBytes(first.sample.numberFormat);
      perCell = Math.max(MIN_BYTES_PER_CELL, (bytes / sampleCells) * SAFETY);
    }
    calibrated = true;
  }

  // Rows whose bold is known from the row properties; the others need per-cell bold.
  const boldKnown: boolean[] = new Array(rowCount).fill(!styles);
  if (!styles) for (let r = 0; r < rowCount; r++) grid.bold[r] = new Array(columns).fill(false);
  if (first.rowBold) {
    first.rowBold.value.forEach((props, i) => {
      const bold = props?.format?.font?.bold;
      if (i < rowCount && (bold === true || bold === false)) {
        grid.bold[i] = new Array(columns).fill(bold);
        boldKnown[i] = true;
      }
    });
  }

  // 2. The rest.
  const dataDone: boolean[] = new Array(rowCount).fill(false);
  for (let r = 0; r < sampled; r++) dataDone[r] = true;
  const needsData = (row: number) => !dataDone[row - area.top];
  const needsBold = (row: number) => !boldKnown[row - area.top];
  const needsMerges = (row: number) => !mergesDone[row - area.top];
  let perBoldCell = BOLD_BYTES_PER_CELL * SAFETY;
  let floor = MIN_BYTES_PER_CELL;
  let boldFloor = perBoldCell;
  let firstData = true;
  let readBytes = 0;
  let readCells = 0;
  let next = area.top;

  // A mixed row may be a run of its own: one more operation.
  const rowCost = (row: number) =>
    (needsData(row) ? columns * perCell : 0) +
    (needsBold(row) ? columns * perBoldCell + OPERATION_BYTES : 0) +
    (needsMerges(row) ? MERGE_BYTES_PER_ROW : 0);
  const skipDone = () => {
    while (next <= area.bottom && !needsData(next) && !needsBold(next) && !needsMerges(next)) next++;
  };

  skipDone();
  while (next <= area.bottom) {
    // Rows for this sync: a quarter of the budget for the first one when nothing has been measured.
    let total = 0;
    if (!calibrated && firstData) for (let r = next; r <= area.bottom; r++) total += rowCost(r);
    const batchBudget = !calibrated && firstData && total > budget ? budget / 4 : budget;
    let end = next - 1;
    let estimate = 0;
    for (let r = next; r <= area.bottom; r++) {
      const cost = rowCost(r);
      if (end >= next && estimate + cost > batchBudget) break;
      estimate += cost;
      end = r;
    }

    const dataBlocks = queueRuns(sheet, area, next, end, needsData, columns * perCell, (a, range) => {
      range.load("values,formulas,numberFormat");
      return { area: a, range };
    });
    const boldBlocks = queueRuns(sheet, area, next, end, needsBold, columns * perBoldCell, (a, range) => ({
      area: a,
      props: range.getCellProperties({ format: { font: { bold: true } } }),
    }));
    // Merged areas by chunks small enough never to pass Excel's 512 areas per call.
    const mergeChunks = queueRuns(sheet, area, next, end, needsMerges, 0, (_, range) => queueMerges(range), mergeChunkRows(columns));

    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per block of rows sized to the response budget; a refused block is split, not retried whole
      await context.sync();
      syncs++;
    } catch (error) {
      syncs++;
      const batchCells = Math.max(1, (end - next + 1) * columns);
      if (isPayloadTooLarge(error) && end > next) {
        // At most a quarter of the rows next time: one refusal, not a string of them. The cells
        // just refused took more than the limit, which bounds their true size from below.
        perCell = Math.max(perCell * 4, (2 * PAYLOAD_LIMIT_BYTES) / batchCells);
        perBoldCell *= 4;
        floor = perCell;
        boldFloor = perBoldCell;
        retries++;
        continue;
      }
      if (mergeChunks.length && !FATAL.has(errorCode(error))) {
        // getMergedAreasOrNullObject failed (past 512 areas, or an older build): read the data without merges.
        mergesDone.fill(true);
        mergesFailed = true;
        retries++;
        continue;
      }
      throw error;
    }

    for (const chunk of mergeChunks) addMerges(readMerges(chunk));
    // Size the next syncs from what the data turned out to need: the densest block of this sync
    // or the average so far, whichever is larger; never below a size Excel has refused.
    let densest = 0;
    for (const block of dataBlocks) {
      const bytes = storeData(grid, area, block.area, block.range);
      const blockCells = (block.area.bottom - block.area.top + 1) * columns;
      densest = Math.max(densest, bytes / blockCells);
      readBytes += bytes;
      readCells += blockCells;
    }
    let boldDensest = 0;
    for (const block of boldBlocks) {
      const bytes = storeBold(grid, area, block.area, block.props.value);
      boldDensest = Math.max(boldDensest, bytes / ((block.area.bottom - block.area.top + 1) * columns));
    }
    if (dataBlocks.length) {
      perCell = Math.max(floor, Math.max(densest, readBytes / readCells) * SAFETY);
      calibrated = true;
    }
    if (boldBlocks.length) perBoldCell = Math.max(boldFloor, boldDensest * SAFETY);
    for (let r = next; r <= end; r++) dataDone[r - area.top] = boldKnown[r - area.top] = mergesDone[r - area.top] = true;
    next = end + 1;
    firstData = false;
    skipDone();
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
      merges: [...merges.values()],
    },
    syncs,
    retries,
    mergesRead: wantMerges && !mergesFailed,
    sampleRows: sampled,
  };
}

/**
 * Queues one range object per run of consecutive rows in [from, to] that `wanted` selects, each
 * run split so that no block passes BLOCK_BYTES (at `rowBytes` a row) or MAX_CELLS_PER_BLOCK.
 */
function queueRuns<T>(
  sheet: Excel.Worksheet,
  used: CellArea,
  from: number,
  to: number,
  wanted: (row: number) => boolean,
  rowBytes: number,
  queue: (area: CellArea, range: Excel.Range) => T,
  maxRows = Infinity,
): T[] {
  const columns = used.right - used.left + 1;
  const blockRows = Math.max(
    1,
    Math.min(Math.floor(BLOCK_BYTES / Math.max(1, rowBytes)), Math.floor(MAX_CELLS_PER_BLOCK / columns), maxRows),
  );
  const out: T[] = [];
  let r = from;
  while (r <= to) {
    if (!wanted(r)) {
      r++;
      continue;
    }
    let end = r;
    while (end + 1 <= to && wanted(end + 1) && end + 1 - r < blockRows) end++;
    const area: CellArea = { top: r, left: used.left, bottom: end, right: used.right };
    out.push(queue(area, sheet.getRange(areaAddress(area))));
    r = end + 1;
  }
  return out;
}

/**
 * Rows per merged-areas query: each merged area covers at least two cells and no cell belongs to
 * two of them, so a chunk of ~900 cells holds far fewer than 512 top-left cells.
 */
function mergeChunkRows(columns: number): number {
  return Math.max(1, Math.floor(MERGE_CHUNK_CELLS / columns));
}

function queueMerges(range: Excel.Range): Excel.RangeAreas {
  // Excel reports a merge in a range that holds its top-left cell (and fails past 512 areas).
  const merged = range.getMergedAreasOrNullObject();
  merged.load("areas/items/address");
  return merged;
}

function readMerges(merged: Excel.RangeAreas): CellArea[] {
  return merged.isNullObject ? [] : merged.areas.items.map((r) => parseQualifiedArea(r.address).area);
}

interface Grids {
  values: CellValue[][];
  formulas: string[][];
  numberFormats: string[][];
  bold: boolean[][];
}

function emptyGrids(area: CellArea): Grids {
  const rows = area.bottom - area.top + 1;
  const make = <T>() => Array.from({ length: rows }, () => [] as T[]);
  return { values: make(), formulas: make(), numberFormats: make(), bold: make() };
}

/** Copies the values, formulas and number formats of `block` into the grids; returns their response bytes. */
function storeData(grid: Grids, used: CellArea, block: CellArea, range: Excel.Range): number {
  const values = range.values as unknown[][];
  const formulas = range.formulas as unknown[][];
  const formats = range.numberFormat as unknown[][];
  for (let r = 0; r < values.length; r++) {
    const row = block.top - used.top + r;
    const vRow: CellValue[] = (grid.values[row] = new Array(values[r].length));
    const fRow: string[] = (grid.formulas[row] = new Array(values[r].length));
    const nRow: string[] = (grid.numberFormats[row] = new Array(values[r].length));
    for (let c = 0; c < values[r].length; c++) {
      const value = toCellValue(values[r][c]);
      vRow[c] = value;
      fRow[c] = formulaText(formulas[r][c], value);
      const nf = formats[r][c];
      nRow[c] = typeof nf === "string" && nf !== "" ? nf : "General";
    }
  }
  return jsonBytes(values) + jsonBytes(formulas) + jsonBytes(formats);
}

/** Copies per-cell bold into the grid; returns its response bytes. */
function storeBold(grid: Grids, used: CellArea, block: CellArea, props: Excel.CellProperties[][]): number {
  for (let r = 0; r < props.length; r++) {
    grid.bold[block.top - used.top + r] = props[r].map((p) => p?.format?.font?.bold === true);
  }
  return jsonBytes(props);
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
