// The baseline: cassandra-driver with hand-written prepared statements and its Row objects, the
// limit an object mapper can approach.
import cassandra from 'cassandra-driver';
import { driverOptions, type BenchNode } from '../bench-node.js';
import { driverVector, NEAREST_OPTIONS, SELECT_NEAREST, TABLES_CQL, type EventRow, type UserRow } from '../data.js';
import type { Contender, ContenderPlugin } from './contender.js';

const INSERT_USER = 'INSERT INTO users (id, name, email, age, score, active, created) VALUES (?, ?, ?, ?, ?, ?, ?)';
const SELECT_USER = 'SELECT id, name, email, age, score, active, created FROM users WHERE id = ?';
const UPDATE_SCORE = 'UPDATE users SET score = ? WHERE id = ?';
const INSERT_EVENT = 'INSERT INTO events (bucket, seq, name, value, payload) VALUES (?, ?, ?, ?, ?)';
const SELECT_PARTITION = 'SELECT bucket, seq, name, value, payload FROM events WHERE bucket = ?';
const INSERT_USER_IF_ABSENT = `${INSERT_USER} IF NOT EXISTS`;
const PREPARED = { prepare: true } as const;

class RawDriver implements Contender {
  private client: cassandra.Client | undefined;

  constructor(private readonly node: BenchNode) {}

  private get c(): cassandra.Client {
    if (this.client === undefined) throw new Error('raw driver: setup() was not called');
    return this.client;
  }

  async setup(keyspace: string): Promise<void> {
    this.client = new cassandra.Client(driverOptions(this.node, keyspace));
    await this.client.connect();
    for (const cql of TABLES_CQL) await this.client.execute(cql);
  }

  async insert(u: UserRow): Promise<void> {
    await this.c.execute(INSERT_USER, [u.id, u.name, u.email, u.age, u.score, u.active, u.created], PREPARED);
  }

  async readByKey(id: number): Promise<object | undefined> {
    const rs = await this.c.execute(SELECT_USER, [id], PREPARED);
    return rs.first() ?? undefined;
  }

  async updateScore(id: number, score: number): Promise<void> {
    await this.c.execute(UPDATE_SCORE, [score, id], PREPARED);
  }

  async insertBatch(events: readonly EventRow[]): Promise<void> {
    const queries = events.map((e) => ({ query: INSERT_EVENT, params: [e.bucket, e.seq, e.name, e.value, e.payload] }));
    await this.c.batch(queries, { prepare: true, logged: true });
  }

  async scanPartition(bucket: number): Promise<readonly object[]> {
    const rs = await this.c.execute(SELECT_PARTITION, [bucket], { prepare: true, fetchSize: 1_000_000 });
    return rs.rows;
  }

  async streamPartition(bucket: number, pageSize: number, onRow: (row: object) => void): Promise<number> {
    // The cheapest bounded-memory way the driver offers: one page at a time by pageState, rows handed
    // on synchronously (`client.stream()` under `for await` cost markedly more CPU per row in our runs).
    let count = 0;
    let pageState: string | undefined;
    do {
      const rs = await this.c.execute(SELECT_PARTITION, [bucket], { prepare: true, fetchSize: pageSize, ...(pageState !== undefined ? { pageState } : {}) });
      for (const row of rs.rows) onRow(row);
      count += rs.rows.length;
      pageState = rs.pageState ?? undefined;
    } while (pageState !== undefined);
    return count;
  }

  async readPage(bucket: number, pageSize: number, token: string | undefined): Promise<{ rows: readonly object[]; next: string | undefined }> {
    // The driver's own page token: the paging state as a hex string.
    const rs = await this.c.execute(SELECT_PARTITION, [bucket], { prepare: true, fetchSize: pageSize, ...(token !== undefined ? { pageState: token } : {}) });
    return { rows: rs.rows, next: rs.pageState ?? undefined };
  }

  async insertIfAbsent(u: UserRow): Promise<boolean> {
    const rs = await this.c.execute(INSERT_USER_IF_ABSENT, [u.id, u.name, u.email, u.age, u.score, u.active, u.created], PREPARED);
    return rs.first()?.['[applied]'] === true;
  }

  async nearest(vector: readonly number[]): Promise<readonly object[]> {
    return (await this.c.execute(SELECT_NEAREST, [driverVector(vector)], NEAREST_OPTIONS)).rows;
  }

  driverClients(): readonly cassandra.Client[] {
    return [this.c];
  }

  async close(): Promise<void> {
    await this.client?.shutdown();
  }
}

/** Raw cassandra-driver prepared statements. */
export const rawDriver: ContenderPlugin = {
  name: 'raw driver',
  library: 'cassandra-driver',
  create: (node) => new RawDriver(node),
};

/**
 * The same raw driver a second time, measured like any contender (`--control`): its ratio to the
 * baseline shows how far two identical contenders differ in this run, i.e. the run's noise.
 */
export const rawDriverControl: ContenderPlugin = {
  name: 'raw driver (control)',
  library: 'cassandra-driver',
  create: (node) => new RawDriver(node),
};
