// Bad configuration fails fast, before anything reaches the node: a loopback proxy in front of the
// node counts connection attempts, and there are none. Each kind of bad input names its key.
import { expect } from 'chai';
import { Connection, ConnectionRegistry, fromDjangoDatabases, type DjangoDatabases } from '../../../src/index.js';
import { ConfigError } from '../../../src/public/errors.js';
import { testNode } from '../../support/test-node.js';
import { nodeTarget, startProxy, type TcpProxy } from './support/tcp-proxy.js';

describe('configuration errors (nothing sent to the node)', () => {
  let proxy: TcpProxy;
  const password = 'Never-Printed-42';

  before(async () => {
    proxy = await startProxy(nodeTarget(testNode().contactPoints[0] ?? '127.0.0.1'), 'up');
  });

  after(async () => {
    await proxy.close();
  });

  const django = (alias: Record<string, unknown>): DjangoDatabases => ({
    default: { ENGINE: 'django.db.backends.postgresql', NAME: 'app' },
    cassandra: { ENGINE: 'django_cassandra_engine', NAME: 'app', USER: 'cassandra', PASSWORD: password, HOST: proxy.endpoint, ...alias },
  });

  const kinds: Array<[string, () => unknown, string, RegExp]> = [
    ['unknown key', () => fromDjangoDatabases(django({ OPTIONS: { connection: { lazy_conect: true } } })), 'DATABASES.cassandra.OPTIONS.connection.lazy_conect', /unknown key/],
    ['wrong type', () => fromDjangoDatabases(django({ OPTIONS: { session: { default_timeout: '10s' } } })), 'DATABASES.cassandra.OPTIONS.session.default_timeout', /expected a number, got string/],
    ['missing keyspace', () => fromDjangoDatabases(django({ NAME: undefined })), 'DATABASES.cassandra.NAME', /is required/],
    ['unknown consistency name', () => fromDjangoDatabases(django({ OPTIONS: { connection: { consistency: 'LOCAL_QUORM' } } })), 'DATABASES.cassandra.OPTIONS.connection.consistency', /unknown consistency level 'LOCAL_QUORM'/],
    ['native: missing keyspace', () => new ConnectionRegistry({ connections: { events: { contactPoints: proxy.endpoint } } }), 'connections.events.keyspace', /is required/],
    ['native: unknown consistency', () => new Connection({ contactPoints: proxy.endpoint, username: 'cassandra', password, queryDefaults: { consistency: 'QUORUMS' } }), 'connection.queryDefaults.consistency', /unknown consistency level/],
  ];

  for (const [kind, build, key, message] of kinds) {
    it(`${kind}: ConfigError naming ${key}, no connection attempted, no password shown`, () => {
      let error: unknown;
      try {
        build();
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(ConfigError);
      expect((error as ConfigError).key).to.equal(key);
      expect((error as ConfigError).message).to.match(message);
      expect(String((error as Error).stack)).not.to.contain(password);
      expect(proxy.accepted).to.equal(0);
    });
  }
});
