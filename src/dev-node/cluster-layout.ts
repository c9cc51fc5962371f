// Where each node of a loopback development cluster lives: its address, data centre, rack and token,
// and the replication system_auth gets on it. Pure: no processes, no sockets.
import { DevNodeError } from '../errors.js';

/** One node's place in the cluster. */
export interface ClusterNodeLayout {
  /** 1-based, as the progress lines and docs count nodes. */
  readonly index: number;
  readonly address: string;
  readonly nativePort: number;
  readonly storagePort: number;
  readonly dataCenter: string;
  readonly rack: string;
  /** Murmur3 token (one per node, spread evenly over the ring). */
  readonly initialToken: string;
  readonly seed: boolean;
}

/** The default first address: 127.0.0.1 stays free for the single development node. */
export const CLUSTER_FIRST_ADDRESS = '127.0.0.2';

/**
 * `count` nodes on consecutive loopback addresses from `firstAddress`, all on the same ports. With three
 * or more nodes the last one is in `dc2` and the others in `dc1` (the smallest layout with two data
 * centres where dc1 still has a quorum of its own); each node has its own rack; the first node of each
 * data centre is a seed.
 */
export function clusterLayout(count: number, firstAddress = CLUSTER_FIRST_ADDRESS, nativePort = 9042, storagePort = 7000): ClusterNodeLayout[] {
  if (!Number.isInteger(count) || count < 1 || count > 9) throw new DevNodeError(`A development cluster has 1 to 9 nodes, not ${count}.`);
  const octets = firstAddress.split('.').map(Number);
  const last = octets[3];
  if (octets.length !== 4 || octets[0] !== 127 || last === undefined || !octets.every((o) => Number.isInteger(o) && o >= 0 && o <= 255) || last + count > 255) {
    throw new DevNodeError(`Cluster nodes bind to consecutive loopback addresses (127.x.y.z); '${firstAddress}' cannot hold ${count}.`);
  }
  const ringStart = -(2n ** 63n);
  const step = 2n ** 64n / BigInt(count);
  const seenDc = new Set<string>();
  return Array.from({ length: count }, (_, i) => {
    const dataCenter = count >= 3 && i === count - 1 ? 'dc2' : 'dc1';
    const seed = !seenDc.has(dataCenter);
    seenDc.add(dataCenter);
    return {
      index: i + 1,
      address: [...octets.slice(0, 3), last + i].join('.'),
      nativePort,
      storagePort,
      dataCenter,
      rack: `r${i + 1}`,
      initialToken: (ringStart + step * BigInt(i)).toString(),
      seed,
    };
  });
}

/** How many nodes each data centre has: the replication that puts a copy on every node (at most 3 per centre). */
export function everyNodeReplication(layout: readonly ClusterNodeLayout[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const node of layout) counts[node.dataCenter] = Math.min(3, (counts[node.dataCenter] ?? 0) + 1);
  return counts;
}

/** `ALTER KEYSPACE system_auth` so that losing one node keeps logins and permission checks working. */
export function systemAuthReplicationCql(layout: readonly ClusterNodeLayout[]): string {
  const dcs = Object.entries(everyNodeReplication(layout)).map(([dc, rf]) => `'${dc}': ${rf}`);
  return `ALTER KEYSPACE system_auth WITH replication = {'class': 'NetworkTopologyStrategy', ${dcs.join(', ')}}`;
}
