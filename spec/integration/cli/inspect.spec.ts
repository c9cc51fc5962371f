// `cassandra-orm inspect` round trip: a keyspace created by raw CQL → generated TypeScript → compiled
// by the project's tsc → imported by a configuration → `plan` finds nothing to change.
import { expect } from 'chai';
import type cassandra from 'cassandra-driver';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root.js';
import { adminClient, uniqueKeyspace } from '../../support/test-node.js';
import { nodeConnectionSource, runCli } from './cli-harness.js';

function schema(ks: string): string[] {
  return [
    `CREATE KEYSPACE ${ks} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
    `CREATE TYPE ${ks}.geo (lat double, lng double)`,
    `CREATE TYPE ${ks}.point (x int, y int)`,
    `CREATE TYPE ${ks}.address (street text, zip int, geo frozen<geo>, tags set<text>)`,
    `CREATE TABLE ${ks}.everything (
      id uuid, day int, at timeuuid, seq bigint, "Mixed" text, s text static,
      a ascii, b blob, bo boolean, d date, de decimal, dbl double, du duration, f float, i inet, ii int,
      si smallint, t time, ts timestamp, ti tinyint, vi varint, vc varchar,
      l list<int>, st set<text>, m map<text, int>, fl frozen<list<int>>, tu tuple<int, text>, fs frozen<set<bigint>>,
      v vector<float, 3>, home frozen<address>, live_point point, homes list<frozen<address>>, by_name map<text, frozen<address>>,
      PRIMARY KEY ((id, day), at, seq)
    ) WITH CLUSTERING ORDER BY (at DESC, seq ASC) AND comment = 'every type' AND default_time_to_live = 3600 AND gc_grace_seconds = 7200`,
    `CREATE TABLE ${ks}.counts (k text PRIMARY KEY, hits counter, misses counter)`,
    `CREATE TABLE ${ks}.users (user_id int PRIMARY KEY, email text, name text, prefs map<text, text>, tags set<text>)`,
    `CREATE INDEX users_email_idx ON ${ks}.users (email)`,
    `CREATE INDEX users_prefs_keys ON ${ks}.users (KEYS(prefs))`,
    `CREATE INDEX users_prefs_entries ON ${ks}.users (ENTRIES(prefs))`,
    `CREATE CUSTOM INDEX users_name_sai ON ${ks}.users (name) USING 'StorageAttachedIndex' WITH OPTIONS = {'case_sensitive': 'false'}`,
    `CREATE CUSTOM INDEX users_tags_sai ON ${ks}.users (tags) USING 'StorageAttachedIndex'`,
    `CREATE MATERIALIZED VIEW ${ks}.users_by_email AS SELECT * FROM ${ks}.users WHERE email IS NOT NULL AND user_id IS NOT NULL PRIMARY KEY (email, user_id)`,
    `CREATE TABLE ${ks}.timeline (owner text, bucket int, at timestamp, body text, PRIMARY KEY ((owner, bucket), at)) WITH CLUSTERING ORDER BY (at DESC)`,
  ];
}

describe('cli: inspect', () => {
  const keyspace = uniqueKeyspace('cli_inspect');
  const fresh = uniqueKeyspace('cli_inspect_new');
  // Inside the package, so the generated `import ... from 'cassandra-orm'` resolves to this build.
  const dir = join(repoRoot(), 'dist', `inspect-spec-${keyspace}`);
  let admin: cassandra.Client;

  before(async () => {
    admin = adminClient();
    for (const statement of schema(keyspace)) await admin.execute(statement);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cassandra-orm.config.mjs'), `export const connections = { connections: { default: ${nodeConnectionSource({ keyspace })} } };\n`);
  });

  after(async () => {
    await admin.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
    await admin.execute(`DROP KEYSPACE IF EXISTS ${fresh}`);
    await admin.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates classes that compile with tsc and plan back to no change', async () => {
    const r = await runCli(['inspect', '--out', 'entities.ts'], { cwd: dir });
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stderr).to.equal(`Wrote 3 type(s) and 4 table(s) of keyspace ${keyspace} to entities.ts\n`);
    const code = readFileSync(join(dir, 'entities.ts'), 'utf8');
    expect(code).to.contain("@Table({ name: 'everything', options: { comment: 'every type', defaultTimeToLive: 3600, gcGraceSeconds: 7200 } })");
    expect(code).to.contain("  @ClusteringKey({ type: 'timeuuid', order: 'DESC' })\n  at!: types.TimeUuid;");
    expect(code).to.contain("  @Column({ name: 'Mixed', type: 'text' })\n  mixed?: string;");
    expect(code).to.contain("  @Column({ type: () => Point, frozen: false })\n  livePoint?: Point;");
    expect(code).to.contain("  @Column({ type: cql.map('text', cql.frozen(() => Address)) })\n  byName?: Map<string, Address>;");
    expect(code).to.contain("  @Index({ name: 'users_name_sai', using: 'sai', caseSensitive: false })");
    expect(code).to.contain("@MaterializedView<Users>({ name: 'users_by_email', partitionKeys: ['email'], clusteringKeys: ['userId'] })");
    expect(code.indexOf('export class Geo')).to.be.lessThan(code.indexOf('export class Address'));

    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: join(repoRoot(), 'tsconfig.json'), compilerOptions: { rootDir: '.', outDir: 'out', types: ['node'] }, include: ['entities.ts'] }),
    );
    const tsc = spawnSync(process.execPath, [join(repoRoot(), 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).to.equal('');
    expect(tsc.status).to.equal(0);

    writeFileSync(
      join(dir, 'cassandra-orm.config.mjs'),
      [
        "import * as generated from './out/entities.js';",
        `export const connections = { connections: { default: ${nodeConnectionSource({ keyspace })}, fresh: ${nodeConnectionSource({ keyspace: fresh })} } };`,
        "export const entities = Object.values(generated).filter((c) => !['Geo', 'Point', 'Address'].includes(c.name));",
      ].join('\n'),
    );
    const plan = await runCli(['plan', '--connection', 'default'], { cwd: dir });
    expect(plan.stderr).to.equal('');
    expect(plan.stdout).to.contain(`-- schema plan for keyspace ${keyspace}: 0 safe, 0 destructive change(s)`);
    expect(plan.code, plan.stdout).to.equal(0);
  });

  it('the generated classes create the same schema in a fresh keyspace', async () => {
    // The entities belong to the default connection; the second one is a view of the same classes into `fresh`.
    writeFileSync(
      join(dir, 'fresh.config.mjs'),
      [
        "import * as generated from './out/entities.js';",
        `export const connections = { connections: { default: ${nodeConnectionSource({ keyspace: fresh })} } };`,
        "export const entities = Object.values(generated).filter((c) => !['Geo', 'Point', 'Address'].includes(c.name));",
      ].join('\n'),
    );
    const sync = await runCli(['sync', '--config', 'fresh.config.mjs'], { cwd: dir });
    expect(sync.code, sync.stderr).to.equal(0);
    const again = await runCli(['inspect', '--config', 'fresh.config.mjs'], { cwd: dir });
    expect(again.code).to.equal(0);
    const original = readFileSync(join(dir, 'entities.ts'), 'utf8').replace(keyspace, '<ks>');
    expect(again.stdout.replace(fresh, '<ks>')).to.equal(original);
  });

  it('fails in one line for a keyspace that does not exist, and for an invalid name', async () => {
    const missing = await runCli(['inspect', '--keyspace', 'no_such_keyspace_here'], { cwd: dir });
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.equal("cassandra-orm: inspect: keyspace no_such_keyspace_here does not exist on connection 'default'\n");
    const invalid = await runCli(['inspect', '--keyspace', 'bad-name'], { cwd: dir });
    expect(invalid.code).to.equal(2);
    expect(invalid.stderr).to.match(/^cassandra-orm: inspect --keyspace: 'bad-name' is not a valid Cassandra name/);
  });

  it('names the keyspace in @Table when it is not the connection\'s own', async () => {
    const r = await runCli(['inspect', '--config', 'fresh.config.mjs', '--keyspace', keyspace], { cwd: dir });
    expect(r.code).to.equal(0);
    expect(r.stdout).to.contain(`@Table({ name: 'counts', keyspace: '${keyspace}' })`);
  });
});
