// Two separate node processes sync the same model into the same keyspace at the same instant:
// both succeed, and the cluster is left with one agreed schema that matches the model.
import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { Connection } from '../../../src/index.js';
import { isPlanEmpty } from '../../../src/schema/schema-plan.js';
import { planSchema } from '../../../src/schema/plan-apply.js';
import { testNode, uniqueKeyspace } from '../../support/test-node.js';
import { everyModel } from './fixtures/models.js';
import { ProfileV1, ProfileV2 } from './fixtures/profiles.js';
import { runNode } from '../../support/run-node.js';

const child = fileURLToPath(new URL('./fixtures/concurrent-sync.js', import.meta.url));

/** One sync process; `out` is its stdout (whose last line is its JSON report) followed by its stderr. */
async function run(keyspace: string, startAt: number, version: string, mode = 'plain'): Promise<{ code: number | null; report: string; out: string }> {
  const r = await runNode([child, keyspace, String(startAt), version, mode]);
  return { code: r.code, report: r.stdout.trim().split('\n').pop() ?? '', out: `${r.stdout}${r.stderr}` };
}

describe('concurrent schema sync from two processes (real node)', function () {
  this.timeout(240_000);
  const ks = uniqueKeyspace('it_race');
  const keyspace = { name: ks, replication: { class: 'SimpleStrategy', replicationFactor: 1 } } as const;
  let connection: Connection;

  before(() => {
    const node = testNode();
    connection = new Connection({ contactPoints: node.contactPoints, localDataCenter: node.localDataCenter, username: node.username, password: node.password });
  });
  after(async () => {
    await connection.execute(`DROP KEYSPACE IF EXISTS ${ks}`, [], { prepare: false });
    await connection.execute(`DROP KEYSPACE IF EXISTS ${ks}_lease`, [], { prepare: false });
    await connection.close();
  });

  async function race(version: string): Promise<void> {
    // Both children connect first, then start their sync at the same wall-clock instant.
    const startAt = Date.now() + 4000;
    const results = await Promise.all([run(ks, startAt, version), run(ks, startAt, version)]);
    for (const r of results) expect(r.code, r.out).to.equal(0);
    const reports = results.map((r) => JSON.parse(r.report) as { ok: boolean; planned: number });
    expect(reports.map((r) => r.ok)).to.deep.equal([true, true]);
    const versions = await connection.execute('SELECT schema_version FROM system.local');
    const peers = await connection.execute('SELECT schema_version FROM system.peers');
    const all = new Set([...versions.rows, ...peers.rows].map((r) => String(r['schema_version'])));
    expect(all.size).to.equal(1);
    const model = [...everyModel, version === 'v2' ? ProfileV2 : ProfileV1];
    expect(isPlanEmpty(await planSchema(connection, model, { keyspace }))).to.equal(true);
  }

  it('both create the model from scratch and leave one schema', async () => {
    await race('v1');
    const tables = await connection.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [ks]);
    expect(tables.rows.map((r) => r['table_name']).sort()).to.deep.equal(['MixedCase', 'everything', 'page_hits', 'profiles']);
  });

  it('both evolve the model in place and leave one schema', async () => {
    await race('v2');
    const columns = await connection.execute('SELECT column_name FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?', [ks, 'profiles']);
    expect(columns.rows.map((r) => r['column_name']).sort()).to.deep.equal(['age', 'home', 'id', 'name']);
  });

  it('with the opt-in lease, one process applies the model and the other finds nothing left to do', async () => {
    const leased = `${ks}_lease`;
    const startAt = Date.now() + 4000;
    const results = await Promise.all([run(leased, startAt, 'v2', 'lease'), run(leased, startAt, 'v2', 'lease')]);
    for (const r of results) expect(r.code, r.out).to.equal(0);
    const planned = results.map((r) => (JSON.parse(r.report) as { planned: number }).planned).sort((a, b) => a - b);
    expect(planned[0]).to.equal(0);
    expect(planned[1]).to.be.greaterThan(0);
    const lease = await connection.execute(`SELECT * FROM ${leased}.cassandra_orm_schema_lease`);
    expect(lease.rows).to.have.length(0);
    expect(isPlanEmpty(await planSchema(connection, [...everyModel, ProfileV2], { keyspace: { ...keyspace, name: leased } }))).to.equal(true);
  });
});
