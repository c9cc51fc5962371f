// cassandra-orm/observability: the types of a connection's telemetry settings and query events.
// Spans and metrics need no import: with @opentelemetry/api installed and a provider registered,
// every connection reports them (see docs/observability.md).
export type { ObserveOptions, QueryEvent } from './query-event.js';
