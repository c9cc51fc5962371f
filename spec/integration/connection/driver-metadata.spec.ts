// The driver's keyspace metadata on a connection that decodes maps as Map (the default): the
// replication strategy of each keyspace is known, so token-aware routing and getReplicas work.
import { expect } from 'chai';
import { Connection } from '../../../src/index.js';
import { testNode, uniqueKeyspace } from '../../support/test-node.js';

describe("the driver's keyspace metadata (real node)", () => {
  let connection: Connection;
  const keyspace = uniqueKeyspace('it_ks_meta');

  before(() => {
    const node = testNode();
    connection = new Connection({ contactPoints: node.contactPoints, localDataCenter: node.localDataCenter, username: node.username, password: node.password });
  });
  after(async () => {
    await connection.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
    await connection.close();
  });

  it('knows the replication of the keyspaces there at connect, and of one created afterwards', async () => {
    await connection.connect();
    const metadata = connection.client.metadata as unknown as { keyspaces: Record<string, { strategy?: string; strategyOptions?: Record<string, string> }>; refreshKeyspace(name: string): Promise<void> };
    expect(metadata.keyspaces['system_auth']?.strategy, 'system_auth').to.match(/Strategy$/);
    await connection.execute(`CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
    await metadata.refreshKeyspace(keyspace);
    expect(metadata.keyspaces[keyspace]?.strategy).to.equal('org.apache.cassandra.locator.SimpleStrategy');
    expect(metadata.keyspaces[keyspace]?.strategyOptions).to.deep.equal({ replication_factor: '1' });
  });
});
