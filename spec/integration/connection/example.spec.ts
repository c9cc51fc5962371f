// examples/secondary-database.ts runs against the real node as a child process: SQLite as the default
// database, Cassandra (configured with the DATABASES shape) holding the events, models synced, raw
// cursor; it prints what it did, drops its keyspace and exits on its own (every pool closed).
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { adminClient, uniqueKeyspace } from '../../support/test-node.js';
import { repoRoot } from '../../support/repo-root.js';
import { liveKeyspace } from './support/options.js';

const run = promisify(execFile);

describe('example: Cassandra as the secondary database', () => {
  it('runs, prints the sqlite users and their Cassandra events, cleans up and exits', async () => {
    const keyspace = uniqueKeyspace('it_example');
    const script = join(repoRoot(), 'dist', 'examples', 'secondary-database.js');
    const { stdout } = await run(process.execPath, [script], {
      env: { ...process.env, EXAMPLE_KEYSPACE: keyspace },
      timeout: 120_000,
    });
    expect(stdout.trim().split('\n')).to.deep.equal([
      "sqlite users: ada, o'brien, cleo",
      'cassandra sync: create-keyspace, create-table',
      'cassandra events: 6',
      'ada: 1 events (signup)',
      "o'brien: 2 events (signup, login)",
      'cleo: 3 events (signup, login, purchase)',
      'done: keyspace dropped, pools closed',
    ]);
    const admin = adminClient();
    try {
      expect(await liveKeyspace(admin, keyspace)).to.equal(undefined);
    } finally {
      await admin.shutdown();
    }
  });
});
