// Type-level facts about an entity class: its mapped properties, its keys (when declared), and
// which operators and collection operations each property's TypeScript type allows.
import type { TimeuuidBound } from './timeuuid.js';

/**
 * Declares an entity's primary key to the type checker: `declare readonly [KeyShape]?: { partition: ['id']; clustering: ['at'] }`,
 * and optionally its query tables' keys: `queryTables: { events_by_kind: { partition: ['kind']; clustering: ['id', 'at'] } }`.
 */
export const KeyShape: unique symbol = Symbol.for('cassandra-orm.key-shape');

/** The declared key shape of T (`{ partition, clustering }`), or `unknown` when T declares none. */
export type KeyShapeOf<T> = T extends { readonly [KeyShape]?: infer S } ? NonNullable<S> : unknown;

/** Any function (methods are not columns). */
export type AnyFn = (...args: never[]) => unknown;

/** Data properties of an entity (string keys that are not methods). */
export type Props<T> = {
  [K in keyof T]-?: K extends string ? (NonNullable<T[K]> extends AnyFn ? never : K) : never;
}[keyof T];

/** The element types of a tuple or array type. */
export type Elements<L> = L extends readonly (infer E)[] ? E : never;

/** Partition key properties (all properties when T declares no key shape). */
export type PartitionProps<T> =
  KeyShapeOf<T> extends { readonly partition: infer P } ? Elements<P> & Props<T> : Props<T>;

/** Clustering key properties (all properties when T declares no key shape). */
export type ClusteringProps<T> =
  KeyShapeOf<T> extends { readonly clustering: infer C } ? Elements<C> & Props<T> : Props<T>;

/** True when T declares its key shape. */
export type HasKeyShape<T> = KeyShapeOf<T> extends { readonly partition: unknown } ? true : false;

/** The value of T[K] without null/undefined. */
export type Value<T, K extends keyof T> = NonNullable<T[K]>;

/** Values of the partition key: every partition key property, required. */
export type PartitionKey<T> =
  HasKeyShape<T> extends true ? { readonly [K in PartitionProps<T>]: Value<T, K> } : { readonly [K in Props<T>]?: Value<T, K> };

/** Values of the full primary key: every partition and clustering property, required. */
export type PrimaryKey<T> =
  HasKeyShape<T> extends true
    ? { readonly [K in PartitionProps<T> | ClusteringProps<T>]: Value<T, K> }
    : { readonly [K in Props<T>]?: Value<T, K> };

/**
 * The partition key values of the query tables T declares in its key shape
 * (`queryTables: { users_by_email: { partition: ['email']; clustering: ['id'] } }`); `never` when it declares none.
 */
export type QueryTablePartitionKey<T> =
  KeyShapeOf<T> extends { readonly queryTables: infer Q }
    ? { [N in keyof Q]: Q[N] extends { readonly partition: infer P } ? { readonly [K in Elements<P> & Props<T>]: Value<T, K> } : never }[keyof Q]
    : never;

/** The primary key values (partition and clustering) of the query tables T declares in its key shape; `never` when it declares none. */
export type QueryTablePrimaryKey<T> =
  KeyShapeOf<T> extends { readonly queryTables: infer Q }
    ? {
        [N in keyof Q]: Q[N] extends { readonly partition: infer P }
          ? { readonly [K in (Elements<P> | (Q[N] extends { readonly clustering: infer C } ? Elements<C> : never)) & Props<T>]: Value<T, K> }
          : never;
      }[keyof Q]
    : never;

