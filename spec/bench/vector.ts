// `npm run bench:vector`: recall@10 of ANN search on the real node against an exact brute-force top 10
// computed here, query latency percentiles, and client CPU per query of repository.nearest() beside
// the raw driver running the same CQL. Seeded data (50,000 × 128 floats, 200 queries); the results go
// to docs/results/vector-recall.json, from which docs/vector-search.md's figures are generated. Before
// measuring, each dataset's table is flushed and compacted into one SSTable and indexed over it (settle()),
// since recall depends on how the rows are split over the memtable and SSTables.
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
import { clustered, exactTopK, randomVector, seeded } from '../support/vectors.js';
import { nearestQuery } from '../../src/repository/nearest.js';
import { encodeParams } from '../../src/mapping/codec.js';
import { hydratorFor } from '../../src/mapping/hydrator.js';

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
    data: { type: 'string', default: 'clustered,uniform' },
    vectors: { type: 'string', default: '50000' },
    queries: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '15' },
    concurrency: { type: 'string', default: '2' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: join(repoRoot(), 'docs', 'results', 'vector-recall.json') },
  },
});
const VECTORS = Number(args.vectors);
const QUERIES = Number(args.queries);
const ROUNDS = Number(args.rounds);
const CONCURRENCY = Number(args.concurrency);

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

type Run = (q: number[]) => Promise<number[]>;

/** Runs every query once, one in flight, timing each and the process CPU of each. */
async function pass(queries: readonly number[][], run: Run): Promise<Pass> {
  return (await paired(queries, [run]))[0]!;
}

/**
 * Runs every query through each of `runs` in turn, alternating which goes first, one in flight:
 * per query, the wall time and the process CPU (user + system) of each run. Pairing per query
 * spreads the drift of a shared machine evenly over the runs compared.
 */
