// Lightweight transactions on the cluster: 50 concurrent INSERT ... IF NOT EXISTS of one key, spread
// over connections pinned to different coordinators. Exactly one may apply; every other caller learns
// "not applied" with the current row, or gets a WriteTimeoutError of write type CAS (outcome unknown),
// which a SERIAL read resolves.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { type Connection } from '../../src/index.js';
import { WriteTimeoutError } from '../../src/public/errors.js';
import { controlledCluster } from '../support/cluster-fixture.js';
import { clusterConnection, uniqueName } from './support.js';

describe('cluster: 50 concurrent IF NOT EXISTS of one key through three coordinators', function () {
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
        clientOptions: { policies: { loadBalancing: new AllowListPolicy(new DCAwareRoundRobinPolicy(n.dataCenter), [host]) } },
      });
    });
  });
  after(async () => {
    await admin.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => undefined);
    await Promise.all([admin, ...pinned].map((c) => c.close()));
  });

  it('one applies; the others see the winner or a CAS write timeout; a SERIAL read names the winner', async () => {
    const insert = `INSERT INTO ${keyspace}.claims (id, owner) VALUES (?, ?) IF NOT EXISTS`;
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, owner) =>
        (pinned[owner % pinned.length] as Connection).execute(insert, ['k', owner], { consistency: 'QUORUM', serialConsistency: 'SERIAL' }).then(
          (rs) => ({ owner, applied: rs.first()?.['[applied]'] === true, current: rs.first()?.['owner'] as number | undefined, error: undefined as unknown }),
          (error: unknown) => ({ owner, applied: false, current: undefined, error }),
        ),
      ),
    );
    const serial = await admin.execute(`SELECT owner FROM ${keyspace}.claims WHERE id = ?`, ['k'], { consistency: 'SERIAL' });
    const winner = serial.first()?.['owner'] as number;
    const applied = outcomes.filter((o) => o.applied);
    const notApplied = outcomes.filter((o) => !o.applied && o.error === undefined);
    const failed = outcomes.filter((o) => o.error !== undefined);
    console.log(`      applied ${applied.length}, not applied ${notApplied.length}, failed ${failed.length} (${[...new Set(failed.map((o) => `${(o.error as Error).name}(${(o.error as WriteTimeoutError).writeType ?? ''})`))].join(', ')})`);

    expect(applied.length).to.be.at.most(1);
    if (applied.length === 1) expect(applied[0]?.owner).to.equal(winner);
    else expect(failed.map((o) => o.owner), 'the winner is among the callers whose outcome is unknown').to.include(winner);
    for (const o of notApplied) expect(o.current, `caller ${o.owner} is shown the current row`).to.equal(winner);
    for (const o of failed) {
      expect(o.error, `caller ${o.owner}`).to.be.instanceOf(WriteTimeoutError);
      expect((o.error as WriteTimeoutError).writeType).to.equal('CAS');
      expect((o.error as Error).message).to.contain('may or may not be applied');
    }
  });
});
