// Migrations without a node: the snapshot (model as live schema, its file form), the generated
// file's text and what importing it yields, checksums, module and configuration checks.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { migrationsFromExport } from '../../../../src/cli/migrations-config.js';
import { resolveConnectionsConfig } from '../../../../src/config/connections-config.js';
import { ConfigError, MigrationError } from '../../../../src/errors.js';
import { entityMetadata } from '../../../../src/metadata/resolve-entity.js';
import { diffSchema } from '../../../../src/schema/diff.js';
import { generateMigration } from '../../../../src/schema/migrations/generate.js';
import { buildOf } from '../../../../src/schema/migrations/migrate.js';
import { migrationChecksum, migrationFromModule, statementChecksum } from '../../../../src/schema/migrations/migration.js';
import { renderMigration } from '../../../../src/schema/migrations/render.js';
import { modelSchema, snapshotFromText, snapshotToText } from '../../../../src/schema/migrations/snapshot.js';
import { orderedStatements } from '../../../../src/schema/schema-plan.js';
import { everyModel } from '../../../integration/schema/fixtures/models.js';
import { AccountV1, AccountV2, Ledger } from '../../../integration/migrations/fixtures/models.js';
import { thrown } from '../../../support/thrown.js';

const keyspace = { name: 'app' };
const metaOf = (e: abstract new (...args: never[]) => object): ReturnType<typeof entityMetadata> => entityMetadata(e);

describe('migrations: the schema snapshot', () => {
  const metas = everyModel.map(metaOf);

  it('the model as a live schema diffs as nothing to do (types, indexes of every kind, a view, table options)', () => {
    const plan = diffSchema(keyspace, metas, modelSchema(keyspace, metas));
    expect(plan.changes.map((c) => c.description)).to.deep.equal([]);
    expect(plan.blocked).to.deep.equal([]);
  });

  it('survives its file form unchanged, and the file form is stable', () => {
    const text = snapshotToText({ migrations: ['20260101000000_a'], schema: modelSchema(keyspace, metas) });
    const back = snapshotFromText('s.json', text);
    expect(back.migrations).to.deep.equal(['20260101000000_a']);
    expect(diffSchema(keyspace, metas, back.schema).changes).to.deep.equal([]);
    expect(snapshotToText(back)).to.equal(text);
    expect(snapshotFromText('s.json', snapshotToText({ migrations: [], schema: undefined })).schema).to.equal(undefined);
  });

  it('against an earlier model it plans only the difference', () => {
    const before = modelSchema(keyspace, [entityMetadata(AccountV1)]);
    const plan = diffSchema(keyspace, [AccountV2, Ledger].map(metaOf), before);
    expect(plan.changes.map((c) => c.kind)).to.deep.equal(['add-column', 'create-table']);
  });

  it('refuses a file that is not a snapshot, naming it', () => {
    expect(thrown(() => snapshotFromText('m/s.json', '<<<<<<< HEAD')).message).to.match(/^Schema snapshot m\/s\.json: is not valid JSON .*resolve them/);
    expect(thrown(() => snapshotFromText('m/s.json', '{"x": 1}')).message).to.equal(
      'Schema snapshot m/s.json: is not a cassandra-orm schema snapshot (expected { format: 1, migrations: [...], schema })',
    );
  });
});

