// `cassandra-orm sync` and `plan` on the real node: create, verify, drift, destructive changes.
import { expect } from 'chai';
import type cassandra from 'cassandra-driver';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../../support/repo-root.js';
import { adminClient, uniqueKeyspace } from '../../support/test-node.js';
import { nodeConnectionSource, runCli, tempProject } from './cli-harness.js';

const ENTITIES = pathToFileURL(join(repoRoot(), 'dist', 'spec', 'integration', 'cli', 'fixtures', 'entities.js')).href;

interface PlanJson {
  drift: boolean;
  keyspaces: { connection: string; keyspace: string; empty: boolean; safe: number; destructive: number; changes: { kind: string; destructive: boolean; cql: string[] }[] }[];
}

describe('cli: sync and plan', () => {
  const main = uniqueKeyspace('cli_sync');
  const archive = uniqueKeyspace('cli_sync_arch');
  const project = tempProject('sync');
  let admin: cassandra.Client;

  async function columns(keyspace: string, table: string): Promise<string[]> {
    const rs = await admin.execute('SELECT column_name FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?', [keyspace, table]);
    return rs.rows.map((r) => String(r['column_name'])).sort();
  }

  before(() => {
    admin = adminClient();
    const archiveConnection = nodeConnectionSource({ keyspace: archive, replication: { class: 'NetworkTopologyStrategy', dataCenters: { datacenter1: 1 } } });
    project.write(
      'cassandra-orm.config.js',
      [
        `import { CliUser, CliEvent, CliAudit } from '${ENTITIES}';`,
        `export const connections = { connections: { default: ${nodeConnectionSource({ keyspace: main })}, archive: ${archiveConnection} } };`,
        'export const entities = [CliUser, CliEvent, CliAudit];',
      ].join('\n'),
    );
  });

  after(async () => {
    await admin.execute(`DROP KEYSPACE IF EXISTS ${main}`);
    await admin.execute(`DROP KEYSPACE IF EXISTS ${archive}`);
    await admin.shutdown();
    project.remove();
  });

  it('plan on an empty cluster prints the CQL to create everything and exits 3', async () => {
    const r = await runCli(['plan'], { cwd: project.dir });
    expect(r.stderr).to.equal('');
    expect(r.code).to.equal(3);
    expect(r.stdout).to.contain(`-- connection 'default'\n-- schema plan for keyspace ${main}: 3 safe, 0 destructive change(s)`);
    expect(r.stdout).to.contain(`CREATE KEYSPACE IF NOT EXISTS ${main} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
    expect(r.stdout).to.contain(`CREATE KEYSPACE IF NOT EXISTS ${archive} WITH replication = {'class': 'NetworkTopologyStrategy', 'datacenter1': 1}`);
    expect(r.stdout).to.contain(`CREATE TABLE IF NOT EXISTS ${archive}.audit (`);
    expect(r.stdout.trimEnd().split('\n').at(-1)).to.equal('-- the live schema differs from the model');
    const ks = await admin.execute('SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?', [main]);
    expect(ks.rowLength).to.equal(0);
  });

  it('plan --json --connection archive describes only that connection', async () => {
    const r = await runCli(['plan', '--json', '--connection', 'archive'], { cwd: project.dir });
    expect(r.code).to.equal(3);
    const json = JSON.parse(r.stdout) as PlanJson;
    expect(json.drift).to.equal(true);
    expect(json.keyspaces.map((k) => [k.connection, k.keyspace, k.safe, k.destructive])).to.deep.equal([['archive', archive, 2, 0]]);
    expect(json.keyspaces[0]!.changes.map((c) => c.kind)).to.deep.equal(['create-keyspace', 'create-table']);
  });

  it('sync --connection archive creates only that connection\'s keyspace, with its replication', async () => {
    const r = await runCli(['sync', '--connection', 'archive'], { cwd: project.dir });
    expect(r.stderr).to.equal('');
    expect(r.code).to.equal(0);
    expect(r.stdout.split('\n')[0]).to.equal(`[archive] keyspace ${archive}: 2 change(s)`);
    expect(r.stdout).to.contain(`  CREATE TABLE IF NOT EXISTS ${archive}.audit (`);
    expect(r.stdout.trimEnd().split('\n').at(-1)).to.equal('Applied 2 change(s).');
    const ks = await admin.execute('SELECT keyspace_name, replication FROM system_schema.keyspaces WHERE keyspace_name IN ?', [[main, archive]]);
    expect(ks.rows.map((row) => row['keyspace_name'])).to.deep.equal([archive]);
    expect(ks.first()['replication']).to.deep.equal({ class: 'org.apache.cassandra.locator.NetworkTopologyStrategy', datacenter1: '1' });
  });

  it('sync creates the rest: every table and view of the default connection, printing the CQL it ran', async () => {
    const r = await runCli(['sync'], { cwd: project.dir });
    expect(r.stderr).to.equal('');
    expect(r.code).to.equal(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).to.equal(`[default] keyspace ${main}: 3 change(s)`);
    expect(lines).to.include(`[archive] keyspace ${archive}: up to date`);
    expect(lines).to.include(`  CREATE TABLE IF NOT EXISTS ${main}.users (`);
    expect(lines).to.include(`  CREATE MATERIALIZED VIEW IF NOT EXISTS ${main}.events_by_kind AS`);
    expect(lines.at(-2)).to.equal('Applied 3 change(s).');
    expect(await columns(main, 'users')).to.deep.equal(['id', 'name']);
    expect(await columns(main, 'events')).to.deep.equal(['kind', 'seq', 'user_id']);
    expect(await columns(main, 'events_by_kind')).to.deep.equal(['kind', 'seq', 'user_id']);
    expect(await columns(archive, 'audit')).to.deep.equal(['id', 'note']);
  });

  it('after sync, plan exits 0 and a second sync changes nothing', async () => {
    const plan = await runCli(['plan'], { cwd: project.dir });
    expect(plan.code).to.equal(0);
    expect(plan.stdout.trimEnd().split('\n').at(-1)).to.equal('-- the live schema matches the model');
    const json = JSON.parse((await runCli(['plan', '--json'], { cwd: project.dir })).stdout) as PlanJson;
    expect(json).to.deep.include({ drift: false });
    expect(json.keyspaces.every((k) => k.empty)).to.equal(true);
    const again = await runCli(['sync'], { cwd: project.dir });
    expect(again.code).to.equal(0);
    expect(again.stdout).to.equal(`[default] keyspace ${main}: up to date\n[archive] keyspace ${archive}: up to date\nApplied 0 change(s).\n`);
  });

  it('a column the model lost is destructive: plan marks it, sync skips it, --allow-destructive asks, --yes applies', async () => {
    await admin.execute(`ALTER TABLE ${main}.users ADD legacy text`);
    const plan = await runCli(['plan', '--connection', 'default'], { cwd: project.dir });
    expect(plan.code).to.equal(3);
    expect(plan.stdout).to.contain(`-- [DESTRUCTIVE] drop column legacy from table ${main}.users (loses: the values of column legacy (text)`);

    const safe = await runCli(['sync'], { cwd: project.dir });
    expect(safe.code).to.equal(0);
    expect(safe.stderr).to.match(/^Skipped 1 destructive change\(s\) \(run cassandra-orm plan to see them, sync --allow-destructive to apply\):\n {2}- \[default\] drop column legacy/);
    expect(await columns(main, 'users')).to.deep.equal(['id', 'legacy', 'name']);

    const refused = await runCli(['sync', '--allow-destructive'], { cwd: project.dir });
    expect(refused.code).to.equal(2);
    expect(refused.stderr).to.contain(`Destructive changes (1):\n  - [default] drop column legacy from table ${main}.users`);
    expect(refused.stderr).to.contain('pass --yes to proceed without asking');
    expect(await columns(main, 'users')).to.deep.equal(['id', 'legacy', 'name']);

    const applied = await runCli(['sync', '--allow-destructive', '--yes'], { cwd: project.dir });
    expect(applied.code).to.equal(0);
    expect(applied.stdout).to.contain(`  ALTER TABLE ${main}.users DROP IF EXISTS legacy;`);
    expect(await columns(main, 'users')).to.deep.equal(['id', 'name']);
    expect((await runCli(['plan'], { cwd: project.dir })).code).to.equal(0);
  });

  it("works from Django's DATABASES: the Cassandra alias is synced, the relational default ignored", async () => {
    const django = uniqueKeyspace('cli_django');
    project.write(
      'django.config.mjs',
      [
        `import { CliUser } from '${ENTITIES}';`,
        'const env = process.env;',
        'export const DATABASES = {',
        "  default: { ENGINE: 'django.db.backends.sqlite3', NAME: 'db.sqlite3' },",
        `  cassandra: { ENGINE: 'django_cassandra_engine', NAME: '${django}', HOST: env.CASSANDRA_CONTACT_POINTS, USER: env.CASSANDRA_USERNAME, PASSWORD: env.CASSANDRA_PASSWORD,`,
        "    OPTIONS: { replication: { strategy_class: 'SimpleStrategy', replication_factor: 1 }, connection: { local_dc: env.CASSANDRA_LOCAL_DC } } },",
        '};',
        'export const entities = [CliUser];',
      ].join('\n'),
    );
    try {
      const sync = await runCli(['sync', '--config', 'django.config.mjs'], { cwd: project.dir });
      expect(sync.stderr).to.equal('');
      expect(sync.code).to.equal(0);
      expect(sync.stdout.split('\n')[0]).to.equal(`[cassandra] keyspace ${django}: 2 change(s)`);
      expect(await columns(django, 'users')).to.deep.equal(['id', 'name']);
      const plan = await runCli(['plan', '--config', 'django.config.mjs', '--connection', 'cassandra'], { cwd: project.dir });
      expect(plan.code).to.equal(0);
    } finally {
      await admin.execute(`DROP KEYSPACE IF EXISTS ${django}`);
    }
  });
});
