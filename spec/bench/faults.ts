// `npm run bench:faults`: a fault report, not a timed test. On a three-node cluster (the one
// `dev-node start --nodes 3` recorded, else one started for the run and stopped after it), 16 workers
// insert rows at QUORUM and read earlier ones back; node 2 (dc1) is SIGKILLed, kept down, restarted;
// the workload goes on until at least `--writes` inserts were acknowledged after the restart began,
// then the whole table is read back at QUORUM. Writes docs/results/faults.json (the operations
// acknowledged, lost and failed by type, and the times of the outage and the recovery), from which
// `npm run docs:faults` writes the figures of docs/cluster.md.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '../../src/index.js';
import type { DevCluster } from '../../src/dev-node/cluster.js';
import { startCluster } from '../../src/dev-node/cluster.js';
import { attachRecordedCluster } from '../../src/dev-node/dev-cluster.js';
import { countLost, runWorkload } from '../cluster/workload.js';
import { repoRoot } from '../support/repo-root.js';
import { environment, gitState, type Environment, type GitState } from './machine.js';

const KILLED = 2;

/** What the report holds (docs/results/faults.json). */
export interface FaultResults {
  readonly environment: Environment;
  readonly git: GitState | null;
  readonly finishedAt: string;
  readonly method: { readonly concurrency: number; readonly consistency: 'QUORUM'; readonly keyspace: string; readonly killed: string; readonly downForAtLeastS: number };
  readonly attempted: number;
  readonly acknowledged: number;
  readonly lost: number;
  readonly rowsFound: number;
  readonly readsOk: number;
  readonly staleReads: number;
  readonly failedWrites: Readonly<Record<string, number>>;
  readonly failedReads: Readonly<Record<string, number>>;
  readonly samples: Readonly<Record<string, string>>;
  readonly maxOperationMs: number;
  readonly acknowledgedBeforeKill: number;
  readonly acknowledgedWhileDown: number;
  readonly acknowledgedAfterRestart: number;
  /** Seconds from the kill until node 2 took logins again and every node saw every other up. */
  readonly nodeDownS: number;
  /** Seconds the restart took (the JVM's start, its commit-log replay, until the cluster settled). */
  readonly restartS: number;
  /** Seconds from the restart until node 2 coordinated a write again (the driver's reconnection). */
  readonly coordinatingAgainS: number | null;
  readonly workloadS: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function option(argv: readonly string[], name: string, fallback: number): number {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : fallback;
}

async function main(argv: readonly string[]): Promise<void> {
  const minAfter = option(argv, '--writes', 10_000);
  const downS = option(argv, '--down-s', 30);
  const log = (line: string): void => console.error(`[faults] ${line}`);
  let cluster: DevCluster | undefined = attachRecordedCluster(log);
  const owned = cluster === undefined;
  if (cluster === undefined) cluster = await startCluster({ nodes: 3 }, log);
  else await cluster.waitUntilSettled(120_000);
  const keyspace = `faults_${Date.now().toString(36)}`;
  const table = `${keyspace}.kv`;
  const connection = new Connection({ contactPoints: cluster.contactPoints, localDataCenter: cluster.localDataCenter, username: 'cassandra', password: 'cassandra' });
  try {
    await connection.execute(`CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 2, 'dc2': 1}`);
    await connection.execute(`CREATE TABLE ${table} (id int PRIMARY KEY, v int)`);
    const env = await environment(connection.client, cluster.contactPoints, cluster.localDataCenter);
    let stop = false;
    const started = Date.now();
    const run = runWorkload(connection, table, { concurrency: 16, maxWrites: 2_000_000, stop: () => stop });
    const { stats } = run;
    let killedAt = 0;
    let restartS = 0;
    let nodeDownS = 0;
    let beforeKill = 0;
    let whileDown = 0;
    let coordinatingAgainS: number | null = null;
    try {
      while (stats.acknowledged.size < 3_000) await sleep(250);
      beforeKill = stats.acknowledged.size;
      log(`${beforeKill} acknowledged; SIGKILL node ${KILLED}`);
      killedAt = Date.now();
      await cluster.kill(KILLED);
      await sleep(downS * 1000);
      const restartAt = Date.now();
      whileDown = stats.acknowledged.size - beforeKill;
      log(`${whileDown} acknowledged while node ${KILLED} was down; restarting it`);
      restartS = (await cluster.restart(KILLED, 400_000)) / 1000;
      nodeDownS = (Date.now() - killedAt) / 1000;
      const node = cluster.node(KILLED);
      const target = stats.acknowledged.size + minAfter;
      while (stats.acknowledged.size < target || coordinatingAgainS === null) {
        if (coordinatingAgainS === null) {
          const rs = await connection.execute(`INSERT INTO ${table} (id, v) VALUES (?, ?)`, [-1, 1], { consistency: 'QUORUM' }).catch(() => undefined);
          if (rs !== undefined && String(rs.info.queriedHost).startsWith(`${node.address}:`)) coordinatingAgainS = (Date.now() - restartAt) / 1000;
          if (Date.now() - restartAt > 300_000) break;
        }
        await sleep(200);
      }
    } finally {
      stop = true;
      await run.done;
    }
    const workloadS = (Date.now() - started) / 1000;
    const acknowledged = stats.acknowledged.size;
    const { lost, rows } = await countLost(connection, table, stats.acknowledged);
    const results: FaultResults = {
      environment: env,
      git: gitState(repoRoot()) ?? null,
      finishedAt: new Date().toISOString(),
      method: { concurrency: 16, consistency: 'QUORUM', keyspace: "NetworkTopologyStrategy {dc1: 2, dc2: 1}", killed: `node ${KILLED} (dc1), SIGKILL`, downForAtLeastS: downS },
      attempted: stats.attempts,
      acknowledged,
      lost,
      rowsFound: rows,
      readsOk: stats.readsOk,
      staleReads: stats.staleReads,
      failedWrites: stats.failedWrites,
      failedReads: stats.failedReads,
      samples: stats.samples,
      maxOperationMs: stats.maxLatencyMs,
      acknowledgedBeforeKill: beforeKill,
      acknowledgedWhileDown: whileDown,
      acknowledgedAfterRestart: acknowledged - beforeKill - whileDown,
      nodeDownS,
      restartS,
      coordinatingAgainS,
      workloadS,
    };
    const path = join(repoRoot(), 'docs', 'results', 'faults.json');
    writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
    log(`${acknowledged} acknowledged, ${lost} lost, failed writes ${JSON.stringify(stats.failedWrites)}, reads ${JSON.stringify(stats.failedReads)}: ${path}`);
    if (lost > 0 || stats.untyped.length > 0) process.exitCode = 1;
  } finally {
    await connection.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => undefined);
    await connection.close();
    if (owned) await cluster.stop();
    else if (cluster.node(KILLED).pid === undefined) await cluster.restart(KILLED, 400_000);
  }
}

await main(process.argv.slice(2));
