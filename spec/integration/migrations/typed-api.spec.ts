// The typed API of cassandra-orm/migrations on the real node, as an application migrating at
// start-up uses it: generate files for a rich model, load and apply them, read the status.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '../../../src/index.js';
import {
  generateMigration, loadMigrations, migrate, migrationStatus, readSnapshot, type MigrateEvent, type Migration,
} from '../../../src/schema/migrations/index.js';
import { MigrationError } from '../../../src/public/errors.js';
import { isPlanEmpty } from '../../../src/schema/schema-plan.js';
import { planSchema } from '../../../src/schema/plan-apply.js';
import { testNode, uniqueKeyspace } from '../../support/test-node.js';
import { everyModel } from '../schema/fixtures/models.js';
import { migrationId } from './support.js';

describe('migrations: the typed API (real node)', function () {
  this.timeout(180_000);
  const generated = uniqueKeyspace('mig_api_gen');
  const inline = uniqueKeyspace('mig_api_inline');
  const dir = mkdtempSync(join(tmpdir(), 'corm-mig-api-'));
  let connection: Connection;

  before(() => {
    const node = testNode();
    connection = new Connection({ contactPoints: node.contactPoints, localDataCenter: node.localDataCenter, username: node.username, password: node.password });
  });

  after(async () => {
    for (const ks of [generated, inline]) await connection.execute(`DROP KEYSPACE IF EXISTS ${ks}`, [], { prepare: false });
    await connection.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a migration generated for a model with types, indexes and a view brings the live keyspace exactly to the model', async () => {
    const keyspace = { name: generated, replication: { class: 'SimpleStrategy', replicationFactor: 1 } } as const;
    const result = generateMigration({ directory: dir, name: 'everything', keyspace, entities: everyModel, language: 'js', now: new Date('2026-01-02T03:04:05Z') });
    expect(result.id).to.equal('20260102030405_everything');
    expect(readSnapshot(dir).migrations).to.deep.equal(['20260102030405_everything']);
    const again = generateMigration({ directory: dir, name: 'again', keyspace, entities: everyModel, language: 'js' });
    expect(again.file).to.equal(undefined);
    expect(again.plan.changes).to.deep.equal([]);

    const migrations = await loadMigrations(dir);
    expect(migrations.map((m) => m.id)).to.deep.equal(['20260102030405_everything']);
    expect(migrations[0]!.cql.length).to.be.greaterThan(10);
    const applied = await migrate(connection, migrations, { keyspace });
    expect(applied.applied).to.deep.equal(['20260102030405_everything']);
    const live = await planSchema(connection, everyModel, { keyspace });
    expect(live.changes.map((c) => c.description)).to.deep.equal([]);
    expect(isPlanEmpty(live)).to.equal(true);
  });

  it('migrate --to, events, status, a second run that does nothing, and a typed error for an edited migration', async () => {
    const keyspace = { name: inline };
    const first: Migration = { id: migrationId(1, 'items'), cql: [`CREATE TABLE ${inline}.items (id int PRIMARY KEY, n int)`] };
    const second: Migration = {
      id: migrationId(2, 'seed'),
      cql: [],
      data: async (conn, step) => {
        for (let i = 0; i < 7; i++) await conn.execute('INSERT INTO items (id, n) VALUES (?, ?)', [i, i]);
        await step.eachPage<{ id: number }>('SELECT id FROM items', [], () => undefined, { pageSize: 3, label: 'items' });
      },
    };
    const events: MigrateEvent[] = [];
    const partial = await migrate(connection, [second, first], { keyspace, to: first.id, onEvent: (e) => events.push(e) });
    expect(partial.applied).to.deep.equal([first.id]);
    expect(partial.states.map((s) => [s.id, s.state])).to.deep.equal([[first.id, 'applied'], [second.id, 'pending']]);
    expect(events.map((e) => e.type)).to.deep.equal(['lease-acquired', 'migration', 'statement', 'applied']);

    events.length = 0;
    const rest = await migrate(connection, [first, second], { keyspace, onEvent: (e) => events.push(e) });
    expect(rest.applied).to.deep.equal([second.id]);
    const data = events.filter((e): e is Extract<MigrateEvent, { type: 'data' }> => e.type === 'data').map((e) => e.progress.rows);
    expect(data).to.deep.equal([3, 6, 7]);
    const status = await migrationStatus(connection, [first, second], inline);
    expect(status.map((s) => [s.state, s.history?.outcome, s.history?.dataRows])).to.deep.equal([['applied', 'applied', undefined], ['applied', 'applied', 7]]);

    expect((await migrate(connection, [first, second], { keyspace })).applied).to.deep.equal([]);

    const edited: Migration = { ...first, cql: [`CREATE TABLE ${inline}.items (id int PRIMARY KEY, n bigint)`] };
    const error = await migrate(connection, [edited, second], { keyspace }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(MigrationError);
    expect((error as MigrationError).migration).to.equal(first.id);
    expect((await migrationStatus(connection, [edited, second], inline)).map((s) => s.state)).to.deep.equal(['changed', 'applied']);
  });
});
