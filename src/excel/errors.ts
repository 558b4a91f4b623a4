/**
 * What to tell a person when Excel refuses: short, Vietnamese first, no stack trace.
 * Office errors are `OfficeExtension.Error` with a stable `code`; only the code is read.
 */

export interface UserMessage {
  vi: string;
  en: string;
  /** The Office error code (or "NoAnnex"), for logs and support; not for display. */
  code: string;
}

/** The sheet holds nothing the engine recognises as an annex table. */
export class NoAnnexError extends Error {
  readonly code = "NoAnnex";

  constructor(readonly sheet?: string) {
    super(sheet ? `No annex table on sheet ${sheet}` : "No annex table on this sheet");
    this.name = "NoAnnexError";
  }
}

/** The used range is far larger than any annex: usually a stray value or format far from the table. */
export class SheetTooLargeError extends Error {
  readonly code = "SheetTooLarge";

  constructor(
    readonly sheet: string,
    readonly address: string,
    readonly cells: number,
  ) {
    super(`The used range ${address} of sheet ${sheet} has ${cells} cells`);
    this.name = "SheetTooLargeError";
  }
}

/** Cells a person changed after the fill: undoing would overwrite their work, so nothing is written. */
export class UndoConflictError extends Error {
  readonly code = "UndoConflict";

  constructor(
    readonly sheet: string,
    readonly cells: string[],
  ) {
    super(`Cells changed since the fill: ${cells.join(", ")}`);
    this.name = "UndoConflictError";
  }
}

/** Cells named in a message: the first ten, then how many more. */
function cellList(cells: string[]): { vi: string; en: string } {
  const shown = cells.slice(0, 10).join(", ");
  const more = cells.length - 10;
  return more > 0 ? { vi: `${shown} và ${more} ô khác`, en: `${shown} and ${more} more` } : { vi: shown, en: shown };
}

function undoConflictMessage(error: UndoConflictError): UserMessage {
  const list = cellList(error.cells);
  return {
    vi: `Không hoàn tác: các ô ${list.vi} (trang “${error.sheet}”) đã được sửa sau khi điền công thức — có thể bằng Ctrl+Z của Excel. Không ô nào bị ghi đè. Hãy kiểm tra các ô đó, rồi quét lại trang tính.`,
    en: `Not undone: cells ${list.en} (sheet “${error.sheet}”) were changed after the fill — perhaps by Excel's Ctrl+Z. Nothing was overwritten. Check those cells, then scan the sheet again.`,
    code: error.code,
  };
}

