// Mocha global fixture of the cluster suite (`npm run test:cluster`): one multi-node cluster for the
// whole run. CASSANDRA_CLUSTER_CONTACT_POINTS names an existing cluster (its nodes cannot be killed
// from here, so the fault specs fail and say so); else a cluster `cassandra-orm dev-node start --nodes 3`
// recorded is reused; else three nodes are started for the run and stopped at its end, on Ctrl-C and
// on exit.
import type { DevCluster } from '../../src/dev-node/cluster.js';
import { startCluster } from '../../src/dev-node/cluster.js';
import { attachRecordedCluster } from '../../src/dev-node/dev-cluster.js';

let cluster: DevCluster | undefined;
let owned = false;

/** The cluster of this run, for specs that stop, kill or restart nodes; throws when this run cannot control one. */
export function controlledCluster(): DevCluster {
  if (cluster === undefined) {
    throw new Error(
      'This spec kills and restarts nodes, which needs a cluster started by the suite or by `cassandra-orm dev-node start --nodes 3` ' +
        '(CASSANDRA_CLUSTER_CONTACT_POINTS names a cluster whose processes this run cannot control).',
    );
  }
  return cluster;
}

const onSignal = (signal: NodeJS.Signals): void => {
  console.error(`[cluster] ${signal}: killing the nodes this run started`);
  cluster?.killAllNow();
  process.exit(130);
};
const onExit = (): void => {
  if (owned) cluster?.killAllNow();
};

export async function mochaGlobalSetup(): Promise<void> {
  const log = (line: string): void => console.error(`[cluster] ${line}`);
  const external = process.env['CASSANDRA_CLUSTER_CONTACT_POINTS'];
  if (external !== undefined && external.trim() !== '') {
    process.env['CASSANDRA_CLUSTER_LOCAL_DC'] ??= 'dc1';
    log(`using the cluster at ${external} (CASSANDRA_CLUSTER_CONTACT_POINTS); fault specs need one they can control`);
    return;
  }
  cluster = attachRecordedCluster(log);
  if (cluster !== undefined) {
    log(`reusing the cluster dev-node start --nodes recorded (${cluster.contactPoints.join(', ')})`);
    await cluster.waitUntilSettled(60_000);
  } else {
    owned = true;
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    process.once('exit', onExit);
    cluster = await startCluster({ nodes: 3 }, log, (c) => {
      cluster = c;
    });
  }
  process.env['CASSANDRA_CLUSTER_CONTACT_POINTS'] = cluster.contactPoints.join(',');
  process.env['CASSANDRA_CLUSTER_LOCAL_DC'] = cluster.localDataCenter;
}

export async function mochaGlobalTeardown(): Promise<void> {
  if (cluster !== undefined) {
    // Specs restart what they kill; a node a failed spec left down is started again for a reused cluster.
    if (owned) await cluster.stop();
    else for (const node of cluster.nodes) if (node.pid === undefined) await cluster.restart(node.index);
  }
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
  process.removeListener('exit', onExit);
  setTimeout(() => {
    const open = process.getActiveResourcesInfo().filter((r) => r !== 'Timeout');
    console.error(`[cluster] the test process did not exit 15 s after the run; still open: ${open.join(', ') || 'unknown'}.`);
    process.exit();
  }, 15_000).unref();
}
