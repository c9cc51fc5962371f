// CQL date, time and duration ↔ text, exactly. The driver's own parsers accept what they should refuse
// ('2024-13-01' becomes 2025-01-01, '12:60:00' and 'forever' are taken) and its duration printer
// rounds (18 months print as '2y6mo'), so both directions are done here over the wire formats:
// date = days since the epoch (unsigned, centred on 2^31), time = nanoseconds of the day, duration =
// months, days and nanoseconds.
import cassandra from 'cassandra-driver';
import { InvalidValueError } from '../errors.js';

const { types } = cassandra;

const chars = (s: string): string => `a string of ${s.length} character${s.length === 1 ? '' : 's'}`;

// ---------------------------------------------------------------------------------------------
// date

const DATE = /^(-?)(\d{4,7})-(\d{2})-(\d{2})$/;
const DAY_MIN = -(2 ** 31);
const DAY_MAX = 2 ** 31 - 1;

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const monthDays = (y: number, m: number): number => (m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]!);

/** Days since 1970-01-01 of a proleptic Gregorian day (year 0 = 1 BC), for any year. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The proleptic Gregorian year, month and day of a day number. */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}

/** Days since the epoch of `'YYYY-MM-DD'` (a real calendar day; years of 4 to 7 digits, `-` before for BC). */
export function parseDate(text: string): number {
  const m = DATE.exec(text);
  if (m === null) throw new InvalidValueError(`${chars(text)} is not a date in 'YYYY-MM-DD' form`, 'date');
  const year = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  const month = Number(m[3]);
  const day = Number(m[4]);
  if (month < 1 || month > 12) throw new InvalidValueError(`${chars(text)} has a month that is not 01 to 12`, 'date');
  if (day < 1 || day > monthDays(year, month)) {
    throw new InvalidValueError(`${chars(text)} has a day that is not a day of its month`, 'date');
  }
  const days = daysFromCivil(year, month, day);
  if (days < DAY_MIN || days > DAY_MAX) throw new InvalidValueError("the date is outside Cassandra's range (-5877641-06-23 to 5881580-07-11)", 'date');
  return days;
}

const DATE_SCRATCH = Buffer.alloc(10, '-');

