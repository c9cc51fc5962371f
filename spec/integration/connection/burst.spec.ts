// Bursts on the real node: 20,000 concurrent inserts on one connection all succeed (they queue instead
// of hitting the driver's per-connection limit), and each limit of the request queue refuses with a
// PoolSaturatedError of its reason, never a ConnectionError, with exactly the admitted requests written.
import { expect } from 'chai';
import { Connection, type ConnectionOptions } from '../../../src/index.js';
import { ConnectionClosedError, ConnectionError, PoolSaturatedError } from '../../../src/public/errors.js';
import { Column, ClusteringKey, PartitionKey } from '../../../src/decorators/column.js';
import { Table } from '../../../src/decorators/table.js';
import { KeyShape } from '../../../src/query/entity-types.js';
import { Repository } from '../../../src/repository/repository.js';
import { fixture, type Fixture } from '../repository/support.js';
import { nodeOptions } from './support/options.js';

@Table('burst_rows')
class BurstRow {
  declare readonly [KeyShape]?: { partition: ['bucket']; clustering: ['id'] };
  @PartitionKey({ type: 'int' }) bucket!: number;
  @ClusteringKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) note?: string | null;
}

function row(bucket: number, id: number): BurstRow {
  return Object.assign(new BurstRow(), { bucket, id, note: `row ${id}` });
}

/** Which of the promises fulfilled (by index) and what the others rejected with. */
async function outcome(promises: readonly Promise<unknown>[]): Promise<{ fulfilled: number[]; errors: unknown[] }> {
  const settled = await Promise.allSettled(promises);
  const fulfilled: number[] = [];
  const errors: unknown[] = [];
  settled.forEach((s, i) => (s.status === 'fulfilled' ? fulfilled.push(i) : errors.push(s.reason)));
  return { fulfilled, errors };
}

