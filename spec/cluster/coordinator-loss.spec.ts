// Coordinator loss: the connection's only contact point (node 1) is SIGKILLed under repository inserts
// and counter increments; the inserts in flight (idempotent) are retried on another node, the
// increments in flight (not idempotent) fail typed and are not retried, so the counter is never
// incremented twice. The connection keeps working through the nodes it discovered, and uses node 1
// again once it is back.
import { expect } from 'chai';
import { Column, PartitionKey, Repository, Table, type Connection } from '../../src/index.js';
import { ConnectionLostError } from '../../src/public/errors.js';
import { controlledCluster } from '../support/cluster-fixture.js';
import { clusterConnection, sleep, uniqueName } from './support.js';

@Table('hits')
class Hit {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'counter' }) n?: bigint;
}

@Table('items')
class Item {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'int' }) v!: number;
}

/** Inserts (idempotent) and counter increments (not) from 24 workers until `stop()`: what was acknowledged and what failed, by type. */
function insertsAndIncrements(connection: Connection, keyspace: string, stop: () => boolean) {
  const items = new Repository(connection, Item, { keyspace });
  const hits = new Repository(connection, Hit, { keyspace });
  const counted = { acknowledged: 0, failed: {} as Record<string, number>, unknown: 0 };
  const inserted = { acknowledged: new Set<number>(), failed: {} as Record<string, number> };
  let next = 1_000_000;
  const worker = async (): Promise<void> => {
    while (!stop()) {
      const id = next++;
      const [insert, increment] = await Promise.allSettled([
        items.insert(Object.assign(new Item(), { id, v: id }), { consistency: 'QUORUM' }),
        hits.update({ id: 1 }, (u) => u.increment('n'), { consistency: 'QUORUM' }),
      ]);
      if (insert.status === 'fulfilled') inserted.acknowledged.add(id);
      else inserted.failed[(insert.reason as Error).name] = (inserted.failed[(insert.reason as Error).name] ?? 0) + 1;
      if (increment.status === 'fulfilled') counted.acknowledged++;
      else {
        const e = increment.reason as Error;
        const name = e instanceof ConnectionLostError ? `ConnectionLostError(${e.written ? 'sent' : 'not sent'})` : e.name;
        counted.failed[name] = (counted.failed[name] ?? 0) + 1;
        // Only a request known not to have been sent is known not to have been applied.
        if (!(e instanceof ConnectionLostError && !e.written)) counted.unknown++;
      }
    }
  };
  return { counted, inserted, hits, done: Promise.all(Array.from({ length: 24 }, worker)) };
}

describe('cluster: the contact point killed', function () {
  this.timeout(600_000);
  const keyspace = uniqueName('coord');
  let connection: Connection;

  before(async () => {
    const first = controlledCluster().node(1);
    connection = clusterConnection({ contactPoints: [`${first.address}:${first.nativePort}`] });
    await connection.execute(`CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 2, 'dc2': 1}`);
    await connection.execute(`CREATE TABLE IF NOT EXISTS ${keyspace}.kv (id int PRIMARY KEY, v int)`);
    await connection.execute(`CREATE TABLE IF NOT EXISTS ${keyspace}.hits (id int PRIMARY KEY, n counter)`);
    await connection.execute(`CREATE TABLE IF NOT EXISTS ${keyspace}.items (id int PRIMARY KEY, v int)`);
  });
  after(async () => {
    const cluster = controlledCluster();
    if (cluster.node(1).pid === undefined) await cluster.restart(1);
    await connection.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => undefined);
    await connection.close();
  });

  it('killed mid-request: idempotent inserts in flight are retried elsewhere; counter increments are not, and the counter is never incremented twice', async () => {
    const cluster = controlledCluster();
    let stop = false;
    const load = insertsAndIncrements(connection, keyspace, () => stop);
    try {
      await sleep(3_000);
      await cluster.kill(1);
      await sleep(4_000);
    } finally {
      stop = true;
      await load.done;
    }
    const { counted, inserted } = load;
    const value = (await load.hits.findOne({ id: 1 }, { consistency: 'QUORUM' }))?.n ?? 0n;
    const sample = [...inserted.acknowledged].slice(0, 500);
    const rows = await connection.execute(`SELECT id FROM ${keyspace}.items WHERE id IN ?`, [sample], { consistency: 'QUORUM' });
    console.log(`      counter ${value}: ${counted.acknowledged} increments acknowledged, failed ${JSON.stringify(counted.failed)}; inserts ${inserted.acknowledged.size} acknowledged, failed ${JSON.stringify(inserted.failed)}`);
    expect(counted.failed['ConnectionLostError(sent)'] ?? 0, 'some increments were in flight on the killed coordinator (else this proves nothing)').to.be.greaterThan(0);
    expect(Object.keys(counted.failed).every((k) => /^(ConnectionLostError\((sent|not sent)\)|WriteTimeoutError|QueryTimeoutError)$/.test(k)), JSON.stringify(counted.failed)).to.equal(true);
    expect(Number(value), 'at least every acknowledged increment').to.be.at.least(counted.acknowledged);
    expect(Number(value), 'at most one per increment whose outcome is unknown on top: never twice').to.be.at.most(counted.acknowledged + counted.unknown);
    expect(inserted.failed['ConnectionLostError'] ?? 0, 'idempotent inserts in flight were retried on another node').to.equal(0);
    expect(rows.rows.length).to.equal(sample.length);
  });

  it('keeps answering through the other nodes, then coordinates on node 1 again after its restart', async () => {
    const cluster = controlledCluster();
    const node1 = cluster.node(1).address;
    const insert = `INSERT INTO ${keyspace}.kv (id, v) VALUES (?, ?)`;
    await connection.execute(insert, [0, 0], { consistency: 'QUORUM' });
    const failures: string[] = [];
    const coordinators = new Set<string>();
    for (let i = 1; i <= 200; i++) {
      try {
        const rs = await connection.execute(insert, [i, i], { consistency: 'QUORUM' });
        coordinators.add(String(rs.info.queriedHost).split(':')[0] ?? '');
      } catch (error) {
        failures.push((error as Error).name);
      }
    }
    // In-flight requests on node 1's sockets may fail once; after that every write goes elsewhere.
    expect(failures.length, failures.join(', ')).to.be.lessThan(5);
    expect(coordinators.has(node1)).to.equal(false);
    expect(coordinators.size).to.be.greaterThan(0);
    const read = await connection.execute(`SELECT count(*) AS n FROM ${keyspace}.kv`, [], { consistency: 'QUORUM' });
    // A failed write has an unknown outcome: it may have been applied.
    expect(Number(read.first()?.['n'])).to.be.within(201 - failures.length, 201);

    await cluster.restart(1);
    const restarted = Date.now();
    // The driver tries a host it lost again on its reconnection schedule (exponential from 1 s).
    const deadline = restarted + 180_000;
    let backOnNode1 = false;
    while (!backOnNode1 && Date.now() < deadline) {
      // No partition key, so no token-aware routing: the load balancer rotates over the dc1 hosts it sees up.
      const rs = await connection.execute('SELECT release_version FROM system.local');
      backOnNode1 = String(rs.info.queriedHost).startsWith(`${node1}:`);
      if (!backOnNode1) await sleep(200);
    }
    console.log(`      node 1 coordinated again ${((Date.now() - restarted) / 1000).toFixed(1)} s after it took logins`);
    expect(backOnNode1, 'the driver coordinates on node 1 again within 180 s of its restart').to.equal(true);
  });
});
