// UPDATE: single columns, collection operations and counters, with IF EXISTS / IF conditions, TTL, TIMESTAMP.
import type { ColumnMetadata, CqlType, EntityMetadata, UdtFieldMetadata } from '../metadata/entity-metadata.js';
import { qualifiedName, quoteIdentifier } from '../metadata/identifier.js';
import { QueryBuildError } from '../errors.js';
import type {
  CounterProps, ElementOf, FieldOf, ListProps, MapProps, MapValueOf, PartitionKey, PrimaryKey, Props, RegularProps, SetProps, UdtProps, Value,
} from './entity-types.js';
import { append, node, type Condition, type ConditionOp, type Restriction, type Target } from './nodes.js';
import { INT, type CompiledQuery } from './compiled-query.js';
import { printCqlType } from '../metadata/cql-type.js';
import { ParamList, columnOf, columnSlot, listOf, setOf } from './params.js';
import { checkWriteRestrictions } from './where-clause.js';
import { cachedShape, rememberShape } from './statement-cache.js';
import { recentUpdate, rememberUpdate, type KnownUpdate } from './update-shapes.js';
import { checkTtl, keyRestrictions, printIf, printUsing, type WriteUsing } from './write-clauses.js';
import { condition, conditionShape, pushConditionValues, type ConditionValue } from './conditions.js';
import { metadataOf, type EntityRef } from '../metadata/resolve-entity.js';

/** One assignment of an UPDATE. */
export interface Assignment {
  readonly op: 'set' | 'append' | 'prepend' | 'remove' | 'add' | 'setElement' | 'setField' | 'increment' | 'decrement';
  readonly column: ColumnMetadata;
  readonly value: unknown;
  /** List index or map key, for `setElement`. */
  readonly element?: unknown;
  /** The UDT field, for `setField` (part of the statement's shape: two fields are two statements). */
  readonly field?: UdtFieldMetadata;
}

/** The frozen description of an UPDATE. */
export interface UpdateNode extends WriteUsing {
  readonly target: Target;
  readonly assignments: readonly Assignment[];
  readonly where: readonly Restriction[];
  readonly conditions: readonly Condition[];
  readonly ifExists: boolean;
}



/**
 * A typed UPDATE. Immutable.
 * @example update(meta).key({ id }).set('name', 'Ann').append('tags', ['x']).ifExists()
 * // UPDATE users SET name = ?, tags = tags + ? WHERE id = ? IF EXISTS
 */
export class UpdateQuery<T extends object> {
  /** @internal Builders are made by selectFrom / insertInto / update / deleteFrom and by their own methods. */
  constructor(
    /** @internal The frozen node this builder compiles. */
    readonly node: UpdateNode,
  ) {}

  private get meta(): EntityMetadata {
    return this.node.target.meta;
  }

  private with(patch: Partial<UpdateNode>): UpdateQuery<T> {
    const n = this.node;
    // Without TTL/TIMESTAMP (the common case) the node has five known fields: build it directly, which
    // keeps one object shape (a spread of node and patch costs more and varies the shape).
    if (!('ttl' in n) && !('timestamp' in n) && !('ttl' in patch) && !('timestamp' in patch)) {
      return new UpdateQuery<T>(
        node({
          target: patch.target ?? n.target,
          assignments: patch.assignments ?? n.assignments,
          where: patch.where ?? n.where,
          conditions: patch.conditions ?? n.conditions,
          ifExists: patch.ifExists ?? n.ifExists,
        }),
      );
    }
    return new UpdateQuery<T>(node({ ...n, ...patch }));
  }

  /** One assignment; `element` is the list index or map key of `setElement`, the field name of `setField`. */
  private assign(op: Assignment['op'], property: string, value: unknown, element?: unknown): UpdateQuery<T> {
    const column = columnOf(this.meta, property);
    checkAssignment(this.meta, op, column);
    const a: Assignment =
      op === 'setField'
        ? node({ op, column, value, field: udtFieldOf(this.meta, column, element as string) })
        : element === undefined
          ? node({ op, column, value })
          : node({ op, column, value, element });
    return this.with({ assignments: append(this.node.assignments, a) });
  }

