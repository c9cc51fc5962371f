// Which tables the entity classes of a connection live in, and which of them exist on the cluster.
import type { ResolvedConnectionSettings } from '../connection/connection-settings.js';
import type { Connection } from '../connection/connection.js';
import type { EntityMetadata } from '../metadata/entity-metadata.js';
import { qualifiedName } from '../metadata/identifier.js';
import { entityMetadata } from '../metadata/resolve-entity.js';
import { CliError } from './cli-error.js';
import type { Project } from './project.js';

/** One entity's table, with the keyspace it resolves to. */
export interface EntityTable {
  readonly metadata: EntityMetadata;
  readonly keyspace: string;
  /** `keyspace.table`, quoted where needed. */
  readonly qualified: string;
}

/** The entities bound to this connection (an entity naming no connection belongs to the default one). */
export function entitiesOf(project: Project, entry: ResolvedConnectionSettings): EntityMetadata[] {
  return project.entities.map((e) => entityMetadata(e)).filter((m) => (m.connection ?? project.connections.defaultAlias) === entry.alias);
}

/** The tables of this connection's entities; an entity with no keyspace anywhere is an error. */
export function entityTables(project: Project, entry: ResolvedConnectionSettings): EntityTable[] {
  // Query tables are entity tables too: drop and flush take them with their base tables.
  return entitiesOf(project, entry).flatMap((m) => [m, ...(m.queryTables ?? [])]).map((metadata) => {
    const keyspace = metadata.keyspace ?? entry.keyspace;
    if (keyspace === undefined) {
      throw CliError.failure(
        `${metadata.target.name} names no keyspace and connection '${entry.alias}' has none: set keyspace on the connection or in @Table`,
      );
    }
    return { metadata, keyspace, qualified: qualifiedName(keyspace, metadata.table) };
  });
}

/** The tables (and views) that exist in `keyspace`, by name. */
export async function liveTableNames(connection: Connection, keyspace: string): Promise<Set<string>> {
  const tables = await connection.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [keyspace]);
  const views = await connection.execute('SELECT view_name FROM system_schema.views WHERE keyspace_name = ?', [keyspace]);
  return new Set([...tables.rows.map((r) => String(r['table_name'])), ...views.rows.map((r) => String(r['view_name']))]);
}
