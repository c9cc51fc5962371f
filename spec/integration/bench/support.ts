// What the benchmark's node specs share: a keyspace of their own holding the benchmark's tables.
import { TABLES_CQL } from '../../bench/data.js';
import { adminClient, createKeyspace } from '../../support/test-node.js';

/** Creates `keyspace` with the benchmark's tables (from a client in it, as the suite does); resolves with its drop. */
export async function benchKeyspace(admin: ReturnType<typeof adminClient>, keyspace: string): Promise<() => Promise<void>> {
  const drop = await createKeyspace(admin, keyspace);
  const inKs = adminClient(keyspace);
  try {
    for (const cql of TABLES_CQL) await inKs.execute(cql);
  } finally {
    await inKs.shutdown();
  }
  return drop;
}
