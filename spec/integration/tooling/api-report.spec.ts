// The public surface is reviewed: api/*.api.md is the API Extractor report of each entry point, and
// this spec fails when the built declarations no longer match it (run `npm run api:report` and commit
// the updated reports with the change).
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { repoRoot } from '../../support/repo-root.js';

describe('API report', () => {
  it('api/*.api.md match the published declarations of cassandra-orm, /schema and /testing', function () {
    this.timeout(300_000);
    const run = spawnSync('npm', ['run', 'api:check'], { cwd: repoRoot(), encoding: 'utf8' });
    const output = `${run.stdout}\n${run.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
    expect(output).not.to.contain('You have changed the API signature');
    expect(run.status, output.split('\n').slice(-20).join('\n')).to.equal(0);
    expect(output.match(/API Extractor completed successfully/g) ?? []).to.have.length(3);
  });
});
