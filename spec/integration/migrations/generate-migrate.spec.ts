// The versioned migration cycle with the real binary in a scratch project: generate from the model,
// migrate, status; a model change; nothing to generate; destructive changes only when allowed;
// `migrate --plan` exit statuses.
import { expect } from 'chai';
import type cassandra from 'cassandra-driver';
import { adminClient, uniqueKeyspace } from '../../support/test-node.js';
import { migrationProject, type MigrationProject, removeMigrationProject } from './support.js';

interface StatusJson {
  keyspace: string;
  migrations: { id: string; state: string; statements?: number; statementsRan?: number; host?: string; finishedAt?: string | null }[];
}

describe('migrations: generate, migrate, status (cli)', function () {
  this.timeout(120_000);
  const keyspace = uniqueKeyspace('mig_cycle');
  let project: MigrationProject;
  let admin: cassandra.Client;

  async function columns(table: string): Promise<string[]> {
    const rs = await admin.execute('SELECT column_name FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?', [keyspace, table]);
    return rs.rows.map((r) => String(r['column_name'])).sort();
  }

  before(() => {
    admin = adminClient();
    project = migrationProject('mig-cycle', keyspace);
  });

  after(() => removeMigrationProject(admin, keyspace, project));

  it('generate writes the first migration (keyspace and table, each statement commented safe) and the snapshot, without a cluster', async () => {
    // An unreachable contact point proves generate works offline.
    const r = await project.cli(['migrations', 'generate', 'create accounts'], '1', { CASSANDRA_CONTACT_POINTS: '127.0.0.1:1' });
    expect(r.stderr).to.equal('');
    expect(r.code).to.equal(0);
    const files = project.files();
    expect(files).to.have.length(2);
    expect(files[1]).to.equal('schema-snapshot.json');
    expect(files[0]).to.match(/^\d{14}_create_accounts\.js$/);
    expect(r.stdout).to.equal(`Wrote migrations/${files[0]}: 2 safe, 0 destructive change(s).\n`);
    const text = project.read(`migrations/${files[0]}`);
    expect(text).to.contain(`  // [safe] create keyspace ${keyspace}\n  \`CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication`);
    expect(text).to.contain(`  // [safe] create table ${keyspace}.accounts\n  \`CREATE TABLE IF NOT EXISTS ${keyspace}.accounts (`);
    expect(text).to.contain('// export async function data(connection, step) {');
    const snapshot = JSON.parse(project.read('migrations/schema-snapshot.json')) as { migrations: string[]; schema: { tables: Record<string, { columns: Record<string, unknown> }> } };
    expect(snapshot.migrations).to.deep.equal([files[0]!.replace(/\.js$/, '')]);
    expect(Object.keys(snapshot.schema.tables.accounts!.columns)).to.deep.equal(['id', 'name']);
    const ks = await admin.execute('SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?', [keyspace]);
    expect(ks.rowLength).to.equal(0);
  });

  it('a second generate with no model change writes nothing', async () => {
    const before = project.files().map((f) => [f, project.read(`migrations/${f}`)]);
    const r = await project.cli(['migrations', 'generate', 'again']);
    expect(r.code).to.equal(0);
    expect(r.stdout).to.equal('Nothing to generate: the entities match the schema the migrations in migrations produce. Nothing was written.\n');
    expect(project.files().map((f) => [f, project.read(`migrations/${f}`)])).to.deep.equal(before);
  });

  it('migrate --plan lists the pending migration with its CQL and exits 3; nothing is created', async () => {
    const r = await project.cli(['migrate', '--plan']);
    expect(r.stderr).to.equal('');
    expect(r.code).to.equal(3);
    const [file] = project.files();
    expect(r.stdout).to.contain(`-- ${file!.replace(/\.js$/, '')} (pending)\nCREATE KEYSPACE IF NOT EXISTS ${keyspace}`);
    expect(r.stdout.trimEnd().split('\n').at(-1)).to.equal(`-- [default] keyspace ${keyspace}: 1 migration(s) pending`);
    const ks = await admin.execute('SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?', [keyspace]);
    expect(ks.rowLength).to.equal(0);
  });

  it('migrate applies it, statement by statement; --plan then exits 0', async () => {
    const r = await project.cli(['migrate']);
    expect(r.stderr).to.equal('');
    expect(r.code).to.equal(0);
    const id = project.files()[0]!.replace(/\.js$/, '');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).to.equal(`Applying ${id} (2 statement(s))`);
    expect(lines[1]).to.match(/^ {2}\[1\/2\] CREATE KEYSPACE IF NOT EXISTS /);
    expect(lines[2]).to.match(/^ {2}\[2\/2\] CREATE TABLE IF NOT EXISTS .*accounts/);
    expect(lines[3]).to.match(new RegExp(`^Applied ${id} in \\d+ ms$`));
    expect(lines.at(-1)).to.equal(`[default] keyspace ${keyspace}: applied 1 migration(s).`);
    expect(await columns('accounts')).to.deep.equal(['id', 'name']);
    const plan = await project.cli(['migrate', '--plan']);
    expect(plan.code).to.equal(0);
    expect(plan.stdout).to.equal(`-- [default] keyspace ${keyspace}: up to date\n`);
  });

  it('after a model change, generate writes only the difference; migrate applies it; status lists both as applied', async () => {
    const g = await project.cli(['migrations', 'generate', 'add_email_and_ledger'], '2');
    expect(g.code).to.equal(0);
    expect(g.stdout).to.match(/^Wrote migrations\/\d{14}_add_email_and_ledger\.js: 2 safe, 0 destructive change\(s\)\.\n$/);
    const second = project.files()[1]!;
    const text = project.read(`migrations/${second}`);
    expect(text).to.contain(`  // [safe] add column email text to table ${keyspace}.accounts\n  \`ALTER TABLE ${keyspace}.accounts ADD IF NOT EXISTS email text\`,`);
    expect(text).to.contain(`  // [safe] create table ${keyspace}.ledger`);
    expect(text).not.to.contain('CREATE KEYSPACE');
    const plan = await project.cli(['migrate', '--plan'], '2');
    expect(plan.code).to.equal(3);
    const m = await project.cli(['migrate'], '2');
    expect(m.stderr).to.equal('');
    expect(m.code).to.equal(0);
    expect(m.stdout).to.contain(`Applying ${second.replace(/\.js$/, '')} (2 statement(s))`);
    expect(m.stdout).not.to.contain('_create_accounts');
    expect(await columns('accounts')).to.deep.equal(['email', 'id', 'name']);
    expect(await columns('ledger')).to.deep.equal(['account', 'amount', 'seq']);

    const status = await project.cli(['migrations', 'status'], '2');
    expect(status.code).to.equal(0);
    const lines = status.stdout.trimEnd().split('\n');
    expect(lines[0]).to.equal(`[default] keyspace ${keyspace}: 2 migration(s)`);
    expect(lines[1]).to.match(/^ id +\| state +\| finished +\| host +\| detail$/);
    expect(lines.slice(3).map((l) => l.split('|').map((c) => c.trim()).slice(0, 2))).to.deep.equal(
      project.files().slice(0, 2).map((f) => [f.replace(/\.js$/, ''), 'applied']),
    );
    const json = JSON.parse((await project.cli(['migrations', 'status', '--json'], '2')).stdout) as StatusJson;
    expect(json.keyspace).to.equal(keyspace);
    expect(json.migrations.map((x) => [x.state, x.statements, x.statementsRan])).to.deep.equal([['applied', 2, 2], ['applied', 2, 2]]);
    for (const x of json.migrations) {
      expect(x.host).to.be.a('string').and.not.equal('');
      expect(Date.parse(String(x.finishedAt))).to.be.greaterThan(Date.now() - 120_000);
    }
  });

  it('plan (sync) does not see the history table as a table to drop', async () => {
    const r = await project.cli(['plan', '--json'], '2');
    expect(r.stdout).not.to.contain('cassandra_orm_migrations');
    expect(r.code).to.equal(0);
  });

  it('a destructive model change is refused without --allow-destructive (nothing written) and commented as such with it', async () => {
    const before = project.files();
    const refused = await project.cli(['migrations', 'generate', 'drop_name'], '3');
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.contain('The model needs 1 destructive change(s); nothing was written:');
    expect(refused.stderr).to.contain(`drop column name from table ${keyspace}.accounts`);
    expect(project.files()).to.deep.equal(before);
    const allowed = await project.cli(['migrations', 'generate', 'drop_name', '--allow-destructive'], '3');
    expect(allowed.code).to.equal(0);
    expect(allowed.stdout).to.match(/: 0 safe, 1 destructive change\(s\)\.\n$/);
    const file = project.files()[2]!;
    expect(project.read(`migrations/${file}`)).to.contain(
      `  // [DESTRUCTIVE] drop column name from table ${keyspace}.accounts (loses: the values of column name (text) in every row of ${keyspace}.accounts)\n` +
        `  \`ALTER TABLE ${keyspace}.accounts DROP IF EXISTS name\`,`,
    );
    const m = await project.cli(['migrate'], '3');
    expect(m.code).to.equal(0);
    expect(await columns('accounts')).to.deep.equal(['email', 'id']);
  });

  it('--database is --connection; bad usage: a missing name, an unknown subcommand, two different aliases, --to an unknown id', async () => {
    const noName = await project.cli(['migrations', 'generate']);
    expect(noName.code).to.equal(2);
    expect(noName.stderr).to.contain('migrations generate: missing <name>.');
    const sub = await project.cli(['migrations', 'apply']);
    expect(sub.code).to.equal(2);
    expect(sub.stderr).to.contain("migrations: expected 'generate' or 'status', got 'apply'");
    const both = await project.cli(['migrations', 'status', '--connection', 'default', '--database', 'other'], '3');
    expect(both.code).to.equal(2);
    expect(both.stderr).to.contain('--connection default and --database other name different connections; pass one');
    const database = await project.cli(['migrations', 'status', '--database', 'default'], '3');
    expect(database.code).to.equal(0);
    expect(database.stdout.split('\n')[0]).to.equal(`[default] keyspace ${keyspace}: 3 migration(s)`);
    const to = await project.cli(['migrate', '--to', '20990101000000_nope'], '3');
    expect(to.code).to.equal(2);
    expect(to.stderr).to.contain('--to 20990101000000_nope: no such migration');
  });
});
