// The cluster's start time and memory in docs/cluster.md come from the results file, between the markers.
import { expect } from 'chai';
import { BEGIN, END, renderClusterStart, withClusterStart } from '../../bench/cluster-start-doc.js';
import type { ClusterStartResults } from '../../bench/cluster-start.js';

const results = {
  environment: {
    startedAt: '2026-01-02T00:00:00.000Z',
    machine: { os: 'linux', cpus: 2, cpuModel: 'cpu', memoryGiB: 24, freeMemoryGiB: 20, loadAverage: [0.44, 1, 2], nodeVersion: 'v20.20.2' },
    cassandra: { releaseVersion: '5.0.9', contactPoints: ['127.0.0.2:9042'], dataCenter: 'dc1' },
    libraries: {},
  },
  git: { commit: '1234567abcdef', changed: [], untracked: [] },
  finishedAt: '2026-01-02T00:03:00.000Z',
  method: { nodes: 3, heapMiB: 512, settleS: 20 },
  nodes: [
    { index: 1, address: '127.0.0.2', dataCenter: 'dc1', upS: 9.25, rssMiB: 901 },
    { index: 2, address: '127.0.0.3', dataCenter: 'dc1', upS: 12.5, rssMiB: 955 },
    { index: 3, address: '127.0.0.4', dataCenter: 'dc2', upS: 11, rssMiB: 930 },
  ],
  settleS: 4.25,
  totalS: 37.04,
  idleRestartS: 28.6,
} satisfies ClusterStartResults;

describe('docs:cluster-start', () => {
  it('renders every figure from the results files between the markers', () => {
    const md = renderClusterStart(results, { restartS: 233.94 });
    expect(md.startsWith(BEGIN) && md.endsWith(END)).to.equal(true);
    for (const text of [
      '| start, 3 nodes | 37.0 s: 9.3, 12.5, 11.0 s per node, one after another, then 4.3 s until every node sees every other',
      '| memory | 901-955 MiB resident per node with the 512 MiB heap',
      'sampled after 20 s idle: 2.7 GiB for 3 |',
      "| a killed node's restart | 28.6 s with the cluster idle; 233.9 s under the node-loss workload",
      'commit 1234567;', 'load average 0.4 / 1.0 / 2.0',
    ]) {
      expect(md).to.contain(text);
    }
  });

  it('without a committed run says so instead of showing figures', () => {
    const md = renderClusterStart(undefined, { restartS: 100 });
    expect(md).to.contain('No run of `npm run bench:cluster-start` is committed yet').and.not.to.contain('| memory |');
  });

  it('replaces only the text between the markers, and refuses a document without them', () => {
    const doc = `before\n${BEGIN}\nold\n${END}\nafter\n`;
    expect(withClusterStart(doc, `${BEGIN}\nnew\n${END}`)).to.equal(`before\n${BEGIN}\nnew\n${END}\nafter\n`);
    expect(() => withClusterStart('no markers', 'x')).to.throw('needs the markers');
  });
});
