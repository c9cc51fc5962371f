// Connection options for the shared node, and helpers to inspect it from the outside.
import type cassandra from 'cassandra-driver';
import type { ConnectionOptions } from '../../../../src/index.js';
import { testNode } from '../../../support/test-node.js';

/** Options reaching the shared node as its superuser, plus `extra`. */
export function nodeOptions(extra: Partial<ConnectionOptions> = {}): ConnectionOptions {
  const node = testNode();
  return {
    contactPoints: node.contactPoints,
    localDataCenter: node.localDataCenter,
    username: node.username,
    password: node.password,
    ...extra,
  };
}

/** The replication map and durable_writes Cassandra stored for `keyspace` (undefined when absent). */
export async function liveKeyspace(
  client: cassandra.Client,
  keyspace: string,
): Promise<{ replication: Record<string, string>; durableWrites: boolean } | undefined> {
  const rs = await client.execute('SELECT replication, durable_writes FROM system_schema.keyspaces WHERE keyspace_name = ?', [keyspace], { prepare: true });
  const row = rs.first();
  if (row === null) return undefined;
  return { replication: { ...(row['replication'] as Record<string, string>) }, durableWrites: row['durable_writes'] as boolean };
}
