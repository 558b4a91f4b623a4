/**
 * What to tell a person when Excel refuses: short, Vietnamese first, no stack trace.
 * Office errors are `OfficeExtension.Error` with a stable `code`; only the code is read, and
 * mapped to a message of the catalogue (src/messages, "office.*"), which holds the words.
 */
import { texts, type MessageCode } from "../messages";

/** The catalogue's Office messages without parameters. */
type OfficeMessageCode = Exclude<Extract<MessageCode, `office.${string}`>, "office.undoConflict">;

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

/** The catalogue's message for each Office error code (and the adapter's own errors) the pane explains. */
const MESSAGES: Record<string, OfficeMessageCode> = {
  InvalidOperationInCellEditMode: "office.editMode",
  AccessDenied: "office.accessDenied",
  RequestPayloadSizeLimitExceeded: "office.payloadTooLarge",
  ItemNotFound: "office.itemNotFound",
  Conflict: "office.conflict",
  Busy: "office.busy",
  Unsupported: "office.unsupported",
  NoAnnex: "office.noAnnex",
  SheetTooLarge: "office.sheetTooLarge",
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
  if (error instanceof UndoConflictError) {
    return { ...texts("office.undoConflict", { sheet: error.sheet, cells: error.cells }), code: error.code };
  }
  const code = errorCode(error);
  const message = MESSAGES[code] ?? MESSAGES[ALIASES[code]] ?? "office.generic";
  return { ...texts(message, {}), code: code || "Unknown" };
}

export function noAnnexMessage(): UserMessage {
  return { ...texts("office.noAnnex", {}), code: "NoAnnex" };
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
