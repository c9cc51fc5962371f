// The pure diff: exact plans for a live keyspace written the way system_schema reports it.
import { expect } from 'chai';
import { ClusteringKey, Column, Connection, Field, Index, MaterializedView, PartitionKey, Table, UserType } from '../../../src/index.js';
import { DestructiveChangeError, SchemaSyncError } from '../../../src/public/errors.js';
import { entityMetadata } from '../../../src/metadata/resolve-entity.js';
import { applySchemaPlan } from '../../../src/schema/plan-apply.js';
import { diffSchema } from '../../../src/schema/diff.js';
import { isPlanEmpty, planToCql, planToJson } from '../../../src/schema/schema-plan.js';
import type { LiveColumn, LiveIndex, LiveKeyspace, LiveTable, LiveType, LiveView } from '../../../src/schema/live-schema.js';
import { liveIndexFromRow } from '../../../src/schema/live-schema.js';
import { normaliseCqlType } from '../../../src/metadata/cql-type.js';
import { orderedStatements } from '../../../src/schema/schema-plan.js';

@UserType('geo')
class Geo {
  @Field({ type: 'double' }) lat!: number;
}

@Table({ name: 'events', options: { comment: 'events', compaction: { class: 'SizeTieredCompactionStrategy' }, speculativeRetry: '99PERCENTILE' } })
@MaterializedView({ name: 'events_by_kind', partitionKeys: ['kind'], clusteringKeys: ['userId', 'at'] })
class Event {
  @PartitionKey({ type: 'uuid' }) userId!: string;
  @ClusteringKey({ type: 'timeuuid', order: 'DESC' }) at!: string;
  @Column() @Index() kind!: string;
  @Column({ type: 'tuple<int, list<int>>' }) pair?: unknown;
  @Column({ type: () => Geo }) geo?: Geo;
}

const keyspace = { name: 'app', replication: { class: 'SimpleStrategy', replicationFactor: 1 } } as const;

type Col = [name: string, type: string, kind: LiveColumn['kind'], position?: number, order?: 'ASC' | 'DESC'];
function table(name: string, cols: Col[], options: Record<string, unknown> = {}, indexes: LiveIndex[] = []): LiveTable {
  const columns = cols.map(([n, t, kind, position = -1, order]) => ({ name: n, type: normaliseCqlType(t), kind, position, ...(order ? { order } : {}) }));
  return {
    name,
    columns: new Map(columns.map((c) => [c.name, c])),
    partitionKeys: columns.filter((c) => c.kind === 'partition').map((c) => c.name),
    clusteringKeys: columns.filter((c) => c.kind === 'clustering').map((c) => ({ name: c.name, order: c.order ?? 'ASC' })),
    options,
    indexes,
  };
}

const liveEventsOptions = {
  comment: 'events', speculative_retry: '99p', default_time_to_live: 0,
  compaction: { class: 'org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy', max_threshold: '32', min_threshold: '4' },
};
const eventColumns: Col[] = [
  ['user_id', 'uuid', 'partition', 0], ['at', 'timeuuid', 'clustering', 0, 'DESC'], ['kind', 'text', 'regular'],
  ['pair', 'frozen<tuple<int, frozen<list<int>>>>', 'regular'], ['geo', 'frozen<geo>', 'regular'],
];
const kindIndex = liveIndexFromRow({ index_name: 'events_kind_idx', table_name: 'events', kind: 'COMPOSITES', options: { target: 'kind' } });
const view: LiveView = {
  ...table('events_by_kind', [['kind', 'text', 'partition', 0], ['user_id', 'uuid', 'clustering', 0], ['at', 'timeuuid', 'clustering', 1],
    ['pair', 'frozen<tuple<int, frozen<list<int>>>>', 'regular'], ['geo', 'frozen<geo>', 'regular']]),
  baseTable: 'events', includeAllColumns: true,
};
const geoType: LiveType = { name: 'geo', fields: [{ name: 'lat', type: 'double' }] };

function live(overrides: Partial<LiveKeyspace> = {}): LiveKeyspace {
  return {
    name: 'app',
    replication: { class: 'org.apache.cassandra.locator.SimpleStrategy', replication_factor: '1' },
    durableWrites: true,
    types: new Map([['geo', geoType]]),
    tables: new Map([['events', table('events', eventColumns, liveEventsOptions, [kindIndex])]]),
    views: new Map([['events_by_kind', view]]),
    ...overrides,
  };
}

