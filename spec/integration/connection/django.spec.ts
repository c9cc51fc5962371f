// django-cassandra-engine's DATABASES, as a Django project writes it, on the real node: the sqlite
// default is ignored, the Cassandra alias connects eagerly before its keyspace exists, schema sync
// (issue 3's syncSchema) creates the keyspace with the configured replication and the model tables,
// the raw cursor works in it unqualified, and TEST_NAME gives the test keyspace.
import { expect } from 'chai';
import { ClusteringKey, Column, ConnectionRegistry, PartitionKey, Table, fromDjangoDatabases, syncSchema, type DjangoDatabases } from '../../../src/index.js';
import { TestKeyspace } from '../../../src/schema/test-keyspace.js';
import { testNode, uniqueKeyspace } from '../../support/test-node.js';
import { liveKeyspace } from './support/options.js';

@Table('events')
class Event {
  @PartitionKey() kind!: string;
  @ClusteringKey({ type: 'int' }) seq!: number;
  @Column() payload?: string;
}

describe('DATABASES shape on the real node', () => {
  const keyspace = uniqueKeyspace('it_dj');
  const testName = `${keyspace}_t`;
  let registry: ConnectionRegistry;

  before(async () => {
    const node = testNode();
    const DATABASES: DjangoDatabases = {
      default: { ENGINE: 'django.db.backends.sqlite3', NAME: 'db.sqlite3' },
      cassandra: {
        ENGINE: 'django_cassandra_engine',
        NAME: keyspace,
        TEST_NAME: testName,
        USER: node.username,
        PASSWORD: node.password,
        HOST: node.contactPoints.join(','),
        OPTIONS: {
          replication: { strategy_class: 'NetworkTopologyStrategy', [node.localDataCenter]: 1 },
          connection: { consistency: 'LOCAL_QUORUM', retry_connect: true, local_dc: node.localDataCenter },
          session: { default_timeout: 10, default_fetch_size: 1000 },
        },
      },
    };
    registry = await ConnectionRegistry.open(fromDjangoDatabases(DATABASES)); // eager, as lazy_connect is not set
  });

  after(async () => {
    await registry.get().execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
    await registry.get().execute(`DROP KEYSPACE IF EXISTS ${testName}`);
    await registry.closeAll();
  });

  it('keeps only the Cassandra alias and makes it the default', () => {
    expect(registry.aliases).to.deep.equal(['cassandra']);
    expect(registry.defaultAlias).to.equal('cassandra');
    expect(registry.get().keyspace).to.equal(keyspace);
    expect(registry.get().testKeyspace).to.equal(testName);
  });

  it('syncs the models: keyspace created with the configured replication, tables created', async () => {
    const connection = registry.get();
    const result = await syncSchema(connection, [Event], { keyspace: connection.keyspaceDefinition() });
    expect(result.applied.map((c) => c.kind)).to.deep.equal(['create-keyspace', 'create-table']);
    expect(await liveKeyspace(connection.client, keyspace)).to.deep.equal({
      replication: { class: 'org.apache.cassandra.locator.NetworkTopologyStrategy', [testNode().localDataCenter]: '1' },
      durableWrites: true,
    });
    const cursor = connection.cursor();
    await cursor.execute('INSERT INTO events (kind, seq, payload) VALUES (?, ?, ?)', ['signup', 1, 'ada']);
    expect(await cursor.execute('SELECT seq, payload FROM events WHERE kind = ?', ['signup'])).to.deep.equal([{ seq: 1, payload: 'ada' }]);
  });

  it('creates and syncs the TEST_NAME keyspace with the same replication', async () => {
    const connection = registry.get();
    const test = await TestKeyspace.create(connection, [Event], { name: connection.testKeyspace as string, replication: connection.replication });
    expect(test.name).to.equal(testName);
    expect((await liveKeyspace(connection.client, testName))?.replication).to.deep.equal({
      class: 'org.apache.cassandra.locator.NetworkTopologyStrategy',
      [testNode().localDataCenter]: '1',
    });
    const rows = await connection.useKeyspace(testName).cursor().execute('SELECT COUNT(*) FROM events');
    expect(rows[0]?.['count']).to.equal(0n);
  });
});
