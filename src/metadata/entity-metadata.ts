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

export type ColumnKind = 'partition' | 'clustering' | 'static' | 'regular';

export interface ColumnMetadata {
  /** Property name on the entity class. */
  readonly property: string;
  /** CQL column name, unquoted (quote it with the identifier function when printing CQL). */
  readonly name: string;
  readonly type: CqlType;
  readonly kind: ColumnKind;
  /** 0-based position among the partition keys or the clustering keys; -1 for other columns. */
  readonly position: number;
  /** Clustering order; only for clustering columns. */
  readonly order?: 'ASC' | 'DESC';
  /** Marked `secret`: its values never appear in query events (see `observe.includeValues`). */
  readonly secret?: true;
}

export interface UdtFieldMetadata {
  readonly property: string;
  readonly name: string;
  readonly type: CqlType;
}

export interface UdtMetadata {
  readonly target: abstract new (...args: never[]) => object;
  /** CQL type name, unquoted. */
  readonly name: string;
  readonly fields: readonly UdtFieldMetadata[];
  readonly byProperty: ReadonlyMap<string, UdtFieldMetadata>;
  readonly byName: ReadonlyMap<string, UdtFieldMetadata>;
}

/** What a secondary index covers: the column's values, a map's keys/values/entries, or a frozen collection whole. */
export type IndexTarget = 'value' | 'keys' | 'values' | 'entries' | 'full';

export interface IndexMetadata {
  /** Index name, unquoted. */
  readonly name: string;
  /** CQL column name, unquoted. */
  readonly column: string;
  readonly target: IndexTarget;
  /** `undefined` = a regular (legacy) secondary index; 'sai', 'sasi', or a custom index class name. */
  readonly using?: string;
  /** Every option of `WITH OPTIONS = {...}`, typed ones (similarity, text analysis) included under their CQL names. */
  readonly options?: Readonly<Record<string, string>>;
  /** For an SAI index on a vector column: its similarity function (Cassandra's default, COSINE, when none is declared). */
  readonly similarity?: 'COSINE' | 'DOT_PRODUCT' | 'EUCLIDEAN';
}

export interface ViewMetadata {
  /** View name, unquoted. */
  readonly name: string;
  /** CQL column names of the view's partition key, in order. */
  readonly partitionKeys: readonly string[];
  readonly clusteringKeys: readonly { readonly name: string; readonly order: 'ASC' | 'DESC' }[];
  /** Selected CQL column names (all key columns are always included). */
  readonly columns: readonly string[];
  readonly options: Readonly<Record<string, unknown>>;
  /** True when the view selects `*` (new base columns join it automatically). */
  readonly includeAllColumns?: boolean;
}

export interface EntityMetadata<T extends object = object> {
  readonly target: abstract new (...args: never[]) => T;
  /** Table name, unquoted. */
  readonly table: string;
  /** Keyspace when the entity names one; otherwise the connection's keyspace applies. */
  readonly keyspace?: string;
  /** Connection alias the entity is bound to; `undefined` = the default connection. */
  readonly connection?: string;
  /** Partition keys in order, then clustering keys in order, then static, then regular columns. */
  readonly columns: readonly ColumnMetadata[];
  readonly partitionKeys: readonly ColumnMetadata[];
  readonly clusteringKeys: readonly ColumnMetadata[];
  readonly byProperty: ReadonlyMap<string, ColumnMetadata>;
  readonly byName: ReadonlyMap<string, ColumnMetadata>;
  /** Table options with CQL names (`default_time_to_live`, `comment`, `compaction`, ...). */
  readonly options: Readonly<Record<string, unknown>>;
  readonly indexes: readonly IndexMetadata[];
  readonly views: readonly ViewMetadata[];
  /** True when every non-key column is a counter. */
  readonly isCounterTable: boolean;
  /** Every UDT the columns use, nested ones first (creation order). */
  readonly udts: readonly UdtMetadata[];
}
