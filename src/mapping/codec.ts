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
import { InvalidValueError, MappingError, type ValueLocation } from '../errors.js';
import { printDecimal } from './decimal.js';
import { localDateDays, printDate, printDuration } from './temporal.js';
import { inetInCollection, nativeCheck, printInet, refuse, shown } from './value-checks.js';

export { parseDecimal, printDecimal } from './decimal.js';

const { types } = cassandra;

/** Converts one value; `undefined` from a decoder/encoder table means "pass through unchanged". */
export type Convert = (value: unknown) => unknown;

/** How the connection's driver decodes maps: native `Map` (exact) or plain objects (string keys only). */
export type MapMode = 'map' | 'object';

const IDENTITY = new Set(['ascii', 'text', 'int', 'smallint', 'tinyint', 'float', 'double', 'boolean', 'blob', 'timestamp']);
// Key types a plain object can take as its (string) keys when written by the user.
const STRING_KEYS = new Set(['ascii', 'text', 'uuid', 'timeuuid', 'inet', 'date', 'time', 'decimal']);
// Key types whose text survives the driver's object-decoded maps exactly, in both directions. inet and
// decimal are not among them: the driver prints and parses their text loosely ('1e5' is read as 1,
// and its IPv6 printer can move '::'), so those keys need native Map decoding.
const OBJECT_STRING_KEYS = new Set(['ascii', 'text', 'uuid', 'timeuuid', 'date', 'time']);
// Key types an object-decoded map can be written with: the driver parses each key's text back
// exactly. Not float/double (-0 prints as '0') nor boolean (the driver reads any non-empty text as true).
const OBJECT_KEYS = new Set([...OBJECT_STRING_KEYS, 'int', 'smallint', 'tinyint', 'bigint', 'varint']);

/** The text of a checked map key for an object-decoded map, in a form the driver parses back exactly. */
function objectKeyText(keyName: string, encoded: unknown): string {
  if (Buffer.isBuffer(encoded)) {
    if (keyName === 'date') return printDate(encoded.readUInt32BE(0) - 2 ** 31);
    if (keyName === 'time') return new types.LocalTime(types.Long.fromString(encoded.readBigInt64BE(0).toString())).toString();
  }
  return String(encoded);
}

function toBigInt(v: unknown): unknown {
  if (typeof v === 'bigint' || v === null || v === undefined) return v;
  return BigInt(String(v));
}

function fromDecimal(v: unknown): unknown {
  return v instanceof types.BigDecimal ? printDecimal(v) : toStr(v);
}

function fromDuration(v: unknown): unknown {
  return v instanceof types.Duration ? printDuration(v) : toStr(v);
}

function fromDate(v: unknown): unknown {
  return v instanceof types.LocalDate ? printDate(localDateDays(v)) : toStr(v);
}

function fromInet(v: unknown): unknown {
  return v instanceof types.InetAddress ? printInet(v.getBuffer()) : toStr(v);
}

/** The encoder of an element inside a list, set or map (where an IPv4-mapped inet would change). */
function elementEncoder(type: CqlType, mode: MapMode): Convert {
  return type.kind === 'native' && type.name === 'inet' ? inetInCollection : encoderFor(type, mode);
}

function fromUuid(v: unknown): unknown {
  if (v instanceof types.Uuid) {
    const bytes = (v as unknown as { buffer: unknown }).buffer;
    if (bytes instanceof Uint8Array && bytes.length === 16) return uuidText(bytes);
  }
  return toStr(v);
}

// uuid text written into one reused buffer and read out as one flat string: the driver's toString
// builds a hex string, five substrings and a chain of concatenations per value (about 5 times the
// CPU and garbage, most of it on every uuid and timeuuid cell read).
const HEX_PAIRS = new Uint8Array(512);
for (let i = 0; i < 256; i++) {
  const pair = i.toString(16).padStart(2, '0');
  HEX_PAIRS[2 * i] = pair.charCodeAt(0);
  HEX_PAIRS[2 * i + 1] = pair.charCodeAt(1);
}
/** Where each of the 16 bytes' two hex digits go in 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx'. */
const UUID_POSITIONS = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
const UUID_SCRATCH = Buffer.alloc(36, '-');