describe('migrations: the generated file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'corm-mig-unit-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('imports as exactly the plan\'s statements in execution order, with backticks, backslashes and ${ kept', async () => {
    const metas = everyModel.map(metaOf);
    const plan = diffSchema(keyspace, metas, undefined);
    const text = renderMigration('20260101000000_all', plan, 'app', 'js');
    writeFileSync(join(dir, 'm.mjs'), text);
    const module = (await import(pathToFileURL(join(dir, 'm.mjs')).href)) as Record<string, unknown>;
    expect(module['cql']).to.deep.equal(orderedStatements(plan.changes).map((s) => s.cql));
    const odd = { ...plan, changes: [{ ...plan.changes[0]!, statements: [{ cql: "SELECT '`a\\b ${c}`' FROM t", phase: 0 }] }] };
    writeFileSync(join(dir, 'o.mjs'), renderMigration('20260101000000_odd', odd, 'app', 'js'));
    const oddModule = (await import(pathToFileURL(join(dir, 'o.mjs')).href)) as Record<string, unknown>;
    expect(oddModule['cql']).to.deep.equal(["SELECT '`a\\b ${c}`' FROM t"]);
  });

  it('TypeScript files type the statements and keep the data step commented out (no unused imports)', () => {
    const text = renderMigration('20260101000000_x', diffSchema(keyspace, [entityMetadata(AccountV1)], undefined), 'app', 'ts');
    expect(text).to.contain('export const cql: string[] = [\n  // [safe] create keyspace app\n');
    expect(text.split('\n').filter((l) => l.startsWith('import'))).to.deep.equal([]);
    expect(text).to.contain('// export async function data(connection: Connection, step: DataStep): Promise<void> {');
  });

  it('generate names the file by UTC time, keeps ids in order within one second, and refuses a destructive plan unless allowed', () => {
    const now = new Date('2026-03-04T05:06:07Z');
    const a = generateMigration({ directory: dir, name: 'Create Accounts', keyspace, entities: [AccountV1], language: 'ts', now });
    expect(a.id).to.equal('20260304050607_create_accounts');
    expect(a.file).to.equal(join(dir, '20260304050607_create_accounts.ts'));
    const b = generateMigration({ directory: dir, name: 'more', keyspace, entities: [AccountV2, Ledger], language: 'ts', now });
    expect(b.id).to.equal('20260304050608_more');
    const snapshot = readFileSync(join(dir, 'schema-snapshot.json'), 'utf8');
    const error = thrown(() => generateMigration({ directory: dir, name: 'less', keyspace, entities: [AccountV1], language: 'ts', now }));
    expect(error).to.be.instanceOf(MigrationError);
    expect(error.message).to.contain('The model needs 2 destructive change(s); nothing was written:\n  - drop column email from table app.accounts');
    expect(readFileSync(join(dir, 'schema-snapshot.json'), 'utf8')).to.equal(snapshot);
    const empty = generateMigration({ directory: dir, name: 'backfill', keyspace, entities: [AccountV2, Ledger], language: 'ts', empty: true, now });
    expect(readFileSync(empty.file!, 'utf8')).to.contain('export const cql: string[] = [\n];');
  });

  it('generate refuses a folder whose files and snapshot disagree, naming the files', () => {
    generateMigration({ directory: dir, name: 'one', keyspace, entities: [AccountV1], language: 'js' });
    writeFileSync(join(dir, '20990101000000_by_hand.js'), 'export const cql = [];');
    const error = thrown(() => generateMigration({ directory: dir, name: 'two', keyspace, entities: [AccountV2], language: 'js' }));
    expect(error.message).to.contain('does not account for 20990101000000_by_hand (a file written by hand or merged from another branch)');
    expect(error.message).to.contain('nothing was written');
  });
});

