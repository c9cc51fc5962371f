// `npm run bench:hydration`: the client CPU of reading rows of every kind of CQL value into entities,
// beside the raw driver returning its own rows for the same CQL, on the real node. One partition of
// seeded rows holding uuid, timeuuid, inet, decimal, varint, bigint, date, list, set, map, a UDT and
// text is read whole (findPartition, find), a page at a time (page with a cursor) and a row at a time
// (stream), and the driver Mapper reads it whole for a second reference. Before anything is measured,
// every row each contender returns is compared with what was written (cassandra-orm's entities with
// the documented JavaScript forms, the driver's rows with its own types): a contender that skipped
// work would fail the run, not look cheap.
//
// Per round and workload, each contender runs the same reads back to back, in an order that alternates
// between rounds; the figure is process CPU (user + system) per row, and the garbage collector's time
// per row from V8's gc events. The headline is the per-round ratio to the raw driver (median, min–max).
// Results go to docs/results/hydration.json; docs/performance.md's "Reading rows of every type" figures
// are generated from it (`npm run docs:performance`). Progress goes to stderr.
// Options: --rows N (10,000), --rounds N (5), --repeat N (reads per slice, 4), --page N (1,000), --out FILE.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PerformanceObserver } from 'node:perf_hooks';
import cassandra from 'cassandra-driver';
import { Connection, Repository, syncSchema } from '../../src/index.js';
import { BUCKET, check, RichRow, rowOf } from './hydration-rows.js';
import { benchNode, driverOptions } from './bench-node.js';
import { environment, gitState } from './machine.js';
import { median } from './stats.js';
import { repoRoot } from '../support/repo-root.js';
import { seeded } from '../support/vectors.js';

const KEYSPACE = 'bench_hydration';

const log = (line: string): void => void process.stderr.write(`[bench:hydration] ${line}\n`);

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '5' },
    repeat: { type: 'string', default: '4' },
    page: { type: 'string', default: '1000' },
    out: { type: 'string', default: join(repoRoot(), 'docs', 'results', 'hydration.json') },
  },
});
const ROWS = Number(args.rows);
const ROUNDS = Number(args.rounds);
const REPEAT = Number(args.repeat);
const PAGE = Number(args.page);

type Read = () => Promise<unknown[]>;
interface Contender {
  readonly name: string;
  readonly uses: string;
  readonly read: Read;
  readonly driverRows: boolean;
}
interface Workload {
  readonly name: string;
  readonly describe: string;
  readonly contenders: readonly Contender[];
}

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });
const turn = (): Promise<void> => new Promise((r) => setTimeout(r, 2));

/** One contender's slice: REPEAT reads, CPU and GC time per row. */
async function slice(c: Contender): Promise<{ cpuUs: number; gcUs: number }> {
  await turn();
  const gc0 = gcMs;
  const cpu = process.cpuUsage();
  let rows = 0;
  for (let i = 0; i < REPEAT; i++) rows += (await c.read()).length;
  const used = process.cpuUsage(cpu);
  // gc events are delivered after the collection ends: a turn later, this slice's are all counted.
  await turn();
  return { cpuUs: (used.user + used.system) / rows, gcUs: ((gcMs - gc0) * 1000) / rows };
}

/** Heap held by one whole-partition result, per row: measured with the result alive after a full GC. */
async function retainedPerRow(read: Read): Promise<number | null> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return null;
  gc();
  const before = process.memoryUsage().heapUsed;
  const held = await read();
  gc();
  const after = process.memoryUsage().heapUsed;
  const perRow = (after - before) / held.length;
  held.length = 0;
  return perRow;
}

