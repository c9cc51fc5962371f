// docs/cluster.md's node-loss and start figures are the committed results': regenerating them changes nothing.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root.js';

describe('docs/cluster.md', () => {
  it('holds exactly the figures docs/results/faults.json gives (npm run docs:faults -- --check)', () => {
    const root = repoRoot();
    const run = spawnSync(process.execPath, [join(root, 'dist', 'spec', 'bench', 'faults-doc.js'), '--check'], { cwd: root, encoding: 'utf8' });
    expect(run.status, run.stderr).to.equal(0);
  });

  it('holds exactly the start figures docs/results/cluster-start.json gives (npm run docs:cluster-start -- --check)', () => {
    const root = repoRoot();
    const run = spawnSync(process.execPath, [join(root, 'dist', 'spec', 'bench', 'cluster-start-doc.js'), '--check'], { cwd: root, encoding: 'utf8' });
    expect(run.status, run.stderr).to.equal(0);
  });
});
