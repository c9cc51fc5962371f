// CQL decimal ↔ exact text. The driver's BigDecimal.fromString rejects scientific notation and its
// toString differs from what Cassandra tools print, so both directions are done here.
import cassandra from 'cassandra-driver';
import { InvalidValueError } from '../errors.js';

const { types } = cassandra;

/** The one grammar decimal text follows: an optional sign, digits with an optional point, an optional exponent. */
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * Parses decimal text (plain or scientific, e.g. `-12.50`, `.5`, `1e-7`; no spaces) into the driver's
 * BigDecimal, keeping every digit and the scale. Throws InvalidValueError for anything else.
 */
export function parseDecimal(text: string): InstanceType<typeof types.BigDecimal> {
  const m = DECIMAL.exec(text);
  if (m === null || (m[2] === '' && (m[3] ?? '') === '')) {
    throw new InvalidValueError(`a string of ${text.length} character${text.length === 1 ? '' : 's'} is not decimal text (digits, an optional point and exponent, e.g. '-12.50' or '1.5E-7')`, 'decimal');
  }
  const digits = `${m[2]}${m[3] ?? ''}`.replace(/^0+(?=\d)/, '');
  const scale = (m[3] ?? '').length - Number(m[4] ?? '0');
  if (!Number.isSafeInteger(scale) || scale < INT32_MIN || scale > INT32_MAX) {
    throw new InvalidValueError(`the exponent puts the scale at ${scale}, beyond what decimal holds (a 32-bit scale)`, 'decimal');
  }
  return new types.BigDecimal(types.Integer.fromString(`${m[1] === '-' ? '-' : ''}${digits}`) as unknown as number, scale);
}

/** The driver's arbitrary-precision Integer: 32-bit words, least significant first, and a sign that extends them. */
interface DriverInteger {
  readonly bits_?: readonly number[];
  readonly sign_?: number;
  toString(): string;
}

/**
 * The value of the driver's Integer, read from its words: Integer.toString divides word by word in
 * new Integer objects (about 5 µs per value), which dominated reading rows with decimal columns. The
 * words are two's complement with the sign extended past the top one, so the value is their unsigned
 * sum minus 2^(32·n) when the sign is -1. Small values stay numbers; anything else falls back to the
 * driver's own text.
 */
function unscaledOf(int: DriverInteger): number | bigint {
  const bits = int.bits_;
  const sign = int.sign_;
  if (!Array.isArray(bits) || (sign !== 0 && sign !== -1)) return BigInt(int.toString());
  if (bits.length === 0) return sign;
  if (bits.length === 1) return sign === 0 ? bits[0]! >>> 0 : (bits[0]! >>> 0) - 4294967296;
  let n = 0n;
  for (let i = bits.length - 1; i >= 0; i--) n = (n << 32n) | BigInt(bits[i]! >>> 0);
  return sign === 0 ? n : n - (1n << BigInt(32 * bits.length));
}

/** Prints a BigDecimal as Java's BigDecimal.toString does (what cqlsh shows): exact digits and scale. */
export function printDecimal(value: InstanceType<typeof types.BigDecimal>): string {
  const raw = value as unknown as { _intVal: DriverInteger; _scale: number };
  const unscaled = unscaledOf(raw._intVal);
  const scale = raw._scale;
  const negative = unscaled < 0;
  const coeff = (negative ? -unscaled : unscaled).toString();
  const adjusted = -scale + (coeff.length - 1);
  let body: string;
  if (scale >= 0 && adjusted >= -6) {
    if (scale === 0) body = coeff;
    else if (coeff.length > scale) body = `${coeff.slice(0, coeff.length - scale)}.${coeff.slice(coeff.length - scale)}`;
    else body = `0.${'0'.repeat(scale - coeff.length)}${coeff}`;
  } else {
    body = `${coeff[0]}${coeff.length > 1 ? `.${coeff.slice(1)}` : ''}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
  }
  return negative ? `-${body}` : body;
}
