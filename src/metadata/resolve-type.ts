// Turns what a decorator recorded (a type string, a UDT thunk, a `cql.*` expression, or nothing
// but `design:type`) into a canonical CqlType, with errors naming `Class.property`.
import { MetadataError } from '../errors.js';
import type { CqlType, UdtMetadata } from './entity-metadata.js';
import { canonicalType, CqlTypeSyntaxError, freeze, parseCqlType } from './cql-type.js';
import { isClassRef, type ClassRef, type TypeInput } from './type-input.js';

/** Resolves a UDT class to its metadata (injected to keep this module free of a cycle). */
export type UdtResolver = (target: ClassRef) => UdtMetadata;

function udtType(target: ClassRef, resolveUdt: UdtResolver): CqlType {
  const meta = resolveUdt(target);
  return { kind: 'udt', name: meta.name, frozen: false, udt: () => meta };
}

function fromInput(input: TypeInput, where: string, resolveUdt: UdtResolver): CqlType {
  if (typeof input === 'string') {
    try {
      return parseCqlType(input);
    } catch (error) {
      if (error instanceof CqlTypeSyntaxError) throw MetadataError.unknownType(where, input, error.message);
      throw error;
    }
  }
  if (typeof input === 'function') {
    const target = isClassRef(input) ? input : (input as () => ClassRef)();
    if (typeof target !== 'function') {
      throw MetadataError.unknownType(where, String(target), 'the type thunk did not return a class');
    }
    return udtType(target, resolveUdt);
  }
  const sub = (t: TypeInput): CqlType => fromInput(t, where, resolveUdt);
  switch (input.expr) {
    case 'list':
    case 'set':
      return { kind: input.expr, element: sub(input.of), frozen: false };
    case 'map':
      return { kind: 'map', key: sub(input.key), value: sub(input.value), frozen: false };
    case 'tuple':
      return { kind: 'tuple', elements: input.elements.map(sub) };
    case 'frozen':
      return freeze(sub(input.of));
    case 'vector':
      if (!Number.isInteger(input.dimension) || input.dimension < 1) {
        throw MetadataError.unknownType(where, `vector<..., ${input.dimension}>`, 'the dimension must be a positive integer');
      }
      return { kind: 'vector', element: sub(input.of), dimension: input.dimension };
  }
}

function designTypeName(designType: unknown): string {
  if (designType === undefined) {
    return 'no design:type metadata: the code was compiled without emitDecoratorMetadata, or by esbuild/tsx';
  }
  if (typeof designType === 'function') return `its TypeScript type is ${designType.name || 'anonymous'}, which is ambiguous`;
  return 'its TypeScript type is unknown';
}

/** The CQL type of a property: explicit when given, else inferred from `design:type` (String, Boolean, Date only). */
export function resolvePropertyType(
  where: string,
  explicit: TypeInput | undefined,
  designType: unknown,
  frozen: boolean | undefined,
  resolveUdt: UdtResolver,
): CqlType {
  let type: CqlType;
  if (explicit !== undefined) {
    type = fromInput(explicit, where, resolveUdt);
    // A UDT named by a thunk is frozen unless asked otherwise: the common, collection-safe choice.
    if (type.kind === 'udt' && typeof explicit === 'function' && frozen !== false) type = freeze(type);
  } else if (designType === String) {
    type = { kind: 'native', name: 'text' };
  } else if (designType === Boolean) {
    type = { kind: 'native', name: 'boolean' };
  } else if (designType === Date) {
    type = { kind: 'native', name: 'timestamp' };
  } else {
    throw MetadataError.typeRequired(where, designTypeName(designType));
  }
  if (frozen === true) type = freeze(type);
  if (frozen === false && type.kind !== 'native' && type.kind !== 'tuple' && type.kind !== 'vector') {
    type = { ...type, frozen: false };
  }
  return canonicalType(type);
}
