// The native CQL kinds of the round trip: for each type, the values a user may legitimately write
// (edge values included) and the documented read-back form. Where the form read back is a
// normalisation of the one written, the comment on the kind says so and the two compare in the
// canonical form.
import fc from 'fast-check';
import { cql } from '../../../src/metadata/type-input.js';
import { native, NotReadBack, num, type Kind } from './round-trip-kinds.js';
import {
  DECIMAL_TEXT,
  decimalIdentity,
  decimalParts,
  dayText,
  durationKey,
  durationOfRead,
  durationOfWritten,
  durationText,
  inetBytes,
  ipv6Text,
  javaDecimalText,
  timeNanos,
  timeText,
  UUID_READ,
} from './round-trip-forms.js';

/** Mostly `arb`, sometimes one of `edges`: edge values show up in every run, not by luck. */
function withEdges<V>(arb: fc.Arbitrary<V>, edges: readonly V[]): fc.Arbitrary<V> {
  return fc.oneof({ arbitrary: arb, weight: 4 }, { arbitrary: fc.constantFrom(...edges), weight: 1 });
}

function integer(name: string, bits: number): Kind<number> {
  const max = 2 ** (bits - 1) - 1;
  const min = -(2 ** (bits - 1));
  return native(name, withEdges(fc.integer({ min, max }), [min, max, 0, -1, 1]), {
    written: String,
    read: (v, fail) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? String(v) : fail(`an integer in [${min}, ${max}]`)),
  });
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function bigintKind(name: string, values: fc.Arbitrary<bigint>): Kind<bigint> {
  return native(name, values, { written: (v) => `${v}n`, read: (v, fail) => (typeof v === 'bigint' ? `${v}n` : fail('a bigint')) });
}

const ASCII_UNIT = fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c));
const LONE_SURROGATE = /\p{Cs}/u;

// float: every generated value goes through Math.fround (a CQL float is 32 bits).
const FLOAT_EDGES = [-0, 0, NaN, Infinity, -Infinity, 3.4028234663852886e38, -3.4028234663852886e38, 1.401298464324817e-45, -1.1754943508222875e-38, 16777217];
const floatValues = withEdges(fc.oneof(fc.float(), fc.double()), FLOAT_EDGES).map(Math.fround);

/** Days since 1970-01-01 of the first and last day a JavaScript Date (hence the driver's LocalDate) holds. */
const DATE_DAYS = 100_000_000;

const NANOS_PER_DAY = 86_400_000_000_000;

// size 'max': fast-check's default size would cap the digits at 10.
const digitString = (max: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: max, size: 'max' });
const DECIMAL_EDGES = [
  '0', '-0', '0.00', '-0.00', '0E+3', '1.50', '-5.5E-10', '1E-30', '0.000001', '0.0000001', '100E-2', '.5', '5.', '+7',
  '-12345678901234567890.123456789012345678901234567890', '1E+2147483647', '1E-2147483647', '-1E+2147483648',
];
const decimalValues = withEdges(
  fc
    .record({
      sign: fc.constantFrom('', '-', '+'),
      int: fc.oneof(digitString(12), digitString(60)),
      frac: fc.option(fc.oneof(digitString(12), digitString(60)), { nil: undefined }),
      exp: fc.option(fc.record({ e: fc.constantFrom('e', 'E'), plus: fc.boolean(), n: fc.integer({ min: -400, max: 400 }) }), { nil: undefined }),
    })
    .filter(({ int, frac }) => `${int}${frac ?? ''}` !== '')
    .map(({ sign, int, frac, exp }) => `${sign}${int}${frac === undefined ? '' : `.${frac}`}${exp === undefined ? '' : `${exp.e}${exp.plus && exp.n >= 0 ? '+' : ''}${exp.n}`}`),
  DECIMAL_EDGES,
);

const MAX_INT32 = 2n ** 31n - 1n;

const magnitude = (max: bigint): fc.Arbitrary<bigint> => fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 1000n }), fc.bigInt({ min: 0n, max }));
const durationValues = fc
  .record({
    parts: withEdges(fc.record({ months: magnitude(MAX_INT32), days: magnitude(MAX_INT32), nanos: magnitude(INT64_MAX) }), [
      { months: 0n, days: 0n, nanos: 0n },
      { months: 18n, days: 0n, nanos: 0n },
      { months: 1n, days: 2n, nanos: 3_723_004_005_006n },
      { months: MAX_INT32, days: MAX_INT32, nanos: INT64_MAX },
    ]),
    negative: fc.boolean(),
    style: fc.record({ years: fc.boolean(), weeks: fc.boolean(), nanoUnits: fc.boolean(), micro: fc.constantFrom('us' as const, 'µs' as const), iso: fc.boolean() }),
  })
  .map(({ parts, negative, style }) => durationText(parts, negative, style));

