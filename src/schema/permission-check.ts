// Before a plan is applied, the permissions its statements need are compared with those the logged-in
// role holds (LIST ALL PERMISSIONS OF <own role>, which any role may run on itself), so that a role
// that may not make every change is refused before the first statement, not halfway through the plan.
import type { Connection } from '../connection/connection.js';
import { executeQualified } from '../connection/qualified.js';
import { ConnectionError, ConnectionLostError, MapperError, QueryTimeoutError, SchemaSyncError, UnauthorizedError, UnavailableError } from '../errors.js';

/** A permission one statement needs, on a resource named as LIST PERMISSIONS prints it (`<keyspace ks>`, `<table ks.t>`, `<all keyspaces>`). */
export interface NeededPermission {
  readonly permission: 'CREATE' | 'ALTER' | 'DROP';
  readonly resource: string;
  readonly cql: string;
}

const NAME = '("(?:[^"]|"")+"|\\w+)';
const QUALIFIED = `${NAME}\\.${NAME}`;

/** An identifier as Cassandra stores it: quoted names as written, others lower-cased. */
function identifier(raw: string): string {
  return raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw.toLowerCase();
}

/**
 * The permission Cassandra checks for one DDL statement of a plan (its authorize step): CREATE on the
 * keyspace (or on all keyspaces) for a new keyspace, table or type, ALTER on the table for a new column,
 * index or view, DROP for drops. Undefined for statements whose resource the text does not name (DROP
 * INDEX, view changes): the server still checks those.
 */
export function neededPermission(cql: string): NeededPermission | undefined {
  const text = cql.trim();
  const ks = (k: string): string => `<keyspace ${identifier(k)}>`;
  const table = (k: string, t: string): string => `<table ${identifier(k)}.${identifier(t)}>`;
  let m: RegExpExecArray | null;
  if (/^CREATE\s+KEYSPACE\b/i.test(text)) return { permission: 'CREATE', resource: '<all keyspaces>', cql };
  if ((m = new RegExp(`^ALTER\\s+KEYSPACE\\s+${NAME}`, 'i').exec(text))) return { permission: 'ALTER', resource: ks(m[1]!), cql };
  if ((m = new RegExp(`^CREATE\\s+(?:TABLE|TYPE)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${QUALIFIED}`, 'i').exec(text))) return { permission: 'CREATE', resource: ks(m[1]!), cql };
  if ((m = new RegExp(`^ALTER\\s+TYPE\\s+${QUALIFIED}`, 'i').exec(text))) return { permission: 'ALTER', resource: ks(m[1]!), cql };
  if ((m = new RegExp(`^DROP\\s+TYPE\\s+(?:IF\\s+EXISTS\\s+)?${QUALIFIED}`, 'i').exec(text))) return { permission: 'DROP', resource: ks(m[1]!), cql };
  if ((m = new RegExp(`^ALTER\\s+TABLE\\s+${QUALIFIED}`, 'i').exec(text))) return { permission: 'ALTER', resource: table(m[1]!, m[2]!), cql };
  if ((m = new RegExp(`^DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?${QUALIFIED}`, 'i').exec(text))) return { permission: 'DROP', resource: table(m[1]!, m[2]!), cql };
  if ((m = new RegExp(`^CREATE\\s+(?:CUSTOM\\s+)?INDEX\\b[\\s\\S]*?\\bON\\s+${QUALIFIED}`, 'i').exec(text))) return { permission: 'ALTER', resource: table(m[1]!, m[2]!), cql };
  if ((m = new RegExp(`^CREATE\\s+MATERIALIZED\\s+VIEW\\b[\\s\\S]*?\\bFROM\\s+${QUALIFIED}`, 'i').exec(text))) return { permission: 'ALTER', resource: table(m[1]!, m[2]!), cql };
  return undefined;
}

/** The resources whose grants cover `resource`: itself, its keyspace, all keyspaces. */
function covering(resource: string): string[] {
  const t = /^<table ([^.]+)\.(.+)>$/.exec(resource);
  if (t !== null) return [resource, `<keyspace ${t[1]}>`, '<all keyspaces>'];
  return resource === '<all keyspaces>' ? [resource] : [resource, '<all keyspaces>'];
}

/** The needed permissions that `granted` (rows of LIST PERMISSIONS: resource and permission) does not cover. */
export function missingPermissions(needed: readonly NeededPermission[], granted: readonly { resource: string; permission: string }[]): NeededPermission[] {
  const held = new Set(granted.map((g) => `${g.permission.toUpperCase()} ${g.resource}`));
  return needed.filter((n) => !covering(n.resource).some((r) => held.has(`${n.permission} ${r}`)));
}

/** A role name as a CQL literal for `OF <role>`. */
function roleLiteral(role: string): string {
  return `'${role.replaceAll("'", "''")}'`;
}

/**
 * Refuses (SchemaSyncError, nothing applied) when the connection's role lacks a permission one of
 * `statements` needs. Skipped when the role is unknown (a custom auth provider), is a superuser, or
 * the cluster has no authorizer to ask (AllowAllAuthorizer, no authentication).
 */
export async function checkSyncPermissions(connection: Connection, keyspace: string, statements: readonly string[]): Promise<void> {
  const role = connection.settings.username;
  const needed = statements.map(neededPermission).filter((n): n is NeededPermission => n !== undefined);
  if (role === undefined || needed.length === 0) return;
  let granted: { resource: string; permission: string }[];
  try {
    // Through the alias's pool (executeQualified): on a keyspace view, connection.execute() would open a client of that keyspace.
    const roles = await executeQualified(connection, `LIST ROLES OF ${roleLiteral(role)}`);
    if (roles.rows.some((r) => r['super'] === true)) return;
    const rs = await executeQualified(connection, `LIST ALL PERMISSIONS OF ${roleLiteral(role)}`);
    granted = rs.rows.map((r) => ({ resource: String(r['resource']), permission: String(r['permission']) }));
  } catch (error) {
    // Permissions that could not be read because system_auth is down are that failure, said as such.
    if (error instanceof UnauthorizedError && error.systemAuthUnavailable) throw SchemaSyncError.statementFailed(error);
    // A node that did not answer is not an answer: the sync would meet the same failure half-way.
    if (error instanceof QueryTimeoutError || error instanceof ConnectionLostError || error instanceof UnavailableError || error instanceof ConnectionError) throw error;
    // No authorizer (AllowAllAuthorizer refuses LIST PERMISSIONS) or no login: nothing to check here.
    if (error instanceof MapperError) return;
    throw error;
  }
  const missing = missingPermissions(needed, granted);
  if (missing.length > 0) throw SchemaSyncError.permissionsMissing(keyspace, role, missing);
}
