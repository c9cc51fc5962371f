// Turns driver values and result rows into text: one cell per value, rows as an aligned table.
import cassandra from 'cassandra-driver';

const { types } = cassandra;

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** One value as text. `nested` quotes strings, as they appear inside collections. */
export function formatValue(value: unknown, nested = false): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return nested ? `'${value.replace(/'/g, "''")}'` : value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `0x${value.toString('hex')}`;
  if (value instanceof types.Tuple) return `(${value.elements.map((v) => formatValue(v, true)).join(', ')})`;
  if (value instanceof types.Vector) return `[${value.elements.map((v) => formatValue(v, true)).join(', ')}]`;
  if (Array.isArray(value)) return `[${value.map((v) => formatValue(v, true)).join(', ')}]`;
  if (value instanceof Set) return `{${[...value].map((v) => formatValue(v, true)).join(', ')}}`;
  if (value instanceof Map) {
    return `{${[...value].map(([k, v]) => `${formatValue(k, true)}: ${formatValue(v, true)}`).join(', ')}}`;
  }
  if (typeof value === 'object' && isPlainObject(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([k, v]) => `${k}: ${formatValue(v, true)}`).join(', ')}}`;
  }
  return String(value);
}

/** A cell must stay on one line: control characters are shown escaped. */
function cell(value: unknown): string {
  return formatValue(value).replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

function isNumeric(value: unknown): boolean {
  return typeof value === 'number' || typeof value === 'bigint' || value instanceof types.BigDecimal ||
    value instanceof types.Integer || value instanceof types.Long;
}

/**
 * Rows as an aligned table, cqlsh style: header, rule, one line per row (numbers right-aligned).
 * Returns the lines without the row-count footer.
 */
export function formatTable(columns: readonly string[], rows: readonly Readonly<Record<string, unknown>>[]): string[] {
  const cells = rows.map((row) => columns.map((c) => cell(row[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const right = columns.map((c) => rows.length > 0 && rows.every((row) => row[c] === null || row[c] === undefined || isNumeric(row[c])));
  const line = (values: readonly string[], alignRight: readonly boolean[]): string =>
    ' ' + values.map((v, i) => (alignRight[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(' | ').trimEnd();
  return [
    line(columns, columns.map(() => false)),
    '-' + widths.map((w) => '-'.repeat(w)).join('-+-') + '-',
    ...cells.map((r) => line(r, right)),
  ];
}

/** `(1 row)` / `(N rows)`. */
export function rowCount(n: number): string {
  return `(${n} ${n === 1 ? 'row' : 'rows'})`;
}
