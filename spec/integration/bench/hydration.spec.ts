// `npm run bench:hydration` keeps working: a small run against this run's node checks every row each
// contender reads against what was written, measures every workload and writes a results file that
// docs/performance.md's renderer reads.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderHydration, type HydrationResults } from '../../bench/hydration-figures.js';
import { repoRoot } from '../../support/repo-root.js';
import { runNode, type NodeRun } from '../../support/run-node.js';
import { testNode } from '../../support/test-node.js';

describe('bench:hydration (small run)', function () {
  this.timeout(180_000);
  let dir: string;
  let run: NodeRun;
  let file: HydrationResults;

  before(async () => {
    testNode();
    dir = mkdtempSync(join(tmpdir(), 'hydration-'));
    run = await runNode(['--expose-gc', join(repoRoot(), 'dist', 'spec', 'bench', 'hydration.js'), '--rows', '300', '--rounds', '2', '--repeat', '1', '--page', '50', '--out', join(dir, 'hydration.json')]);
    if (run.code === 0) file = JSON.parse(readFileSync(join(dir, 'hydration.json'), 'utf8')) as HydrationResults;
  });

  after(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('checks what every contender read, then measures every workload against the raw driver', () => {
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stderr).to.contain('checking what every contender reads against what was written');
    expect(file.results.map((w) => w.workload)).to.deep.equal(['findPartition', 'find', 'page', 'stream']);
    for (const w of file.results) {
      expect(w.contenders[0]!.name, w.workload).to.equal('raw driver');
      expect(w.contenders.map((c) => c.name), w.workload).to.include('cassandra-orm');
      for (const c of w.contenders) {
        expect(c.cpuUsPerRow, `${w.workload} ${c.name}`).to.have.length(2);
        for (const us of c.cpuUsPerRow) expect(us, `${w.workload} ${c.name}`).to.be.greaterThan(0);
        if (c === w.contenders[0]) continue;
        // Each round's ratio is that round's CPU per row over the raw driver's.
        c.ratioToRaw!.perRound.forEach((r, i) => expect(r, `${w.workload} ${c.name} round ${i}`).to.be.closeTo(c.cpuUsPerRow[i]! / w.contenders[0]!.cpuUsPerRow[i]!, 0.01));
      }
    }
    expect(file.results[0]!.contenders.every((c) => typeof c.retainedBytesPerRow === 'number' && c.retainedBytesPerRow > 0)).to.equal(true);
    expect(file.setup).to.include({ rows: 300, rounds: 2, pageSize: 50 });
  });

  it('writes a file the docs are rendered from', () => {
    expect(renderHydration(file)).to.contain('| page | cassandra-orm |');
  });
});
