// Retry-connect against a stand-in driver: the backoff schedule (exponential, capped), no retry of an
// authentication failure, and a hanging attempt cut at the deadline.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { AuthenticationError, ConnectTimeoutError } from '../../../src/public/errors.js';
import { connectWithRetry } from '../../../src/connection/connect-retry.js';

const ctx = { alias: 'events', contactPoints: ['10.0.0.9'], username: 'app' };

function driver(connect: () => Promise<void>): { client: cassandra.Client; calls: () => number } {
  let calls = 0;
  const client = { connect: () => { calls++; return connect(); } } as unknown as cassandra.Client;
  return { client, calls: () => calls };
}

describe('connection: retry-connect', () => {
  it('backs off exponentially up to maxDelayMs, then connects', async () => {
    let failures = 4;
    const fake = driver(async () => {
      if (failures-- > 0) throw new Error('connect ECONNREFUSED 10.0.0.9:9042');
    });
    const lines: string[] = [];
    await connectWithRetry(fake.client, { deadlineMs: 60_000, initialDelayMs: 10, maxDelayMs: 40, multiplier: 2 }, ctx, (level, message) =>
      lines.push(`${level} ${message}`),
    );
    expect(fake.calls()).to.equal(5);
    expect(lines.map((l) => /retrying in (\d+) ms$/.exec(l)?.[1] ?? l)).to.deep.equal([
      '10', '20', '40', '40', "info Connection 'events': connected on attempt 5",
    ]);
    expect(lines[0]).to.match(/^warning Connection 'events': attempt 1 failed \(Connection 'events': no Cassandra node answered at 10\.0\.0\.9 \(connect ECONNREFUSED/);
  });

  it('does not retry an authentication failure', async () => {
    const fake = driver(async () => {
      throw new cassandra.errors.AuthenticationError('Provided username app and/or password are incorrect');
    });
    const error = await connectWithRetry(fake.client, { deadlineMs: 60_000, initialDelayMs: 10, maxDelayMs: 40, multiplier: 2 }, ctx, () => {})
      .then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(AuthenticationError);
    expect(fake.calls()).to.equal(1);
  });

  it('cuts an attempt that hangs past the deadline with ConnectTimeoutError', async () => {
    const fake = driver(() => new Promise<void>(() => {}));
    const error = await connectWithRetry(fake.client, { deadlineMs: 50, initialDelayMs: 10, maxDelayMs: 40, multiplier: 2 }, ctx, () => {})
      .then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(ConnectTimeoutError);
    expect((error as Error).message).to.match(/^Connection 'events': no Cassandra node answered at 10\.0\.0\.9 within 50 ms \(1 attempt; last error: /);
  });

  it('without retry, fails on the first error', async () => {
    const fake = driver(async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.9:9042');
    });
    const error = await connectWithRetry(fake.client, undefined, ctx, () => {}).then(() => undefined, (e: unknown) => e);
    expect((error as Error).name).to.equal('ConnectionError');
    expect(fake.calls()).to.equal(1);
  });
});