async function paired(queries: readonly number[][], runs: readonly Run[]): Promise<Pass[]> {
  const out = runs.map(() => ({ ids: [] as number[][], latenciesMs: [] as number[], cpuUs: 0 }));
  for (const [i, q] of queries.entries()) {
    const order = runs.map((_, j) => j);
    if (i % 2 === 1) order.reverse();
    for (const j of order) {
      const cpu = process.cpuUsage();
      const start = process.hrtime.bigint();
      const ids = await runs[j]!(q);
      const wall = Number(process.hrtime.bigint() - start) / 1e6;
      const used = process.cpuUsage(cpu);
      out[j]!.ids.push(ids);
      out[j]!.latenciesMs.push(wall);
      out[j]!.cpuUs += used.user + used.system;
    }
  }
  return out;
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

/** The vectors and queries of one dataset, seeded. */
function dataset(kind: string, next: () => number): { data: number[][]; queries: number[][]; description: string } {
  if (kind === 'uniform') {
    return {
      data: Array.from({ length: VECTORS }, () => randomVector(next, DIMENSIONS)),
      queries: Array.from({ length: QUERIES }, () => randomVector(next, DIMENSIONS)),
      description: 'every element uniform in [-1, 1), independent: no structure (a worst case for an index graph)',
    };
  }
  // Clustered like embeddings tend to be: 500 centres, each vector a centre plus gaussian noise; the
  // queries are drawn the same way.
  const point = clustered(next, DIMENSIONS, 500);
  return {
    data: Array.from({ length: VECTORS }, point),
    queries: Array.from({ length: QUERIES }, point),
    description: '500 centres uniform in [-1, 1), each vector a centre plus gaussian noise (σ 0.25 per element); queries drawn the same way',
  };
}

/** The rows of each SSTable of the vector index, as the node reports them (one entry per SSTable searched). */
async function sstableCells(admin: cassandra.Client): Promise<number[]> {
  const rs = await admin.execute('SELECT sstable_name, cell_count FROM system_views.sai_sstable_indexes WHERE keyspace_name = ? AND table_name = ? ALLOW FILTERING', [KEYSPACE, 'vectors'], { prepare: true });
  return rs.rows.map((r) => Number(r['cell_count'])).sort((a, b) => b - a);
}

/**
 * Puts the table into one reproducible storage state before measuring: every row flushed and compacted
 * into one SSTable, and the vector index built over it. Recall depends on that state: the node searches
 * the memtable's graph and each SSTable's graph separately and merges what they return, so the same data
 * split over more SSTables is found with higher recall; left alone, when the node flushes (commit log
 * pressure from any other table) and compacts decides the split. The dev node has no JMX (no nodetool
 * flush or compact), so this goes through CQL: the index is dropped (a compaction that rebuilds a
 * vector graph is several times slower than building it once), an ALTER TABLE (a schema change, which
 * flushes the table's memtable) turns on size-tiered compaction with a threshold of 2, which merges the
 * SSTables, and sync creates the index again, which flushes anything left and builds the graph.
 */
async function settle(admin: cassandra.Client, connection: Connection, index: string, kind: string): Promise<{ sstables: number; cellsPerSSTable: number[]; seconds: number }> {
  const started = Date.now();
  log(`${kind}: flushing and compacting into one SSTable, then building the vector index over it`);
  await admin.execute(`DROP INDEX IF EXISTS ${KEYSPACE}.${index}`);
  await admin.execute(`ALTER TABLE ${KEYSPACE}.vectors WITH compaction = {'class': 'SizeTieredCompactionStrategy', 'min_threshold': '2', 'max_threshold': '32'}`);
  const compacting = async (): Promise<boolean> =>
    (await admin.execute('SELECT keyspace_name FROM system_views.sstable_tasks WHERE keyspace_name = ? ALLOW FILTERING', [KEYSPACE], { prepare: true })).rowLength > 0;
  // Without the index no virtual table counts the SSTables; compaction of plain rows takes seconds, so
  // wait until no compaction of the keyspace has run for five seconds.
  for (let i = 0, quiet = 0; i < 600 && quiet < 5; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    quiet = (await compacting()) ? 0 : quiet + 1;
  }
  // Building the index over 50,000 uniform vectors took longer than sync's default two minutes on a quiet machine.
  await syncSchema(connection, [Item], { keyspace: { name: KEYSPACE, replication: { class: 'SimpleStrategy', replicationFactor: 1 } }, buildTimeoutMs: 900_000 });
  // Should a flush have come after that compaction, compaction (still on) merges again, rebuilding the
  // index as it goes (slower, so only as a fallback); wait for one SSTable holding every row.
  for (let i = 0; i < 1800; i++) {
    const cells = await sstableCells(admin);
    if (cells.length === 1 && cells[0] === VECTORS && !(await compacting())) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  // No compaction from here on, so the state measured stays the state reported.
  await admin.execute(`ALTER TABLE ${KEYSPACE}.vectors WITH compaction = {'class': 'SizeTieredCompactionStrategy', 'enabled': 'false'}`);
  const cells = await sstableCells(admin);
  if (cells.length !== 1 || cells[0] !== VECTORS) throw new Error(`${kind}: the table did not settle into one SSTable of ${VECTORS} rows (rows per SSTable: ${cells.join(', ') || 'none'})`);
  const seconds = (Date.now() - started) / 1000;
  log(`${kind}: one SSTable of ${cells[0]} rows, indexed, after ${seconds.toFixed(1)} s`);
  return { sstables: cells.length, cellsPerSSTable: cells, seconds: Number(seconds.toFixed(1)) };
}

/** The library's own CPU per nearest() call, without the network: build, compile, encode, driver options, hydrate the rows. */
function libraryOwnWorkUs(repo: Repository<Item>, q: number[], rows: readonly Record<string, unknown>[]): number {
  const hydrate = hydratorFor(repo.metadata, 'object').hydrate;
  const once = (): void => {
    const { query, keep } = nearestQuery(repo.select(), repo.metadata, 'embedding', q, { limit: K });
    const c = query.compile();
    encodeParams(c.params, c.paramTypes, 'object', c.paramSlots);
    for (let i = 0; i < keep && i < rows.length; i++) hydrate(rows[i]!);
  };
  for (let i = 0; i < 5_000; i++) once();
  const n = 20_000;
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) once();
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / n;
}

async function measure(kind: string, node: ReturnType<typeof benchNode>, admin: cassandra.Client) {
  const next = seeded(SEED);
  const { data, queries, description } = dataset(kind, next);
  log(`${kind}: exact top ${K} of ${QUERIES} queries over ${VECTORS} vectors (brute force)`);
  const exact = exactTopK(data, queries, K);
  await admin.execute(`DROP KEYSPACE IF EXISTS ${KEYSPACE}`);
  const connection = new Connection({ contactPoints: [...node.contactPoints], localDataCenter: node.localDataCenter, username: node.username, password: node.password, keyspace: KEYSPACE });
  const raw = new cassandra.Client(driverOptions(node, KEYSPACE));
  try {
    await syncSchema(connection, [Item], { keyspace: { name: KEYSPACE, replication: { class: 'SimpleStrategy', replicationFactor: 1 } } });
    const repo = new Repository(connection, Item);
    log(`${kind}: loading ${VECTORS} vectors, ${CONCURRENCY} writes in flight`);
    const loaded = await load(repo, data);
    log(`${kind}: loaded in ${loaded.seconds.toFixed(1)} s (${loaded.retried} writes retried)`);
    const storage = await settle(admin, connection, repo.metadata.indexes[0]!.name, kind);
    await raw.connect();

    // The raw driver runs exactly the CQL and LIMIT the library sends for nearest({ limit: 10 }) at its defaults.
    const sent = nearestQuery(repo.select(), repo.metadata, 'embedding', queries[0]!, { limit: K }).query.compile();
    const cql = sent.cql;
    const rawLimit = sent.params[sent.params.length - 1] as number;
    const rawRun: Run = async (q) => {
      const rs = await raw.execute(cql, [new cassandra.types.Vector(new Float32Array(q), 'float'), rawLimit], { prepare: true, isIdempotent: true, fetchSize: rawLimit });
      return rs.rows.slice(0, K).map((r) => r['id'] as number);
    };
    const libRun = (candidates?: number): Run => async (q) =>
      (await repo.nearest('embedding', q, candidates === undefined ? { limit: K } : { limit: K, candidates })).map((i) => i.id);

    log(`${kind}: warming up`);
    await paired(queries.slice(0, 50), [libRun(), rawRun]);
    const passes: { library: Pass[]; raw: Pass[] } = { library: [], raw: [] };
    for (let r = 0; r < ROUNDS; r++) {
      const [lib, rawPass] = await paired(queries, [libRun(), rawRun]);
      passes.library.push(lib!);
      passes.raw.push(rawPass!);
      log(`${kind}: round ${r + 1}/${ROUNDS} done`);
    }
    const rawRows = (await raw.execute(cql, [new cassandra.types.Vector(new Float32Array(queries[0]!), 'float'), rawLimit], { prepare: true })).rows as unknown as Record<string, unknown>[];
    const ownUs = libraryOwnWorkUs(repo, queries[0]!, rawRows);
    const runs = [
      summary('nearest', `repository.nearest('embedding', q, { limit: ${K} })`, rawLimit, passes.library, exact),
      summary('raw-driver', 'client.execute of the same CQL and LIMIT (prepared, a float types.Vector), first 10 rows', rawLimit, passes.raw, exact),
    ];
    // Recall and latency against the candidates asked of the node (one pass each).
    const sweep = [];
    for (const candidates of [10, 20, 50, 100, 200, 400]) {
      const p = await pass(queries, libRun(candidates));
      const sorted = [...p.latenciesMs].sort((a, b) => a - b);
      sweep.push({ candidates, recallAt10: Number(recall(p.ids, exact).toFixed(4)), p50Ms: Number(percentile(sorted, 50).toFixed(3)), p99Ms: Number(percentile(sorted, 99).toFixed(3)) });
      log(`${kind}: candidates ${candidates}: recall@10 ${recall(p.ids, exact).toFixed(4)}`);
    }
    const [lib, rawSummary] = runs;
    const after = await sstableCells(admin);
    if (after.join() !== storage.cellsPerSSTable.join()) throw new Error(`${kind}: the table's SSTables changed while measuring (${storage.cellsPerSSTable.join(', ')} → ${after.join(', ')})`);
    return {
      name: kind,
      description,
      load: { ...loaded, concurrency: CONCURRENCY },
      storage,
      cql,
      runs,
      candidatesSweep: sweep,
      // The rounds pair the two query by query, so each round's ratio compares like with like; the
      // median of those ratios is steadier than a ratio of the two medians.
      cpuRatioLibraryToRaw: Number(median(lib!.cpuPerQueryUs.perRound.map((x, k) => x / rawSummary!.cpuPerQueryUs.perRound[k]!)).toFixed(3)),
      libraryOwnCpuPerQueryUs: Number(ownUs.toFixed(2)),
    };
  } finally {
    if (!args.keep) await admin.execute(`DROP KEYSPACE IF EXISTS ${KEYSPACE}`);
    await connection.close();
    await raw.shutdown();
  }
}

async function main(): Promise<void> {
  const node = benchNode();
  // Schema changes on a busy node can take longer than the driver's default 12 s.
  const admin = new cassandra.Client({ ...driverOptions(node), socketOptions: { readTimeout: 120_000 } });
  try {
    const env = await environment(admin, node.contactPoints, node.localDataCenter);
    const datasets = [];
    for (const kind of args.data.split(',')) datasets.push(await measure(kind.trim(), node, admin));
    const results = {
      generatedBy: 'npm run bench:vector',
      ...env,
      finishedAt: new Date().toISOString(),
      setup: { vectors: VECTORS, dimensions: DIMENSIONS, queries: QUERIES, rounds: ROUNDS, seed: SEED, similarity: 'COSINE', k: K },
      index: 'SAI with default options (similarity_function COSINE, optimize_for latency), searched after the load was flushed and compacted into one SSTable and the index built over it again (the benchmark checks system_views.sai_sstable_indexes shows that one SSTable before and after measuring)',
      datasets,
    };
    mkdirSync(join(args.out, '..'), { recursive: true });
    writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
    for (const d of datasets) {
      for (const s of d.runs) {
        process.stdout.write(`${d.name.padEnd(10)} ${s.name.padEnd(12)} recall@10 ${s.recallAt10.toFixed(4)}  p50 ${s.latencyMs.p50} ms  p90 ${s.latencyMs.p90} ms  p99 ${s.latencyMs.p99} ms  CPU/query ${s.cpuPerQueryUs.median} µs\n`);
      }
      process.stdout.write(`${d.name.padEnd(10)} library / raw CPU per query ${d.cpuRatioLibraryToRaw}; library's own work ${d.libraryOwnCpuPerQueryUs} µs per query\n`);
      process.stdout.write(`${d.name.padEnd(10)} sweep ${d.candidatesSweep.map((x) => `${x.candidates}: ${x.recallAt10}`).join(', ')}\n`);
    }
    process.stdout.write(`wrote ${args.out}\n`);
  } finally {
    await admin.shutdown();
  }
}

await main();
