// cassandra-orm: decorated entity classes, tables created by its schema sync, repositories and a
// batch builder; entity instances out; default options, as an application gets them. Two contenders:
// one whose entities carry no class-validator constraints (so nothing is validated), and one whose
// users entity has constraints on every column, so that each insert and patch runs class-validator.
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
  VectorIndex,
} from '../../../src/index.js';
import type cassandra from 'cassandra-driver';
import { IsBoolean, IsDate, IsEmail, IsInt, IsNumber, Length, Max, Min } from 'class-validator';
import type { BenchNode } from '../bench-node.js';
import type { EventRow, UserRow } from '../data.js';
import { NEAREST_LIMIT, VECTOR_DIMENSIONS } from '../vector-data.js';
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

/** The same users table, each column constrained as an application would (checked on every write). */
@Table({ name: 'users' })
class ValidatedUser {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) @IsInt() id!: number;
  @Column({ type: 'text' }) @Length(1, 200) name!: string;
  @Column({ type: 'text' }) @IsEmail() email!: string;
  @Column({ type: 'int' }) @IsInt() @Min(0) @Max(200) age!: number;
  @Column({ type: 'double' }) @IsNumber() score!: number;
  @Column({ type: 'boolean' }) @IsBoolean() active!: boolean;
  @Column({ type: 'timestamp' }) @IsDate() created!: Date;
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

@Table({ name: 'items' })
class Item {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: `vector<float, ${VECTOR_DIMENSIONS}>` }) @VectorIndex({ similarity: 'COSINE' }) embedding!: number[];
}

class CassandraOrm implements Contender {
  private connection: Connection | undefined;
  private users: Repository<User | ValidatedUser> | undefined;
  private events: Repository<Event> | undefined;
  private items: Repository<Item> | undefined;

  constructor(private readonly node: BenchNode, private readonly userClass: typeof User | typeof ValidatedUser) {}

  private ready(): { users: Repository<User | ValidatedUser>; events: Repository<Event> } {
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
    await syncSchema(this.connection, [this.userClass, Event, Item], { keyspace: { name: keyspace } });
    this.users = new Repository<User | ValidatedUser>(this.connection, this.userClass);
    this.events = new Repository(this.connection, Event);
    this.items = new Repository(this.connection, Item);
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
    // stream(), the row-at-a-time form users call (docs/querying.md); pages() would be cheaper per row.
    let count = 0;
    for await (const event of this.ready().events.stream((q) => q.where('bucket', '=', bucket), { pageSize })) {
      onRow(event);
      count++;
    }
    return count;
  }

  async readPage(bucket: number, pageSize: number, token: string | undefined): Promise<{ rows: readonly object[]; next: string | undefined }> {
    // page(), whose tokens are signed (a token handed to a client cannot be edited into another query's).
    const page = await this.ready().events.page((q) => q.where('bucket', '=', bucket), { pageSize, ...(token !== undefined ? { pageToken: token } : {}) });
    return { rows: page.rows, next: page.nextPageToken };
  }

  async insertIfAbsent(u: UserRow): Promise<boolean> {
    return (await this.ready().users.insert(u, { ifNotExists: true })).applied;
  }

  async nearest(vector: readonly number[]): Promise<readonly object[]> {
    // The documented form (docs/vector-search.md); it sends the fetch size and consistency of annDriverOptions.
    if (this.items === undefined) throw new Error('cassandra-orm: setup() was not called');
    return this.items.nearest('embedding', vector, { limit: NEAREST_LIMIT });
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

/** cassandra-orm repositories; the entities have no class-validator constraints. */
export const cassandraOrm: ContenderPlugin = {
  name: 'cassandra-orm',
  library: 'cassandra-orm',
  // The compiled library (dist/src/), not this file: the bench's glue is the harness's.
  ownCode: [new URL('../../../src/', import.meta.url).href],
  create: (node) => new CassandraOrm(node, User),
};

/** cassandra-orm repositories whose users entity has class-validator constraints on every column. */
export const cassandraOrmValidated: ContenderPlugin = {
  name: 'cassandra-orm (validated)',
  library: 'cassandra-orm',
  // No ownCode: it runs the same library code as the contender above, which --profile attributes to it.
  create: (node) => new CassandraOrm(node, ValidatedUser),
};
