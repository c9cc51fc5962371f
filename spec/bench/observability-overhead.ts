// `npm run bench:observability`: the client CPU per operation of a repository (findOne and insert,
// alternately, 16 in flight) against the node, in four telemetry modes, each in processes of its own:
//   not installed   @opentelemetry/api cannot be resolved (as without the optional peer dependency)
//   no provider     the API is installed, no tracer or meter provider registered (the default state)
//   hook            an observe.onQuery hook that counts events
//   sdk             the OpenTelemetry SDK registered: every span to an in-memory exporter, a meter provider
// Processes of the four modes take turns, `--runs` times each, so drift of the machine is shared. Each
// prints its CPU per operation (process.cpuUsage, user + system) over `--ops` operations after a
// warm-up. Two methods: against the node, and replayed (the driver client answers from a recording
// of the node's answers made in the warm-up, replay.ts), which leaves out the network, the node and
// the driver's protocol work, so what remains is the library's own CPU and a difference of a
// fraction of a microsecond shows. `--results FILE` writes the runs as JSON; `--doc` writes docs/observability.md's table from
// docs/results/observability.json.
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Column, PartitionKey } from '../../src/decorators/column.js';
import { Table } from '../../src/decorators/table.js';
import { Connection } from '../../src/connection/connection.js';
import { Repository } from '../../src/repository/repository.js';
import { syncSchema } from '../../src/schema/sync.js';
import { otelApi } from '../../src/observability/otel-api.js';
import { repoRoot } from '../support/repo-root.js';
import { environment } from './machine.js';
import { ReplayedClient } from './replay.js';

const MODES = ['not installed', 'no provider', 'hook', 'sdk'] as const;
type Mode = (typeof MODES)[number];

@Table('bench_items')
class Item {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'int' }) n!: number;
}

function connection(keyspace: string | undefined, observe?: ConstructorParameters<typeof Connection>[0]['observe']): Connection {
  const env = process.env;
  return new Connection({
    alias: 'bench',
    contactPoints: env['CASSANDRA_CONTACT_POINTS'] ?? '127.0.0.1',
    localDataCenter: env['CASSANDRA_LOCAL_DC'] ?? 'datacenter1',
    username: env['CASSANDRA_USERNAME'] ?? 'cassandra',
    password: env['CASSANDRA_PASSWORD'] ?? 'cassandra',
    ...(keyspace === undefined ? {} : { keyspace }),
    ...(observe === undefined ? {} : { observe }),
  });
}

