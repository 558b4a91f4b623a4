/**
 * Where --fix writes: never onto the workbook it reads (compared by real path and by file identity,
 * so a symlink, a hard link or a path differing only in case cannot reach the original), and
 * atomically (a temporary file beside the target, then a rename), so an interrupted run never
 * leaves half a workbook behind.
 */
import fs from "node:fs";
import path from "node:path";
import { bilingual } from "../../messages";

export class OutputFileError extends Error {}

export function checkOutputFile(input: string, output: string): void {
  const folder = path.dirname(path.resolve(output));
  if (!isDirectory(folder)) {
    throw new OutputFileError(`${output}: ${bilingual("fix.folderMissing", { folder })}`);
  }
  const original = fs.statSync(input);
  const target = statOrNull(output);
  const sameFile = target !== null && target.dev === original.dev && target.ino === original.ino;
  const samePath = path.join(fs.realpathSync(folder), path.basename(output)) === fs.realpathSync(input);
  if (sameFile || samePath) {
    throw new OutputFileError(`${output}: ${bilingual("fix.sameFile", {})}`);
  }
  if (target?.isDirectory()) throw new OutputFileError(`${output}: ${bilingual("fix.isFolder", {})}`);
}

export function writeFileAtomically(output: string, bytes: Buffer): void {
  const temporary = path.join(path.dirname(path.resolve(output)), `.${path.basename(output)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = fs.openSync(temporary, "wx");
    try {
      fs.writeFileSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, output);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new OutputFileError(`${output}: ${bilingual("fix.writeFailed", {})} (${reason})`);
  }
}

function isDirectory(folder: string): boolean {
  return statOrNull(folder)?.isDirectory() ?? false;
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch {
    return null;
  }
}
