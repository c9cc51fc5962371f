// The permission each DDL statement of a plan needs (as Cassandra's authorize step checks it), and
// which of those a role's LIST PERMISSIONS rows do not cover.
import { expect } from 'chai';
import { missingPermissions, neededPermission } from '../../../src/schema/permission-check.js';
import { SchemaSyncError } from '../../../src/public/errors.js';

describe('schema: permissions a plan needs', () => {
  const cases: [string, string | undefined, string | undefined][] = [
    ["CREATE KEYSPACE IF NOT EXISTS shop WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}", 'CREATE', '<all keyspaces>'],
    ["ALTER KEYSPACE shop WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}", 'ALTER', '<keyspace shop>'],
    ['CREATE TABLE IF NOT EXISTS shop.orders (id int PRIMARY KEY)', 'CREATE', '<keyspace shop>'],
    ['CREATE TYPE IF NOT EXISTS "Shop".address (street text)', 'CREATE', '<keyspace Shop>'],
    ['ALTER TYPE shop.address ADD zip text', 'ALTER', '<keyspace shop>'],
    ['DROP TYPE IF EXISTS shop.address', 'DROP', '<keyspace shop>'],
    ['ALTER TABLE shop."Orders" ADD total decimal', 'ALTER', '<table shop.Orders>'],
    ['DROP TABLE IF EXISTS Shop.Orders', 'DROP', '<table shop.orders>'],
    ['CREATE INDEX IF NOT EXISTS orders_by_user ON shop.orders (user_id)', 'ALTER', '<table shop.orders>'],
    ["CREATE CUSTOM INDEX IF NOT EXISTS v_idx ON shop.items (v) USING 'StorageAttachedIndex'", 'ALTER', '<table shop.items>'],
    ['CREATE MATERIALIZED VIEW IF NOT EXISTS shop.by_user AS SELECT * FROM shop.orders WHERE user_id IS NOT NULL AND id IS NOT NULL PRIMARY KEY (user_id, id)', 'ALTER', '<table shop.orders>'],
    ['DROP INDEX IF EXISTS shop.orders_by_user', undefined, undefined],
  ];
  for (const [cql, permission, resource] of cases) {
    it(`${cql.split(' (')[0]} → ${permission ?? 'not checked here'}${resource !== undefined ? ` on ${resource}` : ''}`, () => {
      const needed = neededPermission(cql);
      expect(needed === undefined ? undefined : [needed.permission, needed.resource]).to.deep.equal(permission === undefined ? undefined : [permission, resource]);
    });
  }

  it('grants on the table, its keyspace or all keyspaces cover a table permission; other permissions and keyspaces do not', () => {
    const alterOrders = neededPermission('ALTER TABLE shop.orders ADD x int')!;
    const createInShop = neededPermission('CREATE TABLE shop.t (id int PRIMARY KEY)')!;
    const needed = [alterOrders, createInShop];
    expect(missingPermissions(needed, [{ resource: '<all keyspaces>', permission: 'ALTER' }, { resource: '<keyspace shop>', permission: 'CREATE' }])).to.deep.equal([]);
    expect(missingPermissions(needed, [{ resource: '<keyspace shop>', permission: 'ALTER' }])).to.deep.equal([createInShop]);
    expect(missingPermissions(needed, [{ resource: '<table shop.orders>', permission: 'ALTER' }, { resource: '<keyspace other>', permission: 'CREATE' }])).to.deep.equal([createInShop]);
    expect(missingPermissions(needed, [{ resource: '<keyspace shop>', permission: 'SELECT' }, { resource: '<keyspace shop>', permission: 'MODIFY' }])).to.deep.equal(needed);
    expect(missingPermissions([neededPermission('CREATE KEYSPACE shop WITH x')!], [{ resource: '<keyspace shop>', permission: 'CREATE' }])).to.have.length(1);
  });

  it('the refusal names each missing permission, its statement and the GRANT that fixes it', () => {
    const missing = [neededPermission('CREATE TABLE shop.t (id int PRIMARY KEY)')!, neededPermission('ALTER TABLE shop.orders ADD x int')!];
    expect(SchemaSyncError.permissionsMissing('shop', 'reader', missing).message).to.equal(
      "Schema sync of keyspace shop refused, nothing applied: role 'reader' lacks permissions the plan needs:\n" +
        '  - CREATE on <keyspace shop>, for: CREATE TABLE shop.t (id int PRIMARY KEY)\n' +
        '  - ALTER on <table shop.orders>, for: ALTER TABLE shop.orders ADD x int\n' +
        'Run sync as a role that may change the schema, or grant them (as a superuser): GRANT CREATE ON KEYSPACE shop TO reader; GRANT ALTER ON TABLE shop.orders TO reader.',
    );
  });
});
