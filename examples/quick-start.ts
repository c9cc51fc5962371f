// Quick start: define an entity, sync its table, write rows, query a partition and page through it.
// Run it with `npm run example` (builds, starts or reuses a local node, runs this file).
import 'reflect-metadata';
import { ClusteringKey, Column, Connection, PartitionKey, Table, syncSchema } from '../src/index.js';

// 1. Define: one class per table. Keys and every non-obvious type are explicit.
@Table({ name: 'notes', options: { comment: 'quick start notes' } })
class Note {
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
});

try {
  // 2. Sync: creates the keyspace and the table; a second sync finds nothing to do.
  const first = await syncSchema(connection, [Note], { keyspace: { name: keyspace } });
  console.log(`sync: ${first.applied.map((c) => c.description).join('; ')}`);
  const second = await syncSchema(connection, [Note], { keyspace: { name: keyspace } });
  console.log(`second sync: ${second.applied.length} change(s)`);

  // 3. Write: parameters are always bound (prepared statements).
  const cursor = connection.cursor();
  for (let seq = 1; seq <= 12; seq++) {
    await cursor.execute(`INSERT INTO ${keyspace}.notes (author, seq, body, tags) VALUES (?, ?, ?, ?)`, [
      'ada', seq, `note ${seq}`, seq % 2 === 0 ? ['even'] : ['odd'],
    ]);
  }

  // 4. Query one partition: newest first, thanks to the DESC clustering order.
  const latest = await cursor.execute<{ seq: number; body: string }>(`SELECT seq, body FROM ${keyspace}.notes WHERE author = ? LIMIT 3`, ['ada']);
  console.log(`latest: ${latest.map((n) => `${n.seq} ${n.body}`).join(', ')}`);

  // 5. Page: 5 rows at a time; the page state resumes where the last page stopped.
  let pageState: string | undefined;
  const sizes: number[] = [];
  do {
    const page = await cursor.page(`SELECT seq FROM ${keyspace}.notes WHERE author = ?`, ['ada'], { pageSize: 5, ...(pageState !== undefined ? { pageState } : {}) });
    sizes.push(page.rows.length);
    pageState = page.pageState;
  } while (pageState !== undefined);
  console.log(`pages: ${sizes.join(' + ')} rows`);
} finally {
  await connection.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => undefined);
  await connection.close();
}
