// The application's named connections: created explicitly (no hidden global), one Connection (and so
// one driver pool) per alias, shared by everyone who asks for it.
import { resolveConnectionsConfig, type ConnectionsConfig, type ResolvedConnectionsConfig } from './connections-config.js';
import { ConfigError } from '../errors.js';
import { Connection } from '../connection/connection.js';

/** Named connections; `get()` without an alias is the default one. */
export class ConnectionRegistry {
  /** Alias of the default connection. */
  readonly defaultAlias: string;
  private readonly resolved: ResolvedConnectionsConfig;
  private readonly connections = new Map<string, Connection>();

  /** Validates every connection now (ConfigError on bad input); connects nothing. */
  constructor(config: ConnectionsConfig) {
    this.resolved = resolveConnectionsConfig(config);
    this.defaultAlias = this.resolved.defaultAlias;
  }

  /** Creates the registry and connects the aliases configured with `lazyConnect: false` (retrying if asked). */
  static async open(config: ConnectionsConfig): Promise<ConnectionRegistry> {
    const registry = new ConnectionRegistry(config);
    try {
      const eager = registry.aliases.filter((alias) => !registry.resolved.connections[alias]?.lazyConnect);
      await Promise.all(eager.map((alias) => registry.get(alias).connect()));
    } catch (error) {
      await registry.closeAll();
      throw error;
    }
    return registry;
  }

  /** Every configured alias. */
  get aliases(): readonly string[] {
    return Object.keys(this.resolved.connections);
  }

  /** Is `alias` configured? */
  has(alias: string): boolean {
    return alias in this.resolved.connections;
  }

  /** The connection of `alias` (default: the default alias); the same instance on every call. */
  get(alias: string = this.defaultAlias): Connection {
    let connection = this.connections.get(alias);
    if (connection === undefined) {
      const settings = this.resolved.connections[alias];
      if (settings === undefined) {
        throw new ConfigError(`no connection with this alias (configured: ${this.aliases.join(', ')})`, `alias '${alias}'`);
      }
      connection = Connection.fromSettings(settings);
      this.connections.set(alias, connection);
    }
    return connection;
  }

  /**
   * The connection an entity is bound to: its `connection` alias (default: the default connection),
   * switched to its `keyspace` when it names one. Takes EntityMetadata or any `{ connection, keyspace }`.
   */
  forEntity(entity: { readonly connection?: string | undefined; readonly keyspace?: string | undefined }): Connection {
    const connection = this.get(entity.connection ?? this.defaultAlias);
    return entity.keyspace !== undefined && entity.keyspace !== connection.keyspace ? connection.useKeyspace(entity.keyspace) : connection;
  }

  /** Shuts every pool down so the process can exit; `get()` afterwards starts fresh connections. */
  async closeAll(): Promise<void> {
    const open = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(open.map((c) => c.close()));
  }
}
