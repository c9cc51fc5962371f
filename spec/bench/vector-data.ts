// The rows and query vectors of the vector workload, and the check of one ANN answer: seeded,
// clustered vectors (the generator `npm run bench:vector` uses), the exact top 10 of every query
// computed here by brute force, and what an answer must satisfy to count as the work done.
import { clustered, cosine, exactTopK, seeded } from '../support/vectors.js';

/** Elements of the `items.embedding` vector. */
export const VECTOR_DIMENSIONS = 64;
/** Rows each ANN query asks for (its LIMIT). */
export const NEAREST_LIMIT = 10;
/** Distinct query vectors, used in turn; `--replay` records one answer each. */
export const VECTOR_QUERIES = 50;
/**
 * Of an answer's rows, at least this many must be among the exact nearest ones: the index is
 * approximate, so a few may differ (in trial runs at 300 and 2,000 rows every answer passed), but
 * a contender whose query ignored the vector would find almost none.
 */
export const MIN_EXACT_HITS = 7;

const SEED = 20251204;
/** Rows per centre of the clusters: each query's neighbours lie in its own cluster. */
const ROWS_PER_CENTRE = 100;

/** The seeded rows (`data[id]` is row id's vector), the query vectors, and each query's exact nearest ids. */
export interface VectorSet {
  readonly data: readonly (readonly number[])[];
  readonly queries: readonly (readonly number[])[];
  /** Per query, the ids of its NEAREST_LIMIT most similar rows by cosine similarity, most similar first. */
  readonly exact: readonly (readonly number[])[];
}

const sets = new Map<number, VectorSet>();

/** The vector set of `rows` rows (built once per size: the seeding and every workload read the same one). */
export function vectorSet(rows: number): VectorSet {
  let set = sets.get(rows);
  if (set === undefined) sets.set(rows, (set = buildSet(rows)));
  return set;
}

function buildSet(rows: number): VectorSet {
  if (!Number.isInteger(rows) || rows < NEAREST_LIMIT) throw new Error(`the vector workload needs at least ${NEAREST_LIMIT} rows, got ${rows}`);
  const point = clustered(seeded(SEED), VECTOR_DIMENSIONS, Math.max(1, Math.round(rows / ROWS_PER_CENTRE)));
  const data = Array.from({ length: rows }, () => point());
  const queries = Array.from({ length: VECTOR_QUERIES }, () => point());
  return { data, queries, exact: queries.map((q) => exactNearest(data, q, NEAREST_LIMIT)) };
}

/** The ids of the `k` rows most similar to `q` by cosine similarity, most similar first. */
export function exactNearest(data: readonly (readonly number[])[], q: readonly number[], k: number): number[] {
  return exactTopK(data, [q], k)[0]!;
}

/** A vector as the libraries hand it out: a number[] or Float32Array, or the driver's `types.Vector` (iterable). */
function elementsOf(value: unknown): readonly number[] | undefined {
  if (Array.isArray(value)) return value as number[];
  if (value instanceof Float32Array) return Array.from(value);
  if (value !== null && typeof value === 'object' && Symbol.iterator in value) return Array.from(value as Iterable<number>);
  return undefined;
}

// Cosine similarity as the node computes it in float32 may differ from ours in the last bits: two
// neighbours this close may come back in either order.
const TIE = 1e-6;

/**
 * Why `rows` is not a right answer to query `q` of `set` (undefined when it is): NEAREST_LIMIT rows,
 * of distinct seeded ids, each holding its seeded vector (materialised, not dropped), in order of
 * falling similarity to the query, and at least MIN_EXACT_HITS of them among the exact nearest.
 */
export function nearestMismatch(set: VectorSet, q: number, rows: readonly object[]): string | undefined {
  if (rows.length !== NEAREST_LIMIT) return `expected ${NEAREST_LIMIT} rows, got ${rows.length}`;
  const query = set.queries[q];
  const exact = set.exact[q];
  if (query === undefined || exact === undefined) return `no query vector ${q}`;
  const seen = new Set<number>();
  let previous = Infinity;
  for (const [i, row] of rows.entries()) {
    const { id, embedding } = row as { id?: unknown; embedding?: unknown };
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= set.data.length) return `row ${i} has id ${String(id)}, not a seeded one`;
    if (seen.has(id)) return `id ${id} came back twice`;
    seen.add(id);
    const got = elementsOf(embedding);
    const want = set.data[id]!;
    if (got === undefined || got.length !== want.length || got.some((x, k) => x !== want[k])) return `row ${id} does not hold its seeded vector`;
    const s = cosine(want, query);
    if (s > previous + TIE) return `row ${i} (id ${id}) is more similar to the query than the row before it: not in ANN order`;
    previous = s;
  }
  const hits = exact.filter((id) => seen.has(id)).length;
  if (hits < MIN_EXACT_HITS) return `only ${hits} of the ${NEAREST_LIMIT} rows are among the exact nearest (${MIN_EXACT_HITS} needed)`;
  return undefined;
}
