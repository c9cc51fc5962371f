// Prints a run: a header stating machine, node and method, then one Markdown table (pasteable into
// the README), then the legend of the workloads.
import type { WriteCheck } from './verify.js';
import { nodeLocation, type Environment } from './machine.js';
import { busyUs, DRIVER, GC, type ContenderProfile } from './profile.js';
import type { Added, HeadToHead } from './compare.js';
import type { Summary } from './runner.js';

/** How the run was made, for the header. */
export interface Method {
  readonly mode: 'full' | 'smoke';
  readonly rounds: number;
  readonly warmupRounds: number;
  readonly concurrency: number;
  /** The `--seed` of the slice orders' relabelling. */
  readonly seed: number;
  /** The contenders in the order they were set up (their clients connected), from the seed. */
  readonly setupOrder: readonly string[];
  readonly gc: boolean;
  /** `--replay`: the driver clients answered from a recording (replay.ts), not from the node. */
  readonly replay: boolean;
  /** `--isolate`: every contender in a process of its own (isolated.ts). */
  readonly isolate: boolean;
  /** The writes read back after each write workload (verify.ts); empty under `--replay`. */
  readonly verified: readonly WriteCheck[];
  /** `--until-stable`: the most rounds a workload could run, and the interval half-width (fraction of the ratio) it aimed at. */
  readonly untilStable?: { readonly maxRounds: number; readonly tolerance: number };
}

/** The header line of `--until-stable`: how many rounds each workload ran, and which settled. */
export function stabilityLine(method: Method, summaries: readonly Summary[]): string | undefined {
  const until = method.untilStable;
  if (until === undefined) return undefined;
  const byWorkload = new Map<string, Summary>();
  for (const s of summaries) if (!byWorkload.has(s.workload)) byWorkload.set(s.workload, s);
  const parts = [...byWorkload.values()].map((s) => `${s.workload} ${s.settled === true ? 'settled' : 'NOT settled'} after ${s.rounds.length}`);
  return (
    `- until stable (--until-stable): after ${method.rounds} rounds each workload ran one more round at a time, up to ${until.maxRounds}, until the 95% interval of every ` +
    `slice-by-slice comparison below was within ±${fixed(until.tolerance * 100, 1)}% of its ratio: ${parts.join(', ')} rounds`
  );
}

/** The header line that says which writes were read back, and what they showed. */
export function verifiedLine(method: Method): string {
  if (method.replay) return '- writes verified: no (--replay answers every write from a recording; nothing reaches the node)';
  if (method.verified.length === 0) return '- writes verified: no write workload ran';
  const byWorkload = new Map<string, WriteCheck[]>();
  for (const c of method.verified) byWorkload.set(c.workload, [...(byWorkload.get(c.workload) ?? []), c]);
  const parts = [...byWorkload].map(([w, list]) => {
    const counts = [...new Set(list.map((c) => c.checked))].join('/');
    const ok = list.every((c) => c.mismatches === 0);
    return `${w} ${counts} ${w === 'batch' ? 'partitions' : 'rows'} per contender${ok ? '' : ' (MISMATCHES)'}`;
  });
  return `- writes verified: after the measured rounds a sample of each contender's writes was read back through a raw driver client of the benchmark's own and compared with what it was asked to write: ${parts.join(', ')}, all as written`;
}

const COLUMNS = ['workload', 'contender', 'ops/s', '±', 'p50 ms', 'p99 ms', 'CPU µs/op', 'heap Δ MiB', 'RSS MiB', 'ops/s vs raw', 'CPU vs raw', 'CPU vs raw, rounds'];

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

function grouped(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US').replace(/,/g, ' ') : 'n/a';
}

