// The form in which change tracking remembers and compares column values: one string per value,
// equal exactly when the values are the same CQL value. Built once per CQL type and cached, like the
// encoders, so a snapshot is one call per column.
//
// Equal CQL values in different JavaScript forms compare equal: a Set and an array with the same
// elements in any order, a Map and a plain object with the same entries, 5 and 5n in a bigint
// column, '2024-01-02' and a Date at that midnight, a UDT instance and a plain object with the same
// fields, 'ABC...' and 'abc...' as a uuid. Native values go through their column's encoder first
// (the check every written value passes), so what is compared is what would be sent. A value no
// encoder takes is UNCOMPARABLE: it never equals anything, so it counts as changed and its write
// reports the InvalidValueError. Erring that way costs at most a column written with the value it
// already had; erring the other way would lose a write.
import cassandra from 'cassandra-driver';
import type { CqlType, NativeTypeName } from '../metadata/entity-metadata.js';
import { encoderFor } from './codec.js';
import { printDecimal } from './decimal.js';
import { localDateDays } from './temporal.js';

const { types } = cassandra;

/** A value as change tracking compares it: `undefined` (not set), `null` (no value), a string, or UNCOMPARABLE. */
export type Compared = string | null | undefined | typeof UNCOMPARABLE;

/** The compared form of a value no encoder of its column takes: it equals nothing, itself included. */
export const UNCOMPARABLE: unique symbol = Symbol('uncomparable');

/** Turns a column value into its compared form. */
export type ToCompared = (value: unknown) => Compared;

/** True when two compared forms hold the same CQL value. */
export function sameValue(a: Compared, b: Compared): boolean {
  return a === b && a !== UNCOMPARABLE;
}

/** The form of a present (non-null) value; throws for a value its type cannot take. */
type Form = (value: unknown) => string;

const forms = new WeakMap<CqlType, ToCompared>();

/**
 * The compared form of a column's values. `undefined` stays `undefined`; `null` and an empty list,
 * set or map are all `null` (Cassandra stores an empty collection as no value, and reads return one
 * for none).
 */
export function comparedFor(type: CqlType): ToCompared {
  let f = forms.get(type);
  if (f === undefined) {
    const form = formOf(type);
    const collection = type.kind === 'list' || type.kind === 'set' || type.kind === 'map';
    f = (value) => {
      if (value === undefined) return undefined;
      if (value === null) return null;
      try {
        const s = form(value);
        return collection && s === EMPTY ? null : s;
      } catch {
        // Whatever a form throws (a refusal by an encoder, a value of the wrong shape), the value is
        // not one its column takes: the write will say why.
        return UNCOMPARABLE;
      }
    };
    forms.set(type, f);
  }
  return f;
}

/** The form of an empty list, set or map. */
const EMPTY = '[]';

const NOT_A_VALUE = new Error('not a value of this type');

function formOf(type: CqlType): Form {
  switch (type.kind) {
    case 'native':
      return nativeForm(type.name, encoderFor(type));
    case 'list': {
      const el = formOf(type.element);
      return (v) => {
        if (!Array.isArray(v)) throw NOT_A_VALUE;
        return JSON.stringify(v.map((x) => element(el, x)));
      };
    }
    case 'set': {
      const el = formOf(type.element);
      return (v) => {
        if (!(v instanceof Set) && !Array.isArray(v)) throw NOT_A_VALUE;
        const out: string[] = [];
        for (const x of v as Iterable<unknown>) out.push(element(el, x));
        // A set is a set of values: order and repeats do not matter.
        return JSON.stringify([...new Set(out)].sort());
      };
    }
    case 'map': {
      const key = formOf(type.key);
      const val = formOf(type.value);
      return (v) => {
        let entries: Iterable<[unknown, unknown]>;
        if (v instanceof Map) entries = v.entries();
        else if (isPlainObject(v)) entries = Object.entries(v);
        else throw NOT_A_VALUE;
        const out: [string, string][] = [];
        for (const [k, x] of entries) out.push([element(key, k), element(val, x)]);
        // Entries in key order: a map's order is its keys', not the order they were set in.
        return JSON.stringify(out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
      };
    }
    case 'tuple': {
      const els = type.elements.map(nullable);
      return (v) => {
        const values = v instanceof types.Tuple ? v.elements : v;
        if (!Array.isArray(values) || values.length !== els.length) throw NOT_A_VALUE;
        return JSON.stringify(els.map((f, i) => f(values[i])));
      };
    }
    case 'vector': {
      const el = formOf(type.element);
      return (v) => {
        // Typed arrays first: the driver's Vector counts a Float32Array as one of its instances.
        const values = Array.isArray(v) || v instanceof Float32Array || v instanceof Float64Array ? v : v instanceof types.Vector ? (v as unknown as { elements: unknown }).elements : undefined;
        if (!Array.isArray(values) && !(values instanceof Float32Array) && !(values instanceof Float64Array)) throw NOT_A_VALUE;
        if (values.length !== type.dimension) throw NOT_A_VALUE;
        return JSON.stringify(Array.from(values as ArrayLike<unknown>, (x) => element(el, x)));
      };
    }
    case 'udt': {
      const udt = type.udt?.();
      if (udt === undefined) return untypedForm;
      const fields = udt.fields.map((f) => ({ property: f.property, form: nullable(f.type) }));
      const known = new Set(udt.fields.map((f) => f.property));
      return (v) => {
        if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Map || v instanceof Set) throw NOT_A_VALUE;
        const src = v as Record<string, unknown>;
        for (const k of Object.keys(src)) if (!known.has(k) && src[k] !== undefined) throw NOT_A_VALUE;
        return JSON.stringify(fields.map((f) => f.form(src[f.property])));
      };
    }
  }
}

