// Testing your own application: a throw-away keyspace per test run, synced from your entities,
// truncated between tests and dropped at the end. This file plays a tiny test run without mocha;
// the README shows the same steps as mocha hooks.
import 'reflect-metadata';
import { Column, Connection, PartitionKey, Table } from 'cassandra-orm';
import { TestKeyspace } from 'cassandra-orm/testing';

@Table('orders')
class Order {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column() customer!: string;
}

const env = process.env;
// The app's own connection settings. The keyspace `shop` need not exist (it does not on a CI machine);
// `testKeyspace` is Django's TEST_NAME (default `test_shop`).
const connection = new Connection({
  contactPoints: env['CASSANDRA_CONTACT_POINTS'] ?? '127.0.0.1',
  localDataCenter: env['CASSANDRA_LOCAL_DC'] ?? 'datacenter1',
  username: env['CASSANDRA_USERNAME'] ?? 'cassandra',
  password: env['CASSANDRA_PASSWORD'] ?? 'cassandra',
  keyspace: 'shop',
  ...(env['EXAMPLE_KEYSPACE'] ? { testKeyspace: env['EXAMPLE_KEYSPACE'] } : {}),
});

// before(): a fresh test keyspace, synced from the entities; a stale one left by a crashed run is dropped first.
const kit = await TestKeyspace.create(connection, [Order], { name: connection.testKeyspace });
const db = connection.useKeyspace(kit.name).cursor();
try {
  console.log(`test keyspace ${kit.name === (env['EXAMPLE_KEYSPACE'] ?? 'test_shop') ? 'created' : 'misnamed'}, tables: ${kit.sync.applied.filter((c) => c.kind === 'create-table').length}`);

  // test 1 writes...
  await db.execute('INSERT INTO orders (id, customer) VALUES (?, ?)', [1, 'ada']);
  const [before] = await db.execute<{ n: bigint }>('SELECT COUNT(*) AS n FROM orders');
  console.log(`test 1 sees ${before?.n} order(s)`);

  // afterEach(): every entity table emptied, so test 2 starts clean.
  await kit.truncate();
  const [after] = await db.execute<{ n: bigint }>('SELECT COUNT(*) AS n FROM orders');
  console.log(`test 2 sees ${after?.n} order(s)`);
} finally {
  // after(): the keyspace goes away.
  await kit.drop();
  await connection.close();
}
console.log('test keyspace dropped');