/** The canonical lower-case text of 16 uuid bytes. */
export function uuidText(bytes: Uint8Array): string {
  const out = UUID_SCRATCH;
  for (let i = 0; i < 16; i++) {
    const at = UUID_POSITIONS[i]!;
    const pair = bytes[i]! << 1;
    out[at] = HEX_PAIRS[pair]!;
    out[at + 1] = HEX_PAIRS[pair + 1]!;
  }
  return out.toString('latin1', 0, 36);
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
const encoders = { map: new WeakMap<CqlType, Convert>(), object: new WeakMap<CqlType, Convert>() };

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

/**
 * The encoder of a CQL type (entity value → driver value): checks the value and converts it, or
 * throws InvalidValueError. `null` and `undefined` are the caller's to handle (unset / delete).
 */
export function encoderFor(type: CqlType, mode: MapMode = 'map'): Convert {
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
      if (type.name === 'duration') return fromDuration;
      if (type.name === 'date') return fromDate;
      if (type.name === 'inet') return fromInet;
      if (type.name === 'uuid' || type.name === 'timeuuid') return fromUuid;
      return toStr;
    case 'list': {
      const el = decoderFor(type.element, mode);
      // The driver decodes a new array for every cell and keeps no reference to it: its elements are
      // converted where they are instead of into a second array.
      return (v) => {
        if (v == null) return [];
        if (el === null) return v;
        const arr = v as unknown[];
        for (let i = 0; i < arr.length; i++) arr[i] = el(arr[i]);
        return arr;
      };
    }
    case 'set': {
      const el = decoderFor(type.element, mode);
      return (v) => {
        if (v == null) return new Set();
        // A native Set of elements that need no conversion is the cell's own (made for it alone, like
        // the list array above): handed on as it is.
        if (el === null && v instanceof Set && v.constructor === Set) return v;
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
        if (v == null) return new Map<unknown, unknown>();
        if (k === null && val === null && v instanceof Map && v.constructor === Map) return v;
        const out = new Map<unknown, unknown>();
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
        // The driver's Vector is a Proxy whose iteration costs about 3 µs per 128 floats; its `elements`
        // array is taken as it is instead: the driver made it for this row alone and keeps no reference.
        const elements = v instanceof types.Vector ? (v.elements as unknown[]) : undefined;
        if (elements !== undefined && el === null) return elements;
        const out: unknown[] = [];
        for (const x of (elements ?? v) as Iterable<unknown>) out.push(apply(el, x));
        return out;
      };
    }
    case 'udt': {
      const udt = udtOf(type);
      if (udt === undefined) return null;
      const fields = udt.fields.map((f) => ({ name: f.name, property: f.property, decode: decoderFor(f.type, mode) }));
      const proto = (udt.target as unknown as { prototype: object }).prototype;
      return udtDecoder(proto, fields);
    }
  }
}

/**
 * A UDT value's decoder: one generated function per UDT, like the entity hydrator, with a constructor
 * whose prototype is the UDT class's and a literal store per field (no loop, no per-field lookups).
 * Without code generation (--disallow-code-generation-from-strings), the same mapping as a loop.
 */
function udtDecoder(proto: object, fields: readonly { name: string; property: string; decode: Convert | null }[]): Convert {
  try {
    // The generated body only reads and writes fixed keys (JSON-quoted); no user value becomes code.
    const lines = fields.map((f, i) => {
      const from = `src[${JSON.stringify(f.name)}]`;
      const to = `this[${JSON.stringify(f.property)}]`;
      return f.decode === null ? `v = ${from}; ${to} = v === undefined ? null : v;` : `v = ${from}; ${to} = d${i}(v === undefined ? null : v);`;
    });
    const factory = new Function(
      'proto', ...fields.map((_f, i) => `d${i}`),
      `function U(src) { let v; ${lines.join(' ')} } U.prototype = proto; return function decodeUdt(v) { return v == null ? v : new U(v); };`,
    ) as (...args: unknown[]) => Convert;
    return factory(proto, ...fields.map((f) => f.decode));
  } catch {
    return (v) => {
      if (v == null) return v;
      const out = Object.create(proto) as Record<string, unknown>;
      const src = v as Record<string, unknown>;
      for (const f of fields) out[f.property] = apply(f.decode, src[f.name] ?? null);
      return out;
    };
  }
}

function objectKey(keyName: string, key: string, type: CqlType): unknown {
  if (OBJECT_STRING_KEYS.has(keyName)) return key;
  if (['int', 'smallint', 'tinyint'].includes(keyName)) return Number(key);
  if (['bigint', 'varint'].includes(keyName)) return BigInt(key);
  if (keyName === 'boolean') return key === 'true';
  throw MappingError.mapEncodingRequired(describe(type), keyName || describe((type as { key: CqlType }).key));
}