/** An element of a list, set, map or vector: null is not one (the encoder refuses it too). */
function element(form: Form, x: unknown): string {
  if (x === null || x === undefined) throw NOT_A_VALUE;
  return form(x);
}

/** A tuple element or UDT field: null and undefined are both sent as null, and an empty collection is none. */
function nullable(type: CqlType): (x: unknown) => string | null {
  const form = formOf(type);
  const collection = type.kind === 'list' || type.kind === 'set' || type.kind === 'map';
  return (x) => {
    if (x === null || x === undefined) return null;
    const s = form(x);
    return collection && s === EMPTY ? null : s;
  };
}

/** The form of a native value: what its encoder sends, as text. */
function nativeForm(name: NativeTypeName, encode: (v: unknown) => unknown): Form {
  switch (name) {
    case 'text':
    case 'ascii':
      return (v) => encode(v) as string;
    case 'tinyint':
    case 'smallint':
    case 'int':
    case 'float':
    case 'double':
      // -0 and 0 are different floats; NaN is the same NaN.
      return (v) => {
        const n = encode(v) as number;
        return Object.is(n, -0) ? '-0' : String(n);
      };
    case 'boolean':
    case 'bigint':
    case 'counter':
    case 'varint':
      // bigint, Long and the driver's Integer all print their digits.
      return (v) => String(encode(v));
    case 'decimal':
      // Digits and scale: 1.0 and 1.00 are different decimals.
      return (v) => printDecimal(encode(v) as InstanceType<typeof types.BigDecimal>);
    case 'blob':
      // One character per byte: exact, and no larger than the bytes.
      return (v) => (encode(v) as Buffer).toString('latin1');
    case 'timestamp':
      return (v) => String((encode(v) as Date).getTime());
    case 'date':
      return (v) => {
        const e = encode(v);
        return String(e instanceof types.LocalDate ? localDateDays(e) : (e as Buffer).readUInt32BE(0) - 2 ** 31);
      };
    case 'time':
      return (v) => {
        const e = encode(v);
        return e instanceof types.LocalTime ? e.getTotalNanoseconds().toString() : (e as Buffer).readBigInt64BE(0).toString();
      };
    case 'uuid':
    case 'timeuuid':
      return (v) => String(encode(v)).toLowerCase();
    case 'inet':
      // By address bytes: '::1' and '0:0:0:0:0:0:0:1' are one address.
      return (v) => (encode(v) as Buffer).toString('hex');
    case 'duration':
      return (v) => {
        const d = encode(v) as unknown as { months: number; days: number; nanoseconds: { toString(): string } };
        return `${d.months}:${d.days}:${d.nanoseconds.toString()}`;
      };
  }
}

/** A UDT named by string, with no class to read its fields from: its own properties, in name order. */
function untypedForm(v: unknown): string {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw NOT_A_VALUE;
  const src = v as Record<string, unknown>;
  return JSON.stringify(
    Object.keys(src)
      .filter((k) => src[k] !== undefined)
      .sort()
      .map((k) => [k, plain(src[k])]),
  );
}

/** A value of unknown type as JSON-able data, exactly enough to tell values apart. */
function plain(x: unknown): unknown {
  if (x === null || x === undefined) return null;
  if (typeof x === 'bigint') return { n: String(x) };
  if (typeof x === 'number') return Object.is(x, -0) ? { f: '-0' } : Number.isFinite(x) ? x : { f: String(x) };
  if (typeof x === 'string' || typeof x === 'boolean') return x;
  if (x instanceof Date) return { t: x.getTime() };
  if (Buffer.isBuffer(x)) return { b: x.toString('latin1') };
  if (Array.isArray(x)) return x.map(plain);
  if (x instanceof Set) return { s: [...x].map((e) => JSON.stringify(plain(e))).sort() };
  if (x instanceof Map) return { m: [...x].map(([k, e]) => [JSON.stringify(plain(k)), plain(e)] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) };
  if (typeof x === 'object') {
    const o = x as Record<string, unknown>;
    return { o: Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => [k, plain(o[k])]) };
  }
  throw NOT_A_VALUE;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}
