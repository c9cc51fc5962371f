// Token-aware routing: a repository read by full partition key is coordinated by a replica of that
// key. With one copy in dc1 each key has exactly one local replica, so the coordinator the execution
// info names (`queriedHost`) must be that node: as the driver's replica metadata says, and as the
// ring computes it from the nodes' tokens. A connection without token awareness misses it for some
// keys, which shows the check can fail.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { Column, PartitionKey, Repository, Table, type Connection } from '../../src/index.js';
import { controlledCluster } from '../support/cluster-fixture.js';
import { clusterConnection, uniqueName } from './support.js';

@Table('routed')
class Routed {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'int' }) v!: number;
}

const KEYS = 40;

/** The serialised partition key of an int key: what the driver hashes to a token. */
function routingKey(id: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(id);
  return b;
}

describe('cluster: token-aware routing', function () {
  this.timeout(300_000);
  const single = uniqueName('route1');
  const spread = uniqueName('route3');
  let connection: Connection;

  before(async () => {
    connection = clusterConnection({ consistency: 'LOCAL_ONE' });
    await connection.execute(`CREATE KEYSPACE IF NOT EXISTS ${single} WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 1}`);
    await connection.execute(`CREATE KEYSPACE IF NOT EXISTS ${spread} WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 2, 'dc2': 1}`);
    for (const ks of [single, spread]) await connection.execute(`CREATE TABLE IF NOT EXISTS ${ks}.routed (id int PRIMARY KEY, v int)`);
    const repo = new Repository(connection, Routed, { keyspace: single });
    for (let id = 0; id < KEYS; id++) await repo.insert(Object.assign(new Routed(), { id, v: id }));
  });
  after(async () => {
    for (const ks of [single, spread]) await connection.execute(`DROP KEYSPACE IF EXISTS ${ks}`).catch(() => undefined);
    await connection.close();
  });

  /** The dc1 node holding `id` with one copy in dc1: the first dc1 node at or after the key's token on the ring. */
  async function ringReplica(id: number): Promise<string> {
    const rs = await connection.execute(`SELECT token(id) AS t FROM ${single}.routed WHERE id = ?`, [id]);
    const token = BigInt(String(rs.first()?.['t']));
    const dc1 = controlledCluster()
      .nodes.filter((n) => n.dataCenter === 'dc1')
      .map((n) => ({ host: `${n.address}:${n.nativePort}`, token: BigInt(n.initialToken) }))
      .sort((a, b) => (a.token < b.token ? -1 : 1));
    return (dc1.find((n) => n.token >= token) ?? dc1[0])!.host;
  }

  /** Where each key's read by primary key was coordinated, through `via`. */
  async function coordinators(via: Connection): Promise<string[]> {
    const repo = new Repository(via, Routed, { keyspace: single });
    const hosts: string[] = [];
    for (let id = 0; id < KEYS; id++) {
      let host = '';
      const row = await repo.findOne({ id }, { onInfo: (info) => void (host = info.queriedHost ?? '') });
      expect(row?.v).to.equal(id);
      hosts.push(host);
    }
    return hosts;
  }

  it("every read by full partition key is coordinated by the key's replica (the driver's metadata and the ring agree)", async () => {
    const hosts = await coordinators(connection);
    const metadata = connection.client.metadata;
    const misses: string[] = [];
    const per = new Map<string, number>();
    for (let id = 0; id < KEYS; id++) {
      const driver = (metadata.getReplicas(single, routingKey(id)) ?? []).map((h) => h.address);
      const ring = await ringReplica(id);
      expect(driver, `the driver's replicas of key ${id}`).to.deep.equal([ring]);
      if (hosts[id] !== ring) misses.push(`key ${id}: coordinated by ${hosts[id]}, replica ${ring}`);
      per.set(ring, (per.get(ring) ?? 0) + 1);
    }
    console.log(`      ${KEYS} reads, replicas ${JSON.stringify(Object.fromEntries(per))}, coordinated elsewhere: ${misses.length}`);
    expect(misses).to.deep.equal([]);
    expect(per.size, 'the keys are spread over both dc1 nodes').to.equal(2);
  });

  it('without token awareness some reads are coordinated elsewhere (so the check above can fail)', async () => {
    const { contactPoints, localDataCenter } = { contactPoints: connection.contactPoints, localDataCenter: 'dc1' };
    const roundRobin = clusterConnection({
      contactPoints: [...contactPoints],
      localDataCenter,
      consistency: 'LOCAL_ONE',
      clientOptions: { policies: { loadBalancing: new cassandra.policies.loadBalancing.DCAwareRoundRobinPolicy(localDataCenter) } },
    });
    try {
      const hosts = await coordinators(roundRobin);
      let elsewhere = 0;
      for (let id = 0; id < KEYS; id++) if (hosts[id] !== (await ringReplica(id))) elsewhere++;
      console.log(`      round robin: ${elsewhere} of ${KEYS} coordinated by a node that is not the key's replica`);
      expect(elsewhere).to.be.greaterThan(0);
    } finally {
      await roundRobin.close();
    }
  });

  it("getReplicas needs the keyspace: with it, {dc1: 2, dc2: 1} gives the three nodes; without, only the key's primary replica", async () => {
    const metadata = connection.client.metadata;
    const all = controlledCluster().nodes.map((n) => `${n.address}:${n.nativePort}`).sort();
    for (let id = 0; id < 5; id++) {
      expect((metadata.getReplicas(spread, routingKey(id)) ?? []).map((h) => h.address).sort()).to.deep.equal(all);
      expect(metadata.getReplicas(null as unknown as string, routingKey(id))).to.have.length(1);
    }
  });
});
