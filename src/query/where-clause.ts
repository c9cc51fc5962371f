// WHERE clauses: printing restrictions, and Cassandra's key-shape rules checked before sending.
import type { ColumnMetadata, EntityMetadata } from '../metadata/entity-metadata.js';
import { quoteIdentifier } from '../metadata/identifier.js';
import { QueryBuildError } from '../errors.js';
import type { ColumnRestriction, Restriction } from './nodes.js';
import { BIGINT } from './compiled-query.js';
import { TimeuuidBound } from './timeuuid.js';
import { clauseSlot, columnSlot, containedType, listOf, mapKeyType, type ParamList } from './params.js';

const TEXT = Object.freeze({ kind: 'native', name: 'text' } as const);
const TIMESTAMP = Object.freeze({ kind: 'native', name: 'timestamp' } as const);

/** `minTimeuuid(?)`, `maxTimeuuid(?)` or `now()` for a timeuuid column (any other column is refused). */
function bindTimeuuidBound(meta: EntityMetadata, column: ColumnMetadata, bound: TimeuuidBound, params: ParamList): string {
  if (column.type.kind !== 'native' || column.type.name !== 'timeuuid') {
    throw QueryBuildError.invalid(meta.table, `${bound.fn}() can only bound a timeuuid column; ${column.name} is not one.`);
  }
  return bound.at === undefined ? `${bound.fn}()` : `${bound.fn}(${params.bind(bound.at, TIMESTAMP, columnSlot(meta, column, `${bound.fn}() argument`))})`;
}

/** The values a restriction binds: its own, a timeuuid bound's timestamp, or none for `now()`. */
export function restrictionParams(value: unknown): readonly unknown[] {
  if (value instanceof TimeuuidBound) return value.at === undefined ? NONE : [value.at];
  return [value];
}
const NONE: readonly unknown[] = Object.freeze([]);

/** The shape of a restriction's value where it changes the text: a timeuuid bound's function. */
export function restrictionShape(value: unknown): string {
  return value instanceof TimeuuidBound ? `:${value.fn}` : '';
}

const RANGE_OPS = new Set(['=', '<', '<=', '>', '>=']);

const OP_CQL = { '=': '=', '<': '<', '<=': '<=', '>': '>', '>=': '>=', in: 'IN', contains: 'CONTAINS', containsKey: 'CONTAINS KEY', like: 'LIKE' } as const;

/** Prints `WHERE ...` (or '' when there are no restrictions), binding every value. */
export function printWhere(meta: EntityMetadata, restrictions: readonly Restriction[], params: ParamList): string {
  if (restrictions.length === 0) return '';
  const parts = restrictions.map((r) => {
    if (r.kind === 'token') {
      const keys = meta.partitionKeys.map((c) => quoteIdentifier(c.name)).join(', ');
      const rhs =
        typeof r.value === 'bigint'
          ? params.bind(r.value, BIGINT, clauseSlot(meta, 'token', BIGINT))
          : `token(${meta.partitionKeys.map((c, i) => params.bind((r.value as readonly unknown[])[i], c.type, columnSlot(meta, c, 'token'))).join(', ')})`;
      return `token(${keys}) ${r.op} ${rhs}`;
    }
    const name = quoteIdentifier(r.column.name);
    return `${name} ${OP_CQL[r.op]} ${bindOperand(meta, r, params)}`;
  });
  return ` WHERE ${parts.join(' AND ')}`;
}

function bindOperand(meta: EntityMetadata, r: ColumnRestriction, params: ParamList): string {
  switch (r.op) {
    case 'in':
      return params.bind(r.value, listOf(r.column.type), columnSlot(meta, r.column, 'IN list'));
    case 'contains':
      return params.bind(r.value, containedType(meta.table, r.column), columnSlot(meta, r.column, 'CONTAINS'));
    case 'containsKey':
      return params.bind(r.value, mapKeyType(meta.table, r.column, 'CONTAINS KEY'), columnSlot(meta, r.column, 'CONTAINS KEY'));
    case 'like':
      return params.bind(r.value, TEXT, columnSlot(meta, r.column, 'LIKE pattern'));
    default:
      if (r.value instanceof TimeuuidBound) return bindTimeuuidBound(meta, r.column, r.value, params);
      return params.bind(r.value, r.column.type, columnSlot(meta, r.column));
  }
}

/**
 * Checks a restriction's value as it is given: Cassandra refuses null in a WHERE (`= null`, a null in
 * an IN list or a token), so it is refused here, before anything is built or sent. Returns the value.
 */
