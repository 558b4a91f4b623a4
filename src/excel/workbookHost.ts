/**
 * The workflows' host port (src/app/ports.ts) on the Excel JavaScript API: the pane's side of
 * the one sync workflow, as src/xlsx/workbookHost.ts is the command line's.
 *
 * Round trips, whatever the row count:
 *  - `read`: the snapshot reader's syncs (two for an ordinary annex), with the state sheet's first
 *    rows, the role corrections, the profile, the connection and an older workbook's state setting
 *    queued into its first sync (see stateSheetStore.ts for when the state sheet costs one more);
 *  - `saveProgress`: one sync when it has keys to write — the engine calls it after planning and
 *    before the first list write, so a list item never carries a key the workbook lacks — and
 *    otherwise at most one every two seconds, with every write not yet made (a saved state whose
 *    base moved forward must find the pulled values in the cells, or they would be pushed back);
 *  - `commit`: one sync for the remaining cell writes, the hidden key column, the state sheet, the
 *    profile and the removal of an older workbook's state setting (more only past the 5 MB limit).
 */
import type { SheetSnapshot } from "../annex";
import type { RoleCorrection, WorkbookChange, WorkbookHost, WorkbookProgress, WorkbookRead } from "../app/ports";
import { isStateSheet, type KeyColumn, type SyncCellWrite, type SyncState } from "../sync";
import { listFieldsOf, planAndEstimate } from "../sync/liaison";
import { readSheet, type ReadOptions } from "./readSnapshot";
import { queueLoadSettings, type AnnexSettings } from "./settings";
import { queueStateSheetHead, readStateSheet, stateSheetWrites, type StateSheetInfo, type StateSheetKnowledge } from "./stateSheetStore";
import {
  applyWrites,
  cellWrites,
  hideColumnWrite,
  queueLoadSyncStore,
  SYNC_SETTING_KEYS,
  type QueuedWrite,
  type SyncProfile,
  type SyncStore,
} from "./syncAdapter";

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelHostOptions {
  run: ExcelRun;
  /** Shared with the pane's other calls: whether the state sheet exists, as last seen. */
  stateSheet: StateSheetKnowledge;
  read?: Omit<ReadOptions, "alongFirstSync">;
  /** Milliseconds between two progress saves without keys (default 2,000). */
  progressInterval?: number;
  clock?: () => number;
}

/** What the pane shows without reading the state: the list, the fields for the liaison view, the last sync. */
export function profileOf(change: WorkbookChange): SyncProfile {
  const fields = listFieldsOf(change.fields);
  return {
    v: 1,
    sheet: change.sheet,
    list: { ...change.state.list },
    keyColumn: change.keyColumn.letter,
    fields,
    ...planAndEstimate(fields),
    lastSync: change.state.lastSync,
  };
}

function correctionsOf(settings: AnnexSettings): RoleCorrection[] {
  const out: RoleCorrection[] = [];
  for (const [key, role] of Object.entries(settings.roleCorrections)) {
    const bang = key.lastIndexOf("!");
    if (bang > 0) out.push({ sheet: key.slice(0, bang), letter: key.slice(bang + 1), role });
  }
  return out;
}

const cellKey = (w: SyncCellWrite) => `${w.sheet}\u0000${w.row}:${w.column}`;
const writeSignature = (w: SyncCellWrite) => JSON.stringify([w.value, w.asText ?? false, w.numberFormat ?? null]);

export class ExcelWorkbookHost implements WorkbookHost {
  /** Excel syncs made through this host. */
  syncs = 0;
  /** Cells written in the synced sheet (keys, pulled values). */
  cellsWritten = 0;
  /** The profile and connection read with the snapshot, then the profile the commit saved. */
  store: SyncStore | null = null;
  private snapshots = new Map<string, SheetSnapshot>();
  private written = new Map<string, string>();
  private hidden = new Set<string>();
  private stateInfo: StateSheetInfo = { exists: false, lastRow: 0 };
  private legacyState = false;
  private lastSave: number;
  private readonly clock: () => number;

  constructor(private readonly options: ExcelHostOptions) {
    this.clock = options.clock ?? (() => Date.now());
    this.lastSave = this.clock();
  }

