// 20 concurrent read-modify-write loops on one row of a @Version entity, on the real node: each loop
// reads the row, adds 1 to a counter field and writes it back with update(entity) until it has
// had 5 increments applied, re-reading after a conflict. No update may be lost (the final counter and
// version both equal the increments the loops saw applied), and no write may fail silently: each
// attempt ends applied, in a VersionConflictError, or in LwtOutcomeUnknownError, which the loop
// resolves the documented way (a SERIAL read: the row holds this attempt's token, or it does not).
import { expect } from 'chai';
import { Column, PartitionKey } from '../../../src/decorators/column.js';
import { Version } from '../../../src/decorators/managed-column.js';
import { Table } from '../../../src/decorators/table.js';
import { KeyShape } from '../../../src/query/entity-types.js';
import { LwtOutcomeUnknownError, QueryTimeoutError, VersionConflictError } from '../../../src/errors.js';
import { Repository } from '../../../src/repository/repository.js';
import { fixture, type Fixture } from '../repository/support.js';

@Table('versioned_counter')
class Tally {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'int' }) value!: number;
  /** The attempt that wrote the row last: what tells an unknown outcome apart. */
  @Column({ type: 'text' }) writer?: string | null;
  @Version() version?: number;
}

const LOOPS = 20;
const PER_LOOP = 5;
/** A loop that needs more attempts than this is stuck, not unlucky. */
const MAX_ATTEMPTS_PER_LOOP = 400;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('@Version under 20 concurrent read-modify-write loops (real node)', function () {
  this.timeout(600_000);
  let fx: Fixture;
  let tallies: Repository<Tally>;

  before(async () => {
    fx = await fixture('it_version_race', [Tally]);
    tallies = new Repository(fx.connection, Tally);
    await tallies.insert(Object.assign(new Tally(), { id: 1, value: 0 }));
  });
  after(async () => fx?.drop());

  it('loses no update and reports every conflict', async () => {
    const figures = { attempts: 0, applied: 0, conflicts: 0, unknown: 0, unknownApplied: 0, silent: 0 };

    /** After LwtOutcomeUnknownError: did this attempt apply? A SERIAL read completes any Paxos round in flight on the row. */
    async function resolved(token: string, next: number): Promise<boolean> {
      for (let i = 0; i < 20; i++) {
        try {
          const row = await tallies.findOne({ id: 1 }, { consistency: 'SERIAL' });
          return row?.writer === token && row.version === next;
        } catch (error) {
          if (!(error instanceof QueryTimeoutError)) throw error;
          await sleep(10 + Math.random() * 50);
        }
      }
      throw new Error(`no SERIAL read of the row answered for ${token}`);
    }

    async function loop(n: number): Promise<void> {
      let done = 0;
      for (let attempt = 0; done < PER_LOOP; attempt++) {
        if (attempt >= MAX_ATTEMPTS_PER_LOOP) throw new Error(`loop ${n} made ${attempt} attempts for ${done} increments`);
        figures.attempts++;
        const row = (await tallies.findOne({ id: 1 }))!;
        const token = `${n}:${attempt}`;
        const held = row.version!;
        row.value += 1;
        row.writer = token;
        try {
          const result = await tallies.update(row);
          if (!result.applied) {
            figures.silent++;
            continue;
          }
          expect(row.version).to.equal(held + 1);
          figures.applied++;
          done++;
        } catch (error) {
          if (error instanceof VersionConflictError) {
            figures.conflicts++;
            expect(error.expected).to.equal(held);
            expect(error.actual as number).to.be.greaterThan(held);
            // Back off a little, as an application would, so the 20 loops do not collide in lock step.
            await sleep(Math.random() * 20);
          } else if (error instanceof LwtOutcomeUnknownError) {
            figures.unknown++;
            if (await resolved(token, held + 1)) {
              figures.unknownApplied++;
              done++;
            }
          } else {
            throw error;
          }
        }
      }
    }

    const started = Date.now();
    await Promise.all(Array.from({ length: LOOPS }, (_, n) => loop(n)));
    const ms = Date.now() - started;
    const final = (await tallies.findOne({ id: 1 }, { consistency: 'SERIAL' }))!;
    console.log(
      `      ${LOOPS} loops x ${PER_LOOP} increments: ${figures.attempts} attempts, ${figures.applied} applied, ${figures.conflicts} VersionConflictError, ` +
        `${figures.unknown} outcome unknown (${figures.unknownApplied} of them applied), in ${ms} ms`,
    );
    // Every increment a loop counted is in the row, and nothing else is: no lost update.
    expect(final.value).to.equal(LOOPS * PER_LOOP);
    expect(figures.applied + figures.unknownApplied).to.equal(LOOPS * PER_LOOP);
    // The version counts the applied writes exactly (the insert wrote 1).
    expect(final.version).to.equal(1 + LOOPS * PER_LOOP);
    // Every attempt that did not apply was reported: as a conflict or as an unknown outcome found not applied.
    expect(figures.silent).to.equal(0);
    expect(figures.attempts).to.equal(figures.applied + figures.conflicts + figures.unknown);
    expect(figures.conflicts + (figures.unknown - figures.unknownApplied)).to.equal(figures.attempts - LOOPS * PER_LOOP);
  });
});
