// `npm run bench`: measures every contender on every workload against one Cassandra node and prints
// the table. Progress goes to stderr, the report to stdout.
import { randomBytes } from 'node:crypto';
import cassandra from 'cassandra-driver';
import { benchNode, driverOptions } from './bench-node.js';
import type { ContenderPlugin } from './contenders/contender.js';
import { CONTENDERS } from './contenders/registry.js';
import { cassandraOrm } from './contenders/cassandra-orm.js';
import { rawDriverControl } from './contenders/raw-driver.js';
import { driverVector, NEAREST_OPTIONS, seed, SELECT_NEAREST, TABLES_CQL } from './data.js';
import { NEAREST_LIMIT, vectorSet } from './vector-data.js';
import { addedCpu, headToHead, settled } from './compare.js';
import { writeFileSync } from 'node:fs';
import { environment, gitState } from './machine.js';
import { repoRoot } from '../support/repo-root.js';
import { parseOptions, USAGE, UsageError, type BenchOptions } from './options.js';
import { attribute, codeOwners, ProfileTally, startProfile, type RunningProfile } from './profile.js';
import { addedTable, header, headToHeadTable, profileTable, stabilityLine, streamMemoryNote, table, type Method } from './report.js';
import { mulberry32, runWorkload, shuffled, type Entrant, type LocalEntrant, type SliceHooks, type Summary } from './runner.js';
import { ContenderProcess } from './isolated.js';
import { Replay } from './replay.js';
import { retentionNote, streamRetention } from './stream-retention.js';
import { FULL, replaySizes, SMOKE, seedPlan, workloads } from './workloads.js';
import { isVerified, verificationFailure, verifyWrites, type WriteCheck } from './verify.js';

// 100 µs: a few thousand samples per workload even for a mapper whose own code costs ~1 µs per operation.
const PROFILE_INTERVAL_US = 100;

const log = (line: string): void => {
  process.stderr.write(`[bench] ${line}\n`);
};

// Contenders are named on the command line case-insensitively, with any punctuation: `driver-mapper`.
const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function selectContenders(options: BenchOptions): ContenderPlugin[] {
  const [first, ...others] = CONTENDERS;
  if (first === undefined) throw new Error('no contenders registered');
  const baseline = options.control ? [first, rawDriverControl] : [first];
  // --replay leaves out what it cannot replay when no contenders are named, and refuses it when named.
  if (options.contenders === undefined) return [...baseline, ...others.filter((c) => !options.replay || c.notReplayable === undefined)];
  const wanted = options.contenders.map(slug);
  for (const [i, name] of wanted.entries()) {
    const plugin = CONTENDERS.find((c) => slug(c.name) === name);
    if (plugin === undefined) {
      throw new UsageError(`unknown contender '${options.contenders[i]}' (choose from ${CONTENDERS.map((c) => slug(c.name)).join(', ')})`);
    }
    if (options.replay && plugin.notReplayable !== undefined) {
      throw new UsageError(`--replay cannot run ${plugin.name}: ${plugin.notReplayable}; leave it out of --contenders`);
    }
  }
  return [...baseline, ...others.filter((c) => wanted.includes(slug(c.name)))];
}


