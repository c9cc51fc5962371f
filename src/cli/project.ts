// The project a CLI run works on: its connections (by alias) and its entity classes, read from the
// configuration file, plus the open connections, closed together at the end.
import { Connection, type ConnectionOptions } from '../connection/connection.js';
import { ConfigError } from '../errors.js';
import { CliError } from './cli-error.js';

/** An entity class as listed in the configuration. */
export type EntityClass = abstract new (...args: never[]) => object;

/** Replication of a connection's keyspace, as CQL's replication map. */
export type ReplicationMap = Readonly<Record<string, string | number>>;

/** One configured connection. */
export interface ProjectConnection {
  readonly alias: string;
  readonly options: ConnectionOptions;
  readonly keyspace: string | undefined;
  readonly replication: ReplicationMap;
}

/** Everything a command needs from the configuration file. */
export interface Project {
  readonly file: string;
  readonly connections: ReadonlyMap<string, ProjectConnection>;
  readonly defaultAlias: string;
  readonly entities: readonly EntityClass[];
}

const TOP_KEYS = ['connections', 'entities'];
const CONNECTION_KEYS = ['contactPoints', 'port', 'localDataCenter', 'keyspace', 'username', 'password', 'authProvider', 'clientOptions', 'replication', 'default'];

function record(value: unknown, key: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw ConfigError.wrongType(key, 'an object', value);
  return value as Record<string, unknown>;
}

/** Validates what the configuration file exports (`connections`, `entities`) into a Project. */
export function projectFromExports(file: string, exported: Readonly<Record<string, unknown>>): Project {
  for (const key of Object.keys(exported)) if (!TOP_KEYS.includes(key)) throw ConfigError.unknownKey(key, TOP_KEYS);
  if (exported['connections'] === undefined) throw ConfigError.missing('connections', 'export the named connections, e.g. { default: { contactPoints: "127.0.0.1", keyspace: "app" } }');
  const raw = record(exported['connections'], 'connections');
  const connections = new Map<string, ProjectConnection>();
  let defaultAlias: string | undefined;
  for (const [alias, value] of Object.entries(raw)) {
    const entry = record(value, `connections.${alias}`);
    for (const key of Object.keys(entry)) if (!CONNECTION_KEYS.includes(key)) throw ConfigError.unknownKey(`connections.${alias}.${key}`, CONNECTION_KEYS);
    if (entry['contactPoints'] === undefined) throw ConfigError.missing(`connections.${alias}.contactPoints`, 'list the nodes, e.g. "127.0.0.1"');
    const { replication, default: isDefault, ...options } = entry;
    if (isDefault === true) defaultAlias = alias;
    connections.set(alias, {
      alias,
      options: { ...(options as unknown as ConnectionOptions), alias },
      keyspace: typeof entry['keyspace'] === 'string' ? entry['keyspace'] : undefined,
      replication: replication === undefined ? { class: 'SimpleStrategy', replication_factor: 1 } : (record(replication, `connections.${alias}.replication`) as ReplicationMap),
    });
  }
  if (connections.size === 0) throw ConfigError.missing('connections', 'configure at least one connection');
  defaultAlias ??= connections.has('default') ? 'default' : [...connections.keys()][0]!;
  const entities = exported['entities'] ?? [];
  if (!Array.isArray(entities) || entities.some((e) => typeof e !== 'function')) {
    throw ConfigError.wrongType('entities', 'an array of entity classes', entities);
  }
  return { file, connections, defaultAlias, entities: entities as EntityClass[] };
}

/** The connections a command works on: the named one, or all when none is named. */
export function selectConnections(project: Project, alias: string | undefined): ProjectConnection[] {
  if (alias === undefined) return [...project.connections.values()];
  return [connectionEntry(project, alias)];
}

/** One connection: the named one, else the default. */
export function connectionEntry(project: Project, alias: string | undefined): ProjectConnection {
  const name = alias ?? project.defaultAlias;
  const entry = project.connections.get(name);
  if (entry === undefined) {
    throw CliError.usage(`unknown connection '${name}' (configured: ${[...project.connections.keys()].join(', ')})`);
  }
  return entry;
}

/** Opens connections on demand and closes them all at the end of the run. */
export class ConnectionPool {
  private readonly open = new Map<string, Connection>();

  /** The connection of this entry, connected. */
  async get(entry: ProjectConnection): Promise<Connection> {
    let connection = this.open.get(entry.alias);
    if (connection === undefined) {
      // Without a session keyspace: sync creates it, drop removes it, and the CLI qualifies every name.
      const { keyspace: _keyspace, ...options } = entry.options;
      connection = new Connection(options);
      this.open.set(entry.alias, connection);
    }
    await connection.connect();
    return connection;
  }

  /** Closes every connection opened. */
  async closeAll(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    await Promise.allSettled(all.map((c) => c.close()));
  }
}
