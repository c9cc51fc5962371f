// Runs the workloads: per workload a warm-up for every contender, then several rounds. A round is cut
// into slices and the contenders take turns slice by slice (in balanced orders: each follows each other equally often), so that
// every contender meets the same node: compactions, GC pauses and JIT warm-up on the node's side
// spread evenly instead of landing on whoever ran during them.
import type { Contender, ContenderPlugin } from './contenders/contender.js';
import { measureSlice, RoundTally, type RoundResult } from './measure.js';
import { median, spreadPercent } from './stats.js';
import type { Workload, WorkloadName } from './workloads.js';

/** One contender ready to measure. */
export interface Entrant {
  readonly plugin: ContenderPlugin;
  readonly contender: Contender;
  /** The entrant's number: which range of keys its writes use (contenders share the tables). */
  readonly lane: number;
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
  /** Medians over the rounds of this contender's ops/s, and CPU per op, divided by the raw driver's in the same round. */
  readonly opsVsRaw: number;
  readonly cpuVsRaw: number;
  /** Lowest and highest per-round CPU ratio to the raw driver. */
  readonly cpuVsRawMin: number;
  readonly cpuVsRawMax: number;
  /**
   * CPU µs per operation of every measured slice, round after round. Every contender runs the same
   * slices in the same round, so index i of two contenders' lists ran close together in time.
   */
  readonly sliceCpuUsPerOp: readonly number[];
}

/** How many rounds, and where progress goes. */
export interface RunPlan {
  readonly rounds: number;
  readonly warmupRounds: number;
  readonly log: (line: string) => void;
  /** Called around each slice of the measured rounds, outside its measurement (`--profile` profiles the slice). */
  readonly aroundSlice?: SliceHooks;
}

/** What runs just before and just after one entrant's slice; not part of the slice's figures. */
export interface SliceHooks {
  before(entrant: Entrant): Promise<void>;
  after(entrant: Entrant): Promise<void>;
}

/** Slices per round: up to 10, each holding at least `concurrency` operations. */
export function sliceBounds(ops: number, concurrency: number): number[] {
  const slices = Math.max(1, Math.min(10, Math.floor(ops / Math.max(1, concurrency))));
  return Array.from({ length: slices + 1 }, (_, s) => Math.round((s * ops) / slices));
}

/**
 * Orders in which every contender immediately follows every other one equally often (a Williams
 * design: row r is the first row plus r, modulo n; for an odd n the reversed rows too).
 */
export function balancedOrders(n: number): number[][] {
  const first: number[] = [];
  for (let i = 0, lo = 1, hi = n - 1; i < n; i++) first.push(i === 0 ? 0 : i % 2 === 1 ? lo++ : hi--);
  const rows = Array.from({ length: n }, (_, r) => first.map((x) => (x + r) % n));
  return n % 2 === 0 ? rows : [...rows, ...rows.map((row) => [...row].reverse())];
}

/**
 * The contenders' order in slice number `index` (counted across rounds): the balanced orders in turn.
 * Not a rotation: with rotations every contender always follows the same one, and the work that one
 * leaves behind (garbage to collect, a node busy with its writes) is charged to the same successor
 * every time; the control contender showed it (0.81–0.94× the identical baseline in a run where the
 * baseline always followed express-cassandra). For the same reason there is no forced GC at the start
 * of a round: whoever ran first after it paid for it (the baseline, in every round, until 860bbc5).
 */
export function sliceOrder<T>(items: readonly T[], index: number): T[] {
  const orders = balancedOrders(items.length);
  return (orders[index % orders.length] as number[]).map((i) => items[i] as T);
}

/** One round of `ops` operations for every entrant, slice by slice; results in entrant order. */
async function round(workload: Workload, entrants: readonly Entrant[], roundNo: number, ops: number, hooks?: SliceHooks): Promise<RoundResult[]> {
  const bounds = sliceBounds(ops, workload.concurrency);
  const tallies = new Map<Entrant, RoundTally>(entrants.map((e) => [e, new RoundTally()]));
  for (let s = 0; s + 1 < bounds.length; s++) {
    // Each round starts one order further, so no contender is always first in a round.
    for (const e of sliceOrder(entrants, roundNo + s)) {
      await hooks?.before(e);
      const slice = await measureSlice(workload, e.contender, e.lane, roundNo, bounds[s] as number, bounds[s + 1] as number);
      await hooks?.after(e);
      tallies.get(e)?.add(slice);
    }
  }
  return entrants.map((e) => (tallies.get(e) as RoundTally).result());
}

/** Measures one workload for every entrant; the first entrant is the baseline of the ratios. */
export async function runWorkload(workload: Workload, entrants: readonly Entrant[], plan: RunPlan): Promise<Summary[]> {
  const warmupOps = Math.max(Math.ceil(workload.ops / 5), Math.min(workload.ops, workload.concurrency));
  let roundNo = 0;
  for (let w = 0; w < plan.warmupRounds; w++, roundNo++) {
    plan.log(`${workload.name}: warm-up ${w + 1}/${plan.warmupRounds}`);
    await round(workload, entrants, roundNo, warmupOps);
  }
  const perRound: RoundResult[][] = [];
  for (let r = 0; r < plan.rounds; r++, roundNo++) {
    const results = await round(workload, entrants, roundNo, workload.ops, plan.aroundSlice);
    perRound.push(results);
    plan.log(`${workload.name}: round ${r + 1}/${plan.rounds}: ${entrants.map((e, i) => `${e.plugin.name} ${Math.round(results[i]?.opsPerSec ?? 0)} ops/s`).join(', ')}`);
  }
  return entrants.map((e, i) => {
    const rounds = perRound.map((results) => results[i] as RoundResult);
    const raw = perRound.map((results) => results[0] as RoundResult);
    const pick = (f: (r: RoundResult) => number): number[] => rounds.map(f);
    const cpuRatios = rounds.map((r, k) => r.cpuUsPerOp / (raw[k] as RoundResult).cpuUsPerOp);
    return {
      workload: workload.name,
      contender: e.plugin.name,
      concurrency: workload.concurrency,
      rounds,
      opsPerSec: median(pick((r) => r.opsPerSec)),
      spreadPercent: spreadPercent(pick((r) => r.opsPerSec)),
      p50Ms: median(pick((r) => r.p50Ms)),
      p99Ms: median(pick((r) => r.p99Ms)),
      cpuUsPerOp: median(pick((r) => r.cpuUsPerOp)),
      peakHeapDeltaMiB: Math.max(...pick((r) => r.peakHeapDeltaMiB)),
      peakRssMiB: Math.max(...pick((r) => r.peakRssMiB)),
      opsVsRaw: median(rounds.map((r, k) => r.opsPerSec / (raw[k] as RoundResult).opsPerSec)),
      cpuVsRaw: median(cpuRatios),
      cpuVsRawMin: Math.min(...cpuRatios),
      cpuVsRawMax: Math.max(...cpuRatios),
      sliceCpuUsPerOp: rounds.flatMap((r) => r.sliceCpuUsPerOp),
    };
  });
}
