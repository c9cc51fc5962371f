// Cassandra 5.0's rules for approximate-nearest-neighbour queries (`ORDER BY col ANN OF ? LIMIT ?`),
// each checked before sending; the messages name the rule and the fix. Probed on Cassandra 5.0.9.
import type { ColumnMetadata, EntityMetadata, IndexMetadata } from '../metadata/entity-metadata.js';
import { QueryBuildError } from '../errors.js';
import { isFloatVector } from '../metadata/sai-options.js';
import type { ColumnRestriction, SelectNode } from './nodes.js';

/** The largest LIMIT Cassandra 5.0 accepts on an ANN query. */
export const ANN_MAX_LIMIT = 1000;

const AGGREGATES: ReadonlySet<string> = new Set(['count', 'min', 'max', 'sum', 'avg']);

/** The SAI vector index on `column`, or undefined. */
export function vectorIndexOf(meta: EntityMetadata, column: ColumnMetadata): IndexMetadata | undefined {
  return meta.indexes.find((i) => i.column === column.name && i.using === 'sai' && i.target === 'value' && column.type.kind === 'vector');
}

/** The vector index an ANN ordering on `column` uses; a QueryBuildError when there is none. */
export function annIndex(meta: EntityMetadata, column: ColumnMetadata): IndexMetadata {
  if (column.type.kind !== 'vector') {
    throw QueryBuildError.annRule(meta.table, `${column.name} is not a vector column; ANN OF orders by a vector<float, n> column.`);
  }
  const index = vectorIndexOf(meta, column);
  if (index === undefined) {
    throw QueryBuildError.annRule(meta.table, `${column.name} has no SAI vector index, which Cassandra needs for ORDER BY ... ANN OF; declare @VectorIndex() on ${column.property} (and sync).`);
  }
  return index;
}

/**
 * Refuses query vectors the node cannot rank by: a non-finite element (NaN fails the read on the
 * server), and an all-zero vector under cosine similarity (undefined; the server fails the read).
 * Shape and element type are the vector encoder's checks, applied when the statement is bound.
 */
export function checkQueryVector(meta: EntityMetadata, column: ColumnMetadata, vector: unknown, cosine: boolean, what: string): void {
  if (vector === null || vector === undefined) throw QueryBuildError.annRule(meta.table, `${what} on ${column.name} needs a vector, got ${String(vector)}.`);
  const elements = Array.isArray(vector) || vector instanceof Float32Array || vector instanceof Float64Array ? (vector as ArrayLike<unknown>) : undefined;
  if (elements === undefined) return;
  let zero = true;
  for (let i = 0; i < elements.length; i++) {
    const x = elements[i];
    if (typeof x !== 'number') return;
    if (!Number.isFinite(x)) throw QueryBuildError.annRule(meta.table, `${what} on ${column.name}: element [${i}] is ${x}; every element must be a finite number.`);
    if (x !== 0) zero = false;
  }
  if (zero && cosine && elements.length > 0) {
    throw QueryBuildError.annRule(meta.table, `${what} on ${column.name}: cosine similarity is undefined for an all-zero vector, which Cassandra refuses.`);
  }
}

/** Refuses a similarity selector on a column the similarity functions do not take. */
export function checkSimilarityColumn(meta: EntityMetadata, column: ColumnMetadata, fn: string): void {
  if (!isFloatVector(column.type)) throw QueryBuildError.invalid(meta.table, `${fn}() needs a vector<float, n> column; ${column.name} is not one.`);
}

function saiIndexed(meta: EntityMetadata, r: ColumnRestriction): boolean {
  return meta.indexes.some((i) => {
    if (i.column !== r.column.name || i.using !== 'sai') return false;
    if (r.op === 'containsKey') return i.target === 'keys';
    if (r.op === 'contains') return i.target === 'values';
    return i.target === 'value' || i.target === 'full';
  });
}

/** Checks the shape of an ANN SELECT (limit, clauses, restrictions) against Cassandra 5.0's rules. */
export function checkAnnQuery(meta: EntityMetadata, n: SelectNode): void {
  const table = meta.table;
  const ann = n.ann!;
  if (n.limit === undefined) {
    throw QueryBuildError.annRule(table, `ORDER BY ${ann.column.name} ANN OF needs a LIMIT (at most ${ANN_MAX_LIMIT}), which Cassandra requires; call .limit(n).`);
  }
  if (n.limit > ANN_MAX_LIMIT) throw QueryBuildError.annRule(table, `LIMIT ${n.limit} is above ${ANN_MAX_LIMIT}, the most Cassandra allows with ANN OF.`);
  if (n.perPartitionLimit !== undefined) throw QueryBuildError.annRule(table, 'PER PARTITION LIMIT is not supported with ANN OF.');
  if (n.groupBy.length > 0) throw QueryBuildError.annRule(table, 'GROUP BY is not supported with ANN OF.');
  if (n.distinct) throw QueryBuildError.annRule(table, 'SELECT DISTINCT is not supported with ANN OF.');
  if (n.orderBy.length > 0) throw QueryBuildError.annRule(table, 'ANN OF cannot be combined with another ORDER BY.');
  const aggregate = n.selectors.find((s) => AGGREGATES.has(s.selector.fn));
  if (aggregate !== undefined) throw QueryBuildError.annRule(table, `aggregates (${aggregate.selector.fn.toUpperCase()}) are not supported with ANN OF.`);
  const columns = n.where.filter((r): r is ColumnRestriction => r.kind === 'column');
  const partitionEq = meta.partitionKeys.filter((c) => columns.some((r) => r.column.name === c.name && r.op === '='));
  const fullPartition = partitionEq.length === meta.partitionKeys.length;
  for (const r of columns) {
    const c = r.column;
    if (c.kind === 'partition') {
      if (r.op === 'in') throw QueryBuildError.annRule(table, `IN on partition key column ${c.name} is not supported with ANN OF; restrict it with = (one query per partition).`);
      if (r.op !== '=') throw QueryBuildError.partitionKeyRange(table, c.name);
      if (!fullPartition && !saiIndexed(meta, r)) {
        throw QueryBuildError.annRule(table, `with ANN OF, the partition key must be restricted in full (missing ${meta.partitionKeys.filter((k) => !partitionEq.includes(k)).map((k) => k.name).join(', ')}), or ${c.name} needs an SAI index.`);
      }
      continue;
    }
    if (c.kind === 'clustering' && fullPartition) continue;
    if (r.op === 'like') throw QueryBuildError.annRule(table, `LIKE on ${c.name} is not supported by SAI in Cassandra 5.0.`);
    if (!saiIndexed(meta, r)) {
      const needs = r.op === 'containsKey' ? `an SAI index on keys(${c.name})` : r.op === 'contains' ? `an SAI index on values(${c.name})` : `an SAI index on ${c.name}`;
      const key = c.kind === 'clustering' ? ' (or restrict the whole partition key with =)' : '';
      throw QueryBuildError.annRule(table, `every column restricted with ANN OF must be SAI-indexed; ${c.name} ${r.op} needs ${needs}${key}. ALLOW FILTERING does not lift this rule.`);
    }
    if (r.op === 'in') {
      // Refused without ALLOW FILTERING; with it, the node filters the nearest rows it found instead of
      // searching the matching ones, and returns fewer rows than LIMIT even when enough rows match.
      throw QueryBuildError.annRule(table, `IN on SAI-indexed column ${c.name} is not supported with ANN OF: Cassandra 5.0 applies it after the search, so rows are missing; run one query per value.`);
    }
  }
}
