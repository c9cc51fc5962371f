// The model lint: each rule with a model that trips it (exact message and fix) and one that does not;
// levels, --error-on and the options' checks; the ALLOW FILTERING source scan.
import { expect } from 'chai';
import { ClusteringKey, Column, Index, MaterializedView, PartitionKey, Table, VectorIndex } from '../../../src/index.js';
import { entityMetadata } from '../../../src/metadata/resolve-entity.js';
import type { EntityMetadata } from '../../../src/metadata/entity-metadata.js';
import { ConfigError, MetadataError } from '../../../src/errors.js';
import { hasLintErrors, lintModels } from '../../../src/schema/lint/lint-models.js';
import { indexRules, isTimeBucket, materializedViews, queryTableKeys, unboundedCollection, unboundedPartition } from '../../../src/schema/lint/model-rules.js';
import { scanAllowFiltering } from '../../../src/schema/lint/source-scan.js';

@Table('events')
class Event {
  @PartitionKey() userId!: string;
  @ClusteringKey({ type: 'timestamp', order: 'DESC' }) at!: Date;
  @Column() kind?: string;
}

@Table('events_by_day')
class BucketedEvent {
  @PartitionKey() userId!: string;
  @PartitionKey() day!: string;
  @ClusteringKey({ type: 'timeuuid' }) at!: string;
}

@Table('readings')
class DateBucketed {
  @PartitionKey() sensor!: string;
  @PartitionKey({ type: 'date' }) on!: string;
  @ClusteringKey({ type: 'timestamp' }) at!: Date;
}

@Table('comments')
class Comment {
  @PartitionKey() postId!: string;
  @ClusteringKey({ type: 'int' }) seq!: number;
  @Column() @Index() authorEmail?: string;
  @Column({ type: 'uuid' }) @Index({ using: 'sai' }) replyTo?: string;
  @Column() @Index() status?: string;
  @Column({ type: 'vector<float, 2>' }) @VectorIndex() embedding?: number[];
}

@Table('page_counts')
class PageCount {
  @PartitionKey() page!: string;
  @ClusteringKey() day!: string;
  @Column({ type: 'counter' }) hits?: bigint;
}

@Table('profiles')
class Profile {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'list<text>' }) history?: string[];
  @Column({ type: 'set<text>', maxSize: 20 }) tags?: Set<string>;
  @Column({ type: 'frozen<map<text, int>>' }) scores?: Map<string, number>;
}

@Table('orders')
@MaterializedView({ name: 'orders_by_status', partitionKeys: ['status'], clusteringKeys: ['id'] })
class Order {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column() status?: string;
}

const meta = (c: abstract new (...args: never[]) => object): EntityMetadata => entityMetadata(c);
/** Metadata with a `queryTables` field, as the query-tables feature adds it. */
const withQueryTables = (c: abstract new (...args: never[]) => object, queryTables: unknown[]): EntityMetadata => Object.freeze({ ...meta(c), queryTables }) as EntityMetadata;

