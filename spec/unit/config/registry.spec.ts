// The registry: validated at construction, one Connection per alias shared by every caller, the
// default alias resolved once, and nothing connected until asked.
import { expect } from 'chai';
import { Connection, ConnectionRegistry, PartitionKey, Table } from '../../../src/index.js';
import { ConfigError } from '../../../src/public/errors.js';
import { entityMetadata } from '../../../src/metadata/resolve-entity.js';
import { deepFreeze } from './deep-freeze.js';

const two = () =>
  deepFreeze({
    default: 'events',
    connections: {
      main: { contactPoints: '127.0.0.1', keyspace: 'main_ks' },
      events: { contactPoints: ['127.0.0.2'], keyspace: 'events_ks', replication: { class: 'NetworkTopologyStrategy' as const, dataCenters: { dc1: 2 } } },
    },
  });

describe('connection: registry', () => {
  it('returns the default connection without an alias, and one instance per alias', async () => {
    const registry = new ConnectionRegistry(two());
    expect(registry.defaultAlias).to.equal('events');
    expect(registry.aliases).to.deep.equal(['main', 'events']);
    expect(registry.get()).to.equal(registry.get('events'));
    expect(registry.get('main')).to.equal(registry.get('main'));
    expect(registry.get('main')).to.be.instanceOf(Connection);
    expect(registry.get('main').keyspace).to.equal('main_ks');
    expect(registry.get('main').alias).to.equal('main');
    expect(registry.get('main').client).to.equal(registry.get('main').client);
    await registry.closeAll();
  });

  it('exposes what schema sync needs: keyspace, test keyspace, replication', async () => {
    const registry = new ConnectionRegistry(two());
    const events = registry.get('events');
    expect(events.testKeyspace).to.equal('test_events_ks');
    expect(events.keyspaceDefinition()).to.deep.equal({
      name: 'events_ks',
      replication: { class: 'NetworkTopologyStrategy', dataCenters: { dc1: 2 } },
      durableWrites: true,
    });
    expect(events.keyspaceDefinition('test').name).to.equal('test_events_ks');
    await registry.closeAll();
  });

  it('useKeyspace gives a view on the same settings working in another keyspace', async () => {
    const registry = new ConnectionRegistry(two());
    const main = registry.get('main');
    const other = main.useKeyspace('other_ks');
    expect(other.keyspace).to.equal('other_ks');
    expect(other.alias).to.equal('main');
    expect(other.settings).to.equal(main.settings);
    expect(main.keyspace).to.equal('main_ks');
    expect(() => main.useKeyspace('bad-name')).to.throw(ConfigError, /useKeyspace\(keyspace\): 'bad-name' is not a valid keyspace name/);
    await registry.closeAll();
  });

  it('forEntity: the entity alias (else the default), in the entity keyspace when it names one', async () => {
    @Table({ name: 'audit', connection: 'main' })
    class Audit {
      @PartitionKey() id!: string;
    }
    @Table({ name: 'archive', connection: 'main', keyspace: 'archive_ks' })
    class Archive {
      @PartitionKey() id!: string;
    }
    @Table('plain')
    class Plain {
      @PartitionKey() id!: string;
    }
    const registry = new ConnectionRegistry(two());
    expect(registry.forEntity(entityMetadata(Audit))).to.equal(registry.get('main'));
    expect(registry.forEntity(entityMetadata(Plain))).to.equal(registry.get('events'));
    const archive = registry.forEntity(entityMetadata(Archive));
    expect(archive.alias).to.equal('main');
    expect(archive.keyspace).to.equal('archive_ks');
    expect(() => registry.forEntity({ connection: 'nope' })).to.throw(ConfigError, /no connection with this alias/);
    await registry.closeAll();
  });

  it('picks the alias `default`, else the only alias, else asks for `default`', () => {
    expect(new ConnectionRegistry({ connections: { default: { contactPoints: 'h', keyspace: 'k' }, b: { contactPoints: 'h', keyspace: 'k' } } }).defaultAlias).to.equal('default');
    expect(new ConnectionRegistry({ connections: { only: { contactPoints: 'h', keyspace: 'k' } } }).defaultAlias).to.equal('only');
    expect(() => new ConnectionRegistry({ connections: { a: { contactPoints: 'h', keyspace: 'k' }, b: { contactPoints: 'h', keyspace: 'k' } } }))
      .to.throw(ConfigError, /^default: is required/);
    expect(() => new ConnectionRegistry({ default: 'c', connections: { a: { contactPoints: 'h', keyspace: 'k' } } }))
      .to.throw(ConfigError, /^default: names no configured connection \(configured: a\)/);
  });

  it('fails at construction on a missing keyspace, and on get() of an unknown alias', () => {
    expect(() => new ConnectionRegistry({ connections: { a: { contactPoints: 'h' } } })).to.throw(ConfigError, /^connections\.a\.keyspace: is required/);
    const registry = new ConnectionRegistry(two());
    expect(() => registry.get('nope')).to.throw(ConfigError, /no connection with this alias \(configured: main, events\)/);
  });

  it('closeAll() closes every connection; get() afterwards opens fresh ones', async () => {
    const registry = new ConnectionRegistry(two());
    const before = registry.get('main');
    await registry.closeAll();
    expect(() => before.client).to.throw(/Connection 'main' is closed/);
    expect(registry.get('main')).not.to.equal(before);
    await registry.closeAll();
  });
});
