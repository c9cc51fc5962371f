import { expect } from 'chai';
import { ClusteringKey, Column, cql, Field, Index, MaterializedView, PartitionKey, Table, UserType } from '../../../src/index.js';
import { entityMetadata } from '../../../src/metadata/resolve-entity.js';
import { udtMetadata } from '../../../src/metadata/resolve-udt.js';
import { printCqlType } from '../../../src/metadata/cql-type.js';

@UserType()
class GeoPoint {
  @Field({ type: 'double' }) lat!: number;
  @Field({ type: 'double' }) lng!: number;
}

@UserType({ name: 'address' })
class Address {
  @Field() street!: string;
  @Field({ type: () => GeoPoint }) location?: GeoPoint;
  @Field({ type: 'set<text>' }) tags?: Set<string>;
}

@Table({ name: 'events', keyspace: 'app', connection: 'analytics', options: { defaultTimeToLive: 86400, comment: 'user events', caching: { keys: 'ALL', rowsPerPartition: 10 } } })
class Event {
  @PartitionKey({ type: 'uuid' }) userId!: string;
  @PartitionKey({ type: 'int' }) day!: number;
  @ClusteringKey({ type: 'timeuuid', order: 'DESC' }) at!: string;
  @Column() kind!: string;
  @Column({ type: 'map<text, int>' }) @Index({ target: 'keys' }) counts?: Map<string, number>;
  @Column({ type: () => Address }) place?: Address;
  @Column({ type: 'text', static: true }) owner?: string;
  @Column({ name: 'Select', type: 'boolean' }) select?: boolean;
}

describe('entityMetadata', () => {
  const meta = entityMetadata(Event);

  it('resolves table, keyspace, connection and snake_case columns in key order', () => {
    expect(meta.table).to.equal('events');
    expect(meta.keyspace).to.equal('app');
    expect(meta.connection).to.equal('analytics');
    expect(meta.columns.map((c) => [c.property, c.name, c.kind, c.position, printCqlType(c.type)])).to.deep.equal([
      ['userId', 'user_id', 'partition', 0, 'uuid'],
      ['day', 'day', 'partition', 1, 'int'],
      ['at', 'at', 'clustering', 0, 'timeuuid'],
      ['owner', 'owner', 'static', -1, 'text'],
      ['kind', 'kind', 'regular', -1, 'text'],
      ['counts', 'counts', 'regular', -1, 'map<text, int>'],
      ['place', 'place', 'regular', -1, 'frozen<address>'],
      ['select', 'Select', 'regular', -1, 'boolean'],
    ]);
    expect(meta.clusteringKeys[0]?.order).to.equal('DESC');
    expect(meta.byName.get('user_id')?.property).to.equal('userId');
    expect(meta.byProperty.get('counts')?.name).to.equal('counts');
  });

  it('maps table options to CQL names', () => {
    expect(meta.options).to.deep.equal({
      default_time_to_live: 86400, comment: 'user events', caching: { keys: 'ALL', rows_per_partition: 10 },
    });
  });

  it('lists every UDT used, nested ones first', () => {
    expect(meta.udts.map((u) => u.name)).to.deep.equal(['geo_point', 'address']);
    expect(udtMetadata(Address).fields.map((f) => [f.name, printCqlType(f.type)])).to.deep.equal([
      ['street', 'text'], ['location', 'frozen<geo_point>'], ['tags', 'set<text>'],
    ]);
  });

  it('resolves indexes with their default name and target', () => {
    expect(meta.indexes).to.deep.equal([{ name: 'events_counts_keys_idx', column: 'counts', target: 'keys' }]);
  });

  it('is frozen and cached', () => {
    expect(Object.isFrozen(meta)).to.equal(true);
    expect(Object.isFrozen(meta.columns[0])).to.equal(true);
    expect(entityMetadata(Event)).to.equal(meta);
  });

  it('orders composite keys by explicit position', () => {
    @Table()
    class Positioned {
      @PartitionKey({ type: 'int', position: 1 }) b!: number;
      @PartitionKey({ type: 'int', position: 0 }) a!: number;
      @ClusteringKey({ type: 'int', position: 1 }) d!: number;
      @ClusteringKey({ type: 'int', position: 0 }) c!: number;
    }
    const m = entityMetadata(Positioned);
    expect(m.partitionKeys.map((c) => c.name)).to.deep.equal(['a', 'b']);
    expect(m.clusteringKeys.map((c) => c.name)).to.deep.equal(['c', 'd']);
    expect(m.table).to.equal('positioned');
  });

  it('supports naming strategies per entity and per column', () => {
    @Table({ naming: 'preserve' })
    class KeepNames {
      @PartitionKey() userId!: string;
      @Column({ name: 'x_y' }) someThing!: string;
    }
    const m = entityMetadata(KeepNames);
    expect(m.table).to.equal('KeepNames');
    expect(m.columns.map((c) => c.name)).to.deep.equal(['userId', 'x_y']);
    @Table({ naming: (p) => `c_${p.toLowerCase()}` })
    class Custom {
      @PartitionKey() userId!: string;
    }
    expect(entityMetadata(Custom).columns[0]?.name).to.equal('c_userid');
  });

  it('detects counter tables', () => {
    @Table()
    class Hits {
      @PartitionKey() page!: string;
      @Column({ type: 'counter' }) views!: bigint;
    }
    expect(entityMetadata(Hits).isCounterTable).to.equal(true);
    expect(meta.isCounterTable).to.equal(false);
  });

  it('composes collection types holding UDTs with cql.*', () => {
    @Table()
    class Person {
      @PartitionKey() id!: string;
      @Column({ type: cql.list(() => Address) }) homes?: Address[];
      @Column({ type: cql.map('text', cql.tuple('int', () => GeoPoint)) }) spots?: unknown;
      @Column({ type: cql.frozen(cql.set('int')) }) lucky?: unknown;
      @Column({ type: cql.vector('float', 3) }) embedding?: number[];
      @Column({ type: () => GeoPoint, frozen: false }) current?: GeoPoint;
    }
    const m = entityMetadata(Person);
    expect(m.columns.map((c) => printCqlType(c.type))).to.deep.equal([
      'text', 'list<frozen<address>>', 'map<text, tuple<int, frozen<geo_point>>>', 'frozen<set<int>>', 'vector<float, 3>', 'geo_point',
    ]);
  });

  it('declares materialized views with resolved column names', () => {
    @Table('orders')
    @MaterializedView({ name: 'orders_by_status', partitionKeys: ['status'], clusteringKeys: [{ property: 'orderId', order: 'DESC' }], columns: ['total'] })
    class Order {
      @PartitionKey({ type: 'uuid' }) orderId!: string;
      @Column() status!: string;
      @Column({ type: 'decimal' }) total!: string;
      @Column() note?: string;
    }
    expect(entityMetadata(Order).views).to.deep.equal([{
      name: 'orders_by_status', partitionKeys: ['status'], clusteringKeys: [{ name: 'order_id', order: 'DESC' }],
      columns: ['status', 'order_id', 'total'], options: {},
    }]);
  });
});