describe('model lint', () => {
  describe('unbounded-partition', () => {
    it('flags a table clustered by time whose partition key has no time bucket', () => {
      expect(unboundedPartition(meta(Event))).to.deep.equal([{
        rule: 'unbounded-partition', level: 'warning', entity: 'Event', property: 'at',
        message: 'clustered by time (timestamp) but the partition key (userId) has no time bucket: each partition grows without bound',
        fix: "add a bucket to the partition key (e.g. @PartitionKey() day: string, '2026-12-04') and read one bucket at a time",
      }]);
    });
    it('accepts a bucket-named or date-typed partition key column, and a table not clustered by time', () => {
      expect(unboundedPartition(meta(BucketedEvent))).to.deep.equal([]);
      expect(unboundedPartition(meta(DateBucketed))).to.deep.equal([]);
      expect(unboundedPartition(meta(Comment))).to.deep.equal([]);
    });
    it('reads bucket words in snake and camel case names', () => {
      const column = (name: string, type = 'text') => ({ property: name, name, type: { kind: 'native', name: type }, kind: 'partition', position: 0 }) as never;
      expect(['createdDay', 'hour_bucket', 'yyyymm', 'shard', 'month'].map((n) => isTimeBucket(column(n)))).to.deep.equal([true, true, true, true, true]);
      expect(['userId', 'holiday', 'monthly_total'].map((n) => isTimeBucket(column(n)))).to.deep.equal([false, false, false]);
      expect(isTimeBucket(column('on', 'date'))).to.equal(true);
    });
  });

  describe('index-high-cardinality and index-on-counter-table', () => {
    it('flags indexes on an email-named and a uuid column (legacy and SAI), not on a low-cardinality or a vector column', () => {
      expect(indexRules(meta(Comment))).to.deep.equal([
        {
          rule: 'index-high-cardinality', level: 'warning', entity: 'Comment', property: 'authorEmail',
          message: 'a secondary index (comments_author_email_idx) on author_email (text), which looks high-cardinality: a lookup without the partition key asks every node to find about one row',
          fix: 'keep a query table with author_email as its partition key instead, or always restrict these queries to one partition',
        },
        {
          rule: 'index-high-cardinality', level: 'warning', entity: 'Comment', property: 'replyTo',
          message: 'an SAI index (comments_reply_to_idx) on reply_to (uuid), which looks high-cardinality: a lookup without the partition key asks every node to find about one row',
          fix: 'keep a query table with reply_to as its partition key instead, or always restrict these queries to one partition',
        },
      ]);
    });
    it('flags any index on a counter table as an error', () => {
      const counted = Object.freeze({ ...meta(PageCount), indexes: Object.freeze([{ name: 'page_counts_day_idx', column: 'day', target: 'value' }]) }) as EntityMetadata;
      expect(indexRules(counted)).to.deep.equal([{
        rule: 'index-on-counter-table', level: 'error', entity: 'PageCount', property: 'day',
        message: 'index page_counts_day_idx is on a counter table, which Cassandra cannot index: CREATE INDEX is refused',
        fix: 'drop the index and keep a separate table keyed by day for this lookup',
      }]);
      expect(indexRules(meta(PageCount))).to.deep.equal([]);
    });
  });

  describe('unbounded-collection', () => {
    it('flags a non-frozen collection with no maxSize; a bounded or frozen one passes', () => {
      expect(unboundedCollection(meta(Profile))).to.deep.equal([{
        rule: 'unbounded-collection', level: 'warning', entity: 'Profile', property: 'history',
        message: 'list<text> column with no declared size bound: a collection is read whole with its row, so one that grows like a table slows every read of it',
        fix: 'declare its bound with @Column({ maxSize: n }), or keep the elements as rows of a table clustered by element',
      }]);
      expect(unboundedCollection(meta(Event))).to.deep.equal([]);
    });
    it('records maxSize in the metadata, and refuses it on a non-collection or as a non-integer', () => {
      expect(meta(Profile).byProperty.get('tags')?.maxSize).to.equal(20);
      @Table('bad_bound')
      class BadBound {
        @PartitionKey({ type: 'int' }) id!: number;
        @Column({ type: 'int', maxSize: 3 }) n?: number;
      }
      expect(() => entityMetadata(BadBound)).to.throw(MetadataError, "BadBound.n: CQL type 'int' is not allowed here: maxSize bounds a list, set or map column; remove it from this column.");
      @Table('bad_bound2')
      class BadBound2 {
        @PartitionKey({ type: 'int' }) id!: number;
        @Column({ type: 'list<int>', maxSize: 0 }) n?: number[];
      }
      expect(() => entityMetadata(BadBound2)).to.throw(MetadataError, 'maxSize must be a whole number of elements >= 1, got 0');
    });
  });

  describe('materialized-view', () => {
    it('flags every declared view; an entity without views passes', () => {
      expect(materializedViews(meta(Order))).to.deep.equal([{
        rule: 'materialized-view', level: 'warning', entity: 'Order', property: 'orders_by_status',
        message: 'declares the materialized view orders_by_status: views are experimental in Cassandra 5 and disabled by default (materialized_views_enabled), and can drift from their base table',
        fix: 'keep a query table written with the base table in one logged batch instead',
      }]);
      expect(materializedViews(meta(Event))).to.deep.equal([]);
    });
  });

  describe('query-table-keys', () => {
    it('flags a key the entity does not have, and a primary key that leaves part of the entity key out', () => {
      const m = withQueryTables(BucketedEvent, [
        { name: 'events_by_kind', partitionKeys: ['kind'], clusteringKeys: ['at'] },
        { name: 'events_by_user', partitionKeys: ['userId'], clusteringKeys: [{ property: 'at' }] },
      ]);
      expect(queryTableKeys(m)).to.deep.equal([
        {
          rule: 'query-table-keys', level: 'error', entity: 'BucketedEvent', property: 'events_by_kind',
          message: 'query table events_by_kind is keyed by kind, which is not a column of BucketedEvent: its rows cannot be derived from an entity',
          fix: 'key events_by_kind by properties of BucketedEvent (userId, day, at)',
        },
        {
          rule: 'query-table-keys', level: 'error', entity: 'BucketedEvent', property: 'events_by_user',
          message: 'query table events_by_user leaves day of the primary key out of its own: two entities would write the same row, the last one winning',
          fix: 'add day to the clustering keys of events_by_user',
        },
      ]);
    });
    it('accepts query tables keyed by the entity\'s columns (property or CQL names) that keep its whole key, and metadata without any', () => {
      const m = withQueryTables(BucketedEvent, [{ name: 'events_by_at', partitionKeys: ['day'], clusteringKeys: ['at', 'user_id'] }]);
      expect(queryTableKeys(m)).to.deep.equal([]);
      expect(queryTableKeys(meta(BucketedEvent))).to.deep.equal([]);
    });
    it('reads resolved query tables (@Table queryTables) and finds nothing in one the entity gives rows for', () => {
      @Table<KindedEvent>({ name: 'kinded_events', queryTables: [{ name: 'kinded_by_kind', partitionKey: ['kind'], clusteringKey: ['userId', 'day', 'at'] }] })
      class KindedEvent {
        @PartitionKey() userId!: string;
        @PartitionKey() day!: string;
        @ClusteringKey({ type: 'timeuuid' }) at!: string;
        @Column() kind!: string;
      }
      expect(entityMetadata(KindedEvent).queryTables, 'resolved').to.have.length(1);
      expect(lintModels([KindedEvent]).filter((f) => f.rule === 'query-table-keys')).to.deep.equal([]);
    });
    it('reports a query table the entity refuses (its key leaves part of the entity key out) as a finding, not a throw', () => {
      @Table<LeakyEvent>({ name: 'leaky_events', queryTables: [{ name: 'leaky_by_kind', partitionKey: ['kind'], clusteringKey: ['at'] }] })
      class LeakyEvent {
        @PartitionKey() userId!: string;
        @ClusteringKey({ type: 'timeuuid' }) at!: string;
        @Column() kind!: string;
      }
      expect(() => entityMetadata(LeakyEvent)).to.throw(MetadataError);
      const findings = lintModels([LeakyEvent, Event]);
      const refused = findings.filter((f) => f.rule === 'query-table-keys');
      expect(refused).to.have.length(1);
      expect(refused[0]).to.include({ level: 'error', entity: 'LeakyEvent', property: 'leaky_by_kind' });
      expect(refused[0]!.message).to.match(/^query table leaky_by_kind: invalid query table: .*userId/);
      expect(hasLintErrors(findings)).to.equal(true);
      expect(findings.some((f) => f.entity === 'Event'), 'the other entities are still linted').to.equal(true);
      expect(lintModels([LeakyEvent], { rules: { 'query-table-keys': 'off' } })).to.deep.equal([]);
    });
  });

  describe('allow-filtering (source scan)', () => {
    it('finds allowFiltering() calls and ALLOW FILTERING in strings by line, not in comments', () => {
      const text = [
        "import { Repository } from 'cassandra-orm';",
        '// q.allowFiltering() in a comment is not a call',
        "const a = await events.find((q) => q.where('kind', '=', 'x').allowFiltering());",
        '/* SELECT * FROM t ALLOW FILTERING',
        '   still a comment */',
        "const rows = await cursor.execute('SELECT * FROM events WHERE kind = ? ALLOW FILTERING', ['x']);",
        "const url = 'http://example.com/allowFiltering()';",
        'const b = q',
        '  .allowFiltering ();',
      ].join('\n');
      const found = scanAllowFiltering('src/events.ts', text);
      expect(found.map((f) => [f.file, f.line, f.entity])).to.deep.equal([['src/events.ts', 3, undefined], ['src/events.ts', 6, undefined], ['src/events.ts', 9, undefined]]);
      expect(found[0]).to.include({
        rule: 'allow-filtering', level: 'warning',
        message: 'a query asks for ALLOW FILTERING (allowFiltering()): the node reads and discards rows, as many as the table holds outside one partition',
        fix: 'restrict the query to one partition, or keep a query table keyed for it',
      });
      expect(found[1]!.message).to.equal('raw CQL with ALLOW FILTERING: the node reads and discards rows, as many as the table holds outside one partition');
    });
    it('finds nothing in code that does not ask for it', () => {
      expect(scanAllowFiltering('a.js', "const q = select.where('id', '=', 1); // ALLOW FILTERING is not needed")).to.deep.equal([]);
    });
  });

  describe('lintModels', () => {
    it('runs every rule over the entities and the sources, in entity order then source order', () => {
      const findings = lintModels([Event, Profile, Order], { sources: [{ file: 'x.js', text: 'q.allowFiltering()' }] });
      expect(findings.map((f) => `${f.rule} ${f.entity ?? f.file}`)).to.deep.equal([
        'unbounded-partition Event', 'unbounded-collection Profile', 'materialized-view Order', 'allow-filtering x.js',
      ]);
      expect(hasLintErrors(findings)).to.equal(false);
    });
    it('applies configured levels, turns rules off, and with errorOn: warning makes every finding an error', () => {
      const set = lintModels([Event, Profile], { rules: { 'unbounded-collection': 'error', 'unbounded-partition': 'off' } });
      expect(set.map((f) => [f.rule, f.level])).to.deep.equal([['unbounded-collection', 'error']]);
      expect(hasLintErrors(set)).to.equal(true);
      const strict = lintModels([Event], { errorOn: 'warning' });
      expect(strict.map((f) => f.level)).to.deep.equal(['error']);
    });
    it('passes a model that trips no rule', () => {
      expect(lintModels([BucketedEvent, DateBucketed, PageCount])).to.deep.equal([]);
    });
    it('refuses bad options with a ConfigError naming the key', () => {
      expect(() => lintModels([Event], { rules: { 'no-such-rule': 'error' } as never })).to.throw(ConfigError, /options\.rules\.no-such-rule: unknown key/);
      expect(() => lintModels([Event], { rules: { 'materialized-view': 'fatal' } as never })).to.throw(ConfigError, "options.rules.materialized-view: expected 'warning', 'error' or 'off', got \"fatal\"");
      expect(() => lintModels([Event], { errorOn: 'info' as never })).to.throw(ConfigError, 'options.errorOn');
    });
  });
});
