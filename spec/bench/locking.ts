// `npm run bench:locking`: what optimistic locking costs on one node. One write in flight at a time
// (latency, not throughput), in interleaved rounds so that drift on the machine hits every kind alike:
// a plain UPDATE (patch) against the versioned UPDATE ... IF version = ? of an @Version entity, and a
// plain INSERT against the versioned INSERT ... IF NOT EXISTS. Writes docs/results/locking.json, from
// which `npm run docs:locking` writes the figures of docs/versioning.md. `--ops N` per kind (default
// 2000), `--rounds R` (default 10).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import cassandra from 'cassandra-driver';
import { Column, Connection, PartitionKey, Repository, Table, Version, syncSchema } from '../../src/index.js';
import { benchNode, driverOptions } from './bench-node.js';
import { environment, gitState, type Environment, type GitState } from './machine.js';
import { percentile } from './stats.js';
import { repoRoot } from '../support/repo-root.js';

const KEYSPACE = 'bench_locking';

@Table('plain_docs')
class PlainDoc {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'int' }) views?: number;
}

@Table('versioned_docs')
class VersionedDoc {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'int' }) views?: number;
  @Version() version?: number;
}

/** Latency figures of one kind of write, in milliseconds. */
export interface LatencyFigures {
  readonly operations: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** What the report holds (docs/results/locking.json). */
export interface LockingResults {
  readonly environment: Environment;
  readonly git: GitState | null;
  readonly finishedAt: string;
  readonly method: { readonly operationsPerKind: number; readonly rounds: number; readonly inFlight: 1 };
  readonly plainUpdate: LatencyFigures;
  readonly versionedUpdate: LatencyFigures;
  readonly plainInsert: LatencyFigures;
  readonly versionedInsert: LatencyFigures;
}

const log = (line: string): void => console.error(`[locking] ${line}`);

function figures(samples: number[]): LatencyFigures {
  const sorted = Float64Array.from(samples).sort();
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return { operations: samples.length, meanMs: r(mean), p50Ms: r(percentile(sorted, 50)), p99Ms: r(percentile(sorted, 99)) };
}

async function timed(samples: number[], write: () => Promise<unknown>): Promise<void> {
  const t = process.hrtime.bigint();
  await write();
  samples.push(Number(process.hrtime.bigint() - t) / 1e6);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { ops: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '10' } } });
  const ops = Number(values.ops);
  const rounds = Number(values.rounds);
  const perRound = Math.max(1, Math.floor(ops / rounds));
  const node = benchNode();
  const admin = new cassandra.Client(driverOptions(node));
  await admin.connect();
  const env = await environment(admin, node.contactPoints, node.localDataCenter);
  await admin.execute(`DROP KEYSPACE IF EXISTS ${KEYSPACE}`);
  const connection = new Connection({ contactPoints: [...node.contactPoints], localDataCenter: node.localDataCenter, username: node.username, password: node.password, keyspace: KEYSPACE });
  const samples = { plainUpdate: [] as number[], versionedUpdate: [] as number[], plainInsert: [] as number[], versionedInsert: [] as number[] };
  try {
    await syncSchema(connection, [PlainDoc, VersionedDoc], { keyspace: { name: KEYSPACE, replication: { class: 'SimpleStrategy', replicationFactor: 1 } } });
    const plain = new Repository(connection, PlainDoc);
    const versioned = new Repository(connection, VersionedDoc);
    const row = Object.assign(new VersionedDoc(), { id: 0, views: 0 });
    await plain.insert(Object.assign(new PlainDoc(), { id: 0, views: 0 }));
    await versioned.insert(row);
    // Warm-up: statements prepared, connections and JIT settled.
    for (let i = 0; i < 50; i++) {
      await plain.patch({ id: 0 }, { views: i });
      row.views = i;
      await versioned.update(row);
    }
    let nextId = 1;
    for (let round = 0; round < rounds; round++) {
      log(`round ${round + 1}/${rounds}: ${perRound} writes of each kind`);
      for (let i = 0; i < perRound; i++) {
        await timed(samples.plainUpdate, () => plain.patch({ id: 0 }, { views: i }));
        row.views = i;
        await timed(samples.versionedUpdate, () => versioned.update(row));
        const id = nextId++;
        await timed(samples.plainInsert, () => plain.insert(Object.assign(new PlainDoc(), { id, views: 0 })));
        await timed(samples.versionedInsert, () => versioned.insert(Object.assign(new VersionedDoc(), { id, views: 0 })));
      }
    }
  } finally {
    await connection.close();
    await admin.execute(`DROP KEYSPACE IF EXISTS ${KEYSPACE}`).catch(() => undefined);
    await admin.shutdown();
  }
  const results: LockingResults = {
    environment: env,
    git: gitState(repoRoot()) ?? null,
    finishedAt: new Date().toISOString(),
    method: { operationsPerKind: perRound * rounds, rounds, inFlight: 1 },
    plainUpdate: figures(samples.plainUpdate),
    versionedUpdate: figures(samples.versionedUpdate),
    plainInsert: figures(samples.plainInsert),
    versionedInsert: figures(samples.versionedInsert),
  };
  const path = join(repoRoot(), 'docs', 'results', 'locking.json');
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  log(`plain update ${results.plainUpdate.meanMs} ms, versioned update ${results.versionedUpdate.meanMs} ms (mean); written to ${path}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
