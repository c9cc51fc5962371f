// The API reference (typedoc over the JSDoc of the four entry points) builds with warnings treated as errors.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root.js';

describe('API reference', () => {
  it('npm run docs builds without a warning', function () {
    this.timeout(300_000);
    const root = repoRoot();
    const run = spawnSync('npm', ['run', 'docs'], { cwd: root, encoding: 'utf8' });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(output).not.to.match(/\[warning\]/);
    expect(run.status, output.split('\n').slice(-15).join('\n')).to.equal(0);
    expect(existsSync(join(root, 'dist', 'docs', 'index.html'))).to.equal(true);
    expect(existsSync(join(root, 'dist', 'docs', 'classes', 'cassandra-orm.Repository.html'))).to.equal(true);
    for (const module of ['cassandra-orm', 'cassandra-orm_errors', 'cassandra-orm_schema', 'cassandra-orm_testing']) expect(existsSync(join(root, 'dist', 'docs', 'modules', `${module}.html`)), module).to.equal(true);
  });
});
