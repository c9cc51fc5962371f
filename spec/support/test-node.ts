// What integration specs know about the node the global fixture chose.
import cassandra from 'cassandra-driver';
import { randomBytes } from 'node:crypto';

export interface TestNode {
  readonly contactPoints: string[];
  readonly localDataCenter: string;
  readonly username: string;
  readonly password: string;
}

/** The node of this run; throws when the global fixture did not run (a spec file run on its own). */
export function testNode(): TestNode {
  const points = process.env['CASSANDRA_CONTACT_POINTS'];
  if (points === undefined || points === '') {
    throw new Error('No Cassandra node: run the specs through `npm test`, which starts or finds one (see README).');
  }
  return {
    contactPoints: points.split(',').map((s) => s.trim()),
    localDataCenter: process.env['CASSANDRA_LOCAL_DC'] ?? 'datacenter1',
    username: process.env['CASSANDRA_USERNAME'] ?? 'cassandra',
    password: process.env['CASSANDRA_PASSWORD'] ?? 'cassandra',
  };
}

/** A keyspace name no other spec (or earlier run) uses. */
export function uniqueKeyspace(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`.toLowerCase();
}

/** A raw driver client logged in as the suite's superuser, for setting up and checking from the outside. */
export function adminClient(keyspace?: string): cassandra.Client {
  const node = testNode();
  return new cassandra.Client({
    contactPoints: node.contactPoints,
    localDataCenter: node.localDataCenter,
    authProvider: new cassandra.auth.PlainTextAuthProvider(node.username, node.password),
    ...(keyspace !== undefined ? { keyspace } : {}),
  });
}

// A schema change waits for the node to flush and agree; on a loaded machine that takes longer than the
// driver's 12 s default, and a spec's keyspace must not fail its after hook for it.
const SCHEMA_CHANGE = { readTimeout: 60_000 } as const;

/** Creates a SimpleStrategy RF 1 keyspace; the returned function drops it. */
export async function createKeyspace(client: cassandra.Client, name: string): Promise<() => Promise<void>> {
  await client.execute(`CREATE KEYSPACE ${name} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`, [], SCHEMA_CHANGE);
  return async () => {
    await client.execute(`DROP KEYSPACE IF EXISTS ${name}`, [], SCHEMA_CHANGE);
  };
}
