// The resolved, frozen description of an entity: what decorators recorded, validated once and
// turned into the facts the schema, query and mapping layers read. Produced by `entityMetadata()`.

/** CQL's native (non-collection) types. */
export type NativeTypeName =
  | 'ascii' | 'bigint' | 'blob' | 'boolean' | 'counter' | 'date' | 'decimal' | 'double' | 'duration'
  | 'float' | 'inet' | 'int' | 'smallint' | 'text' | 'time' | 'timestamp' | 'timeuuid' | 'tinyint'
  | 'uuid' | 'varint';

/** A parsed CQL type. `varchar` parses to `text`; `frozen<...>` sets `frozen` on the inner type. */
export type CqlType =
  | { readonly kind: 'native'; readonly name: NativeTypeName }
  | { readonly kind: 'list' | 'set'; readonly element: CqlType; readonly frozen: boolean }
  | { readonly kind: 'map'; readonly key: CqlType; readonly value: CqlType; readonly frozen: boolean }
  | { readonly kind: 'tuple'; readonly elements: readonly CqlType[] }
  | {
      readonly kind: 'vector';
      readonly element: CqlType;
      readonly dimension: number;
      /** Set on a column with a cosine SAI vector index: an all-zero vector cannot be written to it. */
      readonly nonZero?: true;
    }
  | {
      readonly kind: 'udt';
      /** CQL name of the type, unquoted. */
      readonly name: string;
      readonly frozen: boolean;
      /** The decorated class, when the type came from one (absent for a type named by string). */
      readonly udt?: () => UdtMetadata;
    };

/** The role of a column in its table. */
export type ColumnKind = 'partition' | 'clustering' | 'static' | 'regular';

/** One resolved column of an entity. */
export interface ColumnMetadata {
  /** Property name on the entity class. */
  readonly property: string;
  /** CQL column name, unquoted (quote it with the identifier function when printing CQL). */
  readonly name: string;
  /** The column's CQL type. */
  readonly type: CqlType;
  /** Partition key, clustering key, static or regular column. */
  readonly kind: ColumnKind;
  /** 0-based position among the partition keys or the clustering keys; -1 for other columns. */
  readonly position: number;
  /** Clustering order; only for clustering columns. */
  readonly order?: 'ASC' | 'DESC';
  /** Marked `secret`: its values never appear in query events (see `observe.includeValues`). */
  readonly secret?: true;
  /** The declared bound of a list, set or map column (`@Column({ maxSize })`), in elements. */
  readonly maxSize?: number;
}

/** One resolved field of a user-defined type. */
export interface UdtFieldMetadata {
  /** Property name on the `@UserType` class. */
  readonly property: string;
  /** CQL field name, unquoted. */
  readonly name: string;
  /** The field's CQL type. */
  readonly type: CqlType;
}

/** A resolved `@UserType` class: its CQL type name and fields. */
export interface UdtMetadata {
  /** The `@UserType` class. */
  readonly target: abstract new (...args: never[]) => object;
  /** CQL type name, unquoted. */
  readonly name: string;
  /** The fields, in declaration order. */
  readonly fields: readonly UdtFieldMetadata[];
  /** The fields by property name. */
  readonly byProperty: ReadonlyMap<string, UdtFieldMetadata>;
  /** The fields by CQL name. */
  readonly byName: ReadonlyMap<string, UdtFieldMetadata>;
}

/** What a secondary index covers: the column's values, a map's keys/values/entries, or a frozen collection whole. */
export type IndexTarget = 'value' | 'keys' | 'values' | 'entries' | 'full';

/** A resolved secondary index (`@Index`, `@VectorIndex`). */
export interface IndexMetadata {
  /** Index name, unquoted. */
  readonly name: string;
  /** CQL column name, unquoted. */
  readonly column: string;
  /** What of the column the index covers. */
  readonly target: IndexTarget;
  /** `undefined` = a regular (legacy) secondary index; 'sai', 'sasi', or a custom index class name. */
  readonly using?: string;
  /** Every option of `WITH OPTIONS = {...}`, typed ones (similarity, text analysis) included under their CQL names. */
  readonly options?: Readonly<Record<string, string>>;
  /** For an SAI index on a vector column: its similarity function (Cassandra's default, COSINE, when none is declared). */
  readonly similarity?: 'COSINE' | 'DOT_PRODUCT' | 'EUCLIDEAN';
}

