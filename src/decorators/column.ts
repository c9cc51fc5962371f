// @Column, @PartitionKey, @ClusteringKey: each records one column fact for one property.
import { KEYS, type ColumnRecord } from '../metadata/metadata-store.js';
import type { TypeInput } from '../metadata/type-input.js';
import { propertyRecorder, type PropertyRecorder } from './property-key.js';

/** Options every column decorator takes. */
export interface ColumnSpec {
  /** CQL column name; default: the property name through the entity's naming strategy. */
  readonly name?: string;
  /** CQL type (`'int'`, `'map<text, int>'`, `'counter'`, `() => Address`, `cql.list(() => Tag)`); inferred only for string, boolean, Date. */
  readonly type?: TypeInput;
  /** `true` wraps the type in frozen<...>; `false` keeps a UDT column unfrozen (default: UDTs frozen). */
  readonly frozen?: boolean;
}

/** Options of @Column. */
export interface RegularColumnSpec extends ColumnSpec {
  /** A static column: one value per partition (needs a clustering key). */
  readonly static?: boolean;
  /** Its values are never shown in query events, even with `observe.includeValues` (passwords, tokens). */
  readonly secret?: boolean;
  /**
   * The most elements a list, set or map column is meant to hold: a documented bound, which
   * `cassandra-orm lint` accepts as the answer to "a collection used like a table" (docs/lint.md).
   */
  readonly maxSize?: number;
}

/** Options of @PartitionKey. */
export interface PartitionKeySpec extends ColumnSpec {
  /** 0-based position in a composite partition key; default: declaration order. */
  readonly position?: number;
}

/** Options of @ClusteringKey. */
export interface ClusteringKeySpec extends ColumnSpec {
  /** 0-based position among the clustering keys; default: declaration order. */
  readonly position?: number;
  /** Clustering order; default `'ASC'`. */
  readonly order?: 'ASC' | 'DESC';
}

function record(role: ColumnRecord['role'], spec: object): PropertyRecorder {
  return propertyRecorder<ColumnRecord>(KEYS.columns, (property, designType) => ({ ...spec, property, role, designType }));
}

/** A regular (or static, or counter with `type: 'counter'`) column: `@Column({ type: 'int' })`. */
export function Column(spec: RegularColumnSpec | string = {}): PropertyRecorder {
  return record('column', typeof spec === 'string' ? { type: spec } : spec);
}

/** A partition key column; several make a composite key: `@PartitionKey({ type: 'uuid' })`. */
export function PartitionKey(spec: PartitionKeySpec | string = {}): PropertyRecorder {
  return record('partition', typeof spec === 'string' ? { type: spec } : spec);
}

/** A clustering column: `@ClusteringKey({ type: 'timeuuid', order: 'DESC' })`. */
export function ClusteringKey(spec: ClusteringKeySpec | string = {}): PropertyRecorder {
  return record('clustering', typeof spec === 'string' ? { type: spec } : spec);
}
