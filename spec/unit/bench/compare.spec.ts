// The slice-by-slice comparisons: the sign test's interval for a median, the pairing of two
// contenders' slices, the verdicts, and which comparisons a run prints.
import { expect } from 'chai';
import { compareSlices, headToHead } from '../../bench/compare.js';
import { headToHeadTable } from '../../bench/report.js';
import { binomialHalfCdf, medianInterval } from '../../bench/stats.js';
import type { Summary } from '../../bench/runner.js';
import { sliceSummary as summary } from './summaries.js';

describe('benchmark slice-by-slice comparisons', () => {
  it('computes the Binomial(n, 1/2) distribution function, also where 2^-n underflows', () => {
    expect(binomialHalfCdf(0, 5)).to.be.closeTo(1 / 32, 1e-12);
    expect(binomialHalfCdf(2, 5)).to.be.closeTo(0.5, 1e-12);
    expect(binomialHalfCdf(-1, 5)).to.equal(0);
    expect(binomialHalfCdf(5, 5)).to.equal(1);
    expect(binomialHalfCdf(1000, 2000)).to.be.closeTo(0.5 + 0.5 * 0.01783, 1e-4); // P(B = n/2) ≈ 0.01783 for n = 2000
  });

  it('gives the order statistics of the sign test as the interval of the median, none below 6 values', () => {
    expect(medianInterval([1, 2, 3, 4, 5])).to.equal(undefined);
    // n = 6: only the extremes reach 95% (coverage 1 − 2/64).
    expect(medianInterval([6, 1, 5, 2, 4, 3])).to.deep.equal({ lo: 1, hi: 6 });
    // n = 20: the 6th lowest and 6th highest (coverage 0.9586; the 7th would give 0.8847).
    const twenty = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(medianInterval(twenty)).to.deep.equal({ lo: 6, hi: 15 });
  });

  it('pairs slice i with slice i, and says cheaper, dearer or not resolved', () => {
    const base = Array.from({ length: 20 }, (_, i) => 10 + (i % 5));
    const cheaper = compareSlices(summary('update', 'orm', base.map((x) => x * 0.9)), summary('update', 'raw', base));
    expect(cheaper).to.include({ slices: 20, cheaperIn: 20, verdict: 'cheaper' });
    expect(cheaper.ratio).to.be.closeTo(0.9, 1e-12);
    const dearer = compareSlices(summary('update', 'orm', base.map((x, i) => x * (i === 3 ? 0.95 : 1.1))), summary('update', 'raw', base));
    expect(dearer).to.include({ cheaperIn: 1, verdict: 'dearer' });
    // Alternating 0.9 and 1.1: the median is 1, and the interval holds 1.
    const mixed = compareSlices(summary('update', 'orm', base.map((x, i) => x * (i % 2 === 0 ? 0.9 : 1.1))), summary('update', 'raw', base));
    expect(mixed).to.include({ cheaperIn: 10, verdict: 'not resolved' });
    expect(mixed.interval?.lo).to.be.below(1);
    expect(mixed.interval?.hi).to.be.above(1);
    const few = compareSlices(summary('stream', 'orm', [1, 1, 1]), summary('stream', 'raw', [2, 2, 2]));
    expect(few).to.include({ interval: undefined, verdict: 'not resolved', cheaperIn: 3 });
  });

  it('refuses slices that cannot be paired', () => {
    expect(() => compareSlices(summary('update', 'orm', [1, 2]), summary('update', 'raw', [1]))).to.throw(/orm has 2 slices of update, raw 1/);
    expect(() => compareSlices(summary('update', 'orm', [1]), summary('stream', 'raw', [1]))).to.throw(/update against stream/);
  });

  it('compares the control with the baseline, then the focus with the baseline and every other contender', () => {
    const s = (w: 'update' | 'stream', c: string): Summary => summary(w, c, [1, 2, 3, 4, 5, 6]);
    const names = ['raw', 'control', 'orm', 'mapper', 'express'];
    const all = [...names.map((c) => s('update', c)), ...names.map((c) => s('stream', c))];
    const pairs = headToHead(all, 'raw', 'orm', 'control').map((h) => `${h.workload}: ${h.contender}/${h.versus}`);
    expect(pairs).to.deep.equal([
      'update: control/raw', 'update: orm/raw', 'update: orm/mapper', 'update: orm/express',
      'stream: control/raw', 'stream: orm/raw', 'stream: orm/mapper', 'stream: orm/express',
    ]);
    expect(headToHead(all, 'raw', 'orm').map((h) => h.contender)).to.not.include('control');
    expect(headToHead(['raw', 'mapper'].map((c) => s('update', c)), 'raw', 'orm')).to.deep.equal([]);
  });

  it('prints one row per comparison with its interval and verdict', () => {
    const base = Array.from({ length: 20 }, () => 10);
    const lines = headToHeadTable([
      compareSlices(summary('update', 'orm', base.map(() => 9)), summary('update', 'raw', base)),
      compareSlices(summary('stream', 'orm', [1, 1]), summary('stream', 'raw', [1, 1])),
    ]);
    expect(lines[0]).to.equal('## Slice by slice');
    const rows = lines.filter((l) => l.startsWith('| update') || l.startsWith('| stream')).map((l) => l.slice(1, -1).split('|').map((c) => c.trim()));
    expect(rows).to.deep.equal([
      ['update', 'orm / raw', '20', '0.900×', '0.900–0.900×', '20 of 20', 'cheaper'],
      ['stream', 'orm / raw', '2', '1.000×', 'too few slices', '0 of 2', 'not resolved'],
    ]);
  });
});