  /** Restricts the row(s) by the full primary key (arrays on key columns become IN). */
  key(key: PrimaryKey<T>): UpdateQuery<T> {
    const restrictions = keyRestrictions(this.meta, key, 'primary');
    return this.with({ where: this.node.where.length === 0 ? restrictions : [...this.node.where, ...restrictions] });
  }

  /** Restricts by the partition key only: for updates of static columns (one value per partition). */
  partition(key: PartitionKey<T>): UpdateQuery<T> {
    return this.with({ where: [...this.node.where, ...keyRestrictions(this.meta, key, 'any')] });
  }

  /** `col = ?` (`null` deletes the value, `undefined` leaves it unset). */
  set<K extends RegularProps<T>>(property: K, value: T[K] | null | undefined): UpdateQuery<T> {
    return this.assign('set', property, value);
  }

  /** `col = col + ?` on a list (not idempotent). */
  append<K extends ListProps<T>>(property: K, values: Value<T, K>): UpdateQuery<T> {
    return this.assign('append', property, values);
  }

  /** `col = ? + col` on a list (not idempotent). */
  prepend<K extends ListProps<T>>(property: K, values: Value<T, K>): UpdateQuery<T> {
    return this.assign('prepend', property, values);
  }

  /** `col = col - ?`: removes elements from a list or set, or keys from a map. */
  remove<K extends ListProps<T> | SetProps<T> | MapProps<T>>(
    property: K,
    values: Value<T, K> extends ReadonlyMap<infer MK, unknown> ? ReadonlySet<MK> | readonly MK[] : Value<T, K>,
  ): UpdateQuery<T> {
    return this.assign('remove', property, values);
  }

  /** `col = col + ?`: adds elements to a set, or puts entries into a map. */
  add<K extends SetProps<T> | MapProps<T>>(property: K, values: Value<T, K>): UpdateQuery<T> {
    return this.assign('add', property, values);
  }

  /** `col[?] = ?`: sets a list element by index or a map entry by key. */
  setElement<K extends ListProps<T> | MapProps<T>>(
    property: K,
    at: Value<T, K> extends ReadonlyMap<unknown, unknown> ? ElementOf<Value<T, K>> : number,
    value: Value<T, K> extends ReadonlyMap<unknown, unknown> ? MapValueOf<Value<T, K>> : ElementOf<Value<T, K>>,
  ): UpdateQuery<T> {
    return this.assign('setElement', property, value, at);
  }

  /**
   * `col.field = ?`: sets one field of a non-frozen UDT column and leaves its other fields as they are
   * (`null` deletes the field's value). The field is the UDT class's property name.
   * @example users.update({ id }, u => u.setField('address', 'city', 'Lyon')) // UPDATE users SET address.city = ? WHERE id = ?
   */
  setField<K extends UdtProps<T> & RegularProps<T>, F extends FieldOf<Value<T, K>>>(property: K, field: F, value: NonNullable<Value<T, K>[F]> | null): UpdateQuery<T> {
    const q = this.assign('setField', property, value, field);
    if (value === undefined) throw QueryBuildError.invalid(this.meta.table, `setField('${property}', '${field}') needs a value (null deletes the field's value).`);
    return q;
  }

  /** `col = col + ?` on a counter (not idempotent). */
  increment<K extends CounterProps<T>>(property: K, by: bigint | number = 1n): UpdateQuery<T> {
    return this.assign('increment', property, by);
  }

  /** `col = col - ?` on a counter (not idempotent). */
  decrement<K extends CounterProps<T>>(property: K, by: bigint | number = 1n): UpdateQuery<T> {
    return this.assign('decrement', property, by);
  }

