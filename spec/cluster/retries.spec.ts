// Retries are safe: the driver retries and speculatively executes only statements the library marks
// idempotent. With a speculative execution policy, idempotent reads and inserts get speculative
// executions while counter increments, list appends and LWTs never do (and the counter ends exactly
// right). When a coordinator is SIGKILLed mid-request, idempotent inserts in flight are retried on
// another node, while counter increments in flight fail with ConnectionLostError and are not
// retried: the counter is never incremented twice.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { Column, ConnectionLostError, PartitionKey, Repository, Table, type Connection, type ExecutionInfo } from '../../src/index.js';
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
  @Column({ type: 'list<int>' }) log?: number[];
}

const KILLED = 2;

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
    const cluster = controlledCluster();
    if (cluster.node(KILLED).pid === undefined) await cluster.restart(KILLED);
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

  it('a coordinator SIGKILLed mid-request: idempotent inserts in flight are retried elsewhere; counter increments are not, and the counter is never incremented twice', async () => {
    const cluster = controlledCluster();
    const connection = clusterConnection({ consistency: 'QUORUM' });
    try {
      const items = new Repository(connection, Item, { keyspace });
      const hits = new Repository(connection, Hit, { keyspace });
      await connection.connect();
      const counted = { acknowledged: 0, failed: {} as Record<string, number>, unknown: 0 };
      const inserted = { acknowledged: new Set<number>(), failed: {} as Record<string, number> };
      let stop = false;
      let next = 100_000;
      const worker = async (): Promise<void> => {
        while (!stop) {
          const id = next++;
          const [insert, increment] = await Promise.allSettled([
            items.insert(Object.assign(new Item(), { id, v: id })),
            hits.update({ id: 2 }, (u) => u.increment('n')),
          ]);
          if (insert.status === 'fulfilled') inserted.acknowledged.add(id);
          else inserted.failed[(insert.reason as Error).name] = (inserted.failed[(insert.reason as Error).name] ?? 0) + 1;
          if (increment.status === 'fulfilled') counted.acknowledged++;
          else {
            const name = increment.reason instanceof ConnectionLostError ? `ConnectionLostError(${increment.reason.written ? 'sent' : 'not sent'})` : (increment.reason as Error).name;
            counted.failed[name] = (counted.failed[name] ?? 0) + 1;
            // Only a request known not to have been sent is known not to have been applied.
            if (!(increment.reason instanceof ConnectionLostError && !increment.reason.written)) counted.unknown++;
          }
        }
      };
      const workers = Promise.all(Array.from({ length: 24 }, worker));
      await sleep(3_000);
      await cluster.kill(KILLED);
      await sleep(4_000);
      stop = true;
      await workers;
      const value = (await hits.findOne({ id: 2 }, { consistency: 'QUORUM' }))?.n ?? 0n;
      const rows = await admin.execute(`SELECT id FROM ${keyspace}.items WHERE id IN ?`, [[...inserted.acknowledged].slice(0, 500)], { consistency: 'QUORUM' });
      console.log(`      counter ${value}: ${counted.acknowledged} increments acknowledged, failed ${JSON.stringify(counted.failed)}; inserts ${inserted.acknowledged.size} acknowledged, failed ${JSON.stringify(inserted.failed)}`);
      expect(counted.failed['ConnectionLostError(sent)'] ?? 0, 'some increments were in flight on the killed coordinator (else this proves nothing)').to.be.greaterThan(0);
      expect(Object.keys(counted.failed).every((k) => /^(ConnectionLostError\((sent|not sent)\)|WriteTimeoutError|QueryTimeoutError)$/.test(k)), JSON.stringify(counted.failed)).to.equal(true);
      expect(Number(value), 'at least every acknowledged increment').to.be.at.least(counted.acknowledged);
      expect(Number(value), 'at most one per increment whose outcome is unknown on top: never twice').to.be.at.most(counted.acknowledged + counted.unknown);
      expect(inserted.failed['ConnectionLostError'] ?? 0, 'idempotent inserts in flight were retried on another node').to.equal(0);
      expect(rows.rows.length).to.equal(Math.min(500, inserted.acknowledged.size));
    } finally {
      await connection.close();
    }
    await cluster.restart(KILLED);
  });
});
