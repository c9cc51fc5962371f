// Measures one round of one workload for one contender: wall time, per-operation latency, client
// CPU time (process.cpuUsage) and peak memory (process.memoryUsage sampled while it runs).
import { performance } from 'node:perf_hooks';
import type { Contender } from './contenders/contender.js';
import { percentile } from './stats.js';
import type { Workload } from './workloads.js';

/** What one round measured. */
export interface RoundResult {
  readonly ops: number;
  readonly opsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly cpuUsPerOp: number;
  /** Peak heapUsed above the heap at the round's start (after a GC when --expose-gc is on), MiB. */
  readonly peakHeapDeltaMiB: number;
  /** Peak resident set size of the whole process during the round, MiB. */
  readonly peakRssMiB: number;
}

const MiB = 1024 * 1024;
const SAMPLE_EVERY_MS = 5;

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
}

/** Runs `ops` operations of `workload` with `concurrency` in flight and measures them. */
export async function measureRound(workload: Workload, contender: Contender, round: number, ops: number): Promise<RoundResult> {
  collectGarbage();
  const latencies = new Float64Array(ops);
  const heapBase = process.memoryUsage().heapUsed;
  let peakHeap = heapBase;
  let peakRss = process.memoryUsage.rss();
  const sample = (): void => {
    const m = process.memoryUsage();
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
    if (m.rss > peakRss) peakRss = m.rss;
  };
  const sampler = setInterval(sample, SAMPLE_EVERY_MS);

  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < ops; i = next++) {
      const t0 = performance.now();
      await workload.run(contender, round, i);
      latencies[i] = performance.now() - t0;
    }
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    await Promise.all(Array.from({ length: Math.min(workload.concurrency, ops) }, worker));
  } finally {
    clearInterval(sampler);
  }
  const elapsedMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  sample();

  latencies.sort();
  return {
    ops,
    opsPerSec: ops / (elapsedMs / 1000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    cpuUsPerOp: (cpu.user + cpu.system) / ops,
    peakHeapDeltaMiB: Math.max(0, peakHeap - heapBase) / MiB,
    peakRssMiB: peakRss / MiB,
  };
}