describe('schema diff', () => {
  const events = entityMetadata(Event);

  it('plans everything for a missing keyspace, printed as CQL in execution order', () => {
    const plan = diffSchema(keyspace, [events], undefined);
    expect(plan.changes.map((c) => [c.kind, c.destructive])).to.deep.equal([['create-keyspace', false], ['create-type', false], ['create-table', false]]);
    expect(planToCql(plan)).to.equal([
      '-- schema plan for keyspace app: 3 safe, 0 destructive change(s)',
      '-- [safe] create keyspace app',
      "CREATE KEYSPACE IF NOT EXISTS app WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1} AND durable_writes = true;",
      '-- [safe] create type app.geo',
      'CREATE TYPE IF NOT EXISTS app.geo (lat double);',
      '-- [safe] create table app.events',
      'CREATE TABLE IF NOT EXISTS app.events (\n  user_id uuid,\n  at timeuuid,\n  kind text,\n  pair tuple<int, frozen<list<int>>>,\n  geo frozen<geo>,\n' +
        "  PRIMARY KEY (user_id, at)\n) WITH CLUSTERING ORDER BY (at DESC) AND comment = 'events' AND compaction = {'class': 'SizeTieredCompactionStrategy'} AND speculative_retry = '99PERCENTILE';",
      '-- [safe] create table app.events',
      'CREATE INDEX IF NOT EXISTS events_kind_idx ON app.events (kind);',
      '-- [safe] create table app.events',
      'CREATE MATERIALIZED VIEW IF NOT EXISTS app.events_by_kind AS\n  SELECT * FROM app.events\n  WHERE kind IS NOT NULL AND user_id IS NOT NULL AND at IS NOT NULL\n  PRIMARY KEY (kind, user_id, at)\n  WITH CLUSTERING ORDER BY (user_id ASC, at ASC);',
    ].join('\n'));
  });

  it('finds nothing to do when the cluster matches (frozen, qualified class names, 99p, extra live options)', () => {
    const plan = diffSchema(keyspace, [events], live());
    expect(plan.changes).to.deep.equal([]);
    expect(isPlanEmpty(plan)).to.equal(true);
  });

  it('adds missing columns, UDT fields, indexes and views, and aligns options', () => {
    const plan = diffSchema(keyspace, [events], live({
      types: new Map([['geo', { name: 'geo', fields: [] }]]),
      tables: new Map([['events', table('events', eventColumns.filter((c) => c[0] !== 'pair'), { ...liveEventsOptions, comment: 'old' })]]),
      views: new Map(),
    }));
    expect(planToJson(plan).changes).to.deep.equal([
      { kind: 'add-type-field', destructive: false, object: 'app.geo', description: 'add field lat double to type app.geo', cql: ['ALTER TYPE app.geo ADD IF NOT EXISTS lat double'] },
      { kind: 'add-column', destructive: false, object: 'app.events', description: 'add column pair tuple<int, frozen<list<int>>> to table app.events', cql: ['ALTER TABLE app.events ADD IF NOT EXISTS pair tuple<int, frozen<list<int>>>'] },
      { kind: 'alter-table-options', destructive: false, object: 'app.events', description: 'set options of table app.events: comment = "events"', cql: ["ALTER TABLE app.events WITH comment = 'events'"] },
      { kind: 'create-index', destructive: false, object: 'app.events_kind_idx', description: 'create index app.events_kind_idx on events (kind)', cql: ['CREATE INDEX IF NOT EXISTS events_kind_idx ON app.events (kind)'] },
      { kind: 'create-view', destructive: false, object: 'app.events_by_kind', description: 'create materialized view app.events_by_kind', cql: [
        'CREATE MATERIALIZED VIEW IF NOT EXISTS app.events_by_kind AS\n  SELECT * FROM app.events\n  WHERE kind IS NOT NULL AND user_id IS NOT NULL AND at IS NOT NULL\n  PRIMARY KEY (kind, user_id, at)\n  WITH CLUSTERING ORDER BY (user_id ASC, at ASC)',
      ] },
    ]);
  });

  it('classifies drops as destructive and says what they lose, drops first in dependency order', () => {
    const old = table('old', [['id', 'int', 'partition', 0]]);
    const plan = diffSchema(keyspace, [events], live({
      types: new Map([['geo', geoType], ['legacy', { name: 'legacy', fields: [{ name: 'x', type: 'int' }] }], ['outer', { name: 'outer', fields: [{ name: 'l', type: 'frozen<legacy>' }] }]]),
      tables: new Map([
        ['events', table('events', [...eventColumns, ['note', 'text', 'regular']], liveEventsOptions, [kindIndex,
          liveIndexFromRow({ index_name: 'events_note_idx', table_name: 'events', kind: 'CUSTOM', options: { class_name: 'sai', target: 'note' } })])],
        ['old', old],
      ]),
      views: new Map([['events_by_kind', view], ['old_view', { ...table('old_view', [['id', 'int', 'partition', 0]]), baseTable: 'old', includeAllColumns: true }]]),
    }));
    const json = planToJson(plan);
    expect(json.destructive).to.equal(7);
    expect(json.changes.map((c) => [c.kind, c.loses])).to.deep.equal([
      ['drop-column', 'the values of column note (text) in every row of app.events'],
      ['drop-index', 'no stored data; queries relying on index events_note_idx stop working'],
      // Cassandra refuses to drop a column of a table with views, so the view is rebuilt around the drop.
      ['recreate-view', 'the rows of view app.events_by_kind until it is rebuilt from events'],
      ['drop-view', 'view app.old_view and its rows (derived from old)'],
      ['drop-table', 'every row of table app.old'],
      ['drop-type', 'the definition of type app.outer (no rows use it once its tables are gone)'],
      ['drop-type', 'the definition of type app.legacy (no rows use it once its tables are gone)'],
    ]);
    expect(orderedStatements(plan.changes).map((st) => st.cql.split('\n')[0])).to.deep.equal([
      'DROP MATERIALIZED VIEW IF EXISTS app.events_by_kind',
      'DROP MATERIALIZED VIEW IF EXISTS app.old_view',
      'DROP INDEX IF EXISTS app.events_note_idx',
      'ALTER TABLE app.events DROP IF EXISTS note',
      'DROP TABLE IF EXISTS app.old',
      'DROP TYPE IF EXISTS app.outer',
      'DROP TYPE IF EXISTS app.legacy',
      'CREATE MATERIALIZED VIEW IF NOT EXISTS app.events_by_kind AS',
    ]);
    expect(plan.changes.find((c) => c.kind === 'recreate-view')?.description).to.equal(
      'recreate materialized view app.events_by_kind (its base table drops a column, which Cassandra allows only without views)',
    );
  });

  it('recreates a table whose key or column type changed (destructive), with its indexes and views', () => {
    const changedKey = diffSchema(keyspace, [events], live({
      tables: new Map([['events', table('events', eventColumns.map((c): Col => (c[0] === 'at' ? ['at', 'timeuuid', 'clustering', 0, 'ASC'] : c)), liveEventsOptions, [kindIndex])]]),
    }));
    expect(changedKey.changes.map((c) => [c.kind, c.description, c.loses])).to.deep.equal([[
      'recreate-table', 'recreate table app.events (clustering (at ASC) → (at DESC))', 'every row of table app.events and its views events_by_kind',
    ]]);
    expect(planToJson(changedKey).changes[0]!.cql.map((s) => s.split('\n')[0])).to.deep.equal([
      'DROP MATERIALIZED VIEW IF EXISTS app.events_by_kind',
      'DROP TABLE IF EXISTS app.events',
      'CREATE TABLE IF NOT EXISTS app.events (',
      'CREATE INDEX IF NOT EXISTS events_kind_idx ON app.events (kind)',
      'CREATE MATERIALIZED VIEW IF NOT EXISTS app.events_by_kind AS',
    ]);
    const changedType = diffSchema(keyspace, [events], live({
      tables: new Map([['events', table('events', eventColumns.map((c): Col => (c[0] === 'kind' ? ['kind', 'int', 'regular'] : c)), liveEventsOptions, [kindIndex])]]),
    }));
    expect(changedType.changes[0]!.description).to.equal('recreate table app.events (column kind type int → text, which Cassandra cannot change in place)');
    expect(changedType.changes[0]!.destructive).to.equal(true);
  });

  it('recreates an index or a view whose definition changed', () => {
    const plan = diffSchema(keyspace, [events], live({
      tables: new Map([['events', table('events', eventColumns, liveEventsOptions, [
        liveIndexFromRow({ index_name: 'events_kind_idx', table_name: 'events', kind: 'CUSTOM', options: { class_name: 'sai', target: 'kind' } }),
      ])]]),
      views: new Map([['events_by_kind', { ...view, includeAllColumns: false }]]),
    }));
    expect(plan.changes.map((c) => [c.kind, c.destructive])).to.deep.equal([['recreate-index', true], ['recreate-view', true]]);
  });

  it('aligns keyspace replication and durable writes, comparing class names short or qualified', () => {
    const nts = { name: 'app', replication: { class: 'NetworkTopologyStrategy', dataCenters: { dc1: 3 } }, durableWrites: false } as const;
    const plan = diffSchema(nts, [], live({ tables: new Map(), views: new Map(), types: new Map() }));
    expect(planToJson(plan).changes).to.deep.equal([{
      kind: 'alter-keyspace', destructive: false, object: 'app',
      description: 'set keyspace app replication {"class":"NetworkTopologyStrategy","dc1":"3"}, durable_writes false',
      cql: ["ALTER KEYSPACE app WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3} AND durable_writes = false"],
    }]);
    const same = diffSchema(nts, [], live({
      replication: { class: 'org.apache.cassandra.locator.NetworkTopologyStrategy', dc1: '3' }, durableWrites: false,
      tables: new Map(), views: new Map(), types: new Map(),
    }));
    expect(same.changes).to.deep.equal([]);
    expect(diffSchema({ name: 'app' }, [], live({ tables: new Map(), views: new Map(), types: new Map(), replication: { class: 'SimpleStrategy', replication_factor: '3' } })).changes).to.deep.equal([]);
  });

  it('blocks a UDT field type change and warns about a field no longer in the model', async () => {
    const plan = diffSchema(keyspace, [events], live({
      types: new Map([['geo', { name: 'geo', fields: [{ name: 'lat', type: 'float' }, { name: 'old', type: 'int' }] }]]),
    }));
    expect(plan.blocked).to.deep.equal(['field lat of type app.geo is float in the cluster but double in the model; Cassandra cannot change a field\'s type']);
    expect(plan.warnings).to.deep.equal(['field old of type app.geo is not in the model; it is kept (Cassandra cannot drop UDT fields)']);
    const never = {} as Connection; // refused before any I/O
    let error: unknown;
    try { await applySchemaPlan(never, plan); } catch (e) { error = e; }
    expect(error).to.be.instanceOf(SchemaSyncError);
    expect((error as Error).message).to.match(/cannot be synced automatically; nothing was applied:\n {2}- field lat of type app\.geo/);
  });

  it('refuses destructive changes before touching the cluster', async () => {
    const plan = diffSchema(keyspace, [], live());
    let error: unknown;
    try { await applySchemaPlan({} as Connection, plan); } catch (e) { error = e; }
    expect(error).to.be.instanceOf(DestructiveChangeError);
    expect((error as Error).message).to.equal([
      "Schema sync of keyspace 'app' needs 3 destructive change(s); nothing was applied:",
      '  - drop materialized view app.events_by_kind (loses: view app.events_by_kind and its rows (derived from events))',
      '  - drop table app.events (loses: every row of table app.events)',
      '  - drop type app.geo (loses: the definition of type app.geo (no rows use it once its tables are gone))',
      'Pass `allowDestructive: true` to apply them.',
    ].join('\n'));
  });

  it('reads index rows the way system_schema writes them', () => {
    expect(liveIndexFromRow({ index_name: 'i', table_name: 't', kind: 'COMPOSITES', options: { target: 'keys("Counts")' } }))
      .to.deep.equal({ name: 'i', table: 't', column: 'Counts', target: 'keys', options: {} });
    expect(liveIndexFromRow({ index_name: 'i', table_name: 't', kind: 'CUSTOM', options: { class_name: 'org.apache.cassandra.index.sasi.SASIIndex', target: 'body', mode: 'CONTAINS' } }))
      .to.deep.equal({ name: 'i', table: 't', column: 'body', target: 'value', using: 'sasi', options: { mode: 'CONTAINS' } });
    expect(liveIndexFromRow({ index_name: 'i', table_name: 't', kind: 'CUSTOM', options: { class_name: 'org.apache.cassandra.index.sai.StorageAttachedIndex', target: 'full(f)' } }).using).to.equal('sai');
  });
});

describe('planSchema input checks', () => {
  it('refuses an entity declared in another keyspace unless told to ignore it', async () => {
    @Table({ name: 'elsewhere', keyspace: 'other' })
    class Elsewhere {
      @PartitionKey() id!: string;
    }
    const { planSchema } = await import('../../../src/schema/index.js');
    let error: unknown;
    try { await planSchema({} as Connection, [Elsewhere], { keyspace }); } catch (e) { error = e; }
    expect(error).to.be.instanceOf(SchemaSyncError);
    expect((error as Error).message).to.equal(
      "Elsewhere is declared in keyspace 'other' but is being synced into 'app'. Sync it with its own keyspace, or pass `ignoreEntityKeyspace: true`.",
    );
  });
});
