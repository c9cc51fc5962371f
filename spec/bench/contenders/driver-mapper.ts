// cassandra-driver's built-in Mapper (`cassandra.mapping.Mapper`): models mapped onto the live
// tables, plain objects out. It has no DDL, so the tables come from the same CQL as the raw driver;
// it has no ANN API, so the vector query is its documented way to run custom CQL, mapWithQuery().
import cassandra from 'cassandra-driver';
import { driverOptions, type BenchNode } from '../bench-node.js';
import { driverVector, NEAREST_OPTIONS, SELECT_NEAREST, TABLES_CQL, type EventRow, type UserRow } from '../data.js';
import type { Contender, ContenderPlugin } from './contender.js';

// The Mapper's Result carries the paging state at run time, but its typings leave it out.
type PagedResult = cassandra.mapping.Result & { readonly pageState?: string | null };

class DriverMapper implements Contender {
  private client: cassandra.Client | undefined;
  private users: cassandra.mapping.ModelMapper | undefined;
  private events: cassandra.mapping.ModelMapper | undefined;
  private mapper: cassandra.mapping.Mapper | undefined;
  private nearestOf: ((vector: readonly number[]) => Promise<cassandra.mapping.Result>) | undefined;

  constructor(private readonly node: BenchNode) {}

  private ready(): { users: cassandra.mapping.ModelMapper; events: cassandra.mapping.ModelMapper; mapper: cassandra.mapping.Mapper } {
    if (this.users === undefined || this.events === undefined || this.mapper === undefined) {
      throw new Error('driver Mapper: setup() was not called');
    }
    return { users: this.users, events: this.events, mapper: this.mapper };
  }

  async setup(keyspace: string): Promise<void> {
    this.client = new cassandra.Client(driverOptions(this.node, keyspace));
    await this.client.connect();
    for (const cql of TABLES_CQL) await this.client.execute(cql);
    this.mapper = new cassandra.mapping.Mapper(this.client, {
      models: { User: { tables: ['users'], keyspace }, Event: { tables: ['events'], keyspace }, Item: { tables: ['items'], keyspace } },
    });
    this.users = this.mapper.forModel('User');
    this.events = this.mapper.forModel('Event');
    // Its execution options are fixed here (the Mapper then ignores per-call ones); it passes on no
    // consistency, so the query runs at the client's default, LOCAL_ONE, like the others.
    this.nearestOf = this.mapper.forModel('Item').mapWithQuery(SELECT_NEAREST, (vector: readonly number[]) => [driverVector(vector)], { fetchSize: NEAREST_OPTIONS.fetchSize });
  }

  async insert(u: UserRow): Promise<void> {
    await this.ready().users.insert(u);
  }

  async readByKey(id: number): Promise<object | undefined> {
    return (await this.ready().users.get({ id })) ?? undefined;
  }

  async updateScore(id: number, score: number): Promise<void> {
    await this.ready().users.update({ id, score });
  }

  async insertBatch(events: readonly EventRow[]): Promise<void> {
    const { mapper, events: model } = this.ready();
    await mapper.batch(events.map((e) => model.batching.insert(e)), { logged: true });
  }

  async scanPartition(bucket: number): Promise<readonly object[]> {
    const result = await this.ready().events.find({ bucket }, undefined, { fetchSize: 1_000_000 });
    return result.toArray();
  }

  async streamPartition(bucket: number, pageSize: number, onRow: (row: object) => void): Promise<number> {
    // The Mapper has no stream: page by hand with pageState, one page in memory at a time.
    const { events } = this.ready();
    let count = 0;
    let pageState: string | undefined;
    do {
      const options = { fetchSize: pageSize, ...(pageState !== undefined ? { pageState } : {}) } as cassandra.mapping.MappingExecutionOptions;
      const page = (await events.find({ bucket }, undefined, options)) as PagedResult;
      for (const row of page.toArray()) {
        onRow(row as object);
        count++;
      }
      pageState = page.pageState ?? undefined;
    } while (pageState !== undefined);
    return count;
  }

  async readPage(bucket: number, pageSize: number, token: string | undefined): Promise<{ rows: readonly object[]; next: string | undefined }> {
    const options = { fetchSize: pageSize, ...(token !== undefined ? { pageState: token } : {}) } as cassandra.mapping.MappingExecutionOptions;
    const page = (await this.ready().events.find({ bucket }, undefined, options)) as PagedResult;
    return { rows: page.toArray() as object[], next: page.pageState ?? undefined };
  }

  async insertIfAbsent(u: UserRow): Promise<boolean> {
    return (await this.ready().users.insert(u, { ifNotExists: true })).wasApplied();
  }

  async nearest(vector: readonly number[]): Promise<readonly object[]> {
    if (this.nearestOf === undefined) throw new Error('driver Mapper: setup() was not called');
    return (await this.nearestOf(vector)).toArray() as object[];
  }

  driverClients(): readonly cassandra.Client[] {
    if (this.client === undefined) throw new Error('driver Mapper: setup() was not called');
    return [this.client];
  }

  async close(): Promise<void> {
    await this.client?.shutdown();
  }
}

/** cassandra-driver's object Mapper. */
export const driverMapper: ContenderPlugin = {
  name: 'driver Mapper',
  library: 'cassandra-driver mapping',
  ownCode: ['/node_modules/cassandra-driver/lib/mapping/'],
  create: (node) => new DriverMapper(node),
};
