// The lint's rules over one entity's resolved metadata: each a small pure function returning its
// findings at the rule's default level (lint-models.ts applies the configured levels).
import type { ColumnMetadata, CqlType, EntityMetadata } from '../../metadata/entity-metadata.js';
import { printCqlType } from '../../metadata/cql-type.js';
import { DEFAULT_LEVELS, type LintFinding, type LintRule } from './finding.js';

/** A finding of `rule` at its default level. */
function finding(rule: LintRule, meta: EntityMetadata, property: string | undefined, message: string, fix: string): LintFinding {
  return Object.freeze({ rule, level: DEFAULT_LEVELS[rule], entity: meta.target.name, ...(property !== undefined ? { property } : {}), message, fix });
}

const TIME_TYPES: ReadonlySet<string> = new Set(['timestamp', 'timeuuid', 'date']);
const nativeName = (type: CqlType): string | undefined => (type.kind === 'native' ? type.name : undefined);

/** The words of a column name: `createdAt`, `created_at` and `CreatedAT` all give `created`, `at`. */
export function nameWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
}

/** Words that mark a partition key column as a time bucket (or a shard that bounds a partition). */
const BUCKET_WORDS: ReadonlySet<string> = new Set([
  'bucket', 'shard', 'day', 'date', 'hour', 'minute', 'week', 'month', 'year', 'yyyymm', 'yyyymmdd', 'period', 'window', 'epoch', 'slot',
]);

/**
 * A partition key column that bounds a partition in time: a `date` column (one day), or a column whose
 * name has a bucket word (`day`, `bucket`, `month`, `shard`, ...), whatever its type.
 */
export function isTimeBucket(column: ColumnMetadata): boolean {
  return nativeName(column.type) === 'date' || nameWords(column.name).some((w) => BUCKET_WORDS.has(w)) || nameWords(column.property).some((w) => BUCKET_WORDS.has(w));
}

/**
 * unbounded-partition: a table clustered by a time column (timestamp, timeuuid or date) whose
 * partition key has no time bucket grows each partition for as long as rows are written.
 */
export function unboundedPartition(meta: EntityMetadata): LintFinding[] {
  const time = meta.clusteringKeys.find((c) => TIME_TYPES.has(nativeName(c.type) ?? ''));
  if (time === undefined || meta.partitionKeys.some(isTimeBucket)) return [];
  const keys = meta.partitionKeys.map((c) => c.property).join(', ');
  return [
    finding(
      'unbounded-partition',
      meta,
      time.property,
      `clustered by time (${printCqlType(time.type)}) but the partition key (${keys}) has no time bucket: each partition grows without bound`,
      `add a bucket to the partition key (e.g. @PartitionKey() day: string, '2026-12-04') and read one bucket at a time`,
    ),
  ];
}

const HIGH_CARDINALITY_TYPES: ReadonlySet<string> = new Set(['uuid', 'timeuuid', 'timestamp']);
const HIGH_CARDINALITY_WORDS: ReadonlySet<string> = new Set(['id', 'uuid', 'email', 'mail', 'token', 'phone', 'username', 'login', 'key', 'hash', 'serial', 'url']);

/** A column whose values are (nearly) unique per row: a uuid, timeuuid or timestamp, or a name like `id`, `user_id`, `email`. */
export function looksHighCardinality(column: ColumnMetadata): boolean {
  return HIGH_CARDINALITY_TYPES.has(nativeName(column.type) ?? '') || nameWords(column.name).some((w) => HIGH_CARDINALITY_WORDS.has(w));
}

/**
 * index-high-cardinality: a secondary index (legacy or SAI; vector indexes excepted) on a column that
 * looks high-cardinality; index-on-counter-table: any index on a counter table.
 */
export function indexRules(meta: EntityMetadata): LintFinding[] {
  const out: LintFinding[] = [];
  for (const index of meta.indexes) {
    const column = meta.byName.get(index.column);
    if (column === undefined) continue;
    if (meta.isCounterTable) {
      out.push(finding(
        'index-on-counter-table',
        meta,
        column.property,
        `index ${index.name} is on a counter table, which Cassandra cannot index: CREATE INDEX is refused`,
        `drop the index and keep a separate table keyed by ${column.name} for this lookup`,
      ));
      continue;
    }
    if (column.type.kind === 'vector' || !looksHighCardinality(column)) continue;
    const kind = index.using === 'sai' ? 'an SAI index' : index.using === undefined ? 'a secondary index' : `a ${index.using} index`;
    out.push(finding(
      'index-high-cardinality',
      meta,
      column.property,
      `${kind} (${index.name}) on ${column.name} (${printCqlType(column.type)}), which looks high-cardinality: a lookup without the partition key asks every node to find about one row`,
      `keep a query table with ${column.name} as its partition key instead, or always restrict these queries to one partition`,
    ));
  }
  return out;
}

