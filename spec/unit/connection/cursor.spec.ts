// The cursor over a recording stand-in for Connection.execute: always prepared, page size → fetchSize,
// pages followed by their state, rows handed out as plain objects.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { Cursor, type Connection } from '../../../src/index.js';
import { ConfigError } from '../../../src/public/errors.js';
import { type ExecuteOptions } from '../../../src/public/query.js';

interface Call {
  readonly cql: string;
  readonly params: unknown;
  readonly options: ExecuteOptions | undefined;
}

function row(values: Record<string, unknown>): cassandra.types.Row {
  const Row = (cassandra.types as unknown as { Row: new (columns: unknown[]) => Record<string, unknown> }).Row;
  const r = new Row(Object.keys(values).map((name) => ({ name, type: { code: 0 } })));
  Object.assign(r, values);
  return r as unknown as cassandra.types.Row;
}

/** Pages of rows served in order; each response carries the state of the next page. */
function fakeConnection(pages: Array<Array<Record<string, unknown>>>): { connection: Connection; calls: Call[] } {
  const calls: Call[] = [];
  const connection = {
    async execute(cql: string, params: unknown, options?: ExecuteOptions) {
      calls.push({ cql, params, options });
      const index = options?.pageState === undefined ? 0 : Number(options.pageState);
      const next = index + 1 < pages.length ? String(index + 1) : null;
      return { rows: (pages[index] ?? []).map(row), pageState: next };
    },
  };
  return { connection: connection as unknown as Connection, calls };
}

describe('connection: cursor', () => {
  it('execute() reads every page, prepared, and returns plain objects', async () => {
    const { connection, calls } = fakeConnection([[{ id: 1 }, { id: 2 }], [{ id: 3 }]]);
    const rows = await new Cursor(connection).execute('SELECT id FROM t WHERE p = ?', ['x'], { consistency: 'ONE' });
    expect(rows).to.deep.equal([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(Object.getPrototypeOf(rows[0])).to.equal(Object.prototype);
    expect(calls).to.deep.equal([
      { cql: 'SELECT id FROM t WHERE p = ?', params: ['x'], options: { consistency: 'ONE', prepare: true, autoPage: false } },
      { cql: 'SELECT id FROM t WHERE p = ?', params: ['x'], options: { consistency: 'ONE', prepare: true, autoPage: false, pageState: '1' } },
    ]);
  });

  it('never lets prepare be turned off', async () => {
    const { connection, calls } = fakeConnection([[]]);
    await new Cursor(connection).execute('INSERT INTO t (id) VALUES (?)', [1], { prepare: false } as never);
    expect(calls[0]?.options?.prepare).to.equal(true);
  });

  it('page() fetches one page of pageSize and returns the token of the next; a later call resumes from it', async () => {
    const { connection, calls } = fakeConnection([[{ id: 1 }], [{ id: 2 }], [{ id: 3 }]]);
    const cursor = new Cursor(connection);
    const first = await cursor.page('SELECT id FROM t', [], { pageSize: 1 });
    expect(first).to.deep.equal({ rows: [{ id: 1 }], nextPageToken: '1' });
    const second = await cursor.page('SELECT id FROM t', [], { pageSize: 1, pageToken: first.nextPageToken as string });
    expect(second).to.deep.equal({ rows: [{ id: 2 }], nextPageToken: '2' });
    expect(calls.map((c) => c.options)).to.deep.equal([
      { prepare: true, autoPage: false, fetchSize: 1 },
      { prepare: true, autoPage: false, fetchSize: 1, pageState: '1' },
    ]);
  });

  it('stream() yields rows page by page, starting from a given page token', async () => {
    const { connection } = fakeConnection([[{ id: 1 }], [{ id: 2 }], [{ id: 3 }]]);
    const seen: unknown[] = [];
    for await (const r of new Cursor(connection).stream('SELECT id FROM t', [], { pageSize: 1, pageToken: '1' })) seen.push(r);
    expect(seen).to.deep.equal([{ id: 2 }, { id: 3 }]);
  });

  it('rejects a page size that is not a positive integer', async () => {
    const { connection } = fakeConnection([[]]);
    let error: unknown;
    try {
      await new Cursor(connection).page('SELECT 1', [], { pageSize: 0 });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as ConfigError).key).to.equal('options.pageSize');
  });
});
