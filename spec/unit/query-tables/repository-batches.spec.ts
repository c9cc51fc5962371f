// What a repository sends for an entity with query tables, through a stand-in connection: the read
// of the previous row when one is needed, then one LOGGED batch with the exact CQL of every table.
import { expect } from 'chai';
import { Column, PartitionKey, Repository, Table } from '../../../src/index.js';
import type { Connection } from '../../../src/connection/connection.js';
import { BATCH_MAP, EXECUTE_MAP } from '../../../src/connection/internals.js';

@Table<Login>({ name: 'logins', queryTables: [{ name: 'logins_by_email', partitionKey: ['email'], clusteringKey: ['id'], columns: ['name'] }] })
class Login {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) email?: string | null;
  @Column({ type: 'text' }) name?: string | null;
  @Column({ type: 'int' }) visits?: number | null;
}

@Table<Reordered>({ name: 'reordered', queryTables: [{ name: 'reordered_by_b', partitionKey: ['b'], clusteringKey: ['a'] }] })
class Reordered {
  @PartitionKey({ type: 'int' }) a!: number;
  @PartitionKey({ type: 'int' }) b!: number;
  @Column({ type: 'text' }) note?: string | null;
}

interface Sent {
  readonly kind: 'execute' | 'batch';
  readonly cql: string[];
  readonly logged?: unknown;
}

/** A stand-in connection recording single statements and batches; reads answer with `row`. */
function recording(row: Record<string, unknown> | undefined): { connection: Connection; sent: Sent[] } {
  const sent: Sent[] = [];
  const answer = (): unknown => ({ rows: row === undefined ? [] : [{ ...row }], columns: [], info: {}, pageState: null });
  const connection = {
    client: { options: { encoding: { map: Map, set: Set } } },
    settings: { queryDefaults: {} },
    async execute(cql: string) {
      sent.push({ kind: 'execute', cql: [cql] });
      return answer();
    },
    [EXECUTE_MAP](cql: string, _params: unknown[], _options: unknown, map: (rs: unknown) => unknown) {
      sent.push({ kind: 'execute', cql: [cql] });
      return Promise.resolve(answer()).then(map);
    },
    [BATCH_MAP](queries: { query: string }[], _text: () => string, options: Record<string, unknown>, map: (rs: unknown) => unknown) {
      sent.push({ kind: 'batch', cql: queries.map((q) => q.query), logged: options['logged'] });
      return Promise.resolve({ rows: [], columns: [], info: {} }).then(map);
    },
  } as unknown as Connection;
  return { connection, sent };
}

describe('query tables: what a repository sends', () => {
  it('a patch of the email reads the row, then one logged batch updates the base, deletes the old row and inserts the new one', async () => {
    const { connection, sent } = recording({ id: 1, email: 'a@x', name: 'Ann', visits: 3 });
    const logins = new Repository(connection, Login, { keyspace: 'ks' });
    expect(await logins.patch({ id: 1 }, { email: 'b@x' })).to.deep.equal({ applied: true });
    expect(sent).to.deep.equal([
      { kind: 'execute', cql: ['SELECT id, email, name, visits FROM ks.logins WHERE id = ?'] },
      {
        kind: 'batch',
        logged: true,
        cql: [
          'UPDATE ks.logins SET email = ? WHERE id = ?',
          'DELETE FROM ks.logins_by_email WHERE email = ? AND id = ?',
          'INSERT INTO ks.logins_by_email (email, id, name) VALUES (?, ?, ?)',
        ],
      },
    ]);
  });

  it('a patch of a column no query table holds is a batch of the base UPDATE alone; a delete reaches every table', async () => {
    const { connection, sent } = recording({ id: 1, email: 'a@x', name: 'Ann', visits: 3 });
    const logins = new Repository(connection, Login, { keyspace: 'ks' });
    await logins.patch({ id: 1 }, { visits: 4 });
    await logins.delete({ id: 1 }, { timestamp: 9 });
    expect(sent.filter((s) => s.kind === 'batch').map((s) => s.cql)).to.deep.equal([
      ['UPDATE ks.logins SET visits = ? WHERE id = ?'],
      ['DELETE FROM ks.logins USING TIMESTAMP ? WHERE id = ?', 'DELETE FROM ks.logins_by_email USING TIMESTAMP ? WHERE email = ? AND id = ?'],
    ]);
  });

  it('a query table keyed by the base key alone needs no read: a save is one batch of two INSERTs', async () => {
    const { connection, sent } = recording(undefined);
    const rows = new Repository(connection, Reordered, { keyspace: 'ks' });
    await rows.save(Object.assign(new Reordered(), { a: 1, b: 2, note: 'x' }), { ttl: 60 });
    expect(sent).to.deep.equal([
      { kind: 'batch', logged: true, cql: ['INSERT INTO ks.reordered (a, b, note) VALUES (?, ?, ?) USING TTL ?', 'INSERT INTO ks.reordered_by_b (b, a, note) VALUES (?, ?, ?) USING TTL ?'] },
    ]);
  });

  it('a conditional write is refused before anything is sent', async () => {
    const { connection, sent } = recording(undefined);
    const logins = new Repository(connection, Login, { keyspace: 'ks' });
    const error = await logins.insert(Object.assign(new Login(), { id: 1, email: 'a@x' }), { ifNotExists: true }).then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).to.equal(
      'logins: a conditional write (IF NOT EXISTS, IF EXISTS, IF ...) cannot keep query tables (logins_by_email) in step: ' +
        'Cassandra refuses conditions in a batch that spans several tables. Write without the condition, or check first with a read.',
    );
    expect(sent).to.deep.equal([]);
  });
});