/** unbounded-collection: a non-frozen list, set or map column with no declared `maxSize`. */
export function unboundedCollection(meta: EntityMetadata): LintFinding[] {
  const out: LintFinding[] = [];
  for (const column of meta.columns) {
    const type = column.type;
    if ((type.kind !== 'list' && type.kind !== 'set' && type.kind !== 'map') || type.frozen || column.maxSize !== undefined) continue;
    out.push(finding(
      'unbounded-collection',
      meta,
      column.property,
      `${printCqlType(type)} column with no declared size bound: a collection is read whole with its row, so one that grows like a table slows every read of it`,
      `declare its bound with @Column({ maxSize: n }), or keep the elements as rows of a table clustered by element`,
    ));
  }
  return out;
}

/** materialized-view: every `@MaterializedView` of the entity. */
export function materializedViews(meta: EntityMetadata): LintFinding[] {
  return meta.views.map((view) =>
    finding(
      'materialized-view',
      meta,
      view.name,
      `declares the materialized view ${view.name}: views are experimental in Cassandra 5 and disabled by default (materialized_views_enabled), and can drift from their base table`,
      `keep a query table written with the base table in one logged batch instead`,
    ),
  );
}

/**
 * The shape the query-table rule reads: what a query table of an entity declares. The keys are
 * property or column names of the entity; a clustering key may carry an order.
 */
export interface QueryTableShape {
  readonly name: string;
  readonly partitionKeys: readonly string[];
  readonly clusteringKeys?: readonly (string | { readonly name?: string; readonly property?: string })[];
}

/** A key as metadata holds it: a property name, or a resolved column. */
type KeyOf = string | { readonly name?: string; readonly property?: string };

/**
 * The query tables an entity's metadata declares, as shapes: resolved ones (`EntityMetadata.queryTables`,
 * whose keys are columns) by their properties, and shapes given as such (metadata built another way).
 */
export function queryTablesOf(meta: EntityMetadata): readonly QueryTableShape[] {
  const tables = (meta as { readonly queryTables?: readonly { readonly name?: string; readonly table?: string; readonly partitionKeys: readonly KeyOf[]; readonly clusteringKeys?: readonly KeyOf[] }[] }).queryTables;
  if (!Array.isArray(tables)) return [];
  const key = (k: KeyOf): string => (typeof k === 'string' ? k : (k.property ?? k.name ?? ''));
  return tables.map((t) => ({ name: t.name ?? t.table ?? '', partitionKeys: t.partitionKeys.map(key), clusteringKeys: (t.clusteringKeys ?? []).map(key) }));
}

/**
 * query-table-keys: a query table whose key names no column of the entity (its rows cannot be
 * derived from an entity), or whose primary key leaves out part of the entity's (two entities would
 * write the same query-table row).
 */
export function queryTableKeys(meta: EntityMetadata): LintFinding[] {
  const out: LintFinding[] = [];
  const columnOf = (key: string): ColumnMetadata | undefined => meta.byProperty.get(key) ?? meta.byName.get(key);
  for (const table of queryTablesOf(meta)) {
    const keys = [...table.partitionKeys, ...(table.clusteringKeys ?? []).map((k) => (typeof k === 'string' ? k : (k.property ?? k.name ?? '')))];
    const unknown = keys.filter((k) => columnOf(k) === undefined);
    if (unknown.length > 0) {
      out.push(finding(
        'query-table-keys',
        meta,
        table.name,
        `query table ${table.name} is keyed by ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is not a column' : 'are not columns'} of ${meta.target.name}: its rows cannot be derived from an entity`,
        `key ${table.name} by properties of ${meta.target.name} (${meta.columns.map((c) => c.property).join(', ')})`,
      ));
      continue;
    }
    const covered = new Set(keys.map((k) => columnOf(k)!.name));
    const missing = [...meta.partitionKeys, ...meta.clusteringKeys].filter((c) => !covered.has(c.name));
    if (missing.length > 0) {
      out.push(finding(
        'query-table-keys',
        meta,
        table.name,
        `query table ${table.name} leaves ${missing.map((c) => c.property).join(', ')} of the primary key out of its own: two entities would write the same row, the last one winning`,
        `add ${missing.map((c) => c.property).join(', ')} to the clustering keys of ${table.name}`,
      ));
    }
  }
  return out;
}

/** Every model rule, in report order. */
export const MODEL_RULES: readonly ((meta: EntityMetadata) => LintFinding[])[] = Object.freeze([
  unboundedPartition,
  indexRules,
  unboundedCollection,
  materializedViews,
  queryTableKeys,
]);
