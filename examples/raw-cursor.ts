// Raw CQL through the cursor: any statement, parameters always bound, rows as plain objects,
// COUNT(*) as a bigint, pages you can stop and resume later, and row-by-row streaming.
// Run it with `npm run build && node dist/examples/raw-cursor.js` (environment: CASSANDRA_CONTACT_POINTS, ...).
import { Connection } from 'cassandra-orm';

const env = process.env;
const keyspace = env['EXAMPLE_KEYSPACE'] ?? 'raw_cursor_example';
const connection = new Connection({
  alias: 'example',
  contactPoints: env['CASSANDRA_CONTACT_POINTS'] ?? '127.0.0.1',
  localDataCenter: env['CASSANDRA_LOCAL_DC'] ?? 'datacenter1',
  username: env['CASSANDRA_USERNAME'] ?? 'cassandra',
  password: env['CASSANDRA_PASSWORD'] ?? 'cassandra',
});
const cursor = connection.cursor();

try {
  await cursor.execute(`CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
  await cursor.execute(`CREATE TABLE IF NOT EXISTS ${keyspace}.users (id int PRIMARY KEY, name text)`);
  for (let id = 1; id <= 25; id++) {
    await cursor.execute(`INSERT INTO ${keyspace}.users (id, name) VALUES (?, ?)`, [id, `user ${id}`]);
  }

  // As in django-cassandra-engine: cursor.execute("SELECT COUNT(*) ...")[0]['count'].
  const [counted] = await cursor.execute<{ count: bigint }>(`SELECT COUNT(*) AS count FROM ${keyspace}.users`);
  console.log(`users: ${counted?.count} (${typeof counted?.count})`);

  // Values are bound, never spliced into the CQL: this string is stored as it is.
  const sneaky = "x'); DROP TABLE users; --";
  await cursor.execute(`INSERT INTO ${keyspace}.users (id, name) VALUES (?, ?)`, [100, sneaky]);
  const [stored] = await cursor.execute<{ name: string }>(`SELECT name FROM ${keyspace}.users WHERE id = ?`, [100]);
  console.log(`stored verbatim: ${stored?.name === sneaky}`);

  // One page now; its nextPageToken resumes later (even in another process, e.g. the next HTTP request).
  const first = await cursor.page(`SELECT id FROM ${keyspace}.users`, [], { pageSize: 10 });
  console.log(`first page: ${first.rows.length} rows, more to come: ${first.nextPageToken !== undefined}`);
  let total = first.rows.length;
  for await (const page of cursor.pages(`SELECT id FROM ${keyspace}.users`, [], { pageSize: 10, pageToken: first.nextPageToken })) {
    total += page.rows.length;
  }
  console.log(`after resuming: ${total} rows`);

  // Row by row, holding one page of 7 rows at a time.
  let streamed = 0;
  for await (const row of cursor.stream<{ id: number }>(`SELECT id FROM ${keyspace}.users`, [], { pageSize: 7 })) {
    if (typeof row.id === 'number') streamed++;
  }
  console.log(`streamed: ${streamed} rows`);
} finally {
  await cursor.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => undefined);
  await connection.close();
}
