// What every user meets first: help, bad arguments, no configuration, a node that is down.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { COMMANDS } from '../../../src/cli/commands.js';
import { repoRoot } from '../../support/repo-root.js';
import { closedPort, runCli, tempProject } from './cli-harness.js';

describe('cli: help, usage errors, configuration and connection failures', () => {
  const project = tempProject('errors');
  after(() => project.remove());

  it('prints the command list for --help (exit 0) and without arguments (exit 2)', async () => {
    const help = await runCli(['--help'], { cwd: project.dir });
    expect(help.code).to.equal(0);
    for (const c of COMMANDS) expect(help.stdout).to.contain(`  ${c.name} `);
    const none = await runCli([], { cwd: project.dir });
    expect(none.code).to.equal(2);
    expect(none.stdout).to.equal(help.stdout);
  });

  for (const command of ['sync', 'plan', 'flush', 'drop', 'shell', 'inspect']) {
    it(`${command} --help prints its usage and options without needing a configuration`, async () => {
      const r = await runCli([command, '--help'], { cwd: project.dir });
      expect(r.code).to.equal(0);
      expect(r.stderr).to.equal('');
      expect(r.stdout).to.match(new RegExp(`^Usage: cassandra-orm ${command}`));
      expect(r.stdout).to.contain('--config <file>');
    });
  }

  it('prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { version: string };
    const r = await runCli(['--version'], { cwd: project.dir });
    expect(r.code).to.equal(0);
    expect(r.stdout).to.equal(`${pkg.version}\n`);
  });

  it('rejects an unknown command in one line, exit 2', async () => {
    const r = await runCli(['migrat'], { cwd: project.dir });
    expect(r.code).to.equal(2);
    expect(r.stdout).to.equal('');
    expect(r.stderr).to.equal(
      "cassandra-orm: unknown command 'migrat' (commands: sync, plan, lint, flush, drop, shell, inspect, migrations generate, migrate, migrations status, dev-node). " +
        "See 'cassandra-orm --help'.\n",
    );
  });

  it('rejects an unknown option in one line, exit 2', async () => {
    const r = await runCli(['plan', '--jsn'], { cwd: project.dir });
    expect(r.code).to.equal(2);
    expect(r.stderr).to.equal("cassandra-orm: plan: Unknown option '--jsn'. See 'cassandra-orm plan --help'.\n");
  });

  it('fails in one line when there is no configuration file, exit 1', async () => {
    const r = await runCli(['shell', '-e', 'SELECT 1'], { cwd: project.dir });
    expect(r.code).to.equal(1);
    expect(r.stderr).to.equal(`cassandra-orm: no configuration file: create cassandra-orm.config.js in ${project.dir} (see README "Configuration file") or pass --config <file>\n`);
  });

  it('fails in one line for a --config file that does not exist', async () => {
    const r = await runCli(['flush', '--config', 'missing.js', '--yes'], { cwd: project.dir });
    expect(r.code).to.equal(1);
    expect(r.stderr).to.equal(`cassandra-orm: configuration file not found: ${join(project.dir, 'missing.js')}\n`);
  });

  it('refuses a TypeScript configuration with the way to compile it', async () => {
    project.write('app.config.ts', 'export const connections = {};');
    const r = await runCli(['plan', '--config', 'app.config.ts'], { cwd: project.dir });
    expect(r.code).to.equal(1);
    expect(r.stderr.split('\n')).to.have.length(2);
    expect(r.stderr).to.match(/^cassandra-orm: app\.config\.ts is TypeScript.*compile it with your project \(npx tsc\)/);
  });

  it('names the bad key of an invalid configuration', async () => {
    project.write('bad.mjs', 'export const connections = { connections: { default: { contactPoint: "127.0.0.1", keyspace: "app" } } };');
    const r = await runCli(['shell', '--config', 'bad.mjs', '-e', 'SELECT 1'], { cwd: project.dir });
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/^cassandra-orm: connections\.default\.contactPoint: unknown key/);
  });

  it('reports a node that is down in one line without the password, exit 1', async () => {
    const port = await closedPort();
    project.write(
      'down.mjs',
      `export const connections = { connections: { default: { contactPoints: '127.0.0.1:${port}', keyspace: 'app', username: 'cassandra', password: 'S3cret-down' } } };`,
    );
    const r = await runCli(['shell', '--config', 'down.mjs', '-e', 'SELECT 1 FROM system.local'], { cwd: project.dir });
    expect(r.code).to.equal(1);
    expect(r.stdout).to.equal('');
    expect(r.stderr.split('\n')).to.have.length(2);
    expect(r.stderr).to.match(new RegExp(`^cassandra-orm: Connection 'default': no Cassandra node answered at 127\\.0\\.0\\.1:${port} `));
    expect(r.stderr).not.to.contain('S3cret-down');
  });
});

describe('cli: every command against a node that is down', () => {
  const project = tempProject('down');
  let port: number;
  before(async () => {
    port = await closedPort();
    project.write(
      'cassandra-orm.config.mjs',
      `import { CliUser } from '${pathToFileURL(join(repoRoot(), 'dist', 'spec', 'integration', 'cli', 'fixtures', 'entities.js')).href}';\n` +
        `export const connections = { connections: { default: { contactPoints: '127.0.0.1:${port}', keyspace: 'app', username: 'cassandra', password: 'S3cret-down' } } };\n` +
        'export const entities = [CliUser];',
    );
  });
  after(() => project.remove());

  const commands: string[][] = [['sync'], ['plan'], ['plan', '--json'], ['flush', '--yes'], ['drop', '--yes'], ['drop', '--keyspace', '--yes'], ['shell', '-e', 'SELECT 1'], ['shell'], ['inspect']];
  for (const args of commands) {
    it(`${args.join(' ')} fails in one line with exit status 1`, async () => {
      const r = await runCli(args, { cwd: project.dir });
      expect(r.code).to.equal(1);
      expect(r.stdout).to.equal('');
      expect(r.stderr.split('\n')).to.have.length(2);
      expect(r.stderr).to.match(new RegExp(`^cassandra-orm: Connection 'default': no Cassandra node answered at 127\\.0\\.0\\.1:${port} `));
      expect(r.stderr).not.to.contain('S3cret-down');
    });
  }
});
