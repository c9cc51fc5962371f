// The project a CLI run works on: its named connections (a ConnectionsConfig, or Django's
// DATABASES) and its entity classes, read from the configuration file; plus the open connections.
import type { ResolvedConnectionSettings } from '../connection/connection-settings.js';
import { resolveConnectionsConfig, type ResolvedConnectionsConfig } from '../config/connections-config.js';
import { fromDjangoDatabases, type DjangoDatabases } from '../config/django-databases.js';
import { Connection } from '../connection/connection.js';
import { ConfigError } from '../errors.js';
import { CliError } from './cli-error.js';
import { migrationsFromExport, type MigrationsConfig } from './migrations-config.js';
import { lintFromExport, type LintConfig } from './lint-config.js';

/** An entity class as listed in the configuration. */
export type EntityClass = abstract new (...args: never[]) => object;

/** Everything a command needs from the configuration file. */
export interface Project {
  readonly file: string;
  readonly connections: ResolvedConnectionsConfig;
  readonly entities: readonly EntityClass[];
  /** The migrations folders, one per connection that has them. */
  readonly migrations: readonly MigrationsConfig[];
  /** The `lint` command's configuration. */
  readonly lint: LintConfig;
}

/** What the configuration file may export. */
const EXPORTS = ['connections', 'DATABASES', 'entities', 'migrations', 'lint'];

/** Validates what the configuration file exports into a Project (ConfigError naming the key on bad input). */
export function projectFromExports(file: string, exported: Readonly<Record<string, unknown>>): Project {
  for (const key of Object.keys(exported)) if (!EXPORTS.includes(key)) throw ConfigError.unknownKey(key, EXPORTS);
  const { connections, DATABASES } = exported;
  if (connections !== undefined && DATABASES !== undefined) {
    throw new ConfigError('export either connections or DATABASES, not both', 'DATABASES');
  }
  let resolved: ResolvedConnectionsConfig;
  if (DATABASES !== undefined) resolved = resolveConnectionsConfig(fromDjangoDatabases(DATABASES as DjangoDatabases));
  else if (connections !== undefined) resolved = resolveConnectionsConfig(connections);
  else {
    throw ConfigError.missing(
      'connections',
      "export `connections` ({ connections: { default: { contactPoints, keyspace } } }) or Django's `DATABASES`",
    );
  }
  const entities = exported['entities'] ?? [];
  if (!Array.isArray(entities) || entities.some((e) => typeof e !== 'function')) {
    throw ConfigError.wrongType('entities', 'an array of entity classes', entities);
  }
  const migrations = migrationsFromExport(exported['migrations'], resolved);
  return { file, connections: resolved, entities: entities as EntityClass[], migrations, lint: lintFromExport(exported['lint']) };
}

/** The connection settings a command works on: the named alias, or every alias when none is named. */
export function selectConnections(project: Project, alias: string | undefined): ResolvedConnectionSettings[] {
  if (alias === undefined) return Object.values(project.connections.connections);
  return [connectionEntry(project, alias)];
}

/** One connection's settings: the named alias, else the default. */
export function connectionEntry(project: Project, alias: string | undefined): ResolvedConnectionSettings {
  const name = alias ?? project.connections.defaultAlias;
  const entry = project.connections.connections[name];
  if (entry === undefined) {
    throw CliError.usage(`unknown connection '${name}' (configured: ${Object.keys(project.connections.connections).join(', ')})`);
  }
  return entry;
}

/** Opens connections on demand and closes them all at the end of the run. */
export class ConnectionPool {
  private readonly open = new Map<string, Connection>();

  /**
   * The connection of these settings, connected, with no session keyspace: sync creates the keyspace,
   * drop removes it, and the CLI qualifies every name it uses.
   */
  async get(settings: ResolvedConnectionSettings): Promise<Connection> {
    let connection = this.open.get(settings.alias);
    if (connection === undefined) {
      connection = Connection.fromSettings(Object.freeze({ ...settings, keyspace: undefined }));
      this.open.set(settings.alias, connection);
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
