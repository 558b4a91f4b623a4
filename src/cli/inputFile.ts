/**
 * What an input file really is, by its content rather than its name: an .xlsx is a zip package
 * holding xl/workbook.xml. Anything else (.xls, .ods, CSV, an HTML table saved as .xls, an
 * encrypted workbook) gets one line saying what it is and how to turn it into an .xlsx.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { bilingual, type InputFormat, type InputProblem } from "../messages";

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
/** The end record is 22 bytes, followed by a comment of at most 65,535 bytes. */
const END_SEARCH = 22 + 0xffff;

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, read);
}

/** The names in a zip's central directory; null when the directory cannot be found. */
function zipEntryNames(fd: number, size: number): string[] | null {
  const tailStart = Math.max(0, size - END_SEARCH);
  const tail = readAt(fd, tailStart, size - tailStart);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  if (directoryOffset + directorySize > size) return null;
  const directory = readAt(fd, directoryOffset, directorySize);
  const names: string[] = [];
  for (let at = 0; at + 46 <= directory.length && directory.readUInt32LE(at) === CENTRAL_DIRECTORY_ENTRY;) {
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    names.push(directory.toString("utf8", at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function shellQuoted(file: string): string {
  return /^[\w@%+=:,./-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`;
}

function convertible(file: string, format: InputFormat): string {
  return bilingual("input.convertible", { file, format, command: `soffice --headless --convert-to xlsx ${shellQuoted(file)}` });
}

function notSpreadsheet(file: string, problem: InputProblem, reason?: string): string {
  return bilingual("input.notSpreadsheet", { file, problem, ...(reason !== undefined ? { reason } : {}) });
}

/** Why the file cannot be read as an .xlsx, in one line (Vietnamese, then English); null when it looks like one. */
export function inputFileProblem(file: string): string | null {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return notSpreadsheet(file, "directory");
    size = stat.size;
  } catch {
    return notSpreadsheet(file, "notFound");
  }
  if (size === 0) return notSpreadsheet(file, "empty");
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return notSpreadsheet(file, "cannotOpen", reason);
  }
  try {
    return problemOfContent(file, fd, size);
  } finally {
    closeSync(fd);
  }
}

function problemOfContent(file: string, fd: number, size: number): string | null {
  const head = readAt(fd, 0, Math.min(size, 4096));
  if (head.subarray(0, 4).equals(ZIP) || head.subarray(0, 4).equals(EMPTY_ZIP)) {
    // An OpenDocument package starts with its uncompressed "mimetype" entry.
    if (head.includes("application/vnd.oasis.opendocument.spreadsheet")) {
      return convertible(file, "ods");
    }
    const names = zipEntryNames(fd, size);
    if (names === null || names.includes("xl/workbook.xml")) return null; // a damaged zip: the reader says why
    if (names.includes("xl/workbook.bin")) {
      return convertible(file, "xlsb");
    }
    return notSpreadsheet(file, "otherZip");
  }
  if (head.subarray(0, 8).equals(OLE2)) {
    // A password-protected .xlsx is wrapped in the same container as an .xls, with an encrypted stream.
    const whole = readAt(fd, 0, size);
    if (whole.includes(Buffer.from("EncryptedPackage", "utf16le"))) {
      return notSpreadsheet(file, "encrypted");
    }
    return convertible(file, "xls");
  }
  if (!head.includes(0)) {
    const text = head
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trimStart()
      .toLowerCase();
    if (text.startsWith("<?xml") && text.includes("urn:schemas-microsoft-com:office:spreadsheet")) {
      return convertible(file, "xml2003");
    }
    if (text.startsWith("<") && /<(html|table)\b/.test(text)) {
      return convertible(file, "html");
    }
    return convertible(file, "csv");
  }
  return notSpreadsheet(file, "notWorkbook");
}
