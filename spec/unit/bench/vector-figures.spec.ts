// docs/vector-search.md's figures are the ones rendered from the committed benchmark results.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root.js';
import { BEGIN, END, renderFigures, withFigures, type VectorResults } from '../../bench/vector-figures.js';

describe('vector search figures', () => {
  const root = repoRoot();
  const results = JSON.parse(readFileSync(join(root, 'docs', 'results', 'vector-recall.json'), 'utf8')) as VectorResults;
  const page = readFileSync(join(root, 'docs', 'vector-search.md'), 'utf8');

  it('docs/vector-search.md holds exactly the figures rendered from docs/results/vector-recall.json', () => {
    expect(withFigures(page, results)).to.equal(page);
  });

  it('renders the date, the machine, every run and the recall of each', () => {
    const text = renderFigures(results);
    expect(text).to.contain(`Measured ${results.startedAt.slice(0, 10)}`);
    expect(text).to.contain(results.machine.cpuModel);
    for (const d of results.datasets) {
      expect(text).to.contain(`### ${d.name}: `);
      for (const run of d.runs) expect(text).to.contain(`| ${run.candidates} | ${run.recallAt10.toFixed(3)} |`);
    }
    expect(page.indexOf(BEGIN)).to.be.below(page.indexOf(END));
  });

  it('gives the CPU ratio with the spread of its per-round ratios', () => {
    const d = results.datasets[0]!;
    const ratios = d.runs[0]!.cpuPerQueryUs.perRound.map((x, k) => x / d.runs[1]!.cpuPerQueryUs.perRound[k]!);
    expect(renderFigures(results)).to.contain(`**${d.cpuRatioLibraryToRaw.toFixed(3)}** (${ratios.length} rounds, each the library and the raw driver query by query in turn; rounds from ${Math.min(...ratios).toFixed(3)} to ${Math.max(...ratios).toFixed(3)})`);
  });

  it('states the storage state measured when the results record one, and nothing when they do not', () => {
    const first = results.datasets[0]!;
    const settled: VectorResults = { ...results, datasets: [{ ...first, storage: { sstables: 1, cellsPerSSTable: [50000], seconds: 151.2 } }] };
    expect(renderFigures(settled)).to.contain('then flushed, compacted and indexed in 151.2 s: measured with the rows in 1 SSTable (50000 rows).');
    const { storage: _storage, ...unsettled } = first;
    expect(renderFigures({ ...results, datasets: [unsettled] })).not.to.contain('measured with the rows in');
  });
});
