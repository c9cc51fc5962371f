// The one module that loads @opentelemetry/api, an optional peer dependency. It is required
// synchronously, once, the first time a connection asks for it (createRequire: the API's CommonJS
// build shares its global registry with the ESM one, so providers registered either way are seen).
// When the package is not installed every caller gets undefined and observes nothing.
import { createRequire } from 'node:module';
import type * as otel from '@opentelemetry/api';

/** The parts of @opentelemetry/api the library uses. */
export type OtelApi = Pick<typeof otel, 'trace' | 'metrics' | 'context' | 'SpanKind' | 'SpanStatusCode' | 'ValueType'>;

let loaded: OtelApi | null | undefined;

/** @opentelemetry/api when it is installed, else undefined. */
export function otelApi(): OtelApi | undefined {
  if (loaded === undefined) {
    try {
      loaded = createRequire(import.meta.url)('@opentelemetry/api') as OtelApi;
    } catch {
      loaded = null;
    }
  }
  return loaded ?? undefined;
}

/** The instrumentation scope name of the library's spans and metrics. */
export const SCOPE = 'cassandra-orm';
/** The library's version (from its package.json), as the instrumentation scope's version. */
export const SCOPE_VERSION: string | undefined = (() => {
  try {
    return (createRequire(import.meta.url)('../../../package.json') as { version?: string }).version;
  } catch {
    return undefined;
  }
})();
