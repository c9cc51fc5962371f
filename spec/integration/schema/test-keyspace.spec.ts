// The test keyspace kit on the real node: created as test_<keyspace>, synced, truncated, dropped.
import { expect } from 'chai';
import { Connection } from '../../../src/index.js';
import { ConfigError } from '../../../src/public/errors.js';
import { TestKeyspace } from '../../../src/schema/test-keyspace.js';
import { testNode, uniqueKeyspace } from '../../support/test-node.js';
import { everyModel, PageHits } from './fixtures/models.js';
import { ProfileV1 } from './fixtures/profiles.js';

describe('test keyspace kit (real node)', function () {
  this.timeout(120_000);
  const base = uniqueKeyspace('it_app');
  let connection: Connection;

  before(async () => {
    const node = testNode();
    connection = new Connection({ contactPoints: node.contactPoints, localDataCenter: node.localDataCenter, username: node.username, password: node.password });
    await connection.connect();
  });
  after(async () => {
    await connection.execute(`DROP KEYSPACE IF EXISTS test_${base}`, [], { prepare: false });
    await connection.close();
  });

  const exists = async (ks: string): Promise<boolean> =>
    (await connection.execute('SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?', [ks])).rows.length === 1;

  it('creates test_<keyspace>, syncs, truncates between tests and drops it', async () => {
    const kit = await TestKeyspace.create(connection, [...everyModel, ProfileV1], { keyspace: base });
    expect(kit.name).to.equal(`test_${base}`);
    expect(await exists(kit.name)).to.equal(true);
    expect(kit.sync.applied.map((c) => c.kind)).to.include('create-keyspace');

    await connection.execute(`INSERT INTO ${kit.name}.profiles (id, name) VALUES (uuid(), 'Ada')`);
    await connection.execute(`UPDATE ${kit.name}.page_hits SET views = views + 1 WHERE page = 'home'`);
    await kit.truncate();
    expect((await connection.execute(`SELECT * FROM ${kit.name}.profiles`)).rows).to.have.length(0);
    expect((await connection.execute(`SELECT * FROM ${kit.name}.page_hits`)).rows).to.have.length(0);

    await kit.drop();
    expect(await exists(kit.name)).to.equal(false);
  });

  it('replaces a stale test keyspace left by an earlier run', async () => {
    const first = await TestKeyspace.create(connection, [PageHits], { keyspace: base });
    await connection.execute(`UPDATE ${first.name}.page_hits SET views = views + 1 WHERE page = 'stale'`);
    const second = await TestKeyspace.create(connection, [PageHits], { keyspace: base });
    expect((await connection.execute(`SELECT * FROM ${second.name}.page_hits`)).rows).to.have.length(0);
    await second.drop();
  });

  it('takes an explicit name, else the connection test keyspace (TEST_NAME, default test_<keyspace>), and needs one of them', async () => {
    const named = uniqueKeyspace('it_named');
    const kit = await TestKeyspace.create(connection, [PageHits], { name: named });
    expect(await exists(named)).to.equal(true);
    await kit.drop();
    const node = testNode();
    const withKs = new Connection({ contactPoints: node.contactPoints, keyspace: 'app_main' });
    expect(TestKeyspace.nameFor(withKs)).to.equal('test_app_main');
    const withTestName = new Connection({ contactPoints: node.contactPoints, keyspace: 'app_main', testKeyspace: 'app_ci' });
    expect(TestKeyspace.nameFor(withTestName)).to.equal('app_ci');
    expect(TestKeyspace.nameFor(withTestName, { keyspace: 'other' })).to.equal('test_other');
    expect(() => TestKeyspace.nameFor(connection)).to.throw(ConfigError, /testKeyspace\.name: is required/);
    await withKs.close();
    await withTestName.close();
  });
});
