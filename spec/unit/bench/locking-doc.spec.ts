// The locking cost figures in docs/versioning.md come from the results file, between the markers.
import { expect } from 'chai';
import { BEGIN, END, renderLocking, withLocking } from '../../bench/locking-doc.js';
import type { LockingResults } from '../../bench/locking.js';

const results = {
  environment: {
    startedAt: '2026-01-02T00:00:00.000Z',
    machine: { os: 'linux', cpus: 2, cpuModel: 'cpu', memoryGiB: 8, freeMemoryGiB: 4, loadAverage: [1.25, 2, 3], nodeVersion: 'v20.20.2' },
    cassandra: { releaseVersion: '5.0.9', contactPoints: ['127.0.0.1'], dataCenter: 'datacenter1' },
    libraries: {},
  },
  git: { commit: 'abcdef1234567890', changed: [], untracked: [] },
  finishedAt: '2026-01-02T00:05:00.000Z',
  method: { operationsPerKind: 2000, rounds: 10, inFlight: 1 },
  plainUpdate: { operations: 2000, meanMs: 1.5, p50Ms: 1.25, p99Ms: 4 },
  versionedUpdate: { operations: 2000, meanMs: 4.5, p50Ms: 4, p99Ms: 12.345 },
  plainInsert: { operations: 2000, meanMs: 1, p50Ms: 0.9, p99Ms: 3 },
  versionedInsert: { operations: 2000, meanMs: 2, p50Ms: 1.8, p99Ms: 9 },
} satisfies LockingResults;

describe('docs:locking', () => {
  it('renders every figure from the results file between the markers', () => {
    const md = renderLocking(results);
    expect(md.startsWith(BEGIN) && md.endsWith(END)).to.equal(true);
    for (const text of [
      '| plain UPDATE (`patch`, no version) | 1.50 ms | 1.25 ms | 4.00 ms |',
      '| versioned UPDATE ... IF version = ? | 4.50 ms | 4.00 ms | 12.35 ms |',
      '| versioned INSERT ... IF NOT EXISTS | 2.00 ms | 1.80 ms | 9.00 ms |',
      'A versioned update costs 3.0× a plain one here, a versioned insert 2.0× a plain insert.',
      '2,000 writes of each kind, one in flight, in 10 interleaved rounds',
      'commit abcdef1;',
      'load average 1.3 / 2.0 / 3.0',
    ]) expect(md).to.contain(text);
  });

  it('replaces only the text between the markers, and refuses a document without them', () => {
    const doc = `before\n${BEGIN}\nold\n${END}\nafter\n`;
    expect(withLocking(doc, `${BEGIN}\nnew\n${END}`)).to.equal(`before\n${BEGIN}\nnew\n${END}\nafter\n`);
    expect(() => withLocking('no markers', 'x')).to.throw('needs the markers');
  });
});