/** One child process: measures `ops` operations in `mode` and prints `{ mode, cpuUsPerOp, ... }`. */
async function child(mode: Mode, keyspace: string, ops: number, replayed: boolean): Promise<void> {
  let events = 0;
  let spans = (): number => 0;
  let uninstall = async (): Promise<void> => {};
  if (mode === 'sdk') {
    const { context, metrics, trace } = await import('@opentelemetry/api');
    const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks');
    const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
    const { MeterProvider, MetricReader } = await import('@opentelemetry/sdk-metrics');
    class Reader extends MetricReader {
      protected override async onForceFlush(): Promise<void> {}
      protected override async onShutdown(): Promise<void> {}
    }
    const exporter = new InMemorySpanExporter();
    const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const meterProvider = new MeterProvider({ readers: [new Reader()] });
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(tracerProvider);
    metrics.setGlobalMeterProvider(meterProvider);
    let exported = 0;
    spans = () => exported + exporter.getFinishedSpans().length;
    // Keep the exporter small between slices, counting what it held.
    setInterval(() => {
      exported += exporter.getFinishedSpans().length;
      exporter.reset();
    }, 200).unref();
    uninstall = async () => {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    };
  }
  const conn = connection(keyspace, mode === 'hook' ? { onQuery: () => void events++ } : undefined);
  await conn.connect();
  const replay = replayed ? new ReplayedClient(mode, conn.client) : undefined;
  const items = new Repository(conn, Item);
  let next = 0;
  const one = (i: number): Promise<unknown> =>
    i % 2 === 0 ? items.findOne({ id: i % 500 }) : items.insert(Object.assign(new Item(), { id: i % 500, name: `item ${i % 500}`, n: i }));
  const run = async (count: number): Promise<void> => {
    const workers = Array.from({ length: 16 }, async () => {
      while (next < count) await one(next++);
    });
    await Promise.all(workers);
  };
  // The warm-up runs every distinct operation of the measured run (reads of the even ids below 500).
  await run(Math.max(1000, ops / 4));
  replay?.arm();
  next = 0;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await run(ops);
  const used = process.cpuUsage(cpu);
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const spanCount = spans();
  // What one statement costs at the observation point when nothing observes: `begin()` alone, timed
  // over a million calls (only in the modes where it returns undefined and starts nothing).
  let beginNs: number | undefined;
  if (mode === 'not installed' || mode === 'no provider') {
    const observer = (conn as unknown as { shared: { observer: { begin(...args: unknown[]): unknown } } }).shared.observer;
    const options = { consistency: 1, fetchSize: 100, isIdempotent: true };
    const calls = 1_000_000;
    let started = 0;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) if (observer.begin('SELECT id, name, n FROM bench_items WHERE id = ?', [i], options, keyspace) !== undefined) started++;
    beginNs = Number(process.hrtime.bigint() - t0) / calls;
    if (started !== 0) throw new Error(`begin() observed ${started} statements in mode ${mode}`);
  }
  await conn.close();
  await uninstall();
  process.stdout.write(
    `${JSON.stringify({ mode, method: replayed ? 'replay' : 'node', apiLoaded: otelApi() !== undefined, ops, cpuUsPerOp: (used.user + used.system) / ops, wallMs, events, spans: spanCount, beginNs })}\n`,
  );
}

interface Run {
  readonly mode: Mode;
  readonly method: 'node' | 'replay';
  readonly apiLoaded: boolean;
  readonly ops: number;
  readonly cpuUsPerOp: number;
  readonly wallMs: number;
  readonly events: number;
  readonly spans: number;
  /** Nanoseconds per `begin()` call that observes nothing (modes 'not installed' and 'no provider'). */
  readonly beginNs?: number | undefined;
}

