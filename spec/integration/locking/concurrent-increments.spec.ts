// 20 concurrent read-modify-write loops on one row of a @Version entity, on the real node: each loop
// reads the row, adds 1 to a counter field, appends its attempt's token to a log column, and writes
// the row back with update(entity) until it has had 5 increments applied, re-reading after a
// conflict. Each applied write copies the log it read, so the final log names every write that
// applied, in order: no update is lost when every write reported applied is in it, the counter equals
// its length, and (int version) the version counts it. No write may fail silently: each attempt ends
// applied, in VersionConflictError (never in the log), or in LwtOutcomeUnknownError, whose truth the
// final log tells. The second run makes unknown outcomes on purpose (a 1 ms client timeout on every
// third attempt) and lets the repository resolve them (lwt.resolveUnknownOutcome): every verdict it
// gives must match the log.
import { expect } from 'chai';
import { Column, PartitionKey } from '../../../src/decorators/column.js';
import { Version } from '../../../src/decorators/managed-column.js';
import { Table } from '../../../src/decorators/table.js';
import { KeyShape } from '../../../src/query/entity-types.js';
import { ConnectionLostError, LwtOutcomeUnknownError, QueryTimeoutError, UnavailableError, VersionConflictError } from '../../../src/errors.js';
import { Repository } from '../../../src/repository/repository.js';
import type { WriteOptions } from '../../../src/repository/options.js';
import { fixture, type Fixture } from '../repository/support.js';

@Table('versioned_counter')
class Tally {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'int' }) value!: number;
  /** The tokens of the writes that applied, oldest first. */
  @Column({ type: 'list<text>' }) log?: string[] | null;
  @Version() version?: number;
}

@Table('versioned_counter_tu')
class TallyTu {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'int' }) value!: number;
  @Column({ type: 'list<text>' }) log?: string[] | null;
  @Version({ type: 'timeuuid' }) version?: string;
}

type Row = Tally | TallyTu;

const LOOPS = 20;
const PER_LOOP = 5;
/** A loop that needs more attempts than this is stuck, not unlucky. */
const MAX_ATTEMPTS_PER_LOOP = 400;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A failure another attempt may get past on a busy node (a timeout, an unknown LWT outcome, a node briefly unavailable). */
const transient = (error: unknown): boolean =>
  error instanceof QueryTimeoutError || error instanceof LwtOutcomeUnknownError || error instanceof UnavailableError || error instanceof ConnectionLostError;

/** What the loops saw, by attempt token. */
interface Outcomes {
  readonly applied: Set<string>;
  readonly conflicts: Set<string>;
  readonly unknown: Set<string>;
  attempts: number;
  silent: number;
}

/**
 * Runs LOOPS loops of PER_LOOP increments on row 1. A loop whose attempt ended in
 * LwtOutcomeUnknownError learns from the row whether it applied: a SERIAL read (which completes any
 * Paxos round in flight) whose log holds the token says it did; one at a later version without it
 * says it never will (its IF version = held no longer holds); one still at the held version proves
 * nothing (the attempt may still be queued), so the loop sends the same write again (the two carry
 * one condition: at most one applies) and reads again.
 */
