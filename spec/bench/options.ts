// The command line of `npm run bench -- [flags]`.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { WORKLOAD_NAMES, type WorkloadName } from './workloads.js';

/** Parsed flags. */
export interface BenchOptions {
  readonly smoke: boolean;
  readonly workloads: readonly WorkloadName[];
  /** Contender names to run besides the raw driver (which always runs: it is the baseline). */
  readonly contenders: readonly string[] | undefined;
  readonly rounds: number;
  readonly warmup: number;
  readonly concurrency: number;
  readonly json: boolean;
  /** Also write the results, with the machine, versions and git state, as JSON to this file. */
  readonly results: string | undefined;
  /** Also measure a second raw driver (the control): its ratio to the first is the run's noise. */
  readonly control: boolean;
  /** Seeds the random relabelling of the slice orders (runner.ts: SliceSchedule); printed in the header. */
  readonly seed: number;
  /** Profile the measured rounds and print each mapper's own CPU per operation (profile.ts). */
  readonly profile: boolean;
  /** Answer every contender's driver calls from a recording of the node's answers (replay.ts). */
  readonly replay: boolean;
  /** Run every contender in a Node process of its own (isolated.ts). */
  readonly isolate: boolean;
  /**
   * `--until-stable`: after `rounds`, add rounds one at a time (up to `maxRounds`) until every
   * comparison the report resolves has a slice interval within ±`tolerance` of its ratio.
   */
  readonly untilStable: { readonly maxRounds: number; readonly tolerance: number } | undefined;
  readonly help: boolean;
}

/** The help text. */
export const USAGE = `usage: npm run bench -- [flags]
  --smoke                 a few hundred operations, small partitions and streams (what CI runs)
  --workloads a,b         any of ${WORKLOAD_NAMES.join(', ')} (default: all)
  --contenders a,b        only these contenders besides the raw driver: cassandra-orm, cassandra-orm-validated, driver-mapper, express-cassandra
  --rounds N              measured rounds (default 5, smoke 2)
  --warmup N              warm-up rounds (default 1)
  --concurrency N         operations in flight (default 32; scans use at most 4, streams 1)
  --control               also run the raw driver a second time as a contender: its ratios to the
                          first show how much two identical contenders differ in this run (the noise)
  --seed N                seeds the random relabelling of the slice orders (default: a random one;
                          the header prints it, so a run's schedule can be repeated)
  --profile               also run V8's sampling profiler during the measured rounds and print the CPU
                          each mapper's own code spent per operation (slows every contender a little)
  --replay                record the node's answers once, then measure with every driver client
                          answering from the recording: no network, node or protocol work, so the
                          figures are what each library adds above client.execute() (express-cassandra
                          cannot be replayed and is left out)
  --isolate               run every contender in a Node process of its own, as an application runs one
                          library: no shared heap, collector or compiled code between contenders; each
                          process measures its own slices (not with --profile or --replay)
  --until-stable          after --rounds, run one more round at a time until the 95% interval of every
                          slice-by-slice comparison (cassandra-orm against each contender, the control
                          against the raw driver) is within ±--tolerance of its ratio, or --max-rounds
                          have run; the report says, per workload, how many rounds ran and whether it settled
  --max-rounds N          with --until-stable: the most rounds a workload runs (default 3 × --rounds)
  --tolerance P           with --until-stable: the interval's half-width, in % of the ratio (default 2.5,
                          which resolves a 5% difference)
  --json                  print the results as JSON instead of the table
  --results FILE          also write the results as JSON to FILE, with the machine, the versions and
                          the git state (commit, changed and untracked files); docs/performance.md's
                          figures are generated from such a file (npm run docs:performance)
  --help`;

/** Thrown for a flag the suite cannot use; main prints it with the usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function positive(flag: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${flag} must be an integer >= ${min}, got '${value}'`);
  return n;
}

function list(value: string | undefined): string[] | undefined {
  return value?.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function seedOf(value: string | undefined): number {
  if (value === undefined) return randomBytes(4).readUInt32LE(0);
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || n > 0xffffffff) throw new UsageError(`--seed must be an integer from 0 to ${0xffffffff}, got '${value}'`);
  return n;
}

/** Parses argv (without node and the script). */
export function parseOptions(argv: readonly string[]): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        smoke: { type: 'boolean', default: false },
        workloads: { type: 'string' },
        contenders: { type: 'string' },
        rounds: { type: 'string' },
        warmup: { type: 'string' },
        concurrency: { type: 'string' },
        json: { type: 'boolean', default: false },
        results: { type: 'string' },
        control: { type: 'boolean', default: false },
        seed: { type: 'string' },
        profile: { type: 'boolean', default: false },
        replay: { type: 'boolean', default: false },
        isolate: { type: 'boolean', default: false },
        'until-stable': { type: 'boolean', default: false },
        'max-rounds': { type: 'string' },
        tolerance: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const smoke = values.smoke === true;
  const workloads = list(values.workloads) ?? [...WORKLOAD_NAMES];
  for (const w of workloads) {
    if (!(WORKLOAD_NAMES as readonly string[]).includes(w)) {
      throw new UsageError(`unknown workload '${w}' (choose from ${WORKLOAD_NAMES.join(', ')})`);
    }
  }
  const isolate = values.isolate === true;
  for (const flag of ['profile', 'replay'] as const) {
    if (isolate && values[flag] === true) {
      throw new UsageError(`--isolate cannot be combined with --${flag}: --${flag} works on the contenders in the benchmark's own process; run them in separate runs`);
    }
  }
  const rounds = positive('rounds', values.rounds, smoke ? 2 : 5, 1);
  const untilStable = values['until-stable'] === true;
  for (const flag of ['max-rounds', 'tolerance'] as const) {
    if (!untilStable && values[flag] !== undefined) throw new UsageError(`--${flag} only applies with --until-stable`);
  }
  const maxRounds = positive('max-rounds', values['max-rounds'], 3 * rounds, rounds);
  const tolerance = values.tolerance === undefined ? 2.5 : Number(values.tolerance);
  if (!Number.isFinite(tolerance) || tolerance <= 0 || tolerance >= 100) throw new UsageError(`--tolerance must be a percentage above 0 and below 100, got '${values.tolerance}'`);
  return {
    smoke,
    workloads: WORKLOAD_NAMES.filter((w) => workloads.includes(w)),
    contenders: list(values.contenders),
    rounds,
    warmup: positive('warmup', values.warmup, 1, 0),
    concurrency: positive('concurrency', values.concurrency, 32, 1),
    json: values.json === true,
    results: values.results,
    control: values.control === true,
    seed: seedOf(values.seed),
    profile: values.profile === true,
    replay: values.replay === true,
    isolate,
    untilStable: untilStable ? { maxRounds, tolerance: tolerance / 100 } : undefined,
    help: values.help === true,
  };
}
