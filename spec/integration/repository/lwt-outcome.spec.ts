// Lightweight transactions whose outcome is unknown, on the real node: a client timeout shorter than a
// Paxos round makes a conditional insert LwtOutcomeUnknownError; with lwt.resolveUnknownOutcome the
// repository reads the row at SERIAL and reports what happened.
import { expect } from 'chai';
import { Column, PartitionKey } from '../../../src/decorators/column.js';
import { Table } from '../../../src/decorators/table.js';
import { ConfigError, LwtOutcomeUnknownError, QueryTimeoutError } from '../../../src/errors.js';
import { Repository } from '../../../src/repository/repository.js';
import { fixture, type Fixture } from './support.js';

@Table('lwt_claims')
class Claim {
  @PartitionKey() id!: string;
  @Column({ type: 'int' }) owner!: number;
}

const claim = (id: string, owner: number): Claim => Object.assign(new Claim(), { id, owner });

describe('LWT outcome unknown (real node)', () => {
  let fx: Fixture;
  let claims: Repository<Claim>;

  before(async () => {
    fx = await fixture('it_lwt_outcome', [Claim]);
    claims = new Repository(fx.connection, Claim);
  });
  after(async () => fx?.drop());

  it('a conditional insert the client stops waiting for is LwtOutcomeUnknownError (reason timeout, the client timeout as cause)', async () => {
    // A Paxos round on an idle local node can answer within the 1 ms timeout: insert fresh keys until
    // one is not answered in time (every insert answered in time must have applied).
    let error: unknown;
    for (let i = 0; i < 50 && error === undefined; i++) {
      error = await claims.insert(claim(`a${i}`, 1), { ifNotExists: true, timeout: 1 }).then(
        (result) => {
          expect(result.applied, `a${i}`).to.equal(true);
          return undefined;
        },
        (e: unknown) => e,
      );
    }
    expect(error, 'none of 50 conditional inserts timed out at 1 ms').to.be.instanceOf(LwtOutcomeUnknownError);
    const e = error as LwtOutcomeUnknownError;
    expect(e.reason).to.equal('timeout');
    expect(e.cause).to.be.instanceOf(QueryTimeoutError);
    expect(e.cql).to.contain('IF NOT EXISTS');
    expect(e.message).to.contain('may or may not have been applied');
  });

  it('resolved by a SERIAL read: a row another caller holds is "not applied" with that row', async () => {
    expect((await claims.insert(claim('b', 1), { ifNotExists: true })).applied).to.equal(true);
    const result = await claims.insert(claim('b', 2), { ifNotExists: true, timeout: 1, lwt: { resolveUnknownOutcome: true } });
    expect(result).to.deep.equal({ applied: false, current: { id: 'b', owner: 1 } });
  });

  it('resolved by a SERIAL read: the row the insert wrote is "applied"', async () => {
    const repo = new Repository(fx.connection, Claim, { lwt: { resolveUnknownOutcome: true, attempts: 5, backoffMs: 50 } });
    const result = await repo.insert(claim('c', 7), { ifNotExists: true, timeout: 1 });
    // The server finishes the Paxos round the client stopped waiting for: a SERIAL read then finds the
    // row the insert wrote (had it not applied, the repository would send it again).
    expect(result).to.deep.equal({ applied: true });
    expect(await claims.findOne({ id: 'c' }, { consistency: 'SERIAL' })).to.deep.include({ id: 'c', owner: 7 });
  });

  it('bad lwt options are a ConfigError naming the key, and nothing is written', async () => {
    const error = await claims.insert(claim('d', 1), { ifNotExists: true, lwt: { attempts: -1 } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(ConfigError).with.property('key', 'options.lwt.attempts');
    expect(await claims.findOne({ id: 'd' })).to.equal(undefined);
    expect(() => new Repository(fx.connection, Claim, { lwt: { backoffMs: 'x' as unknown as number } })).to.throw(ConfigError, 'repository.lwt.backoffMs');
  });
});
