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

/** What each example must print, exactly; an example without an entry here fails until one is added. */
const EXPECTED: Readonly<Record<string, (out: string, keyspace: string) => void>> = {
  'raw-cursor': (out) =>
    expect(out).to.equal(
      ['users: 25 (bigint)', 'stored verbatim: true', 'first page: 10 rows, more to come: true', 'after resuming: 26 rows', 'streamed: 26 rows', ''].join('\n'),
    ),
  'secondary-database': (out) =>
    expect(out).to.equal(
      [
        "sqlite users: ada, o'brien, cleo",
        'cassandra sync: create-keyspace, create-table',
        'cassandra events: 6',
        'ada: 1 events (signup)',
        "o'brien: 2 events (signup, login)",
        'cleo: 3 events (signup, login, purchase)',
        'done: keyspace dropped, pools closed',
        '',
      ].join('\n'),
    ),
  // The CQL and params every builder call in the example compiles to: the same text the querying docs show.
  'query-api': (out) =>
    expect(out).to.equal(
      [
        'partition, oldest first (reverses the DESC clustering order)',
        '  SELECT user_id, day, at, kind, tags, counts FROM app.events WHERE user_id = ? AND day = ? ORDER BY at ASC LIMIT ?',
        `  params [ '5c2e1ac1-8b8c-4f4e-9a39-0d3f0b6c1f00', 20240506, 50 ] idempotent=true`,
        'range + projection',
        '  SELECT at, kind FROM app.events WHERE user_id = ? AND day IN ? AND at > ? AND at <= ?',
        `  params [ '5c2e1ac1-8b8c-4f4e-9a39-0d3f0b6c1f00', [ 1, 2 ], 'a', 'b' ] idempotent=true`,
        'token scan',
        '  SELECT DISTINCT user_id, day FROM app.events WHERE token(user_id, day) > ? LIMIT ?',
        '  params [ -1000n, 100 ] idempotent=true',
        'aggregates',
        '  SELECT user_id, day, COUNT(*) AS n, MAX(at) AS last, TTL(kind) AS left FROM app.events WHERE user_id = ? AND day = ? GROUP BY user_id, day',
        `  params [ '5c2e1ac1-8b8c-4f4e-9a39-0d3f0b6c1f00', 1 ] idempotent=true`,
        'filtering, when asked',
        '  SELECT user_id, day, at, kind, tags, counts FROM app.events WHERE kind = ? ALLOW FILTERING',
        `  params [ 'click' ] idempotent=true`,
        'insert',
        '  INSERT INTO app.events (user_id, day, at, kind, tags, counts) VALUES (?, ?, ?, ?, ?, ?) IF NOT EXISTS USING TTL ?',
        `  params [ '5c2e1ac1-8b8c-4f4e-9a39-0d3f0b6c1f00', 1, 't', 'click', undefined, undefined, 86400 ] idempotent=false`,
        'update',
        '  UPDATE app.events SET kind = ?, tags = tags + ?, counts[?] = ? WHERE user_id = ? AND day = ? AND at = ? IF kind = ?',
        `  params [ null, [ 'x' ], 'a', 1, '5c2e1ac1-8b8c-4f4e-9a39-0d3f0b6c1f00', 1, 't', 'view' ] idempotent=false`,
        'counter',
        '  UPDATE app.page_views SET views = views + ? WHERE page = ?',
        `  params [ 1n, '/home' ] idempotent=false`,
        'delete',
        '  DELETE FROM app.events USING TIMESTAMP ? WHERE user_id = ? AND day = ? AND at < ?',
        `  params [ 1700000000000000n, '5c2e1ac1-8b8c-4f4e-9a39-0d3f0b6c1f00', 1, 't' ] idempotent=true`,
        'batch',
        '  BEGIN BATCH INSERT INTO app.events (user_id, day, at, kind, tags, counts) VALUES (?, ?, ?, ?, ?, ?); DELETE tags FROM app.events WHERE user_id = ? AND day = ? AND at = ?; APPLY BATCH',
        `  params [ '5c2e1ac1-8b8c-4f4e-9a39-0d3f0b6c1f00', 1, 't', undefined, undefined, undefined, '5c2e1ac1-8b8c-4f4e-9a39-0d3f0b6c1f00', 1, 'u' ] idempotent=true`,
        'partial partition key',
        '  QueryBuildError: events: the partition key is only partly restricted (missing day). Restrict every partition key column with = or IN, restrict token(...), or call allowFiltering() if a full scan is intended.',
        '',
      ].join('\n'),
    ),
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
  'nestjs-notes': (out) =>
    expect(out).to.equal(
      [
        'POST /notes 1: 201 {"applied":true}',
        'POST /notes 2: 201 {"applied":true}',
        'GET /notes/ada: 200 {"notes":["2: again","1: hello"],"audited":2}',
        'GET /health: notes up, audit up',
        'closed: application shut down, keyspaces dropped',
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
      expect(check, `examples/${name}.ts has no expected output in this spec: add it to EXPECTED`).to.not.equal(undefined);
      check?.(run.stdout, keyspace);
    });
  }
});