// Every encoder checks its value (see value-checks.ts) and converts it for the driver; none is null,
// so no value reaches the driver unchecked. A refusal inside a collection, tuple, vector or UDT gets
// the element's place (`[2]`, `{key}`, `.street`) in front of its path on its way out.
function buildEncoder(type: CqlType, mode: MapMode): Convert {
  switch (type.kind) {
    case 'native':
      return nativeCheck(type.name);
    case 'list':
    case 'set': {
      const el = elementEncoder(type.element, mode);
      const kind = type.kind;
      const text = describe(type);
      return (v) => {
        let arr: readonly unknown[];
        if (Array.isArray(v)) arr = v;
        else if (kind === 'set' && v instanceof Set) arr = [...v];
        else throw refuse(text, `${shown(v)} is not ${kind === 'list' ? 'an array' : 'a Set or an array'}`);
        if (arr.length === 0) return EMPTY_COLLECTION;
        const out = new Array<unknown>(arr.length);
        let i = 0;
        try {
          for (; i < arr.length; i++) {
            const x = arr[i];
            if (x == null) throw refuse(text, `${x === null ? 'null' : 'undefined'} is not allowed inside a ${kind}`);
            out[i] = el(x);
          }
        } catch (error) {
          throw within(error, `[${i}]`);
        }
        return out;
      };
    }
    case 'map': {
      const k = elementEncoder(type.key, mode);
      const val = elementEncoder(type.value, mode);
      const keyName = type.key.kind === 'native' ? type.key.name : '';
      const text = describe(type);
      return (v) => {
        let entries: [unknown, unknown][];
        if (v instanceof Map) entries = [...v.entries()];
        else if (isPlainObject(v)) {
          if (!STRING_KEYS.has(keyName)) {
            throw refuse(text, `a plain object's keys are strings, which ${describe(type.key)} keys are not; pass a Map`);
          }
          entries = Object.entries(v);
        } else throw refuse(text, `${shown(v)} is not a Map (or a plain object for text keys)`);
        if (entries.length === 0) return EMPTY_COLLECTION;
        if (mode === 'object' && !OBJECT_KEYS.has(keyName)) throw MappingError.mapEncodingRequired(text, keyName || describe(type.key));
        const keys = new Array<unknown>(entries.length);
        const values = new Array<unknown>(entries.length);
        let i = 0;
        let step = '';
        try {
          for (; i < entries.length; i++) {
            const [mk, mv] = entries[i]!;
            step = `{#${i} key}`;
            if (mk == null) throw refuse(text, `${mk === null ? 'null' : 'undefined'} is not allowed as a map key`);
            keys[i] = k(mk);
            step = `{${keyStep(mk, i)}}`;
            if (mv == null) throw refuse(text, `${mv === null ? 'null' : 'undefined'} is not allowed as a map value`);
            values[i] = val(mv);
          }
        } catch (error) {
          throw within(error, step);
        }
        if (mode === 'map') {
          const out = new Map<unknown, unknown>();
          for (let j = 0; j < keys.length; j++) out.set(keys[j], values[j]);
          return out;
        }
        // The driver parses each key's text as the key type: the text of the checked key, not of what
        // the user passed (a Date for a date key, a number for an int key).
        const out: Record<string, unknown> = {};
        for (let j = 0; j < keys.length; j++) out[objectKeyText(keyName, keys[j])] = values[j];
        return out;
      };
    }
    case 'tuple': {
      const els = type.elements.map((t) => encoderFor(t, mode));
      const text = describe(type);
      return (input) => {
        let v: readonly unknown[];
        if (input instanceof types.Tuple) {
          // The driver's Tuple is checked element by element like an array.
          if (input.length !== els.length) throw refuse(text, `a Tuple of ${input.length} elements does not fit a tuple of ${els.length}`);
          v = input.elements;
        } else if (Array.isArray(input)) v = input;
        else throw refuse(text, `${shown(input)} is not an array`);
        if (v.length !== els.length) throw refuse(text, `${shown(v)} does not fit a tuple of ${els.length} elements`);
        const out = new Array<unknown>(els.length);
        let i = 0;
        try {
          for (; i < els.length; i++) {
            const x: unknown = v[i];
            out[i] = x == null ? null : els[i]!(x);
          }
        } catch (error) {
          throw within(error, `[${i}]`);
        }
        return new types.Tuple(...out);
      };
    }
    case 'vector': {
      const el = encoderFor(type.element, mode);
      const sub = type.element.kind === 'native' ? type.element.name : undefined;
      const text = describe(type);
      return (input) => {
        let v: ArrayLike<unknown>;
        // Arrays first: the driver's Vector counts a Float32Array as one of its instances.
        if (Array.isArray(input) || input instanceof Float32Array || input instanceof Float64Array) v = input as ArrayLike<unknown>;
        else if (input instanceof types.Vector) {
          // The driver's Vector is checked element by element like an array.
          if (input.length !== type.dimension) throw refuse(text, `a Vector of ${input.length} elements does not fit ${type.dimension} dimensions`);
          v = input.elements as ArrayLike<unknown>;
        } else throw refuse(text, `${shown(input)} is not an array of ${type.dimension} numbers`);
        if (v.length !== type.dimension) throw refuse(text, `${v.length} element${v.length === 1 ? '' : 's'} do not fit ${type.dimension} dimensions`);
        const out = new Array<unknown>(v.length);
        let i = 0;
        try {
          for (; i < v.length; i++) {
            const x: unknown = v[i];
            if (x == null) throw refuse(text, `${x === null ? 'null' : 'undefined'} is not allowed inside a vector`);
            out[i] = el(x);
          }
        } catch (error) {
          throw within(error, `[${i}]`);
        }
        if (type.nonZero === true && out.every((x) => x === 0)) {
          throw refuse(text, 'an all-zero vector has no cosine similarity; Cassandra fails its write to a column with a cosine vector index');
        }
        return new types.Vector(out, sub);
      };
    }
    case 'udt': {
      const udt = udtOf(type);
      const text = describe(type);
      if (udt === undefined) {
        // A UDT named by string, with no class: nothing to check its fields against.
        return (v) => {
          if (!isPlainObject(v)) throw refuse(text, `${shown(v)} is not a plain object`);
          return v;
        };
      }
      const target = udt.target as unknown as abstract new (...args: never[]) => unknown;
      const fields = udt.fields.map((f) => ({ name: f.name, property: f.property, encode: encoderFor(f.type, mode) }));
      const known = new Set(udt.fields.map((f) => f.property));
      return (v) => {
        // A plain object or an instance of the UDT's class: any other object (a Date, a Map, another
        // class) would be read field by field as nothing and written as a UDT of nulls.
        if (!isPlainObject(v) && !(v instanceof target)) throw refuse(text, `${shown(v)} is neither a plain object nor a ${udt.name}`);
        const src = v as Record<string, unknown>;
        const keys = Object.keys(src);
        for (let i = 0; i < keys.length; i++) {
          const key = keys[i]!;
          if (!known.has(key) && src[key] !== undefined) throw refuse(text, `its property #${i + 1} is not a field of ${udt.name} (its fields: ${[...known].join(', ')})`);
        }
        const out: Record<string, unknown> = {};
        let f = fields[0];
        try {
          for (f of fields) {
            const x = src[f.property];
            out[f.name] = x == null ? null : f.encode(x);
          }
        } catch (error) {
          throw within(error, `.${f?.property ?? ''}`);
        }
        return out;
      };
    }
  }
}

