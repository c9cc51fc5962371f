// DELETE: whole rows, clustering ranges, columns or collection elements, with IF EXISTS / IF and TIMESTAMP.
import type { ColumnMetadata, EntityMetadata } from '../metadata/entity-metadata.js';
import { qualifiedName, quoteIdentifier } from '../metadata/identifier.js';
import { QueryBuildError } from '../errors.js';
import type { ClusteringProps, ListProps, MapProps, OperandFor, PrimaryKey, RegularProps, ElementOf, Value } from './entity-types.js';
import { append, node, type Condition, type ConditionOp, type Restriction, type Target } from './nodes.js';
import { BIGINT, INT, type CompiledQuery } from './compiled-query.js';
import { ParamList, clauseSlot, columnOf, columnSlot } from './params.js';
import { checkWriteRestrictions, restrictionValue } from './where-clause.js';
import { cachedShape, rememberShape } from './statement-cache.js';
import { printWhereKey } from './update-query.js';
import { keyRestrictions, printIf } from './write-clauses.js';
import { condition, conditionShape, pushConditionValues, type ConditionValue } from './conditions.js';
import { metadataOf, type EntityRef } from '../metadata/resolve-entity.js';

/** A column, or one element of a list (by index) or map (by key), to delete. */
export interface DeleteTarget {
  readonly column: ColumnMetadata;
  readonly element?: unknown;
}

/** The frozen description of a DELETE. */
export interface DeleteNode {
  readonly target: Target;
  readonly columns: readonly DeleteTarget[];
  readonly where: readonly Restriction[];
  readonly conditions: readonly Condition[];
  readonly ifExists: boolean;
  readonly timestamp: bigint | number | undefined;
}

/**
 * A typed DELETE. Immutable.
 * @example deleteFrom(meta).key({ id }).columns('name').ifExists()
 * // DELETE name FROM users WHERE id = ? IF EXISTS
 */
export class DeleteQuery<T extends object> {
  /** @internal Builders are made by selectFrom / insertInto / update / deleteFrom and by their own methods. */
  constructor(
    /** @internal The frozen node this builder compiles. */
    readonly node: DeleteNode,
  ) {}

  private get meta(): EntityMetadata {
    return this.node.target.meta;
  }

  private with(patch: Partial<DeleteNode>): DeleteQuery<T> {
    return new DeleteQuery<T>(node({ ...this.node, ...patch }));
  }

  /** Restricts by key values; clustering columns may be left out to delete a whole partition or a prefix. */
  key(key: Partial<PrimaryKey<T>>): DeleteQuery<T> {
    return this.with({ where: [...this.node.where, ...keyRestrictions(this.meta, key, 'any')] });
  }

  /** A clustering range: `DELETE FROM t WHERE pk = ? AND ck >= ?` (range deletes). */
  where<K extends ClusteringProps<T>>(property: K, op: '=' | '<' | '<=' | '>' | '>=' | 'in', value: OperandFor<T, K, '=' | 'in'>): DeleteQuery<T> {
    const column = columnOf(this.meta, property);
    return this.with({ where: append(this.node.where, node({ kind: 'column', column, op, value: restrictionValue(this.meta, column, op, value) })) });
  }

  /** Deletes only these columns (sets them to null), not the row. */
  columns(...properties: RegularProps<T>[]): DeleteQuery<T> {
    let columns = this.node.columns;
    for (const p of properties) {
      const column = columnOf(this.meta, p);
      if (column.kind === 'partition' || column.kind === 'clustering') {
        throw QueryBuildError.invalid(this.meta.table, `primary key column ${column.name} cannot be deleted on its own.`);
      }
      columns = append(columns, node({ column }));
    }
    return this.with({ columns });
  }

  /** Deletes one element: `DELETE list[?]` (by index, not idempotent) or `DELETE map[?]` (by key). */
  element<K extends ListProps<T> | MapProps<T>>(
    property: K,
    at: Value<T, K> extends ReadonlyMap<unknown, unknown> ? ElementOf<Value<T, K>> : number,
  ): DeleteQuery<T> {
    const column = columnOf(this.meta, property);
    const frozen = 'frozen' in column.type && column.type.frozen;
    if ((column.type.kind !== 'list' && column.type.kind !== 'map') || frozen) {
      throw QueryBuildError.invalid(this.meta.table, `element() needs a non-frozen list or map; ${column.name} is not one.`);
    }
    return this.with({ columns: append(this.node.columns, node({ column, element: at })) });
  }

  /** `IF EXISTS` (a lightweight transaction). */
  ifExists(): DeleteQuery<T> {
    if (this.node.conditions.length > 0) throw QueryBuildError.invalid(this.meta.table, 'IF EXISTS cannot be combined with IF conditions.');
    return this.with({ ifExists: true });
  }

  /** `IF col op ?` (a lightweight transaction), with the operators of `UpdateQuery.if`. */
  if<K extends RegularProps<T>>(property: K, op: ConditionOp, value: ConditionValue<T, K & keyof T>): DeleteQuery<T> {
    return this.with({ conditions: append(this.node.conditions, condition(this.meta, property, op, value, this.node.ifExists)) });
  }

  /** `IF col[?] op ?` on a map entry (by key) or a list element (by index). */
  ifElement<K extends RegularProps<T>>(property: K, keyOrIndex: unknown, op: ConditionOp, value: unknown): DeleteQuery<T> {
    return this.with({ conditions: append(this.node.conditions, condition(this.meta, property, op, value, this.node.ifExists, { element: keyOrIndex })) });
  }

