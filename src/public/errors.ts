/**
 * Every error cassandra-orm throws: one hierarchy under MapperError, each class with the details of its failure.
 * @module cassandra-orm/errors
 */
// The `cassandra-orm/errors` entry point: `catch (e) { if (e instanceof ValidationError) ... }`.
// Explicit named re-exports only.
export {
  MapperError,
  ConfigError,
  ConnectionError,
  AuthenticationError,
  TlsError,
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
  PageTokenError,
  UntrackedEntityError,
  VersionConflictError,
  DevNodeError,
  MigrationError,
  type PoolSaturationReason,
  type TlsFailureReason,
  type RequestQueueLimits,
  type DestructiveChangeSummary,
  type FieldViolation,
  type ValueLocation,
} from '../errors.js';
export { IdentifierError } from '../metadata/identifier.js';
export { CqlTypeSyntaxError } from '../metadata/cql-type.js';
