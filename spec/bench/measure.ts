// Measures slices of one workload for one contender: wall time, per-operation latency, client CPU
// time (process.cpuUsage) and peak memory (heap and RSS sampled while it runs). A round is
// several slices per contender, interleaved with the other contenders' slices (see runner.ts), and
// the slices of one contender add up to its round.
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import type { Contender } from './contenders/contender.js';
import { percentile } from './stats.js';
import type { Workload } from './workloads.js';

/** What one round measured for one contender. */
export interface RoundResult {
  readonly ops: number;
  readonly opsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly cpuUsPerOp: number;
  /** Peak heapUsed above the heap at the start of a slice, highest over the round's slices, MiB. */
  readonly peakHeapDeltaMiB: number;
  /** Peak resident set size of the whole process during the round, MiB. */
  readonly peakRssMiB: number;
  /** CPU µs per operation of each slice, in the order they ran (for the slice-by-slice comparisons). */
  readonly sliceCpuUsPerOp: readonly number[];
}

/** The running totals of one contender's slices in one round. */
export class RoundTally {
  private ops = 0;
  private elapsedMs = 0;
  private cpuUs = 0;
  private peakHeapDelta = 0;
  private peakRss = 0;
  private readonly latencies: number[] = [];
  private readonly sliceCpu: number[] = [];

  /** Adds one measured slice. */
  add(slice: SliceResult): void {
    this.sliceCpu.push(slice.cpuUs / slice.ops);
    this.ops += slice.ops;
    this.elapsedMs += slice.elapsedMs;
    this.cpuUs += slice.cpuUs;
    this.peakHeapDelta = Math.max(this.peakHeapDelta, slice.peakHeapDelta);
    this.peakRss = Math.max(this.peakRss, slice.peakRss);
    for (const l of slice.latencies) this.latencies.push(l);
  }

  /** The round's figures. */
  result(): RoundResult {
    const sorted = Float64Array.from(this.latencies).sort();
    return {
      ops: this.ops,
      opsPerSec: this.ops / (this.elapsedMs / 1000),
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      cpuUsPerOp: this.cpuUs / this.ops,
      peakHeapDeltaMiB: this.peakHeapDelta / MiB,
      peakRssMiB: this.peakRss / MiB,
      sliceCpuUsPerOp: [...this.sliceCpu],
    };
  }
}

/** What one slice (a contiguous run of operations) measured, in raw units. */
export interface SliceResult {
  readonly ops: number;
  readonly elapsedMs: number;
  readonly cpuUs: number;
  readonly latencies: Float64Array;
  readonly peakHeapDelta: number;
  readonly peakRss: number;
}

const MiB = 1024 * 1024;
const SAMPLE_EVERY_MS = 5;
/** RSS is read every this many heap samples: it costs far more than the heap's figure (a read of /proc). */
const RSS_EVERY = 10;

// No forced GC around slices: a full GC every few hundred operations ages V8's compiled code of the
// contenders waiting their turn (it tripled every contender's CPU per operation), and one forced
// GC per round is charged to whoever runs first after it.
//
// The sampler's own CPU counts in the slice, and it runs per millisecond of wall time, not per
// operation: `process.memoryUsage()` every 5 ms (it reads the RSS from /proc) took 4% of the busy
// CPU of a stream-only run, more for whoever waited longer on the node (README: Method). The heap
// comes from `v8.getHeapStatistics()` (the same figure as memoryUsage().heapUsed), the RSS every 50 ms.

/** Runs operations `from` (inclusive) to `to` (exclusive) of `workload` with its concurrency in flight, and measures them. */
export async function measureSlice(workload: Workload, contender: Contender, lane: number, round: number, from: number, to: number): Promise<SliceResult> {
  const ops = to - from;
  const latencies = new Float64Array(ops);
  const heapBase = getHeapStatistics().used_heap_size;
  let peakHeap = heapBase;
  let peakRss = process.memoryUsage.rss();
  let ticks = 0;
  const sample = (): void => {
    const heap = getHeapStatistics().used_heap_size;
    if (heap > peakHeap) peakHeap = heap;
    if (++ticks % RSS_EVERY === 0) {
      const rss = process.memoryUsage.rss();
      if (rss > peakRss) peakRss = rss;
    }
  };
  const sampler = setInterval(sample, SAMPLE_EVERY_MS);

  let next = from;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < to; i = next++) {
      const t0 = performance.now();
      await workload.run(contender, lane, round, i);
      latencies[i - from] = performance.now() - t0;
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
  ticks = RSS_EVERY - 1; // the last sample reads the RSS too
  sample();
  return { ops, elapsedMs, cpuUs: cpu.user + cpu.system, latencies, peakHeapDelta: Math.max(0, peakHeap - heapBase), peakRss };
}
