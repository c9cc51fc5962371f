// Exact CQL for every decorator option and every CQL type.
import { expect } from 'chai';
import { ClusteringKey, Column, cql, Field, Index, MaterializedView, PartitionKey, Table, UserType } from '../../../src/index.js';
import { entityMetadata } from '../../../src/metadata/resolve-entity.js';
import { udtMetadata } from '../../../src/metadata/resolve-udt.js';
import { alterKeyspaceCql, createKeyspaceCql, dropKeyspaceCql } from '../../../src/schema/keyspace-ddl.js';
import {
  addColumnCql, addTypeFieldCql, alterTableOptionsCql, createTableCql, createTypeCql, dropColumnCql, dropTableCql, dropTypeCql, truncateTableCql,
} from '../../../src/schema/table-ddl.js';
import { alterViewOptionsCql, createIndexCql, createViewCql, dropIndexCql, dropViewCql } from '../../../src/schema/index-view-ddl.js';

@UserType()
class Geo {
  @Field({ type: 'double' }) lat!: number;
  @Field({ type: 'double' }) lng!: number;
}

@UserType({ name: 'Address' })
class Address {
  @Field() street!: string;
  @Field({ name: 'zip_code', type: 'int' }) zip?: number;
  @Field({ type: () => Geo }) geo?: Geo;
  @Field({ type: 'list<text>' }) lines?: string[];
}

@Table({ name: 'all_types' })
class AllTypes {
  @PartitionKey({ type: 'uuid' }) id!: string;
  @Column({ type: 'ascii' }) aAscii?: string;
  @Column({ type: 'bigint' }) aBigint?: bigint;
  @Column({ type: 'blob' }) aBlob?: Buffer;
  @Column() aBoolean?: boolean;
  @Column({ type: 'date' }) aDate?: unknown;
  @Column({ type: 'decimal' }) aDecimal?: unknown;
  @Column({ type: 'double' }) aDouble?: number;
  @Column({ type: 'duration' }) aDuration?: unknown;
  @Column({ type: 'float' }) aFloat?: number;
  @Column({ type: 'inet' }) aInet?: unknown;
  @Column({ type: 'int' }) aInt?: number;
  @Column({ type: 'smallint' }) aSmallint?: number;
  @Column() aText?: string;
  @Column({ type: 'time' }) aTime?: unknown;
  @Column() aTimestamp?: Date;
  @Column({ type: 'timeuuid' }) aTimeuuid?: string;
  @Column({ type: 'tinyint' }) aTinyint?: number;
  @Column({ type: 'varchar' }) aVarchar?: string;
  @Column({ type: 'varint' }) aVarint?: bigint;
  @Column({ type: 'vector<float, 3>' }) aVector?: number[];
  @Column({ type: 'list<int>' }) aList?: number[];
  @Column({ type: 'set<text>' }) aSet?: Set<string>;
  @Column({ type: 'map<text, int>' }) aMap?: Map<string, number>;
  @Column({ type: 'tuple<int, text, boolean>' }) aTuple?: unknown;
  @Column({ type: 'frozen<list<int>>' }) aFrozen?: number[];
  @Column({ type: 'map<text, list<int>>' }) aNested?: unknown;
  @Column({ type: () => Address }) aUdt?: Address;
  @Column({ type: cql.set(() => Geo) }) aUdtSet?: Set<Geo>;
}

