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
  UnauthorizedError,
  ConnectTimeoutError,
  ConnectionClosedError,
} from './errors.js';
export { Connection, type ConnectionOptions, type ExecuteOptions } from './connection/connection.js';

// Named connections, configuration and the raw cursor (issue 4).
export { ConnectionRegistry } from './connection/registry.js';
export { Cursor, type CursorRow, type CursorOptions, type PageOptions, type Page } from './connection/cursor.js';
export {
  resolveConnectionSettings,
  type ResolvedConnectionSettings,
  type RetryConnectOptions,
  type RetryConnectSettings,
  type ConnectionLogger,
} from './config/connection-settings.js';
export { resolveConnectionsConfig, type ConnectionsConfig, type ResolvedConnectionsConfig } from './config/connections-config.js';
export { fromDjangoDatabases, type DjangoDatabases, type DjangoDatabase } from './config/django-databases.js';
export {
  CONSISTENCY_NAMES,
  type ConsistencyName,
  type SerialConsistencyName,
  type ConsistencyInput,
} from './config/consistency.js';
export { type QueryDefaultsOptions, type ResolvedQueryDefaults } from './config/query-defaults.js';
export {
  replicationCql,
  createKeyspaceCql,
  DEFAULT_REPLICATION,
  type Replication,
  type SimpleReplication,
  type NetworkTopologyReplication,
  type ReplicationOptions,
  type KeyspaceDefinition,
} from './config/replication.js';
export { Secret } from './config/secret.js';
