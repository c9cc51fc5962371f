// Property round trip: fast-check generates rows holding every CQL type (natives with their edge
// values, nested collections, tuples with nulls, nested UDTs with null fields) and counter increments;
// each is written through the public Repository API (insert, patch), read back with findOne and
// compared with what the README says reading it returns; then the value read is saved again to another
// row and must read back unchanged. A run writes some 20,000-30,000 values in 60 cases of up to 24
// rows, plus 40 cases of counter increments. Environment: ROUND_TRIP_SEED fixes the seed (random
// otherwise, and always printed on failure), ROUND_TRIP_PATH replays one failing case (the message
// prints the command), ROUND_TRIP_SURVEY=1 runs every case without stopping to list every mismatch.
import { expect } from 'chai';
import fc from 'fast-check';
import { Repository } from '../../../src/repository/repository.js';
import { exact, NotReadBack, show, type Kind } from './round-trip-kinds.js';
import { checkRoundTrip, inChunks, PATH, SEED, type Mismatch } from './round-trip-runner.js';
import { COLUMNS, RoundTripCounter, RoundTripRow } from './round-trip-schema.js';
import { fixture, type Fixture } from './support.js';

type Route = 'insert' | 'patch' | 'split';

const columnValue = (k: Kind): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: k.values, weight: 6 }, { arbitrary: fc.constant(null), weight: 1 }, { arbitrary: fc.constant(undefined), weight: 1 });
/**
 * A row sets a few columns (the others stay unset and must read back null or empty): a failing case
 * then shrinks to the one column and value at fault instead of a row of a hundred columns.
 */
const rowArb = fc.record({
  route: fc.constantFrom<Route>('insert', 'patch', 'split'),
  cells: fc.uniqueArray(fc.oneof(...COLUMNS.map(([p, k]) => columnValue(k).map((v) => [p, v] as const))), { selector: ([p]) => p, minLength: 1, maxLength: 16, size: 'max' }),
});
const counterStep = fc.record({
  column: fc.constantFrom('hits' as const, 'misses' as const),
  // At most 8 steps of at most 2^59 each: every partial sum stays within a 64-bit counter.
  by: fc.oneof(fc.bigInt({ min: -1000n, max: 1000n }), fc.bigInt({ min: -(2n ** 59n), max: 2n ** 59n })),
  decrement: fc.boolean(),
});
type CounterStep = typeof counterStep extends fc.Arbitrary<infer S> ? S : never;
const MAX = 2n ** 63n - 1n;
const MIN = -(2n ** 63n);
const counterSteps = fc.oneof(
  { arbitrary: fc.array(counterStep, { maxLength: 8, size: 'max' }), weight: 8 },
  {
    arbitrary: fc.constantFrom<CounterStep[]>(
      [{ column: 'hits', by: MAX, decrement: false }],
      [{ column: 'misses', by: MIN, decrement: false }],
      [{ column: 'hits', by: MAX, decrement: false }, { column: 'hits', by: -MAX, decrement: true }, { column: 'misses', by: 0n, decrement: false }],
      [{ column: 'hits', by: MIN + 1n, decrement: true }, { column: 'misses', by: MAX, decrement: true }],
    ),
    weight: 1,
  },
);

