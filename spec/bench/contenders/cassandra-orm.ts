// cassandra-orm: decorated entity classes, tables created by its schema sync, repositories and a
// batch builder; entity instances out. Default options (validation on), as an application gets them.
import {
  batch,
  ClusteringKey,
  Column,
  Connection,
  KeyShape,
  PartitionKey,
  Repository,
  syncSchema,
  Table,
} from '../../../src/index.js';
import type cassandra from 'cassandra-driver';
import type { BenchNode } from '../bench-node.js';
import type { EventRow, UserRow } from '../data.js';
import type { Contender, ContenderPlugin } from './contender.js';

@Table({ name: 'users' })
class User {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) email!: string;
  @Column({ type: 'int' }) age!: number;
  @Column({ type: 'double' }) score!: number;
  @Column({ type: 'boolean' }) active!: boolean;
  @Column({ type: 'timestamp' }) created!: Date;
}

@Table({ name: 'events' })
class Event {
  declare readonly [KeyShape]?: { partition: ['bucket']; clustering: ['seq'] };
  @PartitionKey({ type: 'int' }) bucket!: number;
  @ClusteringKey({ type: 'int', order: 'ASC' }) seq!: number;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'double' }) value!: number;
  @Column({ type: 'text' }) payload!: string;
}

class CassandraOrm implements Contender {
  private connection: Connection | undefined;
  private users: Repository<User> | undefined;
  private events: Repository<Event> | undefined;

  constructor(private readonly node: BenchNode) {}

  private ready(): { users: Repository<User>; events: Repository<Event> } {
    if (this.users === undefined || this.events === undefined) throw new Error('cassandra-orm: setup() was not called');
    return { users: this.users, events: this.events };
  }

  async setup(keyspace: string): Promise<void> {
    this.connection = new Connection({
      alias: 'bench',
      contactPoints: this.node.contactPoints,
      localDataCenter: this.node.localDataCenter,
      username: this.node.username,
      password: this.node.password,
      keyspace,
    });
    await this.connection.connect();
    await syncSchema(this.connection, [User, Event], { keyspace: { name: keyspace } });
    this.users = new Repository(this.connection, User);
    this.events = new Repository(this.connection, Event);
  }

  async insert(u: UserRow): Promise<void> {
    await this.ready().users.insert(u);
  }

  async readByKey(id: number): Promise<object | undefined> {
    return this.ready().users.findOne({ id });
  }

  async updateScore(id: number, score: number): Promise<void> {
    // The object form, as the Mapper contender's update({ id, score }); update({ id }, q => q.set('score',
    // score)) sends the same statement through the builder, at more CPU per call (README: Writes).
    await this.ready().users.patch({ id }, { score });
  }

  async insertBatch(rows: readonly EventRow[]): Promise<void> {
    const { events } = this.ready();
    await rows.reduce((b, e) => b.insert(events, e), batch('logged')).execute();
  }

  async scanPartition(bucket: number): Promise<readonly object[]> {
    return this.ready().events.findPartition({ bucket }, { fetchSize: 1_000_000 });
  }

  async streamPartition(bucket: number, pageSize: number, onRow: (row: object) => void): Promise<number> {
    // A page at a time, as the raw driver and the Mapper contenders page (stream() hands rows out one
    // promise at a time, which costs more per row).
    let count = 0;
    for await (const { rows: items } of this.ready().events.pages((q) => q.where('bucket', '=', bucket), { pageSize })) {
      for (const event of items) onRow(event);
      count += items.length;
    }
    return count;
  }

  driverClients(): readonly cassandra.Client[] {
    if (this.connection === undefined) throw new Error('cassandra-orm: setup() was not called');
    // Every statement of the repositories goes through the client of the connection's keyspace.
    return [this.connection.client];
  }

  async close(): Promise<void> {
    await this.connection?.close();
  }
}

/** cassandra-orm repositories. */
export const cassandraOrm: ContenderPlugin = {
  name: 'cassandra-orm',
  library: 'cassandra-orm',
  // The compiled library (dist/src/), not this file: the bench's glue is the harness's.
  ownCode: [new URL('../../../src/', import.meta.url).href],
  create: (node) => new CassandraOrm(node),
};
