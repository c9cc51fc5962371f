// `cassandra-orm lint` as a user runs it: the built binary in a scratch project, its report (human
// and --json) and its exit status (0, 4 on an error-level finding, 1 on a bad configuration, 2 on
// bad usage). The lint reads the entities and source files only: no statement reaches the node.
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../../support/repo-root.js';
import { nodeConnectionSource, runCli, tempProject } from './cli-harness.js';

const MODELS = pathToFileURL(join(repoRoot(), 'dist', 'spec', 'integration', 'cli', 'fixtures', 'lint-models.js')).href;

/** A scratch project whose configuration lists `entities` (names exported by the fixture) and exports `extra` lines. */
function project(entities: string[], extra: string[] = []) {
  const p = tempProject('lint');
  p.write('cassandra-orm.config.js', [
    `import { ${entities.join(', ')} } from '${MODELS}';`,
    "import './queries.js';",
    `export const connections = { connections: { default: ${nodeConnectionSource({ keyspace: 'lint_never_used' })} } };`,
    `export const entities = [${entities.join(', ')}];`,
    ...extra,
  ].join('\n'));
  p.write('queries.js', [
    '// The application code the configuration imports: a query that asks for ALLOW FILTERING.',
    'export function byKind(events, kind) {',
    "  return events.find((q) => q.where('kind', '=', kind).allowFiltering());",
    '}',
  ].join('\n'));
  return p;
}

describe('cassandra-orm lint (the binary on a scratch project)', () => {
  const projects: { remove(): void }[] = [];
  after(() => projects.forEach((p) => p.remove()));
  const make = (entities: string[], extra?: string[]) => {
    const p = project(entities, extra);
    projects.push(p);
    return p;
  };

  it('exits 0 with the warnings of a model, each naming the entity and property, its reason, fix and rule', async () => {
    const p = make(['CleanReading', 'LintedEvent']);
    const r = await runCli(['lint'], { cwd: p.dir });
    expect(r.stderr).to.equal('');
    expect(r.code).to.equal(0);
    expect(r.stdout.split('\n')).to.deep.equal([
      'warning LintedEvent.at: clustered by time (timeuuid) but the partition key (userId) has no time bucket: each partition grows without bound [unbounded-partition]',
      "        fix: add a bucket to the partition key (e.g. @PartitionKey() day: string, '2026-12-04') and read one bucket at a time",
      'warning LintedEvent.email: a secondary index (events_email_idx) on email (text), which looks high-cardinality: a lookup without the partition key asks every node to find about one row [index-high-cardinality]',
      '        fix: keep a query table with email as its partition key instead, or always restrict these queries to one partition',
      'warning LintedEvent.history: list<text> column with no declared size bound: a collection is read whole with its row, so one that grows like a table slows every read of it [unbounded-collection]',
      '        fix: declare its bound with @Column({ maxSize: n }), or keep the elements as rows of a table clustered by element',
      'warning LintedEvent.events_by_kind: declares the materialized view events_by_kind: views are experimental in Cassandra 5 and disabled by default (materialized_views_enabled), and can drift from their base table [materialized-view]',
      '        fix: keep a query table written with the base table in one logged batch instead',
      'warning queries.js:3: a query asks for ALLOW FILTERING (allowFiltering()): the node reads and discards rows, as many as the table holds outside one partition [allow-filtering]',
      '        fix: restrict the query to one partition, or keep a query table keyed for it',
      '5 findings: 0 errors, 5 warnings',
      '',
    ]);
  });

  it('exits 0 with "No findings." for a clean model and code', async () => {
    const p = make(['CleanReading']);
    p.write('queries.js', 'export const nothing = 1;\n');
    const r = await runCli(['lint'], { cwd: p.dir });
    expect([r.code, r.stdout]).to.deep.equal([0, 'No findings.\n']);
  });

  it('exits 4 when a finding is at error level: --error-on warning, or a level set in the configuration file', async () => {
    const p = make(['LintedEvent']);
    const strict = await runCli(['lint', '--error-on', 'warning'], { cwd: p.dir });
    expect(strict.code).to.equal(4);
    expect(strict.stdout).to.contain('5 findings: 5 errors, 0 warnings');
    const q = make(['LintedEvent'], ["export const lint = { rules: { 'materialized-view': 'error', 'unbounded-collection': 'off', 'allow-filtering': 'off' } };"]);
    const configured = await runCli(['lint'], { cwd: q.dir });
    expect(configured.code).to.equal(4);
    expect(configured.stdout).to.contain('error   LintedEvent.events_by_kind: declares the materialized view').and.to.contain('3 findings: 1 error, 2 warnings');
    expect(configured.stdout).not.to.contain('unbounded-collection');
  });

  it('prints JSON with --json, and scans the --sources globs instead of what the configuration imports', async () => {
    const p = make(['CleanReading']);
    mkdirSync(join(p.dir, 'lib', 'deep'), { recursive: true });
    p.write('lib/deep/raw.js', "export const q = 'SELECT * FROM events WHERE kind = ? ALLOW FILTERING';\n");
    p.write('lib/other.txt', "'ALLOW FILTERING'\n");
    const r = await runCli(['lint', '--json', '--sources', 'lib/**/*.js'], { cwd: p.dir });
    expect(r.code).to.equal(0);
    const json = JSON.parse(r.stdout) as { failed: boolean; sources: number; findings: Record<string, unknown>[] };
    expect(json.failed).to.equal(false);
    expect(json.sources).to.equal(1);
    expect(json.findings).to.deep.equal([{
      rule: 'allow-filtering', level: 'warning', file: 'lib/deep/raw.js', line: 1,
      message: 'raw CQL with ALLOW FILTERING: the node reads and discards rows, as many as the table holds outside one partition',
      fix: 'restrict the query to one partition, or keep a query table keyed for it',
    }]);
  });

  it('exits 2 on bad usage and 1 on a bad lint configuration, naming what to fix', async () => {
    const p = make(['CleanReading']);
    const usage = await runCli(['lint', '--error-on', 'fatal'], { cwd: p.dir });
    expect([usage.code, usage.stderr]).to.deep.equal([2, "cassandra-orm: lint: --error-on must be 'warning' or 'error', got 'fatal'\n"]);
    const q = make(['CleanReading'], ["export const lint = { rules: { 'no-such-rule': 'error' } };"]);
    const config = await runCli(['lint'], { cwd: q.dir });
    expect(config.code).to.equal(1);
    expect(config.stderr).to.contain('lint.rules.no-such-rule: unknown key (allowed: unbounded-partition, index-high-cardinality');
  });
});
