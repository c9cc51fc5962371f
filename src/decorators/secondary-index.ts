// @Index: a secondary index on the decorated column (regular, SAI, SASI or custom).
import { KEYS, type IndexRecord } from '../metadata/metadata-store.js';
import { propertyRecorder, type PropertyRecorder } from './property-key.js';

/** Options of @Index. */
export interface IndexSpec {
  /** Index name; default `<table>_<column>_idx` (`<table>_<column>_<target>_idx` for an explicit collection target). */
  readonly name?: string;
  /** Implementation: omitted = regular index, `'sai'`, `'sasi'`, or a custom index class name. */
  readonly using?: 'sai' | 'sasi' | (string & {});
  /** For collections: `'keys'`, `'values'`, `'entries'` (maps), `'full'` (frozen collections). */
  readonly target?: 'value' | 'keys' | 'values' | 'entries' | 'full';
  /** `WITH OPTIONS = {...}` of SAI, SASI and custom indexes. */
  readonly options?: Readonly<Record<string, string>>;
  /** SAI on a `vector<float, n>` column: the similarity ANN queries rank by (`similarity_function`; Cassandra's default `'COSINE'`). */
  readonly similarity?: SimilarityFunction;
  /**
   * SAI on a vector column: `optimize_for` (`'latency'`, Cassandra's default, or `'recall'`): how wide each
   * SSTable's graph is searched for a query's LIMIT (the memtable's search is LIMIT wide either way).
   */
  readonly optimizeFor?: 'latency' | 'recall';
  /** SAI on a text or ascii column (or a collection of them): `case_sensitive` (Cassandra's default true). */
  readonly caseSensitive?: boolean;
  /** SAI on a text or ascii column: `normalize` to Unicode NFC before comparing (default false). */
  readonly normalize?: boolean;
  /** SAI on a text or ascii column: `ascii` folding of accented characters (default false). */
  readonly ascii?: boolean;
}

/** The similarity functions of an SAI vector index. */
export type SimilarityFunction = 'COSINE' | 'DOT_PRODUCT' | 'EUCLIDEAN';

/** Options of @VectorIndex: an SAI index on a `vector<float, n>` column. */
export type VectorIndexSpec = Pick<IndexSpec, 'name' | 'similarity' | 'optimizeFor'>;

/** Indexes the decorated column: `@Index({ using: 'sai' })`; may be repeated (e.g. keys and values of a map). */
export function Index(spec: IndexSpec = {}): PropertyRecorder {
  return propertyRecorder<IndexRecord>(KEYS.indexes, (property) => ({ ...spec, property }));
}

/**
 * An SAI vector index on the decorated `vector<float, n>` column, which ANN queries need:
 * `@VectorIndex({ similarity: 'DOT_PRODUCT' })` is `@Index({ using: 'sai', similarity: 'DOT_PRODUCT' })`.
 */
export function VectorIndex(spec: VectorIndexSpec = {}): PropertyRecorder {
  return propertyRecorder<IndexRecord>(KEYS.indexes, (property) => ({ ...spec, using: 'sai', property }));
}
