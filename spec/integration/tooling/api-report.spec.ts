// The public surface is reviewed: api/*.api.md is the API Extractor report of each entry point, and
// this spec fails when the built declarations no longer match it (run `npm run api:report` and commit
// the updated reports with the change).
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root.js';

describe('API report', () => {
  it('api/*.api.md match the published declarations of cassandra-orm, /errors, /schema, /testing, /migrations, /observability and /nestjs', function () {
    this.timeout(300_000);
    const run = spawnSync('npm', ['run', 'api:check'], { cwd: repoRoot(), encoding: 'utf8' });
    const output = `${run.stdout}\n${run.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
    expect(output).not.to.contain('You have changed the API signature');
    expect(run.status, output.split('\n').slice(-20).join('\n')).to.equal(0);
    // One successful run per committed report.
    expect(output.match(/API Extractor completed successfully/g) ?? []).to.have.length(readdirSync(join(repoRoot(), 'api')).filter((f) => f.endsWith('.api.md')).length);
  });

  it('the reports name no path of this machine, so they compare equal on any clone', () => {
    const dir = join(repoRoot(), 'api');
    const reports = readdirSync(dir).filter((f) => f.endsWith('.api.md'));
    expect(reports).to.have.members(['cassandra-orm.api.md', 'cassandra-orm-errors.api.md', 'cassandra-orm-schema.api.md', 'cassandra-orm-testing.api.md', 'cassandra-orm-migrations.api.md', 'cassandra-orm-observability.api.md', 'cassandra-orm-nestjs.api.md']);
    for (const file of reports) expect(readFileSync(join(dir, file), 'utf8'), file).not.to.match(/(^|[\s(])\/(work|home|tmp|root|Users)\//m);
  });

  it('no report has a forgotten export: every type a signature names is exported by an entry point', () => {
    const dir = join(repoRoot(), 'api');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.api.md'))) {
      expect(readFileSync(join(dir, file), 'utf8'), file).not.to.contain('ae-forgotten-export');
    }
  });
});
