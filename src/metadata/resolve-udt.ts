// @UserType classes → frozen, cached UdtMetadata, validated once.
import { MetadataError } from '../errors.js';
import type { CqlType, UdtFieldMetadata, UdtMetadata } from './entity-metadata.js';
import { validateColumnName, validateSchemaName } from './identifier.js';
import { applyNaming, inheritedRecords, KEYS, ownRecord, type FieldRecord, type UserTypeRecord } from './metadata-store.js';
import { resolvePropertyType } from './resolve-type.js';
import type { ClassRef } from './type-input.js';
import { walkType } from './cql-type.js';

const resolving = new Set<ClassRef>();

function named<T>(where: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw MetadataError.invalidName(where, error);
  }
}

function checkFieldType(where: string, type: CqlType): void {
  walkType(type, (t) => {
    if (t.kind === 'native' && t.name === 'counter') throw MetadataError.counterNotAllowed(where, 'a field of a user-defined type');
  });
}

/** The resolved, frozen metadata of a `@UserType` class (validated on first call, then cached). */
export function udtMetadata(target: abstract new (...args: never[]) => object): UdtMetadata {
  const cached = ownRecord<UdtMetadata>(KEYS.resolvedUdt, target);
  if (cached !== undefined) return cached;
  const className = target.name || 'anonymous class';
  const record = ownRecord<UserTypeRecord>(KEYS.userType, target);
  if (record === undefined) throw MetadataError.notAUserType(className);
  if (resolving.has(target)) {
    throw MetadataError.invalidType(className, className, 'a user-defined type cannot contain itself, directly or indirectly');
  }
  resolving.add(target);
  try {
    const name = named(`@UserType(${className})`, () =>
      validateSchemaName(`@UserType(${className})`, record.name ?? applyNaming(record.naming, className)),
    );
    const records = inheritedRecords<FieldRecord>(KEYS.fields, target);
    if (records.length === 0) throw MetadataError.noFields(className);
    const fields: UdtFieldMetadata[] = records.map((r) => {
      const where = `${className}.${r.property}`;
      const type = resolvePropertyType(where, r.type, r.designType, undefined, udtMetadata);
      checkFieldType(where, type);
      const fieldName = named(where, () => validateColumnName(where, r.name ?? applyNaming(record.naming, r.property)));
      return Object.freeze({ property: r.property, name: fieldName, type });
    });
    const byName = new Map<string, UdtFieldMetadata>();
    for (const f of fields) {
      const clash = byName.get(f.name);
      if (clash !== undefined) throw MetadataError.duplicateName(className, 'field', f.name, [clash.property, f.property]);
      byName.set(f.name, f);
    }
    const meta: UdtMetadata = Object.freeze({
      target,
      name,
      fields: Object.freeze(fields),
      byProperty: new Map(fields.map((f) => [f.property, f])),
      byName,
    });
    Reflect.defineMetadata(KEYS.resolvedUdt, meta, target);
    return meta;
  } finally {
    resolving.delete(target);
  }
}

/** Every UDT a type uses, nested ones first, appended to `into` once each (by name). */
export function collectUdts(type: CqlType, into: Map<string, UdtMetadata>): void {
  walkType(type, (t) => {
    if (t.kind !== 'udt' || t.udt === undefined || into.has(t.name)) return;
    const meta = t.udt();
    for (const f of meta.fields) collectUdts(f.type, into);
    into.set(meta.name, meta);
  });
}
