// Retries are safe: the driver speculatively executes only statements the library marks idempotent.
// With a speculative execution policy, idempotent reads and inserts get speculative executions while
// counter increments, list appends and LWTs never do (and the counter ends exactly right). What a
// coordinator killed mid-request does to each is in coordinator-loss.spec.ts (it kills one anyway).
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { Column, PartitionKey, Repository, Table, type Connection, type Query } from '../../src/index.js';
import { clusterConnection, uniqueName } from './support.js';

type ExecutionInfo = Query.ExecutionInfo;

@Table('hits')
class Hit {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'counter' }) n?: bigint;
}

@Table('items')
class Item {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'int' }) v!: number;
  @Column({ type: 'list<int>' }) log?: number[];
}

describe('cluster: retries and speculative executions only for idempotent statements', function () {
  this.timeout(600_000);
  const keyspace = uniqueName('retry');
  let admin: Connection;

  before(async () => {
    admin = clusterConnection();
    await admin.execute(`CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 2, 'dc2': 1}`);
    await admin.execute(`CREATE TABLE IF NOT EXISTS ${keyspace}.hits (id int PRIMARY KEY, n counter)`);
    await admin.execute(`CREATE TABLE IF NOT EXISTS ${keyspace}.items (id int PRIMARY KEY, v int, log list<int>)`);
  });
  after(async () => {
    await admin.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => undefined);
    await admin.close();
  });

  it('with a speculative execution policy: idempotent reads and inserts are executed speculatively; counters, list appends and LWTs never', async () => {
    // A second execution 1 ms after the first, on the next node: on these loaded nodes most requests take longer.
    const speculative = clusterConnection({
      consistency: 'QUORUM',
      clientOptions: { policies: { speculativeExecution: new cassandra.policies.speculativeExecution.ConstantSpeculativeExecutionPolicy(1, 2) } },
    });
    try {
      const items = new Repository(speculative, Item, { keyspace });
      const hits = new Repository(speculative, Hit, { keyspace });
      const count = (infos: ExecutionInfo[]): number => infos.reduce((a, i) => a + i.speculativeExecutions, 0);
      const idempotent: ExecutionInfo[] = [];
      const never: Record<string, ExecutionInfo[]> = { counter: [], append: [], lwt: [] };
      const onInfo = (bucket: ExecutionInfo[]) => (info: ExecutionInfo) => void bucket.push(info);
      for (let i = 0; i < 60; i++) {
        await Promise.all([
          items.insert(Object.assign(new Item(), { id: i, v: i }), { onInfo: onInfo(idempotent) }),
          hits.update({ id: 1 }, (u) => u.increment('n'), { onInfo: onInfo(never['counter']!) }),
        ]);
        await Promise.all([
          items.findOne({ id: i }, { onInfo: onInfo(idempotent) }),
          items.update({ id: i }, (u) => u.append('log', [i]), { onInfo: onInfo(never['append']!) }),
          i % 5 === 0 ? items.insert(Object.assign(new Item(), { id: 10_000 + i, v: i }), { ifNotExists: true, onInfo: onInfo(never['lwt']!) }) : undefined,
        ]);
      }
      const counter = await hits.findOne({ id: 1 }, { consistency: 'QUORUM' });
      console.log(`      speculative executions: idempotent ${count(idempotent)} of ${idempotent.length} requests; counter ${count(never['counter']!)}, append ${count(never['append']!)}, lwt ${count(never['lwt']!)}`);
      expect(count(idempotent), 'idempotent statements were executed speculatively').to.be.greaterThan(0);
      for (const [what, infos] of Object.entries(never)) expect(count(infos), what).to.equal(0);
      expect(counter?.n, 'the counter was incremented exactly once per call').to.equal(60n);
      const appended = await items.findOne({ id: 7 }, { consistency: 'QUORUM' });
      expect(appended?.log).to.deep.equal([7]);
    } finally {
      await speculative.close();
    }
  });
});
