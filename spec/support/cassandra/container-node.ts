// A Cassandra 5 node in a container, for machines with Docker or Podman. Loaded lazily: on machines
// without a container runtime the import costs nothing and the caller falls back to the JVM node.
import { cassandraYaml } from './node-config.js';
import { waitForCql } from './probe.js';
import type { SelectedNode } from './select.js';

const IMAGE = process.env['CASSANDRA_IMAGE'] ?? 'cassandra:5.0';
// The data center the specs expect (the JVM node's, SimpleSnitch's). CassandraContainer sets the image's
// snitch to GossipingPropertyFileSnitch and its data center to 'dc1' unless told otherwise, and the
// image's entrypoint writes both over our cassandra.yaml and cassandra-rackdc.properties at start.
const DATACENTER = 'datacenter1';

/** Resolves undefined when no container runtime answers; rejects when one answers but the node fails. */
export async function startContainerNode(log: (line: string) => void): Promise<SelectedNode | undefined> {
  const tc = await import('testcontainers');
  try {
    await tc.getContainerRuntimeClient();
  } catch {
    return undefined;
  }
  const { CassandraContainer } = await import('@testcontainers/cassandra');
  log(`Starting ${IMAGE} with testcontainers...`);
  // The image's own yaml has no PasswordAuthenticator: ours replaces it (paths are the image's). The
  // entrypoint then rewrites the seeds, listen_address and broadcast_rpc_address lines to the
  // container's address; rpc_address 0.0.0.0 needs a broadcast_rpc_address line for it to rewrite.
  const yaml = cassandraYaml({ dir: '/var/lib/cassandra', address: '0.0.0.0', nativePort: 9042, storagePort: 7000 })
    .replace('listen_address: 0.0.0.0', 'listen_address: 127.0.0.1')
    .replace('"0.0.0.0:7000"', '"127.0.0.1:7000"')
    .concat('broadcast_rpc_address: 127.0.0.1\n');
  const container = await new CassandraContainer(IMAGE)
    .withDatacenter(DATACENTER)
    .withCopyContentToContainer([{ content: yaml, target: '/etc/cassandra/cassandra.yaml' }])
    .withStartupTimeout(240_000)
    .start();
  const endpoint = {
    address: container.getHost(),
    port: container.getMappedPort(9042),
    localDataCenter: container.getDatacenter(),
    username: 'cassandra',
    password: 'cassandra',
  };
  await waitForCql(endpoint, { timeoutMs: 120_000 });
  return {
    endpoint: { ...endpoint, contactPoints: [`${endpoint.address}:${endpoint.port}`] },
    source: 'testcontainers',
    description: `container ${IMAGE} at ${endpoint.address}:${endpoint.port}`,
    stop: async () => {
      await container.stop();
    },
  };
}