async function main(): Promise<void> {
  const node = benchNode();
  const admin = new cassandra.Client({ ...driverOptions(node), socketOptions: { readTimeout: 120_000 } });
  const connection = new Connection({ contactPoints: [...node.contactPoints], localDataCenter: node.localDataCenter, username: node.username, password: node.password, keyspace: KEYSPACE });
  // The raw driver as an application configures it for these types: bigint for bigint and varint,
  // native Map and Set (what the connection gives its own client too).
  const raw = new cassandra.Client({ ...driverOptions(node, KEYSPACE), encoding: { useBigIntAsLong: true, useBigIntAsVarint: true, map: Map, set: Set } });
  try {
    const env = await environment(admin, node.contactPoints, node.localDataCenter);
    await admin.execute(`DROP KEYSPACE IF EXISTS ${KEYSPACE}`);
    await syncSchema(connection, [RichRow], { keyspace: { name: KEYSPACE, replication: { class: 'SimpleStrategy', replicationFactor: 1 } } });
    const repo = new Repository(connection, RichRow);
    const next = seeded(20261203);
    const written = Array.from({ length: ROWS }, (_, i) => rowOf(i, next));
    log(`writing ${ROWS} rows into one partition`);
    let at = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (at < written.length) await repo.insert(written[at++]!);
    }));
    await raw.connect();
    const mapper = new cassandra.mapping.Mapper(raw, { models: { RichRow: { tables: ['rich_rows'], keyspace: KEYSPACE } } }).forModel('RichRow');

    const CQL = `SELECT * FROM ${KEYSPACE}.rich_rows WHERE bucket = ?`;
    const rawWhole: Contender = {
      name: 'raw driver', uses: 'client.execute(cql, [bucket], { prepare: true, fetchSize: all rows }): driver Row objects', driverRows: true,
      read: async () => (await raw.execute(CQL, [BUCKET], { prepare: true, fetchSize: ROWS + 1 })).rows,
    };
    const rawPaged: Contender = {
      name: 'raw driver', uses: `client.execute by pageState, ${PAGE} rows a page`, driverRows: true,
      read: async () => {
        const out: unknown[] = [];
        let pageState: string | undefined;
        do {
          const rs = await raw.execute(CQL, [BUCKET], { prepare: true, fetchSize: PAGE, ...(pageState !== undefined ? { pageState } : {}) });
          for (const row of rs.rows) out.push(row);
          pageState = rs.pageState ?? undefined;
        } while (pageState !== undefined);
        return out;
      },
    };
    const rawStream: Contender = {
      name: 'raw driver stream', uses: `for await over client.stream(cql, [bucket], { prepare: true, fetchSize: ${PAGE} })`, driverRows: true,
      read: async () => {
        const out: unknown[] = [];
        const rows = raw.stream(CQL, [BUCKET], { prepare: true, fetchSize: PAGE, autoPage: true }) as unknown as AsyncIterable<unknown>;
        for await (const row of rows) out.push(row);
        return out;
      },
    };
    const workloads: Workload[] = [
      {
        name: 'findPartition', describe: `every row of the ${ROWS}-row partition in one request`,
        contenders: [
          rawWhole,
          { name: 'cassandra-orm', uses: "repo.findPartition({ bucket }, { fetchSize: all rows })", driverRows: false, read: () => repo.findPartition({ bucket: BUCKET }, { fetchSize: ROWS + 1 }) },
          {
            name: 'driver Mapper', uses: "mapper.find({ bucket }, undefined, { fetchSize: all rows }).toArray()", driverRows: true,
            read: async () => (await mapper.find({ bucket: BUCKET }, undefined, { fetchSize: ROWS + 1 })).toArray() as unknown[],
          },
        ],
      },
      {
        name: 'find', describe: `the same rows through the query builder, in one request`,
        contenders: [rawWhole, { name: 'cassandra-orm', uses: "repo.find((q) => q.where('bucket', '=', bucket), { fetchSize: all rows })", driverRows: false, read: () => repo.find((q) => q.where('bucket', '=', BUCKET), { fetchSize: ROWS + 1 }) }],
      },
      {
        name: 'page', describe: `the partition ${PAGE} rows a page, each page a request resumed from the last one's cursor`,
        contenders: [
          rawPaged,
          {
            name: 'cassandra-orm', uses: `repo.page(query, { pageSize: ${PAGE}, cursor }) until no cursor`, driverRows: false,
            read: async () => {
              const out: RichRow[] = [];
              let cursor: string | undefined;
              do {
                const page = await repo.page((q) => q.where('bucket', '=', BUCKET), { pageSize: PAGE, ...(cursor !== undefined ? { cursor } : {}) });
                for (const item of page.items) out.push(item);
                cursor = page.cursor ?? undefined;
              } while (cursor !== undefined);
              return out;
            },
          },
        ],
      },
      {
        name: 'stream', describe: `the partition a row at a time under for await, ${PAGE} rows a page fetched on demand`,
        contenders: [
          rawPaged,
          {
            name: 'cassandra-orm', uses: `for await over repo.stream(query, { pageSize: ${PAGE} })`, driverRows: false,
            read: async () => {
              const out: RichRow[] = [];
              for await (const item of repo.stream((q) => q.where('bucket', '=', BUCKET), { pageSize: PAGE })) out.push(item);
              return out;
            },
          },
          rawStream,
        ],
      },
    ];

    log('checking what every contender reads against what was written');
    for (const w of workloads) for (const c of w.contenders) check(`${w.name} / ${c.name}`, await c.read(), written, c.driverRows);

    const results = [];
    for (const w of workloads) {
      log(`${w.name}: warming up`);
      for (let i = 0; i < 3; i++) for (const c of w.contenders) await c.read();
      const perRound = w.contenders.map(() => [] as { cpuUs: number; gcUs: number }[]);
      for (let r = 0; r < ROUNDS; r++) {
        const order = w.contenders.map((_, j) => j);
        if (r % 2 === 1) order.reverse();
        for (const j of order) perRound[j]!.push(await slice(w.contenders[j]!));
      }
      const base = perRound[0]!;
      const round3 = (x: number): number => Number(x.toFixed(3));
      results.push({
        workload: w.name,
        describe: w.describe,
        contenders: await Promise.all(w.contenders.map(async (c, j) => {
          const ratios = perRound[j]!.map((s, r) => s.cpuUs / base[r]!.cpuUs);
          return {
            name: c.name,
            uses: c.uses,
            cpuUsPerRow: perRound[j]!.map((s) => round3(s.cpuUs)),
            gcUsPerRow: perRound[j]!.map((s) => round3(s.gcUs)),
            ratioToRaw: j === 0 ? null : { median: round3(median(ratios)), min: round3(Math.min(...ratios)), max: round3(Math.max(...ratios)), perRound: ratios.map(round3) },
            retainedBytesPerRow: w.name === 'findPartition' ? await retainedPerRow(c.read).then((b) => (b === null ? null : Math.round(b))) : null,
          };
        })),
      });
      const line = results[results.length - 1]!.contenders.map((c) => `${c.name} ${median(c.cpuUsPerRow).toFixed(2)} µs${c.ratioToRaw !== null ? ` (${c.ratioToRaw.median}×)` : ''}`).join(', ');
      log(`${w.name}: ${line}`);
    }
    const file = {
      generatedBy: 'npm run bench:hydration',
      command: process.argv.slice(2),
      ...env,
      finishedAt: new Date().toISOString(),
      git: gitState(repoRoot()) ?? null,
      setup: { rows: ROWS, rounds: ROUNDS, readsPerSlice: REPEAT, pageSize: PAGE, exposeGc: typeof (globalThis as { gc?: unknown }).gc === 'function' },
      table: 'rich_rows: int partition key, timeuuid clustering key, uuid, inet (¾ IPv4), decimal, varint, bigint, date, list<text>, set<int>, map<text, int>, a frozen UDT (text, int), text',
      verified: `every row each contender returned (${ROWS} per read, one read each) was compared with the row written before measuring`,
      results,
    };
    mkdirSync(join(args.out, '..'), { recursive: true });
    writeFileSync(args.out, `${JSON.stringify(file, null, 2)}\n`);
    process.stdout.write(`wrote ${args.out}\n`);
  } finally {
    await admin.execute(`DROP KEYSPACE IF EXISTS ${KEYSPACE}`).catch(() => undefined);
    await connection.close();
    await raw.shutdown();
    await admin.shutdown();
  }
}

await main();
