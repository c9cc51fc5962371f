// SELECT: an immutable builder over a frozen node; compile() checks Cassandra's rules and prints CQL.
import type { ColumnMetadata, EntityMetadata } from '../metadata/entity-metadata.js';
import { qualifiedName, quoteIdentifier } from '../metadata/identifier.js';
import { QueryBuildError } from '../errors.js';
import type { AnnProps, ClusteringProps, ComparisonOperator, OperandFor, QueryVector, OperatorFor, PartitionKey, Props, WhereOperator } from './entity-types.js';
import { append, node, type SelectNode } from './nodes.js';
import type { AggregateRow, Selector } from './aggregates.js';
export type { SelectNode, SelectorNode } from './nodes.js';
import { INT, type CompiledQuery } from './compiled-query.js';
import { ParamList, clauseSlot, columnOf, columnSlot } from './params.js';
import { checkReadRestrictions, printWhere, restrictionParams, restrictionShape, restrictionValue, tokenValues } from './where-clause.js';
import { TimeuuidBound } from './timeuuid.js';
import { checkGroupBy, checkOrderBy } from './read-rules.js';
import { cachedShape, rememberShape } from './statement-cache.js';
import { metadataOf, type EntityRef } from '../metadata/resolve-entity.js';
import { ANN_MAX_LIMIT, annIndex, checkAnnQuery, checkQueryVector, checkSimilarityColumn } from './ann-rules.js';

function positiveInt(table: string, what: string, n: number): number {
  if (!Number.isInteger(n) || n <= 0 || n > 2147483647) throw QueryBuildError.invalid(table, `${what} must be a positive integer, got ${n}.`);
  return n;
}

/**
 * A typed SELECT. Immutable: every call returns a new query.
 * @example selectFrom(meta).where('userId', '=', id).orderBy('at', 'DESC').limit(10)
 * // SELECT user_id, at, kind FROM events WHERE user_id = ? ORDER BY at DESC LIMIT ?
 */
export class SelectQuery<T extends object, R = T> {
  /** Row type marker for the type checker; always undefined at run time. */
  declare readonly __row?: R;

  /** @internal Builders are made by selectFrom / insertInto / update / deleteFrom and by their own methods. */
  constructor(
    /** @internal The frozen node this builder compiles. */
    readonly node: SelectNode,
  ) {}

  // compile()'s result, kept on the builder: a WeakMap keyed by node made every query of a request an
  // ephemeron entry for the garbage collector.
  #compiled: CompiledQuery | undefined;

  private with(patch: Partial<SelectNode>): SelectQuery<T, R> {
    return new SelectQuery<T, R>(node({ ...this.node, ...patch }));
  }

  private get meta(): EntityMetadata {
    return this.node.target.meta;
  }

  /** Selects only these properties: `SELECT a, b`. Rows are entity instances with just these set. */
  columns<K extends Props<T>>(...properties: K[]): SelectQuery<T, Pick<T, K>> {
    const columns = Object.freeze(properties.map((p) => columnOf(this.meta, p)));
    return new SelectQuery<T, Pick<T, K>>(node({ ...this.node, columns }));
  }

  /** Restricts a property: `=`, `in`, `<`, `<=`, `>`, `>=`, `contains`, `containsKey`, `like`. */
  where<K extends Props<T>, O extends OperatorFor<T, K>>(property: K, op: O, value: OperandFor<T, K, O>): SelectQuery<T, R> {
    const column = columnOf(this.meta, property);
    return this.with({ where: append(this.node.where, node({ kind: 'column', column, op: op as WhereOperator, value: restrictionValue(this.meta, column, op, value) })) });
  }

  /** Restricts by equality on every property given: `whereKey({ userId, day })`. */
  whereKey(values: Partial<PartitionKey<T>> | Partial<Record<Props<T>, unknown>>): SelectQuery<T, R> {
    let where = this.node.where;
    for (const column of this.meta.columns) {
      const value = (values as Record<string, unknown>)[column.property];
      if (value !== undefined) where = append(where, node({ kind: 'column', column, op: '=', value: restrictionValue(this.meta, column, '=', value) }));
    }
    for (const property of Object.keys(values)) columnOf(this.meta, property);
    return this.with({ where });
  }

