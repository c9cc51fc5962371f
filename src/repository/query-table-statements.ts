// The statements that keep an entity's query tables in step with one write, and which table a read
// goes to: pure functions of the metadata and the values (the writer in query-tables.ts sends them).
import { QueryBuildError } from '../errors.js';
import type { EntityMetadata, QueryTableMetadata } from '../metadata/entity-metadata.js';
import { comparedFor, sameValue } from '../mapping/comparable.js';
import type { CompiledQuery } from '../query/compiled-query.js';
import { deleteFrom } from '../query/delete-query.js';
import { insertInto } from '../query/insert-query.js';
import { node, type SelectNode } from '../query/nodes.js';
import { update, UpdateQuery, type Assignment } from '../query/update-query.js';

/** A row or key as property → value. */
export type Row = Record<string, unknown>;

/** `USING TTL` / `USING TIMESTAMP` of a write: applied to every statement of its batch. */
export interface Using {
  readonly ttl?: number | undefined;
  readonly timestamp?: bigint | number | undefined;
}

/** What a write does to the row: INSERT (a row marker and the values given) or UPDATE (the values given). */
export type WriteKind = 'insert' | 'update';

/** True for a key value: null and undefined are not key values (the row is then not in the query table). */
export function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** The query table's primary key of a row, or undefined when one of its key columns has no value. */
export function queryTableKey(qt: EntityMetadata, row: Row): Row | undefined {
  const out: Row = {};
  for (const c of qt.partitionKeys) if (present(row[c.property])) out[c.property] = row[c.property]; else return undefined;
  for (const c of qt.clusteringKeys) if (present(row[c.property])) out[c.property] = row[c.property]; else return undefined;
  return out;
}

function sameKey(qt: EntityMetadata, a: Row, b: Row): boolean {
  for (const c of [...qt.partitionKeys, ...qt.clusteringKeys]) {
    const form = comparedFor(c.type);
    if (!sameValue(form(a[c.property]), form(b[c.property]))) return false;
  }
  return true;
}

export function withUsing<Q extends { ttl(s: number): Q; timestamp(t: bigint | number): Q }>(q: Q, using: Using): Q {
  let out = q;
  if (using.ttl !== undefined) out = out.ttl(using.ttl);
  if (using.timestamp !== undefined) out = out.timestamp(using.timestamp);
  return out;
}

/** The DELETE of one query-table row, at the write's timestamp when it has one (a DELETE takes no TTL). */
function deleteRow(qt: EntityMetadata, keyspace: string | undefined, key: Row, using: Using): CompiledQuery {
  const q = deleteFrom(qt, keyspace).key(key as never);
  return (using.timestamp === undefined ? q : q.timestamp(using.timestamp)).compile();
}

/**
 * The statements that keep every query table in step with one write of `values` (undefined: left
 * alone, null: deleted) on the base row `key`. `previous` is the base row as read before the write
 * (undefined: no such row), needed only by query tables whose key holds a regular column of the base;
 * `others` are the UPDATE's assignments other than `set` (collection operations), copied to each
 * query table that holds their column. A changed query-table key deletes the old row and inserts the
 * new one with every value the base row will hold.
 */
export function queryTableStatements<T extends object>(
  meta: EntityMetadata<T>,
  keyspace: string | undefined,
  kind: WriteKind,
  key: Row,
  values: Row,
  previous: Row | undefined,
  using: Using,
  others: readonly Assignment[] = [],
): CompiledQuery[] {
  const out: CompiledQuery[] = [];
  for (const qt of meta.queryTables ?? []) {
    const reads = qt.extraKeyProperties.length > 0;
    const next: Row = reads && previous !== undefined ? { ...previous } : {};
    for (const p in key) next[p] = key[p];
    for (const p in values) if (values[p] !== undefined) next[p] = values[p];
    const oldKey = reads && previous !== undefined ? queryTableKey(qt, previous) : undefined;
    const newKey = queryTableKey(qt, next);
    // A row is new to the query table when the base row existed under another (or no) query-table key.
    const moved = reads && previous !== undefined && (oldKey === undefined || newKey === undefined || !sameKey(qt, oldKey, newKey));
    if (moved && oldKey !== undefined) out.push(deleteRow(qt, keyspace, oldKey, using));
    if (newKey === undefined) continue;
    const held = qt.columns.filter((c) => c.kind === 'regular');
    const copied = others.filter((a) => qt.byProperty.has(a.column.property));
    if (moved || kind === 'insert') {
      const row: Row = { ...newKey };
      for (const c of held) {
        const v = moved ? next[c.property] : values[c.property];
        // A moved row is new: a missing value is left unset rather than written as a tombstone.
        if (moved ? present(v) : v !== undefined) row[c.property] = v;
      }
      out.push(withUsing(insertInto(qt, keyspace).values(row as never), using).compile());
    } else {
      let q = update(qt, keyspace).key(newKey as never);
      for (const c of held) if (values[c.property] !== undefined) q = q.set(c.property as never, values[c.property] as never);
      if (q.node.assignments.length === 0 && copied.length === 0) continue;
      if (copied.length > 0) q = new UpdateQuery<object>(node({ ...q.node, assignments: Object.freeze([...q.node.assignments, ...copied]) })) as never;
      out.push(withUsing(q, using).compile());
      continue;
    }
    if (copied.length > 0) {
      const q = new UpdateQuery<object>(node({ ...update(qt, keyspace).key(newKey as never).node, assignments: Object.freeze([...copied]) }));
      out.push(withUsing(q, using).compile());
    }
  }
  return out;
}

