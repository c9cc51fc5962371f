// --isolate's contender processes on the real node: a contender set up and measured in a process of
// its own does the work there (its writes reach the node, its reads and ANN queries find the seeded rows), hands back
// the slice's figures with the CPU it spent between slices, ends its process when closed, and turns
// every failure in the child into a rejection that names the contender.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { SCAN_BUCKET, seed } from '../../bench/data.js';
import { ContenderProcess } from '../../bench/isolated.js';
import { SMOKE, writeKey, type Sizes } from '../../bench/workloads.js';
import { alive } from '../../../src/dev-node/jvm-node.js';
import { adminClient, uniqueKeyspace } from '../../support/test-node.js';
import { benchKeyspace } from './support.js';

const SIZES: Sizes = { ...SMOKE, pointOps: 40, seedUsers: 20, scanRows: 30, streamRows: 40, streamPage: 10, vectorRows: 30 };

describe('benchmark --isolate: a contender in a process of its own', function () {
  this.timeout(120_000);
  const ks = uniqueKeyspace('isolate_spec');
  let admin: cassandra.Client;
  let drop: () => Promise<void>;
  const started: ContenderProcess[] = [];
  const start = (name: string): ContenderProcess => {
    const child = new ContenderProcess(name);
    started.push(child);
    return child;
  };

  before(async () => {
    admin = adminClient();
    await admin.connect();
    drop = await benchKeyspace(admin, ks);
    await seed(admin, ks, { users: SIZES.seedUsers, scanRows: SIZES.scanRows, streamRows: SIZES.streamRows, vectorRows: SIZES.vectorRows });
  });

  after(async () => {
    for (const child of started) await child.close().catch(() => undefined);
    await drop?.();
    await admin?.shutdown();
  });

  it('runs the slices in the child: its inserts are on the node, its figures come back, and the CPU between slices is carried into the next', async () => {
    const orm = start('cassandra-orm');
    expect(orm.pid).to.be.a('number').and.not.equal(process.pid);
    await orm.setup(3, ks, SIZES, 4);
    const first = await orm.measureSlice('insert', 0, 0, 8);
    expect(first.ops).to.equal(8);
    expect(first.latencies).to.have.length(8);
    expect(first.cpuUs).to.be.greaterThan(0);
    expect(first.carriedCpuUs, 'nothing to carry before the first slice').to.equal(0);
    const second = await orm.measureSlice('insert', 0, 8, 16);
    expect(second.carriedCpuUs).to.be.at.least(0);
    expect(second.cpuUs).to.be.greaterThan(second.carriedCpuUs);
    for (let i = 0; i < 16; i++) {
      const id = writeKey(3, 0, SIZES.pointOps, i);
      const rs = await admin.execute(`SELECT id FROM ${ks}.users WHERE id = ?`, [id], { prepare: true });
      expect(rs.rowLength, `user ${id}`).to.equal(1);
    }
    expect(orm.carriedCpu('insert')?.usPerSlice).to.equal(second.carriedCpuUs / 2);
    expect(orm.carriedCpu('read')).to.equal(undefined);
    // A scan in the child checks it got every seeded row (workloads.ts), or the slice fails.
    const scan = await orm.measureSlice('scan', 0, 0, 2);
    expect(scan.ops).to.equal(2);
    const rows = await admin.execute(`SELECT count(*) FROM ${ks}.events WHERE bucket = ?`, [SCAN_BUCKET], { prepare: true });
    expect(Number(rows.first()?.['count'])).to.equal(SIZES.scanRows);
    // So does an ANN query: its ten rows must be seeded ones, in order, nearly all the exact nearest.
    const vector = await orm.measureSlice('vector', 0, 0, 4);
    expect(vector.ops).to.equal(4);
  });

  it('closes the contender and ends its process', async () => {
    const raw = start('raw driver');
    await raw.setup(4, ks, SIZES, 4);
    await raw.measureSlice('read', 0, 0, 4);
    const pid = raw.pid as number;
    expect(alive(pid)).to.equal(true);
    await raw.close();
    expect(alive(pid)).to.equal(false);
    await raw.close(); // a second close is harmless
  });

  it('rejects, naming the contender, when the child fails: an unknown contender, a slice before setup, a failing operation', async () => {
    const unknown = start('teleport');
    try {
      await unknown.setup(5, ks, SIZES, 4);
      expect.fail('set up an unknown contender');
    } catch (error) {
      expect(String(error)).to.match(/^Error: teleport \(in its own process\): Error: unknown contender 'teleport'/);
    }
    const early = start('raw driver (control)');
    try {
      await early.measureSlice('read', 0, 0, 4);
      expect.fail('measured before setup');
    } catch (error) {
      expect(String(error)).to.contain('raw driver (control) (in its own process): Error: the contender process was asked to measure before it was set up');
    }
    // Told that 1,000 users were seeded (only 20 were), its read of user 500 fails the workload's own check, in the child.
    await early.setup(6, ks, { ...SIZES, seedUsers: 1_000 }, 4);
    try {
      await early.measureSlice('read', 0, 500, 501);
      expect.fail('read a user that was never seeded');
    } catch (error) {
      expect(String(error).split('\n')[0]).to.equal('Error: raw driver (control) (in its own process): Error: read: user 500 not found');
    }
  });

  it('rejects what is pending when the child dies, and everything after', async () => {
    const child = start('raw driver');
    await child.setup(7, ks, SIZES, 4);
    const pending = child.measureSlice('stream', 0, 0, 1);
    child.kill();
    try {
      await pending;
      expect.fail('a killed process answered');
    } catch (error) {
      expect(String(error)).to.match(/the process of raw driver exited \((SIGTERM|code \d+)\) before answering/);
    }
    try {
      await child.measureSlice('read', 0, 0, 1);
      expect.fail('a dead process answered');
    } catch (error) {
      expect(String(error)).to.contain('the process of raw driver exited');
    }
  });
});
