// A development cluster that outlives one command (`cassandra-orm dev-node start --nodes N`): started
// detached, recorded in its own state file (beside the single node's), found again by `stop --cluster`,
// `status --cluster` and by test fixtures that attach to it instead of starting another.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { DevCluster, startCluster, type ClusterOptions, type ClusterState } from './cluster.js';
import { alive } from './jvm-node.js';

/** CASSANDRA_ORM_CACHE (default ~/.cache/cassandra-orm)/dev-cluster.json. */
export function clusterStateFile(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(env['CASSANDRA_ORM_CACHE'] ?? join(homedir(), '.cache', 'cassandra-orm'), 'dev-cluster.json');
}

/** The cluster `start --nodes` recorded, whether or not its nodes still run. */
export function recordedCluster(file = clusterStateFile()): ClusterState | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ClusterState) : undefined;
}

/** The recorded cluster as a DevCluster, when at least one of its nodes still runs. */
export function attachRecordedCluster(log: (line: string) => void = () => {}): DevCluster | undefined {
  const state = recordedCluster();
  if (state === undefined || !state.nodes.some((n) => n.pid !== undefined && alive(n.pid))) return undefined;
  return new DevCluster(state, log, recordCluster);
}

/** Writes the cluster's current pids and folders where `stop --cluster` finds them. */
export function recordCluster(cluster: DevCluster): void {
  const file = clusterStateFile();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(cluster.snapshot(), null, 2));
}

/**
 * Starts a detached cluster and records it. Ctrl-C (or SIGTERM) while it starts kills the nodes
 * already started, so a cancelled start leaves nothing running.
 */
export async function startDevCluster(options: Omit<ClusterOptions, 'detached'>, log: (line: string) => void): Promise<DevCluster> {
  let starting: DevCluster | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    log(`${signal}: stopping the nodes started so far`);
    starting?.killAllNow();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const cluster = await startCluster({ ...options, detached: true }, log, (c) => {
      starting = c;
    });
    recordCluster(cluster);
    return cluster;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/** Stops the recorded cluster's nodes, deletes its folder and the record; undefined when none is recorded. */
export async function stopDevCluster(): Promise<ClusterState | undefined> {
  const state = recordedCluster();
  if (state === undefined) return undefined;
  await new DevCluster(state).stop();
  rmSync(clusterStateFile(), { force: true });
  return state;
}
