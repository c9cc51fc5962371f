// A role granted only SELECT on one keyspace, against the run's node (PasswordAuthenticator and
// CassandraAuthorizer): it reads that keyspace; a write and a read of another keyspace are typed
// UnauthorizedErrors with nothing written; sync with it is refused before anything is applied.
import { expect } from 'chai';
import type cassandra from 'cassandra-driver';
import { Column, Connection, PartitionKey, Repository, Table, syncSchema } from '../../../src/index.js';
import { SchemaSyncError, UnauthorizedError } from '../../../src/public/errors.js';
import { planSchema } from '../../../src/schema/plan-apply.js';
import { adminClient, createKeyspace, testNode, uniqueKeyspace } from '../../support/test-node.js';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../../support/repo-root.js';
import { runCli, tempProject } from '../cli/cli-harness.js';

@Table('notes')
class Note {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column() body!: string;
}

@Table('tags')
class Tag {
  @PartitionKey() name!: string;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('security: a role granted only SELECT on one keyspace', function () {
  this.timeout(120_000);
  const readable = uniqueKeyspace('roles_read');
  const other = uniqueKeyspace('roles_other');
  const role = uniqueKeyspace('reader');
  const password = `pw-${role}`;
  let admin: cassandra.Client;
  const drops: (() => Promise<void>)[] = [];
  let reader: Connection;

  before(async () => {
    admin = adminClient();
    drops.push(await createKeyspace(admin, readable), await createKeyspace(admin, other));
    for (const ks of [readable, other]) {
      await admin.execute(`CREATE TABLE ${ks}.notes (id int PRIMARY KEY, body text)`, [], { readTimeout: 60_000 });
      await admin.execute(`INSERT INTO ${ks}.notes (id, body) VALUES (1, 'from the admin')`);
    }
    await admin.execute(`CREATE ROLE ${role} WITH LOGIN = true AND PASSWORD = '${password}'`);
    await admin.execute(`GRANT SELECT ON KEYSPACE ${readable} TO ${role}`);
    const node = testNode();
    reader = new Connection({ contactPoints: node.contactPoints, localDataCenter: node.localDataCenter, keyspace: readable, username: role, password });
  });

  after(async () => {
    await reader?.close();
    await admin.execute(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
    for (const drop of drops) await drop();
    await admin.shutdown();
  });

  it('reads the keyspace it was granted, through a repository and raw CQL', async () => {
    const notes = new Repository(reader, Note);
    const found = await notes.find((q) => q.where('id', '=', 1));
    expect(found.map((n) => n.body)).to.deep.equal(['from the admin']);
    const rs = await reader.execute(`SELECT body FROM ${readable}.notes WHERE id = 1`);
    expect(rs.first()?.['body']).to.equal('from the admin');
  });

  it('gets a typed UnauthorizedError on a write, naming the permission, and nothing is written', async () => {
    const notes = new Repository(reader, Note);
    const error = await rejection(notes.insert(Object.assign(new Note(), { id: 2, body: 'from the reader' })));
    expect(error).to.be.instanceOf(UnauthorizedError);
    const e = error as UnauthorizedError;
    expect(e.systemAuthUnavailable).to.equal(false);
    expect(e.message).to.contain(`User ${role} has no MODIFY permission`).and.to.contain(`${readable}.notes`);
    expect(e.cql).to.match(/^INSERT INTO/);
    const raw = await rejection(reader.execute(`UPDATE ${readable}.notes SET body = 'changed' WHERE id = 1`));
    expect(raw).to.be.instanceOf(UnauthorizedError);
    const rows = await admin.execute(`SELECT id, body FROM ${readable}.notes`);
    expect(rows.rows.map((r) => [r['id'], r['body']])).to.deep.equal([[1, 'from the admin']]);
  });

  it('gets a typed UnauthorizedError reading another keyspace', async () => {
    const error = await rejection(reader.execute(`SELECT body FROM ${other}.notes WHERE id = 1`));
    expect(error).to.be.instanceOf(UnauthorizedError);
    expect((error as Error).message).to.contain(`User ${role} has no SELECT permission`).and.to.contain(other);
  });

  it('sync with that role is refused before anything is applied, naming each missing permission and the GRANT', async () => {
    // The plan has a new table and a new column: the role may make neither.
    const plan = await planSchema(reader, [Note, Tag], { keyspace: { name: readable } });
    expect(plan.changes.map((c) => c.kind).sort()).to.deep.equal(['create-table']);
    const statements: string[] = [];
    const error = await rejection(syncSchema(reader, [Note, Tag], { keyspace: { name: readable }, onStatement: (cql) => statements.push(cql) }));
    expect(error).to.be.instanceOf(SchemaSyncError);
    const message = (error as Error).message;
    expect(message).to.contain(`Schema sync of keyspace ${readable} refused, nothing applied: role '${role}'`);
    expect(message).to.contain(`CREATE on <keyspace ${readable}>`).and.to.contain(`GRANT CREATE ON KEYSPACE ${readable} TO ${role}`);
    expect(statements, 'no statement was sent').to.deep.equal([]);
    const tables = await admin.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [readable]);
    expect(tables.rows.map((r) => r['table_name'])).to.deep.equal(['notes']);

    // Under the lease, the refusal comes before the lease's own table and row are written.
    const leased = await rejection(syncSchema(reader, [Note, Tag], { keyspace: { name: readable }, lease: true }));
    expect(leased).to.be.instanceOf(SchemaSyncError);
    expect((leased as Error).message).to.contain(`GRANT CREATE ON KEYSPACE ${readable} TO ${role}`);
    const afterLease = await admin.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [readable]);
    expect(afterLease.rows.map((r) => r['table_name']), 'no lease table either').to.deep.equal(['notes']);

    // A keyspace it may not create: refused for CREATE on all keyspaces, and not created.
    const fresh = uniqueKeyspace('roles_new');
    const second = await rejection(syncSchema(reader, [Note], { keyspace: { name: fresh } }));
    expect(second).to.be.instanceOf(SchemaSyncError);
    expect((second as Error).message).to.contain('CREATE on <all keyspaces>').and.to.contain(`GRANT CREATE ON ALL KEYSPACES TO ${role}`);
    const ks = await admin.execute('SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?', [fresh]);
    expect(ks.rows).to.have.length(0);
  });

  it('the CLI sync with that role exits 1 with the same refusal, and applies nothing', async () => {
    const entities = pathToFileURL(join(repoRoot(), 'dist', 'spec', 'integration', 'cli', 'fixtures', 'entities.js')).href;
    const project = tempProject('roles');
    try {
      const node = testNode();
      project.write('cassandra-orm.config.js', [
        `import { CliUser } from '${entities}';`,
        `export const connections = { connections: { default: { contactPoints: ${JSON.stringify(node.contactPoints)}, localDataCenter: '${node.localDataCenter}', keyspace: '${readable}', username: '${role}', password: process.env.READER_PASSWORD } } };`,
        'export const entities = [CliUser];',
      ].join('\n'));
      const r = await runCli(['sync'], { cwd: project.dir, env: { READER_PASSWORD: password } });
      expect(r.code, r.stderr).to.equal(1);
      expect(r.stderr).to.contain(`Schema sync of keyspace ${readable} refused, nothing applied: role '${role}'`).and.to.contain(`GRANT CREATE ON KEYSPACE ${readable} TO ${role}`);
      expect(r.stderr).not.to.contain(password);
      const tables = await admin.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [readable]);
      expect(tables.rows.map((t) => t['table_name'])).to.deep.equal(['notes']);
    } finally {
      project.remove();
    }
  });

