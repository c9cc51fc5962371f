// Sync creates an entity's query tables with their keys, clustering orders and column subsets, and
// evolves them like any table (a column added to a subset is an ALTER TABLE ... ADD in the plan).
import { expect } from 'chai';
import { Repository, syncSchema, type Connection } from '../../../src/index.js';
import { planSchema } from '../../../src/schema/plan-apply.js';
import { planToCql } from '../../../src/schema/schema-plan.js';
import type { TestKeyspace } from '../../../src/schema/test-keyspace.js';
import { connect, keyspaceWith } from './support.js';
import { User, UserV2 } from './entities.js';

describe('query tables: schema sync (real node)', function () {
  this.timeout(180_000);
  let connection: Connection;
  let kit: TestKeyspace;

  before(async () => {
    connection = connect();
    kit = await keyspaceWith(connection, 'it_qt_sync', [User]);
  });
  after(async () => {
    await kit.drop();
    await connection.close();
  });

  const columns = async (table: string): Promise<string[]> => {
    const rs = await connection.execute(
      'SELECT column_name, kind, position, clustering_order FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?',
      [kit.name, table],
      { prepare: true },
    );
    return rs.rows.map((r) => `${String(r['column_name'])} ${String(r['kind'])}${r['kind'] === 'regular' ? '' : ` ${String(r['position'])}`}${r['kind'] === 'clustering' ? ` ${String(r['clustering_order'])}` : ''}`).sort();
  };

  it('creates each query table with its own primary key, clustering order and columns', async () => {
    expect(kit.sync.plan.changes.filter((c) => c.kind === 'create-table').map((c) => c.object).sort()).to.deep.equal(
      [`${kit.name}.users_by_email`, `${kit.name}.users_by_id`, `${kit.name}.users_by_team`],
    );
    expect(await columns('users_by_email')).to.deep.equal([
      'email partition_key 0', 'id clustering 0 asc', 'name regular', 'score regular', 'tags regular', 'team regular', 'touched_at regular',
    ]);
    expect(await columns('users_by_team')).to.deep.equal(['id clustering 1 asc', 'name regular', 'score clustering 0 desc', 'team partition_key 0']);
  });

  it('a second sync plans nothing; a column added to a subset is planned and applied as ALTER TABLE ADD', async () => {
    const keyspace = { name: kit.name };
    const same = await planSchema(connection, [User], { keyspace });
    expect(same.changes).to.deep.equal([]);
    const plan = await planSchema(connection, [UserV2], { keyspace });
    expect(plan.changes.map((c) => `${c.kind} ${c.object}`)).to.deep.equal([`add-column ${kit.name}.users_by_team`]);
    expect(planToCql(plan)).to.contain(`ALTER TABLE ${kit.name}.users_by_team ADD IF NOT EXISTS email text`);
    const result = await syncSchema(connection, [UserV2], { keyspace });
    expect(result.applied).to.have.length(1);
    expect(await columns('users_by_team')).to.include('email regular');
    expect((await planSchema(connection, [UserV2], { keyspace })).changes).to.deep.equal([]);
  });

  it('TestKeyspace.truncate() empties the query tables with their base table', async () => {
    const users = new Repository(connection, User, { keyspace: kit.name });
    await users.insert(Object.assign(new User(), { id: '8c4e3c1e-7e0e-4a57-9a1b-6a9d7f0f4e21', email: 'tr@x.org', name: 'Tr', team: 'red', score: 1 }));
    const count = async (table: string): Promise<number> => (await connection.execute(`SELECT * FROM ${kit.name}.${table}`, [], { prepare: true })).rows.length;
    expect(await count('users_by_team')).to.equal(1);
    await kit.truncate();
    expect([await count('users_by_id'), await count('users_by_email'), await count('users_by_team')]).to.deep.equal([0, 0, 0]);
  });
});
