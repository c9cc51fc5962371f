// Replication that one node loss breaks: the warnings plan and sync add for the keyspace being synced
// and for system_auth, from the replication map Cassandra stores and the nodes each data centre has.
// A one-node cluster gets none: no replication survives the loss of its only node.
import type { Connection } from '../connection/connection.js';

/** Nodes per data centre, as the connection's driver sees the cluster. */
export type Topology = ReadonlyMap<string, number>;

/** The driver's view of the cluster: its hosts counted by data centre (the connection must have connected). */
export function topologyOf(connection: Connection): Topology {
  const counts = new Map<string, number>();
  const hosts = (connection.client as unknown as { hosts?: { values(): { datacenter?: string }[] } }).hosts;
  for (const host of hosts?.values() ?? []) {
    const dc = host.datacenter ?? 'unknown';
    counts.set(dc, (counts.get(dc) ?? 0) + 1);
  }
  return counts;
}

/** Replication factors by data centre (NetworkTopologyStrategy), or one factor for the whole ring (SimpleStrategy). */
function factors(replication: Readonly<Record<string, string>>): { simple: number } | { perDc: Map<string, number> } | undefined {
  const cls = replication['class'] ?? '';
  if (/SimpleStrategy$/.test(cls)) return { simple: Number(replication['replication_factor'] ?? 0) };
  if (!/NetworkTopologyStrategy$/.test(cls)) return undefined;
  const perDc = new Map<string, number>();
  for (const [key, value] of Object.entries(replication)) if (key !== 'class' && key !== 'replication_factor') perDc.set(key, Number(value));
  return { perDc };
}

/** `ALTER KEYSPACE ... WITH replication` giving each data centre three copies, or as many as it has nodes. */
function suggestion(keyspace: string, topology: Topology): string {
  const dcs = [...topology.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([dc, nodes]) => `'${dc}': ${Math.min(3, nodes)}`).join(', ');
  return `ALTER KEYSPACE ${keyspace} WITH replication = {'class': 'NetworkTopologyStrategy', ${dcs}}`;
}

const total = (topology: Topology): number => [...topology.values()].reduce((a, b) => a + b, 0);

/**
 * Why one node down breaks QUORUM or LOCAL_QUORUM (or every read of some rows) in `keyspace` with
 * this replication, and the fix; empty when it survives one node loss, or on a one-node cluster.
 */
export function keyspaceReplicationWarnings(keyspace: string, replication: Readonly<Record<string, string>>, topology: Topology): string[] {
  const nodes = total(topology);
  const f = factors(replication);
  if (nodes <= 1 || f === undefined) return [];
  const problems: string[] = [];
  if ('simple' in f) {
    if (f.simple === 1) problems.push(`SimpleStrategy with replication factor 1 keeps one copy of each row: while any node is down, the rows it holds cannot be read or written at any consistency`);
    else if (f.simple === 2) problems.push(`SimpleStrategy with replication factor 2: QUORUM and LOCAL_QUORUM need both copies, so one node down makes its rows unavailable at those levels`);
  } else {
    let sum = 0;
    for (const [dc, rf] of f.perDc) {
      sum += rf;
      if (rf === 1) problems.push(`${dc} has 1 copy: while that node is down, LOCAL_ONE and LOCAL_QUORUM in ${dc} fail for its rows`);
      else if (rf === 2) problems.push(`${dc} has 2 copies: LOCAL_QUORUM in ${dc} needs both, so one node down there makes it unavailable`);
    }
    if (sum > 0 && sum <= 2) problems.push(`${sum} ${sum === 1 ? 'copy' : 'copies'} in all: QUORUM fails while one replica is down`);
  }
  if (problems.length === 0) return [];
  const short = [...topology.values()].some((n) => n < 3) ? ' (a data centre needs 3 nodes for 3 copies)' : '';
  return [`replication of keyspace ${keyspace} does not survive one node loss: ${problems.join('; ')}. To survive it, give each data centre 3 copies${short}: ${suggestion(keyspace, topology)}, then run nodetool repair ${keyspace}.`];
}

/**
 * Why one node down breaks logins through system_auth (the default superuser is read at QUORUM,
 * other roles at LOCAL_ONE) with this replication, and the fix; empty when it survives.
 */
export function systemAuthWarnings(replication: Readonly<Record<string, string>>, topology: Topology): string[] {
  const nodes = total(topology);
  const f = factors(replication);
  if (nodes <= 1 || f === undefined) return [];
  let sum: number;
  let thinDc: string | undefined;
  if ('simple' in f) sum = f.simple;
  else {
    sum = [...f.perDc.values()].reduce((a, b) => a + b, 0);
    thinDc = [...topology.entries()].find(([dc, n]) => n >= 2 && (f.perDc.get(dc) ?? 0) < 2)?.[0];
  }
  if (sum >= 3 && thinDc === undefined) return [];
  const why = sum < 3 ? `${sum} ${sum === 1 ? 'copy' : 'copies'} in all` : `${thinDc} has fewer than 2 copies`;
  return [
    `system_auth (roles, passwords, permissions) does not survive one node loss (${why}): while a replica is down, logins fail with ` +
      `"Unable to perform authentication" and permission checks with "Unable to perform authorization". ` +
      `Raise it: ${suggestion('system_auth', topology)}, then run nodetool repair system_auth.`,
  ];
}
