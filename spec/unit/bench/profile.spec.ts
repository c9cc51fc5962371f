// `--profile`: samples are charged to the innermost owned frame, dependencies and built-ins to their
// caller, garbage collection and idle time to their own categories; slices add up per contender.
import { expect } from 'chai';
import { attribute, busyUs, codeOwners, DRIVER, GC, HARNESS, IDLE, ProfileTally, UNOWNED, type CpuProfile } from '../../bench/profile.js';
import { profileTable } from '../../bench/report.js';

const ORM = 'file:///repo/dist/src/';
const owners = codeOwners(
  [
    { name: 'raw driver' },
    { name: 'cassandra-orm', ownCode: [ORM] },
    { name: 'driver Mapper', ownCode: ['/node_modules/cassandra-driver/lib/mapping/'] },
  ],
  'file:///repo/dist/spec/bench/',
);

// A call tree: (root) → harness → orm → lodash → Map.get (built-in); orm → driver; mapper; GC; idle.
const frame = (id: number, functionName: string, url: string, children: number[] = []) => ({ id, callFrame: { functionName, url }, children });
const tree: CpuProfile['nodes'] = [
  frame(1, '(root)', '', [2, 7, 8, 9, 10]),
  frame(2, 'insert', 'file:///repo/dist/spec/bench/contenders/cassandra-orm.js', [3]),
  frame(3, 'compileInsert', `${ORM}repository/write-preparation.js`, [4, 6]),
  frame(4, 'merge', 'file:///repo/node_modules/lodash/lodash.js', [5]),
  frame(5, 'get', ''),
  frame(6, 'execute', 'file:///repo/node_modules/cassandra-driver/lib/client.js'),
  frame(7, 'find', 'file:///repo/node_modules/cassandra-driver/lib/mapping/model-mapper.js'),
  frame(8, '(garbage collector)', ''),
  frame(9, '(idle)', ''),
  frame(10, 'processTicksAndRejections', 'node:internal/process/task_queues'),
];

/** A profile whose samples hit `leaves` in turn, each lasting `us[i]` (sample i lasts until sample i+1). */
function profileOf(leaves: number[], us: number[]): CpuProfile {
  const timeDeltas = [5, ...us.slice(0, -1)];
  const total = us.reduce((a, b) => a + b, 0);
  return { nodes: tree, startTime: 1000, endTime: 1000 + 5 + total, samples: leaves, timeDeltas };
}

describe('benchmark profile attribution', () => {
  it('charges each sample to the innermost owned frame, dependencies and built-ins to their caller', () => {
    const got = attribute(profileOf([5, 4, 3, 6, 2, 7, 8, 9, 10], [1, 2, 4, 8, 16, 32, 64, 128, 256]), owners);
    expect(Object.fromEntries(got)).to.deep.equal({
      'cassandra-orm': 1 + 2 + 4,
      [DRIVER]: 8,
      [HARNESS]: 16,
      'driver Mapper': 32,
      [GC]: 64,
      [IDLE]: 128,
      [UNOWNED]: 256,
    });
  });

  it('reports 0 for an owner none of whose code was sampled (a mapper then prints 0, not a dash)', () => {
    const got = attribute(profileOf([6, 8], [10, 20]), owners);
    expect(Object.fromEntries(got)).to.deep.equal({ 'cassandra-orm': 0, 'driver Mapper': 0, [DRIVER]: 10, [HARNESS]: 0, [GC]: 20 });
    const [, ormRow] = profileTable(
      [
        { workload: 'scan', contender: 'raw driver', ops: 1, sampledUs: { [DRIVER]: 10 } },
        { workload: 'scan', contender: 'cassandra-orm', ops: 1, sampledUs: Object.fromEntries(got) },
      ],
      ['raw driver', 'cassandra-orm'],
    ).filter((line) => line.startsWith('| scan'));
    expect(Number(ormRow?.split('|').map((c) => c.trim())[4])).to.equal(0);
  });

  it('matches the Mapper before the driver core it lives in', () => {
    expect(owners.map((o) => o.owner)).to.deep.equal(['cassandra-orm', 'driver Mapper', DRIVER, HARNESS]);
  });

  it('adds slices up per workload and contender, and leaves idle time out of the busy time', () => {
    const tally = new ProfileTally();
    tally.add('insert', 'cassandra-orm', new Map([['cassandra-orm', 10], [DRIVER, 30], [IDLE, 500]]));
    tally.add('insert', 'cassandra-orm', new Map([['cassandra-orm', 5], [GC, 5]]));
    tally.add('insert', 'raw driver', new Map([[DRIVER, 40]]));
    tally.count('insert', 'cassandra-orm', 10);
    tally.count('insert', 'raw driver', 10);
    const [orm, raw] = tally.profiles();
    expect(orm).to.deep.equal({ workload: 'insert', contender: 'cassandra-orm', ops: 10, sampledUs: { 'cassandra-orm': 15, [DRIVER]: 30, [IDLE]: 500, [GC]: 5 } });
    expect(busyUs(orm!.sampledUs)).to.equal(50);
    expect(raw?.ops).to.equal(10);
  });

  it('prints own code per operation and as a share of the raw driver, in contender order', () => {
    const tally = new ProfileTally();
    tally.add('read', 'cassandra-orm', new Map([['cassandra-orm', 200], [DRIVER, 3000], [GC, 100]]));
    tally.add('read', 'raw driver', new Map([[DRIVER, 4000]]));
    for (const c of ['raw driver', 'cassandra-orm']) tally.count('read', c, 100);
    const rows = profileTable(tally.profiles(), ['raw driver', 'cassandra-orm']).filter((l) => l.startsWith('| read'));
    const cells = rows.map((r) => r.slice(1, -1).split('|').map((c) => c.trim()));
    expect(cells).to.deep.equal([
      ['read', 'raw driver', '40.0', '–', '–', '40.0', '0.00'],
      ['read', 'cassandra-orm', '33.0', '2.00', '5.0%', '30.0', '1.00'],
    ]);
  });
});
