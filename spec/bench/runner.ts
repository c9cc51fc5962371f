// Runs the workloads: per workload a warm-up for every contender, then several rounds in which the
// contenders take turns (the order rotates each round so none always runs first or last).
import type { Contender, ContenderPlugin } from './contenders/contender.js';
import { measureRound, type RoundResult } from './measure.js';
import { median, spreadPercent } from './stats.js';
import type { Workload, WorkloadName } from './workloads.js';

/** One contender ready to measure. */
export interface Entrant {
  readonly plugin: ContenderPlugin;
  readonly contender: Contender;
}

/** Medians across the rounds of one workload for one contender. */
export interface Summary {
  readonly workload: WorkloadName;
  readonly contender: string;
  readonly concurrency: number;
  readonly rounds: readonly RoundResult[];
  readonly opsPerSec: number;
  readonly spreadPercent: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly cpuUsPerOp: number;
  /** Highest over the rounds, since it is a peak. */
  readonly peakHeapDeltaMiB: number;
  readonly peakRssMiB: number;
  /** This contender's ops/s divided by the raw driver's; its CPU per op divided by the raw driver's. */
  readonly opsVsRaw: number;
  readonly cpuVsRaw: number;
}

/** How many rounds, and where progress goes. */
export interface RunPlan {
  readonly rounds: number;
  readonly warmupRounds: number;
  readonly log: (line: string) => void;
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

function summarise(workload: Workload, name: string, rounds: readonly RoundResult[]): Omit<Summary, 'opsVsRaw' | 'cpuVsRaw'> {
  const pick = (f: (r: RoundResult) => number): number[] => rounds.map(f);
  return {
    workload: workload.name,
    contender: name,
    concurrency: workload.concurrency,
    rounds,
    opsPerSec: median(pick((r) => r.opsPerSec)),
    spreadPercent: spreadPercent(pick((r) => r.opsPerSec)),
    p50Ms: median(pick((r) => r.p50Ms)),
    p99Ms: median(pick((r) => r.p99Ms)),
    cpuUsPerOp: median(pick((r) => r.cpuUsPerOp)),
    peakHeapDeltaMiB: Math.max(...pick((r) => r.peakHeapDeltaMiB)),
    peakRssMiB: Math.max(...pick((r) => r.peakRssMiB)),
  };
}

/** Measures one workload for every entrant; the first entrant is the baseline of the ratios. */
export async function runWorkload(workload: Workload, entrants: readonly Entrant[], plan: RunPlan): Promise<Summary[]> {
  const warmupOps = Math.max(Math.ceil(workload.ops / 5), Math.min(workload.ops, workload.concurrency));
  let round = 0;
  for (let w = 0; w < plan.warmupRounds; w++, round++) {
    for (const e of rotate(entrants, round)) {
      plan.log(`${workload.name}: warm-up ${w + 1}/${plan.warmupRounds} ${e.plugin.name}`);
      await measureRound(workload, e.contender, round, warmupOps);
    }
  }
  const results = new Map<string, RoundResult[]>(entrants.map((e) => [e.plugin.name, []]));
  for (let r = 0; r < plan.rounds; r++, round++) {
    for (const e of rotate(entrants, r)) {
      const result = await measureRound(workload, e.contender, round, workload.ops);
      results.get(e.plugin.name)?.push(result);
      plan.log(`${workload.name}: round ${r + 1}/${plan.rounds} ${e.plugin.name}: ${Math.round(result.opsPerSec)} ops/s`);
    }
  }
  const summaries = entrants.map((e) => summarise(workload, e.plugin.name, results.get(e.plugin.name) ?? []));
  const [raw] = summaries;
  return summaries.map((s) => ({
    ...s,
    opsVsRaw: raw === undefined ? Number.NaN : s.opsPerSec / raw.opsPerSec,
    cpuVsRaw: raw === undefined ? Number.NaN : s.cpuUsPerOp / raw.cpuUsPerOp,
  }));
}
