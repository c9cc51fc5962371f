// The public API of cassandra-orm: explicit named re-exports only.
export {
  MapperError,
  ConfigError,
  ConnectionError,
  AuthenticationError,
  QueryError,
  InvalidQueryError,
  UnavailableError,
  QueryTimeoutError,
  WriteTimeoutError,
  ConnectionLostError,
  ReplicaFailureError,
  UnauthorizedError,
  ConnectTimeoutError,
  ConnectionClosedError,
  PoolSaturatedError,
  type PoolSaturationReason,
  type RequestQueueLimits,
} from './errors.js';
export { Connection, type ConnectionOptions, type ExecuteOptions, type RequestQueueState } from './connection/connection.js';

// Entities, user-defined types and their resolved metadata.
export { MetadataError, DestructiveChangeError, SchemaSyncError, type DestructiveChangeSummary } from './errors.js';
export { Table, type TableSpec, type TableOptions } from './decorators/table.js';
export {
  Column,
  PartitionKey,
  ClusteringKey,
  type ColumnSpec,
  type RegularColumnSpec,
  type PartitionKeySpec,
  type ClusteringKeySpec,
} from './decorators/column.js';
export { Index, VectorIndex, type IndexSpec, type VectorIndexSpec, type SimilarityFunction } from './decorators/secondary-index.js';
export { UserType, Field, type UserTypeSpec, type FieldSpec } from './decorators/user-type.js';
export { MaterializedView, type ViewSpec } from './decorators/materialized-view.js';
export { entityMetadata } from './metadata/resolve-entity.js';
export { udtMetadata } from './metadata/resolve-udt.js';
export { cql, type TypeInput, type TypeExpr, type UdtThunk, type ClassRef } from './metadata/type-input.js';
export { parseCqlType, printCqlType, normaliseCqlType, canonicalType, CqlTypeSyntaxError, NATIVE_TYPES } from './metadata/cql-type.js';
export { snakeCase, type NamingStrategy } from './metadata/metadata-store.js';
export { quoteIdentifier, qualifiedName, IdentifierError } from './metadata/identifier.js';
export type {
  EntityMetadata,
  ColumnMetadata,
  ColumnKind,
  CqlType,
  NativeTypeName,
  UdtMetadata,
  UdtFieldMetadata,
  IndexMetadata,
  IndexTarget,
  ViewMetadata,
} from './metadata/entity-metadata.js';

// Typed queries, mapping, validation and repositories.
export { QueryBuildError, MappingError, InvalidValueError, StatementError, DriverError, ValidationError, CursorError, UntrackedEntityError, type FieldViolation, type ValueLocation } from './errors.js';
export {
  KeyShape,
  type KeyShapeOf,
  type Props,
  type PartitionProps,
  type ClusteringProps,
  type RegularProps,
  type PartitionKey as PartitionKeyValues,
  type PrimaryKey as PrimaryKeyValues,
  type WhereOperator,
  type OperatorFor,
  type OperandFor,
  type AnnProps,
  type VectorProps,
  type QueryVector,
} from './query/entity-types.js';
export { selectFrom, SelectQuery, selectedColumns } from './query/select-query.js';
export { insertInto, InsertQuery } from './query/insert-query.js';
export { update, UpdateQuery, type Assignment } from './query/update-query.js';
export { deleteFrom, DeleteQuery } from './query/delete-query.js';
export { compileBatch, type BatchType, type CompiledBatch } from './query/batch-query.js';
export { count, min, max, sum, avg, ttl, writetime, toTimestamp, type Selector, type AggregateRow } from './query/aggregates.js';
export { similarityCosine, similarityDotProduct, similarityEuclidean, type SimilaritySelector, type SimilarityFn } from './query/aggregates.js';
export { ANN_MAX_LIMIT } from './query/ann-rules.js';
export { SIMILARITY_FUNCTIONS } from './metadata/sai-options.js';
export type { NearestOptions, Scored, ScoreFunction } from './repository/nearest.js';
export { minTimeuuid, maxTimeuuid, now, TimeuuidBound } from './query/timeuuid.js';
export type { CompiledQuery } from './query/compiled-query.js';
export type { SelectNode, Restriction, Condition } from './query/nodes.js';
export { decoderFor, encoderFor, encodeParams, parseDecimal, printDecimal, type MapMode, type ParamSlots } from './mapping/codec.js';
export { Hydrator, hydratorFor } from './mapping/hydrator.js';
export { validateEntity } from './validation/validate-entity.js';
export { BeforeInsert, BeforeUpdate, BeforeDelete, AfterLoad, type HookEvent } from './decorators/hooks.js';
export { Repository, type RepositoryOptions, type EntityClass, type ResultPage, type QueryArg, type CellInfo } from './repository/repository.js';
export { Batch, batch } from './repository/batch.js';
export type { Consistency, ExecutionInfo, QueryOptions, ReadOptions, WriteOptions, WriteResult } from './repository/options.js';
export type { InsertSpec, ConditionalSpec, ConditionsSpec } from './repository/write-preparation.js';
export { is, elementIs, fieldIs, ConditionOperand, type ConditionValue } from './query/conditions.js';
export type { ConditionOp } from './query/nodes.js';

