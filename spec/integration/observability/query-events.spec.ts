// The query hook and the slow-query log on the real node: what `observe.onQuery` receives for a read,
// a write and a failure, values only with `includeValues` and never a secret column's, the server's
// large-batch warning, and the slow-query line through the connection's logger.
import 'reflect-metadata';
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { ClusteringKey, Column, PartitionKey } from '../../../src/decorators/column.js';
import { Table } from '../../../src/decorators/table.js';
import { Connection } from '../../../src/connection/connection.js';
import type { ConnectionOptions } from '../../../src/connection/connection-settings.js';
import { Repository } from '../../../src/repository/repository.js';
import { batch } from '../../../src/repository/batch.js';
import { syncSchema } from '../../../src/schema/sync.js';
import { dropKeyspaceCql } from '../../../src/schema/keyspace-ddl.js';
import type { QueryEvent } from '../../../src/observability/index.js';
import { ConfigError, UnavailableError } from '../../../src/errors.js';
import { ConnectionRegistry } from '../../../src/config/registry.js';
import { fromDjangoDatabases } from '../../../src/config/django-databases.js';
import { testNode, uniqueKeyspace } from '../../support/test-node.js';

@Table('accounts')
class Account {
  @PartitionKey({ type: 'text' }) login!: string;
  @ClusteringKey({ type: 'int' }) n!: number;
  @Column({ type: 'text', secret: true }) token!: string;
  @Column({ type: 'text' }) note!: string;
}

const TOKEN = 'tok-secret-9d1e';