describe('migrations: checksums and module checks', () => {
  const cql = ['CREATE TABLE app.t (id int PRIMARY KEY)'];

  it('the checksum follows the statements and the data step\'s code, not its indentation or a trailing semicolon', () => {
    const base = migrationChecksum({ cql });
    expect(migrationChecksum({ cql: ['  CREATE TABLE app.t (id int PRIMARY KEY);  '] })).to.equal(base);
    expect(migrationChecksum({ cql: ['CREATE TABLE app.t (id bigint PRIMARY KEY)'] })).not.to.equal(base);
    const data = async (): Promise<void> => {
      await Promise.resolve(1);
    };
    // eslint-disable-next-line
    const reindented = async (): Promise<void> => { await Promise.resolve(1); };
    const other = async (): Promise<void> => {
      await Promise.resolve(2);
    };
    expect(migrationChecksum({ cql, data })).to.equal(migrationChecksum({ cql, data: reindented }));
    expect(migrationChecksum({ cql, data })).not.to.equal(migrationChecksum({ cql, data: other }));
    expect(migrationChecksum({ cql, data })).not.to.equal(base);
    expect(statementChecksum('X;')).to.equal(statementChecksum(' X '));
  });

  it('a migration module must be named by id and export cql (and optionally a data function) only', () => {
    expect(migrationFromModule('f.js', '20260101000000_ok', { cql }).cql).to.deep.equal(cql);
    expect(thrown(() => migrationFromModule('f.js', 'add_email', { cql })).message).to.contain('the file name must be <14-digit UTC timestamp>_<name>');
    expect(thrown(() => migrationFromModule('f.js', '20260101000000_x', { cql: 'DROP TABLE t' })).message).to.equal(
      'Migration file f.js: must export `cql`: an array of non-empty CQL statements (use [] for a data-only migration)',
    );
    expect(thrown(() => migrationFromModule('f.js', '20260101000000_x', { cql, data: 1 })).message).to.contain('its `data` export must be an async function');
    expect(thrown(() => migrationFromModule('f.js', '20260101000000_x', { cql, up: [] })).message).to.contain('unknown export(s) up');
  });

  it('the migrations configuration is checked key by key', () => {
    const connections = resolveConnectionsConfig({ connections: { default: { contactPoints: 'h', keyspace: 'app' }, events: { contactPoints: 'h', keyspace: 'ev' } } });
    expect(migrationsFromExport({ directory: 'migrations' }, connections)).to.deep.equal([{ connection: 'default', directory: 'migrations', compiled: 'migrations', language: 'js' }]);
    expect(migrationsFromExport([{ directory: 'src/m', compiled: 'dist/m' }, { directory: 'ev', connection: 'events' }], connections).map((m) => [m.connection, m.language]))
      .to.deep.equal([['default', 'ts'], ['events', 'js']]);
    const cases: [unknown, string][] = [
      [{ dir: 'm' }, 'migrations.dir: unknown key (allowed: directory, compiled, language, connection)'],
      [{}, 'migrations.directory: expected a non-empty string, got undefined'],
      [{ directory: 'm', language: 'ts' }, "migrations.compiled: is required: TypeScript migrations need the folder your build compiles them to, e.g. compiled: 'dist/migrations'"],
      [{ directory: 'm', connection: 'nope' }, "migrations.connection: names connection 'nope', which is not configured (configured: default, events)"],
      [[{ directory: 'a' }, { directory: 'b' }], "migrations: connection 'default' has two migrations folders; give each connection one"],
    ];
    for (const [value, message] of cases) {
      const error = thrown(() => migrationsFromExport(value, connections));
      expect(error).to.be.instanceOf(ConfigError);
      expect(error.message).to.equal(message);
    }
  });
});

describe('migrations: statements that build', () => {
  it('names the index or view a statement creates, as Cassandra folds or keeps the name', () => {
    expect(buildOf('CREATE INDEX IF NOT EXISTS kind_idx ON app.events (kind)')).to.deep.equal({ kind: 'index', name: 'kind_idx', keyspace: 'app' });
    expect(buildOf("create custom index \"Kind\" on \"App\".events (kind) USING 'sai'")).to.deep.equal({ kind: 'index', name: 'Kind', keyspace: 'App' });
    expect(buildOf('CREATE INDEX Kind_Idx ON events (kind)')).to.deep.equal({ kind: 'index', name: 'kind_idx' });
    expect(buildOf('CREATE MATERIALIZED VIEW IF NOT EXISTS app.by_kind AS\n  SELECT * FROM app.events')).to.deep.equal({ kind: 'view', name: 'by_kind', keyspace: 'app' });
    expect(buildOf('CREATE MATERIALIZED VIEW "ByKind" AS SELECT * FROM events')).to.deep.equal({ kind: 'view', name: 'ByKind' });
    expect(buildOf('CREATE INDEX ON app.events (kind)')).to.equal(undefined);
    expect(buildOf('CREATE TABLE app.t (id int PRIMARY KEY)')).to.equal(undefined);
  });
});
