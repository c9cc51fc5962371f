// The fault report's figures in docs/cluster.md come from the results file, between the markers.
import { expect } from 'chai';
import { BEGIN, END, renderFaults, withFaults } from '../../bench/faults-doc.js';
import type { FaultResults } from '../../bench/faults.js';

const results = {
  environment: {
    startedAt: '2026-01-02T00:00:00.000Z',
    machine: { os: 'linux', cpus: 2, cpuModel: 'cpu', memoryGiB: 8, freeMemoryGiB: 4, loadAverage: [1.25, 2, 3], nodeVersion: 'v20.20.2' },
    cassandra: { releaseVersion: '5.0.9', contactPoints: ['127.0.0.2:9042'], dataCenter: 'dc1' },
    libraries: {},
  },
  git: { commit: 'abcdef1234567890', changed: [], untracked: [] },
  finishedAt: '2026-01-02T00:05:00.000Z',
  method: { concurrency: 16, consistency: 'QUORUM', keyspace: 'NetworkTopologyStrategy {dc1: 2, dc2: 1}', killed: 'node 2 (dc1), SIGKILL', downForAtLeastS: 30 },
  attempted: 12_345,
  acknowledged: 12_340,
  lost: 0,
  rowsFound: 12_341,
  readsOk: 12_000,
  staleReads: 0,
  failedWrites: { 'ConnectionLostError(sent)': 5 },
  failedReads: {},
  samples: {},
  maxOperationMs: 812,
  acknowledgedBeforeKill: 3_000,
  acknowledgedWhileDown: 1_000,
  acknowledgedAfterRestart: 8_340,
  nodeDownS: 95.4,
  restartS: 60.2,
  coordinatingAgainS: 61.5,
  workloadS: 120,
} satisfies FaultResults;

describe('docs:faults', () => {
  it('renders every figure from the results file between the markers', () => {
    const md = renderFaults(results);
    expect(md.startsWith(BEGIN) && md.endsWith(END)).to.equal(true);
    for (const text of ['12,340 (12,345)', '**0** (12,341 rows found', '5 `ConnectionLostError(sent)`', '| failed reads, by type | none |', '812 ms', '95.4 s, of which the restart 60.2 s', '61.5 s after its restart began', 'commit abcdef1', 'load average 1.3 / 2.0 / 3.0']) {
      expect(md).to.contain(text);
    }
  });

  it('replaces only the text between the markers, and refuses a document without them', () => {
    const doc = `before\n${BEGIN}\nold\n${END}\nafter\n`;
    expect(withFaults(doc, `${BEGIN}\nnew\n${END}`)).to.equal(`before\n${BEGIN}\nnew\n${END}\nafter\n`);
    expect(() => withFaults('no markers', 'x')).to.throw('needs the markers');
  });
});
