// Retry-connect against a node that "comes up late": a loopback proxy refuses connections at first and
// forwards to the shared node once it is switched up; and one that never comes up.
import { expect } from 'chai';
import { ConnectionRegistry } from '../../../src/index.js';
import { AuthenticationError, ConnectTimeoutError, ConnectionError } from '../../../src/public/errors.js';
import { testNode } from '../../support/test-node.js';
import { nodeOptions } from './support/options.js';
import { nodeTarget, startProxy, type TcpProxy } from './support/tcp-proxy.js';

describe('retry-connect', () => {
  let proxy: TcpProxy;

  beforeEach(async () => {
    proxy = await startProxy(nodeTarget(testNode().contactPoints[0] ?? '127.0.0.1'), 'down');
  });

  afterEach(async () => {
    await proxy.close();
  });

  it('keeps trying with backoff and connects once the node comes up', async () => {
    const lines: string[] = [];
    const switchUp = setTimeout(() => (proxy.mode = 'up'), 1500);
    const registry = await ConnectionRegistry.open({
      connections: {
        late: nodeOptions({
          keyspace: 'system',
          contactPoints: [proxy.endpoint],
          lazyConnect: false,
          retryConnect: { deadlineMs: 20000, initialDelayMs: 100, maxDelayMs: 400 },
          logger: (level, message) => lines.push(`${level} ${message}`),
        }),
      },
    }).finally(() => clearTimeout(switchUp));
    try {
      expect(proxy.accepted).to.be.greaterThan(2);
      expect(lines.filter((l) => /^warning Connection 'late': attempt \d+ failed/.test(l)).length).to.be.greaterThan(1);
      expect(lines.some((l) => /^info Connection 'late': connected on attempt \d+$/.test(l))).to.equal(true);
      const rows = await registry.get().cursor().execute('SELECT release_version FROM local');
      expect(String(rows[0]?.['release_version'])).to.match(/^5\./);
    } finally {
      await registry.closeAll();
    }
  });

  it('fails clearly at the deadline when the node never comes up', async () => {
    const registry = new ConnectionRegistry({
      connections: { never: nodeOptions({ keyspace: 'system', contactPoints: [proxy.endpoint], retryConnect: { deadlineMs: 1500, initialDelayMs: 100 } }) },
    });
    try {
      let error: unknown;
      await registry.get().connect().catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(ConnectTimeoutError);
      expect(error).to.be.instanceOf(ConnectionError);
      const message = (error as Error).message;
      expect(message).to.match(new RegExp(`^Connection 'never': no Cassandra node answered at ${proxy.endpoint} within 1500 ms \\((\\d+) attempts; last error: `));
      const attempts = Number(/\((\d+) attempts/.exec(message)?.[1]);
      expect(attempts).to.be.greaterThan(1);
      expect(proxy.accepted).to.be.greaterThan(1); // the proxy saw the retries (the last one may be cut by the deadline)
      expect((error as Error).cause).to.be.instanceOf(Error);
    } finally {
      await registry.closeAll();
    }
  });

  it('does not retry a wrong password', async () => {
    proxy.mode = 'up';
    const lines: string[] = [];
    const registry = new ConnectionRegistry({
      connections: {
        bad: nodeOptions({
          keyspace: 'system',
          contactPoints: [proxy.endpoint],
          password: 'not-the-password',
          retryConnect: { deadlineMs: 20000 },
          logger: (level, message) => lines.push(`${level} ${message}`),
        }),
      },
    });
    try {
      let error: unknown;
      await registry.get().connect().catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(AuthenticationError);
      expect(lines.filter((l) => /attempt \d+ failed/.test(l))).to.deep.equal([]);
      expect(lines.join('\n')).not.to.contain('not-the-password');
    } finally {
      await registry.closeAll();
    }
  });
});
