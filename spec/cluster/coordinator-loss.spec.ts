// Coordinator loss: the connection's only contact point (node 1) is SIGKILLed; the connection keeps
// working through the nodes it discovered, and uses node 1 again once it is back.
import { expect } from 'chai';
import type { Connection } from '../../src/index.js';
import { controlledCluster } from '../support/cluster-fixture.js';
import { clusterConnection, sleep, uniqueName } from './support.js';

describe('cluster: the contact point killed', function () {
  this.timeout(600_000);
  const keyspace = uniqueName('coord');
  let connection: Connection;

  before(async () => {
    const first = controlledCluster().node(1);
    connection = clusterConnection({ contactPoints: [`${first.address}:${first.nativePort}`] });
    await connection.execute(`CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 2, 'dc2': 1}`);
    await connection.execute(`CREATE TABLE IF NOT EXISTS ${keyspace}.kv (id int PRIMARY KEY, v int)`);
  });
  after(async () => {
    const cluster = controlledCluster();
    if (cluster.node(1).pid === undefined) await cluster.restart(1);
    await connection.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => undefined);
    await connection.close();
  });

  it('keeps answering through the other nodes, then coordinates on node 1 again after its restart', async () => {
    const cluster = controlledCluster();
    const node1 = cluster.node(1).address;
    const insert = `INSERT INTO ${keyspace}.kv (id, v) VALUES (?, ?)`;
    await connection.execute(insert, [0, 0], { consistency: 'QUORUM' });
    await cluster.kill(1);
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
