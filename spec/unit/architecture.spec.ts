// The dependency direction of the house style, checked on the real source tree: no import cycles,
// and each layer imports only the layers below it.
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { repoRoot } from '../support/repo-root.js';

const src = join(repoRoot(), 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** Internal imports of each file, as paths relative to src/ (`metadata/identifier.ts`). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const pattern = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
  for (const file of sourceFiles(src)) {
    const text = readFileSync(file, 'utf8');
    const targets: string[] = [];
    for (const match of text.matchAll(pattern)) {
      const spec = match[1] ?? match[2];
      if (spec === undefined) continue;
      targets.push(relative(src, resolve(dirname(file), spec.replace(/\.js$/, '.ts'))));
    }
    graph.set(relative(src, file), targets);
  }
  return graph;
}

/** The layer of a file: its top folder under src/, or the file name for top-level files. */
function layer(path: string): string {
  const [first] = path.split('/');
  return path.includes('/') ? (first ?? path) : path.replace(/\.ts$/, '');
}

/** What each layer may import besides itself. Layers not listed here are the facade and may import anything but cli. */
const ALLOWED: Record<string, readonly string[]> = {
  errors: [],
  metadata: ['errors'],
  decorators: ['errors', 'metadata'],
  query: ['errors', 'metadata'],
  observability: ['errors'],
  connection: ['errors', 'observability'],
  config: ['errors', 'connection', 'observability'],
  mapping: ['errors', 'metadata'],
  validation: ['errors', 'metadata', 'mapping'],
  'dev-node': ['errors'],
};

/**
 * Imports of the package's own entry points by name (`'cassandra-orm'`, `'cassandra-orm/schema'`): how
 * one entry point's signatures name a type another entry point owns. They must be type-only, so they
 * vanish from the JavaScript and can form no cycle at run time.
 */
function selfImports(): { file: string; statement: string }[] {
  const pattern = /(?:^|\n)(\s*(?:import|export)\s[^'"]*?from\s+['"]cassandra-orm(?:\/[^'"]*)?['"])|import\(\s*['"]cassandra-orm(?:\/[^'"]*)?['"]\s*\)/g;
  return sourceFiles(src).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(pattern)].map((m) => ({ file: relative(src, file), statement: (m[1] ?? m[0]).trim() })),
  );
}

describe('architecture', () => {
  const graph = importGraph();

  it('imports its own entry points by name only for types', () => {
    const found = selfImports();
    expect(found.length).to.be.greaterThan(0);
    const values = found.filter((i) => !/^(?:import|export) type /.test(i.statement)).map((i) => `${i.file}: ${i.statement}`);
    expect(values, values.join('\n')).to.deep.equal([]);
  });

  it('finds the source tree', () => {
    expect(graph.has('errors.ts')).to.equal(true);
    expect(graph.has('index.ts')).to.equal(true);
  });

  it('has no import cycles', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (node: string, path: string[]): void => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(node)), node].join(' → '));
        return;
      }
      state.set(node, 'visiting');
      for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
      state.set(node, 'done');
    };
    for (const node of graph.keys()) visit(node, []);
    expect(cycles, cycles.join('\n')).to.deep.equal([]);
  });

  it('keeps each layer to the layers it may depend on', () => {
    const violations: string[] = [];
    for (const [file, targets] of graph) {
      const from = layer(file);
      for (const target of targets) {
        const to = layer(target);
        if (to === from) continue;
        if (to === 'cli') violations.push(`${file} imports ${target}: nothing outside cli/ may import cli/`);
        const allowed = ALLOWED[from];
        if (allowed !== undefined && !allowed.includes(to)) {
          violations.push(`${file} imports ${target}: ${from}/ may import only ${allowed.join(', ') || 'nothing internal'}`);
        }
      }
    }
    expect(violations, violations.join('\n')).to.deep.equal([]);
  });
});
