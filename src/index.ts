/**
 * What an application uses: decorators, connections and settings, repositories, query builders, batches, errors, hooks and schema sync.
 * @module cassandra-orm
 */
// The root entry point of cassandra-orm: what an application uses. Schema tooling (DDL, plans, the
// live schema, the lease) is `cassandra-orm/schema`; the test kit is `cassandra-orm/testing`.
// Explicit named re-exports only; api/ holds the reviewed report of every name.

// Errors: one hierarchy under MapperError.
export {
  MapperError,
  ConfigError,
  ConnectionError,
  AuthenticationError,
  ConnectTimeoutError,
  ConnectionClosedError,
  PoolSaturatedError,
  StatementError,
  QueryError,
  InvalidQueryError,
  UnavailableError,
  QueryTimeoutError,
  WriteTimeoutError,
  LwtOutcomeUnknownError,
  ConnectionLostError,
  ReplicaFailureError,
  UnauthorizedError,
  DriverError,
  MetadataError,
  DestructiveChangeError,
  SchemaSyncError,
  QueryBuildError,
  MappingError,
  InvalidValueError,
  ValidationError,
  CursorError,
  UntrackedEntityError,
  type PoolSaturationReason,
  type RequestQueueLimits,
  type DestructiveChangeSummary,
  type FieldViolation,
  type ValueLocation,
} from './errors.js';

// Entities: decorators that record, and the CQL type helper.
export { Table, type TableSpec, type TableOptions } from './decorators/table.js';
export { Column, PartitionKey, ClusteringKey, type ColumnSpec, type RegularColumnSpec, type PartitionKeySpec, type ClusteringKeySpec } from './decorators/column.js';
export { Index, VectorIndex, type IndexSpec, type VectorIndexSpec, type SimilarityFunction } from './decorators/secondary-index.js';
export { UserType, Field, type UserTypeSpec, type FieldSpec } from './decorators/user-type.js';
export { MaterializedView, type ViewSpec } from './decorators/materialized-view.js';
export { BeforeInsert, BeforeUpdate, BeforeDelete, AfterLoad, type HookEvent } from './decorators/hooks.js';
export type { PropertyRecorder, ClassRecorder } from './decorators/property-key.js';
export { cql, type TypeInput, type TypeExpr, type UdtThunk, type ClassRef } from './metadata/type-input.js';
export type { NamingStrategy } from './metadata/metadata-store.js';
export type { EntityMetadata, ColumnMetadata, IndexMetadata, ViewMetadata, UdtMetadata, UdtFieldMetadata, CqlType, NativeTypeName } from './metadata/entity-metadata.js';
export type { EntityRef } from './metadata/resolve-entity.js';

// Connections and their settings.
export { Connection, type ConnectionOptions, type ExecuteOptions, type RequestQueueState } from './connection/connection.js';
export { ConnectionRegistry } from './config/registry.js';
export { fromDjangoDatabases, type DjangoDatabases, type DjangoDatabase } from './config/django-databases.js';
export type { ConnectionsConfig } from './config/connections-config.js';
export { Secret } from './connection/secret.js';
export { Cursor, type CursorRow, type CursorOptions, type PageOptions, type Page } from './connection/cursor.js';
export type { ConsistencyName, SerialConsistencyName, Consistency } from './connection/consistency.js';
export type { RetryConnectOptions, ConnectionLogger } from './connection/connection-settings.js';
export type { QueryDefaultsOptions } from './connection/query-defaults.js';
export type { RequestQueueOptions } from './connection/request-queue.js';
export type { Replication, SimpleReplication, NetworkTopologyReplication, ReplicationOptions, KeyspaceDefinition } from './connection/replication.js';

// Repositories, query builders and batches.
export { Repository, type RepositoryOptions, type EntityClass, type ResultPage, type PageRequest, type QueryArg, type CellInfo } from './repository/repository.js';
export { Batch, batch } from './repository/batch.js';
export type { ExecutionInfo, QueryOptions, ReadOptions, WriteOptions, WriteResult } from './repository/options.js';
export type { LwtOptions } from './repository/lwt.js';
export type { InsertSpec, ConditionalSpec, ConditionsSpec } from './repository/write-preparation.js';
export {
  KeyShape,
  type HasKeyShape,
  type PartitionKey as PartitionKeyValues,
  type PrimaryKey as PrimaryKeyValues,
  type Props,
  type PartitionProps,
  type ClusteringProps,
  type RegularProps,
  type ListProps,
  type SetProps,
  type MapProps,
  type CounterProps,
  type UdtProps,
  type Value,
  type ElementOf,
  type MapValueOf,
  type FieldOf,
  type OperatorFor,
  type OperandFor,
  type KeyShapeOf,
  type WhereOperator,
  type ComparisonOperator,
  type Collection,
  type Elements,
  type AnyFn,
  type AnnProps,
  type VectorProps,
  type QueryVector,
} from './query/entity-types.js';
export { selectFrom, SelectQuery } from './query/select-query.js';
export { insertInto, InsertQuery } from './query/insert-query.js';
export { update, UpdateQuery } from './query/update-query.js';
export { deleteFrom, DeleteQuery } from './query/delete-query.js';
export type { CompiledQuery } from './query/compiled-query.js';
export { compileBatch, type BatchType, type CompiledBatch } from './query/batch-query.js';
export { count, min, max, sum, avg, ttl, writetime, toTimestamp, type Selector, type SelectorResult, type AggregateRow } from './query/aggregates.js';
export { similarityCosine, similarityDotProduct, similarityEuclidean, type SimilaritySelector, type SimilarityFn } from './query/aggregates.js';
export { ANN_MAX_LIMIT } from './query/ann-rules.js';
export { SIMILARITY_FUNCTIONS } from './metadata/sai-options.js';
export type { NearestOptions, Scored, ScoreFunction } from './repository/nearest.js';
export { minTimeuuid, maxTimeuuid, now, TimeuuidBound } from './query/timeuuid.js';
export { is, elementIs, fieldIs, ConditionOperand, type ConditionValue } from './query/conditions.js';
export type { ConditionOp } from './query/nodes.js';

// Schema sync, the entry point applications call at start-up (the rest is cassandra-orm/schema).
export { syncSchema, type SyncOptions, type SyncResult } from './schema/sync.js';
export type { SchemaChange } from './schema/schema-plan.js';
