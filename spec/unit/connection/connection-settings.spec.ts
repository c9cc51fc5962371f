// Native settings of one connection: defaults, normalisation, and a ConfigError per kind of bad input
// naming the key path; the input is never mutated and the password never shows.
import { expect } from 'chai';
import { inspect } from 'node:util';
import { type ConnectionOptions } from '../../../src/index.js';
import { ConfigError } from '../../../src/public/errors.js';
import { resolveConnectionSettings } from '../../../src/connection/connection-settings.js';
import { deepFreeze, snapshot } from '../config/deep-freeze.js';

const resolve = (options: unknown, requireKeyspace = false) =>
  resolveConnectionSettings(options, { path: 'connections.main', alias: 'main', requireKeyspace });

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('config: connection settings', () => {
  it('fills the defaults', () => {
    const s = resolve({ contactPoints: '127.0.0.1', keyspace: 'shop' });
    expect(s).to.deep.include({
      alias: 'main',
      contactPoints: ['127.0.0.1'],
      port: 9042,
      localDataCenter: 'datacenter1',
      keyspace: 'shop',
      testKeyspace: 'test_shop',
      username: undefined,
      password: undefined,
      durableWrites: true,
      retryConnect: undefined,
      lazyConnect: true,
    });
    expect(s.replication).to.deep.equal({ class: 'SimpleStrategy', replicationFactor: 1 });
    expect(s.queryDefaults).to.deep.equal({});
    expect(Object.isFrozen(s)).to.equal(true);
  });

  it('splits a comma-separated contact point string and trims it', () => {
    expect(resolve({ contactPoints: ' 10.0.0.1, 10.0.0.2:9043 ,' }).contactPoints).to.deep.equal(['10.0.0.1', '10.0.0.2:9043']);
    expect(resolve({ contactPoints: ['a', 'b'] }).contactPoints).to.deep.equal(['a', 'b']);
  });

  it('takes an explicit test keyspace, port, data center and NetworkTopologyStrategy replication', () => {
    const s = resolve({
      contactPoints: ['h'],
      keyspace: 'shop',
      testKeyspace: 'shop_ci',
      port: 9142,
      localDataCenter: 'eu-west',
      replication: { class: 'NetworkTopologyStrategy', dataCenters: { 'eu-west': 3, 'us-east': 2 } },
      durableWrites: false,
    });
    expect(s.testKeyspace).to.equal('shop_ci');
    expect(s.port).to.equal(9142);
    expect(s.localDataCenter).to.equal('eu-west');
    expect(s.replication).to.deep.equal({ class: 'NetworkTopologyStrategy', dataCenters: { 'eu-west': 3, 'us-east': 2 } });
    expect(s.durableWrites).to.equal(false);
  });

  it('reads consistency levels by name in any usual spelling', () => {
    for (const spelling of ['LOCAL_QUORUM', 'local_quorum', 'localQuorum', 'ConsistencyLevel.LOCAL_QUORUM', 6]) {
      expect(resolve({ contactPoints: 'h', consistency: spelling }).queryDefaults.consistency).to.equal('LOCAL_QUORUM');
    }
    const s = resolve({ contactPoints: 'h', queryDefaults: { serialConsistency: 'local_serial', fetchSize: 100, readTimeout: 2500, traceQuery: true } });
    expect(s.queryDefaults).to.deep.equal({ serialConsistency: 'LOCAL_SERIAL', fetchSize: 100, readTimeout: 2500, traceQuery: true });
  });

  it('turns retryConnect: true into the default backoff and keeps explicit values', () => {
    expect(resolve({ contactPoints: 'h', retryConnect: true }).retryConnect).to.deep.equal({
      deadlineMs: 30000, initialDelayMs: 200, maxDelayMs: 5000, multiplier: 2,
    });
    expect(resolve({ contactPoints: 'h', retryConnect: { deadlineMs: 5000, multiplier: 1.5 } }).retryConnect).to.deep.equal({
      deadlineMs: 5000, initialDelayMs: 200, maxDelayMs: 5000, multiplier: 1.5,
    });
    expect(resolve({ contactPoints: 'h', retryConnect: false }).retryConnect).to.equal(undefined);
  });

  it('passes clientOptions through untouched (same nested objects)', () => {
    const pooling = { coreConnectionsPerHost: { 0: 2 } };
    const sslOptions = { rejectUnauthorized: false };
    const s = resolve({ contactPoints: 'h', clientOptions: { pooling, sslOptions, socketOptions: { connectTimeout: 1000 } } });
    expect(s.clientOptions.pooling).to.equal(pooling);
    expect(s.clientOptions.sslOptions).to.equal(sslOptions);
    expect(s.clientOptions.socketOptions).to.deep.equal({ connectTimeout: 1000 });
  });

  it('never mutates a deep-frozen input', () => {
    const input: ConnectionOptions = deepFreeze({
      contactPoints: ['h1', 'h2'],
      keyspace: 'shop',
      username: 'app',
      password: 'p',
      consistency: 'local_quorum',
      retryConnect: { deadlineMs: 1000 },
      replication: { class: 'NetworkTopologyStrategy', dataCenters: { dc1: 3 } },
      queryDefaults: { fetchSize: 10, serialConsistency: 'SERIAL' },
      clientOptions: { pooling: { heartBeatInterval: 1000 } },
    });
    const before = snapshot(input);
    resolve(input);
    expect(input).to.deep.equal(before);
  });

  describe('bad input fails fast with the key path', () => {
    const cases: Array<[string, unknown, string, RegExp]> = [
      ['unknown key', { contactPoints: 'h', keyspcae: 'x' }, 'connections.main.keyspcae', /unknown key \(allowed: alias, contactPoints/],
      ['unknown nested key', { contactPoints: 'h', queryDefaults: { pageState: 'ab' } }, 'connections.main.queryDefaults.pageState', /unknown key/],
      ['unknown driver option', { contactPoints: 'h', clientOptions: { poolin: {} } }, 'connections.main.clientOptions.poolin', /unknown key/],
      ['driver option with a home here', { contactPoints: 'h', clientOptions: { keyspace: 'x' } }, 'connections.main.clientOptions.keyspace', /'keyspace' setting/],
      ['wrong type', { contactPoints: 'h', port: '9042' }, 'connections.main.port', /expected an integer, got string/],
      ['wrong type in a list', { contactPoints: ['h', 3] }, 'connections.main.contactPoints[1]', /expected a string, got number/],
      ['out of range', { contactPoints: 'h', port: 70000 }, 'connections.main.port', /between 1 and 65535/],
      ['missing contact points', { keyspace: 'k' }, 'connections.main.contactPoints', /is required/],
      ['empty contact points', { contactPoints: ' , ' }, 'connections.main.contactPoints', /at least one host/],
      ['bad keyspace name', { contactPoints: 'h', keyspace: 'my-shop' }, 'connections.main.keyspace', /not a valid keyspace name/],
      ['unknown consistency', { contactPoints: 'h', consistency: 'LOCAL_QUORUMM' }, 'connections.main.consistency', /unknown consistency level 'LOCAL_QUORUMM' \(allowed: ANY, ONE/],
      ['non-serial serial consistency', { contactPoints: 'h', queryDefaults: { serialConsistency: 'QUORUM' } }, 'connections.main.queryDefaults.serialConsistency', /SERIAL or LOCAL_SERIAL/],
      ['conflicting consistencies', { contactPoints: 'h', consistency: 'ONE', queryDefaults: { consistency: 'ALL' } }, 'connections.main.consistency', /conflicts/],
      ['unknown strategy', { contactPoints: 'h', replication: { class: 'OldNetworkTopologyStrategy' } }, 'connections.main.replication.class', /unknown replication strategy/],
      ['NTS without data centers', { contactPoints: 'h', replication: { class: 'NetworkTopologyStrategy' } }, 'connections.main.replication.dataCenters', /is required/],
      ['negative backoff', { contactPoints: 'h', retryConnect: { deadlineMs: -1 } }, 'connections.main.retryConnect.deadlineMs', /greater than 0/],
      ['auth provider without newAuthenticator', { contactPoints: 'h', authProvider: {} }, 'connections.main.authProvider', /AuthProvider/],
      ['password without user', { contactPoints: 'h', password: 'x' }, 'connections.main.username', /without a user/],
    ];
    for (const [kind, input, key, message] of cases) {
      it(kind, () => {
        const error = configError(() => resolve(input));
        expect(error.key).to.equal(key);
        expect(error.message).to.match(message);
        expect(error.message.startsWith(`${key}: `)).to.equal(true);
      });
    }

    it('missing keyspace, when the connection is a named one', () => {
      const error = configError(() => resolve({ contactPoints: 'h' }, true));
      expect(error.key).to.equal('connections.main.keyspace');
      expect(error.message).to.match(/is required/);
    });
  });

  describe('the password', () => {
    const password = 'S3cret-Hunter2!';

    it('never shows in the resolved settings, inspected, stringified or as JSON', () => {
      const s = resolve({ contactPoints: 'h', username: 'app', password });
      expect(s.password?.reveal()).to.equal(password);
      expect(inspect(s, { depth: 10, showHidden: true })).not.to.contain(password);
      expect(JSON.stringify(s)).not.to.contain(password);
      expect(`${String(s.password)}`).to.equal('[secret]');
    });

    it('never shows in a configuration error, even when it is the bad value', () => {
      const errors = [
        configError(() => resolve({ contactPoints: 'h', username: 'app', password, port: 'x' })),
        configError(() => resolve({ contactPoints: 'h', password })),
        configError(() => resolve({ contactPoints: 'h', username: password.length, password })),
      ];
      for (const error of errors) {
        expect(error.message).not.to.contain(password);
        expect(inspect(error)).not.to.contain(password);
      }
    });
  });
});
