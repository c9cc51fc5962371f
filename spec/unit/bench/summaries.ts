// A workload summary with only its slices set, for the specs of the slice-by-slice comparisons.
import type { Summary } from '../../bench/runner.js';
import type { WorkloadName } from '../../bench/workloads.js';

/** The summary of `contender` on `workload` whose measured slices cost `slices` µs per operation. */
export function sliceSummary(workload: WorkloadName, contender: string, slices: number[]): Summary {
  return {
    workload, contender, concurrency: 32, rounds: [], opsPerSec: 1, spreadPercent: 0, p50Ms: 1, p99Ms: 1, cpuUsPerOp: 1,
    peakHeapDeltaMiB: 0, peakRssMiB: 0, opsVsRaw: 1, cpuVsRaw: 1, cpuVsRawMin: 1, cpuVsRawMax: 1, sliceCpuUsPerOp: slices,
  };
}
