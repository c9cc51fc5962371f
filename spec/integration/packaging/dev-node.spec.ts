// `cassandra-orm dev-node` as a user runs it: from a project that installed the tarball, through the
// `cassandra-orm` binary npm linked there. It reuses the suite's node: it never starts a second one.
import { expect } from 'chai';
import { createServer } from 'node:net';
import { testNode } from '../../support/test-node.js';
import { scratchProject, type ScratchProject } from './scratch-project.js';

/** The suite's node as the environment variables a user sets (or `dev-node run` sets) name it. */
function nodeEnv(): Record<string, string> {
  const node = testNode();
  return {
    CASSANDRA_CONTACT_POINTS: node.contactPoints.join(','),
    CASSANDRA_LOCAL_DC: node.localDataCenter,
    CASSANDRA_USERNAME: node.username,
    CASSANDRA_PASSWORD: node.password,
  };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

// Reads the environment `run` sets, connects with the installed package and exits with status 7.
const SCRIPT = `
import { Connection } from 'cassandra-orm';
const env = process.env;
const connection = new Connection({ contactPoints: env.CASSANDRA_CONTACT_POINTS, localDataCenter: env.CASSANDRA_LOCAL_DC, username: env.CASSANDRA_USERNAME, password: env.CASSANDRA_PASSWORD });
const [row] = await connection.cursor().execute('SELECT release_version FROM system.local');
console.log('child sees Cassandra ' + row.release_version + ' as ' + env.CASSANDRA_USERNAME);
await connection.close();
process.exitCode = 7;
`;

describe('cassandra-orm dev-node from an installed package', function () {
  this.timeout(180_000);
  let project: ScratchProject;

  before(async () => {
    project = await scratchProject();
  });

  it('ships the pom.xml the JVM node is resolved with', () => {
    expect(project.packedFiles).to.include('src/dev-node/pom.xml');
  });

  it('--help names the sub-commands and the prerequisites', async () => {
    const run = await project.run('npx', ['cassandra-orm', 'dev-node', '--help']);
    expect(run.code).to.equal(0);
    expect(run.stdout).to.contain('Usage: cassandra-orm dev-node start [--nodes N] [--tls [--require-client-cert]] | stop [--cluster] | status [--cluster] | run -- <command>');
    expect(run.stdout).to.match(/JDK 17.*Maven/s).and.to.contain('container runtime');
  });

  it('status reports the node CASSANDRA_CONTACT_POINTS names, with its version', async () => {
    const run = await project.run('npx', ['cassandra-orm', 'dev-node', 'status'], nodeEnv());
    expect(run.stderr).to.equal('');
    expect(run.stdout).to.match(/^Cassandra 5\.\d+\.\d+ on \S+ \(CASSANDRA_CONTACT_POINTS\)/);
    expect(run.code).to.equal(0);
  });

  it('status exits 1 and says so when nothing answers', async () => {
    const port = await closedPort();
    const run = await project.run('npx', ['cassandra-orm', 'dev-node', 'status'], { ...nodeEnv(), CASSANDRA_CONTACT_POINTS: `127.0.0.1:${port}` });
    expect(run.stdout).to.equal(`no node answers on 127.0.0.1:${port} (CASSANDRA_CONTACT_POINTS)\n`);
    expect(run.code).to.equal(1);
  });

  it('run -- node -e ... hands the node to the command and exits with its status', async () => {
    const run = await project.run('npx', ['cassandra-orm', 'dev-node', 'run', '--', 'node', '--input-type=module', '-e', SCRIPT], nodeEnv());
    expect(run.stdout).to.match(/^child sees Cassandra 5\.\d+\.\d+ as \S+\n$/);
    expect(run.stderr).to.match(/^\[dev-node\] using cluster at \S+ \(Cassandra 5\.\d+\.\d+\)\n$/);
    expect(run.code).to.equal(7);
  });

  it('run without a command is a usage error', async () => {
    const run = await project.run('npx', ['cassandra-orm', 'dev-node', 'run', '--'], nodeEnv());
    expect(run.stderr).to.contain('dev-node run: no command given');
    expect(run.code).to.equal(2);
  });

  it('start finds the node already on 127.0.0.1:9042 and starts no other', async () => {
    const onLoopback = testNode().contactPoints.some((p) => p === '127.0.0.1' || p === '127.0.0.1:9042');
    // With a container or a remote cluster nothing may answer there, and start would really start a node.
    if (!onLoopback) return;
    const run = await project.run('npx', ['cassandra-orm', 'dev-node', 'start'], { ...nodeEnv(), CASSANDRA_CONTACT_POINTS: '' });
    expect(run.stdout).to.match(/^a node is already running on 127\.0\.0\.1:9042 \(Cassandra 5\.\d+\.\d+\); not starting another\n$/);
    expect(run.code).to.equal(0);
  });
});