  it('with CREATE on the keyspace but not ALTER on its table, a plan needing both is refused whole (no half-applied plan)', async () => {
    await admin.execute(`GRANT CREATE ON KEYSPACE ${readable} TO ${role}`);
    try {
      // Note gains a column the live table lacks (ALTER on the table) and Tag is new (CREATE on the keyspace).
      await admin.execute(`ALTER TABLE ${readable}.notes DROP body`, [], { readTimeout: 60_000 });
      const error = await rejection(syncSchema(reader, [Note, Tag], { keyspace: { name: readable } }));
      expect(error).to.be.instanceOf(SchemaSyncError);
      expect((error as Error).message).to.contain(`ALTER on <table ${readable}.notes>`).and.not.to.contain('CREATE on');
      const tables = await admin.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [readable]);
      expect(tables.rows.map((r) => r['table_name']), 'tags was not created').to.deep.equal(['notes']);
    } finally {
      await admin.execute(`REVOKE CREATE ON KEYSPACE ${readable} FROM ${role}`);
    }
  });

  it('a superuser syncs the same model (the check does not refuse what is allowed)', async () => {
    const node = testNode();
    const su = new Connection({ contactPoints: node.contactPoints, localDataCenter: node.localDataCenter, keyspace: readable, username: node.username, password: node.password });
    try {
      const result = await syncSchema(su, [Note, Tag], { keyspace: { name: readable } });
      expect(result.applied.map((c) => c.kind).sort()).to.deep.equal(['add-column', 'create-table']);
    } finally {
      await su.close();
    }
  });
});
