// The nodes queries are made of. Builders only ever create new nodes; compile() reads them.
import type { ColumnMetadata, CqlType, EntityMetadata, UdtFieldMetadata } from '../metadata/entity-metadata.js';
import type { WhereOperator } from './entity-types.js';
import type { Selector } from './aggregates.js';

/** A restriction on one column: `col op ?`. */
export interface ColumnRestriction {
  readonly kind: 'column';
  readonly column: ColumnMetadata;
  readonly op: WhereOperator;
  readonly value: unknown;
}

/** A restriction on the partition token: `token(pk...) op token(?...)` or `token(pk...) op ?`. */
export interface TokenRestriction {
  readonly kind: 'token';
  readonly op: '=' | '<' | '<=' | '>' | '>=';
  /** Partition key values (compiled to `token(?, ?)`), or a raw token value. */
  readonly value: readonly unknown[] | bigint;
}

export type Restriction = ColumnRestriction | TokenRestriction;

/** The operators of lightweight-transaction conditions. */
export type ConditionOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'contains' | 'containsKey';

/** A condition of a lightweight transaction: `IF col op ?`, `IF col[?] op ?` or `IF col.field op ?`. */
export interface Condition {
  readonly column: ColumnMetadata;
  readonly op: ConditionOp;
  readonly value: unknown;
  /** The map key or list index of an element condition. */
  readonly element?: unknown;
  /** The UDT field of a field condition. */
  readonly field?: UdtFieldMetadata;
}

/** A bound parameter together with the CQL type it is bound as (the mapping layer encodes it). */
export interface Param {
  readonly value: unknown;
  readonly type: CqlType | undefined;
}

/** Where a statement lives: the entity and an optional keyspace override. */
export interface Target<T extends object = object> {
  readonly meta: EntityMetadata<T>;
  /** Keyspace to qualify the table with; `undefined` = the connection's keyspace. */
  readonly keyspace: string | undefined;
}

// Nodes are immutable by construction, not frozen at run time: every builder method makes new nodes
// (sharing the parts it did not change), nothing in the library writes to a node, and the types are
// `readonly`. Freezing them would be paid on every write (docs/performance.md has the measurement);
// compiled queries, metadata and cached statements, which are made once and shared, stay frozen.

/** A node (typed read-only; see above). */
export function node<N extends object>(value: N): Readonly<N> {
  return value;
}

/** A new list: `list` followed by `item` (the original is left as it is). */
export function append<E>(list: readonly E[], item: E): readonly E[] {
  return [...list, item];
}

/** One function in the SELECT list, with its output name. */
export interface SelectorNode {
  readonly alias: string;
  readonly selector: Selector;
  readonly column: ColumnMetadata | undefined;
}

/** The frozen description of a SELECT. */
export interface SelectNode {
  readonly target: Target;
  /** Selected columns; `undefined` = every column. */
  readonly columns: readonly ColumnMetadata[] | undefined;
  readonly selectors: readonly SelectorNode[];
  readonly distinct: boolean;
  readonly where: readonly Restriction[];
  readonly orderBy: readonly { readonly column: ColumnMetadata; readonly direction: 'ASC' | 'DESC' }[];
  readonly groupBy: readonly ColumnMetadata[];
  readonly limit: number | undefined;
  readonly perPartitionLimit: number | undefined;
  readonly allowFiltering: boolean;
  /** `ORDER BY col ANN OF ?`: approximate nearest neighbours of `vector` by the column's vector index. */
  readonly ann?: AnnOrdering | undefined;
}

/** The ANN ordering of a SELECT. */
export interface AnnOrdering {
  readonly column: ColumnMetadata;
  readonly vector: unknown;
}