/** A resolved `@MaterializedView`. */
export interface ViewMetadata {
  /** View name, unquoted. */
  readonly name: string;
  /** CQL column names of the view's partition key, in order. */
  readonly partitionKeys: readonly string[];
  /** CQL column names of the view's clustering key, in order, with their order. */
  readonly clusteringKeys: readonly { readonly name: string; readonly order: 'ASC' | 'DESC' }[];
  /** Selected CQL column names (all key columns are always included). */
  readonly columns: readonly string[];
  /** View options with CQL names. */
  readonly options: Readonly<Record<string, unknown>>;
  /** True when the view selects `*` (new base columns join it automatically). */
  readonly includeAllColumns?: boolean;
}

/** The resolved, frozen description of a `@Table` class, as `entityMetadata(Class)` returns it. */
export interface EntityMetadata<T extends object = object> {
  /** The `@Table` class. */
  readonly target: abstract new (...args: never[]) => T;
  /** Table name, unquoted. */
  readonly table: string;
  /** Keyspace when the entity names one; otherwise the connection's keyspace applies. */
  readonly keyspace?: string;
  /** Connection alias the entity is bound to; `undefined` = the default connection. */
  readonly connection?: string;
  /** Partition keys in order, then clustering keys in order, then static, then regular columns. */
  readonly columns: readonly ColumnMetadata[];
  /** The partition key columns, in order. */
  readonly partitionKeys: readonly ColumnMetadata[];
  /** The clustering key columns, in order. */
  readonly clusteringKeys: readonly ColumnMetadata[];
  /** The columns by property name. */
  readonly byProperty: ReadonlyMap<string, ColumnMetadata>;
  /** The columns by CQL name. */
  readonly byName: ReadonlyMap<string, ColumnMetadata>;
  /** Table options with CQL names (`default_time_to_live`, `comment`, `compaction`, ...). */
  readonly options: Readonly<Record<string, unknown>>;
  /** The secondary indexes on the table. */
  readonly indexes: readonly IndexMetadata[];
  /** The materialized views over the table. */
  readonly views: readonly ViewMetadata[];
  /** True when every non-key column is a counter. */
  readonly isCounterTable: boolean;
  /** Every UDT the columns use, nested ones first (creation order). */
  readonly udts: readonly UdtMetadata[];
  /** The columns the library writes itself and the default TTL of writes; absent when there are none. */
  readonly managed?: ManagedColumns;
  /** The query tables kept in step with this table (absent when it has none, and on a query table itself). */
  readonly queryTables?: readonly QueryTableMetadata<T>[];
}

/** What `@Version`, `@CreatedAt`, `@UpdatedAt` and `@Table({ ttl })` declared, resolved. */
export interface ManagedColumns {
  /** The optimistic-locking column (int, bigint or timeuuid). */
  readonly version?: ColumnMetadata;
  /** Set on the first write of a row, never overwritten. */
  readonly createdAt?: ColumnMetadata;
  /** Set on every write. */
  readonly updatedAt?: ColumnMetadata;
  /** USING TTL of every write that gives none, in seconds. */
  readonly ttl?: number;
}

/**
 * A query table: the same rows as its base table under another primary key, described as an entity of
 * its own (its table, keys and column subset) so that DDL, sync and the query builders treat it as a table.
 */
export interface QueryTableMetadata<T extends object = object> extends EntityMetadata<T> {
  /** The base table's name, unquoted. */
  readonly baseTable: string;
  /** Properties of its key columns that are regular columns of the base table (read before a write that lacks them). */
  readonly extraKeyProperties: readonly string[];
}
