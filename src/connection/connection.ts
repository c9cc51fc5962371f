// A named connection: one cassandra-driver Client (with its own pool) per alias. The only module,
// with cursor.ts, that talks to the driver.
import cassandra from 'cassandra-driver';
import { translateConnectError, translateQueryError, type ErrorContext } from './driver-errors.js';

/** Options for one connection. Everything in `clientOptions` goes to the driver untouched. */
export interface ConnectionOptions {
  /** Name of this connection; errors and logs use it. Default `'default'`. */
  readonly alias?: string;
  /** `host` or `host:port` entries, or one comma-separated string. */
  readonly contactPoints: readonly string[] | string;
  /** Native protocol port for contact points without one. Default 9042. */
  readonly port?: number;
  /** Data center of the load-balancing policy. Default `'datacenter1'`. */
  readonly localDataCenter?: string;
  /** Keyspace statements run in when they name none. */
  readonly keyspace?: string;
  /** Plain-text credentials (PasswordAuthenticator). */
  readonly username?: string;
  readonly password?: string;
  /** A custom driver auth provider; wins over username/password. */
  readonly authProvider?: cassandra.auth.AuthProvider;
  /** Any other driver ClientOptions, passed through untouched. */
  readonly clientOptions?: Partial<cassandra.ClientOptions>;
}

/** Per-statement options: the driver's query options. */
export type ExecuteOptions = cassandra.QueryOptions;

function normaliseContactPoints(points: readonly string[] | string): string[] {
  const list = typeof points === 'string' ? points.split(',') : [...points];
  return list.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** A named connection to a cluster. Create it, use it, `close()` it. */
export class Connection {
  readonly alias: string;
  readonly keyspace: string | undefined;
  readonly contactPoints: readonly string[];
  private readonly driver: cassandra.Client;
  private readonly errorContext: ErrorContext;
  private connecting: Promise<void> | undefined;

  constructor(options: ConnectionOptions) {
    this.alias = options.alias ?? 'default';
    this.keyspace = options.keyspace;
    this.contactPoints = normaliseContactPoints(options.contactPoints);
    const authProvider =
      options.authProvider ??
      (options.username !== undefined
        ? new cassandra.auth.PlainTextAuthProvider(options.username, options.password ?? '')
        : undefined);
    const client = options.clientOptions ?? {};
    this.driver = new cassandra.Client({
      ...client,
      contactPoints: this.contactPoints as string[],
      localDataCenter: options.localDataCenter ?? client.localDataCenter ?? 'datacenter1',
      ...(options.keyspace !== undefined ? { keyspace: options.keyspace } : {}),
      ...(authProvider !== undefined ? { authProvider } : {}),
      protocolOptions: { ...client.protocolOptions, ...(options.port !== undefined ? { port: options.port } : {}) },
      encoding: { useBigIntAsLong: true, useBigIntAsVarint: true, ...client.encoding },
    });
    this.errorContext = {
      alias: this.alias,
      contactPoints: this.contactPoints,
      username: options.authProvider !== undefined ? undefined : options.username,
    };
  }

  /** The underlying driver client, for what the mapper does not cover. */
  get client(): cassandra.Client {
    return this.driver;
  }

  /** Connects now instead of on the first statement. Safe to call more than once. */
  async connect(): Promise<void> {
    this.connecting ??= this.driver.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw translateConnectError(error, this.errorContext);
    });
    return this.connecting;
  }

  /** Runs one statement as a prepared statement (unless `prepare: false` is given). */
  async execute(cql: string, params?: cassandra.ArrayOrObject, options?: ExecuteOptions): Promise<cassandra.types.ResultSet> {
    await this.connect();
    try {
      return await this.driver.execute(cql, params, { prepare: true, ...options });
    } catch (error) {
      throw translateQueryError(error, cql, this.errorContext);
    }
  }

  /** Shuts the pool down; the process can exit afterwards. */
  async close(): Promise<void> {
    this.connecting = undefined;
    await this.driver.shutdown();
  }
}
