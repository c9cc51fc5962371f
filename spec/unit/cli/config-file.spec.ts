import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '../../../src/cli/cli-error.js';
import { findConfigFile, importConfigFile } from '../../../src/cli/config-file.js';

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(CliError);
    return (error as Error).message;
  }
  throw new Error('expected a failure');
}

describe('cli: configuration file discovery', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'corm-config-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds cassandra-orm.config.js, then .mjs, then .cjs in the working folder', () => {
    writeFileSync(join(dir, 'cassandra-orm.config.cjs'), '');
    expect(findConfigFile(dir, undefined)).to.equal(join(dir, 'cassandra-orm.config.cjs'));
    writeFileSync(join(dir, 'cassandra-orm.config.mjs'), '');
    expect(findConfigFile(dir, undefined)).to.equal(join(dir, 'cassandra-orm.config.mjs'));
    writeFileSync(join(dir, 'cassandra-orm.config.js'), '');
    expect(findConfigFile(dir, undefined)).to.equal(join(dir, 'cassandra-orm.config.js'));
  });

  it('resolves --config against the working folder', () => {
    writeFileSync(join(dir, 'other.mjs'), '');
    expect(findConfigFile(dir, 'other.mjs')).to.equal(join(dir, 'other.mjs'));
  });

  it('says how to start when there is no configuration', () => {
    expect(failure(() => findConfigFile(dir, undefined))).to.equal(
      `no configuration file: create cassandra-orm.config.js in ${dir} (see README "Configuration file") or pass --config <file>`,
    );
  });

  it('names a missing --config file', () => {
    expect(failure(() => findConfigFile(dir, 'nope.js'))).to.equal(`configuration file not found: ${join(dir, 'nope.js')}`);
  });

  it('explains how to compile a TypeScript configuration, found or given', () => {
    writeFileSync(join(dir, 'cassandra-orm.config.ts'), '');
    expect(failure(() => findConfigFile(dir, undefined))).to.match(/^cassandra-orm\.config\.ts is TypeScript.*npx tsc.*--config dist\/cassandra-orm\.config\.js$/);
    expect(failure(() => findConfigFile(dir, 'cassandra-orm.config.ts'))).to.match(/is TypeScript.*compile it/);
  });

  it('reads named exports, and the fields of a default export', async () => {
    writeFileSync(join(dir, 'named.mjs'), 'export const connections = { a: 1 }; export const entities = [];');
    expect(await importConfigFile(join(dir, 'named.mjs'))).to.deep.equal({ connections: { a: 1 }, entities: [] });
    writeFileSync(join(dir, 'default.mjs'), 'export default { connections: { b: 2 } };');
    expect(await importConfigFile(join(dir, 'default.mjs'))).to.deep.equal({ connections: { b: 2 } });
    writeFileSync(join(dir, 'common.cjs'), 'module.exports = { connections: { c: 3 } };');
    expect(await importConfigFile(join(dir, 'common.cjs'))).to.deep.equal({ connections: { c: 3 } });
  });

  it('reports a configuration that throws while loading, in one line', async () => {
    writeFileSync(join(dir, 'broken.mjs'), 'throw new Error("boom\\nsecond line");');
    const error = await importConfigFile(join(dir, 'broken.mjs')).then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(CliError);
    expect((error as Error).message).to.equal(`cannot load configuration ${join(dir, 'broken.mjs')}: boom`);
  });
});