/** `error` with `step` in front of its path when it is a refusal; anything else as it is. */
function within(error: unknown, step: string): unknown {
  return error instanceof InvalidValueError ? error.within(step) : error;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A map entry as a path step: by its key when a number, bigint or boolean, else by its position (`#2`), so no text key is echoed. */
function keyStep(key: unknown, index: number): string {
  return typeof key === 'number' || typeof key === 'bigint' || typeof key === 'boolean' ? String(key) : `#${index}`;
}

const seenTypeLists = new WeakSet<readonly unknown[]>();
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
    listEncoders[mode].set(paramTypes, list);
  }
  return list;
}

/** Where each bound value of a statement is headed, for the errors of values that do not fit. */
export type ParamSlots = readonly (ValueLocation | undefined)[];

/**
 * Checks and encodes compiled parameters for the driver (types from compile(); `undefined` stays
 * unset, `null` stays null). A value that does not fit throws InvalidValueError naming its slot.
 */
export function encodeParams(params: readonly unknown[], paramTypes: readonly (CqlType | undefined)[], mode: MapMode = 'map', slots?: ParamSlots): unknown[] {
  return encodeInto(params, paramTypes, mode, false, slots);
}

/**
 * `encodeParams` into `params` itself: for an array built for this one statement and handed over
 * (a repository's own insert or patch), which nothing else reads. Saves the copy, one array per write.
 * @internal
 */
export function encodeOwnParams(params: unknown[], paramTypes: readonly (CqlType | undefined)[], mode: MapMode, slots?: ParamSlots): unknown[] {
  return encodeInto(params, paramTypes, mode, true, slots);
}

function encodeInto(params: readonly unknown[], paramTypes: readonly (CqlType | undefined)[], mode: MapMode, inPlace: boolean, slots: ParamSlots | undefined): unknown[] {
  const encoders = encodersOf(paramTypes, mode);
  const out = inPlace ? (params as unknown[]) : new Array<unknown>(params.length);
  let i = 0;
  try {
    for (; i < params.length; i++) {
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
  } catch (error) {
    throw located(error, slots?.[i]);
  }
  return out;
}

/** A refusal naming `slot` (when known); anything else as it is. */
export function located(error: unknown, slot: ValueLocation | undefined): unknown {
  return error instanceof InvalidValueError && slot !== undefined ? error.at(slot) : error;
}

/** A CQL type as text, for messages. */
export function typeText(type: CqlType): string {
  return describe(type);
}
