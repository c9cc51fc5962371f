// The raw cursor on the real node: DDL and DML, the COUNT example, parameters bound so injection
// attempts are stored verbatim, typed errors with the CQL, page state taken and resumed later.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { Connection, type Cursor } from '../../../src/index.js';
import { InvalidQueryError } from '../../../src/public/errors.js';
import { uniqueKeyspace } from '../../support/test-node.js';
import { nodeOptions } from './support/options.js';

const ATTEMPTS = [
  "'); DROP TABLE users; --",
  "' OR '1'='1",
  'x\'; DELETE FROM users WHERE id = 1; --',
  '"; TRUNCATE users; //',
  '$$) ; DROP KEYSPACE system; $$',
  'nul\u0000byte',
  'ünïcødé ☃ 🐘',
  '?',
];

describe('raw CQL cursor', () => {
  const keyspace = uniqueKeyspace('it_cursor');
  let connection: Connection;
  let cursor: Cursor;

  before(async () => {
    connection = new Connection(nodeOptions({ keyspace }));
    await connection.cursor().execute(
      `CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
    );
    cursor = connection.cursor();
  });

  after(async () => {
    await connection.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
    await connection.close();
  });

  it('runs DDL and DML and answers the COUNT example with a bigint', async () => {
    expect(await cursor.execute('CREATE TABLE users (id int PRIMARY KEY, name text)')).to.deep.equal([]);
    for (const [id, name] of [[1, 'ada'], [2, 'brian'], [3, 'cleo']] as const) {
      expect(await cursor.execute('INSERT INTO users (id, name) VALUES (?, ?)', [id, name])).to.deep.equal([]);
    }
    expect((await cursor.execute('SELECT COUNT(*) FROM users'))[0]?.['count']).to.equal(3n);
    await cursor.execute('UPDATE users SET name = ? WHERE id = ?', ['bea', 2]);
    await cursor.execute('DELETE FROM users WHERE id = ?', [3]);
    expect(await cursor.execute('SELECT id, name FROM users WHERE id IN (?, ?, ?)', [1, 2, 3])).to.deep.equal([
      { id: 1, name: 'ada' },
      { id: 2, name: 'bea' },
    ]);
    expect(await cursor.execute('SELECT name FROM users WHERE id = :id', { id: 1 })).to.deep.equal([{ name: 'ada' }]);
  });

  it('binds parameters: injection attempts are stored and read back verbatim', async () => {
    for (const [i, text] of ATTEMPTS.entries()) {
      await cursor.execute('INSERT INTO users (id, name) VALUES (?, ?)', [100 + i, text]);
    }
    for (const [i, text] of ATTEMPTS.entries()) {
      expect(await cursor.execute('SELECT name FROM users WHERE id = ?', [100 + i])).to.deep.equal([{ name: text }]);
      expect(await cursor.execute('SELECT id FROM users WHERE name = ? ALLOW FILTERING', [text])).to.deep.equal([{ id: 100 + i }]);
    }
    expect((await cursor.execute('SELECT COUNT(*) FROM users'))[0]?.['count']).to.equal(BigInt(2 + ATTEMPTS.length));
    const tables = await cursor.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [keyspace]);
    expect(tables.map((t) => t['table_name'])).to.include('users');
  });

  it('turns a syntax error into InvalidQueryError with the CQL and the driver error as cause', async () => {
    const cql = 'SELEKT * FROM users';
    const error = await cursor.execute(cql).then(() => undefined, (e: unknown) => e as InvalidQueryError);
    expect(error).to.be.instanceOf(InvalidQueryError);
    expect(error?.cql).to.equal(cql);
    expect(error?.message).to.contain(cql);
    expect(error?.cause).to.be.instanceOf(cassandra.errors.ResponseError);
    expect((error?.cause as cassandra.errors.ResponseError).code).to.equal(cassandra.types.responseErrorCodes.syntaxError);
  });

  it('takes the page state of one page and resumes from it later, on another connection', async () => {
    await cursor.execute('CREATE TABLE events (p int, seq int, PRIMARY KEY (p, seq))');
    for (let seq = 0; seq < 25; seq++) await cursor.execute('INSERT INTO events (p, seq) VALUES (?, ?)', [1, seq]);
    const cql = 'SELECT seq FROM events WHERE p = ?';
    const first = await cursor.page(cql, [1], { pageSize: 10 });
    expect(first.rows.map((r) => r['seq'])).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(first.nextPageToken).to.be.a('string');

    const later = new Connection(nodeOptions({ keyspace }));
    try {
      const seen: unknown[] = [];
      for await (const page of later.cursor().pages(cql, [1], { pageSize: 10, pageToken: first.nextPageToken as string })) {
        expect(page.rows.length).to.be.at.most(10);
        seen.push(...page.rows.map((r) => r['seq']));
      }
      expect(seen).to.deep.equal(Array.from({ length: 15 }, (_v, i) => i + 10));
    } finally {
      await later.close();
    }
  });
});