  /** Restricts the partition token: `token(pk) > token(?)` for key values, `token(pk) > ?` for a raw bigint token. */
  whereToken(op: ComparisonOperator, value: PartitionKey<T> | bigint): SelectQuery<T, R> {
    const tokenValue =
      typeof value === 'bigint' ? value : tokenValues(this.meta, value as Record<string, unknown>);
    return this.with({ where: append(this.node.where, node({ kind: 'token', op, value: tokenValue })) });
  }

  /** `ORDER BY col ASC|DESC`: clustering columns only, in clustering order. */
  orderBy(property: ClusteringProps<T>, direction: 'ASC' | 'DESC' = 'ASC'): SelectQuery<T, R> {
    const column = columnOf(this.meta, property);
    if (column.kind !== 'clustering') throw QueryBuildError.orderByNonClustering(this.meta.table, column.name);
    return this.with({ orderBy: append(this.node.orderBy, node({ column, direction })) });
  }

  /**
   * `ORDER BY col ANN OF ?`: the rows whose vector is nearest `vector` by the column's SAI vector index
   * (its similarity function), nearest first. Needs `.limit(n)` (n ≤ 1000); see the ANN rules in docs/vector-search.md.
   * @example selectFrom(meta).orderByAnn('embedding', [0.1, 0.2, 0.3]).limit(10)
   * // SELECT id, embedding FROM items ORDER BY embedding ANN OF ? LIMIT ?
   */
  orderByAnn(property: AnnProps<T>, vector: QueryVector): SelectQuery<T, R> {
    const column = columnOf(this.meta, property);
    const index = annIndex(this.meta, column);
    checkQueryVector(this.meta, column, vector, index.similarity === 'COSINE', 'ANN OF');
    return this.with({ ann: node({ column, vector }) });
  }

  /** `LIMIT ?` */
  limit(n: number): SelectQuery<T, R> {
    return this.with({ limit: positiveInt(this.meta.table, 'LIMIT', n) });
  }

  /** `PER PARTITION LIMIT ?` */
  perPartitionLimit(n: number): SelectQuery<T, R> {
    return this.with({ perPartitionLimit: positiveInt(this.meta.table, 'PER PARTITION LIMIT', n) });
  }

  /** `SELECT DISTINCT` over the partition key (and static columns). */
  distinct(): SelectQuery<T, R> {
    return this.with({ distinct: true });
  }

  /** `GROUP BY` a primary-key prefix. */
  groupBy(...properties: Props<T>[]): SelectQuery<T, R> {
    return this.with({ groupBy: Object.freeze(properties.map((p) => columnOf(this.meta, p))) });
  }

  /** Adds aggregates/TTL/WRITETIME: `.aggregate({ n: count(), last: max('at') })`. Rows become plain objects. */
  aggregate<A extends Record<string, Selector<Props<T>>>>(spec: A): SelectQuery<T, (R extends T ? unknown : R) & AggregateRow<T, A>> {
    const selectors = Object.freeze(
      Object.entries(spec).map(([alias, selector]) => {
        const column = selector.property === undefined ? undefined : columnOf(this.meta, selector.property);
        if (column !== undefined && selector.fn.startsWith('similarity_')) {
          checkSimilarityColumn(this.meta, column, selector.fn);
          checkQueryVector(this.meta, column, selector.vector, selector.fn === 'similarity_cosine', `${selector.fn}()`);
        }
        return node({ alias, selector, column });
      }),
    );
    const columns = this.node.columns ?? Object.freeze([]);
    return new SelectQuery(node({ ...this.node, columns, selectors: Object.freeze([...this.node.selectors, ...selectors]) }));
  }

  /** `ALLOW FILTERING`: only when asked for. */
  allowFiltering(): SelectQuery<T, R> {
    return this.with({ allowFiltering: true });
  }

  /** True when rows are entity instances (no aggregates selected). */
  get returnsEntities(): boolean {
    return this.node.selectors.length === 0;
  }

