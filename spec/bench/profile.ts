// `--profile`: V8's sampling profiler (the same one `node --cpu-prof` uses), run in-process during the
// measured rounds of each workload, and each sample charged to the code that spent it. It answers what
// the CPU ratios cannot resolve on a noisy machine: how much CPU each mapper's own code costs per
// operation, next to the raw driver's whole cost per operation.
import { Session } from 'node:inspector/promises';

/** The parts of a `.cpuprofile` the attribution reads (Chrome DevTools protocol `Profiler.Profile`). */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string };
    readonly children?: readonly number[];
  }[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/** Whose code a script URL is: a contender's own code, the driver's core, or the benchmark's glue. */
export interface CodeOwner {
  readonly owner: string;
  /** Substrings of script URLs (`file:///…/node_modules/express-cassandra/`); the first owner that matches wins. */
  readonly urls: readonly string[];
}

/** Categories of samples that no owner matched. */
export const GC = '(garbage collector)';
export const UNOWNED = '(node, V8 and other code)';
export const IDLE = '(idle)';

/**
 * Microseconds of CPU per category. A sample goes to the owner of the innermost frame on its stack
 * that some owner claims: time in a dependency or a built-in (lodash, JSON.parse, Map) counts for the
 * code that called it, and time in driver code called by a mapper counts for the driver. Samples of
 * the garbage collector, of idle time and with no owned frame have their own categories.
 */
export function attribute(profile: CpuProfile, owners: readonly CodeOwner[]): Map<string, number> {
  const parent = new Map<number, number>();
  const byId = new Map<number, CpuProfile['nodes'][number]>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const ownerOf = (url: string): string | undefined => {
    if (url === '') return undefined;
    for (const o of owners) if (o.urls.some((u) => url.includes(u))) return o.owner;
    return undefined;
  };
  const categoryOf = new Map<number, string>();
  const categorise = (leaf: number): string => {
    const known = categoryOf.get(leaf);
    if (known !== undefined) return known;
    const name = byId.get(leaf)?.callFrame.functionName;
    // `(program)` is V8 work outside any script (compiling, the profiler itself): unowned, not idle.
    let category: string | undefined = name === '(garbage collector)' ? GC : name === '(idle)' ? IDLE : undefined;
    for (let id: number | undefined = leaf; category === undefined && id !== undefined; id = parent.get(id)) {
      category = ownerOf(byId.get(id)?.callFrame.url ?? '');
    }
    categoryOf.set(leaf, category ?? UNOWNED);
    return category ?? UNOWNED;
  };
  // Sample i lasts until sample i+1 (as DevTools counts self time); the last one until endTime.
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // Every owner is in the result, 0 when none of its code was sampled: a mapper whose own code missed
  // every sample of a short slice then reports 0, not the '–' of a contender without own code.
  const out = new Map<string, number>(owners.map((o) => [o.owner, 0]));
  let at = profile.startTime;
  const stamps = samples.map((_s, i) => (at += deltas[i] ?? 0));
  for (let i = 0; i < samples.length; i++) {
    const next = i + 1 < samples.length ? (stamps[i + 1] as number) : profile.endTime;
    const us = Math.max(0, next - (stamps[i] as number));
    const c = categorise(samples[i] as number);
    out.set(c, (out.get(c) ?? 0) + us);
  }
  return out;
}

/** A running profiler; `stop()` ends it and returns the profile. */
export interface RunningProfile {
  stop(): Promise<CpuProfile>;
}

/** Starts V8's sampling profiler in this process, sampling every `intervalUs` microseconds. */
export async function startProfile(intervalUs: number): Promise<RunningProfile> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.post('Profiler.start');
  return {
    async stop(): Promise<CpuProfile> {
      try {
        const { profile } = await session.post('Profiler.stop');
        return profile as CpuProfile;
      } finally {
        await session.post('Profiler.disable').catch(() => undefined);
        session.disconnect();
      }
    },
  };
}

/** Owners besides the contenders: the driver's core (every contender runs it) and the benchmark's own code. */
export const DRIVER = 'cassandra-driver core';
export const HARNESS = 'benchmark harness';

/** The owners of a run, most specific first: the contenders' own code, then the driver, then the harness. */
export function codeOwners(contenders: readonly { readonly name: string; readonly ownCode?: readonly string[] }[], harnessUrl: string): CodeOwner[] {
  return [
    ...contenders.filter((c) => c.ownCode !== undefined && c.ownCode.length > 0).map((c) => ({ owner: c.name, urls: c.ownCode ?? [] })),
    { owner: DRIVER, urls: ['/node_modules/cassandra-driver/lib/'] },
    { owner: HARNESS, urls: [harnessUrl] },
  ];
}

/** One contender's profiled slices of one workload: sampled µs per category over its measured rounds. */
export interface ContenderProfile {
  readonly workload: string;
  readonly contender: string;
  /** Operations the contender ran in the measured rounds. */
  readonly ops: number;
  readonly sampledUs: Readonly<Record<string, number>>;
}

/** Adds up the attributed profiles of many slices, per workload and contender, in the order first seen. */
export class ProfileTally {
  private readonly totals = new Map<string, { workload: string; contender: string; ops: number; us: Map<string, number> }>();

  /** Adds the attributed samples of one slice. */
  add(workload: string, contender: string, attributed: ReadonlyMap<string, number>): void {
    const t = this.entry(workload, contender);
    for (const [category, us] of attributed) t.us.set(category, (t.us.get(category) ?? 0) + us);
  }

  /** Counts operations the contender ran while profiled. */
  count(workload: string, contender: string, ops: number): void {
    this.entry(workload, contender).ops += ops;
  }

  private entry(workload: string, contender: string): { workload: string; contender: string; ops: number; us: Map<string, number> } {
    const key = `${workload}\u0000${contender}`;
    let t = this.totals.get(key);
    if (t === undefined) {
      t = { workload, contender, ops: 0, us: new Map() };
      this.totals.set(key, t);
    }
    return t;
  }

  profiles(): ContenderProfile[] {
    return [...this.totals.values()].map((t) => ({ workload: t.workload, contender: t.contender, ops: t.ops, sampledUs: Object.fromEntries(t.us) }));
  }
}

/** Sampled CPU of a profile in µs: every category but idle. */
export function busyUs(sampledUs: Readonly<Record<string, number>>): number {
  return Object.entries(sampledUs).reduce((sum, [category, us]) => (category === IDLE ? sum : sum + us), 0);
}