const MESSAGES: Record<string, Omit<UserMessage, "code">> = {
  InvalidOperationInCellEditMode: {
    vi: "Excel đang ở chế độ sửa ô. Nhấn Enter hoặc Esc để kết thúc việc sửa ô, rồi thử lại.",
    en: "Excel is editing a cell. Press Enter or Esc to finish editing, then try again.",
  },
  AccessDenied: {
    vi: "Excel không cho phép thay đổi: trang tính hoặc sổ làm việc đang được bảo vệ, hoặc bạn chỉ có quyền xem. Hãy bỏ bảo vệ trang tính (Xem lại › Bỏ bảo vệ trang tính) rồi thử lại.",
    en: "Excel did not allow the change: the sheet or workbook is protected, or you can only view it. Unprotect the sheet (Review › Unprotect Sheet) and try again.",
  },
  RequestPayloadSizeLimitExceeded: {
    vi: "Dữ liệu quá lớn để Excel trên web xử lý trong một lần. Hãy thử với một phụ lục nhỏ hơn hoặc mở tệp bằng Excel trên máy tính.",
    en: "The data is too large for Excel on the web to handle at once. Try a smaller annex or open the file in Excel desktop.",
  },
  ItemNotFound: {
    vi: "Không tìm thấy trang tính hoặc vùng dữ liệu cần dùng — có thể nó vừa bị đổi tên hoặc xoá. Hãy quét lại trang tính.",
    en: "The sheet or range is no longer there — it may have been renamed or deleted. Scan the sheet again.",
  },
  Conflict: {
    vi: "Sổ làm việc vừa thay đổi trong lúc thao tác. Hãy quét lại trang tính rồi thử lại.",
    en: "The workbook changed during the operation. Scan the sheet again and retry.",
  },
  Busy: {
    vi: "Excel đang bận. Đợi một lát rồi thử lại.",
    en: "Excel is busy. Wait a moment and try again.",
  },
  Unsupported: {
    vi: "Phiên bản Excel này chưa hỗ trợ thao tác này. Hãy cập nhật Excel hoặc dùng Excel trên web.",
    en: "This version of Excel does not support the operation. Update Excel or use Excel on the web.",
  },
  NoAnnex: {
    vi: 'Không tìm thấy bảng phụ lục trên trang tính này. Hãy mở trang tính có bảng (có dòng tiêu đề như "TT", "Chỉ tiêu", "Đơn vị tính") rồi quét lại.',
    en: 'No annex table was found on this sheet. Open the sheet that holds the table (with headers such as "TT", "Chỉ tiêu", "Đơn vị tính") and scan again.',
  },
  SheetTooLarge: {
    vi: "Vùng dữ liệu của trang tính quá rộng để quét — thường do một ô có nội dung nằm xa bảng. Hãy xoá các ô thừa bên phải hoặc bên dưới bảng rồi quét lại.",
    en: "The sheet's used area is too large to scan — usually a stray value far from the table. Delete the stray cells to the right of or below the table and scan again.",
  },
  Generic: {
    vi: "Excel báo lỗi khi thực hiện thao tác. Hãy thử lại; nếu vẫn lỗi, lưu tệp, đóng và mở lại.",
    en: "Excel reported an error. Try again; if it persists, save, close and reopen the file.",
  },
};

/**
 * Office codes that share a message. Excel's error list documents both InvalidOperationInCellEditMode
 * and the generic InvalidOperation ("the attempted operation is invalid on the object"), and a
 * batch sent while a person is typing in a cell has been seen to fail with either: both get the
 * "finish editing the cell" message, which also fits the generic case (try again).
 */
const ALIASES: Record<string, string> = {
  InvalidOperation: "InvalidOperationInCellEditMode",
  ResponsePayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
  InvalidReference: "ItemNotFound",
  InsertDeleteConflict: "Conflict",
  ActivityLimitReached: "Busy",
  RequestAborted: "Busy",
  TooManyIncompleteRequests: "Busy",
  ApiNotFound: "Unsupported",
  NotImplemented: "Unsupported",
  UnsupportedOperation: "Unsupported",
  UnsupportedFeature: "Unsupported",
};

/** The error's Office code, or "NoAnnex", or "" for anything else. */
export function errorCode(error: unknown): string {
  if (error instanceof NoAnnexError || error instanceof SheetTooLargeError || error instanceof UndoConflictError) return error.code;
  if (error && typeof error === "object" && "code" in error && typeof (error as { code: unknown }).code === "string") {
    return (error as { code: string }).code;
  }
  return "";
}

/** A message for a person from any error the adapter (or Excel.run) throws. */
export function toUserMessage(error: unknown): UserMessage {
  if (error instanceof UndoConflictError) return undoConflictMessage(error);
  const code = errorCode(error);
  const key = MESSAGES[code] ? code : (ALIASES[code] ?? "Generic");
  return { ...MESSAGES[key], code: code || "Unknown" };
}

export function noAnnexMessage(): UserMessage {
  return { ...MESSAGES.NoAnnex, code: "NoAnnex" };
}

/** True while a person is (or may be) typing in a cell: every batch fails until they finish. */
export function isCellEditMode(error: unknown): boolean {
  const code = errorCode(error);
  return (ALIASES[code] ?? code) === "InvalidOperationInCellEditMode";
}

/** True for the errors worth retrying as they are, once the person has done what the message says. */
export function isRetryable(error: unknown): boolean {
  const key = ALIASES[errorCode(error)] ?? errorCode(error);
  return key === "InvalidOperationInCellEditMode" || key === "Busy" || key === "Conflict";
}

export function isPayloadTooLarge(error: unknown): boolean {
  const code = errorCode(error);
  return code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded";
}
