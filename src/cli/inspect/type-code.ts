// A CQL type as the TypeScript a decorator takes (`'map<text, int>'`, `cql.list(cql.frozen(() => Address))`)
// and as the property's TypeScript type (`Map<string, number>`).
import type { CqlType, NativeTypeName } from '../../metadata/entity-metadata.js';
import { printCqlType } from '../../metadata/cql-type.js';
import { literal } from './names.js';

/** UDT CQL name → generated class name. */
export type UdtClassNames = ReadonlyMap<string, string>;

function hasUdt(type: CqlType): boolean {
  switch (type.kind) {
    case 'udt':
      return true;
    case 'list':
    case 'set':
    case 'vector':
      return hasUdt(type.element);
    case 'map':
      return hasUdt(type.key) || hasUdt(type.value);
    case 'tuple':
      return type.elements.some(hasUdt);
    case 'native':
      return false;
  }
}

function udtClass(name: string, classes: UdtClassNames): string {
  const cls = classes.get(name);
  if (cls === undefined) throw new Error(`type ${name} is used but not defined in the keyspace`);
  return cls;
}

/** The decorator's `type:` value: a CQL string, or `cql.*` expressions with thunks where a UDT appears. */
export function typeInputCode(type: CqlType, classes: UdtClassNames): string {
  if (!hasUdt(type)) return literal(printCqlType(type));
  const sub = (t: CqlType): string => typeInputCode(t, classes);
  const frozen = (frozenFlag: boolean, code: string): string => (frozenFlag ? `cql.frozen(${code})` : code);
  switch (type.kind) {
    case 'udt':
      return frozen(type.frozen, `() => ${udtClass(type.name, classes)}`);
    case 'list':
    case 'set':
      return frozen(type.frozen, `cql.${type.kind}(${sub(type.element)})`);
    case 'map':
      return frozen(type.frozen, `cql.map(${sub(type.key)}, ${sub(type.value)})`);
    case 'tuple':
      return `cql.tuple(${type.elements.map(sub).join(', ')})`;
    case 'vector':
      return `cql.vector(${sub(type.element)}, ${type.dimension})`;
    case 'native':
      return literal(type.name);
  }
}

const NATIVE_TS: Record<NativeTypeName, string> = {
  ascii: 'string', text: 'string', bigint: 'bigint', counter: 'bigint', varint: 'bigint', int: 'number',
  smallint: 'number', tinyint: 'number', float: 'number', double: 'number', boolean: 'boolean',
  timestamp: 'Date', blob: 'Buffer', uuid: 'types.Uuid', timeuuid: 'types.TimeUuid', decimal: 'types.BigDecimal',
  date: 'types.LocalDate', time: 'types.LocalTime', duration: 'types.Duration', inet: 'types.InetAddress',
};

/** The property's TypeScript type, as cassandra-driver returns the value (bigint encoding on). */
export function tsTypeCode(type: CqlType, classes: UdtClassNames): string {
  const sub = (t: CqlType): string => tsTypeCode(t, classes);
  switch (type.kind) {
    case 'native':
      return NATIVE_TS[type.name];
    case 'list':
      return `${sub(type.element)}[]`;
    case 'set':
      return `Set<${sub(type.element)}>`;
    case 'map':
      return `Map<${sub(type.key)}, ${sub(type.value)}>`;
    case 'tuple':
      return 'types.Tuple';
    case 'vector':
      return 'types.Vector';
    case 'udt':
      return udtClass(type.name, classes);
  }
}

/** True when the TypeScript type needs `import type { types } from 'cassandra-driver'`. */
export function usesDriverTypes(code: string): boolean {
  return /\btypes\./.test(code);
}
