// Two aliases with different keyspaces and replication, used side by side in one process: each
// connection creates its keyspace with its own replication and works in it through one shared client.
import { expect } from 'chai';
import { ConnectionRegistry } from '../../../src/index.js';
import { createKeyspaceCql } from '../../../src/schema/keyspace-ddl.js';
import { testNode, uniqueKeyspace } from '../../support/test-node.js';
import { deepFreeze, snapshot } from '../../unit/config/deep-freeze.js';
import { liveKeyspace, nodeOptions } from './support/options.js';

describe('named connections on the real node', () => {
  const shopKs = uniqueKeyspace('it_reg_shop');
  const eventsKs = uniqueKeyspace('it_reg_events');
  let registry: ConnectionRegistry;

  before(() => {
    const dc = testNode().localDataCenter;
    registry = new ConnectionRegistry({
      default: 'shop',
      connections: {
        shop: nodeOptions({ keyspace: shopKs }),
        events: nodeOptions({
          keyspace: eventsKs,
          replication: { class: 'NetworkTopologyStrategy', dataCenters: { [dc]: 1 } },
          durableWrites: false,
        }),
      },
    });
  });

  after(async () => {
    const admin = registry.get('shop');
    await admin.execute(`DROP KEYSPACE IF EXISTS ${shopKs}`);
    await admin.execute(`DROP KEYSPACE IF EXISTS ${eventsKs}`);
    await registry.closeAll();
  });

  it('creates each alias keyspace with its own replication', async () => {
    for (const alias of registry.aliases) {
      const connection = registry.get(alias);
      // The keyspace does not exist yet: the connection connects anyway and switches to it once created.
      await connection.execute(createKeyspaceCql(connection.keyspaceDefinition()));
    }
    const client = registry.get('shop').client;
    expect(await liveKeyspace(client, shopKs)).to.deep.equal({
      replication: { class: 'org.apache.cassandra.locator.SimpleStrategy', replication_factor: '1' },
      durableWrites: true,
    });
    expect(await liveKeyspace(client, eventsKs)).to.deep.equal({
      replication: { class: 'org.apache.cassandra.locator.NetworkTopologyStrategy', [testNode().localDataCenter]: '1' },
      durableWrites: false,
    });
  });

  it('runs unqualified statements in each alias keyspace, one shared client per alias', async () => {
    const shop = registry.get('shop');
    const events = registry.get('events');
    expect(registry.get()).to.equal(shop);
    expect(registry.get('events').client).to.equal(events.client);
    await shop.execute('CREATE TABLE IF NOT EXISTS items (id int PRIMARY KEY, label text)');
    await events.execute('CREATE TABLE IF NOT EXISTS items (id int PRIMARY KEY, label text)');
    await shop.execute('INSERT INTO items (id, label) VALUES (?, ?)', [1, 'from shop']);
    await events.execute('INSERT INTO items (id, label) VALUES (?, ?)', [1, 'from events']);
    expect((await shop.execute('SELECT label FROM items WHERE id = 1')).first()?.['label']).to.equal('from shop');
    expect((await events.execute('SELECT label FROM items WHERE id = 1')).first()?.['label']).to.equal('from events');
    expect((await shop.execute(`SELECT label FROM ${eventsKs}.items WHERE id = 1`)).first()?.['label']).to.equal('from events');
  });

  it('switches keyspace for one call, or for a view, without touching the connection', async () => {
    const shop = registry.get('shop');
    const rs = await shop.execute('SELECT label FROM items WHERE id = ?', [1], { keyspace: eventsKs });
    expect(rs.first()?.['label']).to.equal('from events');
    const rows = await shop.useKeyspace(eventsKs).cursor().execute('SELECT label FROM items WHERE id = ?', [1]);
    expect(rows).to.deep.equal([{ label: 'from events' }]);
    expect((await shop.execute('SELECT label FROM items WHERE id = 1')).first()?.['label']).to.equal('from shop');
  });

  it('returns 64-bit and arbitrary-precision integers as bigint', async () => {
    const shop = registry.get('shop');
    await shop.execute('CREATE TABLE IF NOT EXISTS nums (id int PRIMARY KEY, big bigint, huge varint)');
    const huge = 2n ** 100n + 7n;
    await shop.execute('INSERT INTO nums (id, big, huge) VALUES (?, ?, ?)', [1, -9223372036854775808n, huge]);
    const [row] = await shop.cursor().execute('SELECT big, huge FROM nums WHERE id = 1');
    expect(row).to.deep.equal({ big: -9223372036854775808n, huge });
    expect(typeof row?.['big']).to.equal('bigint');
  });

  it('works from a deep-frozen configuration and leaves it unchanged (driver options included)', async () => {
    const config = deepFreeze({
      connections: {
        frozen: nodeOptions({
          keyspace: shopKs,
          consistency: 'LOCAL_ONE',
          retryConnect: { deadlineMs: 5000 },
          queryDefaults: { fetchSize: 10, serialConsistency: 'LOCAL_SERIAL' },
          clientOptions: {
            pooling: { coreConnectionsPerHost: { 0: 1 }, heartBeatInterval: 10000 },
            socketOptions: { connectTimeout: 4000, readTimeout: 10000 },
            protocolOptions: { maxSchemaAgreementWaitSeconds: 5 },
            queryOptions: { captureStackTrace: false },
          },
        }),
      },
    });
    const before = snapshot(config);
    const frozen = new ConnectionRegistry(config);
    try {
      expect(await frozen.get().cursor().execute('SELECT label FROM items WHERE id = ?', [1])).to.deep.equal([{ label: 'from shop' }]);
    } finally {
      await frozen.closeAll();
    }
    expect(config).to.deep.equal(before);
  });
});