// Zero groups are likely, so addresses have the zero runs that '::' compresses.
const ipv6Group = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
const inetValues = withEdges(
  fc.oneof(
    fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }).map((b) => b.join('.')),
    fc
      .tuple(fc.array(ipv6Group, { minLength: 8, maxLength: 8 }), fc.record({ pad: fc.boolean(), upper: fc.boolean(), compress: fc.option(fc.nat(3), { nil: undefined }) }))
      .map(([groups, style]) => ipv6Text(groups, style)),
    fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }).map((b) => `::ffff:${b.join('.')}`),
  ),
  // Last: two one-group zero runs, the first of which a shorter-run-first printer may choose.
  ['0.0.0.0', '255.255.255.255', '127.0.0.1', '::', '::1', '1::', 'fe80::1', '2001:db8::ff00:42:8329', '::ffff:192.0.2.1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '0:1:0:1:1:1:1:1'],
);

/** uuid text is case-insensitive on input (RFC 9562) and the driver prints it in lower case. */
function uuidKind(name: string, values: fc.Arbitrary<string>, edges: string[], version?: number): Kind<string> {
  const cased = fc.tuple(withEdges(values, edges), fc.boolean()).map(([u, upper]) => (upper ? u.toUpperCase() : u));
  return native(name, cased, {
    written: (v) => v.toLowerCase(),
    read: (v, fail) => (typeof v === 'string' && UUID_READ.test(v) && (version === undefined || v[14] === String(version)) ? v : fail(`lower-case uuid text${version === undefined ? '' : ` of version ${version}`}`)),
  });
}

