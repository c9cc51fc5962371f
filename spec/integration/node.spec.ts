// The foundation works end to end on the real node: a keyspace and a table created, a row written and read.
import { expect } from 'chai';
import { Connection } from '../../src/index.js';
import { testNode, uniqueKeyspace } from '../support/test-node.js';

describe('real Cassandra node', () => {
  const keyspace = uniqueKeyspace('it_node');
  let connection: Connection;

  before(() => {
    const node = testNode();
    connection = new Connection({
      contactPoints: node.contactPoints,
      localDataCenter: node.localDataCenter,
      username: node.username,
      password: node.password,
    });
  });

  after(async () => {
    await connection.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
    await connection.close();
  });

  it('is Cassandra 5', async () => {
    const rs = await connection.execute('SELECT release_version FROM system.local');
    expect(String(rs.first()?.['release_version'])).to.match(/^5\./);
  });

  it('creates a keyspace and a table, then writes and reads a row', async () => {
    await connection.execute(
      `CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
    );
    await connection.execute(`CREATE TABLE ${keyspace}.notes (id int PRIMARY KEY, body text, big bigint)`);
    await connection.execute(`INSERT INTO ${keyspace}.notes (id, body, big) VALUES (?, ?, ?)`, [
      1,
      'héllo ☃',
      9223372036854775807n,
    ]);
    const rs = await connection.execute(`SELECT id, body, big FROM ${keyspace}.notes WHERE id = ?`, [1]);
    expect(rs.rows).to.have.length(1);
    expect(rs.first()?.['body']).to.equal('héllo ☃');
    expect(rs.first()?.['big']).to.equal(9223372036854775807n);
  });
});
