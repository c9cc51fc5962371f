// The library's own statements that name their keyspace (schema reads, DDL, leases, history): they run
// on the alias's pool through the connection's internal channel, so a sync or a migration through a
// keyspace view opens no client of that keyspace.
import type cassandra from 'cassandra-driver';
import type { Connection } from './connection.js';
import type { ExecuteOptions } from './execute-options.js';
import { EXECUTE_MAP } from './internals.js';

const identity = (rs: cassandra.types.ResultSet): cassandra.types.ResultSet => rs;

/** `connection.execute()` for a statement that names its keyspace (or reads `system*` tables): always on the alias's pool. */
export function executeQualified(connection: Connection, cql: string, params?: cassandra.ArrayOrObject, options?: ExecuteOptions): Promise<cassandra.types.ResultSet> {
  return connection[EXECUTE_MAP](cql, params, options, identity);
}
