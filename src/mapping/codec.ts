// Values in and out of CQL without loss. One encoder and one decoder per CQL type, built once and
// cached, so hydration never inspects a type per row.
//
// Entity-side representation (documented in the README):
//   bigint, varint, counter → bigint      decimal → string (exact digits and scale, Java BigDecimal text)
//   timestamp → Date (ms)                 date → 'YYYY-MM-DD'     time → 'HH:MM:SS.nnnnnnnnn'
//   duration → string ('1mo2d3h4m')       uuid, timeuuid, inet → string
//   blob → Buffer                         list → array, set → Set, map → Map (never null on read)
//   tuple → array                         udt → instance of its class    vector → number[]
import cassandra from 'cassandra-driver';
import type { CqlType, UdtMetadata } from '../metadata/entity-metadata.js';
import { MappingError } from '../errors.js';
import { parseDecimal, printDecimal } from './decimal.js';

export { parseDecimal, printDecimal } from './decimal.js';

const { types } = cassandra;

/** Converts one value; `undefined` from a decoder/encoder table means "pass through unchanged". */
export type Convert = (value: unknown) => unknown;

/** How the connection's driver decodes maps: native `Map` (exact) or plain objects (string keys only). */
export type MapMode = 'map' | 'object';

const IDENTITY = new Set(['ascii', 'text', 'int', 'smallint', 'tinyint', 'float', 'double', 'boolean', 'blob', 'timestamp']);
const STRING_KEYS = new Set(['ascii', 'text', 'uuid', 'timeuuid', 'inet', 'date', 'time', 'decimal']);

function toBigInt(v: unknown): unknown {
  if (typeof v === 'bigint' || v === null || v === undefined) return v;
  return BigInt(String(v));
}

function fromDecimal(v: unknown): unknown {
  return v instanceof types.BigDecimal ? printDecimal(v) : toStr(v);
}

function toStr(v: unknown): unknown {
  return v === null || v === undefined ? v : String(v);
}

function udtOf(type: Extract<CqlType, { kind: 'udt' }>): UdtMetadata | undefined {
  return type.udt?.();
}

function describe(type: CqlType): string {
  switch (type.kind) {
    case 'native':
      return type.name;
    case 'list':
    case 'set':
      return `${type.kind}<${describe(type.element)}>`;
    case 'map':
      return `map<${describe(type.key)}, ${describe(type.value)}>`;
    case 'tuple':
      return `tuple<${type.elements.map(describe).join(', ')}>`;
    case 'vector':
      return `vector<${describe(type.element)}, ${type.dimension}>`;
    case 'udt':
      return type.name;
  }
}

/** An encoded empty collection (element count 0). The driver would send null, which it cannot nest. */
const EMPTY_COLLECTION = Buffer.alloc(4);

const decoders = { map: new WeakMap<CqlType, Convert | null>(), object: new WeakMap<CqlType, Convert | null>() };
const encoders = { map: new WeakMap<CqlType, Convert | null>(), object: new WeakMap<CqlType, Convert | null>() };

/** The decoder of a CQL type (driver value → entity value), or null when the driver's value is already right. */
export function decoderFor(type: CqlType, mode: MapMode = 'map'): Convert | null {
  const cache = decoders[mode];
  let d = cache.get(type);
  if (d === undefined) {
    d = buildDecoder(type, mode);
    cache.set(type, d);
  }
  return d;
}

/** The encoder of a CQL type (entity value → driver value), or null when the value can go as is. */
export function encoderFor(type: CqlType, mode: MapMode = 'map'): Convert | null {
  const cache = encoders[mode];
  let e = cache.get(type);
  if (e === undefined) {
    e = buildEncoder(type, mode);
    cache.set(type, e);
  }
  return e;
}

const apply = (f: Convert | null, v: unknown): unknown => (f === null ? v : f(v));

