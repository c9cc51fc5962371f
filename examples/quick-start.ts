// Quick start: connect to Cassandra, create a keyspace and a table, write and read rows.
// Run it with `npm run example` (starts a local node when none is running).
import { Connection } from '../src/index.js';

const connection = new Connection({
  contactPoints: process.env['CASSANDRA_CONTACT_POINTS'] ?? '127.0.0.1',
  localDataCenter: process.env['CASSANDRA_LOCAL_DC'] ?? 'datacenter1',
  username: process.env['CASSANDRA_USERNAME'] ?? 'cassandra',
  password: process.env['CASSANDRA_PASSWORD'] ?? 'cassandra',
});

try {
  await connection.execute(
    "CREATE KEYSPACE IF NOT EXISTS quick_start WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
  );
  await connection.execute('CREATE TABLE IF NOT EXISTS quick_start.notes (id int PRIMARY KEY, body text)');
  await connection.execute('INSERT INTO quick_start.notes (id, body) VALUES (?, ?)', [1, 'hello from cassandra-orm']);
  const rs = await connection.execute('SELECT id, body FROM quick_start.notes WHERE id = ?', [1]);
  console.log(rs.rows.map((r) => ({ id: r['id'], body: r['body'] })));
  await connection.execute('DROP KEYSPACE quick_start');
} finally {
  await connection.close();
}
