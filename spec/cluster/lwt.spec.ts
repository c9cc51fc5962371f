// Lightweight transactions on the cluster: 50 concurrent inserts IF NOT EXISTS of one key through
// repositories on connections pinned to the three coordinators. Exactly one may apply; every other
// caller learns "not applied" with the current row, or gets LwtOutcomeUnknownError (its Paxos round
// timed out). With `lwt.resolveUnknownOutcome`, the repository resolves every unknown outcome by a
// SERIAL read: exactly one caller is told it applied, and every other sees the winner's row.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { Column, PartitionKey, Repository, Table, type Connection, type Query, type WriteResult } from '../../src/index.js';
import { LwtOutcomeUnknownError, WriteTimeoutError } from '../../src/public/errors.js';
import { controlledCluster } from '../support/cluster-fixture.js';
import { clusterConnection, uniqueName } from './support.js';

@Table('claims')
class Claim {
  @PartitionKey() id!: string;
  @Column({ type: 'int' }) owner!: number;
}

interface Outcome {
  readonly owner: number;
  readonly result: WriteResult<Claim> | undefined;
  readonly error: unknown;
}

describe('cluster: 50 concurrent inserts IF NOT EXISTS of one key through three coordinators', function () {
  this.timeout(300_000);
  const keyspace = uniqueName('lwt');
  let admin: Connection;
  let pinned: Connection[] = [];

  before(async () => {
    admin = clusterConnection();
    await admin.execute(`CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 2, 'dc2': 1}`);
    await admin.execute(`CREATE TABLE IF NOT EXISTS ${keyspace}.claims (id text PRIMARY KEY, owner int)`);
    const { AllowListPolicy, DCAwareRoundRobinPolicy } = cassandra.policies.loadBalancing;
    pinned = controlledCluster().nodes.map((n) => {
      const host = `${n.address}:${n.nativePort}`;
      return clusterConnection({
        contactPoints: [host],
        localDataCenter: n.dataCenter,
        consistency: 'QUORUM',
        queryDefaults: { serialConsistency: 'SERIAL' },
        clientOptions: { policies: { loadBalancing: new AllowListPolicy(new DCAwareRoundRobinPolicy(n.dataCenter), [host]) } },
      });
    });
  });
  after(async () => {
    await admin.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => undefined);
    await Promise.all([admin, ...pinned].map((c) => c.close()));
  });

  /** 50 callers insert `key` at once, caller i through coordinator i mod 3; returns each outcome and the row a SERIAL read finds. */
  async function race(key: string, lwt?: Query.LwtOptions): Promise<{ outcomes: Outcome[]; winner: number }> {
    const repos = pinned.map((c) => new Repository(c, Claim, { keyspace, ...(lwt !== undefined ? { lwt } : {}) }));
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, owner) =>
        (repos[owner % repos.length] as Repository<Claim>).insert(Object.assign(new Claim(), { id: key, owner }), { ifNotExists: true }).then(
          (result): Outcome => ({ owner, result, error: undefined }),
          (error: unknown): Outcome => ({ owner, result: undefined, error }),
        ),
      ),
    );
    const serial = await admin.execute(`SELECT owner FROM ${keyspace}.claims WHERE id = ?`, [key], { consistency: 'SERIAL' });
    const winner = serial.first()?.['owner'] as number;
    const applied = outcomes.filter((o) => o.result?.applied === true).length;
    const notApplied = outcomes.filter((o) => o.result?.applied === false).length;
    const failed = outcomes.filter((o) => o.error !== undefined);
    const kinds = [...new Set(failed.map((o) => (o.error as Error).name))].join(', ');
    console.log(`      ${lwt === undefined ? 'no resolution' : 'resolved'}: applied ${applied}, not applied ${notApplied}, failed ${failed.length}${kinds === '' ? '' : ` (${kinds})`}`);
    return { outcomes, winner };
  }

  it('without resolution: at most one applies; the others see the winner row or LwtOutcomeUnknownError', async () => {
    const { outcomes, winner } = await race('plain');
    expect(winner, 'a SERIAL read finds the row one caller wrote').to.be.a('number');
    const applied = outcomes.filter((o) => o.result?.applied === true);
    expect(applied.length).to.be.at.most(1);
    // The winner may itself be among the unknown outcomes: its Paxos round committed after its coordinator gave up.
    if (applied.length === 1) expect(applied[0]?.owner).to.equal(winner);
    else expect(outcomes.filter((o) => o.error !== undefined).map((o) => o.owner), 'the winner is among the unknown outcomes').to.include(winner);
    for (const o of outcomes.filter((x) => x.result?.applied === false)) {
      expect(o.result?.current, `caller ${o.owner} is shown the current row`).to.deep.equal({ id: 'plain', owner: winner });
    }
    for (const o of outcomes.filter((x) => x.error !== undefined)) {
      expect(o.error, `caller ${o.owner}`).to.be.instanceOf(LwtOutcomeUnknownError);
      const e = o.error as LwtOutcomeUnknownError;
      expect(e.message).to.contain('may or may not have been applied').and.to.contain('SERIAL');
      expect(e.resolutionAttempts).to.equal(0);
      if (e.reason === 'timeout' && e.cause instanceof WriteTimeoutError) expect(e.writeType).to.equal('CAS');
    }
  });

  it('with lwt.resolveUnknownOutcome: every caller is resolved, exactly one applied, the others see its row', async () => {
    const { outcomes, winner } = await race('resolved', { resolveUnknownOutcome: true, attempts: 10, backoffMs: 200, maxBackoffMs: 3000 });
    const failed = outcomes.filter((o) => o.error !== undefined);
    expect(failed.map((o) => `${o.owner}: ${(o.error as Error).message}`), 'no caller is left with an unknown outcome').to.deep.equal([]);
    const applied = outcomes.filter((o) => o.result?.applied === true);
    expect(applied.map((o) => o.owner), 'exactly one caller is told it applied: the one the SERIAL read names').to.deep.equal([winner]);
    for (const o of outcomes.filter((x) => x.result?.applied === false)) {
      expect(o.result?.current, `caller ${o.owner} is shown the winner's row`).to.deep.equal({ id: 'resolved', owner: winner });
    }
    expect(outcomes.filter((o) => o.result?.applied === false)).to.have.length(49);
  });
});
