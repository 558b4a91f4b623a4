/**
 * Sending the outbox: creates as batched POSTs; updates as batched PATCHes with If-Match. A create
 * without an answer (dropped connection, 5xx, 409 duplicate key) is looked up by RowKey before it
 * is posted again; a 412 re-reads the item and merges again. After every batch the caller's
 * checkpoint saves the state, so an interrupted sync resumes where it stopped.
 */
import { MAX_BATCH, type BatchResult, GraphError } from "./graphClient";
import { expandQuery, isFatal, lookupKeys, type ListAccess } from "./listAccess";
import { parseItem } from "./remoteItem";
import type { CreateEntry, SyncPlanner, UpdateEntry } from "./plan";

export interface OutboxRun {
  access: ListAccess;
  listPath: string;
  planner: SyncPlanner;
  maxRounds: number;
  checkpoint: () => Promise<void>;
  /** Asked between batches: true stops the run (Ctrl-C); what is done is kept. */
  shouldStop: () => boolean;
}

export class SyncStopped extends GraphError {
  constructor() {
    super(0, "stopped", "The sync was stopped before the end");
    this.name = "SyncStopped";
  }
}

export async function runOutbox(run: OutboxRun): Promise<void> {
  const { planner } = run;
  for (let round = 1; round <= run.maxRounds && planner.outbox.length > 0; round++) {
    let progress = false;
    const creates = planner.outbox.filter((e): e is CreateEntry => e.op === "create");
    const uncertain = creates.filter((e) => e.uncertain);
    if (uncertain.length) progress = (await runLookups(run, uncertain)) || progress;
    const ready = planner.outbox.filter((e): e is CreateEntry => e.op === "create" && !e.uncertain);
    if (ready.length) progress = (await runCreates(run, ready)) || progress;
    const updates = planner.outbox.filter((e): e is UpdateEntry => e.op === "update");
    if (updates.length) progress = (await runUpdates(run, updates)) || progress;
    if (!progress) break;
  }
}

async function afterBatch(run: OutboxRun): Promise<void> {
  await run.checkpoint();
  if (run.shouldStop()) throw new SyncStopped();
}

function failure(run: OutboxRun, key: string, op: "create" | "update", r: BatchResult): void {
  const e = r.error ?? new GraphError(r.status, "unknown", "Write failed");
  run.access.report.failed.push({ rowKey: key, op, status: e.status, code: e.code, message: e.message });
}

async function runCreates(run: OutboxRun, entries: CreateEntry[]): Promise<boolean> {
  const { access, listPath, planner } = run;
  let progress = false;
  for (let start = 0; start < entries.length; start += MAX_BATCH) {
    const chunk = entries.slice(start, start + MAX_BATCH);
    const results = await access.client.batch(chunk.map((e) => ({ method: "POST", url: `${listPath}/items`, body: { fields: e.fields } })));
    results.forEach((r, i) => {
      const entry = chunk[i];
      if (isFatal(r.error)) throw r.error;
      if (r.status === 201 || r.status === 200) {
        const body = (r.body ?? {}) as Record<string, unknown>;
        planner.created(entry, parseItem(access.fields, body), (body.fields ?? {}) as Record<string, unknown>);
        progress = true;
      } else if (r.status === 409 || r.status === 0 || (r.status >= 500 && r.status !== 503) || r.error?.uncertain) {
        // It may exist (409: the key is taken, likely by this very create): look it up first.
        entry.uncertain = true;
        progress = true;
      } else if (r.status === 429 || r.status === 503) {
        // Still throttled after the retries: stays queued for the next round or sync.
      } else {
        failure(run, entry.key, "create", r);
        planner.drop(entry);
      }
    });
    await afterBatch(run);
  }
  return progress;
}

async function runLookups(run: OutboxRun, entries: CreateEntry[]): Promise<boolean> {
  const { access, listPath, planner } = run;
  let progress = false;
  for (let start = 0; start < entries.length; start += MAX_BATCH) {
    const chunk = entries.slice(start, start + MAX_BATCH);
    const found = await lookupKeys(
      access,
      listPath,
      chunk.map((e) => e.key),
    );
    for (const entry of chunk) {
      if (!found.has(entry.key)) continue; // the lookup itself failed: try again next round
      const item = found.get(entry.key);
      progress = true;
      if (item) {
        planner.drop(entry);
        access.report.created++;
        access.report.recovered++;
        planner.adopt(planner.localByKey.get(entry.key), entry.key, item, entry.fields);
      } else entry.uncertain = false; // not there: post it again
    }
    await afterBatch(run);
  }
  return progress;
}

async function runUpdates(run: OutboxRun, entries: UpdateEntry[]): Promise<boolean> {
  const { access, listPath, planner } = run;
  let progress = false;
  // Without an ETag there is no conditional write: read the item first.
  const reread: string[] = entries.filter((e) => !e.etag).map((e) => e.key);
  const sendable = entries.filter((e) => e.etag);
  for (let start = 0; start < sendable.length; start += MAX_BATCH) {
    const chunk = sendable.slice(start, start + MAX_BATCH);
    const results = await access.client.batch(
      chunk.map((e) => ({
        method: "PATCH",
        url: `${listPath}/items/${e.id}/fields`,
        headers: { "If-Match": e.etag as string },
        body: e.fields,
      })),
    );
    results.forEach((r, i) => {
      const entry = chunk[i];
      if (isFatal(r.error) || r.status === 0) throw r.error;
      if (r.status === 200) {
        planner.updated(entry, (r.body ?? {}) as Record<string, unknown>);
        progress = true;
      } else if (r.status === 412 || (r.status === 409 && r.error?.code === "resourceModified")) {
        // Changed in the list since it was read: read it again and merge again.
        reread.push(entry.key);
        progress = true;
      } else if (r.status === 404) {
        planner.drop(entry);
        planner.deleted(entry.key);
        progress = true;
      } else if (r.status === 429 || r.status >= 500) {
        // Still throttled: stays queued (If-Match makes a repeat safe).
      } else {
        failure(run, entry.key, "update", r);
        planner.drop(entry);
      }
    });
    await afterBatch(run);
  }
  const keys = reread.filter((k) => planner.rows.get(k)?.i);
  if (keys.length) {
    const expand = expandQuery(access.fields);
    const results = await access.client.batch(
      keys.map((k) => ({ method: "GET", url: `${listPath}/items/${planner.rows.get(k)!.i}?${expand}` })),
    );
    results.forEach((r, i) => {
      if (isFatal(r.error) || r.status === 0) throw r.error;
      if (r.status === 200) planner.remerge(keys[i], parseItem(access.fields, r.body));
      else if (r.status === 404) planner.deleted(keys[i]);
    });
    await afterBatch(run);
  }
  return progress;
}
