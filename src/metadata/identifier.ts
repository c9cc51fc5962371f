// CQL identifiers: validated and quoted here and nowhere else.
import { MapperError } from '../errors.js';

/** CQL reserved keywords (Cassandra 5): these can be column names only when double-quoted. */
const RESERVED = new Set([
  'add', 'allow', 'alter', 'and', 'apply', 'asc', 'authorize', 'batch', 'begin', 'by', 'columnfamily',
  'create', 'default', 'delete', 'desc', 'describe', 'drop', 'entries', 'execute', 'from', 'full',
  'grant', 'if', 'in', 'index', 'infinity', 'insert', 'into', 'is', 'keyspace', 'limit', 'materialized',
  'mbean', 'mbeans', 'modify', 'nan', 'norecursive', 'not', 'null', 'of', 'on', 'or', 'order', 'primary',
  'rename', 'replace', 'revoke', 'schema', 'select', 'set', 'table', 'to', 'token', 'truncate', 'unlogged',
  'unset', 'update', 'use', 'using', 'view', 'where', 'with',
]);

const PLAIN = /^[a-z][a-z0-9_]*$/;

/** Quotes a CQL identifier when it needs it (mixed case, reserved word, other characters). */
export function quoteIdentifier(name: string): string {
  if (PLAIN.test(name) && !RESERVED.has(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

/** `keyspace.table`, each part quoted as needed; no keyspace → just the table. */
export function qualifiedName(keyspace: string | undefined, name: string): string {
  return keyspace === undefined ? quoteIdentifier(name) : `${quoteIdentifier(keyspace)}.${quoteIdentifier(name)}`;
}

/** Keyspace, table, type, index and view names: Cassandra allows only [A-Za-z0-9_], at most 48 characters. */
const SCHEMA_NAME = /^[A-Za-z0-9_]{1,48}$/;

/** Raised for a name Cassandra would refuse; says what is allowed. */
export class IdentifierError extends MapperError {
  override name = 'IdentifierError';
}

/** Checks a keyspace/table/type/index/view name; throws IdentifierError naming `what` and the rule. */
export function validateSchemaName(what: string, name: string): string {
  if (!SCHEMA_NAME.test(name)) {
    throw new IdentifierError(
      `${what}: '${name}' is not a valid Cassandra name (letters, digits and underscores only, 1 to 48 characters).`,
    );
  }
  return name;
}

/** Checks a column or field name: any non-empty string works once quoted. */
export function validateColumnName(what: string, name: string): string {
  if (name.length === 0) throw new IdentifierError(`${what}: a column name cannot be empty.`);
  return name;
}
