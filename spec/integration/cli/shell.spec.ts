// `cassandra-orm shell`, driven through -e and through its standard input, against the real node.
import { expect } from 'chai';
import { adminClient, createKeyspace, uniqueKeyspace } from '../../support/test-node.js';
import { nodeConnectionSource, runCli, tempProject } from './cli-harness.js';

describe('cli: shell', () => {
  const keyspace = uniqueKeyspace('cli_shell');
  const project = tempProject('shell');
  let admin: ReturnType<typeof adminClient>;
  let drop: () => Promise<void>;

  before(async () => {
    admin = adminClient();
    drop = await createKeyspace(admin, keyspace);
    await admin.execute(`CREATE TABLE ${keyspace}.notes (id int PRIMARY KEY, body text, tags list<text>)`);
    for (let id = 1; id <= 5; id++) {
      await admin.execute(`INSERT INTO ${keyspace}.notes (id, body, tags) VALUES (?, ?, ?)`, [id, `note ${id}`, ['a', `t${id}`]], { prepare: true });
    }
    project.write(
      'cassandra-orm.config.js',
      `export const connections = { connections: { default: ${nodeConnectionSource({ keyspace })}, other: ${nodeConnectionSource({ keyspace: 'system' })} } };\n`,
    );
  });

  after(async () => {
    await drop();
    await admin.shutdown();
    project.remove();
  });

  it('-e runs a statement and prints an aligned table with a row count', async () => {
    const r = await runCli(['shell', '-e', 'SELECT id, body, tags FROM notes WHERE id = 3'], { cwd: project.dir });
    expect(r.stderr).to.equal('');
    expect(r.code).to.equal(0);
    expect(r.stdout).to.equal([' id | body   | tags', '----+--------+-------------', '  3 | note 3 | [\'a\', \'t3\']', '', '(1 row)', ''].join('\n'));
  });

  it('-e runs several statements and stops at the first failure with exit status 1', async () => {
    const r = await runCli(['shell', '-e', "INSERT INTO notes (id, body) VALUES (10, 'x;y'); SELECT nope FROM notes; INSERT INTO notes (id) VALUES (11);"], { cwd: project.dir });
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/^Error: notes: Undefined column name nope.*\(in: SELECT nope FROM notes\)\n$/);
    const rows = await admin.execute(`SELECT id, body FROM ${keyspace}.notes WHERE id IN (10, 11)`);
    expect(rows.rows.map((row) => [row['id'], row['body']])).to.deep.equal([[10, 'x;y']]);
    await admin.execute(`DELETE FROM ${keyspace}.notes WHERE id = 10`);
  });

  it('reads multi-line statements from stdin, reports errors and goes on, exit status 1 at the end', async () => {
    const input = ['SELECT id', '  FROM notes', '  WHERE id = 1;', 'SELEC broken;', 'SELECT count(*) AS n FROM notes;', ''].join('\n');
    const r = await runCli(['shell'], { cwd: project.dir, input });
    expect(r.code).to.equal(1);
    expect(r.stdout).to.equal([' id', '----', '  1', '', '(1 row)', ' n', '---', ' 5', '', '(1 row)', ''].join('\n'));
    expect(r.stderr.trim().split('\n')).to.have.length(1);
    expect(r.stderr).to.match(/^Error: line 1:0 no viable alternative at input 'SELEC'.*\(in: SELEC broken\)/);
  });

  it('exits 0 when every piped statement succeeded; shows no prompt in a pipe', async () => {
    const r = await runCli(['shell'], { cwd: project.dir, input: 'SELECT id FROM notes WHERE id = 2;\nexit\nSELECT id FROM notes WHERE id = 4;\n' });
    expect(r.code).to.equal(0);
    expect(r.stderr).to.equal('');
    expect(r.stdout).to.equal([' id', '----', '  2', '', '(1 row)', ''].join('\n'));
  });

  it('pages through a long result: every row arrives, in one aligned table, with a small page size', async () => {
    const r = await runCli(['shell', '--page-size', '2', '-e', 'SELECT id FROM notes'], { cwd: project.dir });
    expect(r.code).to.equal(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 2)).to.deep.equal([' id', '----']);
    expect(lines.slice(2, 7).map((l) => Number(l.trim())).sort()).to.deep.equal([1, 2, 3, 4, 5]);
    expect(lines.slice(7)).to.deep.equal(['', '(5 rows)']);
  });

  it('USE switches the keyspace for the following statements', async () => {
    const r = await runCli(['shell', '--connection', 'other'], { cwd: project.dir, input: `USE ${keyspace};\nSELECT body FROM notes WHERE id = 5;\n` });
    expect(r.stderr).to.equal('');
    expect(r.stdout).to.equal([' body', '--------', ' note 5', '', '(1 row)', ''].join('\n'));
  });

  it('CONSISTENCY shows and sets the level; an unknown level is an error that does not end the session', async () => {
    const r = await runCli(['shell'], { cwd: project.dir, input: 'CONSISTENCY\nCONSISTENCY QUORUM;\nCONSISTENCY\nCONSISTENCY SOMETIMES\nSELECT id FROM notes WHERE id = 1;\n' });
    expect(r.stdout).to.equal(
      ['Current consistency level is LOCAL_ONE.', 'Consistency level set to QUORUM.', 'Current consistency level is QUORUM.', ' id', '----', '  1', '', '(1 row)', ''].join('\n'),
    );
    expect(r.stderr).to.equal("Error: unknown consistency level 'SOMETIMES'\n");
    expect(r.code).to.equal(1);
  });

  it('reports a statement left without ";" at the end of input', async () => {
    const r = await runCli(['shell'], { cwd: project.dir, input: 'SELECT id FROM notes\n' });
    expect(r.code).to.equal(1);
    expect(r.stdout).to.equal('');
    expect(r.stderr).to.equal('Error: statement not terminated with ";" at end of input: SELECT id FROM notes\n');
  });

  it('DESCRIBE prints the CQL itself, not a table', async () => {
    const r = await runCli(['shell', '-e', 'DESCRIBE TABLE notes'], { cwd: project.dir });
    expect(r.code).to.equal(0);
    expect(r.stdout).to.match(new RegExp(`^CREATE TABLE ${keyspace}\\.notes \\(\n    id int PRIMARY KEY,\n    body text,\n    tags list<text>\n\\) WITH `));
    expect(r.stdout).not.to.contain(' | ');
  });

  it('rejects an unknown connection alias with exit status 2', async () => {
    const r = await runCli(['shell', '--connection', 'nope', '-e', 'SELECT 1 FROM system.local'], { cwd: project.dir });
    expect(r.code).to.equal(2);
    expect(r.stderr).to.equal("cassandra-orm: unknown connection 'nope' (configured: default, other)\n");
  });

  it('rejects a bad --page-size with exit status 2', async () => {
    const r = await runCli(['shell', '--page-size', 'lots'], { cwd: project.dir });
    expect(r.code).to.equal(2);
    expect(r.stderr).to.equal("cassandra-orm: shell: --page-size must be a positive integer, got 'lots'\n");
  });
});
