// @Table: marks a class as an entity stored in one table.
import { KEYS, recordOnClass, type NamingStrategy } from '../metadata/metadata-store.js';
import type { ClassRecorder } from './property-key.js';

/**
 * Table options by their camelCase or CQL name: `comment`, `defaultTimeToLive`, `gcGraceSeconds`,
 * `compaction`, `compression`, `caching`, or any other table property (`bloom_filter_fp_chance`, ...).
 */
export interface TableOptions {
  /** `comment`. */
  readonly comment?: string;
  /** `default_time_to_live` in seconds. */
  readonly defaultTimeToLive?: number;
  /** `gc_grace_seconds`. */
  readonly gcGraceSeconds?: number;
  /** `compaction`: the strategy `class` and its options. */
  readonly compaction?: Readonly<Record<string, string | number | boolean>>;
  /** `compression`: the compressor `class` and its options. */
  readonly compression?: Readonly<Record<string, string | number | boolean>>;
  /** `caching`: `keys` and rows per partition. */
  readonly caching?: Readonly<{ keys?: 'ALL' | 'NONE'; rowsPerPartition?: 'ALL' | 'NONE' | number; rows_per_partition?: 'ALL' | 'NONE' | number }>;
  /** Any other table option, by its CQL name or in camelCase. */
  readonly [property: string]: unknown;
}

/**
 * A query table of an entity: another table holding the same rows under another primary key, written
 * with the base table in one logged batch (docs/query-tables.md). Pass the entity as `T` to
 * `@Table<User>({ ... })` to have property names type-checked.
 */
export interface QueryTableSpec<T = Record<string, unknown>> {
  /** Table name. */
  readonly name: string;
  /** Properties forming its partition key, in order. */
  readonly partitionKey: readonly (keyof T & string)[];
  /** Clustering properties in order, optionally with an order (default ASC); with the partition key they must include the base table's whole primary key. */
  readonly clusteringKey?: readonly ((keyof T & string) | { readonly property: keyof T & string; readonly order?: 'ASC' | 'DESC' })[];
  /** Properties it holds besides its keys; default: every non-static column. */
  readonly columns?: readonly (keyof T & string)[];
  /** Table properties (`WITH ...`), as for the base table. */
  readonly options?: TableOptions;
}

/** Options of @Table. */
export interface TableSpec<T = Record<string, unknown>> {
  /** Table name; default: the class name in snake_case (`UserEvent` → `user_event`). */
  readonly name?: string;
  /** Keyspace; default: the keyspace the table is synced into / the connection's keyspace. */
  readonly keyspace?: string;
  /** Connection alias the entity belongs to; default: the default connection. */
  readonly connection?: string;
  /** How property names become column names; default `'snake_case'`. */
  readonly naming?: NamingStrategy;
  /** Table properties (`WITH ...`). */
  readonly options?: TableOptions;
  /**
   * A TTL in seconds that the library puts on every write of the entity (`USING TTL`) unless the call
   * passes its own `ttl` (`ttl: 0`: no expiry). Unlike `options.defaultTimeToLive` (a table property
   * the server applies to any write without a TTL, whoever sends it), it is not part of the DDL and
   * applies to this library's writes only (docs/writes.md compares the two).
   */
  readonly ttl?: number;
  /** Query tables kept in step with this one: the same rows under other primary keys (docs/query-tables.md). */
  readonly queryTables?: readonly QueryTableSpec<T>[];
}

function cqlOptions(options: TableOptions | undefined): Record<string, unknown> | undefined {
  if (options === undefined) return undefined;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (key === 'caching' && typeof value === 'object' && value !== null) {
      const { rowsPerPartition, ...rest } = value as { rowsPerPartition?: unknown };
      result[key] = { ...rest, ...(rowsPerPartition !== undefined ? { rows_per_partition: rowsPerPartition } : {}) };
    } else {
      result[key] = value;
    }
  }
  return result;
}

/** Marks a class as an entity: `@Table({ name: 'events', options: { defaultTimeToLive: 86400 } })`. */
export function Table<T = Record<string, unknown>>(spec: TableSpec<T> | string = {}): ClassRecorder {
  const s: TableSpec<T> = typeof spec === 'string' ? { name: spec } : spec;
  const queryTables = s.queryTables?.map((q) => ({ ...q, options: cqlOptions(q.options) }));
  return (target) => recordOnClass(KEYS.table, target, { ...s, options: cqlOptions(s.options), ...(queryTables !== undefined ? { queryTables } : {}) });
}
