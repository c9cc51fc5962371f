// Slice-by-slice comparisons of two contenders: every contender runs the same slices of a round, one
// after the other, so slice i of one and slice i of another met nearly the same machine and node.
// Their CPU ratios, slice by slice, give many more paired samples than the rounds do (up to 10 a
// round), and a confidence interval for their median says whether this run resolved a difference.
import { median, medianInterval } from './stats.js';
import type { Summary } from './runner.js';
import type { WorkloadName } from './workloads.js';

/** What the slices say about `contender` against `versus` on one workload. */
export interface HeadToHead {
  readonly workload: WorkloadName;
  readonly contender: string;
  readonly versus: string;
  /** Paired slices. */
  readonly slices: number;
  /** Median over the slices of contender CPU per op / versus CPU per op. */
  readonly ratio: number;
  /** 95% confidence interval of that median (undefined with fewer than 6 slices). */
  readonly interval: { readonly lo: number; readonly hi: number } | undefined;
  /** Slices in which the contender used less CPU per operation. */
  readonly cheaperIn: number;
  /** 'cheaper' or 'dearer' when the interval lies wholly below or above 1; else 'not resolved'. */
  readonly verdict: 'cheaper' | 'dearer' | 'not resolved';
}

/** `f` of slice i of `a` and slice i of `b`, for every slice (same workload, same rounds). */
function paired(a: Summary, b: Summary, f: (a: number, b: number) => number): number[] {
  if (a.workload !== b.workload) throw new Error(`paired slices: ${a.workload} against ${b.workload}`);
  const n = a.sliceCpuUsPerOp.length;
  if (b.sliceCpuUsPerOp.length !== n) {
    throw new Error(`paired slices: ${a.contender} has ${n} slices of ${a.workload}, ${b.contender} ${b.sliceCpuUsPerOp.length}`);
  }
  return Array.from({ length: n }, (_, i) => f(a.sliceCpuUsPerOp[i] as number, b.sliceCpuUsPerOp[i] as number));
}

/** Compares two contenders' slices of one workload (same workload, same rounds). */
export function compareSlices(a: Summary, b: Summary): HeadToHead {
  const ratios = paired(a, b, (x, y) => x / y);
  const n = ratios.length;
  const interval = medianInterval(ratios);
  return {
    workload: a.workload,
    contender: a.contender,
    versus: b.contender,
    slices: n,
    ratio: median(ratios),
    interval,
    cheaperIn: ratios.filter((r) => r < 1).length,
    verdict: interval === undefined ? 'not resolved' : interval.hi < 1 ? 'cheaper' : interval.lo > 1 ? 'dearer' : 'not resolved',
  };
}

/**
 * The comparisons the goal needs, per workload: `focus` against every other contender (the baseline
 * first), and, when present, `control` against the baseline: two identical contenders, whose interval
 * should hold 1, which checks the method itself. `baseline` is the first contender of the run.
 */
export function headToHead(summaries: readonly Summary[], baseline: string, focus: string, control?: string): HeadToHead[] {
  const out: HeadToHead[] = [];
  const workloads = [...new Set(summaries.map((s) => s.workload))];
  for (const w of workloads) {
    const of = (name: string): Summary | undefined => summaries.find((s) => s.workload === w && s.contender === name);
    const base = of(baseline);
    if (base === undefined) continue;
    const ctl = control === undefined ? undefined : of(control);
    if (ctl !== undefined) out.push(compareSlices(ctl, base));
    const me = of(focus);
    if (me === undefined || focus === baseline) continue;
    out.push(compareSlices(me, base));
    for (const s of summaries) {
      if (s.workload === w && s.contender !== focus && s.contender !== baseline && s.contender !== control) out.push(compareSlices(me, s));
    }
  }
  return out;
}

/** Half the width of a comparison's interval, as a fraction of its ratio (Infinity without an interval). */
export function relativeHalfWidth(p: HeadToHead): number {
  return p.interval === undefined ? Infinity : (p.interval.hi - p.interval.lo) / 2 / p.ratio;
}

/**
 * True when every comparison has an interval within ±`tolerance` of its ratio: the run has pinned
 * each ratio down that closely (`--until-stable`). With no comparison at all there is nothing to settle.
 */
export function settled(pairs: readonly HeadToHead[], tolerance: number): boolean {
  return pairs.every((p) => relativeHalfWidth(p) <= tolerance);
}

/** What one contender spends above the baseline on one workload, slice by slice (for `--replay`). */
export interface Added {
  readonly workload: WorkloadName;
  readonly contender: string;
  readonly slices: number;
  /** Median over the paired slices of contender CPU µs/op − baseline CPU µs/op. */
  readonly usPerOp: number;
  /** 95% confidence interval of that median (undefined with fewer than 6 slices). */
  readonly interval: { readonly lo: number; readonly hi: number } | undefined;
}

/**
 * Per workload, every contender's CPU per operation above the baseline's in the same slice: under
 * `--replay`, where the baseline's slice is little more than the harness, that is what the library
 * itself spends on an operation. The control's row should hold 0.
 */
export function addedCpu(summaries: readonly Summary[], baseline: string): Added[] {
  const out: Added[] = [];
  for (const base of summaries.filter((s) => s.contender === baseline)) {
    for (const s of summaries) {
      if (s.workload !== base.workload || s.contender === baseline) continue;
      const diffs = paired(s, base, (x, y) => x - y);
      out.push({ workload: s.workload, contender: s.contender, slices: diffs.length, usPerOp: median(diffs), interval: medianInterval(diffs) });
    }
  }
  return out;
}
