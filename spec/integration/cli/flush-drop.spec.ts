// `cassandra-orm flush` and `drop` on the real node: what they touch, their refusal to prompt in a pipe.
import { expect } from 'chai';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type cassandra from 'cassandra-driver';
import { repoRoot } from '../../support/repo-root.js';
import { adminClient, createKeyspace, uniqueKeyspace } from '../../support/test-node.js';
import { nodeConnectionSource, runCli, tempProject } from './cli-harness.js';

const ENTITIES = pathToFileURL(join(repoRoot(), 'dist', 'spec', 'integration', 'cli', 'fixtures', 'entities.js')).href;

describe('cli: flush and drop', () => {
  const main = uniqueKeyspace('cli_flush');
  const archive = uniqueKeyspace('cli_flush_arch');
  const project = tempProject('flush');
  let admin: cassandra.Client;
  const drops: (() => Promise<void>)[] = [];

  async function createTables(): Promise<void> {
    await admin.execute(`CREATE TABLE IF NOT EXISTS ${main}.users (id int PRIMARY KEY, name text)`);
    await admin.execute(`CREATE TABLE IF NOT EXISTS ${main}.events (user_id int, seq int, kind text, PRIMARY KEY (user_id, seq)) WITH CLUSTERING ORDER BY (seq DESC)`);
    await admin.execute(
      `CREATE MATERIALIZED VIEW IF NOT EXISTS ${main}.events_by_kind AS SELECT * FROM ${main}.events ` +
        'WHERE kind IS NOT NULL AND user_id IS NOT NULL AND seq IS NOT NULL PRIMARY KEY (kind, user_id, seq)',
    );
    await admin.execute(`CREATE TABLE IF NOT EXISTS ${archive}.audit (id int PRIMARY KEY, note text)`);
    await admin.execute(`INSERT INTO ${main}.users (id, name) VALUES (1, 'ada')`);
    await admin.execute(`INSERT INTO ${main}.events (user_id, seq, kind) VALUES (1, 1, 'login')`);
    await admin.execute(`INSERT INTO ${archive}.audit (id, note) VALUES (1, 'kept')`);
  }

  async function count(table: string): Promise<number> {
    const rs = await admin.execute(`SELECT count(*) AS n FROM ${table}`);
    return Number(rs.first()['n']);
  }

  async function tables(keyspace: string): Promise<string[]> {
    const rs = await admin.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [keyspace]);
    return rs.rows.map((r) => String(r['table_name'])).sort();
  }

  before(async () => {
    admin = adminClient();
    drops.push(await createKeyspace(admin, main), await createKeyspace(admin, archive));
    project.write(
      'cassandra-orm.config.mjs',
      [
        `import { CliUser, CliEvent, CliAudit } from '${ENTITIES}';`,
        `export const connections = { connections: { default: ${nodeConnectionSource({ keyspace: main })}, archive: ${nodeConnectionSource({ keyspace: archive })} } };`,
        'export const entities = [CliUser, CliEvent, CliAudit];',
      ].join('\n'),
    );
  });

  beforeEach(createTables);

  after(async () => {
    for (const drop of drops) await drop();
    await admin.shutdown();
    project.remove();
  });

  it('flush refuses to prompt when stdin is not a terminal, and truncates nothing', async () => {
    const r = await runCli(['flush'], { cwd: project.dir });
    expect(r.code).to.equal(2);
    expect(r.stderr).to.equal(
      `cassandra-orm: refusing to ask "Delete every row of 3 table(s): ${main}.users, ${main}.events, ${archive}.audit?" ` +
        'because standard input is not a terminal; pass --yes to proceed without asking\n',
    );
    expect(await count(`${main}.users`)).to.equal(1);
  });

  it('flush --yes --connection default truncates only that connection\'s tables, quietly in a pipe', async () => {
    const r = await runCli(['flush', '--yes', '--connection', 'default'], { cwd: project.dir });
    expect(r.stderr).to.equal('');
    expect(r.code).to.equal(0);
    expect(r.stdout).to.equal(`Truncated 2 table(s): ${main}.users, ${main}.events\n`);
    expect(await count(`${main}.users`)).to.equal(0);
    expect(await count(`${main}.events`)).to.equal(0);
    expect(await count(`${main}.events_by_kind`)).to.equal(0);
    expect(await count(`${archive}.audit`)).to.equal(1);
  });

  it('flush --yes without --connection truncates every connection\'s tables', async () => {
    const r = await runCli(['flush', '-y'], { cwd: project.dir });
    expect(r.code).to.equal(0);
    expect(await count(`${archive}.audit`)).to.equal(0);
  });

  it('flush skips (and names) an entity table that does not exist', async () => {
    await admin.execute(`DROP TABLE ${archive}.audit`);
    const r = await runCli(['flush', '--yes', '--connection', 'archive'], { cwd: project.dir });
    expect(r.code).to.equal(0);
    expect(r.stderr).to.equal(`skipped ${archive}.audit: the table does not exist (run cassandra-orm sync first)\n`);
    expect(r.stdout).to.equal('Nothing to flush: no entity table exists.\n');
  });

  it('drop refuses to prompt in a pipe and drops nothing', async () => {
    const r = await runCli(['drop', '--connection', 'default'], { cwd: project.dir });
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain('pass --yes to proceed without asking');
    expect(await tables(main)).to.deep.equal(['events', 'users']);
  });

  it('drop --yes drops the view before its table, and only the entity tables', async () => {
    await admin.execute(`CREATE TABLE ${main}.not_mine (id int PRIMARY KEY)`);
    const r = await runCli(['drop', '--yes', '--connection', 'default'], { cwd: project.dir });
    expect(r.stderr).to.equal('');
    expect(r.code).to.equal(0);
    expect(r.stdout).to.equal(`Dropped table ${main}.users, view ${main}.events_by_kind, table ${main}.events\n`);
    expect(await tables(main)).to.deep.equal(['not_mine']);
    expect(await tables(archive)).to.deep.equal(['audit']);
    await admin.execute(`DROP TABLE ${main}.not_mine`);
  });

  it('drop --keyspace --yes drops the connection\'s keyspace; a second run has nothing to do', async () => {
    const r = await runCli(['drop', '--keyspace', '--yes', '--connection', 'archive'], { cwd: project.dir });
    expect(r.code).to.equal(0);
    expect(r.stdout).to.equal(`Dropped keyspace ${archive}\n`);
    const ks = await admin.execute('SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?', [archive]);
    expect(ks.rowLength).to.equal(0);
    const again = await runCli(['drop', '--keyspace', '--yes', '--connection', 'archive'], { cwd: project.dir });
    expect(again.code).to.equal(0);
    expect(again.stdout).to.equal('Nothing to drop: the keyspace does not exist.\n');
    await createKeyspace(admin, archive);
  });

  it('names an entity class that is not decorated', async () => {
    project.write('plain.mjs', `export const connections = { connections: { default: ${nodeConnectionSource({ keyspace: main })} } };\nexport const entities = [class Plain {}];`);
    const r = await runCli(['flush', '--yes', '--config', 'plain.mjs'], { cwd: project.dir });
    expect(r.code).to.equal(1);
    expect(r.stderr).to.equal('cassandra-orm: Plain: is not an entity. Decorate the class with @Table().\n');
  });
});
