/**
 * Excel's events for an "always current" pane: `worksheets.onChanged` (any sheet's cells,
 * ExcelApi 1.9 — the manifest's minimum; `worksheet.onChanged` is 1.7 but would have to be added
 * again for every sheet) and `worksheets.onActivated` (1.7). Both are registered once, in one
 * sync, and removed the way the Office documentation requires: `remove()` on each
 * EventHandlerResult inside `Excel.run(result.context, …)` — the request context they were added
 * in — then a sync. Handlers never throw into Excel: a failure is logged.
 */
import type { ExcelRun } from "./workbookHost";
import { excelApiSupported } from "./requirements";

/** `Excel.run(context, batch)`: a batch on an existing request context. */
export type ExcelRunIn = <T>(context: Excel.RequestContext, batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface WorkbookEventHandlers {
  changed(args: Excel.WorksheetChangedEventArgs): void | Promise<void>;
  activated(args: Excel.WorksheetActivatedEventArgs): void | Promise<void>;
}

/** Whether this Excel raises the events the pane listens to. */
export function workbookEventsSupported(): boolean {
  return excelApiSupported("1.9");
}

/** Registers both handlers (one sync); the function returned removes them (one sync on their context). */
export async function registerWorkbookEvents(
  run: ExcelRun,
  runIn: ExcelRunIn,
  handlers: WorkbookEventHandlers,
): Promise<() => Promise<void>> {
  const guard =
    <A>(handle: (args: A) => void | Promise<void>) =>
    async (args: A): Promise<void> => {
      try {
        await handle(args);
      } catch (error) {
        console.error("Trợ lý Phụ lục: an Excel event handler failed", error);
      }
    };
  const results = await run(async (context) => {
    const sheets = context.workbook.worksheets;
    const added = [sheets.onChanged.add(guard(handlers.changed)), sheets.onActivated.add(guard(handlers.activated))];
    await context.sync();
    return added;
  });
  let removed = false;
  return async () => {
    if (removed) return;
    removed = true;
    await runIn(results[0].context as Excel.RequestContext, async (context) => {
      for (const result of results) result.remove();
      await context.sync();
    });
  };
}
