// What CassandraOrmModule.forRoot() accepts: the library's own settings in any of their three shapes,
// plus what the module does on start.
import type { ConnectionOptions, ConnectionsConfig, DjangoDatabases } from 'cassandra-orm';
import { fromDjangoDatabases } from '../../config/django-databases.js';
import { ConfigError } from '../../errors.js';

/** Schema sync when the application starts: each forFeature() module syncs its entities under the schema lease. */
export interface StartupSyncOptions {
  /** Apply destructive changes too (default false: they are refused and the start fails). */
  readonly allowDestructive?: boolean;
  /** Skip destructive changes instead of failing (default false). */
  readonly skipDestructive?: boolean;
}

/** Connections from Django's `DATABASES` (every django_cassandra_engine alias), with the default alias. */
export interface DatabasesSettings {
  readonly databases: DjangoDatabases;
  /** Alias of the default connection (needed when there are several and none is called `default`). */
  readonly default?: string;
}

/** The connections: one connection's options, a `{ default?, connections }` config, or Django's `DATABASES`. */
export type CassandraConnectionsSettings = ConnectionOptions | ConnectionsConfig | DatabasesSettings;

/** Settings of `CassandraOrmModule.forRoot()` (or what `forRootAsync`'s factory returns). */
export type CassandraModuleOptions = CassandraConnectionsSettings & {
  /** Sync the entities of every forFeature() module when the application starts (under the schema lease). Default off. */
  readonly syncOnStart?: boolean | StartupSyncOptions;
};

/** The module settings as a ConnectionsConfig. */
export function connectionsConfig(options: CassandraModuleOptions): ConnectionsConfig {
  if (typeof options !== 'object' || options === null) throw ConfigError.wrongType('CassandraOrmModule.forRoot(options)', 'an object', options);
  const { syncOnStart: _sync, ...rest } = options as CassandraModuleOptions & Record<string, unknown>;
  if ('databases' in rest) {
    const { databases, default: alias } = rest as { databases: DjangoDatabases; default?: string };
    return fromDjangoDatabases(databases, alias === undefined ? {} : { default: alias });
  }
  if ('connections' in rest) return rest as unknown as ConnectionsConfig;
  const single = rest as unknown as ConnectionOptions;
  const alias = single.alias ?? 'default';
  const { alias: _alias, ...connection } = single;
  return { default: alias, connections: { [alias]: connection } } as ConnectionsConfig;
}
