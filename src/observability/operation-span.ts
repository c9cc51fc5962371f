// A span around a library operation made of several statements (schema sync, plan, apply, the test
// kit's setup): the statements' own spans become its children. INTERNAL, since the statements are the
// client calls. Without @opentelemetry/api, or with no tracer provider registered, `fn` just runs.
import type { TracerProvider } from '@opentelemetry/api';
import { otelApi, SCOPE, SCOPE_VERSION } from './otel-api.js';

/** Runs `fn` inside a span named `name` (`schema.sync app`) when tracing is on and a provider is registered. */
export function inOperationSpan<T>(tracing: boolean, name: string, keyspace: string | undefined, fn: () => Promise<T>): Promise<T> {
  const api = tracing ? otelApi() : undefined;
  if (api === undefined) return fn();
  const provider = api.trace.getTracerProvider();
  const delegate = (provider as { getDelegate?: () => TracerProvider }).getDelegate?.() ?? provider;
  if (delegate.constructor.name === 'NoopTracerProvider') return fn();
  const attributes: Record<string, string> = { 'db.system.name': 'cassandra', 'cassandra_orm.operation': name.split(' ')[0]! };
  if (keyspace !== undefined) attributes['db.namespace'] = keyspace;
  return provider.getTracer(SCOPE, SCOPE_VERSION).startActiveSpan(name, { kind: api.SpanKind.INTERNAL, attributes }, async (span) => {
    try {
      return await fn();
    } catch (error) {
      span.setAttribute('error.type', error instanceof Error ? error.name : 'Error');
      span.setStatus({ code: api.SpanStatusCode.ERROR, message: error instanceof Error ? error.name : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}
