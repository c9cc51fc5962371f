// Schema sync on the cluster: three processes, each connected through a different node, sync the
// same model at the same instant; every one succeeds and every node ends with one schema (the same
// schema version, the same table ids) that matches the model.
import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import type { Connection } from '../../src/index.js';
import { isPlanEmpty, planSchema } from '../../src/schema/index.js';
import { controlledCluster } from '../support/cluster-fixture.js';
import { runNode } from '../support/run-node.js';
import { clusterKeyspace, clusterModel } from './fixtures/sync-model.js';
import { clusterConnection, schemaOnEveryNode, uniqueName } from './support.js';

const child = fileURLToPath(new URL('./fixtures/sync-child.js', import.meta.url));

describe('cluster: schema sync', function () {
  this.timeout(300_000);
  let admin: Connection;
  const keyspaces: string[] = [];

  before(() => {
    admin = clusterConnection();
  });
  after(async () => {
    for (const ks of keyspaces) await admin.execute(`DROP KEYSPACE IF EXISTS ${ks}`).catch(() => undefined);
    await admin.close();
  });

  for (const mode of ['plain', 'lease'] as const) {
    it(`three processes, each through another node, sync one model at the same instant (${mode === 'lease' ? 'lease: true' : 'no lease'}): all succeed, one schema`, async () => {
      const keyspace = uniqueName(`sync_${mode}`);
      keyspaces.push(keyspace);
      const startAt = Date.now() + 6_000;
      const runs = await Promise.all(
        controlledCluster().nodes.map((n) => runNode([child, `${n.address}:${n.nativePort}`, n.dataCenter, keyspace, String(startAt), mode])),
      );
      const reports = runs.map((r) => JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { ok: boolean; error?: string; applied?: number });
      console.log(`      ${mode}: ${reports.map((r) => (r.ok ? `ok (${r.applied} applied)` : r.error)).join('; ')}`);
      for (const r of runs) expect(r.code, `${r.stdout}${r.stderr}`).to.equal(0);
      expect(reports.every((r) => r.ok)).to.equal(true);
      const { versions, tableIds, nodes } = await schemaOnEveryNode(controlledCluster().nodes, keyspace);
      expect(nodes).to.equal(3);
      expect([...versions], 'every node reports one schema version').to.have.length(1);
      for (const [table, ids] of tableIds) expect([...ids], `${table} has one id on every node`).to.have.length(1);
      expect([...tableIds.keys()].filter((t) => t !== 'cassandra_orm_schema_lease').sort()).to.deep.equal(['cluster_accounts', 'cluster_events', 'cluster_totals']);
      expect(isPlanEmpty(await planSchema(admin, clusterModel, { keyspace: clusterKeyspace(keyspace) }))).to.equal(true);
    });
  }
});
