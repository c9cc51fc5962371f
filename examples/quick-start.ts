// Quick start: define an entity, sync its table, write, query a partition and page through it.
// Run it with `npm run example` (builds, starts or reuses a local node, runs this file).
import 'reflect-metadata';
import { ClusteringKey, Column, Connection, KeyShape, PartitionKey, Repository, Table, syncSchema } from 'cassandra-orm';

// 1. Define: one class per table. Keys, and every type TypeScript cannot tell apart, are explicit.
@Table({ name: 'notes', options: { comment: 'quick start notes' } })
class Note {
  // Optional: states the key for the type checker, so an illegal query shape is a compile error.
  declare readonly [KeyShape]?: { partition: ['author']; clustering: ['seq'] };
  @PartitionKey() author!: string;
  @ClusteringKey({ type: 'int', order: 'DESC' }) seq!: number;
  @Column() body!: string;
  @Column({ type: 'set<text>' }) tags?: Set<string>;
}

const env = process.env;
const keyspace = env['EXAMPLE_KEYSPACE'] ?? 'quick_start';
const connection = new Connection({
  contactPoints: env['CASSANDRA_CONTACT_POINTS'] ?? '127.0.0.1',
  localDataCenter: env['CASSANDRA_LOCAL_DC'] ?? 'datacenter1',
  username: env['CASSANDRA_USERNAME'] ?? 'cassandra',
  password: env['CASSANDRA_PASSWORD'] ?? 'cassandra',
  keyspace,
});

try {
  // 2. Sync: creates the keyspace and the table; a second sync finds nothing to do.
  const first = await syncSchema(connection, [Note], { keyspace: { name: keyspace } });
  console.log(`sync: ${first.applied.map((c) => c.description).join('; ')}`);
  const second = await syncSchema(connection, [Note], { keyspace: { name: keyspace } });
  console.log(`second sync: ${second.applied.length} change(s)`);

  // 3. Write: prepared INSERTs; undefined properties are left unset, never written as null.
  const notes = new Repository(connection, Note);
  for (let seq = 1; seq <= 12; seq++) {
    await notes.insert(Object.assign(new Note(), { author: 'ada', seq, body: `note ${seq}`, tags: new Set([seq % 2 === 0 ? 'even' : 'odd']) }));
  }
  const created = await notes.insert(Object.assign(new Note(), { author: 'ada', seq: 1, body: 'again' }), { ifNotExists: true });
  console.log(`insert if not exists of an existing note applied: ${created.applied}`);

  // 4. Query one partition: newest first, thanks to the DESC clustering order; rows are Note instances.
  const latest = await notes.find((q) => q.where('author', '=', 'ada').limit(3));
  console.log(`latest: ${latest.map((n) => `${n.seq} ${n.body} [${[...(n.tags ?? [])].join(',')}]`).join(', ')}`);
  console.log(`count: ${await notes.count((q) => q.where('author', '=', 'ada'))}, instances of Note: ${latest.every((n) => n instanceof Note)}`);

  // 5. Page: 5 at a time with an opaque, tamper-evident page token you can hand to an API client.
  const sizes: number[] = [];
  let pageToken: string | undefined;
  do {
    const page = await notes.page((q) => q.where('author', '=', 'ada'), { pageSize: 5, pageToken });
    sizes.push(page.rows.length);
    pageToken = page.nextPageToken;
  } while (pageToken !== undefined);
  console.log(`pages: ${sizes.join(' + ')} notes`);
} finally {
  await connection.useKeyspace('system').execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => undefined);
  await connection.close();
}
