// Literal values in DDL (table, keyspace, view and index options).

/** A CQL string literal: `'it''s'`. */
export function stringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A map literal of an option (`{'class': 'LeveledCompactionStrategy', 'sstable_size_in_mb': '160'}`): every value as text. */
export function mapLiteral(map: Readonly<Record<string, unknown>>): string {
  const entries = Object.entries(map)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${stringLiteral(k)}: ${stringLiteral(String(v))}`);
  return `{${entries.join(', ')}}`;
}

/** An option value: a string, number, boolean or map. */
export function optionLiteral(value: unknown): string {
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'object' && value !== null) return mapLiteral(value as Record<string, unknown>);
  throw new TypeError(`cannot print option value ${String(value)}`);
}

/** `WITH a = 1 AND b = 'x'` parts of a statement (without the WITH). */
export function optionsClause(options: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(options)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k} = ${optionLiteral(v)}`);
}
