// The check of every native CQL type: a value an entity holds is either converted to what the driver
// sends unchanged, or refused with an InvalidValueError saying why. Nothing is coerced: '7' is not an
// int, 1.5 is not an int, '2023-02-29' is not a date. The driver itself converts loosely (it truncates
// 1.5 to 1, reads '2024-13-01' as 2025-01-01, sends a zero duration for 'forever'), so every value the
// library binds passes through one of these first.
import { isIP } from 'node:net';
import cassandra from 'cassandra-driver';
import type { NativeTypeName } from '../metadata/entity-metadata.js';
import { InvalidValueError } from '../errors.js';
import { parseDecimal } from './decimal.js';
import { parseDate, dateBytes, parseDuration, parseTime, timeBytes } from './temporal.js';

const { types } = cassandra;

/** Converts one value for the driver, or throws InvalidValueError. */
export type Check = (value: unknown) => unknown;

/** How a value is named in a message: numbers, bigints and booleans as they are, anything else by kind and size only. */
export function shown(v: unknown): string {
  switch (typeof v) {
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'bigint':
      return `${v}n`;
    case 'boolean':
      return String(v);
    case 'string':
      return `a string of ${v.length} character${v.length === 1 ? '' : 's'}`;
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
  }
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length} element${v.length === 1 ? '' : 's'}`;
  if (Buffer.isBuffer(v)) return `a Buffer of ${v.length} byte${v.length === 1 ? '' : 's'}`;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'an invalid Date' : 'a Date';
  if (v instanceof Map) return `a Map of ${v.size} entr${v.size === 1 ? 'y' : 'ies'}`;
  if (v instanceof Set) return `a Set of ${v.size} element${v.size === 1 ? '' : 's'}`;
  const ctor = (v as { constructor?: { name?: unknown } }).constructor;
  return typeof ctor?.name === 'string' && ctor.name !== '' && ctor.name !== 'Object' ? `a ${ctor.name}` : 'an object';
}

/** The refusal of a value of CQL type `type`. */
export function refuse(type: string, reason: string, cause?: unknown): InvalidValueError {
  return new InvalidValueError(reason, type, '', undefined, cause === undefined ? undefined : { cause });
}

const notA = (type: string, v: unknown, takes: string): InvalidValueError => refuse(type, `${shown(v)} is not ${takes}; ${type} takes ${takes}`);

const MIN64 = -(2n ** 63n);
const MAX64 = 2n ** 63n - 1n;
const FLOAT_MAX = 3.4028234663852886e38;

function integer(type: NativeTypeName, min: number, max: number): Check {
  return (v) => {
    if (typeof v !== 'number') throw notA(type, v, 'an integer number');
    if (Number.isInteger(v) && v >= min && v <= max) return v;
    throw refuse(type, Number.isInteger(v) ? `${shown(v)} is out of range for ${type} (${min} to ${max})` : `${shown(v)} is not an integer`);
  };
}

/** bigint and counter: a bigint within 64 bits, a safe-integer number, or the driver's Long. */
function int64(type: NativeTypeName): Check {
  return (v) => {
    if (typeof v === 'bigint') {
      if (v >= MIN64 && v <= MAX64) return v;
      throw refuse(type, `${shown(v)} is out of range for ${type} (-2^63 to 2^63-1)`);
    }
    if (typeof v === 'number') return safeInteger(type, v);
    // The connection's driver encodes 64-bit integers from bigint only: the driver's Long is converted.
    if (v instanceof types.Long) return BigInt(v.toString());
    throw notA(type, v, 'a bigint (or a safe-integer number)');
  };
}

function safeInteger(type: NativeTypeName, v: number): bigint {
  if (Number.isSafeInteger(v)) return BigInt(v);
  if (Number.isInteger(v)) throw refuse(type, `${shown(v)} is beyond Number.MAX_SAFE_INTEGER, so it may already be rounded; pass a bigint`);
  throw refuse(type, `${shown(v)} is not an integer`);
}

const varint: Check = (v) => {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return safeInteger('varint', v);
  // The connection's driver encodes varint from bigint only: the driver's Integer is converted.
  if (v instanceof types.Integer) return BigInt(v.toString());
  throw notA('varint', v, 'a bigint (or a safe-integer number)');
};

const float: Check = (v) => {
  if (typeof v !== 'number') throw notA('float', v, 'a number');
  if (Number.isFinite(v) && !Number.isFinite(Math.fround(v))) throw refuse('float', `${shown(v)} is out of range for float (±${FLOAT_MAX})`);
  return v;
};

const double: Check = (v) => {
  if (typeof v !== 'number') throw notA('double', v, 'a number');
  return v;
};

const decimal: Check = (v) => {
  if (typeof v === 'string') return parseDecimal(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw refuse('decimal', `${shown(v)} is not a finite number; decimal has no NaN or infinity`);
    return parseDecimal(String(v));
  }
  if (v instanceof types.BigDecimal) return v;
  throw notA('decimal', v, 'decimal text (or a finite number)');
};

const boolean: Check = (v) => {
  if (typeof v !== 'boolean') throw notA('boolean', v, 'true or false');
  return v;
};

const text: Check = (v) => {
  if (typeof v !== 'string') throw notA('text', v, 'a string');
  if (!(v as unknown as WellFormed).isWellFormed()) throw refuse('text', `${shown(v)} is not well-formed Unicode (it holds a lone surrogate at index ${loneSurrogate(v)})`);
  return v;
};

/** `String.prototype.isWellFormed` (ES2024, in Node 20), which the ES2023 lib does not declare. */
interface WellFormed {
  isWellFormed(): boolean;
}

const NON_ASCII = /[^\x00-\x7f]/;
const ascii: Check = (v) => {
  if (typeof v !== 'string') throw notA('ascii', v, 'a string');
  const bad = NON_ASCII.exec(v);
  if (bad !== null) throw refuse('ascii', `${shown(v)} holds a character beyond 7-bit ASCII at index ${bad.index}`);
  return v;
};

function loneSurrogate(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return i;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}

const blob: Check = (v) => {
  if (Buffer.isBuffer(v)) return v;
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  throw notA('blob', v, 'a Buffer (or a Uint8Array)');
};

/** Milliseconds a JavaScript Date can hold either side of the epoch. */
const DATE_LIMIT_MS = 8.64e15;

const timestamp: Check = (v) => {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw refuse('timestamp', 'an invalid Date (its time is NaN) is not a timestamp');
    return v;
  }
  if (typeof v === 'number') {
    if (Number.isInteger(v) && Math.abs(v) <= DATE_LIMIT_MS) return new Date(v);
    throw refuse('timestamp', `${shown(v)} is not a whole number of milliseconds within ±${DATE_LIMIT_MS}`);
  }
  throw notA('timestamp', v, 'a Date (or whole milliseconds since the epoch)');
};

const date: Check = (v) => {
  if (typeof v === 'string') return dateBytes(parseDate(v));
  if (v instanceof types.LocalDate) return v;
  if (v instanceof Date) {
    const ms = v.getTime();
    if (Number.isNaN(ms)) throw refuse('date', 'an invalid Date (its time is NaN) is not a date');
    if (ms % 86_400_000 !== 0) throw refuse('date', 'a Date with a time of day (not 00:00:00.000 UTC) is not a date; a date column holds days only');
    return dateBytes(ms / 86_400_000);
  }
  throw notA('date', v, "'YYYY-MM-DD' text (or a Date at 00:00 UTC, or the driver's LocalDate)");
};

const time: Check = (v) => {
  if (typeof v === 'string') return timeBytes(parseTime(v));
  if (v instanceof types.LocalTime) return v;
  throw notA('time', v, "'HH:MM:SS[.fffffffff]' text (or the driver's LocalTime)");
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const uuid: Check = (v) => {
  if (typeof v === 'string') {
    if (UUID.test(v)) return v;
    throw refuse('uuid', `${shown(v)} is not a UUID (32 hex digits as 8-4-4-4-12)`);
  }
  if (v instanceof types.Uuid) return v;
  throw notA('uuid', v, 'UUID text (or the driver\'s Uuid)');
};

const timeuuid: Check = (v) => {
  if (typeof v === 'string') {
    if (!UUID.test(v)) throw refuse('timeuuid', `${shown(v)} is not a UUID (32 hex digits as 8-4-4-4-12)`);
    if (v[14] !== '1') throw refuse('timeuuid', `${shown(v)} is not a version 1 UUID; timeuuid takes version 1 (time-based) UUIDs only`);
    return v;
  }
  if (v instanceof types.Uuid) {
    const version = v.getBuffer()[6]! >> 4;
    if (version === 1) return v;
    throw refuse('timeuuid', 'a Uuid that is not version 1 is not a timeuuid; timeuuid takes version 1 (time-based) UUIDs only');
  }
  throw notA('timeuuid', v, 'version 1 UUID text (or the driver\'s TimeUuid)');
};

// inet goes to the driver as its address bytes, parsed here: the driver's own parser refuses some
// valid forms (an IPv6 address ending in dotted IPv4 after '::', such as '::1.2.3.4').
const inet: Check = (v) => {
  if (typeof v === 'string') {
    if (!v.includes('%') && isIP(v) !== 0) return inetBytes(v);
    throw refuse('inet', `${shown(v)} is not an IPv4 or IPv6 address`);
  }
  if (v instanceof types.InetAddress) return v.getBuffer();
  throw notA('inet', v, 'IPv4 or IPv6 address text (or the driver\'s InetAddress)');
};

/** The bytes of an address `isIP` accepted: 4 for IPv4, 16 for IPv6 (groups around '::', a dotted IPv4 tail). */
export function inetBytes(text: string): Buffer {
  if (isIP(text) === 4) return Buffer.from(text.split('.').map(Number));
  const out = Buffer.alloc(16);
  const [head = '', tail] = text.split('::') as [string, string | undefined];
  const groups = (part: string): number[] => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (g.includes('.')) {
        const [a, b, c, d] = g.split('.').map(Number) as [number, number, number, number];
        out.push((a << 8) | b, (c << 8) | d);
      } else out.push(parseInt(g, 16));
    }
    return out;
  };
  const front = groups(head);
  const back = tail === undefined ? [] : groups(tail);
  front.forEach((g, i) => out.writeUInt16BE(g, i * 2));
  back.forEach((g, i) => out.writeUInt16BE(g, (8 - back.length + i) * 2));
  return out;
}

/**
 * inet inside a list, set or map: Cassandra stores an IPv4-mapped IPv6 address there as the IPv4
 * address (4 bytes, where a plain column keeps 16), so it would read back as another value: refused.
 */
export const inetInCollection: Check = (v) => {
  const bytes = inet(v) as Buffer;
  if (bytes.length === 16 && bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    throw refuse('inet', `${shown(v)} is an IPv4-mapped IPv6 address, which Cassandra keeps as the IPv4 address inside a collection; write the IPv4 form`);
  }
  return bytes;
};

/** The decimal text of every byte value, made once (an IPv4 address is four of them). */
const BYTE_TEXT: readonly string[] = Array.from({ length: 256 }, (_, i) => String(i));

/** An IP address as text from its bytes: dotted IPv4, or IPv6 with the longest run of zero groups as `::` (RFC 5952). */
export function printInet(bytes: Uint8Array): string {
  if (bytes.length === 4) return `${BYTE_TEXT[bytes[0]!]}.${BYTE_TEXT[bytes[1]!]}.${BYTE_TEXT[bytes[2]!]}.${BYTE_TEXT[bytes[3]!]}`;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      best = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLength).join(':')}`;
}

const duration: Check = (v) => {
  if (typeof v === 'string') return parseDuration(v);
  if (v instanceof types.Duration) return v;
  throw notA('duration', v, "duration text ('1h30m', 'P1DT2H' or 'P0001-02-03T04:05:06')");
};

const CHECKS: Readonly<Record<NativeTypeName, Check>> = {
  tinyint: integer('tinyint', -128, 127),
  smallint: integer('smallint', -32768, 32767),
  int: integer('int', -2147483648, 2147483647),
  bigint: int64('bigint'),
  counter: int64('counter'),
  varint,
  float,
  double,
  decimal,
  boolean,
  text,
  ascii,
  blob,
  timestamp,
  date,
  time,
  uuid,
  timeuuid,
  inet,
  duration,
};

/** The check of a native CQL type. */
export function nativeCheck(name: NativeTypeName): Check {
  return CHECKS[name];
}
