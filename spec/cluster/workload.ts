// A bounded workload of QUORUM inserts and reads: which writes the library acknowledged, and every
// failure by its error type, so a fault spec can show that nothing acknowledged was lost.
import { type Connection } from '../../src/index.js';
import { ConnectionLostError, MapperError, ReplicaFailureError, WriteTimeoutError } from '../../src/public/errors.js';
import { PAGED } from '../../src/connection/internals.js';

export interface WorkloadStats {
  /** id → value of every insert the library acknowledged. */
  readonly acknowledged: Map<number, number>;
  /** Failed inserts by error type (WriteTimeoutError with its write type). */
  readonly failedWrites: Record<string, number>;
  readsOk: number;
  readonly failedReads: Record<string, number>;
  /** Reads of an acknowledged write that found nothing or another value (a live sign of loss). */
  staleReads: number;
  /** The first message of each failure kind. */
  readonly samples: Record<string, string>;
  /** Errors that are not the library's typed errors (should stay empty). */
  readonly untyped: Error[];
  /** Longest single operation, in ms: nothing may hang. */
  maxLatencyMs: number;
  attempts: number;
}

function kind(error: unknown): string {
  if (error instanceof WriteTimeoutError) return `WriteTimeoutError(${error.writeType ?? '?'})`;
  if (error instanceof ReplicaFailureError) return `ReplicaFailureError(${error.operation})`;
  if (error instanceof ConnectionLostError) return `ConnectionLostError(${error.written ? 'sent' : 'not sent'})`;
  return error instanceof Error ? error.name : typeof error;
}

/** Runs `concurrency` workers until `stop()` or `maxWrites` inserts were attempted. */
export function runWorkload(
  connection: Connection,
  table: string,
  opts: { concurrency: number; maxWrites: number; stop: () => boolean },
): { stats: WorkloadStats; done: Promise<void> } {
  const stats: WorkloadStats = { acknowledged: new Map(), failedWrites: {}, readsOk: 0, failedReads: {}, samples: {}, staleReads: 0, untyped: [], maxLatencyMs: 0, attempts: 0 };
  const insert = `INSERT INTO ${table} (id, v) VALUES (?, ?)`;
  const select = `SELECT v FROM ${table} WHERE id = ?`;
  const options = Object.freeze({ consistency: 'QUORUM' });
  const timed = async <T>(op: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    try {
      return await op();
    } finally {
      stats.maxLatencyMs = Math.max(stats.maxLatencyMs, Date.now() - t0);
    }
  };
  const note = (bucket: Record<string, number>, error: unknown): void => {
    bucket[kind(error)] = (bucket[kind(error)] ?? 0) + 1;
    stats.samples[kind(error)] ??= error instanceof Error ? error.message.slice(0, 300) : String(error);
    if (!(error instanceof MapperError) && stats.untyped.length < 20) stats.untyped.push(error as Error);
  };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!opts.stop() && next < opts.maxWrites) {
      const id = next++;
      stats.attempts++;
      const value = id * 7 + 1;
      try {
        await timed(() => connection.execute(insert, [id, value], options));
        stats.acknowledged.set(id, value);
      } catch (error) {
        note(stats.failedWrites, error);
      }
      // Read back an earlier acknowledged write (the last one this worker knows of is good enough).
      const probe = id - 16;
      const expected = stats.acknowledged.get(probe);
      if (expected === undefined) continue;
      try {
        const rs = await timed(() => connection.execute(select, [probe], options));
        stats.readsOk++;
        if (rs.first()?.['v'] !== expected) stats.staleReads++;
      } catch (error) {
        note(stats.failedReads, error);
      }
    }
  };
  const done = Promise.all(Array.from({ length: opts.concurrency }, worker)).then(() => undefined);
  return { stats, done };
}

/** Reads the whole table at QUORUM and counts acknowledged writes missing or changed. */
export async function countLost(connection: Connection, table: string, acknowledged: ReadonlyMap<number, number>): Promise<{ lost: number; rows: number }> {
  const found = new Map<number, number>();
  let pageState: Buffer | undefined;
  const page = connection[PAGED](`SELECT id, v FROM ${table}`, [], { consistency: 'QUORUM', fetchSize: 5000 });
  do {
    const rs = await page(pageState);
    for (const row of rs.rows) found.set(row['id'] as number, row['v'] as number);
    pageState = rs.pageState === null || rs.pageState === undefined ? undefined : Buffer.from(rs.pageState, 'hex');
  } while (pageState !== undefined);
  let lost = 0;
  for (const [id, value] of acknowledged) if (found.get(id) !== value) lost++;
  return { lost, rows: found.size };
}
