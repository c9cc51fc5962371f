// Authentication on the PasswordAuthenticator node through named connections: USER/PASSWORD from the
// DATABASES shape, a custom auth provider, a wrong password, and a role lacking a permission. No
// password ever reaches an error, its stack, a log line or the printed settings.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { Connection, ConnectionRegistry, fromDjangoDatabases } from '../../../src/index.js';
import { AuthenticationError, UnauthorizedError } from '../../../src/public/errors.js';
import { adminClient, createKeyspace, testNode, uniqueKeyspace } from '../../support/test-node.js';
import { nodeOptions } from './support/options.js';

// The typings declare AuthProvider as an interface; at run time it is the class the driver checks with instanceof.
const AuthProviderBase = (cassandra.auth as unknown as { AuthProvider: new () => cassandra.auth.AuthProvider }).AuthProvider;

/** Counts how often the driver asked it for an authenticator. */
class CountingAuthProvider extends AuthProviderBase {
  calls = 0;
  private readonly inner: cassandra.auth.PlainTextAuthProvider;
  constructor(username: string, password: string) {
    super();
    this.inner = new cassandra.auth.PlainTextAuthProvider(username, password);
  }
  override newAuthenticator(endpoint: string, name: string): cassandra.auth.Authenticator {
    this.calls++;
    return this.inner.newAuthenticator(endpoint, name);
  }
}

async function failure(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('authentication through named connections', () => {
  const keyspace = uniqueKeyspace('it_auth');
  const role = `it_reader_${randomBytes(4).toString('hex')}`;
  const rolePassword = `Rd-${randomBytes(8).toString('hex')}`;
  let admin: cassandra.Client;
  let dropKeyspace: () => Promise<void>;

  before(async () => {
    admin = adminClient();
    dropKeyspace = await createKeyspace(admin, keyspace);
    await admin.execute(`CREATE TABLE ${keyspace}.notes (id int PRIMARY KEY, body text)`);
    await admin.execute(`INSERT INTO ${keyspace}.notes (id, body) VALUES (1, 'hello')`);
    await admin.execute(`CREATE ROLE ${role} WITH PASSWORD = '${rolePassword}' AND LOGIN = true`);
    await admin.execute(`GRANT SELECT ON KEYSPACE ${keyspace} TO ${role}`);
  });

  after(async () => {
    await admin.execute(`DROP ROLE IF EXISTS ${role}`);
    await dropKeyspace();
    await admin.shutdown();
  });

  it('logs in with USER/PASSWORD from the DATABASES shape', async () => {
    const node = testNode();
    const registry = new ConnectionRegistry(
      fromDjangoDatabases({
        default: { ENGINE: 'django.db.backends.sqlite3', NAME: ':memory:' },
        notes: { ENGINE: 'django_cassandra_engine', NAME: keyspace, USER: role, PASSWORD: rolePassword, HOST: node.contactPoints.join(','), OPTIONS: { connection: { local_dc: node.localDataCenter } } },
      }),
    );
    try {
      const rows = await registry.get().cursor().execute('SELECT body FROM notes WHERE id = ?', [1]);
      expect(rows).to.deep.equal([{ body: 'hello' }]);
      expect(registry.get().settings.username).to.equal(role);
      // Printing the connection, its settings or even the live driver client never shows the password.
      const printed = [
        inspect(registry.get(), { depth: 10 }),
        inspect(registry.get().settings, { depth: 10, showHidden: true }),
        inspect(registry.get().client, { depth: 6 }),
        JSON.stringify(registry.get().settings),
      ].join('\n');
      expect(printed).to.contain(role);
      expect(printed).not.to.contain(rolePassword);
    } finally {
      await registry.closeAll();
    }
  });

  it('uses a custom auth provider as given', async () => {
    const provider = new CountingAuthProvider(role, rolePassword);
    const connection = new Connection(nodeOptions({ keyspace, username: undefined, password: undefined, authProvider: provider } as never));
    try {
      const rows = await connection.cursor().execute('SELECT body FROM notes WHERE id = 1');
      expect(rows).to.deep.equal([{ body: 'hello' }]);
      expect(provider.calls).to.be.greaterThan(0);
    } finally {
      await connection.close();
    }
  });

  it('rejects a wrong password with AuthenticationError naming the alias and user, never the password', async () => {
    const wrong = `Wrong-${randomBytes(6).toString('hex')}`;
    const lines: string[] = [];
    const registry = new ConnectionRegistry({
      connections: { notes: nodeOptions({ keyspace, username: role, password: wrong, logger: (level, message) => lines.push(`${level} ${message}`) }) },
    });
    try {
      const error = await failure(() => registry.get().cursor().execute('SELECT body FROM notes'));
      expect(error).to.be.instanceOf(AuthenticationError);
      expect(error.message).to.match(new RegExp(`^Connection 'notes': authentication failed for user '${role}'`));
      expect(error.cause).to.be.instanceOf(Error);
      const everything = [error.message, error.stack ?? '', inspect(error, { depth: 2 }), inspect(registry.get().settings), JSON.stringify(registry.get().settings), ...lines].join('\n');
      expect(everything).not.to.contain(wrong);
    } finally {
      await registry.closeAll();
    }
  });

  it('a role without MODIFY gets UnauthorizedError with the CQL, not the bound values', async () => {
    const connection = new Connection(nodeOptions({ keyspace, username: role, password: rolePassword }));
    try {
      const cql = 'INSERT INTO notes (id, body) VALUES (?, ?)';
      const error = await failure(() => connection.cursor().execute(cql, [2, 'bound-value-xyz']));
      expect(error).to.be.instanceOf(UnauthorizedError);
      expect((error as UnauthorizedError).cql).to.equal(cql);
      expect(error.message).to.contain('MODIFY');
      expect(error.message).not.to.contain('bound-value-xyz');
      expect(error.cause).to.be.instanceOf(cassandra.errors.ResponseError);
    } finally {
      await connection.close();
    }
  });
});
