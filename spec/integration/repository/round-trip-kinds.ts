// The property round trip's model of CQL types: for each type, the values a user may legitimately
// write (fast-check arbitraries, edge values included), the comparable form of what the README says
// reading one back returns, and the comparable form of what actually came back. Composite types
// (list, set, map, tuple, UDT) are built from their element kinds, so a nested type gets its
// generator, its expected form and its checks from the same parts. The native kinds are in
// round-trip-natives.ts.
import fc from 'fast-check';
import { inspect } from 'node:util';
import { Field, UserType } from '../../../src/decorators/user-type.js';
import { cql, type ClassRef, type TypeInput } from '../../../src/metadata/type-input.js';
import { inetBytes } from './round-trip-forms.js';

/** One CQL type as the property test sees it. */
export interface Kind<V = unknown> {
  /** The CQL type, for messages. */
  readonly cql: string;
  /** The type as a decorator takes it. */
  readonly type: TypeInput;
  /** Values a user may write (never null). */
  readonly values: fc.Arbitrary<V>;
  /** Comparable form of what reading back `written` must return (null or undefined: an absent value). */
  expected(written: V | null | undefined): string;
  /** Comparable form of a value read back; throws NotReadBack when it is not what the README documents. */
  actual(read: unknown): string;
  /**
   * Equal for two values Cassandra stores as one set element or map key once read back and written
   * again (null collections inside tuples and UDTs read as empty ones, so they count as empty here).
   */
  identity(value: V | null | undefined): string;
  /** How many values `value` holds: 0 for null, 1 for a leaf, 1 plus its parts for a collection, tuple or UDT. */
  count(value: V | null | undefined): number;
}

/** A value read back that is not a well-formed value of its CQL type's documented JavaScript form. */
export class NotReadBack extends Error {
  constructor(cqlType: string, what: string, value: unknown) {
    super(`${cqlType}: expected ${what}, read ${show(value)}`);
  }
}

/** A value for messages: exact (bigint suffix, -0, Buffer bytes, class names), at most 400 characters. */
export function show(value: unknown): string {
  const text = inspect(value, { depth: 8, maxArrayLength: 12, maxStringLength: 120, breakLength: Infinity });
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** An exact, type-tagged text of any value read back, for "saved again unchanged" (no normalisation). */
export function exact(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return num(v);
    case 'bigint':
      return `${v}n`;
    case 'boolean':
      return String(v);
    default:
      break;
  }
  if (Buffer.isBuffer(v)) return `Buffer<${v.toString('hex')}>`;
  if (v instanceof Date) return `Date(${v.getTime()})`;
  if (Array.isArray(v)) return `[${v.map(exact).join(', ')}]`;
  if (v instanceof Set) return `Set{${[...v].map(exact).sort().join(', ')}}`;
  if (v instanceof Map) return `Map{${[...v].map(([k, x]) => `${exact(k)} => ${exact(x)}`).sort().join(', ')}}`;
  const o = v as Record<string, unknown>;
  return `${(o.constructor as { name?: string } | undefined)?.name ?? 'Object'}{${Object.keys(o).sort().map((k) => `${k}: ${exact(o[k])}`).join(', ')}}`;
}