  /** Checks Cassandra's rules and prints the CQL; memoised per query. */
  compile(): CompiledQuery {
    return (this.#compiled ??= compileSelect(this.node));
  }
}

/** A SELECT over an entity's table (its class or metadata); `keyspace` overrides the entity's. */
export function selectFrom<T extends object>(entity: abstract new (...args: never[]) => T, keyspace?: string): SelectQuery<T>;
/** @internal The same over resolved metadata (repositories build their statements from it). */
export function selectFrom<T extends object>(entity: EntityRef<T>, keyspace?: string): SelectQuery<T>;
export function selectFrom<T extends object>(entity: EntityRef<T>, keyspace?: string): SelectQuery<T> {
  const meta = metadataOf(entity);
  return new SelectQuery<T>(
    node({
      target: node({ meta: meta as EntityMetadata, keyspace: keyspace ?? meta.keyspace }),
      columns: undefined,
      selectors: Object.freeze([]),
      distinct: false,
      where: Object.freeze([]),
      orderBy: Object.freeze([]),
      groupBy: Object.freeze([]),
      limit: undefined,
      perPartitionLimit: undefined,
      allowFiltering: false,
    }),
  );
}

const FN_CQL = {
  count: 'COUNT', min: 'MIN', max: 'MAX', sum: 'SUM', avg: 'AVG', ttl: 'TTL', writetime: 'WRITETIME', toTimestamp: 'toTimestamp',
  similarity_cosine: 'similarity_cosine', similarity_dot_product: 'similarity_dot_product', similarity_euclidean: 'similarity_euclidean',
} as const;

/** The columns a SELECT returns (in order), for hydration. */
export function selectedColumns(n: SelectNode): readonly ColumnMetadata[] {
  if (n.columns !== undefined) return n.columns;
  if (n.distinct) return [...n.target.meta.partitionKeys, ...n.target.meta.columns.filter((c) => c.kind === 'static')];
  return n.target.meta.columns;
}

function selectShape(n: SelectNode): string {
  let key = `SELECT|${n.target.keyspace ?? ''}|${n.columns === undefined ? '*' : n.columns.map((c) => c.name).join(',')}|`;
  for (const s of n.selectors) key += `${s.selector.fn}:${s.column?.name ?? '*'}:${s.alias},`;
  key += `|${n.distinct ? 'D' : ''}|`;
  for (const r of n.where) key += r.kind === 'token' ? `token${r.op}${typeof r.value === 'bigint' ? 'raw' : 'keys'},` : `${r.column.name}${r.op}${restrictionShape(r.value)},`;
  key += `|${n.groupBy.map((c) => c.name).join(',')}|${n.orderBy.map((o) => `${o.column.name} ${o.direction}`).join(',')}`;
  if (n.ann !== undefined) key += `|ANN ${n.ann.column.name}`;
  return `${key}|${n.perPartitionLimit !== undefined ? 'P' : ''}${n.limit !== undefined ? 'L' : ''}${n.allowFiltering ? 'F' : ''}`;
}

/** Parameter values of a SELECT in the order its text binds them. */
function selectValues(n: SelectNode): unknown[] {
  const values: unknown[] = [];
  for (const s of n.selectors) if (s.selector.vector !== undefined) values.push(s.selector.vector);
  for (const r of n.where) {
    if (r.kind === 'token') {
      if (typeof r.value === 'bigint') values.push(r.value);
      else values.push(...r.value);
    } else {
      if (r.op === 'in' && !Array.isArray(r.value)) throw QueryBuildError.invalid(n.target.meta.table, `IN on ${r.column.name} needs an array of values.`);
      if (r.value instanceof TimeuuidBound) values.push(...restrictionParams(r.value));
      else values.push(r.value);
    }
  }
  if (n.ann !== undefined) values.push(n.ann.vector);
  if (n.perPartitionLimit !== undefined) values.push(n.perPartitionLimit);
  if (n.limit !== undefined) values.push(n.limit);
  return values;
}

function compileSelect(n: SelectNode): CompiledQuery {
  const meta = n.target.meta;
  const shape = selectShape(n);
  const known = cachedShape(meta, shape);
  // The LIMIT is a bound value, not part of the shape: its ANN bound is checked on every compile.
  if (n.ann !== undefined && n.limit !== undefined && n.limit > ANN_MAX_LIMIT) {
    throw QueryBuildError.annRule(meta.table, `LIMIT ${n.limit} is above ${ANN_MAX_LIMIT}, the most Cassandra allows with ANN OF.`);
  }
  if (known !== undefined) {
    return Object.freeze({ kind: 'select', cql: known.cql, params: selectValues(n), paramTypes: known.paramTypes, paramSlots: known.paramSlots, idempotent: true, lwt: false, counter: false });
  }
  if (n.ann !== undefined) {
    // The ANN rules replace the key-shape rules: any partition may be searched, filters need SAI.
    checkReadRestrictions(meta, n.where, true);
    checkAnnQuery(meta, n);
  } else {
    const facts = checkReadRestrictions(meta, n.where, n.allowFiltering);
    checkOrderBy(meta, n, facts);
    checkGroupBy(meta, n);
  }
  const columns = selectedColumns(n);
  if (n.distinct) {
    const bad = columns.find((c) => c.kind !== 'partition' && c.kind !== 'static');
    if (bad !== undefined) throw QueryBuildError.invalid(meta.table, `SELECT DISTINCT can only select partition key and static columns, not ${bad.name}.`);
    if (n.perPartitionLimit !== undefined) throw QueryBuildError.invalid(meta.table, 'PER PARTITION LIMIT is not allowed with SELECT DISTINCT.');
    // Cassandra wants every partition key column in a DISTINCT selection, as a column or inside a selector.
    const named = new Set([...columns.map((c) => c.name), ...n.selectors.flatMap((s) => (s.column === undefined ? [] : [s.column.name]))]);
    const missing = meta.partitionKeys.filter((c) => !named.has(c.name));
    if (missing.length > 0) {
      throw QueryBuildError.invalid(
        meta.table,
        `SELECT DISTINCT must name every partition key column (missing ${missing.map((c) => c.name).join(', ')}); ` +
          'COUNT(*) cannot stand for them: count a partition key column instead (repository.count(q => q.distinct()) does).',
      );
    }
  }
  const items = columns.map((c) => quoteIdentifier(c.name));
  const params = new ParamList();
  for (const s of n.selectors) {
    const arg = s.column === undefined ? '*' : quoteIdentifier(s.column.name);
    if (s.selector.vector !== undefined && s.column !== undefined) {
      items.push(`${s.selector.fn}(${arg}, ${params.bind(s.selector.vector, s.column.type, columnSlot(meta, s.column, `${s.selector.fn}() vector`))}) AS ${quoteIdentifier(s.alias)}`);
      continue;
    }
    if ((s.selector.fn === 'ttl' || s.selector.fn === 'writetime') && s.column !== undefined && s.column.kind !== 'regular' && s.column.kind !== 'static') {
      throw QueryBuildError.invalid(meta.table, `${FN_CQL[s.selector.fn]}() cannot be applied to primary key column ${s.column.name}.`);
    }
    if (s.selector.fn === 'toTimestamp' && !(s.column?.type.kind === 'native' && (s.column.type.name === 'timeuuid' || s.column.type.name === 'date'))) {
      throw QueryBuildError.invalid(meta.table, `toTimestamp() needs a timeuuid or date column${s.column === undefined ? '' : `; ${s.column.name} is neither`}.`);
    }
    items.push(`${FN_CQL[s.selector.fn]}(${arg}) AS ${quoteIdentifier(s.alias)}`);
  }
  if (items.length === 0) throw QueryBuildError.invalid(meta.table, 'a SELECT needs at least one column or aggregate.');
  let cql = `SELECT ${n.distinct ? 'DISTINCT ' : ''}${items.join(', ')} FROM ${qualifiedName(n.target.keyspace, meta.table)}`;
  cql += printWhere(meta, n.where, params);
  if (n.groupBy.length > 0) cql += ` GROUP BY ${n.groupBy.map((c) => quoteIdentifier(c.name)).join(', ')}`;
  if (n.orderBy.length > 0) cql += ` ORDER BY ${n.orderBy.map((o) => `${quoteIdentifier(o.column.name)} ${o.direction}`).join(', ')}`;
  if (n.ann !== undefined) cql += ` ORDER BY ${quoteIdentifier(n.ann.column.name)} ANN OF ${params.bind(n.ann.vector, n.ann.column.type, columnSlot(meta, n.ann.column, 'ANN OF vector'))}`;
  if (n.perPartitionLimit !== undefined) cql += ` PER PARTITION LIMIT ${params.bind(n.perPartitionLimit, INT, clauseSlot(meta, 'PER PARTITION LIMIT', INT))}`;
  if (n.limit !== undefined) cql += ` LIMIT ${params.bind(n.limit, INT, clauseSlot(meta, 'LIMIT', INT))}`;
  if (n.allowFiltering) cql += ' ALLOW FILTERING';
  const text = rememberShape(meta, shape, cql, params);
  return Object.freeze({
    kind: 'select',
    cql,
    params: Object.freeze(params.values),
    paramTypes: text.paramTypes,
    paramSlots: text.paramSlots,
    idempotent: true,
    lwt: false,
    counter: false,
  });
}
