// Does streaming keep memory flat? One extra, unmeasured stream per contender that forces a full GC
// at every tenth of the rows and records the heap still retained: flat means it does not grow with
// the rows already streamed (peak heap during the timed rounds also counts young garbage).
import type { Contender } from './contenders/contender.js';
import { STREAM_BUCKET } from './data.js';
import type { Entrant } from './runner.js';

/** Retained heap (MiB above the stream's start) after a forced GC at 10%, 20%, … 100% of the rows. */
export interface StreamRetention {
  readonly contender: string;
  readonly retainedMiB: readonly number[];
}

const MiB = 1024 * 1024;

/** Runs the check for every entrant, each in its own process under --isolate; undefined without --expose-gc (then it cannot be measured). */
export async function streamRetention(entrants: readonly Entrant[], rows: number, pageSize: number): Promise<StreamRetention[] | undefined> {
  const out: StreamRetention[] = [];
  for (const e of entrants) {
    const retained = 'process' in e ? await e.process.streamRetention(rows, pageSize) : await streamRetentionOf(e.contender, rows, pageSize);
    if (retained === undefined) return undefined;
    out.push({ contender: e.plugin.name, retainedMiB: retained });
  }
  return out;
}

/** One contender's check in this process: retained MiB at every tenth of the rows, or undefined without --expose-gc. */
export async function streamRetentionOf(contender: Contender, rows: number, pageSize: number): Promise<number[] | undefined> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return undefined;
  const step = Math.max(1, Math.floor(rows / 10));
  gc();
  const base = process.memoryUsage().heapUsed;
  const retained: number[] = [];
  let seen = 0;
  await contender.streamPartition(STREAM_BUCKET, pageSize, () => {
    seen++;
    if (seen % step === 0) {
      gc();
      retained.push((process.memoryUsage().heapUsed - base) / MiB);
    }
  });
  return retained;
}

/** One line for the report: first and highest retained heap per contender. */
export function retentionNote(results: readonly StreamRetention[], rows: number): string {
  const parts = results.map((r) => {
    const first = r.retainedMiB[0] ?? Number.NaN;
    const highest = Math.max(...r.retainedMiB);
    return `${r.contender} ${first.toFixed(1)} → max ${highest.toFixed(1)} MiB`;
  });
  return (
    `- stream memory stays flat if the heap retained after a forced GC does not grow as rows go by ` +
    `(measured at every tenth of ${rows.toLocaleString('en-US')} rows, first tenth → highest): ${parts.join(', ')}.`
  );
}
