// cassandra-orm/nestjs: the Nest module (needs @nestjs/common and @nestjs/core, optional peer dependencies).
export { CassandraOrmModule, type CassandraModuleAsyncOptions } from './cassandra-orm.module.js';
export type { CassandraConnectionsSettings, CassandraModuleOptions, DatabasesSettings, StartupSyncOptions } from './module-options.js';
export { InjectConnection, InjectRepository, getConnectionToken, getRepositoryToken, CASSANDRA_REGISTRY } from './tokens.js';
export { CassandraHealthIndicator, type CassandraHealthResult } from './health.js';