  /** `IF EXISTS` (a lightweight transaction). */
  ifExists(): UpdateQuery<T> {
    if (this.node.conditions.length > 0) throw QueryBuildError.invalid(this.meta.table, 'IF EXISTS cannot be combined with IF conditions.');
    return this.with({ ifExists: true });
  }

  /**
   * `IF col op ?` (a lightweight transaction); several calls are ANDed. Operators: `=`, `!=`, `<`,
   * `<=`, `>`, `>=`, `in` (an array), `contains` (an element of a list or set, a value of a map),
   * `containsKey` (a map key).
   */
  if<K extends RegularProps<T>>(property: K, op: ConditionOp, value: ConditionValue<T, K & keyof T>): UpdateQuery<T> {
    return this.with({ conditions: append(this.node.conditions, condition(this.meta, property, op, value, this.node.ifExists)) });
  }

  /** `IF col[?] op ?` on a map entry (by key) or a list element (by index). */
  ifElement<K extends RegularProps<T>>(property: K, keyOrIndex: unknown, op: ConditionOp, value: unknown): UpdateQuery<T> {
    return this.with({ conditions: append(this.node.conditions, condition(this.meta, property, op, value, this.node.ifExists, { element: keyOrIndex })) });
  }

  /** `IF col.field op ?` on a field of a UDT column (`field` is the field's property name). */
  ifField<K extends RegularProps<T>>(property: K, field: string, op: ConditionOp, value: unknown): UpdateQuery<T> {
    return this.with({ conditions: append(this.node.conditions, condition(this.meta, property, op, value, this.node.ifExists, { field })) });
  }

  /** `USING TTL ?` in seconds. */
  ttl(seconds: number): UpdateQuery<T> {
    return this.with({ ttl: checkTtl(this.meta.table, seconds) });
  }

  /** `USING TIMESTAMP ?` in microseconds. */
  timestamp(micros: bigint | number): UpdateQuery<T> {
    return this.with({ timestamp: micros });
  }

  /** Checks the statement and prints the CQL. */
  compile(): CompiledQuery {
    return compileUpdateNode(this.node, true);
  }
}

function checkAssignment(meta: EntityMetadata, op: Assignment['op'], column: ColumnMetadata): void {
  const table = meta.table;
  const kind = column.type.kind;
  const isCounter = column.type.kind === 'native' && column.type.name === 'counter';
  if (column.kind === 'partition' || column.kind === 'clustering') {
    throw QueryBuildError.invalid(table, `primary key column ${column.name} cannot be updated.`);
  }
  const frozen = 'frozen' in column.type && column.type.frozen;
  // What the operation needs, when the column does not have it (no closure: every update passes here).
  let missing: string | undefined;
  switch (op) {
    case 'set':
      if (isCounter) missing = 'a non-counter column (use increment/decrement)';
      break;
    case 'append':
    case 'prepend':
      if (kind !== 'list' || frozen) missing = 'a non-frozen list';
      break;
    case 'remove':
      if (!(kind === 'list' || kind === 'set' || kind === 'map') || frozen) missing = 'a non-frozen list, set or map';
      break;
    case 'add':
      if (!(kind === 'set' || kind === 'map') || frozen) missing = 'a non-frozen set or map';
      break;
    case 'setElement':
      if (!(kind === 'list' || kind === 'map') || frozen) missing = 'a non-frozen list or map';
      break;
    case 'setField':
      if (kind !== 'udt' || frozen) missing = 'a non-frozen UDT column (`frozen: false`)';
      break;
    case 'increment':
    case 'decrement':
      if (!isCounter) missing = 'a counter column';
      break;
  }
  if (missing !== undefined) throw QueryBuildError.invalid(table, `${op}() needs ${missing}; ${column.name} is ${describe(column.type)}.`);
}

