// Authentication against a PasswordAuthenticator cluster: USER/PASSWORD in Django's DATABASES shape,
// a custom driver auth provider, and what a wrong password looks like (the user is named, never the password).
// Run it with `npm run build && node dist/examples/auth.js` (environment: CASSANDRA_CONTACT_POINTS, ...).
import cassandra from 'cassandra-driver';
import { Connection, ConnectionRegistry, fromDjangoDatabases } from 'cassandra-orm';
import { AuthenticationError } from 'cassandra-orm/errors';

const env = process.env;
const host = env['CASSANDRA_CONTACT_POINTS'] ?? '127.0.0.1';
const dc = env['CASSANDRA_LOCAL_DC'] ?? 'datacenter1';
const user = env['CASSANDRA_USERNAME'] ?? 'cassandra';
const password = env['CASSANDRA_PASSWORD'] ?? 'cassandra';

// 1. USER and PASSWORD, exactly as a django-cassandra-engine settings file has them.
const registry = new ConnectionRegistry(
  fromDjangoDatabases({
    default: { ENGINE: 'django.db.backends.sqlite3', NAME: 'app.sqlite3' },
    cassandra: {
      ENGINE: 'django_cassandra_engine',
      NAME: 'system',
      HOST: host,
      USER: user,
      PASSWORD: password,
      OPTIONS: { connection: { local_dc: dc } },
    },
  }),
);
try {
  const rows = await registry.get('cassandra').cursor().execute('SELECT cluster_name FROM system.local');
  console.log(`DATABASES USER/PASSWORD: logged in as '${user}', ${rows.length} row from system.local`);
} finally {
  await registry.closeAll();
}

// 2. Any driver auth provider (Kerberos, LDAP proxies, ...) is passed through untouched.
const custom = new Connection({
  alias: 'custom-auth',
  contactPoints: host,
  localDataCenter: dc,
  authProvider: new cassandra.auth.PlainTextAuthProvider(user, password),
});
try {
  await custom.execute('SELECT cluster_name FROM system.local');
  console.log('custom authProvider: logged in');
} finally {
  await custom.close();
}

// 3. A wrong password: a typed error naming the connection and the user, never the password.
const wrongPassword = 'not-the-password-0';
const wrong = new Connection({ alias: 'wrong', contactPoints: host, localDataCenter: dc, username: user, password: wrongPassword });
try {
  await wrong.connect();
  console.log('wrong password: unexpectedly accepted');
} catch (error) {
  const ok = error instanceof AuthenticationError && !error.message.includes(wrongPassword);
  console.log(`wrong password: ${error instanceof Error ? error.name : 'error'}, password kept out of the message: ${ok}`);
  console.log(`  ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await wrong.close();
}
