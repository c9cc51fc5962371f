// requestQueue settings: the defaults and how maxInFlight follows the driver's pool, explicit values,
// a ConfigError naming the key for each kind of bad value, and the same option from Django DATABASES.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { createRequire } from 'node:module';
import { fromDjangoDatabases } from '../../../src/index.js';
import { ConfigError } from '../../../src/public/errors.js';
import { resolveConnectionSettings } from '../../../src/connection/connection-settings.js';
import { resolveConnectionsConfig } from '../../../src/config/connections-config.js';
import { DRIVER_POOL_DEFAULTS, driverReserve } from '../../../src/connection/request-queue.js';
import { thrown } from '../../support/thrown.js';

function configError(fn: () => unknown): ConfigError {
  const error = thrown(fn);
  expect(error).to.be.instanceOf(ConfigError);
  return error as ConfigError;
}

const resolve = (options: unknown) => resolveConnectionSettings(options, { path: 'connections.main', alias: 'main' });
const local = cassandra.types.distance.local;
const remote = cassandra.types.distance.remote;

describe('config: requestQueue', () => {
  it("defaults: maxInFlight is one host's pool with the driver defaults (1 × 2048) less 32 for the driver, 100000 queued, 30 s", () => {
    expect(resolve({ contactPoints: 'h' }).requestQueue).to.deep.equal({ maxInFlight: 2016, maxQueued: 100_000, queueTimeoutMs: 30_000 });
    expect(Object.isFrozen(resolve({ contactPoints: 'h' }).requestQueue)).to.equal(true);
  });

  it('mirrors the pool defaults of the installed cassandra-driver (lib/client-options.js)', () => {
    const driver = createRequire(import.meta.url)('cassandra-driver/lib/client-options.js') as {
      coreConnectionsPerHostV3: Record<number, number>;
      maxRequestsPerConnectionV3: number;
      coreConnectionsPerHostV2: Record<number, number>;
      maxRequestsPerConnectionV2: number;
    };
    expect(DRIVER_POOL_DEFAULTS.v3).to.deep.equal({
      coreConnectionsLocal: driver.coreConnectionsPerHostV3[local],
      maxRequestsPerConnection: driver.maxRequestsPerConnectionV3,
    });
    expect(DRIVER_POOL_DEFAULTS.v2).to.deep.equal({
      coreConnectionsLocal: driver.coreConnectionsPerHostV2[local],
      maxRequestsPerConnection: driver.maxRequestsPerConnectionV2,
    });
  });

  it('derives maxInFlight from clientOptions.pooling as configured: local core connections × maxRequestsPerConnection, less the reserve', () => {
    const inFlight = (clientOptions: unknown) => resolve({ contactPoints: 'h', clientOptions }).requestQueue.maxInFlight;
    expect(inFlight({ pooling: { coreConnectionsPerHost: { [local]: 4 } } })).to.equal(4 * 2048 - 32);
    expect(inFlight({ pooling: { maxRequestsPerConnection: 100 } })).to.equal(100 - 6);
    expect(inFlight({ pooling: { coreConnectionsPerHost: { [local]: 3, [remote]: 8 }, maxRequestsPerConnection: 500 } })).to.equal(1500 - 32);
    // Only the remote distance set: the local one keeps the driver default.
    expect(inFlight({ pooling: { coreConnectionsPerHost: { [remote]: 8 } } })).to.equal(2016);
    // Protocol v1/v2 pools default to 2 connections of 128 requests.
    expect(inFlight({ protocolOptions: { maxVersion: 2 } })).to.equal(256 - 16);
    expect(inFlight({ protocolOptions: { maxVersion: 4 } })).to.equal(2016);
  });

  it('reserves a sixteenth of the pool for the driver, at least 1 and at most 32', () => {
    expect([1, 2, 16, 17, 32, 64, 512, 513, 2048, 65_536].map(driverReserve)).to.deep.equal([0, 1, 1, 1, 2, 4, 32, 32, 32, 32]);
    const inFlight = (maxRequestsPerConnection: number) =>
      resolve({ contactPoints: 'h', clientOptions: { pooling: { maxRequestsPerConnection } } }).requestQueue.maxInFlight;
    expect([1, 2, 32].map(inFlight)).to.deep.equal([1, 1, 30]);
  });

  it('takes explicit values, each on its own, and fills in the rest', () => {
    expect(resolve({ contactPoints: 'h', requestQueue: { maxInFlight: 64 } }).requestQueue).to.deep.equal({ maxInFlight: 64, maxQueued: 100_000, queueTimeoutMs: 30_000 });
    expect(resolve({ contactPoints: 'h', requestQueue: { maxQueued: 5, queueTimeoutMs: 250 } }).requestQueue).to.deep.equal({ maxInFlight: 2016, maxQueued: 5, queueTimeoutMs: 250 });
    // An explicit maxInFlight is kept even above what the pool takes (the driver then reports driver-busy).
    const s = resolve({ contactPoints: 'h', requestQueue: { maxInFlight: 10_000 }, clientOptions: { pooling: { maxRequestsPerConnection: 10 } } });
    expect(s.requestQueue.maxInFlight).to.equal(10_000);
    expect(resolve({ contactPoints: 'h', requestQueue: { maxInFlight: 2048 } }).requestQueue.maxInFlight).to.equal(2048);
  });

  describe('bad values fail with a ConfigError naming the key', () => {
    const cases: Array<[string, unknown, string, RegExp]> = [
      ['not an object', 5, 'connections.main.requestQueue', /expected an object/],
      ['unknown key', { maxInflight: 3 }, 'connections.main.requestQueue.maxInflight', /unknown key \(allowed: maxInFlight, maxQueued, queueTimeoutMs\)/],
      ['non-integer maxInFlight', { maxInFlight: 1.5 }, 'connections.main.requestQueue.maxInFlight', /expected an integer, got number/],
      ['string maxQueued', { maxQueued: '10' }, 'connections.main.requestQueue.maxQueued', /expected an integer, got string/],
      ['maxInFlight 0', { maxInFlight: 0 }, 'connections.main.requestQueue.maxInFlight', /between 1 and/],
      ['negative maxQueued', { maxQueued: -1 }, 'connections.main.requestQueue.maxQueued', /between 1 and/],
      ['queueTimeoutMs 0', { queueTimeoutMs: 0 }, 'connections.main.requestQueue.queueTimeoutMs', /between 1 and/],
      ['queueTimeoutMs past what a timer takes', { queueTimeoutMs: 2 ** 31 }, 'connections.main.requestQueue.queueTimeoutMs', /between 1 and 2147483647/],
      ['NaN', { queueTimeoutMs: Number.NaN }, 'connections.main.requestQueue.queueTimeoutMs', /expected an integer/],
    ];
    for (const [kind, requestQueue, key, message] of cases) {
      it(kind, () => {
        const error = configError(() => resolve({ contactPoints: 'h', requestQueue }));
        expect(error.key).to.equal(key);
        expect(error.message).to.match(message);
      });
    }

    it('a pooling value the default would be derived from', () => {
      const error = configError(() => resolve({ contactPoints: 'h', clientOptions: { pooling: { maxRequestsPerConnection: 'many' } } }));
      expect(error.key).to.equal('connections.main.clientOptions.pooling.maxRequestsPerConnection');
    });
  });

  describe('from Django DATABASES (OPTIONS.connection.requestQueue)', () => {
    const databases = (requestQueue: unknown) => ({
      cassandra: { ENGINE: 'django_cassandra_engine', NAME: 'events', HOST: '10.0.0.1', OPTIONS: { connection: { requestQueue } } },
    });

    it('maps onto the native option, and the registry fills in the defaults', () => {
      const config = fromDjangoDatabases(databases({ maxQueued: 500 }));
      expect(config.connections['cassandra']?.requestQueue).to.deep.equal({ maxQueued: 500 });
      const resolved = resolveConnectionsConfig(config);
      expect(resolved.connections['cassandra']?.requestQueue).to.deep.equal({ maxInFlight: 2016, maxQueued: 500, queueTimeoutMs: 30_000 });
    });

    it('names the DATABASES key of a bad value', () => {
      const error = configError(() => fromDjangoDatabases(databases({ maxInFlight: 0 })));
      expect(error.key).to.equal('DATABASES.cassandra.OPTIONS.connection.requestQueue.maxInFlight');
      const unknown = configError(() => fromDjangoDatabases(databases({ max_queued: 5 })));
      expect(unknown.key).to.equal('DATABASES.cassandra.OPTIONS.connection.requestQueue.max_queued');
    });
  });
});
