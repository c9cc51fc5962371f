// Collects bound parameters with their CQL types while a statement is printed.
import type { ColumnMetadata, CqlType, EntityMetadata } from '../metadata/entity-metadata.js';
import { printCqlType } from '../metadata/cql-type.js';
import { QueryBuildError, type ValueLocation } from '../errors.js';

/** A growing list of parameters, their types and where each is headed; `bind` returns the marker to print. */
export class ParamList {
  readonly values: unknown[] = [];
  readonly types: (CqlType | undefined)[] = [];
  readonly slots: (ValueLocation | undefined)[] = [];

  bind(value: unknown, type: CqlType | undefined, slot: ValueLocation): '?' {
    this.values.push(value);
    this.types.push(type);
    this.slots.push(slot);
    return '?';
  }
}

const columnSlots = new WeakMap<ColumnMetadata, Map<string, ValueLocation>>();

/**
 * Where a value bound for `column` is headed, for the error of a value that does not fit: the entity,
 * the property, the column and its CQL type, and `part` when the value is not the column's own
 * (`IN list`, `map key`, `field zip`...). Built once per column and part.
 */
export function columnSlot(meta: EntityMetadata, column: ColumnMetadata, part?: string): ValueLocation {
  let perColumn = columnSlots.get(column);
  if (perColumn === undefined) columnSlots.set(column, (perColumn = new Map()));
  const key = part ?? '';
  let slot = perColumn.get(key);
  if (slot === undefined) {
    slot = Object.freeze({ entity: meta.target.name, property: column.property, column: column.name, cqlType: printCqlType(column.type), part });
    perColumn.set(key, slot);
  }
  return slot;
}

/** Where a value of a statement clause is headed (`TTL`, `USING TIMESTAMP`, `LIMIT`, `token`). */
export function clauseSlot(meta: EntityMetadata, part: string, type: CqlType): ValueLocation {
  return Object.freeze({ entity: meta.target.name, cqlType: printCqlType(type), part });
}

/** The column of a property, or a QueryBuildError naming the property. */
export function columnOf(meta: EntityMetadata, property: string): ColumnMetadata {
  const column = meta.byProperty.get(property);
  if (column === undefined) throw QueryBuildError.unknownProperty(meta.table, property);
  return column;
}

/** `list<T>` for binding an IN list or a list operand. */
export function listOf(element: CqlType): CqlType {
  return { kind: 'list', element, frozen: false };
}

/** `set<T>` for binding a set of map keys or set elements. */
export function setOf(element: CqlType): CqlType {
  return { kind: 'set', element, frozen: false };
}

/** Element type of a list/set column, value type of a map column (CONTAINS operand). */
export function containedType(table: string, column: ColumnMetadata): CqlType {
  const t = column.type;
  if (t.kind === 'list' || t.kind === 'set') return t.element;
  if (t.kind === 'map') return t.value;
  throw QueryBuildError.invalid(table, `CONTAINS needs a collection column; ${column.name} is not one.`);
}

/** Key type of a map column (CONTAINS KEY operand, map element key). */
export function mapKeyType(table: string, column: ColumnMetadata, what: string): CqlType {
  if (column.type.kind === 'map') return column.type.key;
  throw QueryBuildError.invalid(table, `${what} needs a map column; ${column.name} is not one.`);
}
