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

/** Prints a BigDecimal as Java's BigDecimal.toString does (what cqlsh shows): exact digits and scale. */
export function printDecimal(value: InstanceType<typeof types.BigDecimal>): string {
  const raw = value as unknown as { _intVal: { toString(): string }; _scale: number };
  const unscaled = BigInt(raw._intVal.toString());
  const scale = raw._scale;
  const negative = unscaled < 0n;
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
