// The levels of the public surface: the root entry point holds what an application uses, the errors,
// schema tooling and the test kit live in their sub-paths, and internals are reachable from none of them.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as root from '../../src/index.js';
import * as errors from '../../src/public/errors.js';
import * as schema from '../../src/schema/index.js';
import * as testing from '../../src/testing/index.js';
import { MapperError } from '../../src/errors.js';
import { repoRoot } from '../support/repo-root.js';

/** The names an entry point's API report lists at its top level (exports and type namespaces). */
function reportNames(report: string): string[] {
  const text = readFileSync(join(repoRoot(), 'api', report), 'utf8');
  const exported = [...text.matchAll(/^export (?:declare )?(?:abstract )?(?:class|function|const|let|interface|type|enum) ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]!);
  const namespaces = [...text.matchAll(/^declare namespace ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]!);
  return [...new Set([...exported, ...namespaces])];
}
import * as migrations from '../../src/schema/migrations/index.js';

const INTERNALS = [
  'decoderFor', 'encoderFor', 'encodeParams', 'Hydrator', 'hydratorFor', 'selectedColumns', 'resolveConnectionSettings',
  'resolveConnectionsConfig', 'parseDecimal', 'printDecimal', 'validateEntity', 'DEFAULT_REPLICATION',
];

describe('public API levels', () => {
  it('the root exports none of the codec, hydrator, compile or settings internals', () => {
    for (const name of INTERNALS) expect(Object.keys(root), name).not.to.include(name);
    for (const name of INTERNALS) expect(Object.keys(schema), name).not.to.include(name);
  });

  // Raised by three (70 → 73 names, 50 → 53 values) for @Version, @CreatedAt and @UpdatedAt: decorators
  // are values an entity file imports from the root like @Column, and no existing root name could move
  // to a sub-path without breaking applications.
  it('the root holds at most 73 names (values, types and type namespaces, counted in its API report)', () => {
    const names = reportNames('cassandra-orm.api.md');
    expect(names.length, names.join(', ')).to.be.at.most(73);
    expect(names).to.include.members(['Connection', 'Repository', 'QueryOptions', 'PageOptions', 'Page', 'Decorators', 'Query', 'Settings']);
    expect(Object.keys(root).length).to.be.at.most(53);
  });

  it('every error class is in /errors, none in the root, and each is a MapperError', () => {
    for (const name of Object.keys(errors)) {
      expect(Object.keys(root), name).not.to.include(name);
      const value = (errors as Record<string, unknown>)[name];
      expect(typeof value === 'function' && (value === MapperError || (value as { prototype: unknown }).prototype instanceof MapperError), name).to.equal(true);
    }
    expect(Object.keys(errors)).to.include.members(['MapperError', 'ValidationError', 'PageTokenError', 'DevNodeError', 'IdentifierError', 'CqlTypeSyntaxError']);
  });

  it('DDL, plans and the live schema are in /schema, the test kit in /testing', () => {
    for (const name of ['createTableCql', 'planSchema', 'diffSchema', 'readLiveSchema', 'acquireSchemaLease', 'entityMetadata']) {
      expect(Object.keys(root), name).not.to.include(name);
      expect(Object.keys(schema), name).to.include(name);
    }
    expect(Object.keys(root)).not.to.include('TestKeyspace');
    expect(Object.keys(testing)).to.have.members(['TestKeyspace', 'selectNode']);
    expect(Object.keys(root)).to.include.members(['Connection', 'Repository', 'batch', 'selectFrom', 'syncSchema', 'Table']);
    expect(Object.keys(schema)).not.to.include('syncSchema');
  });

  it('versioned migrations are in /migrations only (their error, MigrationError, in /errors with the others)', () => {
    expect(Object.keys(migrations).sort()).to.deep.equal(['generateMigration', 'loadMigrations', 'migrate', 'migrationStatus', 'readSnapshot']);
    for (const name of Object.keys(migrations)) {
      expect(Object.keys(root), name).not.to.include(name);
      expect(Object.keys(schema), name).not.to.include(name);
    }
  });

  it('Repository and Connection have no string-named members for batches or repositories only', () => {
    const repository = Object.getOwnPropertyNames(root.Repository.prototype);
    for (const name of ['prepare', 'compileInsertNow', 'insertStatementNow', 'mapMode']) expect(repository, name).not.to.include(name);
    const connection = Object.getOwnPropertyNames(root.Connection.prototype);
    for (const name of ['executeMap', 'paged', 'batchMap']) expect(connection, name).not.to.include(name);
  });
});
