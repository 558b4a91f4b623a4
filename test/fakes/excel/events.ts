/**
 * Excel's events as the fake raises them: handlers registered with `EventHandlers.add` (on sync,
 * like a real registration), removed with `EventHandlerResult.remove()` queued on the context
 * they were added in, and called asynchronously after the change, with the documented arguments:
 *  - WorksheetChanged (`worksheets.onChanged`, ExcelApi 1.9; `worksheet.onChanged`, 1.7):
 *    `{ type, worksheetId, address, changeType, source: "Local", triggerSource }`, the address
 *    local to the sheet ("H20", "A5:XFD6" for inserted rows), triggerSource "ThisLocalAddin" for
 *    the add-in's own writes and "Unknown" for a person's;
 *  - WorksheetActivated (`worksheets.onActivated`, 1.7): `{ type, worksheetId }`.
 */
import type { FakeRequestContext } from "./context";
import { fakeErrors } from "./errors";

export type FakeEventType = "WorksheetChanged" | "WorksheetActivated";

export interface FakeChangedArgs {
  type: "WorksheetChanged";
  worksheetId: string;
  address: string;
  changeType: "RangeEdited" | "RowInserted" | "RowDeleted";
  source: "Local";
  triggerSource: "ThisLocalAddin" | "Unknown";
}

export interface FakeActivatedArgs {
  type: "WorksheetActivated";
  worksheetId: string;
}

export type FakeEventArgs = FakeChangedArgs | FakeActivatedArgs;

interface Listener {
  type: FakeEventType;
  /** Only events of this sheet (a worksheet's own event); null for the collection's. */
  sheetId: string | null;
  handler: (args: FakeEventArgs) => Promise<unknown>;
  context: FakeRequestContext;
}

/** The host's registered handlers and the deliveries in flight. */
export class FakeEventHub {
  private listeners: Listener[] = [];
  private inFlight = new Set<Promise<void>>();
  /** Handler failures, for tests (Excel only logs them). */
  readonly failures: unknown[] = [];

  register(listener: Listener): void {
    this.listeners.push(listener);
  }

  unregister(handler: Listener["handler"], context: FakeRequestContext): void {
    const before = this.listeners.length;
    this.listeners = this.listeners.filter((l) => !(l.handler === handler && l.context === context));
    // Office requires the context the handler was added in.
    if (this.listeners.length === before) throw fakeErrors.invalidArgument("no such handler on this request context");
  }

  get count(): number {
    return this.listeners.length;
  }

  /** Calls every matching handler after the current turn, as Excel does after the change is made. */
  raise(args: FakeEventArgs): void {
    const targets = this.listeners.filter((l) => l.type === args.type && (l.sheetId === null || l.sheetId === args.worksheetId));
    if (targets.length === 0) return;
    const delivery = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(async () => {
      for (const l of targets) {
        try {
          await l.handler({ ...args });
        } catch (error) {
          this.failures.push(error);
        }
      }
    });
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  /** Resolves once every event raised so far has been handled (and those the handlers raised). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}

/** `OfficeExtension.EventHandlers` of one event on one object. */
export class FakeEventHandlers {
  constructor(
    private readonly context: FakeRequestContext,
    private readonly type: FakeEventType,
    private readonly sheetId: () => string | null,
    private readonly queue: (request: Record<string, unknown>, run: () => void) => void,
  ) {}

  add(handler: (args: FakeEventArgs) => Promise<unknown>): FakeEventHandlerResult {
    this.queue({ op: "addHandler", event: this.type }, () =>
      this.context.host.events.register({ type: this.type, sheetId: this.sheetId(), handler, context: this.context }),
    );
    return new FakeEventHandlerResult(this.context, () =>
      this.queue({ op: "removeHandler", event: this.type }, () => this.context.host.events.unregister(handler, this.context)),
    );
  }
}

/** `OfficeExtension.EventHandlerResult`: `remove()` queues the removal on the context the handler was added in. */
export class FakeEventHandlerResult {
  constructor(
    readonly context: FakeRequestContext,
    private readonly queueRemoval: () => void,
  ) {}

  remove(): void {
    this.queueRemoval();
  }
}