/** The DELETEs of the query-table rows of the base rows `rows` (each holding at least its query-table keys). */
export function queryTableDeletes(meta: EntityMetadata, keyspace: string | undefined, rows: readonly Row[], using: Using): CompiledQuery[] {
  const out: CompiledQuery[] = [];
  for (const row of rows) {
    for (const qt of meta.queryTables ?? []) {
      const k = queryTableKey(qt, row);
      if (k !== undefined) out.push(deleteRow(qt, keyspace, k, using));
    }
  }
  return out;
}

/** The query table named `name`, or a QueryBuildError listing the entity's query tables. */
export function queryTableNamed<T extends object>(meta: EntityMetadata<T>, name: string): QueryTableMetadata<T> {
  const qt = (meta.queryTables ?? []).find((q) => q.table === name);
  if (qt !== undefined) return qt;
  const known = (meta.queryTables ?? []).map((q) => q.table);
  throw QueryBuildError.invalid(
    meta.table,
    `'${name}' is not a query table of ${meta.target.name} (its query tables: ${known.length > 0 ? known.join(', ') : 'none'}); declare it in @Table({ queryTables }) or name one of those.`,
  );
}

/**
 * The query table a read by these key properties should use: undefined when the values give the
 * base table's `scope` key (it answers), else the first query table whose `scope` key they give.
 */
export function queryTableForKey<T extends object>(meta: EntityMetadata<T>, values: object, scope: 'primary' | 'partition'): QueryTableMetadata<T> | undefined {
  const v = values as Row;
  const gives = (m: EntityMetadata): boolean => (scope === 'primary' ? [...m.partitionKeys, ...m.clusteringKeys] : m.partitionKeys).every((c) => present(v[c.property]));
  if (meta.queryTables === undefined || gives(meta)) return undefined;
  return meta.queryTables.find(gives);
}

/** The query table whose partition key a query's `=`/IN restrictions give when the base table's are not all given. */
export function queryTableForRestrictions<T extends object>(meta: EntityMetadata<T>, restricted: ReadonlySet<string>): QueryTableMetadata<T> | undefined {
  if (meta.queryTables === undefined || meta.partitionKeys.every((c) => restricted.has(c.property))) return undefined;
  return meta.queryTables.find((qt) => qt.partitionKeys.every((c) => restricted.has(c.property)));
}

/**
 * The query table a read goes to: the one `table` names (undefined for the base table's own name),
 * else the one whose key the read's key values give, else the one whose partition key the query's
 * `=`/IN restrictions give, when the base table's are not given. `node` builds the query over the
 * base table (a query that fails there stays there, to report its error).
 */
export function queryTableForRead<T extends object>(
  meta: EntityMetadata<T>,
  table: string | undefined,
  key: object | undefined,
  scope: 'primary' | 'partition',
  node: (() => SelectNode) | undefined,
): QueryTableMetadata<T> | undefined {
  if (table !== undefined) return table === meta.table ? undefined : queryTableNamed(meta, table);
  if (meta.queryTables === undefined) return undefined;
  if (key !== undefined) return queryTableForKey(meta, key, scope);
  if (node === undefined) return undefined;
  let n: SelectNode;
  try {
    n = node();
  } catch {
    return undefined;
  }
  if (n.allowFiltering || n.where.some((r) => r.kind === 'token')) return undefined;
  return queryTableForRestrictions(meta, new Set(n.where.flatMap((r) => (r.kind === 'column' && (r.op === '=' || r.op === 'in') ? [r.column.property] : []))));
}
