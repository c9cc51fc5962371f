// `npm run bench:observability`: the client CPU per operation of a repository (findOne and insert,
// alternately, 16 in flight) against the node, in four telemetry modes, each in processes of its own:
//   not installed   @opentelemetry/api cannot be resolved (as without the optional peer dependency)
//   no provider     the API is installed, no tracer or meter provider registered (the default state)
//   hook            an observe.onQuery hook that counts events
//   sdk             the OpenTelemetry SDK registered: every span to an in-memory exporter, a meter provider
// Processes of the four modes take turns, `--runs` times each, so drift of the machine is shared. Each
// prints its CPU per operation (process.cpuUsage, user + system) over `--ops` operations after a
// warm-up. `--results FILE` writes the runs as JSON; `--doc` writes docs/observability.md's table from
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
async function child(mode: Mode, keyspace: string, ops: number): Promise<void> {
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
  await run(Math.max(500, ops / 4));
  next = 0;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await run(ops);
  const used = process.cpuUsage(cpu);
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const spanCount = spans();
  await conn.close();
  await uninstall();
  process.stdout.write(
    `${JSON.stringify({ mode, apiLoaded: otelApi() !== undefined, ops, cpuUsPerOp: (used.user + used.system) / ops, wallMs, events, spans: spanCount })}\n`,
  );
}

interface Run {
  readonly mode: Mode;
  readonly apiLoaded: boolean;
  readonly ops: number;
  readonly cpuUsPerOp: number;
  readonly wallMs: number;
  readonly events: number;
  readonly spans: number;
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
  const base = median(file.runs.filter((r) => r.mode === 'not installed').map((r) => r.cpuUsPerOp));
  const lines = [
    '| mode | runs | CPU per op, median (µs) | min – max (µs) | vs not installed |',
    '|---|---|---|---|---|',
  ];
  for (const mode of MODES) {
    const runs = file.runs.filter((r) => r.mode === mode);
    if (runs.length === 0) continue;
    const cpu = runs.map((r) => r.cpuUsPerOp);
    const m = median(cpu);
    lines.push(`| ${mode} | ${runs.length} | ${m.toFixed(1)} | ${Math.min(...cpu).toFixed(1)} – ${Math.max(...cpu).toFixed(1)} | ${((m / base - 1) * 100).toFixed(1)}% |`);
  }
  lines.push('', `${file.runs[0]?.ops ?? 0} operations per run (findOne and insert alternately, 16 in flight) against one local node; measured ${file.finishedAt.slice(0, 10)} with \`${file.command.join(' ')}\`.`);
  return lines.join('\n');
}

const BEGIN = '<!-- overhead:begin: generated by `npm run bench:observability -- --doc` from docs/results/observability.json -->';
const END = '<!-- overhead:end -->';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { child: { type: 'string' }, keyspace: { type: 'string' }, ops: { type: 'string' }, runs: { type: 'string' }, results: { type: 'string' }, doc: { type: 'boolean' } },
  });
  const ops = Number(values.ops ?? 4000);
  if (values.child !== undefined) return child(values.child as Mode, values.keyspace!, ops);
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
  try {
    for (let round = 0; round < runs; round++) {
      for (const mode of MODES) {
        const args = [...(mode === 'not installed' ? ['--import', hide] : []), self, '--child', mode, '--keyspace', keyspace, '--ops', String(ops)];
        const out = spawnSync(process.execPath, args, { encoding: 'utf8', env: process.env });
        if (out.status !== 0) throw new Error(`${mode}: ${out.stderr}`);
        const run = JSON.parse(out.stdout.trim().split('\n').pop()!) as Run;
        process.stderr.write(`[bench:observability] round ${round + 1} ${mode}: ${run.cpuUsPerOp.toFixed(1)} µs/op (api loaded: ${run.apiLoaded}, events ${run.events}, spans ${run.spans})\n`);
        results.push(run);
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
