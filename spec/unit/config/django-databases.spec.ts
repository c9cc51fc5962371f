// django-cassandra-engine's DATABASES accepted as it is: each key lands on its native option, other
// engines are ignored, bad values fail with the key as the user wrote it, nothing is mutated.
import { expect } from 'chai';
import { inspect } from 'node:util';
import { fromDjangoDatabases, type DjangoDatabases } from '../../../src/index.js';
import { ConfigError } from '../../../src/public/errors.js';
import { resolveConnectionsConfig } from '../../../src/config/connections-config.js';
import { deepFreeze, snapshot } from './deep-freeze.js';

const provider = { newAuthenticator: () => ({}) };

const DATABASES: DjangoDatabases = {
  default: { ENGINE: 'django.db.backends.sqlite3', NAME: 'db.sqlite3' },
  cassandra: {
    ENGINE: 'django_cassandra_engine',
    NAME: 'events',
    TEST_NAME: 'events_ci',
    USER: 'app',
    PASSWORD: 'Pa55-word',
    HOST: '10.0.0.1, 10.0.0.2',
    OPTIONS: {
      replication: { strategy_class: 'NetworkTopologyStrategy', dc1: 3, dc2: 2 },
      connection: {
        consistency: 'LOCAL_QUORUM',
        retry_connect: true,
        lazy_connect: true,
        port: 9142,
        local_dc: 'dc1',
        connect_timeout: 2.5,
        protocol_version: 4,
        pooling: { coreConnectionsPerHost: { 0: 2 } },
      },
      session: { default_timeout: 10, default_fetch_size: 500, default_serial_consistency_level: 'LOCAL_SERIAL', traceQuery: false },
    },
  },
};

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('config: django DATABASES', () => {
  it('maps every key of a Cassandra alias to its native option and ignores other engines', () => {
    const config = fromDjangoDatabases(DATABASES);
    expect(config.default).to.equal('cassandra');
    expect(Object.keys(config.connections)).to.deep.equal(['cassandra']);
    expect(config.connections['cassandra']).to.deep.equal({
      keyspace: 'events',
      testKeyspace: 'events_ci',
      username: 'app',
      password: 'Pa55-word',
      contactPoints: ['10.0.0.1', '10.0.0.2'],
      lazyConnect: true,
      replication: { class: 'NetworkTopologyStrategy', dataCenters: { dc1: 3, dc2: 2 } },
      consistency: 'LOCAL_QUORUM',
      retryConnect: { deadlineMs: 30000, initialDelayMs: 200, maxDelayMs: 5000, multiplier: 2 },
      port: 9142,
      localDataCenter: 'dc1',
      clientOptions: {
        pooling: { coreConnectionsPerHost: { 0: 2 } },
        protocolOptions: { maxVersion: 4 },
        socketOptions: { connectTimeout: 2500 },
      },
      queryDefaults: { traceQuery: false, readTimeout: 10000, fetchSize: 500, serialConsistency: 'LOCAL_SERIAL' },
    });
  });

  it('gives native settings the registry accepts', () => {
    const resolved = resolveConnectionsConfig(fromDjangoDatabases(DATABASES));
    const s = resolved.connections['cassandra'];
    expect(resolved.defaultAlias).to.equal('cassandra');
    expect(s?.queryDefaults).to.deep.equal({ traceQuery: false, readTimeout: 10000, fetchSize: 500, serialConsistency: 'LOCAL_SERIAL', consistency: 'LOCAL_QUORUM' });
    expect(s?.testKeyspace).to.equal('events_ci');
  });

  it('defaults like django-cassandra-engine: SimpleStrategy RF 1, eager connect, test_<NAME>', () => {
    const config = fromDjangoDatabases({ default: { ENGINE: 'django_cassandra_engine', NAME: 'app', HOST: 'localhost' } });
    const s = resolveConnectionsConfig(config).connections['default'];
    expect(config.default).to.equal('default');
    expect(s?.replication).to.deep.equal({ class: 'SimpleStrategy', replicationFactor: 1 });
    expect(s?.lazyConnect).to.equal(false);
    expect(s?.testKeyspace).to.equal('test_app');
  });

  it('reads SimpleStrategy, TEST.NAME, PORT as a string, an auth_provider and Django generic keys', () => {
    const config = fromDjangoDatabases({
      cassandra: {
        ENGINE: 'django_cassandra_engine',
        NAME: 'app',
        HOST: ['h1'],
        PORT: '9043',
        TEST: { NAME: 'app_test' },
        CONN_MAX_AGE: 0,
        OPTIONS: { replication: { strategy_class: 'SimpleStrategy', replication_factor: 3 }, connection: { auth_provider: provider } },
      },
    });
    expect(config.connections['cassandra']).to.deep.include({ port: 9043, testKeyspace: 'app_test', authProvider: provider });
    expect(config.connections['cassandra']?.replication).to.deep.equal({ class: 'SimpleStrategy', replicationFactor: 3 });
  });

  it('needs { default } to choose among several Cassandra aliases', () => {
    const two: DjangoDatabases = {
      a: { ENGINE: 'django_cassandra_engine', NAME: 'ka', HOST: 'h' },
      b: { ENGINE: 'django_cassandra_engine', NAME: 'kb', HOST: 'h' },
    };
    expect(configError(() => fromDjangoDatabases(two)).key).to.equal('DATABASES(default)');
    expect(fromDjangoDatabases(two, { default: 'b' }).default).to.equal('b');
  });

  it('never mutates a deep-frozen DATABASES', () => {
    const frozen = deepFreeze(structuredClone(DATABASES));
    const before = snapshot(frozen);
    fromDjangoDatabases(frozen);
    expect(frozen).to.deep.equal(before);
  });

  describe('bad input names the Django key', () => {
    const base = { ENGINE: 'django_cassandra_engine', NAME: 'app', HOST: 'h' };
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      ['missing NAME', { ENGINE: 'django_cassandra_engine', HOST: 'h' }, 'DATABASES.c.NAME', /is required/],
      ['missing HOST', { ENGINE: 'django_cassandra_engine', NAME: 'app' }, 'DATABASES.c.HOST', /is required/],
      ['unknown alias key', { ...base, HOSTS: 'h' }, 'DATABASES.c.HOSTS', /unknown key/],
      ['unknown OPTIONS key', { ...base, OPTIONS: { sessions: {} } }, 'DATABASES.c.OPTIONS.sessions', /unknown key/],
      ['unknown connection key', { ...base, OPTIONS: { connection: { retry_conect: true } } }, 'DATABASES.c.OPTIONS.connection.retry_conect', /unknown key/],
      ['unknown consistency', { ...base, OPTIONS: { connection: { consistency: 'MOST' } } }, 'DATABASES.c.OPTIONS.connection.consistency', /unknown consistency level 'MOST'/],
      ['wrong type', { ...base, OPTIONS: { session: { default_fetch_size: '100' } } }, 'DATABASES.c.OPTIONS.session.default_fetch_size', /expected an integer, got string/],
      ['wrong type of retry_connect', { ...base, OPTIONS: { connection: { retry_connect: 'yes' } } }, 'DATABASES.c.OPTIONS.connection.retry_connect', /expected a boolean or \{ deadlineMs/],
      ['NTS with replication_factor', { ...base, OPTIONS: { replication: { strategy_class: 'NetworkTopologyStrategy', replication_factor: 3 } } }, 'DATABASES.c.OPTIONS.replication.replication_factor', /per data center/],
      ['bad keyspace NAME', { ...base, NAME: 'my app' }, 'DATABASES.c.NAME', /not a valid keyspace name/],
    ];
    for (const [kind, alias, key, message] of cases) {
      it(kind, () => {
        const error = configError(() => fromDjangoDatabases({ c: alias as never }));
        expect(error.key).to.equal(key);
        expect(error.message).to.match(message);
      });
    }

    it('no Cassandra alias at all', () => {
      const error = configError(() => fromDjangoDatabases({ default: { ENGINE: 'django.db.backends.sqlite3' } }));
      expect(error.key).to.equal('DATABASES');
      expect(error.message).to.match(/no alias uses ENGINE 'django_cassandra_engine'/);
    });

    it('never shows the PASSWORD', () => {
      const error = configError(() => fromDjangoDatabases({ c: { ...base, USER: 'u', PASSWORD: 'Top-Secret-9', PORT: 'abc' } }));
      expect(error.key).to.equal('DATABASES.c.PORT');
      expect(inspect(error)).not.to.contain('Top-Secret-9');
    });
  });
});
