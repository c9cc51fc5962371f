// `npm run docs:vector`: writes the figures of docs/vector-search.md from docs/results/vector-recall.json
// (the file `npm run bench:vector` writes), between the figure markers; `--check` only verifies them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/repo-root.js';
import { withFigures, type VectorResults } from './vector-figures.js';

function main(): void {
  const root = repoRoot();
  const pagePath = join(root, 'docs', 'vector-search.md');
  const results = JSON.parse(readFileSync(join(root, 'docs', 'results', 'vector-recall.json'), 'utf8')) as VectorResults;
  const page = readFileSync(pagePath, 'utf8');
  const updated = withFigures(page, results);
  if (process.argv.includes('--check')) {
    if (updated !== page) {
      process.stderr.write('docs/vector-search.md figures differ from docs/results/vector-recall.json; run npm run docs:vector\n');
      process.exit(1);
    }
    return;
  }
  writeFileSync(pagePath, updated);
  process.stdout.write(updated === page ? 'docs/vector-search.md is up to date\n' : 'docs/vector-search.md figures updated\n');
}

main();
