// Schema sync on the real node: from scratch, a no-op second sync, in-place evolution with data kept,
// destructive changes refused then allowed.
import { expect } from 'chai';
import { ClusteringKey, Column, Connection, Index, MaterializedView, PartitionKey, Table, syncSchema } from '../../../src/index.js';
import { DestructiveChangeError } from '../../../src/public/errors.js';
import { isPlanEmpty, planToCql, planToJson } from '../../../src/schema/schema-plan.js';
import { planSchema } from '../../../src/schema/plan-apply.js';
import { readLiveSchema } from '../../../src/schema/live-schema.js';
import { testNode, uniqueKeyspace } from '../../support/test-node.js';
import { everyModel } from './fixtures/models.js';
import { ProfileV1, ProfileV2, ProfileV3 } from './fixtures/profiles.js';

function connect(): Connection {
  const node = testNode();
  return new Connection({ contactPoints: node.contactPoints, localDataCenter: node.localDataCenter, username: node.username, password: node.password });
}

@Table('readings')
@MaterializedView({ name: 'readings_by_value', partitionKeys: ['value'], clusteringKeys: ['sensor', 'at'] })
class ReadingsV1 {
  @PartitionKey() sensor!: string;
  @ClusteringKey({ type: 'int' }) at!: number;
  @Column({ type: 'int' }) @Index() value!: number;
}
@Table('readings')
@MaterializedView({ name: 'readings_by_value', partitionKeys: ['value'], clusteringKeys: ['sensor', 'at'] })
class ReadingsV2 {
  @PartitionKey() sensor!: string;
  @ClusteringKey({ type: 'int', order: 'DESC' }) at!: number;
  @Column({ type: 'int' }) @Index() value!: number;
}
@Table('readings')
@MaterializedView({ name: 'readings_by_value', partitionKeys: ['value'], clusteringKeys: ['sensor', 'at'] })
class ReadingsV3 {
  @PartitionKey() sensor!: string;
  @ClusteringKey({ type: 'int', order: 'DESC' }) at!: number;
  @Column({ type: 'int' }) @Index() value!: number;
  @Column() note?: string;
}
@Table('scratch')
class Scratch {
  @PartitionKey() id!: string;
}