describe('observability: query events and the slow-query log (real node)', function () {
  this.timeout(120_000);
  let keyspace: string;
  const opened: Connection[] = [];

  const open = (extra: Partial<ConnectionOptions>): Connection => {
    const node = testNode();
    const connection = new Connection({
      alias: 'events', contactPoints: node.contactPoints, localDataCenter: node.localDataCenter,
      username: node.username, password: node.password, keyspace, ...extra,
    });
    opened.push(connection);
    return connection;
  };
  const account = (n: number, note = 'hello'): Account => Object.assign(new Account(), { login: 'ada', n, token: TOKEN, note });

  before(async () => {
    keyspace = uniqueKeyspace('observe_events');
    await syncSchema(open({}), [Account], { keyspace: { name: keyspace } });
  });

  after(async () => {
    await opened[0]?.execute(dropKeyspaceCql(keyspace), [], { prepare: false }).catch(() => undefined);
    for (const c of opened) await c.close();
  });

  it('counts retries on the same host, which the driver reports only to its retry policy', async () => {
    // A keyspace asking for three replicas on a one-node cluster: a QUORUM read is refused as
    // unavailable at once, every time. The user's policy retries it on the same host twice.
    class SameHostTwice extends cassandra.policies.retry.RetryPolicy {
      decisions = 0;
      override onUnavailable(info: cassandra.policies.retry.OperationInfo): cassandra.policies.retry.DecisionInfo {
        this.decisions++;
        return info.nbRetry < 2 ? this.retryResult(cassandra.types.consistencies.quorum, true) : this.rethrowResult();
      }
    }
    const policy = new SameHostTwice();
    const events: QueryEvent[] = [];
    const connection = open({ observe: { onQuery: (e) => events.push(e) }, clientOptions: { policies: { retry: policy } } });
    const thin = `${keyspace}_rf3`;
    await connection.execute(`CREATE KEYSPACE IF NOT EXISTS ${thin} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}`, [], { prepare: false });
    try {
      await connection.execute(`CREATE TABLE IF NOT EXISTS ${thin}.t (k int PRIMARY KEY)`, [], { prepare: false });
      events.length = 0;
      let error: unknown;
      try {
        await connection.execute(`SELECT k FROM ${thin}.t WHERE k = ?`, [1], { consistency: 'QUORUM' });
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(UnavailableError);
      expect(policy.decisions, "the user's policy made every decision").to.equal(3);
      const failed = events.find((e) => e.operation === 'SELECT' && e.error !== undefined);
      expect(failed, 'an event for the failed read').to.not.equal(undefined);
      expect(failed!.retries).to.equal(2);
      const ok = events.filter((e) => e.error === undefined);
      for (const e of ok) expect(e.retries, e.cql).to.equal(0);
    } finally {
      await connection.execute(dropKeyspaceCql(thin), [], { prepare: false }).catch(() => undefined);
    }
  });

  it('hands onQuery each statement: text, parameter count, rows, duration, coordinator, and no values by default', async () => {
    const events: QueryEvent[] = [];
    const accounts = new Repository(open({ observe: { onQuery: (e) => events.push(e) } }), Account);
    await accounts.insert(account(1));
    const found = await accounts.findOne({ login: 'ada', n: 1 });
    expect(found?.token).to.equal(TOKEN);
    const [write, read] = events;
    expect(write).to.include({ connection: 'events', keyspace, operation: 'INSERT', table: 'accounts', paramCount: 4, rows: 0, error: undefined, retries: 0, speculativeExecutions: 0 });
    expect(write!.cql).to.match(/^INSERT INTO .*accounts.*VALUES \(\?, \?, \?, \?\)$/);
    expect(write!.params).to.equal(undefined);
    expect(write!.coordinator).to.equal(`${testNode().contactPoints[0]!.split(':')[0]}:9042`);
    expect(write!.coordinatorDc).to.equal(testNode().localDataCenter);
    expect(write!.durationMs).to.be.greaterThan(0);
    expect(read).to.include({ operation: 'SELECT', table: 'accounts', paramCount: 2, rows: 1 });
    expect(JSON.stringify(events)).to.not.include(TOKEN);
  });

  it('shows bound values with includeValues, a secret column always redacted', async () => {
    const events: QueryEvent[] = [];
    const accounts = new Repository(open({ observe: { onQuery: (e) => events.push(e), includeValues: true } }), Account);
    await accounts.insert(account(2, 'visible-note'));
    await accounts.patch({ login: 'ada', n: 2 }, { token: 'tok-other-secret', note: 'second-note' });
    const [insert, patch] = events;
    expect(insert!.params).to.deep.equal(['ada', 2, '[secret]', 'visible-note']);
    expect(patch!.operation).to.equal('UPDATE');
    expect(patch!.params).to.include('second-note').and.include('[secret]');
    expect(JSON.stringify(events)).to.not.include('tok-');
  });

  it('reports a failure with its typed error and no rows', async () => {
    const events: QueryEvent[] = [];
    const connection = open({ observe: { onQuery: (e) => events.push(e) } });
    await connection.execute(`SELECT nope FROM ${keyspace}.accounts`).catch(() => undefined);
    expect(events).to.have.length(1);
    expect(events[0]!.error?.name).to.equal('InvalidQueryError');
    expect(events[0]!.rows).to.equal(undefined);
  });

  it("passes the server's large-batch warning to the hook", async () => {
    const events: QueryEvent[] = [];
    const accounts = new Repository(open({ observe: { onQuery: (e) => events.push(e) } }), Account);
    // Cassandra warns when a batch over several partitions exceeds batch_size_warn_threshold (5 KiB by default).
    const big = 'x'.repeat(2048);
    await [10, 11, 12, 13].reduce((b, n) => b.insert(accounts, Object.assign(account(n, big), { login: `bulk${n}` })), batch('logged')).execute();
    const event = events.find((e) => e.operation === 'BATCH');
    expect(event).to.include({ batchSize: 4, table: 'accounts', paramCount: 16 });
    expect(event!.warnings.join('\n')).to.match(/Batch for \[.*accounts\] is of size/);
    expect(event!.warnings.join('\n')).to.not.include(big);
  });

  it('logs statements slower than slowQueryMs through the logger, without values', async () => {
    const lines: string[] = [];
    const connection = open({ logger: (level, message) => lines.push(`${level} ${message}`), observe: { slowQueryMs: 0 } });
    await new Repository(connection, Account).findOne({ login: 'ada', n: 1 });
    const slow = lines.filter((l) => l.includes('slow statement'));
    expect(slow).to.have.length(1);
    expect(slow[0]).to.match(/^warning Connection 'events': slow statement, [\d.]+ ms \(threshold 0 ms\) \(coordinator [^)]+\): SELECT .*accounts/);
    expect(slow[0]).to.not.include('ada');
    lines.length = 0;
    const relaxed = open({ logger: (level, message) => lines.push(`${level} ${message}`), observe: { slowQueryMs: 60_000 } });
    await new Repository(relaxed, Account).findOne({ login: 'ada', n: 1 });
    expect(lines.filter((l) => l.includes('slow statement'))).to.deep.equal([]);
  });

  it('never shows an inline password, even with includeValues', async () => {
    const events: QueryEvent[] = [];
    const connection = open({ observe: { onQuery: (e) => events.push(e), includeValues: true } });
    const role = `${keyspace}_role`;
    await connection.execute(`CREATE ROLE IF NOT EXISTS ${role} WITH PASSWORD = 'pw-never-shown' AND LOGIN = false`, [], { prepare: false });
    await connection.execute(`DROP ROLE IF EXISTS ${role}`, [], { prepare: false });
    expect(events[0]!.cql).to.include("PASSWORD = '[secret]'");
    expect(JSON.stringify(events)).to.not.include('pw-never-shown');
  });

  it('logs and ignores a hook that throws', async () => {
    const lines: string[] = [];
    const connection = open({ logger: (level, message) => lines.push(`${level} ${message}`), observe: { onQuery: () => { throw new Error('hook broke'); } } });
    const rows = await connection.cursor().execute(`SELECT login FROM ${keyspace}.accounts WHERE login = ?`, ['ada']);
    expect(rows.length).to.be.greaterThan(0);
    expect(lines).to.include("error Connection 'events': observe.onQuery threw (ignored): hook broke");
  });

  it("takes observe and logger from DATABASES' OPTIONS.connection", async () => {
    const node = testNode();
    const events: QueryEvent[] = [];
    const registry = new ConnectionRegistry(
      fromDjangoDatabases({
        cassandra: {
          ENGINE: 'django_cassandra_engine', NAME: keyspace, USER: node.username, PASSWORD: node.password, HOST: node.contactPoints.join(','),
          OPTIONS: { connection: { local_dc: node.localDataCenter, observe: { onQuery: (e: QueryEvent) => events.push(e) }, logger: () => {} } },
        },
      }),
    );
    try {
      await registry.get().execute(`SELECT login FROM ${keyspace}.accounts WHERE login = ?`, ['ada']);
      expect(events.map((e) => `${e.connection} ${e.operation} ${e.table}`)).to.deep.equal(['cassandra SELECT accounts']);
    } finally {
      await registry.closeAll();
    }
  });

  it('refuses bad observe settings with a ConfigError naming the key', () => {
    expect(() => open({ observe: { slowQueryMs: -1 } })).to.throw(ConfigError, /connection\.observe\.slowQueryMs/);
    expect(() => open({ observe: { onQuery: 'log' as never } })).to.throw(ConfigError, /connection\.observe\.onQuery/);
    expect(() => open({ observe: { trace: true } as never })).to.throw(ConfigError, /connection\.observe\.trace: unknown key/);
  });
});
