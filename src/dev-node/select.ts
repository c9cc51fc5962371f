// Chooses the Cassandra node for a whole test run:
//   1. CASSANDRA_CONTACT_POINTS        → that cluster (CASSANDRA_USERNAME / CASSANDRA_PASSWORD / CASSANDRA_LOCAL_DC)
//   2. a node already up on 127.0.0.1:9042 (`cassandra-orm dev-node start`) → reuse it
//   3. testcontainers and a container runtime → @testcontainers/cassandra
//   4. otherwise                        → a local JVM node from the Maven Central jars
import { DevNodeError } from '../errors.js';
import { startJvmNode, stopJvmNode, type JvmNode } from './jvm-node.js';
import { probe, type ClusterEndpoint, type SelectedNode } from './probe.js';
import { startContainerNode } from './container-node.js';

/** The address, port and superuser of a development node on this machine. */
export const LOCAL_NODE = { address: '127.0.0.1', port: 9042, username: 'cassandra', password: 'cassandra' } as const;

/** The cluster CASSANDRA_CONTACT_POINTS (and _USERNAME, _PASSWORD, _LOCAL_DC) name, or undefined when unset. */
export function endpointFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): ClusterEndpoint | undefined {
  const contactPoints = (env['CASSANDRA_CONTACT_POINTS'] ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const [first] = contactPoints;
  if (first === undefined) return undefined;
  const [address = '127.0.0.1', port = '9042'] = first.split(':');
  return {
    address,
    port: Number(port),
    contactPoints,
    localDataCenter: env['CASSANDRA_LOCAL_DC'] ?? 'datacenter1',
    username: env['CASSANDRA_USERNAME'] ?? 'cassandra',
    password: env['CASSANDRA_PASSWORD'] ?? 'cassandra',
  };
}

/** Finds or starts the node for a run (see the order above); `stop()` ends only what it started. */
export async function selectNode(log: (line: string) => void): Promise<SelectedNode> {
  const endpoint = endpointFromEnv();
  if (endpoint !== undefined) {
    const { contactPoints } = endpoint;
    try {
      const version = await probe(endpoint, 10_000);
      return { endpoint, source: 'env', description: `cluster at ${contactPoints.join(',')} (Cassandra ${version})`, stop: async () => {} };
    } catch (error) {
      throw DevNodeError.unreachable(contactPoints.join(','), error);
    }
  }

  const running = await probe(LOCAL_NODE, 3_000).catch(() => undefined);
  if (running !== undefined) {
    return {
      endpoint: { ...LOCAL_NODE, contactPoints: [`${LOCAL_NODE.address}:${LOCAL_NODE.port}`], localDataCenter: 'datacenter1' },
      source: 'running',
      description: `node already running on 127.0.0.1:9042 (Cassandra ${running})`,
      stop: async () => {},
    };
  }

  const reasons: string[] = [];
  try {
    const attempt = await startContainerNode(log);
    if ('node' in attempt) return attempt.node;
    reasons.push(attempt.skipped);
  } catch (error) {
    reasons.push(`testcontainers: ${(error as Error).message}`);
  }

  let node: JvmNode;
  try {
    node = await startJvmNode({}, log);
  } catch (error) {
    reasons.push(`local JVM node: ${(error as Error).message}`);
    throw DevNodeError.noNode(reasons);
  }
  const started = node;
  const killOnExit = (): void => {
    try {
      process.kill(started.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killOnExit);
  return {
    endpoint: {
      address: node.address,
      port: node.port,
      contactPoints: [`${node.address}:${node.port}`],
      localDataCenter: 'datacenter1',
      username: 'cassandra',
      password: 'cassandra',
    },
    source: 'jvm',
    description: `local JVM node on ${node.address}:${node.port}, started in ${(node.startedInMs / 1000).toFixed(1)} s`,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await stopJvmNode(started);
    },
  };
}