/** Properties whose type is a list (array). */
export type ListProps<T> = { [K in Props<T>]: Value<T, K> extends readonly unknown[] ? K : never }[Props<T>];
/** Properties whose type is a Set. */
export type SetProps<T> = { [K in Props<T>]: Value<T, K> extends ReadonlySet<unknown> ? K : never }[Props<T>];
/** Properties whose type is a Map. */
export type MapProps<T> = { [K in Props<T>]: Value<T, K> extends ReadonlyMap<unknown, unknown> ? K : never }[Props<T>];
/** Properties that can be counters (typed `bigint`). */
export type CounterProps<T> = { [K in Props<T>]: Value<T, K> extends bigint ? K : never }[Props<T>];
/** Properties typed `string` (LIKE applies). */
export type StringProps<T> = { [K in Props<T>]: Value<T, K> extends string ? K : never }[Props<T>];
/** Properties typed as a vector of numbers (`number[]` or a `Float32Array`). */
export type VectorProps<T> = { [K in Props<T>]: Value<T, K> extends readonly number[] | Float32Array ? K : never }[Props<T>];
/**
 * Properties an ANN query may order by: those the key shape lists as `vectors` when it does
 * (`declare readonly [KeyShape]?: { partition: ['id']; vectors: ['embedding'] }`), else every vector property.
 */
export type AnnProps<T> = KeyShapeOf<T> extends { readonly vectors: infer V } ? Elements<V> & Props<T> : VectorProps<T>;
/** A query vector: numbers, as an array or a `Float32Array`. */
export type QueryVector = readonly number[] | Float32Array;

/** Non-key properties (when T declares its keys; otherwise all). */
export type RegularProps<T> = HasKeyShape<T> extends true ? Exclude<Props<T>, PartitionProps<T> | ClusteringProps<T>> : Props<T>;

/** Properties whose type is a plain object (a UDT class instance): not a Date, Map, Set, array, Buffer or typed array. */
export type UdtProps<T> = {
  [K in Props<T>]: Value<T, K> extends Date | ReadonlyMap<unknown, unknown> | ReadonlySet<unknown> | readonly unknown[] | ArrayBufferView
    ? never
    : Value<T, K> extends object
      ? K
      : never;
}[Props<T>];
/** Field names (properties) of a UDT value. */
export type FieldOf<V> = Props<V>;

/** Element type of a list or set property; key type of a map property. */
export type ElementOf<V> =
  V extends readonly (infer E)[] ? E : V extends ReadonlySet<infer E> ? E : V extends ReadonlyMap<infer MK, unknown> ? MK : never;
/** Value type of a map property. */
export type MapValueOf<V> = V extends ReadonlyMap<unknown, infer MV> ? MV : never;

/** Comparison operators of a WHERE clause. */
export type ComparisonOperator = '=' | '<' | '<=' | '>' | '>=';
/** Every WHERE operator. */
export type WhereOperator = ComparisonOperator | 'in' | 'contains' | 'containsKey' | 'like';

/** The value types of CQL collections: arrays (lists), sets and maps. */
export type Collection = readonly unknown[] | ReadonlySet<unknown> | ReadonlyMap<unknown, unknown>;

/** Operators allowed on property K of T, from its type and key role. */
export type OperatorFor<T, K extends Props<T>> =
  | '='
  | 'in'
  | (HasKeyShape<T> extends true ? (K extends PartitionProps<T> ? never : '<' | '<=' | '>' | '>=') : '<' | '<=' | '>' | '>=')
  | (Value<T, K> extends Collection ? 'contains' : never)
  | (Value<T, K> extends ReadonlyMap<unknown, unknown> ? 'containsKey' : never)
  | (Value<T, K> extends string ? 'like' : never);

/** The operand type of `prop op operand`. */
export type OperandFor<T, K extends Props<T>, O extends WhereOperator> = O extends 'in'
  ? readonly Value<T, K>[]
  : O extends 'contains'
    ? Value<T, K> extends ReadonlyMap<unknown, infer MV> ? MV : ElementOf<Value<T, K>>
    : O extends 'containsKey'
      ? ElementOf<Value<T, K>>
      : O extends 'like'
        ? string
        : Value<T, K> | (Value<T, K> extends string ? TimeuuidBound : never);
