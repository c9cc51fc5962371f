// Schema changes and TRUNCATE legitimately take longer than reads and writes (the server allows
// TRUNCATE 60 s by default), so they get a longer client-side timeout unless the call sets one.

/** Client timeout for DDL and TRUNCATE when the call sets none: 60 s, or the configured default if longer. */
export const SCHEMA_STATEMENT_TIMEOUT_MS = 60_000;

const SCHEMA_STATEMENT = /^\s*(?:CREATE|ALTER|DROP|TRUNCATE)\b/i;

/** True for CREATE / ALTER / DROP / TRUNCATE statements. */
export function isSchemaStatement(cql: string): boolean {
  // Every statement passes here: a first letter that starts none of the four keywords (SELECT,
  // INSERT, UPDATE, BEGIN...) answers without running the expression.
  const first = cql.charCodeAt(0) | 0x20;
  if (first >= 0x61 && first <= 0x7a && first !== 0x61 && first !== 0x63 && first !== 0x64 && first !== 0x74) return false;
  return SCHEMA_STATEMENT.test(cql);
}

/**
 * The read timeout a statement runs with: the per-call one when given; else, for schema statements,
 * the longer of the configured default and 60 s; else the configured default (undefined = the driver's).
 */
export function statementReadTimeout(cql: string, configured: number | undefined, perCall: number | undefined): number | undefined {
  if (perCall !== undefined) return perCall;
  if (!isSchemaStatement(cql)) return configured;
  return Math.max(configured ?? 0, SCHEMA_STATEMENT_TIMEOUT_MS);
}
