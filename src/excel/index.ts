/** The Office.js adapter: the only code in the project that touches `Excel` and `Office`. */
export { readSheet, readSheetSnapshot, type ReadOptions, type ReadReport } from "./readSnapshot";
export { applyFillPlan, type WriteOptions, type WriteReport } from "./writePlan";
export {
  changedSinceFill,
  loadUndo,
  MAX_SAVED_UNDO_BYTES,
  queueSaveUndo,
  UNDO_SHEET,
  undoHistory,
  UndoHistory,
  undoLast,
  undoLastWrite,
  type UndoCell,
  type UndoKind,
  type UndoRecord,
  type UndoSheetKnowledge,
  type UndoStorage,
} from "./undo";
export {
  applyHighlightRules,
  queueReadHighlightState,
  readHighlightState,
  removeHighlights,
  type HighlightReport,
  type HighlightState,
  type OwnedRange,
  type SheetInfo,
} from "./highlight";
export { selectCell } from "./navigate";
export {
  DEFAULT_SETTINGS,
  loadSettings,
  parseThresholds,
  queueLoadSettings,
  queueSaveSettings,
  saveSettings,
  SETTING_KEYS,
  type AnnexSettings,
  type Direction,
} from "./settings";
export {
  errorCode,
  isCellEditMode,
  isPayloadTooLarge,
  isRetryable,
  NoAnnexError,
  noAnnexMessage,
  SheetTooLargeError,
  toUserMessage,
  UndoConflictError,
  type UserMessage,
} from "./errors";
export { PAYLOAD_LIMIT_BYTES, SYNC_BUDGET_BYTES } from "./payload";
export {
  createExcelAnnexService,
  ExcelPaneError,
  fromPaneSettings,
  toPaneError,
  toPaneSettings,
  type ExcelAnnexServiceDiagnostics,
  type ExcelAnnexServiceOptions,
} from "./annexService";