/** A number's exact text: keeps -0 apart from 0 (String() does not), NaN and infinities by name. */
export function num(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

// ---------------------------------------------------------------------------------------------
// Native types

interface NativeForm<V> {
  /** Comparable form of a written value (what reading it back must give). */
  written(v: V): string;
  /** Comparable form of a read value; throws NotReadBack when it is not well formed. */
  read(v: unknown, fail: (what: string) => never): string;
  /** Cassandra's notion of equality, when it differs from `written` (decimal: numeric). */
  identity?(v: V): string;
}

/** A native type's kind: null reads back as null, anything else through `form`. */
export function native<V>(name: string, values: fc.Arbitrary<V>, form: NativeForm<V>): Kind<V> {
  return {
    cql: name,
    type: name,
    values,
    expected: (v) => (v === null || v === undefined ? 'null' : form.written(v)),
    actual: (v) => (v === null ? 'null' : form.read(v, (what) => { throw new NotReadBack(name, what, v); })),
    identity: (v) => (v === null || v === undefined ? 'null' : (form.identity ?? form.written)(v)),
    count: (v) => (v === null || v === undefined ? 0 : 1),
  };
}

// ---------------------------------------------------------------------------------------------
// Composite types

const sorted = (items: string[]): string => items.sort().join(', ');

/**
 * An element kind as a list, set or map holds it. Cassandra stores an IPv4-mapped IPv6 address there
 * as the IPv4 address (a plain column keeps all 16 bytes), so the library refuses those inside
 * collections: they are not values a user may write there.
 */
function held<E>(el: Kind<E>): Kind<E> {
  if (el.cql !== 'inet') return el;
  return { ...el, values: el.values.filter((v) => !inetBytes(v as unknown as string)?.startsWith('v6 00000000000000000000ffff')) };
}

/** `list<E>`: order kept; an absent list reads back as []. No nulls inside: Cassandra refuses them. */
export function list<E>(element: Kind<E>, maxLength = 6): Kind<E[]> {
  const el = held(element);
  const form = (items: string[]): string => `[${items.join(', ')}]`;
  return {
    cql: `list<${el.cql}>`,
    type: cql.list(el.type),
    values: fc.array(el.values, { maxLength }),
    expected: (v) => form((v ?? []).map((x) => el.expected(x))),
    actual: (v) => (Array.isArray(v) ? form(v.map((x) => el.actual(x))) : fail(`list<${el.cql}>`, 'an array', v)),
    identity: (v) => form((v ?? []).map((x) => el.identity(x))),
    count: (v) => (v == null ? 0 : 1 + v.reduce((n, x) => n + el.count(x), 0)),
  };
}

/** `set<E>`: elements unique as Cassandra compares them; compared without order; absent reads as an empty Set. */
export function set<E>(element: Kind<E>, maxLength = 6): Kind<Set<E>> {
  const el = held(element);
  const form = (items: string[]): string => `{${sorted(items)}}`;
  return {
    cql: `set<${el.cql}>`,
    type: cql.set(el.type),
    values: fc.uniqueArray(el.values, { selector: (x) => el.identity(x), maxLength }).map((a) => new Set(a)),
    expected: (v) => form([...(v ?? [])].map((x) => el.expected(x))),
    actual: (v) => (v instanceof Set ? form([...v].map((x) => el.actual(x))) : fail(`set<${el.cql}>`, 'a Set', v)),
    identity: (v) => form([...(v ?? [])].map((x) => el.identity(x))),
    count: (v) => (v == null ? 0 : 1 + [...v].reduce((n, x) => n + el.count(x), 0)),
  };
}

/** `map<K, V>`: keys unique as Cassandra compares them; compared without order; absent reads as an empty Map. */
export function map<K, V>(mapKey: Kind<K>, mapValue: Kind<V>, maxLength = 5): Kind<Map<K, V>> {
  const key = held(mapKey);
  const value = held(mapValue);
  const name = `map<${key.cql}, ${value.cql}>`;
  const form = (entries: [string, string][]): string => `Map{${sorted(entries.map(([k, v]) => `${k} => ${v}`))}}`;
  return {
    cql: name,
    type: cql.map(key.type, value.type),
    values: fc.uniqueArray(fc.tuple(key.values, value.values), { selector: ([k]) => key.identity(k), maxLength }).map((entries) => new Map(entries)),
    expected: (v) => form([...(v ?? [])].map(([k, x]) => [key.expected(k), value.expected(x)])),
    actual: (v) => (v instanceof Map ? form([...v].map(([k, x]) => [key.actual(k), value.actual(x)])) : fail(name, 'a Map', v)),
    identity: (v) => form([...(v ?? [])].map(([k, x]) => [key.identity(k), value.identity(x)])),
    count: (v) => (v == null ? 0 : 1 + [...v].reduce((n, [k, x]) => n + key.count(k) + value.count(x), 0)),
  };
}

/** `frozen<T>`: the same values and forms, stored as one cell. */
export function frozen<V>(of: Kind<V>): Kind<V> {
  return { ...of, cql: `frozen<${of.cql}>`, type: cql.frozen(of.type) };
}

/** What an element of a tuple or field of a UDT holds when null: an absent collection reads as empty, anything else as null. */
const nullable = <V>(k: Kind<V>): fc.Arbitrary<V | null> => fc.option(k.values, { nil: null, freq: 4 });

/** `tuple<A, B, ...>` as an array; any element may be null. */
export function tuple(...els: Kind[]): Kind<unknown[]> {
  const name = `tuple<${els.map((e) => e.cql).join(', ')}>`;
  const form = (items: string[]): string => `(${items.join(', ')})`;
  return {
    cql: name,
    type: cql.tuple(...els.map((e) => e.type)),
    values: fc.tuple(...els.map(nullable)),
    expected: (v) => (v == null ? 'null' : form(els.map((e, i) => e.expected(v[i])))),
    actual: (v) => (v === null ? 'null' : Array.isArray(v) && v.length === els.length ? form(els.map((e, i) => e.actual(v[i]))) : fail(name, `an array of ${els.length}`, v)),
    identity: (v) => (v == null ? 'null' : form(els.map((e, i) => e.identity(v[i])))),
    count: (v) => (v == null ? 0 : 1 + els.reduce((n, e, i) => n + e.count(v[i]), 0)),
  };
}

/** A UDT kind and the @UserType class it reads back as. */
export interface UdtKind extends Kind<object> {
  readonly target: new () => object;
}

/**
 * A `@UserType` class named `name` with one `@Field` per entry (decorated here, from the same kinds
 * that generate and check its values); values are instances with any field null or left out.
 */
export function udt(name: string, fields: Readonly<Record<string, Kind>>): UdtKind {
  const target = { [name]: class {} }[name]!;
  for (const [property, kind] of Object.entries(fields)) Field({ type: kind.type })(target.prototype, property);
  UserType(name)(target as ClassRef);
  const entries = Object.entries(fields);
  const form = (v: Record<string, unknown>, part: (k: Kind, x: unknown) => string): string => `${name}{${entries.map(([p, k]) => `${p}: ${part(k, v[p])}`).join(', ')}}`;
  const field = fc.record(Object.fromEntries(entries.map(([p, k]) => [p, fc.oneof({ arbitrary: nullable(k), weight: 9 }, { arbitrary: fc.constant(undefined), weight: 1 })])));
  return {
    target,
    cql: name,
    type: () => target,
    values: field.map((rec) => {
      const v = new target() as Record<string, unknown>;
      for (const [p, x] of Object.entries(rec)) if (x !== undefined) v[p] = x;
      return v;
    }),
    // A field left out is written as null.
    expected: (v) => (v == null ? 'null' : form(v as Record<string, unknown>, (k, x) => k.expected(x))),
    actual: (v) => (v === null ? 'null' : v instanceof target && Object.getPrototypeOf(v) === target.prototype ? form(v as Record<string, unknown>, (k, x) => k.actual(x)) : fail(name, `an instance of ${name}`, v)),
    identity: (v) => (v == null ? 'null' : form(v as Record<string, unknown>, (k, x) => k.identity(x))),
    count: (v) => (v == null ? 0 : 1 + entries.reduce((n, [p, k]) => n + k.count((v as Record<string, unknown>)[p]), 0)),
  };
}

function fail(cqlType: string, what: string, value: unknown): never {
  throw new NotReadBack(cqlType, what, value);
}
