/**
 * What an application uses: decorators, connections and settings, repositories, query builders, batches, hooks and schema sync.
 * @module cassandra-orm
 */
// The root entry point of cassandra-orm: what an application uses. The errors are
// `cassandra-orm/errors`; schema tooling (DDL, plans, the live schema, the lease, entity metadata) is
// `cassandra-orm/schema`; the test kit is `cassandra-orm/testing`. The types the signatures below are
// written in, and that an application seldom names, are grouped in three type namespaces: `Decorators`,
// `Query` and `Settings`. Explicit named re-exports only; api/ holds the reviewed report of every name.

// Entities: decorators that record, hooks, and the CQL type helper.
export { Table } from './decorators/table.js';
export { Column, PartitionKey, ClusteringKey } from './decorators/column.js';
export { Version, CreatedAt, UpdatedAt } from './decorators/managed-column.js';
export { Index, VectorIndex } from './decorators/secondary-index.js';
export { UserType, Field } from './decorators/user-type.js';
export { MaterializedView } from './decorators/materialized-view.js';
export { BeforeInsert, BeforeUpdate, BeforeDelete, AfterLoad } from './decorators/hooks.js';
export { cql } from './metadata/type-input.js';
export { KeyShape, type PrimaryKey as PrimaryKeyValues } from './query/entity-types.js';

// Connections and their settings.
export { Connection, type ConnectionOptions } from './connection/connection.js';
export { ConnectionRegistry } from './config/registry.js';
export { fromDjangoDatabases, type DjangoDatabases } from './config/django-databases.js';
export type { ConnectionsConfig } from './config/connections-config.js';
export { Secret } from './connection/secret.js';
export { Cursor } from './connection/cursor.js';
export type { Consistency } from './connection/consistency.js';
export type { Replication } from './connection/replication.js';

// Repositories, per-call options and results.
export { Repository, type RepositoryOptions, type EntityClass } from './repository/repository.js';
export type { QueryOptions, ReadOptions, WriteOptions, WriteResult, PageOptions, Page } from './repository/options.js';

// Query builders, selectors, conditions and batches.
export { selectFrom, SelectQuery } from './query/select-query.js';
export { insertInto, InsertQuery } from './query/insert-query.js';
export { update, UpdateQuery } from './query/update-query.js';
export { deleteFrom, DeleteQuery } from './query/delete-query.js';
export { count, min, max, sum, avg, ttl, writetime, toTimestamp } from './query/aggregates.js';
export { similarityCosine, similarityDotProduct, similarityEuclidean } from './query/aggregates.js';
export { minTimeuuid, maxTimeuuid, now } from './query/timeuuid.js';
export { is, elementIs, fieldIs } from './query/conditions.js';
export { Batch, batch } from './repository/batch.js';
export { compileBatch } from './query/batch-query.js';

// Schema sync, the entry point applications call at start-up (the rest is cassandra-orm/schema).
export { syncSchema, type SyncOptions, type SyncResult } from './schema/sync.js';

// The types the signatures above are written in, by topic.
export type * as Decorators from './public/decorators.js';
export type * as Query from './public/query.js';
export type * as Settings from './public/settings.js';
