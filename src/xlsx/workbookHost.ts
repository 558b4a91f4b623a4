/**
 * The workflows' host port over an .xlsx file (the command line). The input is never modified:
 * the synced workbook goes to an output file, written whole at the end (temp file, then rename,
 * so an interrupted write never leaves half a workbook).
 *
 * Progress mid-sync goes to a small sidecar beside the output (`OUT.xlsx.dong-bo.json`): the state
 * and the cell writes so far (the keys the list now knows, the values pulled into the base). The
 * next run of the same command (same input file, unchanged, same list) applies them before it
 * reads the sheet, so it resumes exactly where the last one stopped; the sidecar is removed once
 * a sync ends with nothing left to send. A stale sidecar (the input changed since) is ignored:
 * the rows are then matched to the list's items by identity, which also never duplicates.
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type ExcelJS from "exceljs";
import type { WorkbookChange, WorkbookHost, WorkbookProgress, WorkbookRead } from "../app/ports";
import { isStateSheet, parseState, serializeState, type SyncCellWrite, type SyncState } from "../sync";
import { sheetSnapshot } from "./readWorkbook";
import { applySyncWrites, readSyncState, writeSyncState } from "./syncStore";

interface Sidecar {
  v: 1;
  input: { path: string; size: number; mtimeMs: number };
  list: string;
  state: string;
  writes: SyncCellWrite[];
}

export interface XlsxHostOptions {
  input: string;
  output: string;
  /** The list URL as given: a sidecar of another list is not resumed. */
  list: string;
}

/** The reading half of the host, for the check: every sheet but the state sheet, and the state. */
export function xlsxReader(workbook: ExcelJS.Workbook): Pick<WorkbookHost, "read"> {
  return {
    async read(sheet: string | null): Promise<WorkbookRead> {
      const snapshots = workbook.worksheets.filter((w) => !isStateSheet(w.name) && (sheet === null || w.name === sheet)).map(sheetSnapshot);
      return { snapshots, state: readSyncState(workbook), corrections: [] };
    },
  };
}

export class XlsxWorkbookHost implements WorkbookHost {
  /** A sidecar of an interrupted run was applied. */
  resumed = false;
  private resumedState: SyncState | null = null;

  constructor(
    private readonly workbook: ExcelJS.Workbook,
    private readonly options: XlsxHostOptions,
  ) {
    this.resumeFromSidecar();
  }

  get sidecarPath(): string {
    return `${this.options.output}.dong-bo.json`;
  }

  async read(sheet: string | null): Promise<WorkbookRead> {
    const read = await xlsxReader(this.workbook).read(sheet);
    return { ...read, state: this.resumedState ?? read.state };
  }

  async saveProgress(progress: WorkbookProgress): Promise<void> {
    const sidecar: Sidecar = {
      v: 1,
      input: this.inputIdentity(),
      list: this.options.list,
      state: serializeState(progress.state),
      writes: progress.writes,
    };
    writeAtomically(this.sidecarPath, JSON.stringify(sidecar));
  }

  async commit(change: WorkbookChange): Promise<void> {
    applySyncWrites(this.workbook, change.writes, change.keyColumn, change.sheet);
    // Pulled figures feed formula columns whose cached results are now stale: recompute on open.
    if (change.writes.some((w) => w.purpose === "pull")) this.workbook.calcProperties.fullCalcOnLoad = true;
    writeSyncState(this.workbook, change.state);
    const buffer = Buffer.from(await this.workbook.xlsx.writeBuffer());
    writeAtomically(this.options.output, buffer);
    if (change.state.outbox.length === 0) rmSync(this.sidecarPath, { force: true });
    else await this.saveProgress(change);
  }

  private inputIdentity(): Sidecar["input"] {
    const stat = statSync(this.options.input);
    return { path: path.resolve(this.options.input), size: stat.size, mtimeMs: stat.mtimeMs };
  }

  private resumeFromSidecar(): void {
    if (!existsSync(this.sidecarPath)) return;
    let sidecar: Sidecar;
    try {
      sidecar = JSON.parse(readFileSync(this.sidecarPath, "utf8")) as Sidecar;
    } catch {
      return;
    }
    const now = this.inputIdentity();
    const same =
      sidecar.v === 1 &&
      sidecar.list === this.options.list &&
      sidecar.input?.path === now.path &&
      sidecar.input.size === now.size &&
      sidecar.input.mtimeMs === now.mtimeMs;
    const state = same ? parseState(sidecar.state) : null;
    if (!state) return;
    // The cells as the interrupted run left them in memory: its keys and pulled values.
    applySyncWrites(this.workbook, sidecar.writes);
    this.resumedState = state;
    this.resumed = true;
  }
}

function writeAtomically(file: string, data: string | Buffer): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  writeFileSync(temp, data);
  renameSync(temp, file);
}
