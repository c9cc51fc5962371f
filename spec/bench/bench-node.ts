// The Cassandra node the benchmark runs against: from the same environment variables the test
// fixture and `cli.js run --` publish, with the shared local node as the default.
import cassandra from 'cassandra-driver';

/** Where and as whom to connect. */
export interface BenchNode {
  readonly contactPoints: readonly string[];
  readonly localDataCenter: string;
  readonly username: string;
  readonly password: string;
}

/** Reads CASSANDRA_CONTACT_POINTS / _USERNAME / _PASSWORD / _LOCAL_DC, defaulting to 127.0.0.1 cassandra/cassandra. */
export function benchNode(env: NodeJS.ProcessEnv = process.env): BenchNode {
  const points = (env['CASSANDRA_CONTACT_POINTS'] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  return {
    contactPoints: points.length > 0 ? points : ['127.0.0.1:9042'],
    localDataCenter: env['CASSANDRA_LOCAL_DC'] ?? 'datacenter1',
    username: env['CASSANDRA_USERNAME'] ?? 'cassandra',
    password: env['CASSANDRA_PASSWORD'] ?? 'cassandra',
  };
}

/** Driver options shared by every contender, so that pools and load balancing are identical. */
export function driverOptions(node: BenchNode, keyspace?: string): cassandra.ClientOptions {
  return {
    contactPoints: [...node.contactPoints],
    localDataCenter: node.localDataCenter,
    authProvider: new cassandra.auth.PlainTextAuthProvider(node.username, node.password),
    ...(keyspace !== undefined ? { keyspace } : {}),
  };
}
