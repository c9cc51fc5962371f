// `npm run bench:vector`: recall@10 of ANN search on the real node against an exact brute-force top 10
// computed here, query latency percentiles, and client CPU per query of repository.nearest() beside
// the raw driver running the same CQL. Seeded data (50,000 × 128 floats, 200 queries); the results go
// to docs/results/vector-recall.json, from which docs/vector-search.md's figures are generated.
// Progress goes to stderr. Options: --vectors N, --queries N, --rounds N, --keep (leave the keyspace).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import cassandra from 'cassandra-driver';
import { Column, Connection, PartitionKey, Repository, Table, VectorIndex, syncSchema } from '../../src/index.js';
import { benchNode, driverOptions } from './bench-node.js';
import { environment } from './machine.js';
import { median, percentile } from './stats.js';
import { repoRoot } from '../support/repo-root.js';
import { cosine, randomVector, seeded } from '../support/vectors.js';

const DIMENSIONS = 128;
const K = 10;
const SEED = 20251203;
const KEYSPACE = 'bench_vector';

@Table('vectors')
class Item {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: `vector<float, ${DIMENSIONS}>` }) @VectorIndex({ similarity: 'COSINE' }) embedding!: number[];
}

const log = (line: string): void => void process.stderr.write(`[bench:vector] ${line}\n`);

const { values: args } = parseArgs({
  options: {
    vectors: { type: 'string', default: '50000' },
    queries: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '2' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: join(repoRoot(), 'docs', 'results', 'vector-recall.json') },
  },
});
const VECTORS = Number(args.vectors);
const QUERIES = Number(args.queries);
const ROUNDS = Number(args.rounds);
const CONCURRENCY = Number(args.concurrency);

/** The exact top-K ids of each query by cosine similarity (ties are vanishingly rare with random floats). */
function exactTopK(data: readonly number[][], queries: readonly number[][]): number[][] {
  return queries.map((q) => {
    const best: { id: number; s: number }[] = [];
    for (let id = 0; id < data.length; id++) {
      const s = cosine(data[id]!, q);
      if (best.length < K || s > best[best.length - 1]!.s) {
        best.push({ id, s });
        best.sort((a, b) => b.s - a.s);
        if (best.length > K) best.pop();
      }
    }
    return best.map((b) => b.id);
  });
}

function recall(found: readonly number[][], exact: readonly number[][]): number {
  let hits = 0;
  found.forEach((ids, i) => {
    const truth = new Set(exact[i]);
    hits += ids.filter((id) => truth.has(id)).length;
  });
  return hits / (exact.length * K);
}

interface Pass {
  readonly ids: number[][];
  readonly latenciesMs: number[];
  readonly cpuUs: number;
}

