// Every program in examples/ runs against the real node, as a user would run it, and prints what it promises.
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root.js';
import { runNode, type NodeRun } from '../../support/run-node.js';
import { uniqueKeyspace } from '../../support/test-node.js';

function runExample(file: string, keyspace: string): Promise<NodeRun> {
  return runNode([file], { cwd: repoRoot(), env: { EXAMPLE_KEYSPACE: keyspace } });
}

/** What each example must print (examples added later at least run cleanly and print something). */
const EXPECTED: Readonly<Record<string, (out: string, keyspace: string) => void>> = {
  'quick-start': (out, keyspace) =>
    expect(out).to.equal(
      [
        `sync: create keyspace ${keyspace}; create table ${keyspace}.notes`,
        'second sync: 0 change(s)',
        'insert if not exists of an existing note applied: false',
        'latest: 12 note 12 [even], 11 note 11 [odd], 10 note 10 [even]',
        'count: 12, instances of Note: true',
        'pages: 5 + 5 + 2 notes',
        '',
      ].join('\n'),
    ),
  'throwaway-keyspace': (out) =>
    expect(out).to.equal(['test keyspace created, tables: 1', 'test 1 sees 1 order(s)', 'test 2 sees 0 order(s)', 'test keyspace dropped', ''].join('\n')),
  // Deterministic embeddings over 2,000 rows: the search is exact at this size, so the output is fixed.
  'vector-search': (out) =>
    expect(out).to.equal(
      [
        'sync: create-keyspace, create-table',
        'loaded 2000 articles',
        'nearest to "rocket orbit mars":',
        '  0.9531  [science 2020] orbit rocket rocket history',
        '  0.9455  [science 2019] orbit mars rocket future',
        '  0.9336  [science 2022] orbit rocket rocket weekly',
        '  0.9280  [science 2024] orbit rocket orbit review',
        '  0.9211  [science 2024] rocket mars rocket weekly',
        'same as a brute-force scan: true',
        'nearest to "fast database query" in section tech:',
        '  0.8461  [tech 2023] database query database new',
        '  0.8404  [tech 2019] database query cache new',
        '  0.8213  [tech 2017] database compiler query review',
        'nearest to "garlic bread recipe", published from 2022, tagged review:',
        '  0.8143  [food 2023] recipe garlic cheese review',
        '  0.8023  [food 2024] baking garlic garlic review',
        '  0.8001  [food 2024] recipe oven garlic review',
        'done: keyspace dropped',
        '',
      ].join('\n'),
    ),
  auth: (out) => {
    const lines = out.trimEnd().split('\n');
    expect(lines.slice(0, 3)).to.deep.equal([
      `DATABASES USER/PASSWORD: logged in as '${process.env['CASSANDRA_USERNAME'] ?? 'cassandra'}', 1 row from system.local`,
      'custom authProvider: logged in',
      'wrong password: AuthenticationError, password kept out of the message: true',
    ]);
    expect(lines[3]).to.match(/^ {2}Connection 'wrong': authentication failed for user /);
  },
};

describe('examples', () => {
  const dir = join(repoRoot(), 'dist', 'examples');
  const files = readdirSync(dir).filter((f) => f.endsWith('.js')).sort();

  it('finds the examples, including quick-start, raw-cursor, auth and throwaway-keyspace', () => {
    expect(files).to.include.members(['quick-start.js', 'raw-cursor.js', 'auth.js', 'throwaway-keyspace.js']);
  });

  for (const file of files) {
    const name = file.replace(/\.js$/, '');
    it(`${name} runs against the node and prints what it promises`, async () => {
      const keyspace = uniqueKeyspace(`ex_${name.replace(/[^a-z0-9]/g, '_')}`).slice(0, 48);
      const run = await runExample(join(dir, file), keyspace);
      expect(run.stderr, run.stderr).to.equal('');
      expect(run.code).to.equal(0);
      const check = EXPECTED[name];
      if (check !== undefined) check(run.stdout, keyspace);
      else expect(run.stdout, `${name} printed nothing`).to.match(/\S/);
    });
  }
});