  /** `IF col.field op ?` on a field of a UDT column (`field` is the field's property name). */
  ifField<K extends RegularProps<T>>(property: K, field: string, op: ConditionOp, value: unknown): DeleteQuery<T> {
    return this.with({ conditions: append(this.node.conditions, condition(this.meta, property, op, value, this.node.ifExists, { field })) });
  }

  /** `USING TIMESTAMP ?` in microseconds. */
  timestamp(micros: bigint | number): DeleteQuery<T> {
    return this.with({ timestamp: micros });
  }

  /** Checks the statement and prints the CQL. */
  compile(): CompiledQuery {
    const n = this.node;
    const meta = n.target.meta;
    const lwt = n.ifExists || n.conditions.length > 0;
    const listIndex = n.columns.some((d) => d.element !== undefined && d.column.type.kind === 'list');
    const shape = deleteShape(n);
    const known = cachedShape(meta, shape);
    if (known !== undefined) {
      return Object.freeze({ kind: 'delete', cql: known.cql, params: Object.freeze(deleteValues(n)), paramTypes: known.paramTypes, paramSlots: known.paramSlots, idempotent: !lwt && !listIndex, lwt, counter: false });
    }
    checkWriteRestrictions(meta, n.where, 'delete');
    const fullKey = meta.clusteringKeys.every((c) => n.where.some((r) => r.kind === 'column' && r.column.name === c.name && r.op === '='));
    if (lwt && meta.isCounterTable) {
      throw QueryBuildError.invalid(meta.table, 'counter tables cannot be deleted from conditionally (IF EXISTS or IF ...); Cassandra refuses lightweight transactions on counters.');
    }
    if (lwt && !fullKey) throw QueryBuildError.invalid(meta.table, 'a conditional DELETE (IF ...) needs the full primary key restricted by =.');
    if (lwt && n.where.some((r) => r.kind === 'column' && r.op === 'in')) {
      throw QueryBuildError.invalid(meta.table, 'a lightweight transaction (IF ...) cannot use IN on the key.');
    }
    const params = new ParamList();
    const cols = n.columns.map((d) => {
      const name = quoteIdentifier(d.column.name);
      if (d.element === undefined) return name;
      const t = d.column.type;
      return `${name}[${params.bind(d.element, t.kind === 'map' ? t.key : INT, columnSlot(meta, d.column, t.kind === 'map' ? 'map key' : 'list index'))}]`;
    });
    const using = n.timestamp === undefined ? '' : ` USING TIMESTAMP ${params.bind(n.timestamp, BIGINT, clauseSlot(meta, 'USING TIMESTAMP', BIGINT))}`;
    const where = printWhereKey(meta, n.where, params);
    const cond = printIf(meta, n.ifExists, n.conditions, params);
    const cql = `DELETE ${cols.length > 0 ? `${cols.join(', ')} ` : ''}FROM ${qualifiedName(n.target.keyspace, meta.table)}${using}${where}${cond}`;
    const text = rememberShape(meta, shape, cql, params);
    return Object.freeze({
      kind: 'delete',
      cql,
      params: Object.freeze(params.values),
      paramTypes: text.paramTypes,
      paramSlots: text.paramSlots,
      idempotent: !lwt && !listIndex,
      lwt,
      counter: false,
    });
  }
}

function deleteShape(n: DeleteNode): string {
  let key = `DELETE|${n.target.keyspace ?? ''}|`;
  for (const d of n.columns) key += `${d.column.name}${d.element === undefined ? '' : '[]'},`;
  key += `|${n.timestamp !== undefined ? 'S' : ''}|`;
  for (const r of n.where) key += r.kind === 'column' ? `${r.column.name}${r.op},` : 'token,';
  key += `|${n.ifExists ? 'E' : ''}|`;
  for (const c of n.conditions) key += conditionShape(c);
  return key;
}

/** Parameter values of a DELETE in the order its text binds them. */
function deleteValues(n: DeleteNode): unknown[] {
  const values: unknown[] = [];
  for (const d of n.columns) if (d.element !== undefined) values.push(d.element);
  if (n.timestamp !== undefined) values.push(n.timestamp);
  for (const r of n.where) if (r.kind === 'column') values.push(r.value);
  for (const c of n.conditions) pushConditionValues(c, values);
  return values;
}

/** A DELETE from an entity's table (its class or metadata); `keyspace` overrides the entity's. */
export function deleteFrom<T extends object>(entity: abstract new (...args: never[]) => T, keyspace?: string): DeleteQuery<T>;
/** @internal The same over resolved metadata (repositories build their statements from it). */
export function deleteFrom<T extends object>(entity: EntityRef<T>, keyspace?: string): DeleteQuery<T>;
export function deleteFrom<T extends object>(entity: EntityRef<T>, keyspace?: string): DeleteQuery<T> {
  const meta = metadataOf(entity);
  return new DeleteQuery<T>(
    node({
      target: node({ meta: meta as EntityMetadata, keyspace: keyspace ?? meta.keyspace }),
      columns: Object.freeze([]),
      where: Object.freeze([]),
      conditions: Object.freeze([]),
      ifExists: false,
      timestamp: undefined,
    }),
  );
}
