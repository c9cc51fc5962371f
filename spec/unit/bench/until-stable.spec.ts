// `--until-stable`: a workload runs more rounds, one at a time and up to a bound, until every
// slice-by-slice comparison's interval is as narrow as asked; the report and the doc say how many
// rounds each workload ran and whether it settled, and the doc counts the rounds within 5% of raw.
import { expect } from 'chai';
import type { Contender, ContenderPlugin } from '../../bench/contenders/contender.js';
import { compareSlices, relativeHalfWidth, settled } from '../../bench/compare.js';
import { parseOptions, UsageError } from '../../bench/options.js';
import { renderFigures, type ResultsFile } from '../../bench/performance-doc.js';
import { stabilityLine, type Method } from '../../bench/report.js';
import { runWorkload, type Entrant, type Summary } from '../../bench/runner.js';
import type { RoundResult } from '../../bench/measure.js';
import type { Workload } from '../../bench/workloads.js';
import { sliceSummary } from './summaries.js';

describe('bench --until-stable', () => {
  describe('flags', () => {
    it('is off unless given, and then bounds the rounds at 3 × --rounds and aims at ±2.5%', () => {
      expect(parseOptions([]).untilStable).to.equal(undefined);
      expect(parseOptions(['--until-stable']).untilStable).to.deep.equal({ maxRounds: 15, tolerance: 0.025 });
      expect(parseOptions(['--until-stable', '--rounds', '4', '--max-rounds', '9', '--tolerance', '5']).untilStable).to.deep.equal({ maxRounds: 9, tolerance: 0.05 });
    });

    it('refuses --max-rounds below --rounds, a tolerance that is no percentage, and either without --until-stable', () => {
      expect(() => parseOptions(['--until-stable', '--rounds', '5', '--max-rounds', '4'])).to.throw(UsageError, '--max-rounds must be an integer >= 5');
      for (const bad of ['0', '100', '250', 'x']) expect(() => parseOptions(['--until-stable', '--tolerance', bad]), bad).to.throw(UsageError, '--tolerance must be a percentage');
      expect(() => parseOptions(['--max-rounds', '9'])).to.throw(UsageError, '--max-rounds only applies with --until-stable');
      expect(() => parseOptions(['--tolerance', '2'])).to.throw(UsageError, '--tolerance only applies with --until-stable');
    });
  });

  describe('settled()', () => {
    const base = Array.from({ length: 40 }, (_, i) => 100 + (i % 3));
    it('holds when every comparison\'s interval is within the tolerance of its ratio, not when one is wider or missing', () => {
      const tight = compareSlices(sliceSummary('read', 'orm', base.map((x, i) => x * (1.02 + (i % 2) * 0.004))), sliceSummary('read', 'raw', base));
      const loose = compareSlices(sliceSummary('read', 'orm', base.map((x, i) => x * (0.8 + (i % 5) * 0.1))), sliceSummary('read', 'raw', base));
      const few = compareSlices(sliceSummary('read', 'orm', [1, 2, 3]), sliceSummary('read', 'raw', [1, 2, 3]));
      expect(relativeHalfWidth(tight)).to.be.below(0.01);
      expect(relativeHalfWidth(loose)).to.be.above(0.05);
      expect(relativeHalfWidth(few)).to.equal(Infinity);
      expect(settled([tight], 0.025)).to.equal(true);
      expect(settled([tight, loose], 0.025)).to.equal(false);
      expect(settled([loose], 0.5)).to.equal(true);
      expect(settled([few], 0.5)).to.equal(false);
      expect(settled([], 0.025)).to.equal(true);
    });
  });

  describe('the runner', () => {
    const entrants: Entrant[] = ['raw', 'orm'].map((name, lane) => ({ plugin: { name } as unknown as ContenderPlugin, contender: { name } as unknown as Contender, lane }));
    const workload: Workload = { name: 'read', describe: 'does nothing', ops: 8, concurrency: 2, recordOps: 1, run: async () => {} };
    const plan = (maxRounds: number, settle: (s: readonly Summary[]) => boolean) => ({ rounds: 3, warmupRounds: 0, seed: 1, log: () => {}, untilStable: { maxRounds, settled: settle } });

    it('adds rounds one at a time until the summaries settle, and says they did', async () => {
      const seen: number[] = [];
      const out = await runWorkload(workload, entrants, plan(10, (s) => (seen.push(s[0]!.rounds.length), s[0]!.rounds.length >= 5)));
      expect(seen).to.deep.equal([3, 4, 5]);
      expect(out.map((s) => [s.contender, s.rounds.length, s.settled])).to.deep.equal([['raw', 5, true], ['orm', 5, true]]);
      expect(out[1]!.sliceCpuUsPerOp).to.have.length(out[0]!.sliceCpuUsPerOp.length);
    });

    it('stops at the bound and says the workload did not settle', async () => {
      const out = await runWorkload(workload, entrants, plan(4, () => false));
      expect(out.map((s) => [s.rounds.length, s.settled])).to.deep.equal([[4, false], [4, false]]);
    });

    it('runs the planned rounds and marks nothing without --until-stable', async () => {
      const out = await runWorkload(workload, entrants, { rounds: 2, warmupRounds: 0, seed: 1, log: () => {} });
      expect(out.map((s) => [s.rounds.length, s.settled])).to.deep.equal([[2, undefined], [2, undefined]]);
    });
  });

  describe('the report and the doc', () => {
    const round = (cpuUsPerOp: number): RoundResult => ({ ops: 10, opsPerSec: 1, p50Ms: 1, p99Ms: 1, cpuUsPerOp, peakHeapDeltaMiB: 0, peakRssMiB: 0, sliceCpuUsPerOp: [cpuUsPerOp] });
    const summary = (workload: Summary['workload'], contender: string, cpu: number[], isSettled: boolean): Summary => ({
      ...sliceSummary(workload, contender, cpu), rounds: cpu.map(round), settled: isSettled,
    });
    const method: Method = { mode: 'full', rounds: 5, warmupRounds: 1, concurrency: 32, seed: 7, setupOrder: [], gc: true, replay: false, isolate: false, verified: [], untilStable: { maxRounds: 15, tolerance: 0.025 } };
    const results = [
      summary('insert', 'raw driver', [10, 10, 10, 10, 10, 10], true),
      summary('insert', 'cassandra-orm', [10.4, 10.6, 9.6, 11, 10.1, 10.2], true),
      summary('insert', 'raw driver (control)', [10, 10.2, 9.4, 10.3, 10, 10], true),
      summary('read', 'raw driver', Array(15).fill(10) as number[], false),
      summary('read', 'cassandra-orm', Array(15).fill(10.3) as number[], false),
      summary('read', 'raw driver (control)', Array(15).fill(10) as number[], false),
    ];

    it('prints how many rounds each workload ran and whether it settled', () => {
      expect(stabilityLine({ ...method, untilStable: undefined }, results)).to.equal(undefined);
      const line = stabilityLine(method, results)!;
      expect(line).to.contain('up to 15');
      expect(line).to.contain('±2.5%');
      expect(line).to.contain('insert settled after 6, read NOT settled after 15 rounds');
    });

    it('puts the same in the doc, with the rounds within 5% of the raw driver for cassandra-orm and the control', () => {
      const file = {
        environment: { startedAt: 's', machine: { os: 'linux', cpus: 2, cpuModel: 'x', memoryGiB: 1, freeMemoryGiB: 1, loadAverage: [0, 0, 0], nodeVersion: 'v20' }, cassandra: { releaseVersion: '5.0.9', contactPoints: ['127.0.0.1'], dataCenter: 'dc' }, libraries: {} },
        method, workloads: [], results, command: ['--until-stable'], git: null, finishedAt: 'f',
      } as unknown as ResultsFile;
      const text = renderFigures(file);
      // insert: 10.4, 10.6 (6% over), 9.6, 11 (10% over), 10.1, 10.2 → 4 of 6; the control: 9.4 is 6% under → 5 of 6.
      expect(text).to.contain("Rounds in which cassandra-orm's CPU per operation was within 5% of the raw driver's: insert 4 of 6, read 15 of 15 (the control, identical work: insert 5 of 6, read 15 of 15).");
      expect(text).to.contain('insert settled after 6, read **not settled** after 15 rounds.');
    });
  });
});
