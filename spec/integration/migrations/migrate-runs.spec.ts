// `cassandra-orm migrate` with hand-written migrations in a scratch project, on the real node:
// three processes at once apply each migration exactly once; an applied migration edited afterwards
// is refused; a statement failing half-way is recorded, reported by status, and resumed once fixed.
import { expect } from 'chai';
import type cassandra from 'cassandra-driver';
import { adminClient, uniqueKeyspace } from '../../support/test-node.js';
import { migrationId, migrationProject, type MigrationProject, removeMigrationProject } from './support.js';

interface StatusJson {
  migrations: { id: string; state: string; owner?: string; statements?: number; statementsRan?: number; failedStatement?: number | null; failedCql?: string | null; error?: string | null }[];
}

describe('migrations: concurrent runs, edited and failing migrations (cli)', function () {
  this.timeout(180_000);
  const keyspace = uniqueKeyspace('mig_runs');
  const setup = migrationId(1, 'setup');
  const addNote = migrationId(2, 'add_note');
  const count = migrationId(3, 'count_runs');
  const later = migrationId(4, 'later');
  const threeSteps = migrationId(5, 'three_steps');
  let project: MigrationProject;
  let admin: cassandra.Client;

  const migrationFile = (id: string, statements: readonly string[], data?: string): void => {
    project.write(`migrations/${id}.js`, `export const cql = ${JSON.stringify(statements)};\n${data ?? ''}\n`);
  };
  const columns = async (table: string): Promise<string[]> => {
    const rs = await admin.execute('SELECT column_name FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?', [keyspace, table]);
    return rs.rows.map((r) => String(r['column_name'])).sort();
  };
  const status = async (): Promise<StatusJson> => JSON.parse((await project.cli(['migrations', 'status', '--json'])).stdout) as StatusJson;

  before(() => {
    admin = adminClient();
    project = migrationProject('mig-runs', keyspace);
    migrationFile(setup, [
      `CREATE TABLE IF NOT EXISTS ${keyspace}.runs (id text PRIMARY KEY, n counter)`,
      `CREATE TABLE IF NOT EXISTS ${keyspace}.items (id int PRIMARY KEY)`,
    ]);
    // Not idempotent: a second ADD of the column fails, so running it twice would show.
    migrationFile(addNote, [`ALTER TABLE ${keyspace}.items ADD note text`]);
    // The data step counts its runs and takes a while, so the other processes arrive while it works.
    migrationFile(count, [], [
      'export async function data(connection) {',
      "  await connection.execute(\"UPDATE runs SET n = n + 1 WHERE id = 'data'\");",
      '  await new Promise((resolve) => setTimeout(resolve, 1500));',
      '}',
    ].join('\n'));
  });

  after(() => removeMigrationProject(admin, keyspace, project));

  it('three processes migrating at once all exit 0 and apply each migration exactly once', async () => {
    const runs = await Promise.all([1, 2, 3].map(() => project.cli(['migrate'])));
    for (const r of runs) {
      expect(r.stderr).to.equal('');
      expect(r.code).to.equal(0);
    }
    for (const id of [setup, addNote, count]) {
      const appliers = runs.filter((r) => r.stdout.includes(`Applying ${id} `));
      expect(appliers, id).to.have.length(1);
    }
    const outcomes = runs.map((r) => r.stdout.trimEnd().split('\n').at(-1)).sort();
    expect(outcomes).to.deep.equal([
      `[default] keyspace ${keyspace}: applied 3 migration(s).`,
      `[default] keyspace ${keyspace}: up to date, nothing to apply.`,
      `[default] keyspace ${keyspace}: up to date, nothing to apply.`,
    ]);
    const counter = await admin.execute(`SELECT n FROM ${keyspace}.runs WHERE id = 'data'`);
    expect(String(counter.first()['n'])).to.equal('1');
    expect(await columns('items')).to.deep.equal(['id', 'note']);
    const history = await admin.execute(`SELECT id, outcome, owner FROM ${keyspace}.cassandra_orm_migrations`);
    expect(history.rows.map((r) => [r['id'], r['outcome']])).to.deep.equal([[setup, 'applied'], [addNote, 'applied'], [count, 'applied']]);
    expect(new Set(history.rows.map((r) => r['owner'])).size).to.equal(1);
  });

  it('an applied migration edited afterwards stops the run before anything is applied; restored, the run goes on', async () => {
    migrationFile(addNote, [`ALTER TABLE ${keyspace}.items ADD note varchar`]);
    migrationFile(later, [`CREATE TABLE ${keyspace}.later (id int PRIMARY KEY)`]);
    const refused = await project.cli(['migrate']);
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.match(new RegExp(`Migration ${addNote} was applied with checksum [0-9a-f]{12} but its file now has [0-9a-f]{12}: an applied migration must not be edited`));
    expect(refused.stdout).to.equal('');
    expect(await columns('later')).to.deep.equal([]);
    expect((await status()).migrations.map((m) => [m.id, m.state])).to.deep.equal([
      [setup, 'applied'], [addNote, 'changed'], [count, 'applied'], [later, 'pending'],
    ]);
    const plan = await project.cli(['migrate', '--plan']);
    expect(plan.code).to.equal(1);
    expect(plan.stderr).to.contain(`${addNote}: applied, but its file changed since`);

    migrationFile(addNote, [`ALTER TABLE ${keyspace}.items ADD note text`]);
    const resumed = await project.cli(['migrate']);
    expect(resumed.code).to.equal(0);
    expect(resumed.stdout).to.contain(`Applying ${later} (1 statement(s))`);
    expect(await columns('later')).to.deep.equal(['id']);
  });

  it('a statement failing half-way is recorded; status names it, its CQL and what ran; fixed, the next run resumes from it', async () => {
    const first = `ALTER TABLE ${keyspace}.items ADD a int`;
    const broken = `ALTER TABLE ${keyspace}.items ADD b no_such_type`;
    const last = `ALTER TABLE ${keyspace}.items ADD c int`;
    migrationFile(threeSteps, [first, broken, last]);
    const failed = await project.cli(['migrate']);
    expect(failed.code).to.equal(1);
    expect(failed.stdout).to.contain(`Applying ${threeSteps} (3 statement(s))\n  [1/3] ${first}\n  [2/3] ${broken}\n`);
    expect(failed.stderr).to.contain(`Migration ${threeSteps}: statement 2 of 3 failed:`);
    expect(failed.stderr).to.contain(`(in: ${broken}); statements 1-1 ran and are recorded.`);
    expect(await columns('items')).to.deep.equal(['a', 'id', 'note']);

    const table = await project.cli(['migrate', 'status']);
    expect(table.code).to.equal(0);
    const row = table.stdout.split('\n').find((l) => l.startsWith(` ${threeSteps}`))!;
    expect(row.split('|').map((c) => c.trim())[1]).to.equal('failed');
    expect(row).to.contain('statement 2 of 3 failed; 1 ran');
    expect(table.stdout).to.contain(`${threeSteps}: statement 2 of 3 failed: `);
    expect(table.stdout).to.contain(`  failed: ${broken}\n  ran before it: 1. ${first}\n`);
    const json = (await status()).migrations.find((m) => m.id === threeSteps)!;
    expect([json.state, json.statements, json.statementsRan, json.failedStatement, json.failedCql]).to.deep.equal(['failed', 3, 1, 2, broken]);
    expect(json.error).to.be.a('string').and.match(/no_such_type/i);
    const plan = await project.cli(['migrate', '--plan']);
    expect(plan.code).to.equal(3);
    expect(plan.stdout).to.contain(`-- ${threeSteps} (failed, resumes at statement 2)\n${broken};\n${last};\n`);

    // The statement that ran may not change before the retry.
    migrationFile(threeSteps, [`ALTER TABLE ${keyspace}.items ADD a bigint`, broken.replace('no_such_type', 'int'), last]);
    const edited = await project.cli(['migrate']);
    expect(edited.code).to.equal(1);
    expect(edited.stderr).to.contain(`Migration ${threeSteps} failed after statement 1 had run, and that statement (or one before it) was edited since`);

    migrationFile(threeSteps, [first, broken.replace('no_such_type', 'int'), last]);
    const fixed = await project.cli(['migrate']);
    expect(fixed.stderr).to.equal('');
    expect(fixed.code).to.equal(0);
    // Statement 1 (a non-idempotent ADD) is not run again: it would fail with "already exists".
    expect(fixed.stdout).to.contain(`Applying ${threeSteps} (3 statement(s), resuming at statement 2)\n  [2/3] ALTER TABLE ${keyspace}.items ADD b int\n  [3/3] ${last}\n`);
    expect(fixed.stdout).not.to.contain('[1/3]');
    expect(await columns('items')).to.deep.equal(['a', 'b', 'c', 'id', 'note']);
    const after = (await status()).migrations.find((m) => m.id === threeSteps)!;
    expect([after.state, after.statementsRan, after.failedStatement, after.error]).to.deep.equal(['applied', 3, null, null]);
  });
});
