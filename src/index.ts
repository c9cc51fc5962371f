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
} from './errors.js';
export { Connection, type ConnectionOptions, type ExecuteOptions } from './connection/connection.js';
