// connection[PAGED]() on the real node: one statement page after page, its options checked and merged
// once and applied to every page, each page resuming from the paging state it is given.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { Connection } from '../../../src/index.js';
import { ConfigError, ConnectionClosedError, InvalidQueryError } from '../../../src/public/errors.js';
import { uniqueKeyspace } from '../../support/test-node.js';
import { nodeOptions } from './support/options.js';
import { PAGED } from '../../../src/connection/internals.js';

describe('Connection.paged', () => {
  const keyspace = uniqueKeyspace('it_paged');
  let connection: Connection;

  before(async () => {
    connection = new Connection(nodeOptions({ keyspace }));
    await connection.execute(`CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
    await connection.execute(`CREATE TABLE ${keyspace}.t (p int, c int, v text, PRIMARY KEY (p, c))`);
    for (let c = 0; c < 7; c++) await connection.execute(`INSERT INTO ${keyspace}.t (p, c, v) VALUES (?, ?, ?)`, [1, c, `v${c}`]);
  });

  after(async () => {
    await connection.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
    await connection.close();
  });

  const cs = (rs: cassandra.types.ResultSet): number[] => rs.rows.map((r) => r['c'] as number);

  it('sends the statement page after page from the paging state given, with its options on every page', async () => {
    const page = connection[PAGED](`SELECT c FROM ${keyspace}.t WHERE p = ?`, [1], { fetchSize: 3, consistency: 'one' });
    const seen: number[][] = [];
    let state: Buffer | undefined;
    do {
      const rs = await page(state);
      seen.push(cs(rs));
      expect(rs.info.achievedConsistency).to.equal(cassandra.types.consistencies.one);
      state = rs.pageState == null ? undefined : Buffer.from(rs.pageState, 'hex');
    } while (state !== undefined);
    expect(seen).to.deep.equal([[0, 1, 2], [3, 4, 5], [6]]);
    // The same function starts over when given no state: the parameters are kept, not consumed.
    expect(cs(await page(undefined))).to.deep.equal([0, 1, 2]);
  });

  it('checks its options when it is created, before anything is sent', () => {
    expect(() => connection[PAGED](`SELECT c FROM ${keyspace}.t WHERE p = ?`, [1], { consistency: 'sometimes' as never }))
      .to.throw(ConfigError, /options\.consistency/);
    expect(() => connection[PAGED](`SELECT c FROM ${keyspace}.t WHERE p = ?`, [1], { keyspace: 'no such"keyspace' }))
      .to.throw(ConfigError, /options\.keyspace/);
  });

  it('rejects a page with a typed error naming the CQL, and every page once the connection is closed', async () => {
    const missing = connection[PAGED](`SELECT c FROM ${keyspace}.nope WHERE p = ?`, [1], { fetchSize: 3 });
    const error = await missing(undefined).then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(InvalidQueryError);
    expect((error as Error).message).to.contain(`${keyspace}.nope`);

    const other = new Connection(nodeOptions({ keyspace }));
    const page = other[PAGED](`SELECT c FROM ${keyspace}.t WHERE p = ?`, [1], { fetchSize: 3 });
    const first = await page(undefined);
    expect(cs(first)).to.deep.equal([0, 1, 2]);
    await other.close();
    const closed = await page(Buffer.from(first.pageState!, 'hex')).then(() => undefined, (e: unknown) => e);
    expect(closed).to.be.instanceOf(ConnectionClosedError);
  });
});