/** `'YYYY-MM-DD'` of a day number (four digits at least, `-` before years before year 0). */
export function printDate(days: number): string {
  const [y, m, d] = civilFromDays(days);
  if (y >= 0 && y <= 9999) {
    // Years 0000–9999, the dates rows hold: digits written into one reused buffer, read out as one flat
    // string (padStart and a template cost three strings more per value).
    const out = DATE_SCRATCH;
    out[0] = 48 + Math.floor(y / 1000);
    out[1] = 48 + (Math.floor(y / 100) % 10);
    out[2] = 48 + (Math.floor(y / 10) % 10);
    out[3] = 48 + (y % 10);
    out[5] = 48 + Math.floor(m / 10);
    out[6] = 48 + (m % 10);
    out[8] = 48 + Math.floor(d / 10);
    out[9] = 48 + (d % 10);
    return out.toString('latin1', 0, 10);
  }
  const year = String(Math.abs(y)).padStart(4, '0');
  return `${y < 0 ? '-' : ''}${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The wire form of a day number: unsigned 32 bits centred on 2^31 (the driver sends a Buffer as is). */
export function dateBytes(days: number): Buffer {
  if (!Number.isInteger(days) || days < DAY_MIN || days > DAY_MAX) throw new InvalidValueError("the date is outside Cassandra's range (-5877641-06-23 to 5881580-07-11)", 'date');
  const buf = Buffer.allocUnsafe(4);
  buf.writeUInt32BE(days + 2 ** 31, 0);
  return buf;
}

/** The day number of the driver's LocalDate (which keeps out-of-Date-range days in `_value`). */
export function localDateDays(value: InstanceType<typeof types.LocalDate>): number {
  const raw = value as unknown as { _value: number | null; date: Date };
  if (typeof raw._value === 'number') return raw._value;
  return Math.floor(raw.date.getTime() / 86_400_000);
}

// ---------------------------------------------------------------------------------------------
// time

const TIME = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/** Nanoseconds of the day of `'HH:MM:SS[.fffffffff]'`. */
export function parseTime(text: string): number {
  const m = TIME.exec(text);
  if (m === null) throw new InvalidValueError(`${chars(text)} is not a time in 'HH:MM:SS[.fffffffff]' form`, 'time');
  const h = Number(m[1]);
  const min = Number(m[2]);
  const s = Number(m[3]);
  if (h > 23) throw new InvalidValueError(`${chars(text)} has an hour that is not 00 to 23`, 'time');
  if (min > 59) throw new InvalidValueError(`${chars(text)} has a minute that is not 00 to 59`, 'time');
  if (s > 59) throw new InvalidValueError(`${chars(text)} has a second that is not 00 to 59`, 'time');
  const nanos = Number((m[4] ?? '').padEnd(9, '0'));
  return ((h * 60 + min) * 60 + s) * 1e9 + nanos;
}

/** The wire form of a time: nanoseconds of the day in 64 bits. */
export function timeBytes(nanos: number): Buffer {
  const buf = Buffer.allocUnsafe(8);
  buf.writeBigInt64BE(BigInt(nanos), 0);
  return buf;
}

// ---------------------------------------------------------------------------------------------
// duration

/** Cassandra's standard units, in the order they must come (each at most once). */
const UNITS: readonly { readonly re: RegExp; readonly field: 'months' | 'days' | 'nanos'; readonly scale: bigint }[] = [
  { re: /^y$/i, field: 'months', scale: 12n },
  { re: /^mo$/i, field: 'months', scale: 1n },
  { re: /^w$/i, field: 'days', scale: 7n },
  { re: /^d$/i, field: 'days', scale: 1n },
  { re: /^h$/i, field: 'nanos', scale: 3_600_000_000_000n },
  { re: /^m$/i, field: 'nanos', scale: 60_000_000_000n },
  { re: /^s$/i, field: 'nanos', scale: 1_000_000_000n },
  { re: /^ms$/i, field: 'nanos', scale: 1_000_000n },
  { re: /^(us|µs)$/i, field: 'nanos', scale: 1_000n },
  { re: /^ns$/i, field: 'nanos', scale: 1n },
];
const STANDARD = /(\d+)(mo|ms|us|µs|ns|y|w|d|h|m|s)/iy;
const ISO = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const ISO_WEEK = /^P(\d+)W$/;
const ISO_ALTERNATIVE = /^P(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;
const INT32_MAX = 2n ** 31n - 1n;
const INT64_MAX = 2n ** 63n - 1n;

interface DurationParts {
  months: bigint;
  days: bigint;
  nanos: bigint;
}

const SYNTAX = "is not a duration: use units ('1y2mo3w4d5h6m7s8ms9us10ns', largest first, each once), ISO 8601 ('P1Y2M3DT4H5M6S', 'P2W') or the ISO alternative ('P0001-02-03T04:05:06'), with an optional leading '-'";

/**
 * The driver's Duration of duration text in one of Cassandra's three syntaxes, exactly as Cassandra
 * reads it. Anything else (`''`, `'forever'`, `'1x'`, units out of order) is refused.
 */
export function parseDuration(text: string): InstanceType<typeof types.Duration> {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const parts = body.startsWith('P') ? iso(body) : standard(body);
  if (parts === undefined) throw new InvalidValueError(`${chars(text)} ${SYNTAX}`, 'duration');
  if (parts.months > INT32_MAX) throw new InvalidValueError('the duration has more months than a duration holds (2^31-1)', 'duration');
  if (parts.days > INT32_MAX) throw new InvalidValueError('the duration has more days than a duration holds (2^31-1)', 'duration');
  if (parts.nanos > INT64_MAX) throw new InvalidValueError('the duration has more nanoseconds than a duration holds (2^63-1)', 'duration');
  const sign = negative ? -1n : 1n;
  return new types.Duration(Number(sign * parts.months), Number(sign * parts.days), types.Long.fromString(String(sign * parts.nanos)));
}

function standard(body: string): DurationParts | undefined {
  if (body === '') return undefined;
  const parts: DurationParts = { months: 0n, days: 0n, nanos: 0n };
  STANDARD.lastIndex = 0;
  let last = -1;
  while (STANDARD.lastIndex < body.length) {
    const m = STANDARD.exec(body);
    if (m === null) return undefined;
    const unit = UNITS.findIndex((u) => u.re.test(m[2]!));
    if (unit <= last) return undefined;
    last = unit;
    const u = UNITS[unit]!;
    parts[u.field] += BigInt(m[1]!) * u.scale;
  }
  return parts;
}

function iso(body: string): DurationParts | undefined {
  const week = ISO_WEEK.exec(body);
  if (week !== null) return { months: 0n, days: BigInt(week[1]!) * 7n, nanos: 0n };
  const m = ISO.exec(body) ?? ISO_ALTERNATIVE.exec(body);
  if (m === null || m.slice(1).every((g) => g === undefined)) return undefined;
  const n = (i: number): bigint => BigInt(m[i] ?? '0');
  return {
    months: n(1) * 12n + n(2),
    days: n(3),
    nanos: n(4) * 3_600_000_000_000n + n(5) * 60_000_000_000n + n(6) * 1_000_000_000n,
  };
}

const PRINT_UNITS: readonly [bigint, string][] = [
  [3_600_000_000_000n, 'h'],
  [60_000_000_000n, 'm'],
  [1_000_000_000n, 's'],
  [1_000_000n, 'ms'],
  [1_000n, 'us'],
  [1n, 'ns'],
];

/**
 * A duration as unit text, largest unit first (`'1y6mo'`, `'-2d3h'`); a zero duration is `'0s'`.
 * What `parseDuration` reads back to the same months, days and nanoseconds.
 */
export function printDuration(value: InstanceType<typeof types.Duration>): string {
  const raw = value as unknown as { months: number; days: number; nanoseconds: { toString(): string } };
  const months = BigInt(raw.months);
  const days = BigInt(raw.days);
  const nanos = BigInt(raw.nanoseconds.toString());
  const negative = months < 0n || days < 0n || nanos < 0n;
  const abs = (x: bigint): bigint => (x < 0n ? -x : x);
  let out = '';
  const mo = abs(months);
  if (mo / 12n > 0n) out += `${mo / 12n}y`;
  if (mo % 12n > 0n) out += `${mo % 12n}mo`;
  if (abs(days) > 0n) out += `${abs(days)}d`;
  let rest = abs(nanos);
  for (const [size, unit] of PRINT_UNITS) {
    if (rest >= size) {
      out += `${rest / size}${unit}`;
      rest %= size;
    }
  }
  if (out === '') return '0s';
  return negative ? `-${out}` : out;
}