function buildDecoder(type: CqlType, mode: MapMode): Convert | null {
  switch (type.kind) {
    case 'native':
      if (IDENTITY.has(type.name)) return null;
      if (type.name === 'bigint' || type.name === 'varint' || type.name === 'counter') return toBigInt;
      if (type.name === 'decimal') return fromDecimal;
      return toStr;
    case 'list': {
      const el = decoderFor(type.element, mode);
      return (v) => (v == null ? [] : el === null ? v : (v as unknown[]).map(el));
    }
    case 'set': {
      const el = decoderFor(type.element, mode);
      return (v) => {
        if (v == null) return new Set();
        const out = new Set<unknown>();
        for (const x of v as Iterable<unknown>) out.add(apply(el, x));
        return out;
      };
    }
    case 'map': {
      const k = decoderFor(type.key, mode);
      const val = decoderFor(type.value, mode);
      const keyName = type.key.kind === 'native' ? type.key.name : '';
      return (v) => {
        const out = new Map<unknown, unknown>();
        if (v == null) return out;
        if (v instanceof Map) {
          for (const [mk, mv] of v) out.set(apply(k, mk), apply(val, mv));
          return out;
        }
        for (const [mk, mv] of Object.entries(v as Record<string, unknown>)) out.set(objectKey(keyName, mk, type), apply(val, mv));
        return out;
      };
    }
    case 'tuple': {
      const els = type.elements.map((t) => decoderFor(t, mode));
      return (v) => {
        if (v == null) return v;
        const values = v instanceof types.Tuple ? v.elements : (v as unknown[]);
        return els.map((d, i) => apply(d, values[i] ?? null));
      };
    }
    case 'vector': {
      const el = decoderFor(type.element, mode);
      return (v) => {
        if (v == null) return v;
        const out: unknown[] = [];
        for (const x of v as Iterable<unknown>) out.push(apply(el, x));
        return out;
      };
    }
    case 'udt': {
      const udt = udtOf(type);
      if (udt === undefined) return null;
      const fields = udt.fields.map((f) => ({ name: f.name, property: f.property, decode: decoderFor(f.type, mode) }));
      const proto = (udt.target as unknown as { prototype: object }).prototype;
      return (v) => {
        if (v == null) return v;
        const out = Object.create(proto) as Record<string, unknown>;
        const src = v as Record<string, unknown>;
        for (const f of fields) out[f.property] = apply(f.decode, src[f.name] ?? null);
        return out;
      };
    }
  }
}

function objectKey(keyName: string, key: string, type: CqlType): unknown {
  if (STRING_KEYS.has(keyName)) return key;
  if (['int', 'smallint', 'tinyint', 'float', 'double'].includes(keyName)) return Number(key);
  if (['bigint', 'varint'].includes(keyName)) return BigInt(key);
  if (keyName === 'boolean') return key === 'true';
  throw MappingError.mapEncodingRequired(describe(type), keyName || describe((type as { key: CqlType }).key));
}

function buildEncoder(type: CqlType, mode: MapMode): Convert | null {
  switch (type.kind) {
    case 'native':
      switch (type.name) {
        case 'bigint':
        case 'varint':
        case 'counter':
          return (v) => (typeof v === 'number' ? BigInt(v) : v);
        case 'duration':
          return (v) => (typeof v === 'string' ? types.Duration.fromString(v) : v);
        case 'decimal':
          return (v) => (typeof v === 'string' ? parseDecimal(v) : typeof v === 'number' ? parseDecimal(String(v)) : v);
        default:
          return null;
      }
    case 'list':
    case 'set': {
      const el = encoderFor(type.element, mode);
      return (v) => {
        if (v == null) return v;
        const arr = Array.isArray(v) ? v : [...(v as Iterable<unknown>)];
        if (arr.length === 0) return EMPTY_COLLECTION;
        return el === null ? arr : arr.map(el);
      };
    }
    case 'map': {
      const k = encoderFor(type.key, mode);
      const val = encoderFor(type.value, mode);
      const keyName = type.key.kind === 'native' ? type.key.name : '';
      return (v) => {
        if (v == null) return v;
        const entries = v instanceof Map ? [...v.entries()] : Object.entries(v as Record<string, unknown>);
        if (entries.length === 0) return EMPTY_COLLECTION;
        if (mode === 'map') return new Map(entries.map(([mk, mv]) => [apply(k, mk), apply(val, mv)]));
        if (!STRING_KEYS.has(keyName)) throw MappingError.mapEncodingRequired(describe(type), keyName || describe(type.key));
        const out: Record<string, unknown> = {};
        for (const [mk, mv] of entries) out[String(mk)] = apply(val, mv);
        return out;
      };
    }
    case 'tuple': {
      const els = type.elements.map((t) => encoderFor(t, mode));
      return (v) => {
        if (v == null || v instanceof types.Tuple) return v;
        const arr = v as unknown[];
        return new types.Tuple(...els.map((e, i) => apply(e, arr[i] ?? null)));
      };
    }
    case 'vector': {
      const el = encoderFor(type.element, mode);
      const sub = type.element.kind === 'native' ? type.element.name : undefined;
      return (v) => {
        if (v == null || v instanceof types.Vector) return v;
        const arr = Array.from(v as Iterable<unknown>);
        if (arr.length !== type.dimension) throw MappingError.badValue(describe(type), `${type.dimension} elements`, arr);
        return new types.Vector(el === null ? arr : arr.map(el), sub);
      };
    }
    case 'udt': {
      const udt = udtOf(type);
      if (udt === undefined) return null;
      const fields = udt.fields.map((f) => ({ name: f.name, property: f.property, encode: encoderFor(f.type, mode) }));
      return (v) => {
        if (v == null) return v;
        const src = v as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const f of fields) {
          const x = src[f.property];
          out[f.name] = x === undefined ? null : apply(f.encode, x);
        }
        return out;
      };
    }
  }
}