/** The field of a UDT column by its property name (the UDT must come from a @UserType class). */
function udtFieldOf(meta: EntityMetadata, column: ColumnMetadata, field: string): UdtFieldMetadata {
  const t = column.type;
  const udt = t.kind === 'udt' ? t.udt?.() : undefined;
  if (udt === undefined) {
    throw QueryBuildError.invalid(meta.table, `setField() needs the UDT of ${column.name} as a @UserType class (\`type: () => Class\`), to know its fields.`);
  }
  const f = udt.byProperty.get(field);
  if (f === undefined) {
    const known = udt.fields.map((x) => x.property).join(', ');
    throw QueryBuildError.invalid(meta.table, `${udt.name} has no field '${field}' (${column.name}); its fields are: ${known}.`);
  }
  return f;
}

function describe(type: CqlType): string {
  if (type.kind === 'native') return type.name;
  if ('frozen' in type && type.frozen) return `a frozen ${type.kind}`;
  return `a ${type.kind}`;
}

function bindAssignment(meta: EntityMetadata, a: Assignment, params: ParamList): string {
  const name = quoteIdentifier(a.column.name);
  const t = a.column.type;
  const own = columnSlot(meta, a.column);
  switch (a.op) {
    case 'set':
      return `${name} = ${params.bind(a.value, t, own)}`;
    case 'append':
    case 'increment':
    case 'add':
      return `${name} = ${name} + ${params.bind(a.value, t, own)}`;
    case 'prepend':
      return `${name} = ${params.bind(a.value, t, own)} + ${name}`;
    case 'decrement':
      return `${name} = ${name} - ${params.bind(a.value, t, own)}`;
    case 'remove':
      return `${name} = ${name} - ${t.kind === 'map' ? params.bind(a.value, setOf(t.key), columnSlot(meta, a.column, 'map keys to remove')) : params.bind(a.value, t, own)}`;
    case 'setElement': {
      const at = t.kind === 'map' ? params.bind(a.element, t.key, columnSlot(meta, a.column, 'map key')) : params.bind(a.element, INT, columnSlot(meta, a.column, 'list index'));
      const valueType = t.kind === 'map' ? t.value : t.kind === 'list' ? t.element : t;
      return `${name}[${at}] = ${params.bind(a.value, valueType, columnSlot(meta, a.column, t.kind === 'map' ? 'map value' : 'list element'))}`;
    }
    case 'setField': {
      const f = a.field as UdtFieldMetadata;
      return `${name}.${quoteIdentifier(f.name)} = ${params.bind(a.value, f.type, columnSlot(meta, a.column, `field ${f.property} (${printCqlType(f.type)})`))}`;
    }
  }
}

function updateShape(n: UpdateNode): string {
  let key = `UPDATE|${n.target.keyspace ?? ''}|${n.ttl !== undefined ? 'T' : ''}${n.timestamp !== undefined ? 'S' : ''}|`;
  for (const a of n.assignments) key += a.field === undefined ? `${a.op}:${a.column.name},` : `${a.op}:${a.column.name}.${a.field.name},`;
  key += '|';
  for (const r of n.where) key += r.kind === 'column' ? `${r.column.name}${r.op},` : 'token,';
  key += `|${n.ifExists ? 'E' : ''}|`;
  for (const c of n.conditions) key += conditionShape(c);
  return key;
}

/** Parameter values of an UPDATE in the order its text binds them. */
function updateValues(n: UpdateNode): unknown[] {
  const values: unknown[] = [];
  if (n.ttl !== undefined) values.push(n.ttl);
  if (n.timestamp !== undefined) values.push(n.timestamp);
  for (const a of n.assignments) {
    if (a.op === 'setElement') values.push(a.element);
    values.push(a.value);
  }
  for (const r of n.where) if (r.kind === 'column') values.push(r.value);
  for (const c of n.conditions) pushConditionValues(c, values);
  return values;
}

/**
 * Compiles an UpdateNode. `frozen: false` is for callers that send the result at once and never hand
 * it out (a repository's own write): it skips freezing the result and its parameters, a cost
 * paid on every write. What `compile()` returns is always frozen.
 */
