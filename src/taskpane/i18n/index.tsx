/** The pane's language and strings, provided once by `App` and read with `useStrings()`. */
import { createContext, useContext, type ReactNode } from "react";
import { en } from "./en";
import { vi, type Strings } from "./vi";

export type Language = "vi" | "en";
export type { Strings };

export const STRINGS: Record<Language, Strings> = { vi, en };

/** Vietnamese unless Office's display language (e.g. "en-US") is something else than Vietnamese. */
export function pickLanguage(displayLanguage: string | null | undefined): Language {
  if (!displayLanguage) return "vi";
  return displayLanguage.trim().toLowerCase().startsWith("vi") ? "vi" : "en";
}

const LanguageContext = createContext<Language>("vi");

export function StringsProvider({ language, children }: { language: Language; children: ReactNode }) {
  return <LanguageContext.Provider value={language}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): Language {
  return useContext(LanguageContext);
}

export function useStrings(): Strings {
  return STRINGS[useContext(LanguageContext)];
}