/** Runs every query once, one in flight, timing each and the process CPU of the whole pass. */
async function pass(queries: readonly number[][], run: (q: number[]) => Promise<number[]>): Promise<Pass> {
  const ids: number[][] = [];
  const latenciesMs: number[] = [];
  const cpu = process.cpuUsage();
  for (const q of queries) {
    const start = process.hrtime.bigint();
    ids.push(await run(q));
    latenciesMs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const used = process.cpuUsage(cpu);
  return { ids, latenciesMs, cpuUs: used.user + used.system };
}

function summary(name: string, description: string, candidates: number, passes: readonly Pass[], exact: readonly number[][]) {
  const latencies = passes.flatMap((p) => p.latenciesMs).sort((a, b) => a - b);
  const cpuPerQuery = passes.map((p) => p.cpuUs / p.ids.length);
  const round = (x: number, digits: number): number => Number(x.toFixed(digits));
  return {
    name,
    description,
    limit: K,
    candidates,
    queries: passes[0]!.ids.length,
    rounds: passes.length,
    recallAt10: round(recall(passes[0]!.ids, exact), 4),
    recallAt10PerRound: passes.map((p) => round(recall(p.ids, exact), 4)),
    latencyMs: {
      p50: round(percentile(latencies, 50), 3),
      p90: round(percentile(latencies, 90), 3),
      p99: round(percentile(latencies, 99), 3),
      max: round(latencies[latencies.length - 1]!, 3),
    },
    cpuPerQueryUs: { median: round(median(cpuPerQuery), 1), perRound: cpuPerQuery.map((x) => round(x, 1)) },
  };
}

async function load(repo: Repository<Item>, data: readonly number[][]): Promise<{ seconds: number; retried: number; failureMessage?: string }> {
  const started = Date.now();
  let retried = 0;
  let failureMessage: string | undefined;
  let next = 0;
  // A fixed number of writes in flight: Cassandra 5.0.9 fails vector-indexed writes beyond its vector
  // graph's pool (processors + 1); the rare failure is retried and counted.
  const worker = async (): Promise<void> => {
    while (next < data.length) {
      const id = next++;
      for (let attempt = 0; ; attempt++) {
        try {
          await repo.insert(Object.assign(new Item(), { id, embedding: data[id]! }));
          break;
        } catch (error) {
          if (attempt >= 5) throw error;
          retried++;
          failureMessage ??= (error as Error).message;
          await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
        }
      }
      if (id > 0 && id % 10_000 === 0) log(`loaded ${id}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { seconds: (Date.now() - started) / 1000, retried, ...(failureMessage !== undefined ? { failureMessage } : {}) };
}

async function main(): Promise<void> {
  const node = benchNode();
  const admin = new cassandra.Client(driverOptions(node));
  const env = await environment(admin, node.contactPoints, node.localDataCenter);
  const next = seeded(SEED);
  const data = Array.from({ length: VECTORS }, () => randomVector(next, DIMENSIONS));
  const queries = Array.from({ length: QUERIES }, () => randomVector(next, DIMENSIONS));
  log(`exact top ${K} of ${QUERIES} queries over ${VECTORS} vectors (brute force)`);
  const exact = exactTopK(data, queries);

  await admin.execute(`DROP KEYSPACE IF EXISTS ${KEYSPACE}`);
  const connection = new Connection({ contactPoints: [...node.contactPoints], localDataCenter: node.localDataCenter, username: node.username, password: node.password, keyspace: KEYSPACE });
  const raw = new cassandra.Client(driverOptions(node, KEYSPACE));
  try {
    await syncSchema(connection, [Item], { keyspace: { name: KEYSPACE, replication: { class: 'SimpleStrategy', replicationFactor: 1 } } });
    const repo = new Repository(connection, Item);
    log(`loading ${VECTORS} vectors, ${CONCURRENCY} writes in flight`);
    const loaded = await load(repo, data);
    log(`loaded in ${loaded.seconds.toFixed(1)} s (${loaded.retried} writes retried)`);
    await raw.connect();

    // The raw driver runs exactly the CQL the library sends for nearest(limit 10).
    const cql = repo.select().orderByAnn('embedding', queries[0]!).limit(K).compile().cql;
    const rawRun = async (q: number[]): Promise<number[]> => {
      const rs = await raw.execute(cql, [new cassandra.types.Vector(new Float32Array(q), 'float'), K], { prepare: true, isIdempotent: true, fetchSize: K });
      return rs.rows.map((r) => r['id'] as number);
    };
    const libRun = (candidates: number) => async (q: number[]): Promise<number[]> =>
      (await repo.nearest('embedding', q, { limit: K, candidates })).map((i) => i.id);

    log('warming up');
    await pass(queries.slice(0, 50), libRun(K));
    await pass(queries.slice(0, 50), rawRun);
    const passes: Record<'library' | 'raw' | 'overfetch', Pass[]> = { library: [], raw: [], overfetch: [] };
    for (let r = 0; r < ROUNDS; r++) {
      // Interleaved rounds, alternating which goes first, so drift on a shared machine hits all alike.
      const order = r % 2 === 0 ? (['library', 'raw'] as const) : (['raw', 'library'] as const);
      for (const which of order) passes[which].push(await pass(queries, which === 'raw' ? rawRun : libRun(K)));
      passes.overfetch.push(await pass(queries, libRun(5 * K)));
      log(`round ${r + 1}/${ROUNDS} done`);
    }
    const runs = [
      summary('nearest', `repository.nearest('embedding', q, { limit: ${K} })`, K, passes.library, exact),
      summary('raw-driver', `client.execute of the same CQL (prepared, a float types.Vector)`, K, passes.raw, exact),
      summary('nearest-candidates-50', `repository.nearest('embedding', q, { limit: ${K}, candidates: ${5 * K} })`, 5 * K, passes.overfetch, exact),
    ];
    // Recall and latency against the candidates asked of the node (one pass each).
    const sweep = [];
    for (const candidates of [10, 20, 30, 50, 100, 200]) {
      const p = await pass(queries, libRun(candidates));
      const sorted = [...p.latenciesMs].sort((a, b) => a - b);
      sweep.push({ candidates, recallAt10: Number(recall(p.ids, exact).toFixed(4)), p50Ms: Number(percentile(sorted, 50).toFixed(3)), p99Ms: Number(percentile(sorted, 99).toFixed(3)) });
      log(`candidates ${candidates}: recall@10 ${recall(p.ids, exact).toFixed(4)}`);
    }
    const [lib, rawSummary] = runs;
    const results = {
      generatedBy: 'npm run bench:vector',
      ...env,
      finishedAt: new Date().toISOString(),
      dataset: { vectors: VECTORS, dimensions: DIMENSIONS, queries: QUERIES, seed: SEED, similarity: 'COSINE', distribution: 'uniform in [-1, 1) per element, float32' },
      index: "SAI, default options (similarity_function COSINE, optimize_for latency); searched as written, without a flush (the memtable's index)",
      cql,
      load: { ...loaded, concurrency: CONCURRENCY },
      runs,
      candidatesSweep: sweep,
      cpuRatioLibraryToRaw: Number((lib!.cpuPerQueryUs.median / rawSummary!.cpuPerQueryUs.median).toFixed(3)),
    };
    mkdirSync(join(args.out, '..'), { recursive: true });
    writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
    for (const s of runs) {
      process.stdout.write(
        `${s.name.padEnd(24)} recall@10 ${s.recallAt10.toFixed(4)}  p50 ${s.latencyMs.p50} ms  p90 ${s.latencyMs.p90} ms  p99 ${s.latencyMs.p99} ms  CPU/query ${s.cpuPerQueryUs.median} µs\n`,
      );
    }
    process.stdout.write(`library / raw CPU per query: ${results.cpuRatioLibraryToRaw}\nwrote ${args.out}\n`);
  } finally {
    if (!args.keep) await admin.execute(`DROP KEYSPACE IF EXISTS ${KEYSPACE}`);
    await connection.close();
    await raw.shutdown();
    await admin.shutdown();
  }
}

await main();