export function restrictionValue<V>(meta: EntityMetadata, column: ColumnMetadata, op: string, value: V): V {
  if (value === null || value === undefined) {
    throw QueryBuildError.invalid(meta.table, `the restriction ${column.property} ${op} ${String(value)} compares with ${String(value)}, which a WHERE cannot; restrict ${column.property} with a value (or leave it out).`);
  }
  if (op === 'in' && Array.isArray(value) && value.some((v) => v === null || v === undefined)) {
    throw QueryBuildError.invalid(meta.table, `the IN list of ${column.property} holds null or undefined, which a WHERE cannot compare with; leave those out.`);
  }
  const bound = value instanceof TimeuuidBound ? value : Array.isArray(value) ? value.find((v) => v instanceof TimeuuidBound) : undefined;
  if (bound instanceof TimeuuidBound && !RANGE_OPS.has(op)) {
    throw QueryBuildError.invalid(meta.table, `${bound.fn}() bounds ${column.property} with =, <, <=, > or >=, not ${op === 'in' ? 'inside an IN list' : op}.`);
  }
  return value;
}

/** The partition key values of a token restriction, each checked like a restriction's value. */
export function tokenValues(meta: EntityMetadata, key: Readonly<Record<string, unknown>>): readonly unknown[] {
  return Object.freeze(meta.partitionKeys.map((c) => restrictionValue(meta, c, 'token', key[c.property])));
}

const isEq = (r: ColumnRestriction): boolean => r.op === '=' || r.op === 'in';
const isRange = (r: ColumnRestriction): boolean => r.op === '<' || r.op === '<=' || r.op === '>' || r.op === '>=';

function byColumn(restrictions: readonly Restriction[]): Map<string, ColumnRestriction[]> {
  const map = new Map<string, ColumnRestriction[]>();
  for (const r of restrictions) {
    if (r.kind !== 'column') continue;
    const list = map.get(r.column.name);
    if (list === undefined) map.set(r.column.name, [r]);
    else list.push(r);
  }
  return map;
}

function indexed(meta: EntityMetadata, column: ColumnMetadata, r?: ColumnRestriction): boolean {
  return meta.indexes.some((i) => {
    if (i.column !== column.name) return false;
    if (r?.op === 'containsKey') return i.target === 'keys';
    if (r?.op === 'contains') return i.target === 'values' || i.target === 'value';
    // SAI in Cassandra 5.0 has no LIKE; SASI and custom index classes may.
    if (r?.op === 'like') return i.using !== undefined && i.using !== 'sai';
    // A legacy secondary index answers only equality; ranges need SAI/SASI (or ALLOW FILTERING).
    if (r !== undefined && isRange(r)) return i.using !== undefined;
    return true;
  });
}

function checkOperandKind(meta: EntityMetadata, r: ColumnRestriction): void {
  const t = r.column.type.kind;
  if (r.op === 'contains' && t !== 'list' && t !== 'set' && t !== 'map') containedType(meta.table, r.column);
  if (r.op === 'containsKey') mapKeyType(meta.table, r.column, 'CONTAINS KEY');
  if (r.op === 'like' && !(t === 'native' && ['text', 'ascii'].includes((r.column.type as { name: string }).name))) {
    throw QueryBuildError.invalid(meta.table, `LIKE needs a text column; ${r.column.name} is not one.`);
  }
  if (r.op === 'in' && !Array.isArray(r.value)) {
    throw QueryBuildError.invalid(meta.table, `IN on ${r.column.name} needs an array of values.`);
  }
}

/** What a read's restrictions established about the key. */
export interface KeyShapeFacts {
  readonly fullPartition: boolean;
  /** Clustering columns restricted by = or IN, as a prefix. */
  readonly eqColumns: ReadonlySet<string>;
}

