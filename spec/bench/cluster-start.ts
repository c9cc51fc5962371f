// `npm run bench:cluster-start`: what the development cluster costs on this machine, measured rather
// than typed. Starts the suite's three-node cluster (heap 512 MiB per node), records how long each
// node and the settling took, samples each JVM's resident memory once the cluster has been idle for
// `--settle-s` seconds, times a killed node's restart with the cluster idle (started `--down-s`
// seconds after the kill), stops the cluster, and
// writes docs/results/cluster-start.json, from which `npm run docs:cluster-start` writes the table of
// docs/cluster.md. Run it on a quiet machine, with no other cluster on 127.0.0.2-4.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '../../src/index.js';
import { startCluster } from '../../src/dev-node/cluster.js';
import { attachRecordedCluster } from '../../src/dev-node/dev-cluster.js';
import { residentMemoryMiB } from '../../src/dev-node/jvm-node.js';
import { repoRoot } from '../support/repo-root.js';
import { environment, gitState, type Environment, type GitState } from './machine.js';

/** What docs/results/cluster-start.json holds. */
export interface ClusterStartResults {
  readonly environment: Environment;
  readonly git: GitState | null;
  readonly finishedAt: string;
  readonly method: { readonly nodes: number; readonly heapMiB: number; readonly settleS: number; readonly downBeforeRestartS?: number };
  readonly nodes: readonly { readonly index: number; readonly address: string; readonly dataCenter: string; readonly upS: number; readonly rssMiB: number | null }[];
  /** From the last node's login until every node saw every other up with one schema. */
  readonly settleS: number;
  /** The whole start, first JVM to a settled cluster. */
  readonly totalS: number;
  /** Node 2 SIGKILLed with the cluster idle, then restarted: until it took logins and the cluster settled again. */
  readonly idleRestartS: number;
}

const HEAP_MIB = 512;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function option(argv: readonly string[], name: string, fallback: number): number {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : fallback;
}

async function main(argv: readonly string[]): Promise<void> {
  const settleS = option(argv, '--settle-s', 20);
  const downS = option(argv, '--down-s', 30);
  const log = (line: string): void => console.error(`[cluster-start] ${line}`);
  const recorded = attachRecordedCluster();
  if (recorded !== undefined) {
    throw new Error(`a cluster started by dev-node start --nodes is running (${recorded.contactPoints.join(', ')}): stop it first (npm run cassandra:stop -- --cluster), this measures a fresh start`);
  }
  const cluster = await startCluster({ nodes: 3, heapMb: HEAP_MIB }, log);
  const onSignal = (): void => {
    cluster.killAllNow();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  try {
    const startup = cluster.startup!;
    const connection = new Connection({ contactPoints: cluster.contactPoints, localDataCenter: cluster.localDataCenter, username: 'cassandra', password: 'cassandra' });
    let env: Environment;
    try {
      env = await environment(connection.client, cluster.contactPoints, cluster.localDataCenter);
    } finally {
      await connection.close();
    }
    log(`idle for ${settleS} s before sampling memory`);
    await sleep(settleS * 1000);
    const nodes = cluster.nodes.map((n, i) => ({
      index: n.index,
      address: n.address,
      dataCenter: n.dataCenter,
      upS: (startup.nodeUpMs[i] ?? 0) / 1000,
      rssMiB: n.pid !== undefined ? residentMemoryMiB(n.pid) ?? null : null,
    }));
    log(`resident memory: ${nodes.map((n) => `node ${n.index} ${n.rssMiB ?? '?'} MiB`).join(', ')}`);
    await cluster.kill(2);
    // Restarted once its peers have had time to see it down (as the fault report does): restarted at
    // once, it found its peers still holding its old gossip state and gave up ("Unable to gossip
    // with any peers").
    log(`node 2 killed; restarting it in ${downS} s`);
    await sleep(downS * 1000);
    const idleRestartMs = await cluster.restart(2);
    log(`node 2 killed and restarted with the cluster idle: ${(idleRestartMs / 1000).toFixed(1)} s`);
    const results: ClusterStartResults = {
      environment: env,
      git: gitState(repoRoot()) ?? null,
      finishedAt: new Date().toISOString(),
      method: { nodes: nodes.length, heapMiB: HEAP_MIB, settleS, downBeforeRestartS: downS },
      nodes,
      settleS: startup.settleMs / 1000,
      totalS: startup.totalMs / 1000,
      idleRestartS: idleRestartMs / 1000,
    };
    const path = join(repoRoot(), 'docs', 'results', 'cluster-start.json');
    writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
    log(`wrote ${path}; npm run docs:cluster-start writes its table into docs/cluster.md`);
  } finally {
    process.removeListener('SIGINT', onSignal);
    await cluster.stop();
  }
}

await main(process.argv.slice(2));
