// What the telemetry says about a statement, read from its CQL text once and cached: the operation
// (`SELECT`, `INSERT`, ...), the table and keyspace it names, and the text with every literal replaced
// by `?`, so that neither a span nor a log line carries a value (nor a password) written inline.
/** Facts about one statement text. */
export interface StatementFacts {
  /** `SELECT`, `INSERT`, `UPDATE`, `DELETE`, `BATCH`, `CREATE`, ... (the first keyword, upper case). */
  readonly operation: string;
  /** The table the statement names, without its keyspace; undefined when it names none. */
  readonly table: string | undefined;
  /** The keyspace the statement names (`ks.t`), else undefined (the connection's applies). */
  readonly keyspace: string | undefined;
  /** The text with literals (strings, numbers, blobs, uuids, booleans) replaced by `?`. */
  readonly text: string;
}

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_]*)`;
// The table after the keyword that introduces it; `SELECT ... FROM`, `INSERT INTO`, `UPDATE`, `DELETE ... FROM`,
// `TRUNCATE [TABLE]`, `CREATE|ALTER|DROP TABLE|INDEX ... ON|MATERIALIZED VIEW`.
const TABLE_AFTER = new RegExp(
  String.raw`\b(?:FROM|INTO|UPDATE|TRUNCATE(?:\s+TABLE)?|TABLE(?:\s+IF\s+(?:NOT\s+)?EXISTS)?|ON|VIEW(?:\s+IF\s+(?:NOT\s+)?EXISTS)?)\s+(?!(?:KEYSPACE|ALL|ROLE|FUNCTION|AGGREGATE)\b)(${IDENT})(?:\s*\.\s*(${IDENT}))?`,
  'i',
);
const KEYSPACE_AFTER = new RegExp(String.raw`\b(?:KEYSPACE(?:\s+IF\s+(?:NOT\s+)?EXISTS)?|USE)\s+(${IDENT})`, 'i');
// Literals, in the order they must be tried: quoted strings (also $$...$$), blobs, uuids, numbers, booleans.
const LITERAL = new RegExp(
  [
    String.raw`'(?:[^']|'')*'`,
    String.raw`\$\$[\s\S]*?\$\$`,
    String.raw`\b0[xX][0-9a-fA-F]*\b`,
    String.raw`\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b`,
    String.raw`(?<![\w."])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b`,
    String.raw`\b(?:true|false|NaN|Infinity)\b`,
    String.raw`"(?:[^"]|"")*"`,
  ].join('|'),
  'gi',
);

function unquote(identifier: string | undefined): string | undefined {
  if (identifier === undefined) return undefined;
  return identifier.startsWith('"') ? identifier.slice(1, -1).replace(/""/g, '"') : identifier.toLowerCase();
}

/** The text with every literal replaced by `?`; quoted identifiers are kept. */
export function sanitize(cql: string): string {
  return cql.replace(LITERAL, (m) => (m.startsWith('"') ? m : '?'));
}

/** Reads the facts of a statement text (not cached: see `factsOf`). */
export function readFacts(cql: string): StatementFacts {
  const trimmed = cql.trimStart();
  const first = /^[A-Za-z]+/.exec(trimmed)?.[0]?.toUpperCase() ?? 'CQL';
  const operation = first === 'BEGIN' ? 'BATCH' : first;
  let table: string | undefined;
  let keyspace: string | undefined;
  const m = TABLE_AFTER.exec(trimmed);
  if (m !== null && operation !== 'USE') {
    if (m[2] !== undefined) {
      keyspace = unquote(m[1]);
      table = unquote(m[2]);
    } else {
      table = unquote(m[1]);
    }
  }
  if (table === undefined) {
    const k = KEYSPACE_AFTER.exec(trimmed);
    if (k !== null) keyspace = unquote(k[1]);
  }
  return Object.freeze({ operation, table, keyspace, text: sanitize(cql) });
}

const MAX_CACHED = 2048;
const cache = new Map<string, StatementFacts>();

/**
 * The facts of a statement, cached by text: the library's statements are prepared, so their texts
 * repeat. Raw CQL with values written inline does not repeat; the cache is emptied when full.
 */
export function factsOf(cql: string): StatementFacts {
  let facts = cache.get(cql);
  if (facts === undefined) {
    facts = readFacts(cql);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(cql, facts);
  }
  return facts;
}