const seenTypeLists = new WeakSet<readonly unknown[]>();
/** The cached encoders of a type list none of whose values needs converting. */
const NO_ENCODERS: readonly (Convert | null)[] = Object.freeze([]);
const listEncoders = { map: new WeakMap<readonly unknown[], readonly (Convert | null)[]>(), object: new WeakMap<readonly unknown[], readonly (Convert | null)[]>() };

/** Encoders of a type list that statements share (prebuilt INSERT/SELECT): looked up once, not per parameter. */
function encodersOf(paramTypes: readonly (CqlType | undefined)[], mode: MapMode): readonly (Convert | null)[] | undefined {
  let list = listEncoders[mode].get(paramTypes);
  if (list === undefined) {
    // Cache a list only the second time it is seen: one-off statements do not fill the cache.
    if (!seenTypeLists.has(paramTypes)) {
      seenTypeLists.add(paramTypes);
      return undefined;
    }
    list = Object.freeze(paramTypes.map((t) => (t === undefined ? null : encoderFor(t, mode))));
    if (list.every((e) => e === null)) list = NO_ENCODERS;
    listEncoders[mode].set(paramTypes, list);
  }
  return list;
}

/** Encodes compiled parameters for the driver (types from compile(); `undefined` stays unset). */
export function encodeParams(params: readonly unknown[], paramTypes: readonly (CqlType | undefined)[], mode: MapMode = 'map'): unknown[] {
  return encodeInto(params, paramTypes, mode, false);
}

/**
 * `encodeParams` into `params` itself: for an array built for this one statement and handed over
 * (a repository's own insert or patch), which nothing else reads. Saves the copy, one array per write.
 * @internal
 */
export function encodeOwnParams(params: unknown[], paramTypes: readonly (CqlType | undefined)[], mode: MapMode): unknown[] {
  return encodeInto(params, paramTypes, mode, true);
}

function encodeInto(params: readonly unknown[], paramTypes: readonly (CqlType | undefined)[], mode: MapMode, inPlace: boolean): unknown[] {
  const encoders = encodersOf(paramTypes, mode);
  // Nothing to convert (text, int, double, timestamp...): a plain copy. The loop below, once several
  // statements of different types had gone through it, cost about 0.15 µs per update against a
  // stubbed driver (its element loads and stores stop being specialised); slice() stays cheap.
  if (encoders === NO_ENCODERS) return inPlace ? (params as unknown[]) : params.slice();
  const out = inPlace ? (params as unknown[]) : new Array<unknown>(params.length);
  for (let i = 0; i < params.length; i++) {
    const v = params[i];
    if (v === undefined || v === null) {
      out[i] = v;
      continue;
    }
    let e: Convert | null;
    if (encoders !== undefined) e = encoders[i] ?? null;
    else {
      const t = paramTypes[i];
      e = t === undefined ? null : encoderFor(t, mode);
    }
    out[i] = e === null ? v : e(v);
  }
  return out;
}

/** A CQL type as text, for messages. */
export function typeText(type: CqlType): string {
  return describe(type);
}
