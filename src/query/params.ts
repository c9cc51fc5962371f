// Collects bound parameters with their CQL types while a statement is printed.
import type { ColumnMetadata, CqlType, EntityMetadata } from '../metadata/entity-metadata.js';
import { QueryBuildError } from '../errors.js';

/** A growing list of parameters and their types; `bind` returns the marker to print. */
export class ParamList {
  readonly values: unknown[] = [];
  readonly types: (CqlType | undefined)[] = [];

  bind(value: unknown, type: CqlType | undefined): '?' {
    this.values.push(value);
    this.types.push(type);
    return '?';
  }
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
