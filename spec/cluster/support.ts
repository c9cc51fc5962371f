// What cluster specs know about the cluster the fixture chose, and a library connection to it.
import cassandra from 'cassandra-driver';
import { Connection, type ConnectionOptions } from '../../src/index.js';

/** Contact points and local data centre of the run's cluster (published by spec/support/cluster-fixture.ts). */
export function clusterEndpoint(): { contactPoints: string[]; localDataCenter: string } {
  const points = process.env['CASSANDRA_CLUSTER_CONTACT_POINTS'];
  if (points === undefined || points === '') throw new Error('No cluster: run the cluster specs through `npm run test:cluster`.');
  return { contactPoints: points.split(',').map((s) => s.trim()), localDataCenter: process.env['CASSANDRA_CLUSTER_LOCAL_DC'] ?? 'dc1' };
}

/** A library connection to the cluster as its superuser; `options` override. */
export function clusterConnection(options: Partial<ConnectionOptions> = {}): Connection {
  const { contactPoints, localDataCenter } = clusterEndpoint();
  return new Connection({ contactPoints, localDataCenter, username: 'cassandra', password: 'cassandra', ...options });
}

/** The driver's code of a consistency level name, to compare with `info.achievedConsistency`. */
export function code(name: keyof typeof cassandra.types.consistencies): number {
  return cassandra.types.consistencies[name];
}

/** A keyspace name no other spec (or earlier run) uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** One connection per node of the cluster, each coordinated by that node only (its data centre local). */
export function pinnedConnections(nodes: readonly { address: string; nativePort: number; dataCenter: string }[], options: Partial<ConnectionOptions> = {}): Connection[] {
  const { AllowListPolicy, DCAwareRoundRobinPolicy } = cassandra.policies.loadBalancing;
  return nodes.map((n) => {
    const host = `${n.address}:${n.nativePort}`;
    return clusterConnection({
      contactPoints: [host],
      localDataCenter: n.dataCenter,
      clientOptions: { policies: { loadBalancing: new AllowListPolicy(new DCAwareRoundRobinPolicy(n.dataCenter), [host]) } },
      ...options,
    });
  });
}

/** What each node says, asked directly: its schema version and the ids of the keyspace's tables. */
export async function schemaOnEveryNode(nodes: readonly { address: string; nativePort: number; dataCenter: string }[], keyspace: string): Promise<{ versions: Set<string>; tableIds: Map<string, Set<string>>; nodes: number }> {
  const pinned = pinnedConnections(nodes);
  const versions = new Set<string>();
  const tableIds = new Map<string, Set<string>>();
  try {
    for (const connection of pinned) {
      const local = await connection.execute('SELECT schema_version FROM system.local');
      versions.add(String(local.first()?.['schema_version']));
      const tables = await connection.execute('SELECT table_name, id FROM system_schema.tables WHERE keyspace_name = ?', [keyspace]);
      for (const row of tables.rows) {
        const name = String(row['table_name']);
        if (!tableIds.has(name)) tableIds.set(name, new Set());
        tableIds.get(name)!.add(String(row['id']));
      }
    }
  } finally {
    await Promise.all(pinned.map((c) => c.close()));
  }
  return { versions, tableIds, nodes: pinned.length };
}

