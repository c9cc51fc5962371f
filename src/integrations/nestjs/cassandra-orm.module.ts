// CassandraOrmModule: forRoot()/forRootAsync() open one ConnectionRegistry for the application (global),
// forFeature() provides repositories (and the connection) of one alias; every connection is closed on
// application shutdown. The only code, with the rest of this folder, that imports Nest.
import { Global, Inject, Module, type DynamicModule, type FactoryProvider, type InjectionToken, type ModuleMetadata, type OnApplicationShutdown, type OnModuleInit, type OptionalFactoryDependency, type Provider } from '@nestjs/common';
import { ConnectionRegistry } from '../../config/registry.js';
import type { Connection } from '../../connection/connection.js';
import { entityMetadata } from '../../metadata/resolve-entity.js';
import { Repository } from '../../repository/repository.js';
import { syncSchema } from '../../schema/sync.js';
import { CassandraHealthIndicator } from './health.js';
import { connectionsConfig, type CassandraModuleOptions, type StartupSyncOptions } from './module-options.js';
import { CASSANDRA_MODULE_OPTIONS, CASSANDRA_REGISTRY, getConnectionToken, getRepositoryToken } from './tokens.js';

type EntityClass = abstract new (...args: never[]) => object;

/** `forRootAsync()`: settings from a factory, with what it injects. */
export interface CassandraModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  readonly useFactory: (...args: never[]) => CassandraModuleOptions | Promise<CassandraModuleOptions>;
  readonly inject?: (InjectionToken | OptionalFactoryDependency)[];
  /** Aliases to provide `@InjectConnection(alias)` for at the root (forFeature() provides its own alias either way). */
  readonly aliases?: readonly string[];
}

const FEATURE_ENTITIES = Symbol.for('cassandra-orm:nestjs:feature');

interface Feature {
  readonly entities: readonly EntityClass[];
  readonly alias: string | undefined;
}

function connectionProvider(alias: string | undefined): FactoryProvider {
  return { provide: getConnectionToken(alias), useFactory: (registry: ConnectionRegistry) => registry.get(alias), inject: [CASSANDRA_REGISTRY] };
}

async function openRegistry(options: CassandraModuleOptions): Promise<ConnectionRegistry> {
  return ConnectionRegistry.open(connectionsConfig(options));
}

/** Closes every connection of the registry when the application shuts down. */
@Global()
@Module({})
class CassandraOrmCoreModule implements OnApplicationShutdown {
  constructor(@Inject(CASSANDRA_REGISTRY) private readonly registry: ConnectionRegistry) {}

  async onApplicationShutdown(): Promise<void> {
    await this.registry.closeAll();
  }
}

/** Syncs a feature's entities on start when the root settings ask for it. */
@Module({})
class CassandraOrmFeatureModule implements OnModuleInit {
  constructor(
    @Inject(CASSANDRA_REGISTRY) private readonly registry: ConnectionRegistry,
    @Inject(CASSANDRA_MODULE_OPTIONS) private readonly options: CassandraModuleOptions,
    @Inject(FEATURE_ENTITIES) private readonly feature: Feature,
  ) {}

  async onModuleInit(): Promise<void> {
    const sync = this.options.syncOnStart;
    if (sync === undefined || sync === false || this.feature.entities.length === 0) return;
    const settings: StartupSyncOptions = sync === true ? {} : sync;
    // Entities are grouped by the keyspace they land in, each group synced under that keyspace's lease.
    const groups = new Map<string, { connection: Connection; entities: EntityClass[] }>();
    for (const entity of this.feature.entities) {
      const connection = this.connectionFor(entity);
      const key = `${connection.alias}.${connection.keyspace ?? ''}`;
      const group = groups.get(key) ?? { connection, entities: [] };
      group.entities.push(entity);
      groups.set(key, group);
    }
    for (const { connection, entities } of groups.values()) {
      await syncSchema(connection, entities as never[], { keyspace: connection.keyspaceDefinition(), lease: true, ...settings });
    }
  }

  private connectionFor(entity: EntityClass): Connection {
    return connectionFor(this.registry, entity, this.feature.alias);
  }
}

function connectionFor(registry: ConnectionRegistry, entity: EntityClass, alias: string | undefined): Connection {
  const meta = entityMetadata(entity as never);
  return alias === undefined ? registry.forEntity(meta) : registry.forEntity({ connection: alias, keyspace: meta.keyspace });
}

/** The Nest module of cassandra-orm: `CassandraOrmModule.forRoot(settings)`, then `forFeature([Entity])` where repositories are injected. */
@Module({})
export class CassandraOrmModule {
  /** Opens the connections of `options` (one connection's options, `{ default, connections }` or `{ databases: DATABASES }`). */
  static forRoot(options: CassandraModuleOptions): DynamicModule {
    const aliases = new ConnectionRegistry(connectionsConfig(options)).aliases;
    return CassandraOrmModule.root([{ provide: CASSANDRA_MODULE_OPTIONS, useValue: options }], aliases, []);
  }

  /** Like forRoot(), with the settings from `useFactory` (which may inject, e.g., a ConfigService). */
  static forRootAsync(options: CassandraModuleAsyncOptions): DynamicModule {
    const settings: FactoryProvider = { provide: CASSANDRA_MODULE_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] };
    return CassandraOrmModule.root([settings], options.aliases ?? [], options.imports ?? []);
  }

  private static root(settings: Provider[], aliases: readonly string[], imports: NonNullable<ModuleMetadata['imports']>): DynamicModule {
    const registry: FactoryProvider = { provide: CASSANDRA_REGISTRY, useFactory: openRegistry, inject: [CASSANDRA_MODULE_OPTIONS] };
    const connections = [undefined, ...aliases].map(connectionProvider);
    const providers = [...settings, registry, ...connections, CassandraHealthIndicator];
    return {
      module: CassandraOrmCoreModule,
      global: true,
      imports,
      providers,
      exports: [CASSANDRA_REGISTRY, CASSANDRA_MODULE_OPTIONS, ...connections.map((c) => c.provide), CassandraHealthIndicator],
    };
  }

  /** Provides `@InjectRepository(Entity, alias)` for each entity, and `@InjectConnection(alias)`, on that alias (default: each entity's own connection, else the default). */
  static forFeature(entities: readonly (abstract new (...args: never[]) => object)[], alias?: string): DynamicModule {
    const repositories: FactoryProvider[] = entities.map((entity) => ({
      provide: getRepositoryToken(entity, alias),
      useFactory: (registry: ConnectionRegistry) => new Repository(connectionFor(registry, entity, alias), entity as never),
      inject: [CASSANDRA_REGISTRY],
    }));
    const connection = connectionProvider(alias);
    const feature: Feature = { entities, alias };
    return {
      module: CassandraOrmFeatureModule,
      providers: [{ provide: FEATURE_ENTITIES, useValue: feature }, ...repositories, connection],
      exports: [...repositories.map((r) => r.provide), connection.provide],
    };
  }
}
