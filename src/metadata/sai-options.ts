// SAI index options: the typed ones (vector similarity, text analysis) folded into `WITH OPTIONS`,
// and every SAI option checked against what Cassandra 5.0 accepts before anything reaches the cluster.
import { MetadataError } from '../errors.js';
import type { ColumnMetadata, CqlType, IndexMetadata, IndexTarget } from './entity-metadata.js';
import { classChain, KEYS, ownRecords, type IndexRecord } from './metadata-store.js';
import type { ClassRef } from './type-input.js';

/** The similarity functions of an SAI vector index (Cassandra's default is COSINE). */
export const SIMILARITY_FUNCTIONS = Object.freeze(['COSINE', 'DOT_PRODUCT', 'EUCLIDEAN'] as const);
type Similarity = (typeof SIMILARITY_FUNCTIONS)[number];

const BOOLEAN = ['true', 'false'];
const OPTIMIZE_FOR = ['latency', 'recall'];

/**
 * The options Cassandra 5.0.9's StorageAttachedIndex understands (any other key is refused with
 * "Properties specified [...] are not understood"), which columns each applies to, and the values allowed.
 * `maximum_node_connections` and `construction_beam_width` are accepted only when the node runs with
 * SAI_VECTOR_ALLOW_CUSTOM_PARAMETERS enabled.
 */
const SAI_OPTIONS: Readonly<Record<string, { readonly applies: 'vector' | 'text'; readonly values?: readonly string[] }>> = {
  similarity_function: { applies: 'vector', values: SIMILARITY_FUNCTIONS.map((s) => s.toLowerCase()) },
  optimize_for: { applies: 'vector', values: OPTIMIZE_FOR },
  maximum_node_connections: { applies: 'vector' },
  construction_beam_width: { applies: 'vector' },
  case_sensitive: { applies: 'text', values: BOOLEAN },
  normalize: { applies: 'text', values: BOOLEAN },
  ascii: { applies: 'text', values: BOOLEAN },
};

/** Values of SAI options while they are not set (what the cluster does when system_schema has no entry). */
export const SAI_DEFAULTS: Readonly<Record<string, string>> = Object.freeze({
  similarity_function: 'COSINE',
  optimize_for: 'latency',
  case_sensitive: 'true',
  normalize: 'false',
  ascii: 'false',
});

/** The type of the values an index on `column` with `target` indexes (a collection's elements, keys or values). */
function indexedType(column: ColumnMetadata, target: IndexTarget): CqlType {
  const t = column.type;
  if (target === 'keys' && t.kind === 'map') return t.key;
  if (target === 'values' && (t.kind === 'list' || t.kind === 'set')) return t.element;
  if (target === 'values' && t.kind === 'map') return t.value;
  return t;
}

function isText(t: CqlType): boolean {
  return t.kind === 'native' && (t.name === 'text' || t.name === 'ascii');
}

/** True when the column is a vector an SAI index can serve ANN queries on: `vector<float, n>`. */
export function isFloatVector(t: CqlType): boolean {
  return t.kind === 'vector' && t.element.kind === 'native' && t.element.name === 'float';
}

/**
 * The `WITH OPTIONS` map and similarity of an index: typed options merged into `options` under
 * their CQL names, checked against the column and against the options Cassandra accepts.
 */
export function resolveIndexOptions(
  where: string,
  column: ColumnMetadata,
  target: IndexTarget,
  using: string | undefined,
  r: IndexRecord,
): Pick<IndexMetadata, 'options' | 'similarity'> {
  const typed: Record<string, string> = {};
  if (r.similarity !== undefined) typed['similarity_function'] = r.similarity;
  if (r.optimizeFor !== undefined) typed['optimize_for'] = r.optimizeFor;
  if (r.caseSensitive !== undefined) typed['case_sensitive'] = String(r.caseSensitive);
  if (r.normalize !== undefined) typed['normalize'] = String(r.normalize);
  if (r.ascii !== undefined) typed['ascii'] = String(r.ascii);
  if (Object.keys(typed).length > 0 && using !== 'sai') {
    throw MetadataError.invalidIndex(where, `${Object.keys(typed).join(', ')} ${Object.keys(typed).length === 1 ? 'is an option' : 'are options'} of SAI indexes; add using: 'sai' (or use @VectorIndex)`);
  }
  const options: Record<string, string> = { ...(r.options ?? {}) };
  for (const [k, v] of Object.entries(typed)) {
    const raw = options[k];
    if (raw !== undefined && raw.toLowerCase() !== v.toLowerCase()) {
      throw MetadataError.invalidIndex(where, `option ${k} is given twice, as ${JSON.stringify(raw)} in options and as ${JSON.stringify(v)}; keep one`);
    }
    options[k] = v;
  }
  const vector = column.type.kind === 'vector' && target === 'value';
  if (using !== 'sai') return Object.keys(options).length > 0 ? { options: Object.freeze(options) } : {};
  if (vector && !isFloatVector(column.type)) {
    throw MetadataError.invalidIndex(where, 'Cassandra only allows SAI indexes on vector columns with float elements (vector<float, n>)');
  }
  const values = indexedType(column, target);
  for (const [k, v] of Object.entries(options)) {
    const known = SAI_OPTIONS[k];
    if (known === undefined) {
      throw MetadataError.invalidIndex(where, `SAI does not understand option ${k}; Cassandra 5.0 accepts ${Object.keys(SAI_OPTIONS).join(', ')}`);
    }
    if (known.applies === 'vector' && !vector) throw MetadataError.invalidIndex(where, `option ${k} applies to vector columns only`);
    if (known.applies === 'text' && !isText(values)) {
      throw MetadataError.invalidIndex(where, `option ${k} applies to text and ascii values only`);
    }
    if (known.values !== undefined && !known.values.includes(v.toLowerCase())) {
      throw MetadataError.invalidIndex(where, `option ${k} = ${JSON.stringify(v)} is not one of ${known.values.join(', ')}`);
    }
    if (k === 'similarity_function') options[k] = v.toUpperCase();
  }
  const out: { options?: Readonly<Record<string, string>>; similarity?: Similarity } = {};
  if (Object.keys(options).length > 0) out.options = Object.freeze(options);
  if (vector) out.similarity = (options['similarity_function'] ?? 'COSINE') as Similarity;
  return out;
}

/**
 * The properties of `target` with an SAI index ranking by cosine similarity (declared or Cassandra's
 * default): an all-zero vector has no cosine, and Cassandra 5.0.9 fails a write of one to such a column.
 */
export function cosineIndexed(target: ClassRef): ReadonlySet<string> {
  const out = new Set<string>();
  for (const r of classChain(target).flatMap((c) => ownRecords<IndexRecord>(KEYS.indexes, c))) {
    const using = r.using?.toLowerCase();
    if (using !== 'sai' && using !== 'storageattachedindex') continue;
    if (r.target !== undefined && r.target !== 'value') continue;
    const similarity = (r.similarity ?? r.options?.['similarity_function'] ?? 'COSINE').toUpperCase();
    if (similarity === 'COSINE') out.add(r.property);
  }
  return out;
}
