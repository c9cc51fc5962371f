// docs/versioning.md's cost figures are the committed locking bench's: regenerating them changes nothing.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root.js';

describe('docs/versioning.md', () => {
  it('holds exactly the figures docs/results/locking.json gives (npm run docs:locking -- --check)', () => {
    const root = repoRoot();
    const run = spawnSync(process.execPath, [join(root, 'dist', 'spec', 'bench', 'locking-doc.js'), '--check'], { cwd: root, encoding: 'utf8' });
    expect(run.status, run.stderr).to.equal(0);
  });
});
