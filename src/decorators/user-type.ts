// @UserType and @Field: a class mapped to a CQL user-defined type.
import { appendRecord, KEYS, recordOnClass, type FieldRecord, type NamingStrategy } from '../metadata/metadata-store.js';
import type { ClassRef, TypeInput } from '../metadata/type-input.js';
import { designTypeOf, ownerOf } from './property-key.js';

/** Options of @UserType. */
export interface UserTypeSpec {
  /** CQL type name; default: the class name in snake_case. */
  readonly name?: string;
  /** How property names become field names; default `'snake_case'`. */
  readonly naming?: NamingStrategy;
}

/** Options of @Field. */
export interface FieldSpec {
  /** CQL field name; default: the property name through the type's naming strategy. */
  readonly name?: string;
  /** CQL type; inferred only for string, boolean, Date. A nested UDT: `() => Geo`. */
  readonly type?: TypeInput;
}

/** Marks a class as a user-defined type: `@UserType({ name: 'address' })`. */
export function UserType(spec: UserTypeSpec | string = {}): (target: ClassRef) => void {
  const s = typeof spec === 'string' ? { name: spec } : spec;
  return (target) => recordOnClass(KEYS.userType, target, s);
}

/** A field of a user-defined type: `@Field({ type: 'int' })`. */
export function Field(spec: FieldSpec | string = {}): PropertyDecorator {
  const s = typeof spec === 'string' ? { type: spec } : spec;
  return (prototype, property) => {
    const name = String(property);
    appendRecord<FieldRecord>(KEYS.fields, ownerOf(prototype), { ...s, property: name, designType: designTypeOf(prototype, name) });
  };
}