function significant(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** The header lines. */
export function header(env: Environment, method: Method): string[] {
  const m = env.machine;
  const libs = Object.entries(env.libraries).map(([k, v]) => `${k} ${v}`).join(', ');
  return [
    `# cassandra-orm benchmark (${method.mode}), ${env.startedAt}`,
    '',
    `- machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB.toFixed(1)} GiB RAM (${m.freeMemoryGiB.toFixed(1)} free), ` +
      `load average ${m.loadAverage.map((l) => l.toFixed(2)).join(' ')}, ${m.os}, Node ${m.nodeVersion}`,
    `- node: Cassandra ${env.cassandra.releaseVersion} at ${env.cassandra.contactPoints.join(',')} (${env.cassandra.dataCenter}), ${nodeLocation(env.cassandra.contactPoints)}`,
    `- libraries: ${libs}`,
    `- method: ${method.warmupRounds} warm-up round(s), then ${method.rounds} measured rounds${method.untilStable !== undefined ? ' (more with --until-stable, below)' : ''}; in each round every contender runs ` +
      `the same operations at the same concurrency (${method.concurrency} in flight unless the legend says otherwise), cut into up to ` +
      `10 slices that the contenders take in turns, in orders that change every slice, along a cycle in which each contender follows each other equally often (from one slice to the next too), its contenders relabelled at random every cycle (--seed ${method.seed}); contenders set up in the order ${method.setupOrder.join(', ')}; figures are medians over the rounds; ` +
      'the ratios to the raw driver are medians of the per-round ratios, and "CPU vs raw, rounds" is their lowest–highest; ' +
      '± is half the min–max range of ops/s as % of the median; ' +
      'heap Δ is the peak heapUsed above the start of a slice (not GC-settled: garbage of earlier slices included), ' +
      `highest over the rounds; RSS is the peak resident size of ${method.isolate ? "the contender's own process" : 'the whole benchmark process'}; CPU is client user+system time per operation.`,
    verifiedLine(method),
    ...(method.isolate
      ? [
          '- isolated (--isolate): every contender ran in a Node process of its own, which measured its own slices; heap, collector and ' +
            'compiled code were that contender\'s alone, and the CPU its process spent between two of its slices (collection work its ' +
            'last slice started, the request for the next slice) counts in its next slice.',
        ]
      : []),
    ...(method.replay
      ? [
          '- replay (--replay): the node answered one recording round per workload and contender; every measured operation was then answered ' +
            'from that recording by the contender\'s own driver client (execute() and batch() replaced, no network, no node, no protocol work), ' +
            'so CPU µs/op is what each library spends above the driver call, plus the same harness for all. Latency, ops/s and memory ' +
            'describe that replay, not a database.',
        ]
      : []),
  ];
}

/** The results as a Markdown table, one row per workload and contender. */
export function table(summaries: readonly Summary[]): string[] {
  const rows = summaries.map((s) => [
    s.workload,
    s.contender,
    s.opsPerSec >= 100 ? grouped(s.opsPerSec) : significant(s.opsPerSec),
    `${fixed(s.spreadPercent, 0)}%`,
    significant(s.p50Ms),
    significant(s.p99Ms),
    s.cpuUsPerOp >= 100 ? grouped(s.cpuUsPerOp) : significant(s.cpuUsPerOp),
    fixed(s.peakHeapDeltaMiB, 1),
    fixed(s.peakRssMiB, 0),
    `${fixed(s.opsVsRaw, 2)}×`,
    `${fixed(s.cpuVsRaw, 2)}×`,
    `${fixed(s.cpuVsRawMin, 2)}–${fixed(s.cpuVsRawMax, 2)}×`,
  ]);
  return markdownTable(COLUMNS, rows);
}

/**
 * The slice-by-slice comparisons (compare.ts) as a Markdown table with a title and what it means:
 * per workload, the median CPU ratio over the paired slices, its 95% interval, how many slices the
 * first contender was cheaper in, and whether the run resolved a difference.
 */
export function headToHeadTable(rows: readonly HeadToHead[]): string[] {
  const cols = ['workload', 'comparison', 'slices', 'CPU ratio', '95% interval', 'cheaper in', 'verdict'];
  const cells = rows.map((h) => [
    h.workload,
    `${h.contender} / ${h.versus}`,
    String(h.slices),
    `${fixed(h.ratio, 3)}×`,
    h.interval === undefined ? 'too few slices' : `${fixed(h.interval.lo, 3)}–${fixed(h.interval.hi, 3)}×`,
    `${h.cheaperIn} of ${h.slices}`,
    h.verdict,
  ]);
  return [
    '## Slice by slice',
    '',
    'Every contender runs the same slices of a round, one after the other, so slice i of two contenders met nearly the same machine and node. ' +
      '"CPU ratio" is the median over the paired slices of the first contender\'s CPU per operation divided by the second\'s, "95% interval" ' +
      'a distribution-free confidence interval of that median (order statistics of the binomial sign test), and "cheaper in" counts the slices ' +
      'in which the first used less CPU per operation. "cheaper" or "dearer" when the interval lies wholly below or above 1×, else "not resolved": ' +
      'this run cannot tell the two apart. The control against the raw driver compares two identical contenders and should read "not resolved".',
    '',
    ...markdownTable(cols, cells),
  ];
}

/**
 * The `--replay` table: per workload and contender, the CPU per operation above the raw driver's in
 * the same slice (median and 95% interval), and per row where an operation returns many
 * (`rowsPerOp`: the scan's and the stream's rows).
 */
export function addedTable(rows: readonly Added[], rowsPerOp: Readonly<Partial<Record<string, number>>>): string[] {
  const cols = ['workload', 'contender', 'slices', 'added CPU µs/op', '95% interval', 'added ns/row'];
  const us = (v: number): string =>
    Number.isFinite(v) ? `${v < 0 ? '−' : ''}${Math.abs(v) >= 100 ? grouped(Math.abs(v)) : significant(Math.abs(v))}` : 'n/a';
  const cells = rows.map((a) => {
    const perRow = rowsPerOp[a.workload];
    return [
      a.workload,
      a.contender,
      String(a.slices),
      us(a.usPerOp),
      a.interval === undefined ? 'too few slices' : `${us(a.interval.lo)} to ${us(a.interval.hi)}`,
      perRow === undefined ? '–' : us((a.usPerOp * 1000) / perRow),
    ];
  });
  return [
    '## What each library adds above the raw driver (replayed)',
    '',
    'Slice by slice, a contender\'s CPU per operation minus the raw driver\'s in the same slice: with the answers replayed, what the library ' +
      'itself spends on an operation (building the statement and its parameters, mapping the rows), its garbage collection included. ' +
      'Median over the paired slices, with a 95% interval; per row for the workloads that return many. The control should read about 0.',
    '',
    ...markdownTable(cols, cells),
  ];
}

/** A Markdown table: the first two columns left-aligned (names), the others right-aligned (figures). */
function markdownTable(columns: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i < 2 ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`;
  return [line(columns), rule, ...rows.map(line)];
}

/**
 * A line with each contender's peak heap while the stream ran. The heap is not GC-settled before every
 * slice (see measure.ts), so a peak also holds garbage of earlier slices: whether memory stays flat is
 * shown by the retention check (stream-retention.ts), which forces a GC at every tenth of the rows.
 */
export function streamMemoryNote(summaries: readonly Summary[], streamRows: number): string | undefined {
  const streams = summaries.filter((s) => s.workload === 'stream');
  if (streams.length === 0) return undefined;
  const peaks = streams.map((s) => `${s.contender} ${fixed(s.peakHeapDeltaMiB, 1)} MiB`).join(', ');
  return `- stream memory (peak heap above the start of a slice while ${streamRows.toLocaleString('en-US')} rows went by, garbage included): ${peaks}.`;
}

/**
 * The `--profile` table: per workload and contender, the main thread's sampled CPU per operation, the
 * part spent in the contender's own code (and that part as a share of the raw driver's sampled CPU per
 * operation), the driver's core and the garbage collector. `contenders` gives the row order; the
 * first is the baseline.
 */
export function profileTable(profiles: readonly ContenderProfile[], contenders: readonly string[]): string[] {
  const cols = ['workload', 'contender', 'sampled CPU µs/op', 'own code µs/op', 'own code vs raw', 'driver core µs/op', 'GC µs/op'];
  const baseline = contenders[0];
  const workloads = [...new Set(profiles.map((p) => p.workload))];
  const rank = (p: ContenderProfile): number => workloads.indexOf(p.workload) * contenders.length + contenders.indexOf(p.contender);
  const rows = [...profiles].sort((a, b) => rank(a) - rank(b)).map((p) => {
    const raw = profiles.find((q) => q.workload === p.workload && q.contender === baseline);
    const rawBusy = raw === undefined ? Number.NaN : busyUs(raw.sampledUs) / raw.ops;
    const own = p.sampledUs[p.contender];
    const perOp = (us: number | undefined): string => significant((us ?? 0) / p.ops);
    return [
      p.workload,
      p.contender,
      significant(busyUs(p.sampledUs) / p.ops),
      own === undefined ? '–' : perOp(own),
      own === undefined ? '–' : `${fixed((100 * own) / p.ops / rawBusy, 1)}%`,
      perOp(p.sampledUs[DRIVER]),
      perOp(p.sampledUs[GC]),
    ];
  });
  return [
    '## Where the CPU went (V8 sampling profiler, every measured slice)',
    '',
    'Each contender\'s slices are profiled on their own (a sample every 100 µs, main thread only). A sample is charged to the innermost frame that an owner claims: ' +
      'a mapper\'s own files, the driver\'s core, or the harness; dependencies and built-ins count for their caller, so time in driver code that a mapper calls is the driver\'s. ' +
      '"own code vs raw" divides a mapper\'s own code by the raw driver\'s sampled CPU per operation. Garbage collection is charged to the slice it ran in, which may not be the one that made the garbage. ' +
      'The profiler slows every contender: compare these figures with each other, not with the table above.',
    '',
    ...markdownTable(cols, rows),
  ];
}
