/**
 * Backup and restore of a data folder (`lists.sqlite`).
 *
 * - backup: SQLite's online backup through a second connection (better-sqlite3 `db.backup()`),
 *   so a running server keeps reading and writing; the copy is checked (`integrity_check`).
 * - restore: only while no server uses the folder (the server keeps `server.lock` with its pid);
 *   the current database is kept beside it as `lists.sqlite.before-restore-<time>`.
 */
import Database from "better-sqlite3";
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const DB_FILE = "lists.sqlite";
const LOCK_FILE = "server.lock";

export interface BackupReport {
  file: string;
  bytes: number;
  lists: number;
  items: number;
}

/** An error whose message is one line, Vietnamese then English. */
export class DataFolderError extends Error {
  constructor(vi: string, en: string) {
    super(`${vi} / ${en}`);
    this.name = "DataFolderError";
  }
}

function counts(file: string): { lists: number; items: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new DataFolderError(`Bản sao lỗi: ${String(check)}`, `The copy is damaged: ${String(check)}`);
    const lists = (db.prepare("SELECT count(*) AS n FROM lists").get() as { n: number }).n;
    const items = (db.prepare("SELECT count(*) AS n FROM items WHERE deleted = 0").get() as { n: number }).n;
    return { lists, items };
  } finally {
    db.close();
  }
}

/** Copy the database of `dataDir` into `outDir` (created if needed; it must not hold a database yet). */
export async function backupDataDir(dataDir: string, outDir: string): Promise<BackupReport> {
  const source = join(dataDir, DB_FILE);
  if (!existsSync(source)) {
    throw new DataFolderError(`Không có cơ sở dữ liệu trong ${dataDir}`, `No database in ${dataDir}`);
  }
  const file = join(outDir, DB_FILE);
  if (existsSync(file)) {
    throw new DataFolderError(`${file} đã có: chọn thư mục khác`, `${file} already exists: choose another folder`);
  }
  mkdirSync(outDir, { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    await db.backup(file);
  } finally {
    db.close();
  }
  return { file, bytes: statSync(file).size, ...counts(file) };
}

// ------------------------------------------------------------------ the server's lock

/** Mark `dataDir` as used by this process (removed by `releaseDataDir`). */
export function claimDataDir(dataDir: string, url: string): void {
  writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid: process.pid, url, since: new Date().toISOString() }));
}

export function releaseDataDir(dataDir: string): void {
  rmSync(join(dataDir, LOCK_FILE), { force: true });
}

/** The running server that holds `dataDir`, or null (a lock left by a crashed server is ignored). */
export function dataDirHolder(dataDir: string): { pid: number; url: string } | null {
  let lock: { pid?: unknown; url?: unknown };
  try {
    lock = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), "utf8")) as typeof lock;
  } catch {
    return null;
  }
  if (typeof lock.pid !== "number") return null;
  try {
    process.kill(lock.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return null;
  }
  return { pid: lock.pid, url: typeof lock.url === "string" ? lock.url : "" };
}

// ------------------------------------------------------------------ restore

/** Put the backup in `backupDir` back as the database of `dataDir`. Returns where the old one was kept. */
export function restoreDataDir(backupDir: string, dataDir: string, now: Date = new Date()): { keptAs: string | null } {
  const holder = dataDirHolder(dataDir);
  if (holder) {
    throw new DataFolderError(
      `Máy chủ (pid ${holder.pid}) đang dùng ${dataDir}: hãy dừng nó trước khi khôi phục`,
      `A server (pid ${holder.pid}) is using ${dataDir}: stop it before restoring`,
    );
  }
  const source = join(backupDir, DB_FILE);
  if (!existsSync(source)) throw new DataFolderError(`Không có bản sao trong ${backupDir}`, `No backup in ${backupDir}`);
  counts(source);
  mkdirSync(dataDir, { recursive: true });
  const target = join(dataDir, DB_FILE);
  let keptAs: string | null = null;
  if (existsSync(target)) {
    // Fold the write-ahead log into the file first, so the kept copy is complete on its own.
    const old = new Database(target, { fileMustExist: true });
    old.pragma("wal_checkpoint(TRUNCATE)");
    old.close();
    keptAs = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, "-")}`;
    renameSync(target, keptAs);
  }
  for (const suffix of ["-wal", "-shm"]) rmSync(target + suffix, { force: true });
  copyFileSync(source, target);
  return { keptAs };
}
