// Nearest-neighbour reads of a repository: the ANN query `nearest()` sends, and how its rows come back.
import type { ColumnMetadata, EntityMetadata, IndexMetadata } from '../metadata/entity-metadata.js';
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
  /** The entity found. */
  readonly entity: T;
  /** Its similarity to the query vector by the score function (higher is nearer). */
  readonly score: number;
}

/** The output name of the score column (a name no entity column is likely to take). */
export const SCORE_ALIAS = 'cassandra_orm_score';

const SCORE: Readonly<Record<ScoreFunction, (p: string, v: QueryVector) => SimilaritySelector>> = {
  cosine: similarityCosine,
  dot_product: similarityDotProduct,
  euclidean: similarityEuclidean,
};

/** What a nearest() call asks for, checked: how many rows, the column and its index, the score function. */
export interface NearestPlan {
  readonly limit: number;
  readonly candidates: number;
  readonly column: ColumnMetadata;
  readonly index: IndexMetadata;
  /** The similarity function of the score, when scores are asked for. */
  readonly score: ScoreFunction | undefined;
}

/** Checks a nearest() call's options against the entity (limit, candidates, an indexed vector, the score). */
export function nearestPlan(meta: EntityMetadata, property: string, options: NearestOptions<object>): NearestPlan {
  const { limit } = options;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > ANN_MAX_LIMIT) {
    throw QueryBuildError.annRule(meta.table, `nearest() needs a limit between 1 and ${ANN_MAX_LIMIT}, got ${String(limit)}.`);
  }
  const candidates = options.candidates ?? limit;
  if (!Number.isInteger(candidates) || candidates < limit || candidates > ANN_MAX_LIMIT) {
    throw QueryBuildError.annRule(meta.table, `candidates must be a whole number from limit (${limit}) to ${ANN_MAX_LIMIT}, got ${String(candidates)}.`);
  }
  const column = columnOf(meta, property);
  const index = annIndex(meta, column);
  const s = options.score;
  const score: ScoreFunction | undefined = s === undefined || s === false ? undefined : s === true ? (index.similarity!.toLowerCase() as ScoreFunction) : s;
  if (score !== undefined && SCORE[score] === undefined) {
    throw QueryBuildError.annRule(meta.table, `score ${JSON.stringify(s)} is not a similarity function (cosine, dot_product, euclidean).`);
  }
  return { limit, candidates, column, index, score };
}

/** The SELECT `nearest()` sends, and how many of its rows to keep. */
export function nearestQuery<T extends object>(
  base: SelectQuery<T>,
  meta: EntityMetadata<T>,
  property: string,
  vector: QueryVector,
  options: NearestOptions<T>,
): { query: SelectQuery<T, unknown>; keep: number; scored: boolean } {
  const plan = nearestPlan(meta as EntityMetadata, property, options as NearestOptions<object>);
  const refined = options.where === undefined ? base : options.where(base);
  let query: SelectQuery<T, unknown> = refined.orderByAnn(property as never, vector).limit(plan.candidates);
  if (plan.score === undefined) return { query, keep: plan.limit, scored: false };
  const columns = query.node.columns ?? meta.columns;
  query = new SelectQuery<T>(node({ ...query.node, columns })).aggregate({ [SCORE_ALIAS]: SCORE[plan.score](property, vector) } as never);
  return { query, keep: plan.limit, scored: true };
}
