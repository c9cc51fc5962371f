// Runs the workloads: per workload a warm-up for every contender, then several rounds. A round is cut
// into slices and the contenders take turns slice by slice (in a balanced cycle of orders: each follows
// each other equally often, across the seams between slices too), so that
// every contender meets the same node: compactions, GC pauses and JIT warm-up on the node's side
// spread evenly instead of landing on whoever ran during them.
import type { Contender, ContenderPlugin } from './contenders/contender.js';
import type { ContenderProcess } from './isolated.js';
import { measureSlice, RoundTally, type RoundResult, type SliceResult } from './measure.js';
import { median, spreadPercent } from './stats.js';
import type { Workload, WorkloadName } from './workloads.js';

/** One contender ready to measure: in this process, or in a process of its own (`--isolate`). */
export type Entrant = LocalEntrant | IsolatedEntrant;

/** A contender running in the benchmark's process. */
export interface LocalEntrant {
  readonly plugin: ContenderPlugin;
  readonly contender: Contender;
  /** The entrant's number: which range of keys its writes use (contenders share the tables). */
  readonly lane: number;
}

/** A contender running in a process of its own (isolated.ts), which measures its slices. */
export interface IsolatedEntrant {
  readonly plugin: ContenderPlugin;
  readonly process: ContenderProcess;
  readonly lane: number;
}

/** Runs and measures one slice of the entrant, wherever it runs. */
function measureEntrant(e: Entrant, workload: Workload, round: number, from: number, to: number): Promise<SliceResult> {
  return 'process' in e ? e.process.measureSlice(workload.name, round, from, to) : measureSlice(workload, e.contender, e.lane, round, from, to);
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
  /** With `--until-stable` only: whether the workload's comparisons settled before its last round. */
  readonly settled?: boolean;
}

