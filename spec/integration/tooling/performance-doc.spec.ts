// docs/performance.md's figures are the committed results file's: regenerating them changes nothing.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root.js';

describe('docs/performance.md', () => {
  it('holds exactly the figures docs/results/bench.json gives (npm run docs:performance -- --check)', () => {
    const root = repoRoot();
    const run = spawnSync(process.execPath, [join(root, 'dist', 'spec', 'bench', 'performance-doc.js'), '--check'], { cwd: root, encoding: 'utf8' });
    expect(run.status, run.stderr).to.equal(0);
  });
});