describe('connection: bursts and the request queue', () => {
  let fx: Fixture;
  const opened: Connection[] = [];

  /** A connection to the spec's keyspace with `extra` options; closed after the suite. */
  function open(extra: Partial<ConnectionOptions>): Connection {
    const connection = new Connection(nodeOptions({ keyspace: fx.keyspace, ...extra }));
    opened.push(connection);
    return connection;
  }

  /** The ids stored in one partition, read from outside the connection under test. */
  async function storedIds(bucket: number): Promise<number[]> {
    const ids: number[] = [];
    const rs = await fx.admin.execute(`SELECT id FROM ${fx.keyspace}.burst_rows WHERE bucket = ?`, [bucket], { prepare: true, fetchSize: 50_000 });
    for (const r of rs.rows) ids.push(r['id'] as number);
    return ids.sort((a, b) => a - b);
  }

  before(async () => {
    fx = await fixture('it_burst', [BurstRow]);
  });
  after(async () => {
    for (const connection of opened) await connection.close();
    await fx.drop();
  });

  it('20,000 concurrent Repository.insert() calls on one connection with default settings all succeed, and all 20,000 rows are there', async function () {
    this.timeout(120_000);
    const connection = open({ alias: 'burst' });
    expect(connection.settings.requestQueue).to.deep.equal({ maxInFlight: 2016, maxQueued: 100_000, queueTimeoutMs: 30_000 });
    const repo = new Repository(connection, BurstRow);
    const buckets = 20;
    const total = 20_000;
    let peakQueued = 0;
    let peakInFlight = 0;
    const sampler = setInterval(() => {
      const { inFlight, queued } = connection.requestQueue;
      peakQueued = Math.max(peakQueued, queued);
      peakInFlight = Math.max(peakInFlight, inFlight);
    }, 5);
    const started = Date.now();
    const inserts = Array.from({ length: total }, (_, i) => repo.insert(row(i % buckets, i)));
    const { fulfilled, errors } = await outcome(inserts);
    clearInterval(sampler);
    const elapsed = Date.now() - started;
    expect(errors.slice(0, 3).map(String), `${errors.length} failed`).to.deep.equal([]);
    expect(fulfilled).to.have.length(total);
    // The burst did exceed the driver's 2048 per connection: the queue absorbed the rest.
    expect(peakQueued).to.be.greaterThan(0);
    expect(peakInFlight).to.be.at.most(2016);
    expect(connection.requestQueue).to.deep.equal({ inFlight: 0, queued: 0 });
    let stored = 0;
    for (let b = 0; b < buckets; b++) {
      const count = (await fx.admin.execute(`SELECT COUNT(*) AS n FROM ${fx.keyspace}.burst_rows WHERE bucket = ?`, [b], { prepare: true })).first();
      expect(Number(count['n']), `bucket ${b}`).to.equal(total / buckets);
      stored += Number(count['n']);
    }
    expect(stored).to.equal(total);
    this.test!.title += ` [${elapsed} ms for the inserts]`;
  });

  it('a full queue refuses at once with PoolSaturatedError queue-full (not ConnectionError), and exactly the admitted inserts are written', async () => {
    const connection = open({ alias: 'tiny', requestQueue: { maxInFlight: 1, maxQueued: 1 } });
    const repo = new Repository(connection, BurstRow);
    const bucket = 100;
    // Connected, in the keyspace and prepared, so the burst below reaches the gate in one go.
    await repo.insert(row(bucket, 1000));
    const ids = Array.from({ length: 10 }, (_, i) => i);
    const inserts = ids.map((id) => repo.insert(row(bucket, id)));
    expect(connection.requestQueue).to.deep.equal({ inFlight: 1, queued: 1 });
    const { fulfilled, errors } = await outcome(inserts);
    expect(fulfilled).to.deep.equal([0, 1]);
    expect(errors).to.have.length(8);
    for (const error of errors) {
      expect(error).to.be.instanceOf(PoolSaturatedError);
      expect(error).not.to.be.instanceOf(ConnectionError);
      const saturated = error as PoolSaturatedError;
      expect(saturated.reason).to.equal('queue-full');
      expect(saturated.alias).to.equal('tiny');
      expect(saturated.limits).to.deep.equal({ maxInFlight: 1, maxQueued: 1, queueTimeoutMs: 30_000 });
      expect(saturated.message).to.contain("Connection 'tiny'").and.contain('requestQueue.maxQueued').and.contain('INSERT INTO');
    }
    expect(await storedIds(bucket)).to.deep.equal([0, 1, 1000]);
  });

  it('a request that waits past queueTimeoutMs is refused with PoolSaturatedError queue-timeout and never sent', async () => {
    const connection = open({ alias: 'slow', requestQueue: { maxInFlight: 1, queueTimeoutMs: 25 } });
    const repo = new Repository(connection, BurstRow);
    const bucket = 200;
    await repo.insert(row(bucket, 100_000));
    // One at a time, 1000 inserts take far longer than 25 ms: the tail of the queue must time out.
    const inserts = Array.from({ length: 1000 }, (_, id) => repo.insert(row(bucket, id)));
    const { fulfilled, errors } = await outcome(inserts);
    expect(errors.length).to.be.greaterThan(0);
    expect(fulfilled.length).to.be.greaterThan(0);
    for (const error of errors) {
      expect(error).to.be.instanceOf(PoolSaturatedError);
      expect((error as PoolSaturatedError).reason).to.equal('queue-timeout');
    }
    expect((errors[0] as Error).message).to.contain("Connection 'slow'").and.contain('requestQueue.queueTimeoutMs is 25');
    expect(await storedIds(bucket)).to.deep.equal([...fulfilled, 100_000]);
  });

  it('the driver still reporting every connection busy → PoolSaturatedError driver-busy, not "no node answered"', async () => {
    // The gate admits 200 while the driver's pool takes 2 per connection: the driver refuses the rest.
    const connection = open({ alias: 'busy', requestQueue: { maxInFlight: 200 }, clientOptions: { pooling: { maxRequestsPerConnection: 2 } } });
    const repo = new Repository(connection, BurstRow);
    const bucket = 300;
    await repo.insert(row(bucket, 100_000));
    const inserts = Array.from({ length: 200 }, (_, id) => repo.insert(row(bucket, id)));
    const { fulfilled, errors } = await outcome(inserts);
    expect(errors.length).to.be.greaterThan(0);
    for (const error of errors) {
      expect(error).to.be.instanceOf(PoolSaturatedError);
      expect(error).not.to.be.instanceOf(ConnectionError);
      const saturated = error as PoolSaturatedError;
      expect(saturated.reason).to.equal('driver-busy');
      expect(saturated.message).to.contain("Connection 'busy'").and.contain('requestQueue.maxInFlight (200)').and.contain('are busy');
      expect(saturated.message).not.to.contain('no Cassandra node answered');
    }
    expect(await storedIds(bucket)).to.deep.equal([...fulfilled, 100_000]);
  });

  it('derives maxInFlight from a small driver pool, so a burst far above it queues and all of it succeeds', async () => {
    const connection = open({ alias: 'small-pool', clientOptions: { pooling: { maxRequestsPerConnection: 32 } } });
    expect(connection.settings.requestQueue.maxInFlight).to.equal(30);
    const repo = new Repository(connection, BurstRow);
    const bucket = 400;
    const inserts = Array.from({ length: 1000 }, (_, id) => repo.insert(row(bucket, id)));
    const { fulfilled, errors } = await outcome(inserts);
    expect(errors.map(String)).to.deep.equal([]);
    expect(await storedIds(bucket)).to.deep.equal(fulfilled);
  });

  it('the fast path takes its slot synchronously, and close() refuses the waiting requests with ConnectionClosedError', async () => {
    const connection = open({ alias: 'closing', requestQueue: { maxInFlight: 2 } });
    const repo = new Repository(connection, BurstRow);
    const bucket = 500;
    await repo.insert(row(bucket, 100_000));
    // No await or `.then` before the gate: the slots are taken before insert() returns.
    const inserts = Array.from({ length: 5 }, (_, id) => repo.insert(row(bucket, id)));
    expect(connection.requestQueue).to.deep.equal({ inFlight: 2, queued: 3 });
    const settled = outcome(inserts);
    await connection.close();
    const { fulfilled, errors } = await settled;
    // The two in flight may finish or fail as the pool shuts down; the three waiting were never sent.
    expect(errors.length).to.be.at.least(3);
    for (const error of errors.slice(-3)) expect(error).to.be.instanceOf(ConnectionClosedError);
    expect(fulfilled.every((i) => i < 2)).to.equal(true);
    const written = (await storedIds(bucket)).filter((id) => id !== 100_000);
    expect(written.every((id) => id < 2), `written: ${written.join(', ')}`).to.equal(true);
  });

  it('a driver call that throws before sending gives its slot back: the next requests still go through', async () => {
    const connection = open({ alias: 'throwing', requestQueue: { maxInFlight: 1 } });
    const repo = new Repository(connection, BurstRow);
    const bucket = 600;
    await repo.insert(row(bucket, 0));
    const client = connection.client as unknown as { execute: (...args: unknown[]) => unknown };
    const execute = client.execute;
    let thrown = 0;
    client.execute = () => {
      thrown++;
      throw new Error('refused before sending');
    };
    const failures = await outcome([repo.insert(row(bucket, 1)), repo.insert(row(bucket, 2))]);
    client.execute = execute;
    expect(thrown).to.equal(2);
    expect(failures.errors).to.have.length(2);
    expect(connection.requestQueue).to.deep.equal({ inFlight: 0, queued: 0 });
    await repo.insert(row(bucket, 3));
    expect(await storedIds(bucket)).to.deep.equal([0, 3]);
  });
});
