// `cassandra-orm dev-node` argument handling and state file: nothing here starts, stops or asks a node.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ExitCode } from '../../../src/cli/cli-error.js';
import type { CliIo } from '../../../src/cli/io.js';
import { run } from '../../../src/cli/run.js';
import { stateFile, stopDevNode } from '../../../src/dev-node/dev-node.js';
import { endpointFromEnv } from '../../../src/dev-node/select.js';

function memoryIo(cwd = '/'): { io: CliIo; stdout: () => string; stderr: () => string } {
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (c: Buffer) => (o += c.toString()));
  err.on('data', (c: Buffer) => (e += c.toString()));
  return { io: { stdin: new PassThrough(), stdout: out, stderr: err, cwd, env: {} }, stdout: () => o, stderr: () => e };
}

describe('cli: dev-node', () => {
  it('is listed in the main help', async () => {
    const { io, stdout } = memoryIo();
    expect(await run(['--help'], io)).to.equal(ExitCode.ok);
    expect(stdout()).to.match(/^ {2}dev-node +start, stop or ask a local Cassandra node/m);
  });

  it('without a sub-command prints its help and exits 2; --help and help dev-node exit 0', async () => {
    const bare = memoryIo();
    expect(await run(['dev-node'], bare.io)).to.equal(ExitCode.usage);
    expect(bare.stdout()).to.contain('Usage: cassandra-orm dev-node start [--nodes N] [--tls [--require-client-cert]] | stop [--cluster] | status [--cluster] | run -- <command>');
    for (const args of [['dev-node', '--help'], ['dev-node', 'status', '--help'], ['help', 'dev-node']]) {
      const { io, stdout } = memoryIo();
      expect(await run(args, io), args.join(' ')).to.equal(ExitCode.ok);
      expect(stdout(), args.join(' ')).to.contain('Prerequisites for a node started here: JDK 17 (or 11) and Maven');
    }
  });

  it('refuses an unknown sub-command, extra arguments and run without a command (exit 2)', async () => {
    const cases: [string[], string][] = [
      [['dev-node', 'restart'], "cassandra-orm: dev-node: unknown sub-command 'restart'"],
      [['dev-node', 'status', 'now'], "cassandra-orm: dev-node status: unexpected argument 'now'"],
      [['dev-node', 'run'], 'cassandra-orm: dev-node run: no command given'],
      [['dev-node', 'run', '--'], 'cassandra-orm: dev-node run: no command given'],
      [['dev-node', 'start', '--nodes', 'three'], "cassandra-orm: dev-node start: --nodes takes a positive whole number, not 'three'"],
      [['dev-node', 'start', '--nodes', '0'], "cassandra-orm: dev-node start: --nodes takes a positive whole number, not '0'"],
      [['dev-node', 'start', '--heap-mb', '256'], 'cassandra-orm: dev-node start: --first-address and --heap-mb apply to a cluster; add --nodes N'],
      [['dev-node', 'stop', '--nodes', '3'], "cassandra-orm: dev-node stop: unexpected argument '--nodes'"],
      [['dev-node', 'start', '--require-client-cert'], 'cassandra-orm: dev-node start: --require-client-cert needs --tls'],
      [['dev-node', 'stop', '--tls'], "cassandra-orm: dev-node stop: unexpected argument '--tls'"],
    ];
    for (const [args, message] of cases) {
      const { io, stderr } = memoryIo();
      expect(await run(args, io), args.join(' ')).to.equal(ExitCode.usage);
      expect(stderr(), args.join(' ')).to.contain(message);
    }
  });

  it('stop with no recorded node says so and stops nothing', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'corm-dev-node-'));
    const saved = process.env['CASSANDRA_ORM_CACHE'];
    process.env['CASSANDRA_ORM_CACHE'] = cache;
    try {
      expect(stateFile()).to.equal(join(cache, 'dev-node.json'));
      expect(await stopDevNode(cache)).to.equal(undefined);
      const { io, stdout } = memoryIo(cache);
      expect(await run(['dev-node', 'stop'], io)).to.equal(ExitCode.ok);
      expect(stdout()).to.equal('no node started by `cassandra-orm dev-node start` is recorded; nothing to stop\n');
      const cluster = memoryIo(cache);
      expect(await run(['dev-node', 'stop', '--cluster'], cluster.io)).to.equal(ExitCode.ok);
      expect(cluster.stdout()).to.equal('no cluster started by `cassandra-orm dev-node start --nodes` is recorded; nothing to stop\n');
      const status = memoryIo(cache);
      expect(await run(['dev-node', 'status', '--cluster'], status.io)).to.equal(ExitCode.failure);
      expect(status.stdout()).to.equal('no cluster started by `cassandra-orm dev-node start --nodes` is recorded\n');
    } finally {
      if (saved === undefined) delete process.env['CASSANDRA_ORM_CACHE'];
      else process.env['CASSANDRA_ORM_CACHE'] = saved;
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('reads the cluster from CASSANDRA_CONTACT_POINTS and friends; unset or blank means none', () => {
    expect(endpointFromEnv({})).to.equal(undefined);
    expect(endpointFromEnv({ CASSANDRA_CONTACT_POINTS: ' , ' })).to.equal(undefined);
    expect(endpointFromEnv({ CASSANDRA_CONTACT_POINTS: '10.0.0.1:9142, 10.0.0.2', CASSANDRA_USERNAME: 'app', CASSANDRA_PASSWORD: 'pw', CASSANDRA_LOCAL_DC: 'dc2' })).to.deep.equal({
      address: '10.0.0.1',
      port: 9142,
      contactPoints: ['10.0.0.1:9142', '10.0.0.2'],
      localDataCenter: 'dc2',
      username: 'app',
      password: 'pw',
    });
    expect(endpointFromEnv({ CASSANDRA_CONTACT_POINTS: '127.0.0.1' })).to.deep.include({ address: '127.0.0.1', port: 9042, username: 'cassandra', localDataCenter: 'datacenter1' });
  });
});