interface ResultsFile {
  readonly environment: unknown;
  readonly command: readonly string[];
  readonly finishedAt: string;
  readonly runs: readonly Run[];
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** The Markdown table of a results file. */
export function renderTable(file: ResultsFile): string {
  const lines = [
    '| method | mode | runs | CPU per op, median (µs) | min – max (µs) | median vs not installed |',
    '|---|---|---|---|---|---|',
  ];
  for (const method of ['node', 'replay'] as const) {
    const of = file.runs.filter((r) => r.method === method);
    const base = median(of.filter((r) => r.mode === 'not installed').map((r) => r.cpuUsPerOp));
    for (const mode of MODES) {
      const runs = of.filter((r) => r.mode === mode);
      if (runs.length === 0) continue;
      const cpu = runs.map((r) => r.cpuUsPerOp);
      const m = median(cpu);
      const delta = m - base;
      lines.push(
        `| ${method === 'node' ? 'against the node' : 'replayed'} | ${mode} | ${runs.length} | ${m.toFixed(2)} | ${Math.min(...cpu).toFixed(2)} – ${Math.max(...cpu).toFixed(2)} | ${delta >= 0 ? '+' : '−'}${Math.abs(delta).toFixed(2)} µs (${delta >= 0 ? '+' : '−'}${Math.abs((delta / base) * 100).toFixed(1)}%) |`,
      );
    }
  }
  for (const mode of ['not installed', 'no provider'] as const) {
    const ns = file.runs.filter((r) => r.mode === mode && r.beginNs !== undefined).map((r) => r.beginNs!);
    if (ns.length > 0) lines.push('', `The observation point alone with ${mode === 'not installed' ? '@opentelemetry/api not installed' : 'the API installed and no provider'}: ${median(ns).toFixed(1)} ns per statement (median of ${ns.length} runs of a million \`begin()\` calls; ${Math.min(...ns).toFixed(1)} – ${Math.max(...ns).toFixed(1)} ns).`);
  }
  lines.push('', `${file.runs[0]?.ops ?? 0} operations per run (findOne and insert alternately, 16 in flight), one local node; measured ${file.finishedAt.slice(0, 10)} with \`${file.command.join(' ')}\`.`);
  return lines.join('\n');
}

const BEGIN = '<!-- overhead:begin: generated by `npm run bench:observability -- --doc` from docs/results/observability.json -->';
const END = '<!-- overhead:end -->';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { child: { type: 'string' }, replay: { type: 'boolean' }, methods: { type: 'string' }, keyspace: { type: 'string' }, ops: { type: 'string' }, runs: { type: 'string' }, results: { type: 'string' }, doc: { type: 'boolean' } },
  });
  const ops = Number(values.ops ?? 4000);
  if (values.child !== undefined) return child(values.child as Mode, values.keyspace!, ops, values.replay === true);
  const root = repoRoot();
  if (values.doc === true) {
    const file = JSON.parse(readFileSync(join(root, 'docs/results/observability.json'), 'utf8')) as ResultsFile;
    const path = join(root, 'docs/observability.md');
    const doc = readFileSync(path, 'utf8');
    const start = doc.indexOf(BEGIN);
    const end = doc.indexOf(END);
    if (start < 0 || end < start) throw new Error(`docs/observability.md has no ${BEGIN} ... ${END} markers`);
    writeFileSync(path, `${doc.slice(0, start + BEGIN.length)}\n${renderTable(file)}\n${doc.slice(end)}`);
    return;
  }
  const runs = Number(values.runs ?? 3);
  const keyspace = `bench_obs_${randomBytes(3).toString('hex')}`;
  const admin = connection(undefined);
  await syncSchema(admin, [Item], { keyspace: { name: keyspace } });
  const machine = await environment(admin.client, admin.contactPoints, process.env['CASSANDRA_LOCAL_DC'] ?? 'datacenter1');
  const self = fileURLToPath(import.meta.url);
  const hide = join(self, '..', 'hide-otel.js');
  const results: Run[] = [];
  const methods = (values.methods ?? 'node,replay').split(',');
  try {
    for (const method of methods) {
      for (let round = 0; round < runs; round++) {
        for (const mode of MODES) {
          const args = [...(mode === 'not installed' ? ['--import', hide] : []), self, '--child', mode, '--keyspace', keyspace, '--ops', String(ops), ...(method === 'replay' ? ['--replay'] : [])];
          const out = spawnSync(process.execPath, args, { encoding: 'utf8', env: process.env });
          if (out.status !== 0) throw new Error(`${mode}: ${out.stderr}`);
          const run = JSON.parse(out.stdout.trim().split('\n').pop()!) as Run;
          process.stderr.write(`[bench:observability] ${method} round ${round + 1} ${mode}: ${run.cpuUsPerOp.toFixed(2)} µs/op (api loaded: ${run.apiLoaded}, events ${run.events}, spans ${run.spans})\n`);
          results.push(run);
        }
      }
    }
  } finally {
    await admin.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`, [], { prepare: false });
    await admin.close();
  }
  const file: ResultsFile = { environment: machine, command: ['npm', 'run', 'bench:observability', '--', ...process.argv.slice(2)], finishedAt: new Date().toISOString(), runs: results };
  if (values.results !== undefined) writeFileSync(values.results, `${JSON.stringify(file, null, 2)}\n`);
  process.stdout.write(`${renderTable(file)}\n`);
}

await main();