describe('Repository: property round trip of every CQL type (fast-check)', function () {
  this.timeout(90_000);
  let fx: Fixture;
  let rows: Repository<RoundTripRow>;
  let counters: Repository<RoundTripCounter>;
  /** Row ids are handed out as rows are written, never generated: a shrink or replay never meets an old row. */
  let lastId = 0;

  before(async () => {
    fx = await fixture('it_prop_rt', [RoundTripRow, RoundTripCounter]);
    rows = new Repository(fx.connection, RoundTripRow);
    counters = new Repository(fx.connection, RoundTripCounter);
  });
  after(async () => fx.drop());

  /** Writes `values` to row `id`: all by insert, all by patch (after inserting the key), or alternately. */
  async function write(id: number, values: Record<string, unknown>, route: Route): Promise<void> {
    const inserted: Record<string, unknown> = {};
    const patched: Record<string, unknown> = {};
    Object.keys(values).forEach((p, i) => {
      if (route === 'insert' || (route === 'split' && i % 2 === 0)) inserted[p] = values[p];
      else patched[p] = values[p];
    });
    await rows.insert(Object.assign(new RoundTripRow(), inserted, { id }));
    if (Object.values(patched).some((v) => v !== undefined)) await rows.patch({ id }, patched as Partial<RoundTripRow>);
  }

  const insertTitle = 'insert() and patch(): every generated value of every CQL type reads back with findOne() as written, and saves again unchanged';
  it(insertTitle, async () => {
    // Counting: every non-null value written counts once, at every level: a leaf is 1, and a list, set,
    // map, tuple, vector or UDT is 1 plus what it holds (a map entry is its key and its value); nulls and
    // the saving again of values read are not counted. Shrink executions count too (they only run
    // after a failure).
    let values = 0;
    const perColumn = new Map<string, number>(COLUMNS.map(([p]) => [p, 0]));
    const runs = await checkRoundTrip(insertTitle, fc.array(rowArb, { minLength: 1, maxLength: 24, size: 'max' }), 60, async (batch) => {
      const mismatches: Mismatch[] = [];
      await inChunks(batch, async ({ route, cells }) => {
        const written: Record<string, unknown> = Object.fromEntries(cells);
        const problem = (phase: Mismatch['phase'], column: string, cql: string, w: unknown, read: unknown, expected: string, actual: string): void => {
          mismatches.push({ phase, column, cql, route, written: w, read, expected, actual });
        };
        for (const [p, k] of COLUMNS) {
          const n = k.count(written[p]); // an unset column counts 0
          values += n;
          if (n > 0) perColumn.set(p, perColumn.get(p)! + 1);
        }
        const id = ++lastId;
        try {
          await write(id, written, route);
        } catch (error) {
          return problem('write', '(row)', 'row', written, undefined, 'written', `threw ${String(error)}`);
        }
        const read = await rows.findOne({ id });
        if (!(read instanceof RoundTripRow)) return problem('read back', '(row)', 'row', written, read, 'a RoundTripRow', show(read));
        for (const [p, k] of COLUMNS) {
          let actual: string;
          try {
            actual = k.actual(read[p]);
          } catch (error) {
            if (!(error instanceof NotReadBack)) throw error;
            actual = `not readable: ${error.message}`;
          }
          const expected = k.expected(written[p]);
          if (actual !== expected) problem('read back', p, k.cql, written[p], read[p], expected, actual);
        }
        // The second half of the promise: what was read is a value the library takes back, unchanged.
        const again = ++lastId;
        const readValues: Record<string, unknown> = Object.fromEntries(COLUMNS.map(([p]) => [p, read[p]]));
        try {
          await write(again, readValues, route);
        } catch (error) {
          return problem('save again', '(row)', 'row', readValues, undefined, 'written', `threw ${String(error)}`);
        }
        const reread = await rows.findOne({ id: again });
        for (const [p, k] of COLUMNS) {
          const [first, second] = [exact(read[p]), exact(reread?.[p])];
          if (first !== second) problem('saved again', p, k.cql, read[p], reread?.[p], first, second);
        }
      });
      return mismatches;
    });
    // A replay runs one counterexample: the volume and coverage below are those of a full run.
    if (PATH === undefined) {
      expect(values, `values written (seed ${SEED}, ${runs} runs)`).to.be.at.least(10_000);
      const thin = [...perColumn].filter(([, n]) => n < 5);
      expect(thin, `columns with fewer than 5 non-null values written (seed ${SEED})`).to.deep.equal([]);
    }
  });

  const counterTitle = 'counter: the sum of generated increments and decrements reads back, and applying the value read to a fresh row reads back the same';
  it(counterTitle, async () => {
    // Counting: each increment or decrement is one value written.
    let steps = 0;
    await checkRoundTrip(counterTitle, fc.array(counterSteps, { minLength: 1, maxLength: 40, size: 'max' }), 40, async (batch) => {
      const mismatches: Mismatch[] = [];
      await inChunks(batch, async (plan) => {
        const id = ++lastId;
        steps += plan.length;
        const problem = (phase: Mismatch['phase'], column: string, w: unknown, read: unknown, expected: string, actual: string): void => {
          mismatches.push({ phase, column, cql: 'counter', route: 'update', written: w, read, expected, actual });
        };
        const sums: Record<'hits' | 'misses', bigint | null> = { hits: null, misses: null };
        try {
          for (const s of plan) {
            sums[s.column] = (sums[s.column] ?? 0n) + s.by;
            await counters.update({ id }, (u) => (s.decrement ? u.decrement(s.column, -s.by) : u.increment(s.column, s.by)));
          }
        } catch (error) {
          return problem('write', '(row)', plan, undefined, 'written', `threw ${String(error)}`);
        }
        const read = await counters.findOne({ id });
        const form = (v: unknown): string => (v === undefined ? 'no row' : exact(v));
        if (plan.length === 0) {
          if (read !== undefined) problem('read back', '(row)', plan, read, 'no row', show(read));
          return;
        }
        for (const c of ['hits', 'misses'] as const) {
          if (form(read?.[c]) !== form(sums[c])) problem('read back', c, plan.filter((s) => s.column === c), read?.[c], form(sums[c]), form(read?.[c]));
        }
        if (read === undefined) return;
        const again = ++lastId;
        try {
          await counters.update({ id: again }, (u) => [read.hits, read.misses].reduce((q, v, i) => (v == null ? q : q.increment(i === 0 ? 'hits' : 'misses', v)), u));
        } catch (error) {
          return problem('save again', '(row)', read, undefined, 'written', `threw ${String(error)}`);
        }
        const reread = await counters.findOne({ id: again });
        for (const c of ['hits', 'misses'] as const) {
          // A counter never incremented has no value to apply: the fresh row has none either.
          if (form(reread?.[c] ?? null) !== form(read[c] ?? null)) problem('saved again', c, read[c], reread?.[c], form(read[c] ?? null), form(reread?.[c] ?? null));
        }
      });
      return mismatches;
    });
    if (PATH === undefined) expect(steps, `counter increments and decrements written (seed ${SEED})`).to.be.at.least(1_000);
  });
});