/** How many rounds, and where progress goes. */
export interface RunPlan {
  readonly rounds: number;
  readonly warmupRounds: number;
  /** Seeds the relabelling of the slice orders (`SliceSchedule`). */
  readonly seed: number;
  readonly log: (line: string) => void;
  /** Called around each slice of the measured rounds, outside its measurement (`--profile` profiles the slice). */
  readonly aroundSlice?: SliceHooks;
  /**
   * `--until-stable`: after `rounds`, one more round at a time until `settled` says the summaries so
   * far are precise enough, or `maxRounds` have run.
   */
  readonly untilStable?: { readonly maxRounds: number; readonly settled: (summaries: readonly Summary[]) => boolean };
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
 * The orders of one cycle of slices, run back to back. Within an order of `balancedOrders` every
 * contender follows every other one equally often, but slices also follow each other: the last
 * contender of one order precedes the first of the next. Walking the balanced orders in turn made
 * that seam always the same pairs (with four contenders, a quarter of all successions was "k+1
 * before k": the raw driver followed its control 43 times in a 9-round run, and the cassandra-orm
 * slices followed the Mapper's, against 22–25 for the other predecessors). So the cycle walks the
 * orders along an Eulerian circuit chosen so that the seams, too, cover every ordered pair of
 * contenders exactly once: over a cycle every contender follows every other one equally often
 * (never itself, from three contenders on) and holds every position equally often. Its length is
 * n(n - 1) orders (n = 2: the two orders, whose seams are each contender following itself once).
 *
 * Not a rotation either: with rotations every contender always follows the same one, and the work
 * that one leaves behind (garbage to collect, a node busy with its writes) is charged to the same
 * successor every time; the control contender showed it (0.81–0.94× the identical baseline in a run
 * where the baseline always followed express-cassandra). For the same reason there is no forced GC
 * at the start of a round: whoever ran first after it paid for it (the baseline, in every round,
 * until 860bbc5).
 */
export function sliceCycle(n: number): number[][] {
  const orders = balancedOrders(n);
  if (n <= 2) return orders;
  // The seam from order a to order b puts last(a) before first(b). One edge a -> b per ordered pair
  // (x, y), x != y: from an order ending in x to one starting with y, spread evenly over the orders
  // that qualify (one each for an even n, two for an odd one), so every order has as many edges in
  // as out. An Eulerian circuit of that multigraph is the cycle, if the graph is connected; for an
  // odd n it may not be (n = 3 is two separate triangles at first), so which of its two orders an
  // endpoint hands its k-th pair to is flipped per endpoint (the bits of `flips`) until it is.
  const ending = new Map<number, number[]>();
  const starting = new Map<number, number[]>();
  orders.forEach((order, i) => {
    const last = order[n - 1] as number;
    const first = order[0] as number;
    ending.set(last, [...(ending.get(last) ?? []), i]);
    starting.set(first, [...(starting.get(first) ?? []), i]);
  });
  const tries = n % 2 === 0 ? 1 : 2 ** Math.min(2 * n, 16);
  for (let flips = 0; flips < tries; flips++) {
    const out: number[][] = orders.map(() => []);
    for (let x = 0; x < n; x++) {
      for (let y = 0, k = 0; y < n; y++) {
        if (x === y) continue;
        const from = ending.get(x) as number[];
        const to = starting.get(y) as number[];
        const a = from[(k++ + ((flips >> x) & 1)) % from.length] as number;
        const rank = x < y ? x : x - 1; // x's rank among the pairs ending in y
        const b = to[(rank + ((flips >> (n + y)) & 1)) % to.length] as number;
        out[a]?.push(b);
      }
    }
    const circuit = eulerianCircuit(out);
    if (circuit.length === n * (n - 1)) return circuit.map((i) => orders[i] as number[]);
  }
  throw new Error(`no balanced cycle of slice orders for ${n} contenders`);
}

/** An Eulerian circuit from vertex 0 (Hierholzer), without the closing return to 0; shorter than the edge count if the graph is not connected. */
function eulerianCircuit(out: readonly (readonly number[])[]): number[] {
  const next = out.map(() => 0);
  const stack = [0];
  const circuit: number[] = [];
  while (stack.length > 0) {
    const v = stack[stack.length - 1] as number;
    const edges = out[v] as readonly number[];
    const e = next[v] as number;
    if (e < edges.length) {
      next[v] = e + 1;
      stack.push(edges[e] as number);
    } else {
      circuit.push(stack.pop() as number);
    }
  }
  circuit.reverse().pop();
  return circuit;
}

/**
 * The contenders' order in every slice, counted from the first measured slice: the cycle's orders in
 * turn, each cycle under a fresh random relabelling of the contenders (from `seed`). A relabelling
 * keeps what the cycle balances (positions, and who immediately follows whom), and it spreads what the
 * cycle leaves unbalanced: who runs two or three slices after whom. That matters when one contender
 * leaves much garbage behind, which the collector may charge to a slice further on: with five
 * contenders, the plain cycle put the raw driver two slices after express-cassandra 30 times in a
 * 9-round run, its identical control 15 times and cassandra-orm 4 times. The seam from one cycle to
 * the next joins two relabellings, so that one succession is a random pair (possibly a contender
 * after itself): one in n²(n - 1), unbiased.
 */
export class SliceSchedule<T> {
  private readonly cycle: number[][];
  private label: number[] = [];
  private index = 0;
  private readonly random: () => number;

  constructor(private readonly items: readonly T[], seed: number) {
    this.cycle = cycleOf(items.length);
    this.random = mulberry32(seed);
  }

  /** The order of the next slice. */
  next(): T[] {
    const i = this.index++ % this.cycle.length;
    if (i === 0) this.label = this.shuffled();
    return (this.cycle[i] as number[]).map((j) => this.items[this.label[j] as number] as T);
  }

  /** 0..n-1 in random order. */
  private shuffled(): number[] {
    return shuffled(this.items.map((_, i) => i), this.random);
  }
}

/** A seeded generator of numbers in [0, 1) (mulberry32). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A copy of `items` in random order (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** A 32-bit FNV-1a hash of a string. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const cycles = new Map<number, number[][]>();
function cycleOf(n: number): number[][] {
  let cycle = cycles.get(n);
  if (cycle === undefined) cycles.set(n, (cycle = sliceCycle(n)));
  return cycle;
}

/** One round of `ops` operations for every entrant, slice by slice in the schedule's orders; results in entrant order. */
async function round(workload: Workload, entrants: readonly Entrant[], roundNo: number, ops: number, schedule: SliceSchedule<Entrant>, hooks?: SliceHooks): Promise<RoundResult[]> {
  const bounds = sliceBounds(ops, workload.concurrency);
  const tallies = new Map<Entrant, RoundTally>(entrants.map((e) => [e, new RoundTally()]));
  for (let s = 0; s + 1 < bounds.length; s++) {
    // The slices of all rounds walk the cycle of orders without a break, so the seams between
    // rounds are balanced like the others.
    for (const e of schedule.next()) {
      await hooks?.before(e);
      const slice = await measureEntrant(e, workload, roundNo, bounds[s] as number, bounds[s + 1] as number);
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
  // Each workload (and its warm-up) gets its own relabellings.
  const seed = (plan.seed ^ fnv1a(workload.name)) >>> 0;
  const warmup = new SliceSchedule(entrants, seed ^ 0x5bd1e995);
  for (let w = 0; w < plan.warmupRounds; w++, roundNo++) {
    plan.log(`${workload.name}: warm-up ${w + 1}/${plan.warmupRounds}`);
    await round(workload, entrants, roundNo, warmupOps, warmup);
  }
  // The measured slices start a cycle of their own, so that each whole cycle of them is balanced.
  const schedule = new SliceSchedule(entrants, seed);
  const perRound: RoundResult[][] = [];
  const measure = async (of: number): Promise<void> => {
    const results = await round(workload, entrants, roundNo++, workload.ops, schedule, plan.aroundSlice);
    perRound.push(results);
    plan.log(`${workload.name}: round ${perRound.length}/${of}: ${entrants.map((e, i) => `${e.plugin.name} ${Math.round(results[i]?.opsPerSec ?? 0)} ops/s`).join(', ')}`);
  };
  for (let r = 0; r < plan.rounds; r++) await measure(plan.rounds);
  const until = plan.untilStable;
  if (until === undefined) return summarise(workload, entrants, perRound);
  let done = until.settled(summarise(workload, entrants, perRound));
  while (!done && perRound.length < until.maxRounds) {
    plan.log(`${workload.name}: not settled after ${perRound.length} rounds, one more`);
    await measure(until.maxRounds);
    done = until.settled(summarise(workload, entrants, perRound));
  }
  plan.log(`${workload.name}: ${done ? 'settled' : 'not settled'} after ${perRound.length} rounds`);
  return summarise(workload, entrants, perRound).map((s) => ({ ...s, settled: done }));
}

/** Each entrant's figures over the rounds measured so far. */
function summarise(workload: Workload, entrants: readonly Entrant[], perRound: readonly (readonly RoundResult[])[]): Summary[] {
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
