// The bound values a query event may carry (with `observe.includeValues`), with the values of columns
// marked secret replaced. Each `?` (or `:name`) marker is attributed to the column it is compared with
// or assigned to; a marker that cannot be attributed is redacted too whenever the statement names a
// secret column, so an unusual statement shape errs on the side of hiding.
import type { StatementFacts } from './statement-facts.js';

/** Secret columns by `keyspace.table` (lower-case unquoted names, as the facts give them). */
export type SecretColumns = Map<string, ReadonlySet<string>>;

/** What replaces a secret value. */
export const REDACTED = '[secret]';

const LITERALS = /'(?:[^']|'')*'|\$\$[\s\S]*?\$\$/g;
const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_]*)`;
// `col = ?`, `col[?] = ?`, `col IN ?`, `col > ?`, `col = col + ?`, `col CONTAINS ?` ...: the column before the marker.
const COMPARED = new RegExp(String.raw`(${IDENT})\s*(?:\[[^\]]*\])?\s*(?:=|<=|>=|<|>|!=|\bIN\b|\bCONTAINS(?:\s+KEY)?\b)\s*(?:(?:${IDENT})\s*[+-]\s*)?$`, 'i');
const MARKER = /\?|(?<![\w:]):([A-Za-z_]\w*)/g;
// `col[?]`: the index of a map or list element.
const INDEXED = new RegExp(String.raw`(${IDENT})\s*\[\s*$`);

function unquote(identifier: string): string {
  return identifier.startsWith('"') ? identifier.slice(1, -1).replace(/""/g, '"') : identifier.toLowerCase();
}

/** The column each marker of `cql` is bound to, in order (undefined where it cannot be told). */
export function markerColumns(cql: string): (string | undefined)[] {
  const text = cql.replace(LITERALS, "''");
  const columns: (string | undefined)[] = [];
  const insert = /^\s*INSERT\s+INTO\s+[^(]+\(([^)]*)\)\s*VALUES\s*\(/i.exec(text);
  let rest = text;
  if (insert !== null) {
    const names = insert[1]!.split(',').map((c) => unquote(c.trim()));
    const values = text.slice(insert[0].length);
    const close = values.indexOf(')');
    const parts = (close < 0 ? values : values.slice(0, close)).split(',');
    for (const [i, part] of parts.entries()) if (/\?|:\w/.test(part)) columns.push(names[i]);
    rest = close < 0 ? '' : values.slice(close);
  }
  for (const m of rest.matchAll(MARKER)) {
    const before = rest.slice(0, m.index);
    const compared = COMPARED.exec(before);
    const indexed = compared === null ? INDEXED.exec(before) : null;
    const column = compared?.[1] ?? indexed?.[1];
    columns.push(column !== undefined ? unquote(column) : /\b(?:TTL|TIMESTAMP|LIMIT|PER\s+PARTITION\s+LIMIT)\s*$/i.test(before) ? '' : undefined);
  }
  return columns;
}

/** `params` as the event shows them: secret columns' values replaced; undefined for no params. */
export function redactParams(
  secrets: SecretColumns,
  facts: StatementFacts,
  cql: string,
  params: unknown,
  keyspace: string | undefined,
): readonly unknown[] | undefined {
  if (params == null) return undefined;
  const secret = facts.table === undefined ? undefined : secrets.get(`${facts.keyspace ?? keyspace ?? ''}.${facts.table}`);
  const named = !Array.isArray(params) && typeof params === 'object';
  const values = named ? Object.entries(params as Record<string, unknown>) : (params as unknown[]).map((v, i) => [String(i), v] as const);
  if (secret === undefined || secret.size === 0) return Object.freeze(named ? [Object.freeze({ ...(params as object) })] : [...(params as unknown[])]);
  // A secret column named anywhere in the text (as a column, not as a function such as token()).
  const mentionsSecret = [...secret].some((c) => new RegExp(String.raw`(?<![\w"])"?${c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?(?![\w"])(?!\s*\()`, 'i').test(cql));
  const columns = markerColumns(cql);
  const hide = (column: string | undefined): boolean => (column === undefined ? mentionsSecret : secret.has(column));
  if (named) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of values) {
      const index = [...cql.matchAll(MARKER)].findIndex((m) => m[1] === key);
      out[key] = hide(index < 0 ? undefined : columns[index]) || secret.has(key.toLowerCase()) ? REDACTED : value;
    }
    return Object.freeze([Object.freeze(out)]);
  }
  return Object.freeze(values.map(([, value], i) => (hide(columns[i]) ? REDACTED : value)));
}