// DDL, schema plan and sync, test keyspace.
export { type KeyspaceSpec, type Replication, createKeyspaceCql, alterKeyspaceCql, dropKeyspaceCql } from './schema/keyspace-ddl.js';
export {
  createTableCql, addColumnCql, dropColumnCql, alterTableOptionsCql, dropTableCql, truncateTableCql, createTypeCql, addTypeFieldCql, dropTypeCql,
} from './schema/table-ddl.js';
export { createIndexCql, dropIndexCql, createViewCql, alterViewOptionsCql, dropViewCql } from './schema/index-view-ddl.js';
export { readLiveSchema, type LiveKeyspace, type LiveTable, type LiveView, type LiveColumn, type LiveIndex, type LiveType } from './schema/live-schema.js';
export { diffSchema } from './schema/diff.js';
export {
  type SchemaPlan, type SchemaChange, type ChangeKind, type PlannedStatement, isPlanEmpty, destructiveChanges, planToCql, planToJson,
} from './schema/schema-plan.js';
export {
  planSchema, applySchemaPlan, syncSchema, waitForSchemaAgreement, type PlanOptions, type ApplyOptions, type SyncOptions, type SyncResult,
} from './schema/sync.js';
export { TestKeyspace, type TestKeyspaceOptions } from './schema/test-keyspace.js';
export { acquireSchemaLease, type LeaseOptions, type SchemaLease } from './schema/schema-lease.js';

// Named connections, configuration and the raw cursor.
export { ConnectionRegistry } from './config/registry.js';
export { Cursor, type CursorRow, type CursorOptions, type PageOptions, type Page } from './connection/cursor.js';
export {
  resolveConnectionSettings,
  type ResolvedConnectionSettings,
  type RetryConnectOptions,
  type RetryConnectSettings,
  type ConnectionLogger,
} from './connection/connection-settings.js';
export { resolveConnectionsConfig, type ConnectionsConfig, type ResolvedConnectionsConfig } from './config/connections-config.js';
export { fromDjangoDatabases, type DjangoDatabases, type DjangoDatabase } from './config/django-databases.js';
export {
  CONSISTENCY_NAMES,
  SERIAL_CONSISTENCY_NAMES,
  type ConsistencyName,
  type SerialConsistencyName,
  type ConsistencyInput,
} from './connection/consistency.js';
export { type QueryDefaultsOptions, type ResolvedQueryDefaults } from './connection/query-defaults.js';
export { type RequestQueueOptions } from './connection/request-queue.js';
export { DEFAULT_REPLICATION, type ReplicationOptions, type KeyspaceDefinition } from './connection/replication.js';
export { Secret } from './connection/secret.js';

// Types that appear in the signatures above, exported so they can be named (and documented).
export type { ResolveContext } from './connection/connection-settings.js';
export type { StatementRunner } from './connection/execute-options.js';
export type { Replication as ConnectionReplication, SimpleReplication, NetworkTopologyReplication } from './connection/replication.js';
export type { Prop } from './decorators/materialized-view.js';
export type { ClassRecorder, PropertyRecorder } from './decorators/property-key.js';
export type { Convert } from './mapping/codec.js';
export type { ParseOptions } from './metadata/cql-type.js';
export type { SelectorResult } from './query/aggregates.js';
export type { Compilable } from './query/batch-query.js';
export type { DeleteNode, DeleteTarget } from './query/delete-query.js';
export type {
  AnyFn,
  Collection,
  ComparisonOperator,
  ElementOf,
  Elements,
  FieldOf,
  HasKeyShape,
  MapValueOf,
  UdtProps,
  Value,
} from './query/entity-types.js';
export type { InsertNode } from './query/insert-query.js';
export type { AnnOrdering, ColumnRestriction, SelectorNode, Target, TokenRestriction } from './query/nodes.js';
export type { UpdateNode } from './query/update-query.js';
export type { Step } from './repository/batch.js';
export type { Preparer } from './repository/repository.js';
export type { ValidateOptions } from './validation/validate-entity.js';
