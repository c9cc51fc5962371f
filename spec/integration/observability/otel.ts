// An OpenTelemetry SDK for the observability specs: an in-memory span exporter, a metric reader read
// on demand and the AsyncLocalStorage context manager, registered globally in a hook and removed after.
import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** A metric reader collected by the spec. */
class OnDemandReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** The registered SDK: the spans exported so far, the metrics on demand, `uninstall()` to unregister. */
export interface TestSdk {
  readonly exporter: InMemorySpanExporter;
  readonly tracerProvider: BasicTracerProvider;
  spans(): ReadableSpan[];
  collect(): Promise<ResourceMetrics>;
  uninstall(): Promise<void>;
}

/** Registers a tracer provider, a meter provider and a context manager globally. */
export function installSdk(): TestSdk {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const reader = new OnDemandReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
  return {
    exporter,
    tracerProvider,
    spans: () => exporter.getFinishedSpans(),
    collect: async () => (await reader.collect()).resourceMetrics,
    async uninstall() {
      trace.disable();
      metrics.disable();
      context.disable();
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}

/** Spans and their attributes and events as one JSON text, to look for values that must not be there. */
export function spansText(spans: readonly ReadableSpan[]): string {
  return JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status })));
}
