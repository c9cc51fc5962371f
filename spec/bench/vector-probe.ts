// A probe, not the benchmark: recall@10 of ANN search on the real node in controlled storage states
// (rows in the memtable, flushed into SSTables, compacted), with chosen index options, against an exact
// brute-force top 10. The dev node has no JMX, so storage states are reached through CQL: creating an SAI
// index on a table with rows flushes the memtable and builds the index from the SSTables; SSTables are
// counted in the node's data folder when CASSANDRA_DATA_DIR names it.
// Usage: CASSANDRA_DATA_DIR=<node>/data/data node dist/spec/bench/vector-probe.js --data uniform --vectors 50000
//          --steps 'load;compact;index:optimize_for=recall;measure' --candidates 10,50,100
// Steps: load[:N] (the next N rows), flush, alter (any ALTER TABLE, which flushes), wait[:s], compact (to one SSTable), index[:k=v+k=v] ((re)create the vector
// index with those options; rows in the memtable are flushed first), measure[:label].
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import cassandra from 'cassandra-driver';
import { benchNode, driverOptions } from './bench-node.js';
import { percentile } from './stats.js';
import { clustered, exactTopK, randomVector, seeded } from '../support/vectors.js';

const DIMENSIONS = 128;
const K = 10;
const SEED = 20251203;

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: 'uniform' },
    vectors: { type: 'string', default: '50000' },
    queries: { type: 'string', default: '200' },
    steps: { type: 'string', default: 'load;index;measure' },
    candidates: { type: 'string', default: '10,50,100' },
    options: { type: 'string', default: '' },
    keyspace: { type: 'string', default: `probe_recall_${process.pid}` },
    // Measure a keyspace a probe left behind (same data and seed) instead of creating one.
    existing: { type: 'boolean', default: false },
  },
});
const VECTORS = Number(args.vectors);
const QUERIES = Number(args.queries);
const KS = args.keyspace;
const log = (line: string): void => void process.stderr.write(`[probe ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

function dataset(kind: string, next: () => number): { data: number[][]; queries: number[][] } {
  if (kind === 'uniform') {
    return { data: Array.from({ length: VECTORS }, () => randomVector(next, DIMENSIONS)), queries: Array.from({ length: QUERIES }, () => randomVector(next, DIMENSIONS)) };
  }
  // The benchmark's clustered set, drawn the same way from the same seed.
  const point = clustered(next, DIMENSIONS, 500);
  return { data: Array.from({ length: VECTORS }, point), queries: Array.from({ length: QUERIES }, point) };
}

/** The Data.db files of the probe table in the node's data folder, or -1 when the folder is unknown. */
function sstables(): number {
  const root = process.env['CASSANDRA_DATA_DIR'];
  if (root === undefined) return -1;
  try {
    const ks = join(root, KS);
    return readdirSync(ks).flatMap((t) => readdirSync(join(ks, t)).filter((f) => f.endsWith('-Data.db'))).length;
  } catch {
    return 0;
  }
}

function optionsCql(extra: string): string {
  const opts: Record<string, string> = { similarity_function: 'COSINE' };
  for (const kv of extra.split(',').filter((s) => s !== '')) {
    const [k, v] = kv.split('=');
    opts[k!] = v!;
  }
  return `{${Object.entries(opts).map(([k, v]) => `'${k}': '${v}'`).join(', ')}}`;
}

async function main(): Promise<void> {
  const node = benchNode();
  const client = new cassandra.Client({ ...driverOptions(node), socketOptions: { readTimeout: 300_000 } });
  const { data, queries } = dataset(args.data, seeded(SEED));
  log(`${args.data}: exact top ${K} of ${QUERIES} queries over ${VECTORS} vectors`);
  const exact = exactTopK(data, queries, K);
  const rows: string[] = [];
  try {
    if (!args.existing) await client.execute(`CREATE KEYSPACE ${KS} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
    // Compaction off, so the SSTables stay as each step leaves them until a step enables it.
    if (!args.existing) await client.execute(`CREATE TABLE ${KS}.v (id int PRIMARY KEY, g int, e vector<float, ${DIMENSIONS}>) WITH compaction = {'class': 'SizeTieredCompactionStrategy', 'enabled': 'false'}`);
    const insert = `INSERT INTO ${KS}.v (id, e) VALUES (?, ?)`;
    const select = `SELECT id FROM ${KS}.v ORDER BY e ANN OF ? LIMIT ?`;
    let indexOptions = args.options;
    const createIndex = async (): Promise<void> => {
      const t = Date.now();
      await client.execute(`CREATE INDEX v_e ON ${KS}.v (e) USING 'sai' WITH OPTIONS = ${optionsCql(indexOptions)}`);
      for (let i = 0; i < 600; i++) {
        const r = await client.execute('SELECT index_name FROM system."IndexInfo" WHERE table_name = ? AND index_name = ?', [KS, 'v_e'], { prepare: true });
        if (r.rowLength > 0) break;
        await new Promise((res) => setTimeout(res, 500));
      }
      log(`index (${optionsCql(indexOptions)}) built in ${((Date.now() - t) / 1000).toFixed(1)} s; SSTables ${sstables()}`);
    };
    const load = async (from: number, to: number, concurrency: number): Promise<void> => {
      let next = from;
      const t = Date.now();
      const worker = async (): Promise<void> => {
        while (next < to) {
          const id = next++;
          for (let attempt = 0; ; attempt++) {
            try {
              await client.execute(insert, [id, new cassandra.types.Vector(new Float32Array(data[id]!), 'float')], { prepare: true });
              break;
            } catch (error) {
              if (attempt >= 5) throw error;
              await new Promise((res) => setTimeout(res, 50 * (attempt + 1)));
            }
          }
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      log(`loaded ${from}..${to} in ${((Date.now() - t) / 1000).toFixed(1)} s; SSTables ${sstables()}`);
    };
    const measure = async (state: string): Promise<void> => {
      for (const c of args.candidates.split(',').map(Number)) {
        let hits = 0;
        const lat: number[] = [];
        for (const [i, q] of queries.entries()) {
          const t = process.hrtime.bigint();
          const rs = await client.execute(select, [new cassandra.types.Vector(new Float32Array(q), 'float'), c], { prepare: true, fetchSize: c });
          lat.push(Number(process.hrtime.bigint() - t) / 1e6);
          const truth = new Set(exact[i]);
          hits += rs.rows.slice(0, K).filter((r) => truth.has(r['id'] as number)).length;
        }
        lat.sort((a, b) => a - b);
        const row = `| ${args.data} | ${state} | ${optionsCql(indexOptions)} | ${c} | ${(hits / (QUERIES * K)).toFixed(3)} | ${percentile(lat, 50).toFixed(2)} |`;
        rows.push(row);
        log(row);
      }
    };
    const inFlight = (): number => (indexed ? 2 : 8);
    let indexed = false;
    let loaded = 0;
    for (const step of args.steps.split(';')) {
      const [what, arg] = step.split(':');
      if (what === 'load') {
        // `load:N` loads the next N rows (all that are left without N).
        const to = arg === undefined ? VECTORS : Math.min(VECTORS, loaded + Number(arg));
        await load(loaded, to, inFlight());
        loaded = to;
      } else if (what === 'flush') {
        // Creating an SAI index flushes the table's memtable (a schema change); one on a plain int column builds at once.
        await client.execute(`CREATE INDEX v_g ON ${KS}.v (g) USING 'sai'`);
        await client.execute(`DROP INDEX ${KS}.v_g`);
        log(`flushed; SSTables ${sstables()}`);
      } else if (what === 'alter') {
        // Any ALTER TABLE is a schema change, which flushes the table's memtable (the memtable index goes with it).
        await client.execute(`ALTER TABLE ${KS}.v WITH comment = 'probe ${Date.now()}'`);
        log(`altered; SSTables ${sstables()}`);
      } else if (what === 'wait') {
        await new Promise((res) => setTimeout(res, Number(arg ?? 5) * 1000));
        log(`waited; SSTables ${sstables()}`);
      } else if (what === 'index') {
        if (arg !== undefined) indexOptions = arg.replace(/\+/g, ',');
        await client.execute(`DROP INDEX IF EXISTS ${KS}.v_e`);
        await createIndex();
        indexed = true;
      } else if (what === 'compact') {
        // Compaction on with min_threshold 2 merges equal-sized SSTables; wait until one is left and no task runs.
        const t = Date.now();
        await client.execute(`ALTER TABLE ${KS}.v WITH compaction = {'class': 'SizeTieredCompactionStrategy', 'min_threshold': '2', 'max_threshold': '32'}`);
        for (let i = 0; i < 600; i++) {
          const tasks = await client.execute(`SELECT * FROM system_views.sstable_tasks WHERE keyspace_name = ? ALLOW FILTERING`, [KS], { prepare: true });
          if (sstables() <= 1 && tasks.rowLength === 0) break;
          await new Promise((res) => setTimeout(res, 1000));
        }
        await client.execute(`ALTER TABLE ${KS}.v WITH compaction = {'class': 'SizeTieredCompactionStrategy', 'enabled': 'false'}`);
        log(`compacted in ${((Date.now() - t) / 1000).toFixed(1)} s; SSTables ${sstables()}`);
      } else if (what === 'measure') {
        await measure(`${arg ?? ''} SSTables ${sstables()}`.trim());
      }
    }
  } finally {
    await client.execute(`DROP KEYSPACE IF EXISTS ${KS}`);
    await client.shutdown();
  }
  process.stdout.write(`${rows.join('\n')}\n`);
}

await main();
