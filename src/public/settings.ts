// The `Settings` type namespace of the root entry point: the parts of ConnectionOptions and of the
// settings helpers' input that have a shape of their own. Explicit named re-exports only.
export type { RetryConnectOptions, ConnectionLogger } from '../connection/connection-settings.js';
export type { QueryDefaultsOptions } from '../connection/query-defaults.js';
export type { TlsOptions, PemSource } from '../connection/tls-settings.js';
export type { RequestQueueOptions } from '../connection/request-queue.js';
export type { RequestQueueState } from '../connection/connection.js';
export type { KeyspaceDefinition } from '../connection/replication.js';
export type { DjangoDatabase } from '../config/django-databases.js';
export type { ObserveOptions, QueryEvent } from '../observability/query-event.js';
