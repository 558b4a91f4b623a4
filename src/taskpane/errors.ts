/** What the pane tells a person when a call fails: a PaneError as it is, anything else as a generic message. */
import { PaneError } from "./annexService";
import { STRINGS } from "./i18n";

export interface PaneMessage {
  vi: string;
  en: string;
}

function isBilingual(error: unknown): error is PaneMessage {
  if (typeof error !== "object" || error === null) return false;
  const { vi, en } = error as Partial<PaneMessage>;
  return typeof vi === "string" && typeof en === "string" && vi.length > 0;
}

/**
 * The message to show for a failed call. A `PaneError` (or any error carrying `vi`/`en` texts,
 * e.g. one made by another copy of the class in a test harness) is shown as it is; anything else
 * gets the generic message — never a stack trace — and is logged for support.
 */
export function toPaneMessage(error: unknown): PaneMessage {
  if (error instanceof PaneError || isBilingual(error)) {
    const { vi, en } = error as PaneMessage;
    return { vi, en: en || vi };
  }
  console.error("Trợ lý Phụ lục: unexpected error", error);
  return { vi: STRINGS.vi.genericError, en: STRINGS.en.genericError };
}
