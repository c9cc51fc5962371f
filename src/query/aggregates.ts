// Selectors beyond plain columns: aggregates (COUNT, MIN, MAX, SUM, AVG) and cell metadata (TTL, WRITETIME).
import type { Props, Value } from './entity-types.js';

/** A function in a SELECT list. */
export interface Selector<P extends string = string> {
  readonly fn: 'count' | 'min' | 'max' | 'sum' | 'avg' | 'ttl' | 'writetime' | 'toTimestamp' | SimilarityFn;
  /** Property the function reads; absent for `COUNT(*)`. */
  readonly property?: P;
  /** The vector a similarity function compares the property with (bound as a parameter). */
  readonly vector?: unknown;
}

/** Cassandra's vector similarity functions, as selector names. */
export type SimilarityFn = 'similarity_cosine' | 'similarity_dot_product' | 'similarity_euclidean';

/** A similarity selector: `similarity_cosine(col, ?)`, a float in [0, 1] (1 = most similar). */
export type SimilaritySelector<P extends string = string> = Selector<P> & { fn: SimilarityFn; property: P; vector: unknown };

function similarity<P extends string>(fn: SimilarityFn, property: P, vector: ArrayLike<number>): SimilaritySelector<P> {
  return Object.freeze({ fn, property, vector });
}

/** `similarity_cosine(col, ?)`: (1 + cos θ) / 2 between the column's vector and `vector`. */
export function similarityCosine<P extends string>(property: P, vector: ArrayLike<number>): SimilaritySelector<P> {
  return similarity('similarity_cosine', property, vector);
}
/** `similarity_dot_product(col, ?)`: (1 + a·b) / 2 (meaningful for unit-length vectors). */
export function similarityDotProduct<P extends string>(property: P, vector: ArrayLike<number>): SimilaritySelector<P> {
  return similarity('similarity_dot_product', property, vector);
}
/** `similarity_euclidean(col, ?)`: 1 / (1 + d²), d the euclidean distance. */
export function similarityEuclidean<P extends string>(property: P, vector: ArrayLike<number>): SimilaritySelector<P> {
  return similarity('similarity_euclidean', property, vector);
}

/** `COUNT(*)`, or `COUNT(col)` when given a property. */
export function count<P extends string>(property?: P): Selector<P> & { fn: 'count' } {
  return Object.freeze(property === undefined ? { fn: 'count' as const } : { fn: 'count' as const, property });
}
/** `MIN(col)`. */
export function min<P extends string>(property: P): Selector<P> & { fn: 'min'; property: P } {
  return Object.freeze({ fn: 'min' as const, property });
}
/** `MAX(col)`. */
export function max<P extends string>(property: P): Selector<P> & { fn: 'max'; property: P } {
  return Object.freeze({ fn: 'max' as const, property });
}
/** `SUM(col)`. */
export function sum<P extends string>(property: P): Selector<P> & { fn: 'sum'; property: P } {
  return Object.freeze({ fn: 'sum' as const, property });
}
/** `AVG(col)`. */
export function avg<P extends string>(property: P): Selector<P> & { fn: 'avg'; property: P } {
  return Object.freeze({ fn: 'avg' as const, property });
}
/** `TTL(col)`: seconds left, or null when the cell has no TTL. */
export function ttl<P extends string>(property: P): Selector<P> & { fn: 'ttl'; property: P } {
  return Object.freeze({ fn: 'ttl' as const, property });
}
/** `WRITETIME(col)`: the cell's write timestamp in microseconds. */
export function writetime<P extends string>(property: P): Selector<P> & { fn: 'writetime'; property: P } {
  return Object.freeze({ fn: 'writetime' as const, property });
}

/** `toTimestamp(col)` of a timeuuid (or date) column: the moment it holds, as a `Date`. */
export function toTimestamp<P extends string>(property: P): Selector<P> & { fn: 'toTimestamp'; property: P } {
  return Object.freeze({ fn: 'toTimestamp' as const, property });
}

/** The TypeScript type a selector returns for entity T. */
export type SelectorResult<T, S> = S extends { fn: 'count' }
  ? bigint
  : S extends { fn: SimilarityFn }
    ? number
  : S extends { fn: 'ttl' }
    ? number | null
    : S extends { fn: 'writetime' }
      ? bigint | null
      : S extends { fn: 'toTimestamp' }
        ? Date | null
      : S extends { property: infer P }
        ? P extends Props<T>
          ? Value<T, P> | null
          : never
        : never;

/** The row type of `.aggregate(spec)`. */
export type AggregateRow<T, A> = { -readonly [K in keyof A]: SelectorResult<T, A[K]> };
