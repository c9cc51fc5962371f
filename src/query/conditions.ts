// The conditions of lightweight transactions, one vocabulary for the builders (`.if`, `.ifElement`,
// `.ifField`) and the options object (`{ if: { score: is('>', 3) } }`): the operators, a map entry or
// list element, a UDT field. Checked when built; printed and bound in one place.
import type { ColumnMetadata, CqlType, EntityMetadata } from '../metadata/entity-metadata.js';
import { quoteIdentifier } from '../metadata/identifier.js';
import { QueryBuildError } from '../errors.js';
import { node, type Condition, type ConditionOp } from './nodes.js';
import { INT } from './compiled-query.js';
import { columnOf, columnSlot, listOf, type ParamList } from './params.js';

const OPS: ReadonlySet<string> = new Set(['=', '!=', '<', '<=', '>', '>=', 'in', 'contains', 'containsKey']);
const OP_CQL: Readonly<Record<ConditionOp, string>> = { '=': '=', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=', in: 'IN', contains: 'CONTAINS', containsKey: 'CONTAINS KEY' };

/** The operand of `IF col op ?` for property K of T: a value of the column, an array for IN, an element for CONTAINS, a key for CONTAINS KEY. */
export type ConditionValue<T, K extends keyof T> =
  | T[K]
  | readonly T[K][]
  | null
  | (NonNullable<T[K]> extends ReadonlyMap<infer MK, infer MV> ? MK | MV : NonNullable<T[K]> extends Iterable<infer E> ? (NonNullable<T[K]> extends string ? never : E) : never);

/** A condition in an options object: `is('>', 3)`, `elementIs('a', '=', 1)`, `fieldIs('zip', '=', 1)`. */
export class ConditionOperand {
  private constructor(
    /** What the condition tests: the whole column, an element of it, or a field of its UDT. */
    readonly target: 'column' | 'element' | 'field',
    readonly op: ConditionOp,
    readonly value: unknown,
    /** The map key or list index of an element condition (checked when the condition is built). */
    readonly element: unknown,
    /** The UDT field (property name) of a field condition. */
    readonly field: string | undefined,
  ) {
    Object.freeze(this);
  }

  /** @internal */
  static of(target: 'column' | 'element' | 'field', op: ConditionOp, value: unknown, element?: unknown, field?: string): ConditionOperand {
    return new ConditionOperand(target, op, value, element, field);
  }
}

/**
 * `IF col op ?` in an options object: `users.patch(key, { name }, { if: { score: is('>', 3) } })`.
 * A plain value in the options object means `=`.
 */
export function is(op: ConditionOp, value: unknown): ConditionOperand {
  return ConditionOperand.of('column', op, value);
}

/** `IF col[?] op ?` on a map entry (by key) or a list element (by index). */
export function elementIs(keyOrIndex: unknown, op: ConditionOp, value: unknown): ConditionOperand {
  return ConditionOperand.of('element', op, value, keyOrIndex);
}

/** `IF col.field op ?` on a field of a UDT column (the field's property name). */
export function fieldIs(field: string, op: ConditionOp, value: unknown): ConditionOperand {
  return ConditionOperand.of('field', op, value, undefined, field);
}

/** A checked condition on `property`: whole column, an element (`element` given) or a UDT field (`field` given). */
export function condition(meta: EntityMetadata, property: string, op: ConditionOp, value: unknown, ifExists: boolean, at: { element?: unknown; field?: string } = {}): Condition {
  const column = columnOf(meta, property);
  const table = meta.table;
  if (!OPS.has(op)) throw QueryBuildError.invalid(table, `'${String(op)}' is not a condition operator (use ${[...OPS].join(', ')}).`);
  if (column.kind === 'partition' || column.kind === 'clustering') throw QueryBuildError.invalid(table, `IF conditions cannot test primary key column ${column.name}.`);
  if (ifExists) throw QueryBuildError.invalid(table, 'IF EXISTS cannot be combined with IF conditions.');
  if (op === 'in' && !Array.isArray(value)) throw QueryBuildError.invalid(table, `IF ${column.name} IN needs an array of values.`);
  const t = column.type;
  if ('field' in at) {
    if (typeof at.field !== 'string' || at.field === '') throw QueryBuildError.invalid(table, `IF ${column.name}.field needs a field's property name, not ${at.field === '' ? 'an empty string' : String(at.field)}.`);
    const udt = t.kind === 'udt' ? t.udt?.() : undefined;
    const f = udt?.byProperty.get(at.field);
    if (f === undefined) throw QueryBuildError.invalid(table, `IF ${column.name}.${at.field}: ${column.name} ${udt === undefined ? 'is not a UDT column' : `has no field '${at.field}'`}.`);
    return node({ column, op, value, field: f });
  }
  if ('element' in at) {
    if (t.kind !== 'map' && t.kind !== 'list') throw QueryBuildError.invalid(table, `IF ${column.name}[...] needs a map or list column; ${column.name} is not one.`);
    if (at.element === undefined || at.element === null) throw QueryBuildError.invalid(table, `IF ${column.name}[...] needs a map key or list index, not ${String(at.element)}.`);
    return node({ column, op, value, element: at.element });
  }
  if (op === 'contains' && t.kind !== 'list' && t.kind !== 'set' && t.kind !== 'map') throw QueryBuildError.invalid(table, `IF ${column.name} CONTAINS needs a collection column.`);
  if (op === 'containsKey' && t.kind !== 'map') throw QueryBuildError.invalid(table, `IF ${column.name} CONTAINS KEY needs a map column.`);
  return node({ column, op, value });
}

/** What a condition's text depends on besides its column: the operator, and an element or field. */
export function conditionShape(c: Condition): string {
  return `${c.column.name}${c.field !== undefined ? `.${c.field.name}` : c.element !== undefined ? '[]' : ''}${c.op},`;
}

/** The values a condition binds, in order: the element's key or index (if any), then the operand. */
export function pushConditionValues(c: Condition, values: unknown[]): void {
  if (c.element !== undefined) values.push(c.element);
  values.push(c.value);
}

/** Prints one condition, binding its values: `col op ?`, `col[?] op ?` or `col.field op ?`. */
export function printCondition(meta: EntityMetadata, c: Condition, params: ParamList): string {
  const name = quoteIdentifier(c.column.name);
  const t = c.column.type;
  if (c.field !== undefined) {
    const slot = columnSlot(meta, c.column, `IF ${c.column.property}.${c.field.property}`);
    return `${name}.${quoteIdentifier(c.field.name)} ${OP_CQL[c.op]} ${params.bind(c.value, operandType(c.op, c.field.type), slot)}`;
  }
  if (c.element !== undefined) {
    const keyType: CqlType = t.kind === 'map' ? t.key : INT;
    const valueType: CqlType = t.kind === 'map' ? t.value : t.kind === 'list' ? t.element : t;
    const at = params.bind(c.element, keyType, columnSlot(meta, c.column, t.kind === 'map' ? 'IF map key' : 'IF list index'));
    return `${name}[${at}] ${OP_CQL[c.op]} ${params.bind(c.value, operandType(c.op, valueType), columnSlot(meta, c.column, 'IF element'))}`;
  }
  return `${name} ${OP_CQL[c.op]} ${params.bind(c.value, wholeOperandType(c.op, c.column), columnSlot(meta, c.column, c.op === 'in' ? 'IF ... IN list' : 'IF condition'))}`;
}

function operandType(op: ConditionOp, type: CqlType): CqlType {
  return op === 'in' ? listOf(type) : type;
}

function wholeOperandType(op: ConditionOp, column: ColumnMetadata): CqlType {
  const t = column.type;
  if (op === 'contains') return t.kind === 'map' ? t.value : t.kind === 'list' || t.kind === 'set' ? t.element : t;
  if (op === 'containsKey') return t.kind === 'map' ? t.key : t;
  return operandType(op, t);
}
