// Resolved settings become driver options: consistency names → the driver's codes, credentials → a
// PlainTextAuthProvider, bigint encoding on, clientOptions kept.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { inspect } from 'node:util';
import { CONSISTENCY_NAMES } from '../../../src/connection/consistency.js';
import { resolveConnectionSettings } from '../../../src/connection/connection-settings.js';
import { consistencyCode, consistencyName, driverClientOptions, driverQueryOptions } from '../../../src/connection/driver-options.js';

const settings = (options: object) => resolveConnectionSettings(options, { path: 'c' });

describe('connection: driver options', () => {
  it('maps every consistency name to the driver code of the same level', () => {
    const driver = cassandra.types.consistencies as unknown as Record<string, number>;
    for (const name of CONSISTENCY_NAMES) {
      const camel = name.toLowerCase().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
      expect(consistencyCode(name), name).to.equal(driver[camel]);
      expect(consistencyName(consistencyCode(name))).to.equal(name);
    }
  });

  it('turns query defaults into driver QueryOptions', () => {
    expect(driverQueryOptions({ consistency: 'LOCAL_QUORUM', serialConsistency: 'LOCAL_SERIAL', fetchSize: 50, readTimeout: 100 })).to.deep.equal({
      consistency: cassandra.types.consistencies.localQuorum,
      serialConsistency: cassandra.types.consistencies.localSerial,
      fetchSize: 50,
      readTimeout: 100,
    });
  });

  it('builds ClientOptions: contact points, DC, keyspace, port, credentials, bigint encoding, defaults', () => {
    const pooling = { heartBeatInterval: 1000 };
    const options = driverClientOptions(
      settings({ contactPoints: 'a,b:9050', keyspace: 'shop', port: 9142, localDataCenter: 'dc9', username: 'app', password: 'Pw-9z7x', consistency: 'ONE', clientOptions: { pooling } }),
      'shop',
    );
    expect(options.contactPoints).to.deep.equal(['a', 'b:9050']);
    expect(options.localDataCenter).to.equal('dc9');
    expect(options.keyspace).to.equal('shop');
    expect(options.protocolOptions).to.deep.equal({ port: 9142 });
    expect(options.encoding).to.deep.equal({ useBigIntAsLong: true, useBigIntAsVarint: true, map: Map, set: Set });
    expect(options.queryOptions).to.deep.equal({ consistency: cassandra.types.consistencies.one });
    expect(options.pooling).to.equal(pooling);
    const AuthProvider = (cassandra.auth as unknown as { AuthProvider: abstract new () => object }).AuthProvider;
    expect(options.authProvider).to.be.instanceOf(AuthProvider);
    expect(inspect(options.authProvider, { depth: 5, showHidden: true })).not.to.contain('Pw-9z7x');
    expect((options.authProvider?.newAuthenticator('h:9042', 'org.apache.cassandra.auth.PasswordAuthenticator') as unknown as { password: string }).password).to.equal('Pw-9z7x');
  });

  it('uses a custom auth provider as is, and no provider without credentials', () => {
    const provider = new cassandra.auth.PlainTextAuthProvider('x', 'y');
    expect(driverClientOptions(settings({ contactPoints: 'h', authProvider: provider }), undefined).authProvider).to.equal(provider);
    expect(driverClientOptions(settings({ contactPoints: 'h' }), undefined)).not.to.have.property('authProvider');
  });

  it('takes the port from clientOptions.protocolOptions when no port is set', () => {
    const s = settings({ contactPoints: 'h', clientOptions: { protocolOptions: { port: 9999, maxVersion: 4 } } });
    expect(driverClientOptions(s, undefined).protocolOptions).to.deep.equal({ port: 9999, maxVersion: 4 });
  });
});