async function race(repo: Repository<Row>, options: (attempt: number) => WriteOptions | undefined): Promise<{ outcomes: Outcomes; ms: number; final: Row }> {
  const o: Outcomes = { applied: new Set(), conflicts: new Set(), unknown: new Set(), attempts: 0, silent: 0 };
  async function settled(token: string, written: Row): Promise<boolean> {
    const held = written.version;
    let last: unknown;
    for (let i = 0; i < 100; i++) {
      try {
        const now = (await repo.findOne({ id: 1 } as never, { consistency: 'SERIAL' }))!;
        if ((now.log ?? []).includes(token)) return true;
        if (now.version !== held) return false;
        await repo.update(written);
      } catch (error) {
        if (!(error instanceof VersionConflictError) && !transient(error)) throw error;
        last = error;
      }
      await sleep(5 + Math.random() * 20);
    }
    throw new Error(`the outcome of ${token} was not settled after 100 SERIAL reads (last: ${String(last)})`);
  }
  /** The row as a plain read finds it, read again when the node is too busy to answer in time. */
  async function current(): Promise<Row> {
    for (let i = 0; ; i++) {
      try {
        return (await repo.findOne({ id: 1 } as never))!;
      } catch (error) {
        if (!transient(error) || i >= 20) throw error;
        await sleep(10 + Math.random() * 50);
      }
    }
  }
  async function loop(n: number): Promise<void> {
    let done = 0;
    for (let attempt = 0; done < PER_LOOP; attempt++) {
      if (attempt >= MAX_ATTEMPTS_PER_LOOP) throw new Error(`loop ${n} made ${attempt} attempts for ${done} increments`);
      o.attempts++;
      const row = await current();
      const held = row.version;
      const token = `${n}:${attempt}`;
      row.value += 1;
      row.log = [...(row.log ?? []), token];
      try {
        const result = await repo.update(row, options(attempt));
        if (!result.applied) {
          o.silent++;
          continue;
        }
        expect(row.version).to.not.equal(held);
        o.applied.add(token);
        done++;
      } catch (error) {
        if (error instanceof VersionConflictError) {
          o.conflicts.add(token);
          expect(error.expected).to.equal(held);
          expect(error.actual).to.not.equal(held);
          // Back off a little, as an application would, so the 20 loops do not collide in lock step.
          await sleep(Math.random() * 20);
        } else if (error instanceof LwtOutcomeUnknownError) {
          o.unknown.add(token);
          if (await settled(token, row)) done++;
        } else {
          throw new Error(`loop ${n}, attempt ${token}: unexpected ${(error as Error).name}: ${(error as Error).message}`, { cause: error });
        }
      }
    }
  }
  const started = Date.now();
  await Promise.all(Array.from({ length: LOOPS }, (_, n) => loop(n)));
  const ms = Date.now() - started;
  const final = (await repo.findOne({ id: 1 } as never, { consistency: 'SERIAL' }))!;
  const log = final.log ?? [];
  const unknownApplied = [...o.unknown].filter((t) => log.includes(t)).length;
  console.log(
    `      ${LOOPS} loops x ${PER_LOOP} increments: ${o.attempts} attempts, ${o.applied.size} applied, ${o.conflicts.size} VersionConflictError, ` +
      `${o.unknown.size} outcome unknown (${unknownApplied} of them applied), in ${ms} ms`,
  );
  const figures = JSON.stringify({ attempts: o.attempts, applied: o.applied.size, conflicts: o.conflicts.size, unknown: o.unknown.size, unknownApplied, silent: o.silent, log: log.length });
  // Nothing resolved silently: each attempt applied, conflicted or was reported unknown.
  expect(o.silent, figures).to.equal(0);
  expect(o.attempts).to.equal(o.applied.size + o.conflicts.size + o.unknown.size);
  // The log is exactly the writes that applied: every one reported applied, none reported a conflict,
  // and the unknown outcomes that did apply; each once. So no update was lost or counted twice.
  expect(new Set(log).size, 'tokens in the log are distinct').to.equal(log.length);
  for (const t of o.applied) expect(log, `${t} was reported applied; ${figures}`).to.include(t);
  for (const t of o.conflicts) expect(log, `${t} was reported a conflict; ${figures}`).to.not.include(t);
  expect(log.length, figures).to.equal(o.applied.size + unknownApplied);
  expect(log.length, figures).to.equal(LOOPS * PER_LOOP);
  expect(final.value, figures).to.equal(log.length);
  return { outcomes: o, ms, final };
}

describe('@Version under 20 concurrent read-modify-write loops (real node)', function () {
  this.timeout(600_000);
  let fx: Fixture;

  before(async () => {
    fx = await fixture('it_version_race', [Tally, TallyTu]);
  });
  after(async () => fx?.drop());

  it('int version: no update lost, every conflict reported, the version counts the applied writes', async () => {
    const tallies = new Repository(fx.connection, Tally);
    await tallies.insert(Object.assign(new Tally(), { id: 1, value: 0 }));
    const { final } = await race(tallies as Repository<Row>, () => undefined);
    // The insert wrote version 1; each applied update added one.
    expect(final.version).to.equal(1 + LOOPS * PER_LOOP);
  });

  it('timeuuid version, a 1 ms client timeout on every third attempt, outcomes resolved by the repository: every verdict matches the log', async () => {
    // The 1 ms timeout makes many of those writes LwtOutcomeUnknownError inside the repository while
    // their Paxos rounds go on; lwt.resolveUnknownOutcome reads the row back at SERIAL and reports
    // each as applied or a conflict, or (the row already moved past it) leaves it unknown. `race`
    // checks every applied and conflict verdict against the final log.
    const tallies = new Repository(fx.connection, TallyTu, { lwt: { resolveUnknownOutcome: true, attempts: 10 } });
    await tallies.insert(Object.assign(new TallyTu(), { id: 1, value: 0 }));
    const { outcomes } = await race(tallies as Repository<Row>, (attempt) => (attempt % 3 === 2 ? { timeout: 1 } : undefined));
    expect(outcomes.attempts).to.be.greaterThan(LOOPS * PER_LOOP);
  });
});
