// express-cassandra (npm): its own model schemas, synced by its own `syncDB`, model instances out.
// Its schemas have no vector type and its queries no ANN ordering, so the vector query goes through
// its documented raw-query route, `execute_query` (docs/notes.md), which returns the driver's rows.
import expressCassandra, { type ExpressCassandraClient, type ModelClass } from 'express-cassandra';
import { driverOptions, type BenchNode } from '../bench-node.js';
import { driverVector, NEAREST_OPTIONS, SELECT_NEAREST, type EventRow, type UserRow } from '../data.js';
import type { Contender, ContenderPlugin } from './contender.js';

class ExpressCassandra implements Contender {
  private client: ExpressCassandraClient | undefined;
  private users: ModelClass | undefined;
  private events: ModelClass | undefined;

  constructor(private readonly node: BenchNode) {}

  private ready(): { client: ExpressCassandraClient; users: ModelClass; events: ModelClass } {
    if (this.client === undefined || this.users === undefined || this.events === undefined) {
      throw new Error('express-cassandra: setup() was not called');
    }
    return { client: this.client, users: this.users, events: this.events };
  }

  async setup(keyspace: string): Promise<void> {
    this.client = expressCassandra.createClient({
      clientOptions: { ...driverOptions(this.node, keyspace), keyspace },
      ormOptions: { migration: 'safe', createKeyspace: false, disableTTYConfirmation: true },
    });
    await this.client.initAsync();
    this.users = this.client.loadSchema('User', {
      fields: { id: 'int', name: 'text', email: 'text', age: 'int', score: 'double', active: 'boolean', created: 'timestamp' },
      key: ['id'],
      table_name: 'users',
    });
    this.events = this.client.loadSchema('Event', {
      fields: { bucket: 'int', seq: 'int', name: 'text', value: 'double', payload: 'text' },
      key: [['bucket'], 'seq'],
      clustering_order: { seq: 'asc' },
      table_name: 'events',
    });
    await this.users.syncDBAsync();
    await this.events.syncDBAsync();
  }

  async insert(u: UserRow): Promise<void> {
    await new (this.ready().users)(u).saveAsync();
  }

  async readByKey(id: number): Promise<object | undefined> {
    return (await this.ready().users.findOneAsync({ id })) ?? undefined;
  }

  async updateScore(id: number, score: number): Promise<void> {
    await this.ready().users.updateAsync({ id }, { score });
  }

  async insertBatch(events: readonly EventRow[]): Promise<void> {
    const { client, events: Event } = this.ready();
    await client.doBatchAsync(events.map((e) => new Event(e).save({ return_query: true })), { logged: true });
  }

  async scanPartition(bucket: number): Promise<readonly object[]> {
    return this.ready().events.findAsync({ bucket }, { fetchSize: 1_000_000 });
  }

  async streamPartition(bucket: number, pageSize: number, onRow: (row: object) => void): Promise<number> {
    const { events } = this.ready();
    let count = 0;
    await new Promise<void>((resolve, reject) => {
      events.stream(
        { bucket },
        { fetchSize: pageSize },
        (reader) => {
          for (let row = reader.readRow(); row !== null && row !== undefined; row = reader.readRow()) {
            onRow(row);
            count++;
          }
        },
        (err) => (err ? reject(err) : resolve()),
      );
    });
    return count;
  }

  async readPage(bucket: number, pageSize: number, token: string | undefined): Promise<{ rows: readonly object[]; next: string | undefined }> {
    // eachRow() with fetchSize and pageState, its documented way to fetch one page when asked (docs/find.md).
    const rows: object[] = [];
    const next = await new Promise<string | undefined>((resolve, reject) => {
      this.ready().events.eachRow(
        { bucket },
        { fetchSize: pageSize, ...(token !== undefined ? { pageState: token } : {}) },
        (_n, row) => void rows.push(row),
        (err, result) => (err ? reject(err) : resolve(result?.pageState ?? undefined)),
      );
    });
    return { rows, next };
  }

  async insertIfAbsent(u: UserRow): Promise<boolean> {
    const result = (await new (this.ready().users)(u).saveAsync({ if_not_exist: true })) as { rows?: { '[applied]'?: boolean }[] } | undefined;
    return result?.rows?.[0]?.['[applied]'] === true;
  }

  async nearest(vector: readonly number[]): Promise<readonly object[]> {
    // Any model runs raw CQL (it only lends its client); the options as the other contenders send them.
    return (await this.ready().users.execute_queryAsync(SELECT_NEAREST, [driverVector(vector)], { ...NEAREST_OPTIONS })).rows;
  }

  async close(): Promise<void> {
    await this.client?.closeAsync();
  }
}

/** express-cassandra models. */
export const expressCassandraContender: ContenderPlugin = {
  name: 'express-cassandra',
  library: 'express-cassandra',
  ownCode: ['/node_modules/express-cassandra/'],
  notReplayable: 'it calls its driver client through callbacks and eachRow(), which --replay does not record',
  create: (node) => new ExpressCassandra(node),
};
