// A healthy three-node, two-data-centre cluster: keyspaces sync creates, consistency levels per
// connection and per call, and data-centre-aware load balancing, all against the real nodes.
import { expect } from 'chai';
import { Column, PartitionKey, Table, syncSchema, type Connection } from '../../src/index.js';
import { clusterConnection, code, uniqueName } from './support.js';

@Table('notes')
class Note {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column() body!: string;
}

describe('cluster: replication and consistency', () => {
  let connection: Connection;
  const created: string[] = [];
  before(() => {
    connection = clusterConnection();
  });
  after(async () => {
    for (const ks of created) await connection.execute(`DROP KEYSPACE IF EXISTS ${ks}`);
    await connection.close();
  });

  async function replicationOf(keyspace: string): Promise<Record<string, string>> {
    const rs = await connection.execute('SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?', [keyspace]);
    const map = rs.first()?.['replication'] as Map<string, string> | Record<string, string>;
    return map instanceof Map ? Object.fromEntries(map) : map;
  }

  it('sync creates a NetworkTopologyStrategy keyspace {dc1: 2, dc2: 1}; a write at ALL succeeds', async () => {
    const name = uniqueName('nts');
    created.push(name);
    await syncSchema(connection, [Note], { keyspace: { name, replication: { class: 'NetworkTopologyStrategy', dataCenters: { dc1: 2, dc2: 1 } } } });
    expect(await replicationOf(name)).to.deep.equal({ class: 'org.apache.cassandra.locator.NetworkTopologyStrategy', dc1: '2', dc2: '1' });
    const rs = await connection.execute(`INSERT INTO ${name}.notes (id, body) VALUES (?, ?)`, [1, 'all'], { consistency: 'ALL' });
    expect(rs.info.achievedConsistency).to.equal(code('all'));
  });

  it('sync creates a SimpleStrategy keyspace with replication factor 3', async () => {
    const name = uniqueName('simple');
    created.push(name);
    await syncSchema(connection, [Note], { keyspace: { name, replication: { class: 'SimpleStrategy', replicationFactor: 3 } } });
    expect(await replicationOf(name)).to.deep.equal({ class: 'org.apache.cassandra.locator.SimpleStrategy', replication_factor: '3' });
    await connection.execute(`INSERT INTO ${name}.notes (id, body) VALUES (?, ?)`, [2, 'three'], { consistency: 'ALL' });
    const read = await connection.execute(`SELECT body FROM ${name}.notes WHERE id = ?`, [2], { consistency: 'THREE' });
    expect(read.first()?.['body']).to.equal('three');
  });

  it('LOCAL_QUORUM, QUORUM, EACH_QUORUM and LOCAL_ONE per call are what the cluster ran', async () => {
    const name = created[0] as string;
    for (const level of ['LOCAL_QUORUM', 'QUORUM', 'EACH_QUORUM', 'LOCAL_ONE'] as const) {
      const rs = await connection.execute(`INSERT INTO ${name}.notes (id, body) VALUES (?, ?)`, [3, level], { consistency: level });
      expect(rs.info.achievedConsistency, level).to.equal(code(level.toLowerCase().replace(/_(\w)/g, (_, c: string) => c.toUpperCase()) as 'quorum'));
    }
    // That the server really applies each level shows in the node-loss spec: with one dc1 node down,
    // QUORUM and LOCAL_ONE work while LOCAL_QUORUM and EACH_QUORUM are unavailable.
    const read = await connection.execute(`SELECT body FROM ${name}.notes WHERE id = ?`, [3], { consistency: 'EACH_QUORUM' });
    expect(read.first()?.['body']).to.equal('LOCAL_ONE');
    expect(read.info.achievedConsistency).to.equal(code('eachQuorum'));
  });

  it('a connection-wide consistency applies to every statement, and a call overrides it', async () => {
    const name = created[0] as string;
    const local = clusterConnection({ consistency: 'LOCAL_QUORUM' });
    try {
      const rs = await local.execute(`SELECT body FROM ${name}.notes WHERE id = ?`, [3]);
      expect(rs.info.achievedConsistency).to.equal(code('localQuorum'));
      const one = await local.execute(`SELECT body FROM ${name}.notes WHERE id = ?`, [3], { consistency: 'LOCAL_ONE' });
      expect(one.info.achievedConsistency).to.equal(code('localOne'));
    } finally {
      await local.close();
    }
  });

  it('the local data centre of the connection decides which nodes coordinate', async () => {
    const name = created[0] as string;
    const byDc: Record<string, Set<string>> = {};
    for (const dc of ['dc1', 'dc2']) {
      const c = clusterConnection({ localDataCenter: dc });
      byDc[dc] = new Set();
      try {
        for (let i = 0; i < 12; i++) {
          const rs = await c.execute(`SELECT body FROM ${name}.notes WHERE id = ?`, [i], { consistency: 'LOCAL_ONE' });
          byDc[dc]?.add(String(rs.info.queriedHost));
        }
      } finally {
        await c.close();
      }
    }
    const hosts = (dc: string): string[] => connection.client.hosts.values().filter((h) => h.datacenter === dc).map((h) => h.address);
    expect([...(byDc['dc2'] ?? [])]).to.deep.equal(hosts('dc2'));
    expect([...(byDc['dc1'] ?? [])].every((h) => hosts('dc1').includes(h))).to.equal(true);
    expect(byDc['dc1']?.size).to.be.greaterThan(0);
  });
});