describe('DDL', () => {
  describe('keyspaces', () => {
    it('SimpleStrategy', () => {
      expect(createKeyspaceCql({ name: 'app', replication: { class: 'SimpleStrategy', replicationFactor: 3 } })).to.equal(
        "CREATE KEYSPACE IF NOT EXISTS app WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3} AND durable_writes = true",
      );
    });
    it('defaults to SimpleStrategy RF 1', () => {
      expect(createKeyspaceCql({ name: 'App' })).to.equal(
        `CREATE KEYSPACE IF NOT EXISTS "App" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1} AND durable_writes = true`,
      );
    });
    it('NetworkTopologyStrategy with per-DC factors and durable_writes off', () => {
      const spec = { name: 'app', replication: { class: 'NetworkTopologyStrategy', dataCenters: { dc1: 3, dc2: 2 } }, durableWrites: false } as const;
      expect(createKeyspaceCql(spec)).to.equal(
        "CREATE KEYSPACE IF NOT EXISTS app WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': 2} AND durable_writes = false",
      );
      expect(alterKeyspaceCql(spec)).to.equal(
        "ALTER KEYSPACE app WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': 2} AND durable_writes = false",
      );
      expect(dropKeyspaceCql('app')).to.equal('DROP KEYSPACE IF EXISTS app');
    });
  });

  describe('types', () => {
    it('creates a UDT with nested UDT and collection fields, quoting a mixed-case name', () => {
      expect(createTypeCql('app', udtMetadata(Address))).to.equal(
        'CREATE TYPE IF NOT EXISTS app."Address" (street text, zip_code int, geo frozen<geo>, lines list<text>)',
      );
      expect(addTypeFieldCql('app', 'Address', udtMetadata(Address).fields[1]!)).to.equal('ALTER TYPE app."Address" ADD IF NOT EXISTS zip_code int');
      expect(dropTypeCql('app', 'geo')).to.equal('DROP TYPE IF EXISTS app.geo');
    });
  });

  describe('tables', () => {
    it('every CQL type', () => {
      expect(createTableCql('app', entityMetadata(AllTypes))).to.equal([
        'CREATE TABLE IF NOT EXISTS app.all_types (',
        '  id uuid,',
        '  a_ascii ascii,',
        '  a_bigint bigint,',
        '  a_blob blob,',
        '  a_boolean boolean,',
        '  a_date date,',
        '  a_decimal decimal,',
        '  a_double double,',
        '  a_duration duration,',
        '  a_float float,',
        '  a_inet inet,',
        '  a_int int,',
        '  a_smallint smallint,',
        '  a_text text,',
        '  a_time time,',
        '  a_timestamp timestamp,',
        '  a_timeuuid timeuuid,',
        '  a_tinyint tinyint,',
        '  a_varchar text,',
        '  a_varint varint,',
        '  a_vector vector<float, 3>,',
        '  a_list list<int>,',
        '  a_set set<text>,',
        '  a_map map<text, int>,',
        '  a_tuple tuple<int, text, boolean>,',
        '  a_frozen frozen<list<int>>,',
        '  a_nested map<text, frozen<list<int>>>,',
        '  a_udt frozen<"Address">,',
        '  a_udt_set set<frozen<geo>>,',
        '  PRIMARY KEY (id)',
        ')',
      ].join('\n'));
    });

    it('composite partition key, clustering order, static, reserved and mixed-case names, every table option', () => {
      @Table({
        name: 'events',
        options: {
          comment: "user's events",
          defaultTimeToLive: 86400,
          gcGraceSeconds: 3600,
          compaction: { class: 'LeveledCompactionStrategy', sstable_size_in_mb: 160 },
          compression: { class: 'LZ4Compressor', chunk_length_in_kb: 64 },
          caching: { keys: 'ALL', rowsPerPartition: 'NONE' },
          bloom_filter_fp_chance: 0.01,
          speculativeRetry: '99p',
          cdc: false,
        },
      })
      class Event {
        @PartitionKey({ type: 'uuid', position: 0 }) userId!: string;
        @PartitionKey({ type: 'int', position: 1 }) day!: number;
        @ClusteringKey({ type: 'timeuuid', order: 'DESC' }) at!: string;
        @ClusteringKey({ type: 'int' }) seq!: number;
        @Column({ static: true }) owner?: string;
        @Column() order?: string;
        @Column({ name: 'Kind' }) kind?: string;
      }
      expect(createTableCql('app', entityMetadata(Event))).to.equal([
        'CREATE TABLE IF NOT EXISTS app.events (',
        '  user_id uuid,',
        '  day int,',
        '  at timeuuid,',
        '  seq int,',
        '  owner text static,',
        '  "order" text,',
        '  "Kind" text,',
        '  PRIMARY KEY ((user_id, day), at, seq)',
        ") WITH CLUSTERING ORDER BY (at DESC, seq ASC) AND comment = 'user''s events' AND default_time_to_live = 86400" +
          " AND gc_grace_seconds = 3600 AND compaction = {'class': 'LeveledCompactionStrategy', 'sstable_size_in_mb': '160'}" +
          " AND compression = {'class': 'LZ4Compressor', 'chunk_length_in_kb': '64'} AND caching = {'keys': 'ALL', 'rows_per_partition': 'NONE'}" +
          " AND bloom_filter_fp_chance = 0.01 AND speculative_retry = '99p' AND cdc = false",
      ].join('\n'));
    });

    it('frozen option, naming strategies and explicit names', () => {
      @Table({ name: 'Frozen', naming: 'preserve' })
      class FrozenThings {
        @PartitionKey({ type: 'list<int>', frozen: true }) listKey!: number[];
        @Column({ type: 'map<text, int>', frozen: true }) frozenMap?: Map<string, number>;
        @Column({ type: () => Geo, frozen: false }) looseGeo?: Geo;
        @Column({ name: 'renamed' }) other?: string;
      }
      expect(createTableCql('app', entityMetadata(FrozenThings))).to.equal(
        'CREATE TABLE IF NOT EXISTS app."Frozen" (\n  "listKey" frozen<list<int>>,\n  "frozenMap" frozen<map<text, int>>,\n  "looseGeo" geo,\n  renamed text,\n  PRIMARY KEY ("listKey")\n)',
      );
      @UserType({ naming: 'preserve' })
      class CamelType {
        @Field() streetName!: string;
      }
      expect(createTypeCql('app', udtMetadata(CamelType))).to.equal('CREATE TYPE IF NOT EXISTS app."CamelType" ("streetName" text)');
    });

    it('counter tables', () => {
      @Table('page_hits')
      class Hits {
        @PartitionKey() page!: string;
        @Column({ type: 'counter' }) views!: bigint;
      }
      expect(createTableCql('app', entityMetadata(Hits))).to.equal(
        'CREATE TABLE IF NOT EXISTS app.page_hits (\n  page text,\n  views counter,\n  PRIMARY KEY (page)\n)',
      );
    });

    it('alters columns and options, drops and truncates', () => {
      const meta = entityMetadata(AllTypes);
      expect(addColumnCql('app', 'all_types', meta.byProperty.get('aMap')!)).to.equal('ALTER TABLE app.all_types ADD IF NOT EXISTS a_map map<text, int>');
      expect(dropColumnCql('app', 'all_types', 'Old')).to.equal('ALTER TABLE app.all_types DROP IF EXISTS "Old"');
      expect(alterTableOptionsCql('app', 'all_types', { comment: 'x', default_time_to_live: 60 })).to.equal(
        "ALTER TABLE app.all_types WITH comment = 'x' AND default_time_to_live = 60",
      );
      expect(dropTableCql('app', 'all_types')).to.equal('DROP TABLE IF EXISTS app.all_types');
      expect(truncateTableCql('app', 'all_types')).to.equal('TRUNCATE TABLE app.all_types');
    });
  });

  describe('indexes', () => {
    @Table('items')
    class Item {
      @PartitionKey({ type: 'uuid' }) id!: string;
      @ClusteringKey({ type: 'int' }) @Index() seq!: number;
      @Column() @Index() kind!: string;
      @Column() @Index({ using: 'sai', name: 'items_title_sai', options: { case_sensitive: 'false' } }) title!: string;
      @Column() @Index({ using: 'sasi', options: { mode: 'CONTAINS' } }) body!: string;
      @Column() @Index({ using: 'com.example.MyIndex', name: 'custom_idx' }) misc!: string;
      @Column({ type: 'map<text, int>' })
      // Stacked decorators apply bottom-up, so the indexes are recorded entries, values, keys.
      @Index({ target: 'keys' }) @Index({ target: 'values' }) @Index({ target: 'entries' })
      counts!: Map<string, number>;
      @Column({ type: 'set<text>' }) @Index() tags!: Set<string>;
      @Column({ type: 'frozen<list<int>>' }) @Index() frozenList!: number[];
      @Column({ type: 'list<int>' }) @Index({ using: 'sai' }) scores!: number[];
    }

    it('every kind and target', () => {
      const meta = entityMetadata(Item);
      expect(meta.indexes.map((i) => createIndexCql('app', meta.table, i))).to.deep.equal([
        'CREATE INDEX IF NOT EXISTS items_seq_idx ON app.items (seq)',
        'CREATE INDEX IF NOT EXISTS items_kind_idx ON app.items (kind)',
        "CREATE INDEX IF NOT EXISTS items_title_sai ON app.items (title) USING 'sai' WITH OPTIONS = {'case_sensitive': 'false'}",
        "CREATE CUSTOM INDEX IF NOT EXISTS items_body_idx ON app.items (body) USING 'org.apache.cassandra.index.sasi.SASIIndex' WITH OPTIONS = {'mode': 'CONTAINS'}",
        "CREATE CUSTOM INDEX IF NOT EXISTS custom_idx ON app.items (misc) USING 'com.example.MyIndex'",
        'CREATE INDEX IF NOT EXISTS items_counts_entries_idx ON app.items (ENTRIES(counts))',
        'CREATE INDEX IF NOT EXISTS items_counts_values_idx ON app.items (VALUES(counts))',
        'CREATE INDEX IF NOT EXISTS items_counts_keys_idx ON app.items (KEYS(counts))',
        'CREATE INDEX IF NOT EXISTS items_tags_idx ON app.items (VALUES(tags))',
        'CREATE INDEX IF NOT EXISTS items_frozen_list_idx ON app.items (FULL(frozen_list))',
        "CREATE INDEX IF NOT EXISTS items_scores_idx ON app.items (VALUES(scores)) USING 'sai'",
      ]);
      expect(dropIndexCql('app', 'items_kind_idx')).to.equal('DROP INDEX IF EXISTS app.items_kind_idx');
    });
  });

  describe('materialized views', () => {
    it('creates, alters and drops a view', () => {
      @Table('orders')
      @MaterializedView({
        name: 'orders_by_status', partitionKeys: ['status'], clusteringKeys: [{ property: 'orderId', order: 'DESC' }],
        columns: ['total'], options: { comment: 'by status', gcGraceSeconds: 60 },
      })
      @MaterializedView({ name: 'orders_all', partitionKeys: ['orderId'] })
      class Order {
        @PartitionKey({ type: 'uuid' }) orderId!: string;
        @Column() status!: string;
        @Column({ type: 'decimal' }) total!: string;
      }
      const meta = entityMetadata(Order);
      expect(meta.views.map((v) => createViewCql('app', meta.table, v))).to.deep.equal([
        [
          'CREATE MATERIALIZED VIEW IF NOT EXISTS app.orders_all AS',
          '  SELECT * FROM app.orders',
          '  WHERE order_id IS NOT NULL',
          '  PRIMARY KEY (order_id)',
        ].join('\n'),
        [
          'CREATE MATERIALIZED VIEW IF NOT EXISTS app.orders_by_status AS',
          '  SELECT status, order_id, total FROM app.orders',
          '  WHERE status IS NOT NULL AND order_id IS NOT NULL',
          '  PRIMARY KEY (status, order_id)',
          "  WITH CLUSTERING ORDER BY (order_id DESC) AND comment = 'by status' AND gc_grace_seconds = 60",
        ].join('\n'),
      ]);
      expect(alterViewOptionsCql('app', 'orders_all', { comment: 'x' })).to.equal("ALTER MATERIALIZED VIEW app.orders_all WITH comment = 'x'");
      expect(dropViewCql('app', 'orders_all')).to.equal('DROP MATERIALIZED VIEW IF EXISTS app.orders_all');
    });
  });
});
