// Cassandra as the secondary database: the application's default database is SQLite (through sql.js,
// a real SQLite compiled to WebAssembly), and its Cassandra alias, configured with the same DATABASES
// shape a Django project uses, holds the events. The Cassandra models are synced, then read and written
// through the raw CQL cursor. Run it with `npm run example:secondary` (starts a local node when none runs).
import initSqlJs from 'sql.js';
import {
  ClusteringKey,
  Column,
  ConnectionRegistry,
  PartitionKey,
  Table,
  fromDjangoDatabases,
  syncSchema,
  type DjangoDatabases,
} from 'cassandra-orm';

@Table('user_events')
class UserEvent {
  @PartitionKey({ type: 'int' }) userId!: number;
  @ClusteringKey({ type: 'int' }) seq!: number;
  @Column() kind!: string;
  @Column() detail?: string;
}

const env = process.env;
const DATABASES: DjangoDatabases = {
  default: { ENGINE: 'django.db.backends.sqlite3', NAME: ':memory:' },
  events: {
    ENGINE: 'django_cassandra_engine',
    NAME: env['EXAMPLE_KEYSPACE'] ?? 'secondary_database_example',
    USER: env['CASSANDRA_USERNAME'] ?? 'cassandra',
    PASSWORD: env['CASSANDRA_PASSWORD'] ?? 'cassandra',
    HOST: env['CASSANDRA_CONTACT_POINTS'] ?? '127.0.0.1',
    OPTIONS: {
      replication: { strategy_class: 'SimpleStrategy', replication_factor: 1 },
      connection: { consistency: 'LOCAL_QUORUM', retry_connect: true, local_dc: env['CASSANDRA_LOCAL_DC'] ?? 'datacenter1' },
      session: { default_timeout: 10, default_fetch_size: 1000 },
    },
  },
};

// The relational default database: users live here.
const SQL = await initSqlJs();
const sqlite = new SQL.Database();
sqlite.run('CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
for (const [id, name] of [[1, 'ada'], [2, "o'brien"], [3, 'cleo']] as const) sqlite.run('INSERT INTO users (id, name) VALUES (?, ?)', [id, name]);
const users = sqlite.exec('SELECT id, name FROM users ORDER BY id')[0]?.values.map(([id, name]) => ({ id: Number(id), name: String(name) })) ?? [];
console.log(`sqlite users: ${users.map((u) => u.name).join(', ')}`);

// The Cassandra alias: only the django_cassandra_engine alias is read; the sqlite default is ignored.
const registry = await ConnectionRegistry.open(fromDjangoDatabases(DATABASES));
const events = registry.get('events');
try {
  const sync = await syncSchema(events, [UserEvent], { keyspace: events.keyspaceDefinition() });
  console.log(`cassandra sync: ${sync.applied.map((c) => c.kind).join(', ') || 'nothing to do'}`);

  const cursor = events.cursor();
  const kinds = ['signup', 'login', 'purchase'];
  for (const user of users) {
    for (const [seq, kind] of kinds.slice(0, user.id).entries()) {
      await cursor.execute('INSERT INTO user_events (user_id, seq, kind, detail) VALUES (?, ?, ?, ?)', [user.id, seq, kind, `${kind} by ${user.name}`]);
    }
  }

  const total = (await cursor.execute('SELECT COUNT(*) FROM user_events'))[0]?.['count'];
  console.log(`cassandra events: ${String(total)}`);
  for (const user of users) {
    const [row] = await cursor.execute('SELECT COUNT(*) AS n FROM user_events WHERE user_id = ?', [user.id]);
    const seen: string[] = [];
    for await (const event of cursor.stream('SELECT kind, detail FROM user_events WHERE user_id = ?', [user.id], { pageSize: 2 })) {
      seen.push(String(event['kind']));
    }
    console.log(`${user.name}: ${String(row?.['n'])} events (${seen.join(', ')})`);
  }
} finally {
  await events.execute(`DROP KEYSPACE IF EXISTS ${events.keyspace}`);
  await registry.closeAll();
  sqlite.close();
}
console.log('done: keyspace dropped, pools closed');
