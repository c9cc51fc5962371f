// docs/performance.md's figures come from a results file: the ratios of the table are the file's
// per-round ratios, the tree state and the stability verdict are what the file says, and the text
// between the markers is all that changes.
import { expect } from 'chai';
import { BEGIN, END, renderFigures, withFigures, type ResultsFile } from '../../bench/performance-doc.js';
import type { Summary } from '../../bench/runner.js';

function summary(workload: Summary['workload'], contender: string, cpuVsRaw: number, min: number, max: number, cpuUsPerOp = 20): Summary {
  return {
    workload, contender, concurrency: 32, rounds: [], opsPerSec: 1000, spreadPercent: 5, p50Ms: 1, p99Ms: 2, cpuUsPerOp,
    peakHeapDeltaMiB: 1, peakRssMiB: 100, opsVsRaw: 1, cpuVsRaw, cpuVsRawMin: min, cpuVsRawMax: max, sliceCpuUsPerOp: [],
  };
}

function results(control: [number, number, number], git: ResultsFile['git']): ResultsFile {
  return {
    environment: {
      startedAt: '2026-12-03T17:00:00.000Z',
      machine: { os: 'linux 6', cpus: 2, cpuModel: 'AMD EPYC', memoryGiB: 23.5, freeMemoryGiB: 20, loadAverage: [1.5, 1, 0.5], nodeVersion: 'v20.20.2' },
      cassandra: { releaseVersion: '5.0.9', contactPoints: ['127.0.0.1:9042'], dataCenter: 'datacenter1' },
      libraries: { 'cassandra-orm': '0.1.0 (abc1234)' },
    },
    method: { mode: 'full', rounds: 5, warmupRounds: 1, concurrency: 32, seed: 7, setupOrder: [], gc: true, replay: false, isolate: false, verified: [
      { workload: 'insert', contender: 'cassandra-orm', checked: 100, mismatches: 0, examples: [] },
    ] },
    workloads: ['insert: one single-row INSERT'],
    results: [
      summary('insert', 'raw driver', 1, 1, 1, 27.4),
      summary('insert', 'cassandra-orm', 1.034, 0.98, 1.1),
      summary('insert', 'raw driver (control)', ...control),
    ],
    command: ['--control', '--rounds', '5'],
    git,
    finishedAt: '2026-12-03T17:10:00.000Z',
  };
}

describe('bench: docs/performance.md from a results file', () => {
  it('prints each contender\'s median and lowest–highest per-round CPU ratio, the raw cost, the tree and the verification', () => {
    const text = renderFigures(results([1.01, 0.97, 1.04], { commit: 'abcdef1234567890', changed: [], untracked: [] }));
    expect(text.startsWith(BEGIN)).to.equal(true);
    expect(text.endsWith(END)).to.equal(true);
    expect(text).to.contain('| workload | cassandra-orm | raw driver (control) |');
    expect(text).to.contain('| insert | 1.03× (0.98×–1.10×) | 1.01× (0.97×–1.04×) |');
    expect(text).to.contain('`npm run bench -- --control --rounds 5`');
    expect(text).to.contain('at commit abcdef1, nothing changed or untracked');
    expect(text).to.contain('Raw driver client CPU µs per operation in this run: insert 27.4.');
    expect(text).to.contain('Stability: the control (the raw driver run again) stayed within 0.96×–1.04×');
    expect(text).to.contain('sampled per contender: insert 100) and all were on the node as written');
  });

  it('says when the run cannot resolve 5%, and names a tree that differs from its commit', () => {
    const text = renderFigures(results([1.08, 0.8, 1.22], { commit: 'abcdef1234567890', changed: ['src/a.ts'], untracked: ['scratch.mjs'] }));
    expect(text).to.contain('**not stable enough to resolve 5%**');
    expect(text).to.contain('strayed up to 22% from the raw driver in single rounds and 8% in the medians');
    expect(text).to.contain('at commit abcdef1 with 1 changed and 1 untracked file(s): src/a.ts, scratch.mjs');
  });

  it('gives every workload a row: one the results file lacks reads "not measured", with the reason', () => {
    const old = renderFigures(results([1.01, 0.97, 1.04], null));
    expect(old).to.contain('| insert | 1.03× (0.98×–1.10×) | 1.01× (0.97×–1.04×) |');
    expect(old).to.contain('| vector | not measured | not measured |');
    expect(old).to.contain('| read | not measured | not measured |');
    expect(old).to.contain('Not measured in this run: read, scan, update, batch, stream, page, lwt, vector (the results file is from a run made before the benchmark had them;');
    expect(old).to.contain('Raw driver client CPU µs per operation in this run: insert 27.4.');
    const chosen = renderFigures({ ...results([1.01, 0.97, 1.04], null), command: ['--workloads', 'insert'] });
    expect(chosen).to.contain('(the run chose its workloads with `--workloads`)');
  });

  it('replaces only the text between the markers, and refuses a document without them', () => {
    const doc = `# Performance\n\nintro\n\n${BEGIN}\nold figures\n${END}\n\nafter\n`;
    expect(withFigures(doc, `${BEGIN}\nnew\n${END}`)).to.equal(`# Performance\n\nintro\n\n${BEGIN}\nnew\n${END}\n\nafter\n`);
    expect(() => withFigures('# no markers', 'x')).to.throw(/needs the markers/);
  });
});
