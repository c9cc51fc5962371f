// A Cassandra 5 node in a container, for machines with Docker or Podman. testcontainers is an optional
// peer dependency, loaded lazily: where it is not installed, or no container runtime answers, the
// caller falls back to the JVM node.
import { cassandraYaml } from './node-config.js';
import { waitForCql, type SelectedNode } from './probe.js';

const IMAGE = process.env['CASSANDRA_IMAGE'] ?? 'cassandra:5.0';
// The data center the specs expect (the JVM node's, SimpleSnitch's). CassandraContainer sets the image's
// snitch to GossipingPropertyFileSnitch and its data center to 'dc1' unless told otherwise, and the
// image's entrypoint writes both over our cassandra.yaml and cassandra-rackdc.properties at start.
const DATACENTER = 'datacenter1';

/** Why no container was tried (testcontainers missing, no runtime), or the node it started. */
export type ContainerAttempt = { readonly node: SelectedNode } | { readonly skipped: string };

/** Starts a container when testcontainers and a runtime are there; rejects when one answers but the node fails. */
export async function startContainerNode(log: (line: string) => void): Promise<ContainerAttempt> {
  let tc: typeof import('testcontainers');
  try {
    tc = await import('testcontainers');
  } catch {
    return { skipped: 'testcontainers is not installed (npm install -D testcontainers@11 @testcontainers/cassandra@11 to use a container runtime)' };
  }
  try {
    await tc.getContainerRuntimeClient();
  } catch {
    return { skipped: 'no container runtime answered' };
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
    node: {
      endpoint: { ...endpoint, contactPoints: [`${endpoint.address}:${endpoint.port}`] },
      source: 'testcontainers',
      description: `container ${IMAGE} at ${endpoint.address}:${endpoint.port}`,
      stop: async () => {
        await container.stop();
      },
    },
  };
}
