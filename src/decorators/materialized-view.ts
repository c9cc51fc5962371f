// @MaterializedView: a view over the decorated entity's table, declared with property names.
import { appendRecord, KEYS, type ViewRecord } from '../metadata/metadata-store.js';
import type { ClassRecorder } from './property-key.js';

/** Options of @MaterializedView; pass the entity as `T` to have property names type-checked. */
export interface ViewSpec<T = Record<string, unknown>> {
  /** View name. */
  readonly name: string;
  /** Properties forming the view's partition key, in order. */
  readonly partitionKeys: readonly (keyof T & string)[];
  /** Clustering properties in order, optionally with an order (default ASC). */
  readonly clusteringKeys?: readonly ((keyof T & string) | { readonly property: (keyof T & string); readonly order?: 'ASC' | 'DESC' })[];
  /** Properties selected; default: every non-static column (key columns are always included). */
  readonly columns?: readonly (keyof T & string)[];
  /** View properties (`comment`, `gcGraceSeconds`, ...). */
  readonly options?: Readonly<Record<string, unknown>>;
}

/** Declares a materialized view of this entity: `@MaterializedView({ name: 'events_by_kind', partitionKeys: ['kind'], clusteringKeys: ['userId', 'day', 'at'] })`. */
export function MaterializedView<T = Record<string, unknown>>(spec: ViewSpec<T>): ClassRecorder {
  return (target) =>
    appendRecord<ViewRecord>(KEYS.views, target, {
      name: spec.name,
      partitionKeys: spec.partitionKeys,
      clusteringKeys: spec.clusteringKeys ?? [],
      columns: spec.columns,
      options: spec.options,
    });
}
