/**
 * One call at a time, shared by every section: `run` disables the buttons (`busy`), shows a spinner
 * when the call takes longer than PROGRESS_DELAY_MS, and puts any failure in the pane's error bar.
 * Sections read it with `usePaneActions()` instead of receiving busy/run/onError from the pane.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { toPaneMessage, type PaneMessage } from "../errors";
import type { Strings } from "../i18n";

export type BusyKind = keyof Strings["busy"];

/** A call that has not finished after this long shows a spinner (buttons are disabled at once). */
export const PROGRESS_DELAY_MS = 300;

export interface RunOptions {
  /** Keep the confirmation shown (a call that is not the person's new action: selecting a cell, a refresh). */
  keepNotice?: boolean;
  /** Keep the error shown (a refresh the pane starts by itself must not hide what the person has not read). */
  keepError?: boolean;
}

export interface PaneActions {
  /** The call running now, or null. */
  busy: BusyKind | null;
  /** The running call has taken longer than PROGRESS_DELAY_MS. */
  slow: boolean;
  /** Runs `work` unless another call is running; a failure goes to the error bar. */
  run(kind: BusyKind, work: () => Promise<void>, options?: RunOptions): Promise<void>;
  /** Whether a call is running now (read at the moment, not at the last render: for event handlers). */
  isBusy(): boolean;
  error: PaneMessage | null;
  showError(message: PaneMessage | null): void;
  notice: string | null;
  showNotice(text: string | null): void;
  /** False once the pane has unmounted: async flows stop updating state. */
  isMounted(): boolean;
}

const PaneActionsContext = createContext<PaneActions | null>(null);

export function usePaneActions(): PaneActions {
  const actions = useContext(PaneActionsContext);
  if (!actions) throw new Error("usePaneActions outside PaneActionsProvider");
  return actions;
}

export function PaneActionsProvider({ children }: { children: ReactNode }) {
  const [busy, setBusy] = useState<BusyKind | null>(null);
  const [slow, setSlow] = useState(false);
  const [error, setError] = useState<PaneMessage | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // The flows are async: the ref answers "is a call running?" without a stale closure.
  const busyRef = useRef<BusyKind | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (!busy) return;
    const timer = setTimeout(() => setSlow(true), PROGRESS_DELAY_MS);
    return () => {
      clearTimeout(timer);
      setSlow(false);
    };
  }, [busy]);

  const isMounted = useCallback(() => mounted.current, []);
  const showError = useCallback((message: PaneMessage | null) => mounted.current && setError(message), []);
  const showNotice = useCallback((text: string | null) => mounted.current && setNotice(text), []);

  const isBusy = useCallback(() => busyRef.current !== null, []);
  const run = useCallback(async (kind: BusyKind, work: () => Promise<void>, options: RunOptions = {}) => {
    if (busyRef.current) return;
    busyRef.current = kind;
    setBusy(kind);
    if (!options.keepError) setError(null);
    if (!options.keepNotice) setNotice(null);
    try {
      await work();
    } catch (err) {
      if (mounted.current) setError(toPaneMessage(err));
    } finally {
      busyRef.current = null;
      if (mounted.current) setBusy(null);
    }
  }, []);

  const value = useMemo(
    () => ({ busy, slow, run, isBusy, error, showError, notice, showNotice, isMounted }),
    [busy, slow, run, isBusy, error, showError, notice, showNotice, isMounted],
  );
  return <PaneActionsContext.Provider value={value}>{children}</PaneActionsContext.Provider>;
}
