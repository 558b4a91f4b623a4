/**
 * The fake's request context and batch machinery: proxies queue operations, `sync()` runs them in
 * order against the workbook state, measures the request (JSON of the queued operations) and the
 * response (JSON of what was loaded), enforces Excel on the web's 5 MB limits, and only then makes
 * loaded properties readable.
 */
import { FakeOfficeError, fakeErrors } from "./errors";
import { FakeEventHub, type FakeEventArgs } from "./events";
import { utf8Bytes, type FakeWorkbookState } from "./model";
import { FakeWorkbook, type FakeClientObject } from "./objects";

/** What one operation of a batch does when the batch runs. */
export interface FakeOperation {
  /** The operation as it would travel in the request (measured, never sent anywhere). */
  request: unknown;
  /** Runs against the workbook state; may return data for the response and a commit to the proxies. */
  execute(): { payload: unknown; commit: () => void } | void;
}

export interface SyncRecord {
  /** 1-based over the whole fake, across contexts. */
  index: number;
  operations: number;
  requestBytes: number;
  responseBytes: number;
  /** The error code when the sync failed. */
  failed?: string;
}

export interface RangeWrite {
  sheet: string;
  address: string;
  property: "values" | "formulas" | "numberFormat";
  rows: number;
  columns: number;
}

export interface FakeLimits {
  /** Largest request Excel accepts, in bytes; null for no limit (desktop). */
  requestBytes: number | null;
  responseBytes: number | null;
}

/** Excel on the web: 5 MB for requests and responses. */
export const WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;

/** The host: workbook state plus counters shared by every context created on it. */
export class FakeExcelHost {
  readonly syncs: SyncRecord[] = [];
  readonly rangeWrites: RangeWrite[] = [];
  limits: FakeLimits = { requestBytes: WEB_PAYLOAD_LIMIT, responseBytes: WEB_PAYLOAD_LIMIT };
  /** Registered event handlers; see events.ts (the person's side: user.ts). */
  readonly events = new FakeEventHub();
  private pendingFailure: FakeOfficeError | null = null;

  constructor(readonly workbook: FakeWorkbookState) {}

  /** The next `sync()` (of any context) fails with this code and runs nothing. */
  failNextSync(code: string, message = `Simulated ${code}`): void {
    this.pendingFailure = new FakeOfficeError(code, message);
  }

  takeFailure(): FakeOfficeError | null {
    const f = this.pendingFailure;
    this.pendingFailure = null;
    return f;
  }

  get syncCount(): number {
    return this.syncs.length;
  }

  /** Counters to compare before and after a call. */
  mark(): { syncs: number; writes: number } {
    return { syncs: this.syncs.length, writes: this.rangeWrites.length };
  }

  since(mark: { syncs: number; writes: number }): { syncs: SyncRecord[]; writes: RangeWrite[] } {
    return { syncs: this.syncs.slice(mark.syncs), writes: this.rangeWrites.slice(mark.writes) };
  }

  newContext(): FakeRequestContext {
    return new FakeRequestContext(this);
  }

  /**
   * Like `Excel.run`: a fresh context, or `Excel.run(context, batch)` with an earlier one (how an
   * event handler is removed); commands still queued when the batch returns are synced.
   */
  async run<T>(
    first: FakeRequestContext | ((context: FakeRequestContext) => Promise<T>),
    second?: (context: FakeRequestContext) => Promise<T>,
  ): Promise<T> {
    const context = typeof first === "function" ? this.newContext() : first;
    const batch = typeof first === "function" ? first : second!;
    const result = await batch(context);
    if (context.pendingOperations > 0) await context.sync();
    return result;
  }
}

export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };
  private queue: FakeOperation[] = [];
  /** Null-capable proxies whose `isNullObject` the next sync settles. */
  private nullables: FakeClientObject[] = [];
  /** Syncs made through this context. */
  syncCount = 0;

  constructor(readonly host: FakeExcelHost) {
    this.workbook = new FakeWorkbook(this);
  }

  get state(): FakeWorkbookState {
    return this.host.workbook;
  }

  get pendingOperations(): number {
    return this.queue.length;
  }

  enqueue(op: FakeOperation): void {
    this.queue.push(op);
  }

  registerNullable(proxy: FakeClientObject): void {
    this.nullables.push(proxy);
  }

  recordWrite(write: RangeWrite): void {
    this.host.rangeWrites.push(write);
  }

  /** An event this batch causes, raised once the sync has succeeded. */
  noteEvent(args: FakeEventArgs): void {
    this.events.push(args);
  }

  private events: FakeEventArgs[] = [];

  async sync(): Promise<void> {
    await Promise.resolve();
    const ops = this.queue;
    const nullables = this.nullables;
    this.queue = [];
    this.nullables = [];
    this.events = [];
    this.syncCount++;
    const record: SyncRecord = { index: this.host.syncs.length + 1, operations: ops.length, requestBytes: 0, responseBytes: 0 };
    this.host.syncs.push(record);

    record.requestBytes = utf8Bytes(JSON.stringify(ops.map((o) => o.request)));
    const fail = (error: FakeOfficeError): never => {
      record.failed = error.code;
      throw error;
    };
    const injected = this.host.takeFailure();
    if (injected) fail(injected);
    const { requestBytes: requestLimit, responseBytes: responseLimit } = this.host.limits;
    if (requestLimit !== null && record.requestBytes > requestLimit) fail(fakeErrors.requestTooLarge(record.requestBytes, requestLimit));

    const payloads: unknown[] = [];
    const commits: (() => void)[] = [];
    for (const op of ops) {
      try {
        const result = op.execute();
        if (result) {
          payloads.push(result.payload);
          commits.push(result.commit);
        }
      } catch (error) {
        if (error instanceof FakeOfficeError) fail(error);
        throw error;
      }
    }
    for (const proxy of nullables) {
      let isNull: boolean;
      try {
        isNull = !proxy.exists();
      } catch (error) {
        if (error instanceof FakeOfficeError) fail(error);
        throw error;
      }
      payloads.push({ isNullObject: isNull });
      commits.push(() => proxy.settleNull(isNull));
    }
    record.responseBytes = utf8Bytes(JSON.stringify(payloads));
    if (responseLimit !== null && record.responseBytes > responseLimit)
      fail(fakeErrors.responseTooLarge(record.responseBytes, responseLimit));
    for (const commit of commits) commit();
    for (const args of this.events) this.host.events.raise(args);
    this.events = [];
  }
}
