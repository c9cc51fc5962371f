// Integration support: a keyspace per spec file, tables created from entity metadata with the DDL
// generator, and Connections configured as an application would.
import type cassandra from 'cassandra-driver';
import { Connection } from '../../../src/connection/connection.js';
import type { QueryDefaultsOptions } from '../../../src/connection/query-defaults.js';
import { entityMetadata } from '../../../src/metadata/resolve-entity.js';
import { createIndexCql } from '../../../src/schema/index-view-ddl.js';
import { createTableCql, createTypeCql } from '../../../src/schema/table-ddl.js';
import { adminClient, createKeyspace, testNode, uniqueKeyspace } from '../../support/test-node.js';

/** A keyspace with the tables of `entities`; `drop()` removes everything. */
export interface Fixture {
  readonly keyspace: string;
  readonly admin: cassandra.Client;
  /** A connection in the keyspace, decoding maps as `Map` and sets as `Set` (exact round trips). */
  readonly connection: Connection;
  drop(): Promise<void>;
}

/**
 * A connection to the test node; `nativeMaps: false` opts out of the default Map/Set collection
 * encoding, and `queryDefaults` sets the connection's statement defaults.
 */
export function connect(keyspace: string, nativeMaps = true, queryDefaults?: QueryDefaultsOptions): Connection {
  const node = testNode();
  return new Connection({
    alias: 'repository-spec',
    contactPoints: node.contactPoints,
    localDataCenter: node.localDataCenter,
    username: node.username,
    password: node.password,
    keyspace,
    ...(nativeMaps ? {} : { clientOptions: { encoding: { map: undefined, set: undefined } } }),
    ...(queryDefaults !== undefined ? { queryDefaults } : {}),
  });
}

/** Creates a keyspace and the tables (with their types and indexes) of the given entity classes. */
export async function fixture(prefix: string, entities: (abstract new (...args: never[]) => object)[]): Promise<Fixture> {
  const keyspace = uniqueKeyspace(prefix);
  const admin = adminClient();
  const dropKeyspace = await createKeyspace(admin, keyspace);
  const createdTypes = new Set<string>();
  for (const entity of entities) {
    const meta = entityMetadata(entity);
    for (const udt of meta.udts) {
      if (createdTypes.has(udt.name)) continue;
      createdTypes.add(udt.name);
      await admin.execute(createTypeCql(keyspace, udt));
    }
    await admin.execute(createTableCql(keyspace, meta));
    for (const index of meta.indexes) await admin.execute(createIndexCql(keyspace, meta.table, index));
  }
  const connection = connect(keyspace);
  return {
    keyspace,
    admin,
    connection,
    async drop() {
      await connection.close();
      await dropKeyspace();
      await admin.shutdown();
    },
  };
}
