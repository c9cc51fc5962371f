// Nearest-neighbour reads of a repository: the ANN query `nearest()` sends, and how its rows come back.
import type { EntityMetadata } from '../metadata/entity-metadata.js';
import { QueryBuildError } from '../errors.js';
import { SelectQuery } from '../query/select-query.js';
import { node } from '../query/nodes.js';
import { ANN_MAX_LIMIT, annIndex } from '../query/ann-rules.js';
import { similarityCosine, similarityDotProduct, similarityEuclidean, type SimilaritySelector } from '../query/aggregates.js';
import type { QueryVector } from '../query/entity-types.js';
import { columnOf } from '../query/params.js';
import type { QueryOptions } from './options.js';

/** A similarity function by the name `nearest({ score })` takes. */
export type ScoreFunction = 'cosine' | 'dot_product' | 'euclidean';

/** Options of `repository.nearest()`. */
export interface NearestOptions<T extends object> extends QueryOptions {
  /** How many neighbours to return (1 to 1000). */
  readonly limit: number;
  /** Restrictions to combine with the search: a partition key (=), SAI-indexed columns. */
  readonly where?: (q: SelectQuery<T>) => SelectQuery<T>;
  /** Return `{ entity, score }` pairs: `true` scores with the index's similarity function, or name one. */
  readonly score?: boolean | ScoreFunction;
  /**
   * Rows asked of Cassandra (its ANN LIMIT), of which the first `limit` are returned; more candidates
   * raise recall for some latency. Default: `limit` (no over-fetch); at most 1000.
   */
  readonly candidates?: number;
}

/** A neighbour with its similarity score (Cassandra's `similarity_*` value: higher is nearer). */
export interface Scored<T> {
  readonly entity: T;
  readonly score: number;
}

/** The output name of the score column (a name no entity column is likely to take). */
export const SCORE_ALIAS = 'cassandra_orm_score';

const SCORE: Readonly<Record<ScoreFunction, (p: string, v: QueryVector) => SimilaritySelector>> = {
  cosine: similarityCosine,
  dot_product: similarityDotProduct,
  euclidean: similarityEuclidean,
};

/** The SELECT `nearest()` sends, and how many of its rows to keep. */
export function nearestQuery<T extends object>(
  base: SelectQuery<T>,
  meta: EntityMetadata<T>,
  property: string,
  vector: QueryVector,
  options: NearestOptions<T>,
): { query: SelectQuery<T, unknown>; keep: number; scored: boolean } {
  const { limit } = options;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > ANN_MAX_LIMIT) {
    throw QueryBuildError.annRule(meta.table, `nearest() needs a limit between 1 and ${ANN_MAX_LIMIT}, got ${String(limit)}.`);
  }
  const candidates = options.candidates ?? limit;
  if (!Number.isInteger(candidates) || candidates < limit || candidates > ANN_MAX_LIMIT) {
    throw QueryBuildError.annRule(meta.table, `candidates must be a whole number from limit (${limit}) to ${ANN_MAX_LIMIT}, got ${String(candidates)}.`);
  }
  const column = columnOf(meta as EntityMetadata, property);
  const index = annIndex(meta as EntityMetadata, column);
  const refined = options.where === undefined ? base : options.where(base);
  let query: SelectQuery<T, unknown> = refined.orderByAnn(property as never, vector).limit(candidates);
  const score = options.score;
  if (score === undefined || score === false) return { query, keep: limit, scored: false };
  const fn: ScoreFunction = score === true ? (index.similarity!.toLowerCase() as ScoreFunction) : score;
  const make = SCORE[fn];
  if (make === undefined) throw QueryBuildError.annRule(meta.table, `score ${JSON.stringify(score)} is not a similarity function (cosine, dot_product, euclidean).`);
  const columns = query.node.columns ?? meta.columns;
  query = new SelectQuery<T>(node({ ...query.node, columns })).aggregate({ [SCORE_ALIAS]: make(property, vector) } as never);
  return { query, keep: limit, scored: true };
}
