// Keeps the driver's keyspace metadata right when the client decodes CQL maps as `Map`. The driver
// parses each keyspace's replication from its own `system_schema.keyspaces` rows, decoded with the
// client's encoding: given a Map it finds no `class`, takes the keyspace for one without a
// replication strategy, and its replica metadata then holds only each token's primary replica. That
// breaks token-aware routing (the coordinator is no replica, or one in another data centre) and
// `metadata.getReplicas`. So the parser of each client this library creates is wrapped to hand the
// replication over as the plain object the driver expects, and the keyspaces are read again.
import type cassandra from 'cassandra-driver';

type Row = Record<string, unknown>;
interface KeyspaceParser {
  _parseKeyspace?: (row: Row, virtual?: boolean) => unknown;
  [WRAPPED]?: true;
}
const WRAPPED = Symbol('cassandra-orm.keyspaceParserWrapped');

/** Wraps the client's schema parser (once) and re-reads the keyspace metadata; a no-op where the driver's internals differ. */
export async function repairKeyspaceMetadata(client: cassandra.Client): Promise<void> {
  const metadata = client.metadata as unknown as { _schemaParser?: KeyspaceParser; refreshKeyspaces?: () => Promise<void> };
  const parser = metadata._schemaParser;
  const parse = parser?._parseKeyspace;
  if (parser === undefined || typeof parse !== 'function' || typeof metadata.refreshKeyspaces !== 'function') return;
  if (parser[WRAPPED] === true) return;
  // A client told not to keep schema metadata has no keyspaces to repair (and routes without them).
  if ((client as unknown as { options?: { isMetadataSyncEnabled?: boolean } }).options?.isMetadataSyncEnabled === false) return;
  parser._parseKeyspace = function (row: Row, virtual?: boolean): unknown {
    const replication = row['replication'];
    return parse.call(this, replication instanceof Map ? { ...row, replication: Object.fromEntries(replication) } : row, virtual);
  };
  parser[WRAPPED] = true;
  await metadata.refreshKeyspaces();
}
