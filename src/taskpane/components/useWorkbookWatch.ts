/**
 * Always current: with a service that hears Excel's events (`canWatchWorkbook`), the pane analyses
 * the active sheet again when another sheet becomes the active one, or when a person changes cells
 * of the analysed table — not the add-in's own writes (a fill, an undo, a sync are followed by an
 * analysis of their own) nor its very hidden sheets — REFRESH_DELAY_MS after the last change, so
 * typing a column of figures makes one analysis. A change while a person's action is running is
 * not queued: the results are marked as possibly out of date (`markStale`), and the person can
 * check again. The handlers are removed when the pane unmounts.
 */
import { useEffect } from "react";
import { canWatchWorkbook, type AnnexService, type StopWatching } from "../annexService";
import { toPaneMessage } from "../errors";
import { usePaneActions } from "./paneActions";

/** A refresh starts this long after the last change Excel reported. */
export const REFRESH_DELAY_MS = 600;

export interface WorkbookWatchOptions {
  /** The sheet the pane analysed last (read when an event comes; stable). */
  analysedSheet(): string | null;
  /** Analyse the active sheet again (run inside the pane's `run`; stable). */
  refresh(): Promise<void>;
  /** The table changed while a person's action was running (stable). */
  markStale(): void;
}

export function useWorkbookWatch(service: AnnexService, { analysedSheet, refresh, markStale }: WorkbookWatchOptions): void {
  const { run, isBusy, showError } = usePaneActions();
  useEffect(() => {
    if (!canWatchWorkbook(service)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stop: StopWatching | undefined;
    let closed = false;
    /** A refresh the pane started itself is running (a change then waits for it rather than marking stale). */
    let refreshing = false;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (closed) return;
        // A call began after the change (or the last refresh is still running): refresh once it is over.
        if (refreshing || isBusy()) return schedule();
        refreshing = true;
        void run("analyze", refresh, { keepNotice: true, keepError: true }).finally(() => {
          refreshing = false;
        });
      }, REFRESH_DELAY_MS);
    };
    const changed = () => (isBusy() && !refreshing ? markStale() : schedule());
    service
      .watchWorkbook({
        activeSheetChanged: (sheet) => {
          if (sheet !== analysedSheet()) changed();
        },
        sheetChanged: (change) => {
          if (change.touchesAnalysis && !change.byThisAddIn && change.sheet === analysedSheet()) changed();
        },
      })
      .then(
        (stopWatching) => {
          if (closed) void stopWatching().catch(() => undefined);
          else stop = stopWatching;
        },
        (err: unknown) => {
          if (!closed) showError(toPaneMessage(err));
        },
      );
    return () => {
      closed = true;
      clearTimeout(timer);
      // The pane is gone: a failure to remove the handlers has nobody to be shown to.
      void stop?.().catch(() => undefined);
    };
  }, [service, run, isBusy, showError, analysedSheet, refresh, markStale]);
}
