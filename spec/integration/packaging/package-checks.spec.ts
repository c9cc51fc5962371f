// The published exports and types resolve for ESM users: publint and arethetypeswrong on the tarball
// the packaging spec packed (the tools live in tools/api, installed on first use).
import { expect } from 'chai';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root.js';
import { runCommand } from './scratch-project.js';
import { scratchProject } from './scratch-project.js';

describe('package checks on the packed tarball', function () {
  this.timeout(300_000);
  const root = repoRoot();
  const bin = (name: string): string => join(root, 'tools', 'api', 'node_modules', '.bin', name);

  before(async () => {
    const install = await runCommand('npm', ['run', 'api:tools'], root);
    expect(install.code, `${install.stdout}${install.stderr}`).to.equal(0);
  });

  it('publint --strict finds nothing to report', async () => {
    const { tarball } = await scratchProject();
    const run = await runCommand(bin('publint'), ['run', tarball, '--strict'], root);
    expect(run.code, `${run.stdout}${run.stderr}`).to.equal(0);
    expect(run.stdout).to.contain('All good!');
  });

  it('arethetypeswrong resolves every entry point for ESM (node16 and bundlers)', async () => {
    const { tarball } = await scratchProject();
    const run = await runCommand(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'json'], root);
    expect(run.code, run.stdout.slice(0, 2000)).to.equal(0);
    const report = JSON.parse(run.stdout) as { analysis: { entrypoints: Record<string, unknown> }; problems?: unknown };
    expect(Object.keys(report.analysis.entrypoints)).to.include.members(['.', './errors', './schema', './testing', './migrations']);
  });
});
