// Session defaults are observably applied on the server: the query trace shows the consistency, serial
// consistency and page size; a fetch size shows in the rows per page; a timeout fires; a consistency
// the single node cannot meet fails with UnavailableError; per-call options override each default.
import { expect } from 'chai';
import type cassandra from 'cassandra-driver';
import { Connection, ConnectionRegistry, fromDjangoDatabases } from '../../../src/index.js';
import { QueryTimeoutError, UnavailableError } from '../../../src/public/errors.js';
import { adminClient, createKeyspace, testNode, uniqueKeyspace } from '../../support/test-node.js';
import { nodeOptions } from './support/options.js';
import { nodeTarget, startProxy } from './support/tcp-proxy.js';

async function failure(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('session defaults', () => {
  const keyspace = uniqueKeyspace('it_session');
  let admin: cassandra.Client;
  let dropKeyspace: () => Promise<void>;

  before(async () => {
    admin = adminClient();
    dropKeyspace = await createKeyspace(admin, keyspace);
    await admin.execute(`CREATE TABLE ${keyspace}.t (p int, c int, v int, PRIMARY KEY (p, c))`);
    for (let c = 0; c < 20; c++) await admin.execute(`INSERT INTO ${keyspace}.t (p, c, v) VALUES (1, ?, ?)`, [c, c], { prepare: true });
  });

  after(async () => {
    await dropKeyspace();
    await admin.shutdown();
  });

  it('applies consistency, serial consistency and fetch size from the DATABASES session options (seen in the trace)', async () => {
    const node = testNode();
    const registry = new ConnectionRegistry(
      fromDjangoDatabases({
        cassandra: {
          ENGINE: 'django_cassandra_engine',
          NAME: keyspace,
          USER: node.username,
          PASSWORD: node.password,
          HOST: node.contactPoints,
          OPTIONS: {
            connection: { consistency: 'QUORUM', local_dc: node.localDataCenter },
            session: { default_fetch_size: 7, default_serial_consistency_level: 'LOCAL_SERIAL', traceQuery: true },
          },
        },
      }),
    );
    try {
      const connection = registry.get();
      const rs = await connection.execute('UPDATE t SET v = ? WHERE p = 1 AND c = 0 IF v = ?', [100, 0]);
      const trace = await connection.client.metadata.getTrace(rs.info.traceId);
      expect(Object.fromEntries(trace.parameters as Map<string, string>)).to.include({ consistency_level: 'QUORUM', serial_consistency_level: 'LOCAL_SERIAL', page_size: '7' });

      const page = await connection.execute('SELECT c FROM t WHERE p = 1');
      expect(page.rows).to.have.length(7);
      expect(page.pageState).to.be.a('string');

      const override = await connection.execute('SELECT c FROM t WHERE p = 1', [], { fetchSize: 3, consistency: 'ONE' });
      expect(override.rows).to.have.length(3);
      const overrideTrace = await connection.client.metadata.getTrace(override.info.traceId);
      expect(Object.fromEntries(overrideTrace.parameters as Map<string, string>)).to.include({ consistency_level: 'ONE', page_size: '3' });
    } finally {
      await registry.closeAll();
    }
  });

  it('a default consistency the node cannot meet fails with UnavailableError; a per-call level succeeds', async () => {
    const connection = new Connection(nodeOptions({ keyspace, consistency: 'THREE' }));
    try {
      const cql = 'SELECT c FROM t WHERE p = 1';
      const error = await failure(() => connection.cursor().execute(cql));
      expect(error).to.be.instanceOf(UnavailableError);
      expect((error as UnavailableError).cql).to.equal(cql);
      expect(error.message).to.contain('THREE');
      expect(await connection.cursor().execute(cql, [], { consistency: 'LOCAL_ONE' })).to.have.length(20);
    } finally {
      await connection.close();
    }
  });

  it('a default timeout fires when the node stops answering', async () => {
    const proxy = await startProxy(nodeTarget(testNode().contactPoints[0] ?? '127.0.0.1'), 'up');
    const connection = new Connection(nodeOptions({ keyspace, contactPoints: [proxy.endpoint], queryDefaults: { readTimeout: 400 } }));
    try {
      const cql = 'SELECT c FROM t WHERE p = 1';
      expect(await connection.cursor().execute(cql)).to.have.length(20); // prepared while the node answers
      proxy.mode = 'silent';
      const error = await failure(() => connection.cursor().execute(cql));
      expect(error).to.be.instanceOf(QueryTimeoutError);
      expect((error as QueryTimeoutError).cql).to.equal(cql);
      expect(error.message).to.match(/^Client timeout/);
    } finally {
      proxy.mode = 'up';
      await connection.close();
      await proxy.close();
    }
  });
});