/** Every native CQL type but counter (which has its own table). */
export const natives = {
  ascii: native('ascii', withEdges(fc.oneof(fc.string({ unit: ASCII_UNIT, maxLength: 40 }), fc.string({ unit: ASCII_UNIT, minLength: 500, maxLength: 1000 })), ['', '\u0000', '\u007f', "'", '"']), {
    written: (v) => JSON.stringify(v),
    read: (v, fail) => (typeof v === 'string' && /^[\x00-\x7f]*$/.test(v) ? JSON.stringify(v) : fail('7-bit text')),
  }),
  bigint: bigintKind('bigint', withEdges(fc.bigInt({ min: INT64_MIN, max: INT64_MAX }), [INT64_MIN, INT64_MAX, 0n, -1n, 2n ** 53n + 1n])),
  blob: native(
    'blob',
    withEdges(fc.oneof({ arbitrary: fc.uint8Array({ maxLength: 48 }), weight: 9 }, { arbitrary: fc.uint8Array({ minLength: 1000, maxLength: 2000 }), weight: 1 }).map((a) => Buffer.from(a)), [Buffer.alloc(0), Buffer.from([0]), Buffer.from([255])]),
    { written: (v) => `0x${v.toString('hex')}`, read: (v, fail) => (Buffer.isBuffer(v) ? `0x${v.toString('hex')}` : fail('a Buffer')) },
  ),
  boolean: native('boolean', fc.boolean(), { written: String, read: (v, fail) => (typeof v === 'boolean' ? String(v) : fail('a boolean')) }),
  // Every day a JavaScript Date holds (years -271821 to 275760), mostly within years 1 to 9999. Cassandra's
  // own range is wider (2^32 days), but the driver can only write the rest as day counts, not 'YYYY-MM-DD'.
  date: native(
    'date',
    withEdges(fc.oneof({ arbitrary: fc.integer({ min: -719162, max: 2932896 }), weight: 3 }, { arbitrary: fc.integer({ min: -DATE_DAYS, max: DATE_DAYS }), weight: 1 }), [-DATE_DAYS, DATE_DAYS, 0, -1, -719528, -719162, 2932896, 19782]).map(dayText),
    { written: (v) => v, read: (v, fail) => (typeof v === 'string' && /^-?\d{4,}-\d{2}-\d{2}$/.test(v) ? v : fail("'YYYY-MM-DD' text")) },
  ),
  // A decimal reads back as Java BigDecimal text of the digits and scale written ('1.5e3' → '1.5E+3',
  // '1.50' stays '1.50'): the expected form is that text, compared exactly.
  decimal: native('decimal', decimalValues, {
    written: (v) => javaDecimalText(decimalParts(v)),
    read: (v, fail) => (typeof v === 'string' && DECIMAL_TEXT.test(v) ? v : fail('decimal text')),
    identity: decimalIdentity,
  }),
  double: native('double', withEdges(fc.double(), [-0, 0, NaN, Infinity, -Infinity, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE, Number.EPSILON, 2 ** 53 + 2, 0.1]), {
    written: num,
    read: (v, fail) => (typeof v === 'number' ? num(v) : fail('a number')),
  }),
  // A duration reads back in the driver's units ('14mo' as '1y2mo', '2w' as '14d', '1h' as '1h'): durations
  // compare as (months, days, nanoseconds), and the text read back must be in the documented unit form.
  duration: native('duration', durationValues, {
    written: (v) => durationKey(durationOfWritten(v)),
    read: (v, fail) => {
      const p = typeof v === 'string' ? durationOfRead(v) : undefined;
      return p === undefined ? fail("duration text such as '1mo2d3h4m5s6ms7us8ns'") : durationKey(p);
    },
  }),
  float: native('float', floatValues, {
    written: num,
    read: (v, fail) => (typeof v === 'number' && Object.is(Math.fround(v), v) ? num(v) : fail('a number representable as a 32-bit float')),
  }),
  // IPv6 reads back in the driver's text form (its own '::' choice, an embedded IPv4 as hex groups), and
  // upper-case or zero-padded input reads back differently: addresses compare as their bytes.
  inet: native('inet', inetValues, {
    written: (v) => inetBytes(v) ?? `unparsable ${v}`,
    read: (v, fail) => (typeof v === 'string' ? inetBytes(v) : undefined) ?? fail('IPv4 or IPv6 text'),
  }),
  int: integer('int', 32),
  smallint: integer('smallint', 16),
  text: native(
    'text',
    withEdges(
      fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: 'binary', minLength: 300, maxLength: 600 })).filter((s) => !LONE_SURROGATE.test(s)),
      ['', '\u0000', '\uffff', '\u{10ffff}', '\ufeff', 'héllo wörld ☃ 🚀 你好', 'e\u0301', "'; DROP TABLE x; --"],
    ),
    { written: (v) => JSON.stringify(v), read: (v, fail) => (typeof v === 'string' && !LONE_SURROGATE.test(v) ? JSON.stringify(v) : fail('well-formed text')) },
  ),
  // The driver prints a time with the fraction's trailing zeros dropped ('12:00:00.500000000' as
  // '12:00:00.5', whole seconds with no fraction): times compare as nanoseconds of the day.
  time: native(
    'time',
    withEdges(
      fc.tuple(fc.integer({ min: 0, max: NANOS_PER_DAY - 1 }), fc.constantFrom<0 | 3 | 9>(9, 9, 9, 3, 0)).map(([n, digits]) => timeText(n, digits)),
      ['00:00:00.000000000', '23:59:59.999999999', '00:00:00', '12:34:56.000000001', '12:00:00.500000000'],
    ),
    {
      written: (v) => `${timeNanos(v) ?? `unparsable ${v}`}ns`,
      read: (v, fail) => {
        const n = typeof v === 'string' ? timeNanos(v) : undefined;
        return n === undefined ? fail("'HH:MM:SS[.fffffffff]' text") : `${n}ns`;
      },
    },
  ),
  // Cassandra takes any 64-bit millisecond count; the extremes here are those of a JavaScript Date.
  timestamp: native(
    'timestamp',
    withEdges(fc.integer({ min: -8.64e15, max: 8.64e15 }), [-8.64e15, 8.64e15, 0, -1, 1]).map((ms) => new Date(ms)),
    { written: (v) => `${v.getTime()}ms`, read: (v, fail) => (v instanceof Date && !Number.isNaN(v.getTime()) ? `${v.getTime()}ms` : fail('a valid Date')) },
  ),
  timeuuid: uuidKind('timeuuid', fc.uuid({ version: 1 }), ['00000000-0000-1000-8000-000000000000', 'ffffffff-ffff-1fff-bfff-ffffffffffff'], 1),
  tinyint: integer('tinyint', 8),
  uuid: uuidKind('uuid', fc.uuid({ version: [1, 2, 3, 4, 5, 6, 7, 8] }), ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff']),
  varint: bigintKind(
    'varint',
    withEdges(fc.oneof(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), fc.bigInt({ min: -(2n ** 4096n), max: 2n ** 4096n })), [0n, -1n, 127n, 128n, -128n, -129n, 255n, 256n, INT64_MAX + 1n, INT64_MIN - 1n, 10n ** 300n, -(10n ** 300n)]),
  ),
};

/** The name of a native kind (its CQL type). */
export type NativeName = keyof typeof natives;

/** `vector<float, n>` as number[]. */
export function vector(dimension: number): Kind<number[]> {
  const el = natives.float;
  const name = `vector<float, ${dimension}>`;
  const form = (items: string[]): string => `<${items.join(', ')}>`;
  return {
    cql: name,
    type: cql.vector('float', dimension),
    values: fc.array(el.values, { minLength: dimension, maxLength: dimension }),
    expected: (v) => (v == null ? 'null' : form(v.map((x) => el.expected(x)))),
    actual: (v) => {
      if (v === null) return 'null';
      if (!Array.isArray(v) || v.length !== dimension) throw new NotReadBack(name, `an array of ${dimension} numbers`, v);
      return form(v.map((x) => el.actual(x)));
    },
    identity: (v) => (v == null ? 'null' : form(v.map((x) => el.identity(x)))),
    count: (v) => (v == null ? 0 : 1 + v.length),
  };
}