/** Checks a SELECT's restrictions against Cassandra's rules; throws QueryBuildError before anything is sent. */
export function checkReadRestrictions(
  meta: EntityMetadata,
  restrictions: readonly Restriction[],
  allowFiltering: boolean,
): KeyShapeFacts {
  const table = meta.table;
  const cols = byColumn(restrictions);
  for (const list of cols.values()) for (const r of list) checkOperandKind(meta, r);
  const hasToken = restrictions.some((r) => r.kind === 'token');
  const pkEq = meta.partitionKeys.filter((c) => cols.get(c.name)?.some(isEq) === true);
  for (const c of meta.partitionKeys) {
    const bad = cols.get(c.name)?.find((r) => !isEq(r));
    if (bad !== undefined && !allowFiltering) throw QueryBuildError.partitionKeyRange(table, c.name);
  }
  const fullPartition = pkEq.length === meta.partitionKeys.length;
  if (pkEq.length > 0 && !fullPartition && !allowFiltering && !pkEq.every((c) => indexed(meta, c))) {
    const missing = meta.partitionKeys.filter((c) => !pkEq.includes(c)).map((c) => c.name);
    throw QueryBuildError.partialPartitionKey(table, missing);
  }
  const eqColumns = new Set<string>();
  let missing: string | undefined;
  let range: string | undefined;
  let anyClustering = false;
  for (const c of meta.clusteringKeys) {
    const rs = cols.get(c.name);
    if (rs === undefined) {
      missing ??= c.name;
      continue;
    }
    anyClustering = true;
    if (!allowFiltering) {
      if (missing !== undefined && !indexed(meta, c)) throw QueryBuildError.clusteringOutOfOrder(table, c.name, missing);
      if (range !== undefined) throw QueryBuildError.clusteringAfterRange(table, c.name, range);
    }
    if (rs.some(isRange)) range ??= c.name;
    else if (missing === undefined && rs.every(isEq)) eqColumns.add(c.name);
  }
  if (anyClustering && !fullPartition && !allowFiltering && !hasToken) {
    const first = meta.clusteringKeys.find((c) => cols.has(c.name));
    throw QueryBuildError.needsFiltering(table, first?.name ?? '?', 'needs the full partition key restricted by = or IN');
  }
  for (const [name, list] of cols) {
    const column = meta.byName.get(name);
    if (column === undefined || column.kind === 'partition' || column.kind === 'clustering') continue;
    for (const r of list) {
      if (r.op === 'like' && !indexed(meta, column, r)) {
        throw QueryBuildError.invalid(table, `LIKE on ${name} needs a SASI (or custom) index on it; SAI in Cassandra 5.0 does not support LIKE.`);
      }
      if (!allowFiltering && !indexed(meta, column, r)) {
        throw QueryBuildError.needsFiltering(table, name, 'is on a column that is not part of the primary key');
      }
    }
  }
  return { fullPartition, eqColumns };
}

/** Checks the WHERE of an UPDATE or DELETE: the full partition key by = / IN, and for UPDATE the full primary key. */
export function checkWriteRestrictions(
  meta: EntityMetadata,
  restrictions: readonly Restriction[],
  kind: 'update' | 'delete',
  staticOnly = false,
): void {
  const table = meta.table;
  const cols = byColumn(restrictions);
  for (const r of restrictions) {
    if (r.kind === 'token') throw QueryBuildError.invalid(table, `token() restrictions are not allowed in ${kind.toUpperCase()}.`);
    if (r.column.kind !== 'partition' && r.column.kind !== 'clustering') {
      throw QueryBuildError.invalid(table, `${kind.toUpperCase()} can only be restricted by primary key columns, not ${r.column.name}.`);
    }
    checkOperandKind(meta, r);
    if (r.op !== '=' && r.op !== 'in' && !(kind === 'delete' && r.column.kind === 'clustering' && isRange(r))) {
      throw QueryBuildError.invalid(table, `${kind.toUpperCase()} cannot restrict ${r.column.name} with ${r.op}.`);
    }
  }
  const missingPk = meta.partitionKeys.filter((c) => cols.get(c.name)?.some(isEq) !== true).map((c) => c.name);
  if (missingPk.length > 0) {
    throw QueryBuildError.invalid(table, `${kind.toUpperCase()} needs every partition key column restricted by = or IN (missing ${missingPk.join(', ')}).`);
  }
  let missing: string | undefined;
  let range: string | undefined;
  for (const c of meta.clusteringKeys) {
    const rs = cols.get(c.name);
    if (rs === undefined) {
      missing ??= c.name;
      continue;
    }
    if (missing !== undefined) throw QueryBuildError.clusteringOutOfOrder(table, c.name, missing);
    if (range !== undefined) throw QueryBuildError.clusteringAfterRange(table, c.name, range);
    if (rs.some(isRange)) range = c.name;
  }
  if (kind === 'update' && missing !== undefined && !(staticOnly && !meta.clusteringKeys.some((c) => cols.has(c.name)))) {
    throw QueryBuildError.invalid(table, `UPDATE needs the full primary key (missing clustering column ${missing}).`);
  }
}
