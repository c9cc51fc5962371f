// The pieces of --replay that need no node: the key of a recorded answer, the replay sizes, and the
// slice-by-slice CPU a contender adds above the baseline.
import { expect } from 'chai';
import { addedCpu } from '../../bench/compare.js';
import { callKey } from '../../bench/replay.js';
import { addedTable } from '../../bench/report.js';
import { FULL, replaySizes, SMOKE } from '../../bench/workloads.js';
import { sliceSummary as summary } from './summaries.js';

describe('benchmark --replay, without a node', () => {
  it('keys a recorded answer by statement, parameters, page size and page state (hex or Buffer alike)', () => {
    const q = 'SELECT * FROM events WHERE bucket = ?';
    const state = 'deadbeef01';
    expect(callKey(q, [7], { fetchSize: 1000, pageState: state })).to.equal(callKey(q, [7], { fetchSize: 1000, pageState: Buffer.from(state, 'hex') }));
    expect(callKey(q, [7], { fetchSize: 1000 })).to.not.equal(callKey(q, [8], { fetchSize: 1000 }));
    expect(callKey(q, [7], { fetchSize: 1000 })).to.not.equal(callKey(q, [7], { fetchSize: 100 }));
    expect(callKey(q, [7], { fetchSize: 1000 })).to.not.equal(callKey(q, [7], { fetchSize: 1000, pageState: state }));
    expect(callKey(q, [7], undefined)).to.not.equal(callKey('SELECT * FROM users WHERE id = ?', [7], undefined));
    expect(callKey(q, { bucket: 7 }, undefined)).to.not.equal(callKey(q, { bucket: 8 }, undefined));
    // Parameters are joined with a separator no value of the benchmark holds: [1, 23] is not [12, 3].
    expect(callKey(q, [1, 23], undefined)).to.not.equal(callKey(q, [12, 3], undefined));
  });

  it('runs ten times the operations a round, with the same rows and users', () => {
    for (const base of [FULL, SMOKE]) {
      const r = replaySizes(base);
      expect([r.pointOps, r.batchOps, r.scanOps, r.streamOps]).to.deep.equal([base.pointOps * 10, base.batchOps * 10, base.scanOps * 10, base.streamOps * 10]);
      expect([r.scanRows, r.streamRows, r.streamPage, r.seedUsers, r.batchRows]).to.deep.equal([base.scanRows, base.streamRows, base.streamPage, base.seedUsers, base.batchRows]);
    }
  });

  it('takes the median of the paired slice differences to the baseline, per workload and contender', () => {
    const rows = addedCpu(
      [
        summary('insert', 'raw driver', [1, 2, 3, 4, 5, 6, 7]),
        summary('insert', 'mapper', [2, 2.5, 4, 5.5, 5.5, 7, 8.5]), // differences 1, 0.5, 1, 1.5, 0.5, 1, 1.5
        summary('scan', 'raw driver', [10, 10, 10, 10, 10, 10]),
        summary('scan', 'mapper', [9, 9, 9, 9, 9, 9]),
      ],
      'raw driver',
    );
    expect(rows.map((r) => [r.workload, r.contender, r.slices, r.usPerOp])).to.deep.equal([
      ['insert', 'mapper', 7, 1],
      ['scan', 'mapper', 6, -1],
    ]);
    expect(rows[0]?.interval).to.deep.equal({ lo: 0.5, hi: 1.5 });
    expect(rows[1]?.interval).to.deep.equal({ lo: -1, hi: -1 });
  });

  it('prints the added CPU per operation, and per row where an operation returns many', () => {
    const lines = addedTable(
      [
        { workload: 'insert', contender: 'cassandra-orm', slices: 100, usPerOp: 0.384, interval: { lo: 0.37, hi: 0.41 } },
        { workload: 'scan', contender: 'cassandra-orm', slices: 100, usPerOp: 601, interval: { lo: 552, hi: 750 } },
        { workload: 'scan', contender: 'raw driver (control)', slices: 100, usPerOp: -7.3, interval: undefined },
      ],
      { scan: 10_000 },
    );
    const rows = lines.filter((l) => l.startsWith('| ') && !l.startsWith('| workload') && !l.startsWith('| -')).map((l) => l.slice(1, -1).split('|').map((c) => c.trim()));
    expect(rows).to.deep.equal([
      ['insert', 'cassandra-orm', '100', '0.38', '0.37 to 0.41', '–'],
      ['scan', 'cassandra-orm', '100', '601', '552 to 750', '60.1'],
      ['scan', 'raw driver (control)', '100', '−7.30', 'too few slices', '−0.73'],
    ]);
  });
});