export function compileUpdateNode(n: UpdateNode, frozen: boolean): CompiledQuery {
  const meta = n.target.meta;
  if (n.assignments.length === 0) throw QueryBuildError.invalid(meta.table, 'an UPDATE needs at least one assignment.');
  const hit = recentUpdate(meta, n);
  if (hit !== undefined) return updateResult(hit, updateValues(n), frozen);
  const shape = updateShape(n);
  const known = cachedShape(meta, shape);
  if (known !== undefined) return updateResult(rememberUpdate(meta, n, known), updateValues(n), frozen);
  checkWriteRestrictions(meta, n.where, 'update', n.assignments.every((a) => a.column.kind === 'static'));
  const counter = n.assignments.some((a) => a.op === 'increment' || a.op === 'decrement');
  if (counter && n.ttl !== undefined) throw QueryBuildError.invalid(meta.table, 'counter updates cannot have a TTL.');
  const lwt = n.ifExists || n.conditions.length > 0;
  if (lwt && (counter || meta.isCounterTable)) {
    throw QueryBuildError.invalid(meta.table, 'counter tables cannot be updated conditionally (IF EXISTS or IF ...); Cassandra refuses lightweight transactions on counters.');
  }
  if (lwt && n.where.some((r) => r.kind === 'column' && r.op === 'in')) {
    throw QueryBuildError.invalid(meta.table, 'a lightweight transaction (IF ...) cannot use IN on the key.');
  }
  const params = new ParamList();
  const using = printUsing(meta, n, params);
  const sets = n.assignments.map((a) => bindAssignment(meta, a, params)).join(', ');
  const where = printWhereKey(meta, n.where, params);
  const cond = printIf(meta, n.ifExists, n.conditions, params);
  const text = rememberShape(meta, shape, `UPDATE ${qualifiedName(n.target.keyspace, meta.table)}${using} SET ${sets}${where}${cond}`, params);
  return updateResult(rememberUpdate(meta, n, text), params.values, frozen);
}

function updateResult(k: KnownUpdate, params: unknown[], frozen: boolean): CompiledQuery {
  const q: CompiledQuery = {
    kind: 'update',
    cql: k.cql,
    params: frozen ? Object.freeze(params) : params,
    paramTypes: k.paramTypes,
    paramSlots: k.paramSlots,
    idempotent: k.idempotent,
    lwt: k.lwt,
    counter: k.counter,
  };
  return frozen ? Object.freeze(q) : q;
}

/** Prints the WHERE of a write: key columns with = or IN. */
export function printWhereKey(meta: EntityMetadata, where: readonly Restriction[], params: ParamList): string {
  const parts = where.map((r) => {
    if (r.kind !== 'column') throw QueryBuildError.invalid(meta.table, 'token() is not allowed here.');
    const op = r.op === 'in' ? 'IN' : r.op;
    const slot = columnSlot(meta, r.column, r.op === 'in' ? 'IN list' : undefined);
    return `${quoteIdentifier(r.column.name)} ${op} ${params.bind(r.value, r.op === 'in' ? listOf(r.column.type) : r.column.type, slot)}`;
  });
  return ` WHERE ${parts.join(' AND ')}`;
}

/** An UPDATE of an entity's table (its class or metadata); `keyspace` overrides the entity's. */
export function update<T extends object>(entity: abstract new (...args: never[]) => T, keyspace?: string): UpdateQuery<T>;
/** @internal The same over resolved metadata (repositories build their statements from it). */
export function update<T extends object>(entity: EntityRef<T>, keyspace?: string): UpdateQuery<T>;
export function update<T extends object>(entity: EntityRef<T>, keyspace?: string): UpdateQuery<T> {
  const meta = metadataOf(entity);
  return new UpdateQuery<T>(
    node({
      target: node({ meta: meta as EntityMetadata, keyspace: keyspace ?? meta.keyspace }),
      assignments: Object.freeze([]),
      where: Object.freeze([]),
      conditions: Object.freeze([]),
      ifExists: false,
    }),
  );
}

/** Every non-key property of T: what `set` accepts. */
export type SettableProps<T> = RegularProps<T> & Props<T>;
