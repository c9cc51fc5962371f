// @UserType and @Field: a class mapped to a CQL user-defined type.
import { KEYS, recordOnClass, type FieldRecord, type NamingStrategy } from '../metadata/metadata-store.js';
import type { TypeInput } from '../metadata/type-input.js';
import { propertyRecorder, type ClassRecorder, type PropertyRecorder } from './property-key.js';

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
export function UserType(spec: UserTypeSpec | string = {}): ClassRecorder {
  const s = typeof spec === 'string' ? { name: spec } : spec;
  return (target) => recordOnClass(KEYS.userType, target, s);
}

/** A field of a user-defined type: `@Field({ type: 'int' })`. */
export function Field(spec: FieldSpec | string = {}): PropertyRecorder {
  const s = typeof spec === 'string' ? { type: spec } : spec;
  return propertyRecorder<FieldRecord>(KEYS.fields, (property, designType) => ({ ...s, property, designType }));
}
