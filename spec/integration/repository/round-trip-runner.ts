// Running the round-trip properties: fast-check with a seed that is always known (ROUND_TRIP_SEED or
// random), replay of one counterexample (ROUND_TRIP_PATH), and failure messages that say how to
// replay. ROUND_TRIP_SURVEY=1 runs every case without stopping at the first failure (no shrinking) and
// fails at the end with every distinct mismatch and the path that replays it: a list to work through.
import { expect } from 'chai';
import fc from 'fast-check';
import { inspect } from 'node:util';
import { show } from './round-trip-kinds.js';

const env = process.env;
/** The fast-check seed of this run: ROUND_TRIP_SEED, or a random one (always printed on failure). */
export const SEED = env['ROUND_TRIP_SEED'] !== undefined ? Number(env['ROUND_TRIP_SEED']) : Math.floor(Math.random() * 2 ** 31);
/** A replay runs only the case at this path (of the test named in the failure message). */
export const PATH = env['ROUND_TRIP_PATH'];
const SURVEY = env['ROUND_TRIP_SURVEY'] === '1';
const SPEC = 'dist/spec/integration/repository/property-round-trip.spec.js';
/** After the first failure, shrinking goes on for this long; then the smallest failing case so far is reported. */
const SHRINK_BUDGET_MS = 20_000;
/** Rows in flight at once. */
const CONCURRENCY = 32;

/** One difference between what was written and what came back. */
export interface Mismatch {
  readonly phase: 'read back' | 'saved again' | 'write' | 'save again';
  readonly column: string;
  readonly cql: string;
  readonly route: string;
  readonly written: unknown;
  readonly read: unknown;
  readonly expected: string;
  readonly actual: string;
}

/** Runs `work` on every item, `CONCURRENCY` at a time. */
export async function inChunks<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += CONCURRENCY) await Promise.all(items.slice(i, i + CONCURRENCY).map(work));
}

/** The part of two comparable forms around their first difference (nested values are long). */
function around(expected: string, actual: string): [string, string] {
  let i = 0;
  while (i < expected.length && expected[i] === actual[i]) i++;
  const cut = (s: string): string => `${i > 60 ? '…' : ''}${s.slice(Math.max(0, i - 60), i + 80)}${s.length > i + 80 ? '…' : ''}`;
  return [cut(expected), cut(actual)];
}

function describe(m: Mismatch, path?: string): string {
  const [e, a] = around(m.expected, m.actual);
  const where = path === undefined ? '' : `, path "${path}"`;
  return [`  ${m.phase}: ${m.column} (${m.cql}), via ${m.route}${where}`, `    wrote    ${show(m.written)}`, `    read     ${show(m.read)}`, `    expected ${e}`, `    actual   ${a}`].join('\n');
}

const size = (v: unknown): number => inspect(v, { depth: Infinity, maxArrayLength: Infinity, maxStringLength: Infinity }).length;

/** Every mismatch seen in any execution, the smallest example of each phase and column. */
class MismatchLog {
  private readonly byColumn = new Map<string, { m: Mismatch; path: string }>();
  add(ms: readonly Mismatch[], path: string): void {
    for (const m of ms) {
      const key = `${m.phase} ${m.column}`;
      const seen = this.byColumn.get(key);
      if (seen === undefined || size(m.written) < size(seen.m.written)) this.byColumn.set(key, { m, path });
    }
  }
  get size(): number {
    return this.byColumn.size;
  }
  /** `paths`: print the path of each (survey runs, where a run's path is its index). */
  text(paths: boolean): string {
    return [...this.byColumn.values()].map(({ m, path }) => describe(m, paths ? path : undefined)).join('\n');
  }
}

class RoundTripFailure extends Error {
  constructor(mismatches: readonly Mismatch[]) {
    const more = mismatches.length > 12 ? `\n  ... and ${mismatches.length - 12} more` : '';
    super(`${mismatches.length} mismatch(es):\n${mismatches.slice(0, 12).map((m) => describe(m)).join('\n')}${more}`);
  }
}

const replay = (title: string, seed: number, path: string): string =>
  `ROUND_TRIP_SEED=${seed} ROUND_TRIP_PATH='${path}' npx mocha --require dist/spec/support/global-fixture.js ${SPEC} --fgrep '${title}'`;

/**
 * Checks that `run` finds no mismatch for any value of `arb` (`numRuns` cases), and fails the test
 * with the seed, the path, the command that replays the smallest failing case and every distinct
 * mismatch seen. Returns the number of cases run.
 */
export async function checkRoundTrip<T>(title: string, arb: fc.Arbitrary<T>, numRuns: number, run: (value: T) => Promise<Mismatch[]>): Promise<number> {
  const log = new MismatchLog();
  let executions = 0;
  let failedAt: number | undefined;
  let shrinkingCut = false;
  const property = fc.asyncProperty(arb, async (value) => {
    // Shrink candidates past the budget are not run (so count as passing): the test fails anyway,
    // with the smallest failing case found so far. Only time spent shrinking is limited this way.
    if (failedAt !== undefined && performance.now() - failedAt > SHRINK_BUDGET_MS) {
      shrinkingCut = true;
      return;
    }
    // Without shrinking (survey), the n-th execution is the case at path "n".
    const path = String(executions++);
    const mismatches = await run(value);
    log.add(mismatches, path);
    if (mismatches.length > 0 && !SURVEY) {
      failedAt ??= performance.now();
      throw new RoundTripFailure(mismatches);
    }
  });
  const details = await fc.check(property, { seed: SEED, numRuns, ...(PATH !== undefined ? { path: PATH } : {}) });
  if (details.failed) {
    const error = details.errorInstance;
    const path = details.counterexamplePath ?? '';
    expect.fail(
      [
        `Property failed: fast-check seed ${details.seed}, path "${path}" (${details.numRuns} case(s), ${details.numShrinks} shrink(s)${shrinkingCut ? `, shrinking stopped after ${SHRINK_BUDGET_MS / 1000} s` : ''}).`,
        `Replay: ${replay(title, details.seed, path)}`,
        `Smallest failing case: ${error instanceof Error ? error.message : show(error)}`,
        `Every distinct mismatch seen in this run and its shrinks (${log.size}; ROUND_TRIP_SURVEY=1 runs every case to list them all):`,
        log.text(false),
      ].join('\n'),
    );
  }
  if (log.size > 0) {
    expect.fail(
      [
        `Survey (fast-check seed ${details.seed}, ${details.numRuns} cases): ${log.size} distinct mismatch(es), smallest example of each phase and column.`,
        `Replay one: ${replay(title, details.seed, '<path>')}`,
        log.text(true),
      ].join('\n'),
    );
  }
  return details.numRuns;
}
