// Chooses the Cassandra node for a whole test run:
//   1. CASSANDRA_CONTACT_POINTS        → that cluster (CASSANDRA_USERNAME / CASSANDRA_PASSWORD / CASSANDRA_LOCAL_DC)
//   2. a node already up on 127.0.0.1:9042 (npm run cassandra:start) → reuse it
//   3. a container runtime answers      → @testcontainers/cassandra
//   4. otherwise                        → a local JVM node from the Maven Central jars
import { startJvmNode, stopJvmNode, type JvmNode } from './jvm-node.js';
import { probe, type NodeEndpoint } from './probe.js';
import { startContainerNode } from './container-node.js';

export interface SelectedNode {
  readonly endpoint: NodeEndpoint & { readonly contactPoints: readonly string[] };
  /** How the node was found: shown once at the start of a run. */
  readonly source: 'env' | 'running' | 'testcontainers' | 'jvm';
  readonly description: string;
  /** Stops what this run started; a no-op for nodes it only borrowed. */
  stop(): Promise<void>;
}

export class NoNodeError extends Error {
  override readonly name = 'NoNodeError';
}

const HOW_TO_GET_ONE = `The integration specs need a real Cassandra 5 node. Any one of these works:
  1. an existing cluster: CASSANDRA_CONTACT_POINTS=host1:9042,host2 (optional CASSANDRA_USERNAME,
     CASSANDRA_PASSWORD, CASSANDRA_LOCAL_DC; the user must be able to create keyspaces and roles);
  2. a container runtime (Docker or Podman) for @testcontainers/cassandra;
  3. JDK 17 and Maven (Debian: apt-get install openjdk-17-jdk-headless maven): the suite then
     downloads cassandra-all from Maven Central once and starts the node itself.`;

const LOCAL = { address: '127.0.0.1', port: 9042, username: 'cassandra', password: 'cassandra' } as const;

function parseContactPoints(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

export async function selectNode(log: (line: string) => void): Promise<SelectedNode> {
  const fromEnv = process.env['CASSANDRA_CONTACT_POINTS'];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const contactPoints = parseContactPoints(fromEnv);
    const [first] = contactPoints;
    const [address = '127.0.0.1', port = '9042'] = (first ?? '').split(':');
    const endpoint = {
      address,
      port: Number(port),
      contactPoints,
      localDataCenter: process.env['CASSANDRA_LOCAL_DC'] ?? 'datacenter1',
      username: process.env['CASSANDRA_USERNAME'] ?? 'cassandra',
      password: process.env['CASSANDRA_PASSWORD'] ?? 'cassandra',
    };
    try {
      const version = await probe(endpoint, 10_000);
      return { endpoint, source: 'env', description: `cluster at ${contactPoints.join(',')} (Cassandra ${version})`, stop: async () => {} };
    } catch (error) {
      throw new NoNodeError(`CASSANDRA_CONTACT_POINTS=${fromEnv} is set, but a login there failed: ${(error as Error).message}\n\n${HOW_TO_GET_ONE}`);
    }
  }

  const running = await probe(LOCAL, 3_000).catch(() => undefined);
  if (running !== undefined) {
    return {
      endpoint: { ...LOCAL, contactPoints: [`${LOCAL.address}:${LOCAL.port}`], localDataCenter: 'datacenter1' },
      source: 'running',
      description: `node already running on 127.0.0.1:9042 (Cassandra ${running})`,
      stop: async () => {},
    };
  }

  const reasons: string[] = [];
  try {
    const container = await startContainerNode(log);
    if (container !== undefined) return container;
    reasons.push('no container runtime answered');
  } catch (error) {
    reasons.push(`testcontainers: ${(error as Error).message}`);
  }

  let node: JvmNode;
  try {
    node = await startJvmNode({}, log);
  } catch (error) {
    reasons.push(`local JVM node: ${(error as Error).message}`);
    throw new NoNodeError(`No Cassandra node could be had:\n- ${reasons.join('\n- ')}\n\n${HOW_TO_GET_ONE}`);
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