async function bench(options: BenchOptions): Promise<void> {
  const plugins = selectContenders(options);
  const base = options.smoke ? SMOKE : FULL;
  const sizes = options.replay ? replaySizes(base) : base;
  const node = benchNode();
  const admin = new cassandra.Client(driverOptions(node));
  const entrants: Entrant[] = [];
  const keyspaces: string[] = [];
  // One keyspace for every contender: they read the same rows, served the same way by the node (from
  // the same memtables and SSTables), and write into the same tables, each in its own key range.
  const ks = `bench_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
  let cleaning: Promise<void> | undefined;
  const cleanup = (): Promise<void> =>
    (cleaning ??= (async () => {
      for (const e of entrants) await ('process' in e ? e.process.close() : e.contender.close()).catch((error: unknown) => log(`closing ${e.plugin.name}: ${String(error)}`));
      // A busy node can take longer than the driver's default 12 s to drop a keyspace: wait for it.
      for (const ks of keyspaces) await admin.execute(`DROP KEYSPACE IF EXISTS ${ks}`, [], { readTimeout: 120_000 }).catch((error: unknown) => log(`dropping ${ks}: ${String(error)}`));
      await admin.shutdown();
    })());
  const onSignal = (): void => {
    log('interrupted: dropping the benchmark keyspaces');
    for (const e of entrants) if ('process' in e) e.process.kill();
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    await admin.connect();
    const env = await environment(admin, node.contactPoints, node.localDataCenter);
    await admin.execute(`CREATE KEYSPACE ${ks} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
    keyspaces.push(ks);
    // The tables come first, from the admin client, so each contender's setup only finds them (its
    // own way: CQL IF NOT EXISTS, syncSchema, syncDB) and the contenders can set up in any order.
    await admin.execute(`USE ${ks}`);
    for (const cql of TABLES_CQL) await admin.execute(cql);
    // In a random order (from --seed): a fixed one would hand whatever setting up first does to the
    // same contender every run (one run hinted at a few percent, the next did not bear it out).
    const setupOrder = shuffled(plugins.map((plugin, lane) => ({ plugin, lane })), mulberry32(options.seed ^ 0x2545f491));
    for (const { plugin, lane } of setupOrder) {
      log(`${plugin.name}: setting up in ${ks}${options.isolate ? ' (in a process of its own)' : ''}`);
      if (options.isolate) {
        const child = new ContenderProcess(plugin.name);
        entrants.push({ plugin, process: child, lane });
        await child.setup(lane, ks, sizes, options.concurrency);
      } else {
        const contender = plugin.create(node);
        entrants.push({ plugin, contender, lane });
        await contender.setup(ks);
      }
    }
    // Entrants in lane order: the first is the baseline of the ratios.
    entrants.sort((a, b) => a.lane - b.lane);
    log('seeding the rows every contender reads (the vector rows once their index is queryable)');
    await seed(admin, ks, seedPlan(sizes, entrants.length));
    const recall = options.workloads.includes('vector') ? await annRecall(admin, ks, sizes.vectorRows) : undefined;
    if (recall !== undefined) log(`vector: ${recallNote(recall)}`);
    const local = (): LocalEntrant[] => entrants.filter((e): e is LocalEntrant => 'contender' in e);
    const replay = options.replay ? new Replay(local()) : undefined;
    const checks: WriteCheck[] = [];
    const method: Method = {
      mode: options.smoke ? 'smoke' : 'full',
      rounds: options.rounds,
      warmupRounds: options.warmup,
      concurrency: options.concurrency,
      seed: options.seed,
      setupOrder: setupOrder.map((e) => e.plugin.name),
      gc: typeof (globalThis as { gc?: unknown }).gc === 'function',
      replay: options.replay,
      isolate: options.isolate,
      ...(options.untilStable !== undefined ? { untilStable: options.untilStable } : {}),
      verified: checks,
    };
    const selected = workloads(sizes, options.concurrency).filter((w) => options.workloads.includes(w.name));
    const summaries: Summary[] = [];
    const profiled = new ProfileTally();
    const owners = codeOwners(plugins, new URL('.', import.meta.url).href);
    for (const workload of selected) {
      let profiling: RunningProfile | undefined;
      const aroundSlice: SliceHooks = {
        before: async () => {
          profiling = await startProfile(PROFILE_INTERVAL_US);
        },
        after: async (e) => {
          const profile = await profiling?.stop();
          if (profile !== undefined) profiled.add(workload.name, e.plugin.name, attribute(profile, owners));
        },
      };
      if (replay !== undefined) {
        log(`${workload.name}: recording the node's answers (one round for every contender)`);
        await replay.recordWorkload(workload, local(), 0);
      }
      const until = options.untilStable;
      const untilStable =
        until === undefined
          ? undefined
          : { maxRounds: until.maxRounds, settled: (s: readonly Summary[]) => settled(headToHead(s, entrants[0]?.plugin.name ?? '', cassandraOrm.name, options.control ? rawDriverControl.name : undefined), until.tolerance) };
      const plan = { rounds: options.rounds, warmupRounds: options.warmup, seed: options.seed, log, ...(options.profile ? { aroundSlice } : {}), ...(untilStable !== undefined ? { untilStable } : {}) };
      const measured = await runWorkload(workload, entrants, plan);
      summaries.push(...measured);
      // --until-stable may have run more rounds than --rounds.
      const roundsRun = measured[0]?.rounds.length ?? options.rounds;
      // A replayed write never reaches the node: there is nothing to read back.
      if (isVerified(workload.name) && !options.replay) {
        const rounds = { first: options.warmup, count: roundsRun };
        const found: WriteCheck[] = [];
        for (const e of entrants) found.push(await verifyWrites(admin, ks, workload.name, sizes, { name: e.plugin.name, lane: e.lane }, rounds));
        log(`${workload.name}: read back ${found.map((c) => `${c.contender} ${c.checked - c.mismatches}/${c.checked}`).join(', ')} as written`);
        const failure = verificationFailure(found);
        if (failure !== undefined) throw failure;
        checks.push(...found);
      }
      const carried = entrants.flatMap((e) => {
        const c = 'process' in e ? e.process.carriedCpu(workload.name) : undefined;
        return c === undefined ? [] : [`${e.plugin.name} ${Math.round(c.usPerSlice)} µs a slice (${(c.share * 100).toFixed(2)}%)`];
      });
      if (carried.length > 0) log(`${workload.name}: CPU carried from between slices: ${carried.join(', ')}`);
      // Every contender runs all of a round's operations, in slices that were each profiled.
      if (options.profile) for (const e of entrants) profiled.count(workload.name, e.plugin.name, workload.ops * roundsRun);
    }
    const pairs = headToHead(summaries, entrants[0]?.plugin.name ?? '', cassandraOrm.name, options.control ? rawDriverControl.name : undefined);
    const added = options.replay ? addedCpu(summaries, entrants[0]?.plugin.name ?? '') : undefined;
    const retention = options.workloads.includes('stream') ? await streamRetention(entrants, sizes.streamRows, sizes.streamPage) : undefined;
    const results = { environment: env, method, workloads: selected.map((w) => w.describe), results: summaries, headToHead: pairs, ...(added !== undefined ? { added } : {}), streamRetention: retention ?? null, ...(recall !== undefined ? { vectorRecall: recall } : {}), ...(options.profile ? { profiles: profiled.profiles() } : {}) };
    if (options.results !== undefined) {
      // What produced the figures: the command line and the exact tree, untracked files included.
      const file = { ...results, command: process.argv.slice(2), git: gitState(repoRoot()) ?? null, finishedAt: new Date().toISOString() };
      writeFileSync(options.results, `${JSON.stringify(file, null, 2)}\n`);
      log(`results written to ${options.results}`);
    }
    if (options.json) {
      process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    } else {
      const note = streamMemoryNote(summaries, sizes.streamRows);
      const stability = stabilityLine(method, summaries);
      const lines = [...header(env, method), ...(stability !== undefined ? [stability] : []), '', ...table(summaries), '', ...selected.map((w) => `- ${w.describe}`), ...(note !== undefined ? [note] : []),
        ...(retention !== undefined ? [retentionNote(retention, sizes.streamRows)] : []),
        ...(recall !== undefined ? [`- vector recall: ${recallNote(recall)}.`] : []),
        ...(pairs.length > 0 ? ['', ...headToHeadTable(pairs)] : []),
        ...(added !== undefined ? ['', ...addedTable(added, { scan: sizes.scanRows, stream: sizes.streamRows })] : []),
        ...(options.profile ? ['', ...profileTable(profiled.profiles(), entrants.map((e) => e.plugin.name))] : [])];
      process.stdout.write(`${lines.join('\n')}\n`);
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup();
  }
}

/** Of the exact nearest rows of every seeded query, how many the node's ANN answers held before measuring. */
interface AnnRecall {
  readonly queries: number;
  readonly hits: number;
  readonly of: number;
}

/** Runs each seeded query once through the benchmark's own client (not measured) and counts its exact nearest rows found. */
async function annRecall(admin: cassandra.Client, keyspace: string, rows: number): Promise<AnnRecall> {
  const set = vectorSet(rows);
  const select = SELECT_NEAREST.replace('FROM items', `FROM ${keyspace}.items`);
  let hits = 0;
  for (const [q, vector] of set.queries.entries()) {
    const ids = new Set((await admin.execute(select, [driverVector(vector)], NEAREST_OPTIONS)).rows.map((r) => r['id'] as number));
    hits += set.exact[q]!.filter((id) => ids.has(id)).length;
  }
  return { queries: set.queries.length, hits, of: set.queries.length * NEAREST_LIMIT };
}

function recallNote(r: AnnRecall): string {
  return `before measuring, the index answered the ${r.queries} query vectors with ${r.hits} of their ${r.of} exact nearest rows (recall@${NEAREST_LIMIT} ${(r.hits / r.of).toFixed(3)})`;
}

async function main(argv: readonly string[]): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    await bench(options);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
