// The Nest application of examples/nestjs/notes-app.ts, served over HTTP on a free port: it writes two
// notes and reads them back through its own REST routes, checks its health route, then shuts down
// (which closes every connection). Run it with `npm run example:nestjs`.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Connection, type DjangoDatabases } from 'cassandra-orm';
import { notesAppModule } from './nestjs/notes-app.js';

const env = process.env;
const base = env['EXAMPLE_KEYSPACE'] ?? 'nestjs_example';
const alias = (name: string) => ({
  ENGINE: 'django_cassandra_engine',
  NAME: `${base.slice(0, 42)}_${name}`,
  USER: env['CASSANDRA_USERNAME'] ?? 'cassandra',
  PASSWORD: env['CASSANDRA_PASSWORD'] ?? 'cassandra',
  HOST: env['CASSANDRA_CONTACT_POINTS'] ?? '127.0.0.1',
  OPTIONS: { connection: { local_dc: env['CASSANDRA_LOCAL_DC'] ?? 'datacenter1' } },
});
const DATABASES: DjangoDatabases = { notes: alias('notes'), audit: alias('audit') };

const app = await NestFactory.create(notesAppModule(DATABASES), { logger: false });
app.enableShutdownHooks();
await app.listen(0, '127.0.0.1');
const url = await app.getUrl();
try {
  for (const [seq, body] of [[1, 'hello'], [2, 'again']] as const) {
    const response = await fetch(`${url}/notes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ author: 'ada', seq, body }) });
    console.log(`POST /notes ${seq}: ${response.status} ${await response.text()}`);
  }
  const listed = await fetch(`${url}/notes/ada`);
  console.log(`GET /notes/ada: ${listed.status} ${await listed.text()}`);
  const health = (await (await fetch(`${url}/health`)).json()) as Record<string, { status: string }>;
  console.log(`GET /health: notes ${health['notes']?.status}, audit ${health['audit']?.status}`);
} finally {
  await app.close();
  // Leave nothing behind: drop the two keyspaces the application synced.
  const cleanup = new Connection({
    contactPoints: env['CASSANDRA_CONTACT_POINTS'] ?? '127.0.0.1',
    localDataCenter: env['CASSANDRA_LOCAL_DC'] ?? 'datacenter1',
    username: env['CASSANDRA_USERNAME'] ?? 'cassandra',
    password: env['CASSANDRA_PASSWORD'] ?? 'cassandra',
  });
  for (const name of ['notes', 'audit']) await cleanup.execute(`DROP KEYSPACE IF EXISTS ${alias(name).NAME}`, [], { prepare: false });
  await cleanup.close();
  console.log('closed: application shut down, keyspaces dropped');
}