  async read(sheet: string | null): Promise<WorkbookRead> {
    const read = await this.options.run(async (context) => {
      const names = sheet !== null ? [sheet] : await this.sheetNames(context);
      const queued: { along?: { head: ReturnType<typeof queueStateSheetHead>; store: () => SyncStore; settings: () => AnnexSettings } } =
        {};
      let attempts = 0;
      const alongFirstSync = () => {
        attempts++;
        // A refused first sync is asked again without assuming the sheet is still there.
        const known = attempts === 1 && this.options.stateSheet.exists === true;
        queued.along = {
          head: queueStateSheetHead(context, known),
          store: queueLoadSyncStore(context, { legacyState: true }),
          settings: queueLoadSettings(context),
        };
      };
      const snapshots: SheetSnapshot[] = [];
      for (const [i, name] of names.entries()) {
        const report = await readSheet(context, context.workbook.worksheets.getItem(name), {
          ...this.options.read,
          alongFirstSync: i === 0 ? alongFirstSync : undefined,
        });
        this.syncs += report.syncs;
        snapshots.push(report.snapshot);
      }
      const along = queued.along;
      if (!along) throw new Error("the snapshot's first sync was not made");
      const stateRead = await readStateSheet(context, along.head());
      this.syncs += stateRead.syncs;
      return { snapshots, stateRead, store: along.store(), settings: along.settings() };
    });
    for (const s of read.snapshots) this.snapshots.set(s.sheet, s);
    this.stateInfo = read.stateRead.info;
    this.options.stateSheet.exists = read.stateRead.info.exists;
    this.store = read.store;
    const state = read.stateRead.state ?? read.store.legacyState;
    this.legacyState = read.store.legacyState !== null;
    return { snapshots: read.snapshots, state, corrections: correctionsOf(read.settings) };
  }

  async saveProgress(progress: WorkbookProgress): Promise<void> {
    const pending = this.pending(progress.writes);
    const keys = pending.some((w) => w.purpose === "key");
    if (!keys && this.clock() - this.lastSave < (this.options.progressInterval ?? 2000)) return;
    await this.write(progress.sheet, pending, progress.keyColumn, progress.state, []);
  }

  async commit(change: WorkbookChange): Promise<void> {
    const profile = profileOf(change);
    const settings: QueuedWrite = {
      bytes: 2 * JSON.stringify(profile).length,
      queue: (context) => {
        context.workbook.settings.add(SYNC_SETTING_KEYS.profile, profile);
        if (this.legacyState) context.workbook.settings.getItem(SYNC_SETTING_KEYS.legacyState).delete();
      },
    };
    await this.write(change.sheet, this.pending(change.writes), change.keyColumn, change.state, [settings]);
    this.legacyState = false;
    if (this.store) this.store = { ...this.store, legacyState: null, profile };
  }

  private pending(writes: SyncCellWrite[]): SyncCellWrite[] {
    return writes.filter((w) => this.written.get(cellKey(w)) !== writeSignature(w));
  }

  /** The cells, the key column, the state sheet and any extra writes, in as few syncs as the request limit allows. */
  private async write(sheet: string, cells: SyncCellWrite[], keyColumn: KeyColumn, state: SyncState, extra: QueuedWrite[]): Promise<void> {
    const writes = cellWrites(sheet, cells, this.snapshots.get(sheet) ?? null);
    const hideKeys = !keyColumn.existed && !this.hidden.has(sheet);
    if (hideKeys) writes.push(hideColumnWrite(sheet, { column: keyColumn.column, row: keyColumn.labelRow }));
    const stored = stateSheetWrites(state, this.stateInfo);
    writes.push(...stored.writes, ...extra);
    const syncs = await this.options.run((context) => applyWrites(context, writes));
    this.syncs += syncs;
    this.stateInfo = stored.after;
    this.options.stateSheet.exists = true;
    if (hideKeys) this.hidden.add(sheet);
    for (const w of cells) this.written.set(cellKey(w), writeSignature(w));
    this.cellsWritten += new Set(cells.filter((w) => w.sheet === sheet).map(cellKey)).size;
    this.lastSave = this.clock();
  }

  private async sheetNames(context: Excel.RequestContext): Promise<string[]> {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    this.syncs++;
    return sheets.items.map((s) => s.name).filter((name) => !isStateSheet(name));
  }
}
