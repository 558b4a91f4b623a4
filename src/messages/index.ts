/**
 * The one message catalogue: findings, summaries, reports and errors are codes with parameters
 * wherever they arise; their words, Vietnamese and English, live in vi.ts and en.ts. Pure (no
 * Office, React, DOM or Node), so the engine, the sync core, the command line and the pane share it.
 */
import type { MessageCode, MessageParams } from "./catalogue";
import { en } from "./en";
import type { Language } from "./format";
import { vi } from "./vi";

export type * from "./catalogue";
export { formatDateVi, formatEn, formatVi, localeOf, type Language } from "./format";

const CATALOGUES = { vi, en } as const;

/** A message to be worded later, in whichever language the reader has. */
export interface MessageRef<C extends MessageCode = MessageCode> {
  code: C;
  params: MessageParams[C];
}

/** The message in one language. */
export function message<C extends MessageCode>(code: C, params: MessageParams[C], language: Language): string {
  // TypeScript cannot tie an entry of a mapped type to its own code's parameters: the catalogue type does.
  const entry = CATALOGUES[language][code] as (params: MessageParams[C]) => string;
  return entry(params);
}

/** The message in both languages, for a host that shows either (the pane's message bar, an error's fields). */
export function texts<C extends MessageCode>(code: C, params: MessageParams[C]): { vi: string; en: string } {
  return { vi: message(code, params, "vi"), en: message(code, params, "en") };
}

/** "Vietnamese / English" on one line, as the command line writes its errors. */
export function bilingual<C extends MessageCode>(code: C, params: MessageParams[C]): string {
  return `${message(code, params, "vi")} / ${message(code, params, "en")}`;
}
