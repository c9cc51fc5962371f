// A throw-away keyspace for tests: created fresh (`test_<keyspace>` by default), synced with the
// entities, truncated between tests on request, dropped at the end.
import { inOperationSpan } from '../observability/operation-span.js';
import type { Connection, Replication, SyncResult } from 'cassandra-orm';
import type { EntityRef } from 'cassandra-orm/schema';
import { ConfigError } from '../errors.js';
import type { EntityMetadata } from '../metadata/entity-metadata.js';
import { validateSchemaName } from '../metadata/identifier.js';
import { entityMetadata } from '../metadata/resolve-entity.js';
import { withQueryTables } from './diff.js';
import { dropKeyspaceCql } from './keyspace-ddl.js';
import { truncateTableCql } from './table-ddl.js';
import { syncSchema } from './sync.js';
import { waitForSchemaAgreement } from './plan-apply.js';
import { executeQualified } from '../connection/qualified.js';

/** Options of TestKeyspace.create. */
export interface TestKeyspaceOptions {
  /** The test keyspace's name; default the connection's `testKeyspace` (Django's `TEST_NAME`), itself `test_<keyspace>` by default. */
  readonly name?: string;
  /** An application keyspace to derive `test_<keyspace>` from instead of the connection's. */
  readonly keyspace?: string;
  /** Replication of the test keyspace; default the connection's configured replication (SimpleStrategy RF 1 unless set). */
  readonly replication?: Replication;
  /** Keep an existing keyspace of that name instead of dropping it first. Default false. */
  readonly reuseExisting?: boolean;
}

/** A synced test keyspace: `truncate()` between tests, `drop()` at the end. */
export class TestKeyspace {
  private constructor(
    private readonly connection: Connection,
    /** Name of the test keyspace. */
    readonly name: string,
    private readonly entities: readonly EntityMetadata[],
    /** What the initial sync did. */
    readonly sync: SyncResult,
  ) {}

  /** The test keyspace name for `options` and the connection: `options.name`, else `test_<keyspace>`. */
  static nameFor(connection: Connection, options: TestKeyspaceOptions = {}): string {
    if (options.name !== undefined) return validateSchemaName('test keyspace', options.name);
    if (options.keyspace === undefined && connection.testKeyspace !== undefined) {
      return validateSchemaName('test keyspace', connection.testKeyspace);
    }
    const base = options.keyspace ?? connection.keyspace;
    if (base === undefined) {
      throw ConfigError.missing('testKeyspace.name', 'give the test keyspace name, or a keyspace (or a connection keyspace) to derive test_<keyspace> from');
    }
    return validateSchemaName('test keyspace', `test_${base}`);
  }

  /** Creates the test keyspace (dropping a stale one first unless `reuseExisting`) and syncs the entities into it. */
  static async create(
    connection: Connection,
    entities: readonly EntityRef<object>[],
    options: TestKeyspaceOptions = {},
  ): Promise<TestKeyspace> {
    const name = TestKeyspace.nameFor(connection, options);
    const metas = entities.map((e) => (typeof e === 'function' ? entityMetadata(e) : e));
    return inOperationSpan(connection.settings?.observe?.tracing !== false, `testkit.setup ${name}`, name, () => TestKeyspace.setUp(connection, name, metas, options));
  }

  private static async setUp(connection: Connection, name: string, metas: readonly EntityMetadata[], options: TestKeyspaceOptions): Promise<TestKeyspace> {
    if (options.reuseExisting !== true) {
      await executeQualified(connection, dropKeyspaceCql(name), [], { prepare: false });
      await waitForSchemaAgreement(connection, dropKeyspaceCql(name));
    }
    const sync = await syncSchema(connection, metas, {
      keyspace: { name, replication: options.replication ?? connection.replication },
      ignoreEntityKeyspace: true,
    });
    return new TestKeyspace(connection, name, metas, sync);
  }

  /** Empties every entity table (views follow their base tables). */
  async truncate(): Promise<void> {
    for (const e of withQueryTables(this.entities)) await executeQualified(this.connection, truncateTableCql(this.name, e.table), [], { prepare: false });
  }

  /** Drops the test keyspace. */
  async drop(): Promise<void> {
    await executeQualified(this.connection, dropKeyspaceCql(this.name), [], { prepare: false });
    await waitForSchemaAgreement(this.connection, dropKeyspaceCql(this.name));
  }
}