describe('schema sync (real node)', function () {
  this.timeout(180_000);
  const ks = uniqueKeyspace('it_sync');
  const keyspace = { name: ks, replication: { class: 'SimpleStrategy', replicationFactor: 1 } } as const;
  let connection: Connection;

  before(async () => {
    connection = connect();
    await connection.connect();
  });
  after(async () => {
    await connection.execute(`DROP KEYSPACE IF EXISTS ${ks}`, [], { prepare: false });
    await connection.close();
  });

  it('syncs a model with every CQL type from scratch', async () => {
    const result = await syncSchema(connection, everyModel, { keyspace });
    expect(result.plan.changes.every((c) => !c.destructive)).to.equal(true);
    expect(result.plan.changes.map((c) => c.kind)).to.deep.equal([
      'create-keyspace', 'create-type', 'create-type', 'create-type', 'create-table', 'create-table', 'create-table',
    ]);
    const live = await readLiveSchema(connection, ks);
    const everything = live!.tables.get('everything')!;
    const types = Object.fromEntries([...everything.columns.values()].map((c) => [c.name, c.type]));
    expect(types).to.include({
      a_ascii: 'ascii', a_bigint: 'bigint', a_blob: 'blob', a_boolean: 'boolean', a_date: 'date', a_decimal: 'decimal',
      a_double: 'double', a_duration: 'duration', a_float: 'float', a_inet: 'inet', a_int: 'int', a_smallint: 'smallint',
      a_text: 'text', a_time: 'time', a_timestamp: 'timestamp', a_timeuuid: 'timeuuid', a_tinyint: 'tinyint',
      a_varchar: 'text', a_varint: 'varint', a_vector: 'vector<float, 3>', a_list: 'list<int>', a_set: 'set<text>',
      a_map: 'map<text, int>', a_tuple: 'tuple<int, text, frozen<list<int>>>', a_frozen: 'frozen<list<int>>',
      a_nested: 'map<text, frozen<list<int>>>', a_udt: 'frozen<address>', a_udt_set: 'set<frozen<geo>>', a_loose_udt: 'geo', Order: 'text',
    });
    expect(everything.columns.get('owner')?.kind).to.equal('static');
    expect(everything.clusteringKeys).to.deep.equal([{ name: 'seq', order: 'DESC' }]);
    expect(everything.options['comment']).to.equal('every type');
    expect(everything.indexes.map((i) => `${i.name}:${i.target}:${i.using ?? 'regular'}`).sort()).to.deep.equal([
      'everything_a_frozen_full_idx:full:regular', 'everything_a_list_idx:values:sai', 'everything_a_map_entries_idx:entries:regular',
      'everything_a_map_keys_idx:keys:regular', 'everything_a_set_idx:values:regular', 'everything_a_text_idx:value:sasi',
      'everything_a_varchar_idx:value:sai', 'everything_kind_idx:value:regular',
    ]);
    expect([...live!.views.keys()]).to.deep.equal(['everything_by_kind']);
    expect(live!.tables.get('page_hits')?.columns.get('views')?.type).to.equal('counter');
    const mixed = live!.tables.get('MixedCase')!;
    expect([...mixed.columns.values()].map((c) => `${c.name} ${c.type}`)).to.deep.equal(['allLabels list<frozen<"Label">>', 'select int', 'theLabel frozen<"Label">']);
    expect(mixed.indexes.map((i) => i.name)).to.deep.equal(['ByLabel']);
    expect(live!.types.get('Label')?.fields).to.deep.equal([{ name: 'Text', type: 'text' }]);
  });

  it('a second sync changes nothing', async () => {
    const plan = await planSchema(connection, everyModel, { keyspace });
    expect(planToJson(plan).changes).to.deep.equal([]);
    expect(isPlanEmpty(plan)).to.equal(true);
    const result = await syncSchema(connection, everyModel, { keyspace });
    expect(result.applied).to.have.length(0);
  });

  it('applies an evolved model in place and keeps the data', async () => {
    await syncSchema(connection, [...everyModel, ProfileV1], { keyspace });
    const id = '5b6962dd-3f90-4c93-8f61-eabfe8d4c1a1';
    await connection.execute(`INSERT INTO ${ks}.profiles (id, name, home) VALUES (?, ?, {city: 'Oslo'})`, [id, 'Ada']);
    const plan = await planSchema(connection, [...everyModel, ProfileV2], { keyspace });
    expect(plan.changes.map((c) => [c.kind, c.destructive])).to.deep.equal([
      ['add-type-field', false], ['add-column', false], ['alter-table-options', false], ['create-index', false],
    ]);
    expect(planToCql(plan)).to.contain(`ALTER TYPE ${ks}.profile_address ADD IF NOT EXISTS zip int;`);
    await syncSchema(connection, [...everyModel, ProfileV2], { keyspace });
    const row = (await connection.execute(`SELECT name, home, age FROM ${ks}.profiles WHERE id = ?`, [id])).first();
    expect(row?.['name']).to.equal('Ada');
    expect((row?.['home'] as { city?: string }).city).to.equal('Oslo');
    expect(row?.['age']).to.equal(null);
    const byName = await connection.execute(`SELECT id FROM ${ks}.profiles WHERE name = ?`, ['Ada']);
    expect(byName.rows).to.have.length(1);
    const live = await readLiveSchema(connection, ks);
    expect(live!.tables.get('profiles')!.options['comment']).to.equal('v2');
    expect(isPlanEmpty(await planSchema(connection, [...everyModel, ProfileV2], { keyspace }))).to.equal(true);
  });

  it('refuses a destructive change by default and applies it only when allowed', async () => {
    await syncSchema(connection, [...everyModel, ProfileV2, Scratch], { keyspace });
    const model = [...everyModel, ProfileV3];
    let refused: unknown;
    try {
      await syncSchema(connection, model, { keyspace });
    } catch (error) {
      refused = error;
    }
    expect(refused).to.be.instanceOf(DestructiveChangeError);
    const error = refused as DestructiveChangeError;
    expect(error.changes).to.deep.equal([
      { description: `drop column age from table ${ks}.profiles`, loses: `the values of column age (int) in every row of ${ks}.profiles` },
      { description: `drop table ${ks}.scratch`, loses: `every row of table ${ks}.scratch` },
    ]);
    let live = await readLiveSchema(connection, ks);
    expect(live!.tables.get('profiles')!.columns.has('age')).to.equal(true);
    expect(live!.tables.has('scratch')).to.equal(true);
    const rows = await connection.execute(`SELECT name FROM ${ks}.profiles`);
    expect(rows.rows.map((r) => r['name'])).to.deep.equal(['Ada']);

    const result = await syncSchema(connection, model, { keyspace, allowDestructive: true });
    expect(result.applied.map((c) => c.kind)).to.deep.equal(['drop-column', 'drop-table']);
    live = await readLiveSchema(connection, ks);
    expect(live!.tables.get('profiles')!.columns.has('age')).to.equal(false);
    expect(live!.tables.has('scratch')).to.equal(false);
    expect((await connection.execute(`SELECT name FROM ${ks}.profiles`)).rows.map((r) => r['name'])).to.deep.equal(['Ada']);
    expect(isPlanEmpty(await planSchema(connection, model, { keyspace }))).to.equal(true);
  });

  it('recreates a table whose clustering order changed only when allowed (skipped on request), with its index and view', async () => {
    await syncSchema(connection, [ReadingsV1], { keyspace: { name: `${ks}_r`, replication: keyspace.replication } });
    try {
      await connection.execute(`INSERT INTO ${ks}_r.readings (sensor, at, value) VALUES ('s1', 1, 10)`);
      const options = { keyspace: { name: `${ks}_r`, replication: keyspace.replication } };
      const plan = await planSchema(connection, [ReadingsV2], options);
      expect(plan.changes.map((c) => [c.kind, c.loses])).to.deep.equal([
        ['recreate-table', `every row of table ${ks}_r.readings and its views readings_by_value`],
      ]);
      let refused: unknown;
      try { await syncSchema(connection, [ReadingsV2], options); } catch (e) { refused = e; }
      expect(refused).to.be.instanceOf(DestructiveChangeError);
      expect((await connection.execute(`SELECT value FROM ${ks}_r.readings`)).rows).to.have.length(1);

      const skipping = await syncSchema(connection, [ReadingsV2, Scratch], { ...options, skipDestructive: true });
      expect(skipping.applied.map((c) => c.kind)).to.deep.equal(['create-table']);
      expect(skipping.skipped.map((c) => c.kind)).to.deep.equal(['recreate-table']);
      expect((await connection.execute(`SELECT value FROM ${ks}_r.readings`)).rows).to.have.length(1);

      await syncSchema(connection, [ReadingsV2], { ...options, allowDestructive: true });
      const live = await readLiveSchema(connection, `${ks}_r`);
      expect(live!.tables.get('readings')!.clusteringKeys).to.deep.equal([{ name: 'at', order: 'DESC' }]);
      expect(live!.tables.get('readings')!.indexes.map((i) => i.name)).to.deep.equal(['readings_value_idx']);
      expect([...live!.views.keys()]).to.deep.equal(['readings_by_value']);
      expect((await connection.execute(`SELECT value FROM ${ks}_r.readings`)).rows).to.have.length(0);
      expect(isPlanEmpty(await planSchema(connection, [ReadingsV2], options))).to.equal(true);

      // Dropping a column of a table with a view: Cassandra refuses while the view exists, so the plan rebuilds it.
      await syncSchema(connection, [ReadingsV3], options);
      await connection.execute(`INSERT INTO ${ks}_r.readings (sensor, at, value, note) VALUES ('s2', 2, 20, 'n')`);
      const dropNote = await syncSchema(connection, [ReadingsV2], { ...options, allowDestructive: true });
      expect(dropNote.applied.map((c) => c.kind)).to.deep.equal(['drop-column', 'recreate-view']);
      const rows = await connection.execute(`SELECT sensor FROM ${ks}_r.readings_by_value WHERE value = 20`);
      expect(rows.rows.map((r) => r['sensor'])).to.deep.equal(['s2']);
    } finally {
      await connection.execute(`DROP KEYSPACE IF EXISTS ${ks}_r`, [], { prepare: false });
    }
  });
});
