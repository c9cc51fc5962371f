// CQL decimal ↔ exact text. The driver's BigDecimal.fromString rejects scientific notation and its
// toString differs from what Cassandra tools print, so both directions are done here.
import cassandra from 'cassandra-driver';
import { MappingError } from '../errors.js';

const { types } = cassandra;

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parses decimal text (plain or scientific) into the driver's BigDecimal, keeping every digit and the scale. */
export function parseDecimal(text: string): InstanceType<typeof types.BigDecimal> {
  const m = DECIMAL.exec(text.trim());
  if (m === null || (m[2] === '' && (m[3] ?? '') === '')) throw MappingError.badValue('decimal', 'decimal', text);
  const digits = `${m[2]}${m[3] ?? ''}`.replace(/^0+(?=\d)/, '');
  const scale = (m[3] ?? '').length - Number(m[4] ?? '0');
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

