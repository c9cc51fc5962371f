// One connection's telemetry: a span and a duration measurement per statement through
// @opentelemetry/api (when installed and a provider is registered), the query hook and the slow-query
// log. The connection calls `begin()` for every statement and batch it sends, at its one execution
// surface; `begin()` returns undefined, and costs a decrement and a few comparisons, when nothing
// observes: whether a tracer or meter provider is registered is asked of the API on the first
// statement and then once every RECHECK statements, not on each.
import { performance } from 'node:perf_hooks';
import type { Context, Histogram, Meter, MeterProvider, ObservableGauge, ObservableResult, Span, Tracer, TracerProvider } from '@opentelemetry/api';
import { otelApi, SCOPE, SCOPE_VERSION, type OtelApi } from './otel-api.js';
import { factsOf, sanitize, type StatementFacts } from './statement-facts.js';
import type { ObserveSettings, QueryEvent } from './query-event.js';
import { redactParams, type SecretColumns } from './redaction.js';

/** A log sink (the connection's logger). */
export type ObserverLog = (level: 'info' | 'warning' | 'error', message: string) => void;

/** What the observer needs from its connection. */
export interface ObserverHost {
  readonly alias: string;
  readonly settings: ObserveSettings;
  readonly log: ObserverLog;
  /** Requests in flight and queued now (the request queue's gauges). */
  readonly queueState: () => { readonly inFlight: number; readonly queued: number };
  /** Consistency and page size of a statement that sets none (the client's defaults). */
  readonly defaultConsistency: number | undefined;
  readonly defaultPageSize: number;
  /** Retries the driver's retry policy decided for the request sent with `options` (same host or another). */
  readonly retriesDecided: (options: object) => number;
}

/** What the driver tells about the host that answered: its data center and host id. */
export type HostLookup = (address: string) => { readonly datacenter?: string; readonly hostId?: { toString(): string } } | undefined;

/** The driver options the telemetry reads. */
interface OptionsRead {
  readonly consistency?: number | undefined;
  readonly fetchSize?: number | undefined;
  readonly isIdempotent?: boolean | undefined;
}

/** The parts of a driver ResultSet the telemetry reads. */
interface ResultRead {
  readonly rowLength?: number;
  readonly rows?: readonly unknown[];
  readonly columns?: readonly { readonly name: string }[] | null;
  readonly info?: {
    readonly queriedHost?: string;
    readonly triedHosts?: Readonly<Record<string, unknown>>;
    readonly speculativeExecutions?: number;
    readonly warnings?: readonly string[] | null;
  };
}

const CONSISTENCY_NAMES: Readonly<Record<number, string>> = Object.freeze({
  0: 'any', 1: 'one', 2: 'two', 3: 'three', 4: 'quorum', 5: 'all', 6: 'local_quorum', 7: 'each_quorum', 8: 'serial', 9: 'local_serial', 10: 'local_one',
});
const LOCAL_ONE = 10;
const DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10];
const NO_WARNINGS: readonly string[] = Object.freeze([]);
/** Statements between two looks at the API's registered providers. */
const RECHECK = 256;

interface Instruments {
  readonly duration: Histogram;
  readonly gauges: readonly ObservableGauge[];
  readonly report: (result: ObservableResult) => void;
  readonly reportQueued: (result: ObservableResult) => void;
}

function splitAddress(address: string): { host: string; port: number | undefined } {
  const colon = address.lastIndexOf(':');
  if (colon <= 0) return { host: address, port: undefined };
  const port = Number(address.slice(colon + 1));
  return Number.isInteger(port) ? { host: address.slice(0, colon), port } : { host: address, port: undefined };
}

function retriesOf(tried: Readonly<Record<string, unknown>> | undefined): number {
  if (tried === undefined) return 0;
  let n = 0;
  for (const key in tried) if (tried[key] instanceof Error) n++;
  return n;
}

/** The statements of one request: a single statement, or a batch. */
export interface RequestShape {
  readonly facts: StatementFacts;
  /** The text events and spans show (a batch's statements joined with `; `), literals replaced. */
  readonly text: () => string;
  /** The text as sent (for `includeValues`). */
  readonly rawText: () => string;
  readonly paramCount: number;
  readonly params: () => readonly unknown[] | undefined;
  readonly batchSize: number | undefined;
}

function countParams(params: unknown): number {
  if (params == null) return 0;
  if (Array.isArray(params)) return params.length;
  return typeof params === 'object' ? Object.keys(params).length : 0;
}

/** One statement being observed, from `begin()` until it settles. */
export class Observation {
  private readonly start = performance.now();
  /** The options object the request was sent with (its own, so that its retries can be told apart). */
  private sentWith: object | undefined;

  constructor(
    private readonly observer: StatementObserver,
    private readonly shape: RequestShape,
    private readonly keyspace: string | undefined,
    private readonly span: Span | undefined,
    private readonly context: Context | undefined,
    private readonly instruments: Instruments | undefined,
  ) {}

  /** A copy of `options` that only this request is sent with: what its retries are counted against. */
  own<O extends object>(options: O): O {
    const copy = { ...options };
    this.sentWith = copy;
    return copy;
  }

  /**
   * Times the request was sent again after a failure: the retry policy's decisions (which a retry on
   * the same host shows only to the policy), or the other hosts that failed, when those are more.
   */
  private retries(tried: Readonly<Record<string, unknown>> | undefined): number {
    const decided = this.sentWith === undefined ? 0 : this.observer.retriesDecided(this.sentWith);
    return Math.max(decided, retriesOf(tried));
  }

  /** Runs `send` (the driver call) with this statement's span active, so a driver instrumentation's span is its child. */
  run<T>(send: () => T): T {
    const api = this.observer.api;
    if (this.span === undefined || this.context === undefined || api === undefined) return send();
    return api.context.with(api.trace.setSpan(this.context, this.span), send);
  }

  /** The statement answered. */
  succeeded(rs: ResultRead, hosts: HostLookup): void {
    const durationMs = performance.now() - this.start;
    const info = rs.info ?? {};
    const coordinator = info.queriedHost;
    const host = coordinator === undefined ? undefined : hosts(coordinator);
    const rows = rs.rowLength ?? rs.rows?.length ?? 0;
    const warnings = info.warnings ?? NO_WARNINGS;
    const speculative = info.speculativeExecutions ?? 0;
    const span = this.span;
    if (span !== undefined) {
      if (coordinator !== undefined) {
        const { host: address, port } = splitAddress(coordinator);
        span.setAttribute('server.address', address);
        if (port !== undefined) span.setAttribute('server.port', port);
      }
      if (host?.datacenter !== undefined) span.setAttribute('cassandra.coordinator.dc', host.datacenter);
      if (host?.hostId !== undefined) span.setAttribute('cassandra.coordinator.id', host.hostId.toString());
      span.setAttribute('db.response.returned_rows', rows);
      span.setAttribute('cassandra.speculative_execution.count', speculative);
      const applied = rs.columns?.[0]?.name === '[applied]' ? (rs.rows?.[0] as Record<string, unknown> | undefined)?.['[applied]'] : undefined;
      if (typeof applied === 'boolean') span.setAttribute('cassandra_orm.lwt.applied', applied);
      for (const warning of warnings) span.addEvent('cassandra.server_warning', { message: sanitize(warning) });
      span.end();
    }
    this.instruments?.duration.record(durationMs / 1000, this.observer.metricAttributes(this.shape.facts, this.keyspace, coordinator, undefined));
    this.observer.report(this.shape, this.keyspace, {
      durationMs,
      rows,
      coordinator,
      coordinatorDc: host?.datacenter,
      retries: this.retries(info.triedHosts),
      speculativeExecutions: speculative,
      warnings,
      error: undefined,
    });
  }

  /** The statement failed with `error` (typed); `cause` is what the driver raised. */
  failed(error: Error, cause: unknown): void {
    const durationMs = performance.now() - this.start;
    const driverError = cause as { code?: unknown; coordinator?: unknown; info?: ResultRead['info'] } | undefined;
    const code = typeof driverError?.code === 'number' ? String(driverError.code) : undefined;
    const coordinator = typeof driverError?.coordinator === 'string' ? driverError.coordinator : undefined;
    const span = this.span;
    const api = this.observer.api;
    if (span !== undefined && api !== undefined) {
      span.setAttribute('error.type', error.name);
      if (code !== undefined) span.setAttribute('db.response.status_code', code);
      if (coordinator !== undefined) {
        const { host: address, port } = splitAddress(coordinator);
        span.setAttribute('server.address', address);
        if (port !== undefined) span.setAttribute('server.port', port);
      }
      span.setStatus({ code: api.SpanStatusCode.ERROR, message: sanitize(error.message) });
      span.end();
    }
    this.instruments?.duration.record(durationMs / 1000, this.observer.metricAttributes(this.shape.facts, this.keyspace, coordinator, { type: error.name, code }));
    this.observer.report(this.shape, this.keyspace, {
      durationMs,
      rows: undefined,
      coordinator,
      coordinatorDc: undefined,
      retries: this.retries(driverError?.info?.triedHosts),
      speculativeExecutions: 0,
      warnings: NO_WARNINGS,
      error,
    });
  }
}

/**
 * The span of a read that fetches several pages as one operation (`stream()`, `pages()`): INTERNAL,
 * named `{operation} {table}`, with each page's statement span as its child. It ends once, when the
 * read ends (its last page, a `break`, or an error), with the rows and pages it fetched.
 */
export class OperationScope {
  private rows = 0;
  private pages = 0;
  private ended = false;

  constructor(
    private readonly api: OtelApi,
    private readonly span: Span,
    private readonly context: Context,
  ) {}

  /** Runs `fetch` (one page) with this span active, and counts the rows it brought. */
  run<R extends { readonly rowLength?: number; readonly rows?: readonly unknown[] }>(fetch: () => Promise<R>): Promise<R> {
    return this.api.context.with(this.context, fetch).then((rs) => {
      this.pages++;
      this.rows += rs.rowLength ?? rs.rows?.length ?? 0;
      return rs;
    });
  }

  /** The read ended: with `error` when it failed. Later calls do nothing. */
  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    const span = this.span;
    span.setAttribute('db.response.returned_rows', this.rows);
    span.setAttribute('cassandra_orm.page.count', this.pages);
    if (error !== undefined) {
      const name = error instanceof Error ? error.name : 'Error';
      span.setAttribute('error.type', name);
      span.setStatus({ code: this.api.SpanStatusCode.ERROR, message: error instanceof Error ? sanitize(error.message) : name });
    }
    span.end();
  }
}

type Outcome = Pick<QueryEvent, 'durationMs' | 'rows' | 'coordinator' | 'coordinatorDc' | 'retries' | 'speculativeExecutions' | 'warnings' | 'error'>;

/** The telemetry of one connection (shared by its keyspace views). */
export class StatementObserver {
  readonly api: OtelApi | undefined;
  private tracerDelegate: TracerProvider | undefined;
  private tracer: Tracer | undefined;
  private meterProvider: MeterProvider | undefined;
  private instruments: Instruments | undefined;
  private readonly hooked: boolean;
  /** Statements left before the providers are looked at again (0: at the next one). */
  private untilCheck = 0;
  /** The tracer and instruments found at the last look (undefined: none registered, or switched off). */
  private activeTracer: Tracer | undefined;
  private activeInstruments: Instruments | undefined;
  /** Secret columns by `keyspace.table`, registered by the repositories. */
  readonly secrets: SecretColumns = new Map();

  constructor(private readonly host: ObserverHost) {
    const s = host.settings;
    this.api = s.tracing || s.metrics ? otelApi() : undefined;
    this.hooked = s.onQuery !== undefined || s.slowQueryMs !== undefined;
  }

  /** The tracer while a tracer provider other than the no-op one is registered, else undefined. */
  private currentTracer(api: OtelApi): Tracer | undefined {
    const provider = api.trace.getTracerProvider();
    const delegate = (provider as { getDelegate?: () => TracerProvider }).getDelegate?.() ?? provider;
    if (delegate !== this.tracerDelegate) {
      this.tracerDelegate = delegate;
      this.tracer = delegate.constructor.name === 'NoopTracerProvider' ? undefined : provider.getTracer(SCOPE, SCOPE_VERSION);
    }
    return this.tracer;
  }

  /** The instruments while a meter provider other than the no-op one is registered, else undefined. */
  private currentInstruments(api: OtelApi): Instruments | undefined {
    const provider = api.metrics.getMeterProvider();
    if (provider !== this.meterProvider) {
      this.dropInstruments();
      this.meterProvider = provider;
      this.instruments = provider.constructor.name === 'NoopMeterProvider' ? undefined : this.createInstruments(provider.getMeter(SCOPE, SCOPE_VERSION));
    }
    return this.instruments;
  }

  private createInstruments(meter: Meter): Instruments {
    const duration = meter.createHistogram('db.client.operation.duration', {
      description: 'Duration of database client operations.',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    });
    const pool = { 'db.client.connection.pool.name': this.host.alias, 'db.system.name': 'cassandra' };
    const inFlight = meter.createObservableGauge('cassandra_orm.request_queue.in_flight', {
      description: "Requests of the connection's request queue sent to the driver and not yet answered.",
      unit: '{request}',
    });
    const queued = meter.createObservableGauge('cassandra_orm.request_queue.queued', {
      description: "Requests waiting in the connection's request queue for a free slot.",
      unit: '{request}',
    });
    const report = (result: ObservableResult): void => result.observe(this.host.queueState().inFlight, pool);
    const reportQueued = (result: ObservableResult): void => result.observe(this.host.queueState().queued, pool);
    inFlight.addCallback(report);
    queued.addCallback(reportQueued);
    return { duration, gauges: [inFlight, queued], report, reportQueued };
  }

  private dropInstruments(): void {
    const instruments = this.instruments;
    if (instruments === undefined) return;
    instruments.gauges[0]?.removeCallback(instruments.report);
    instruments.gauges[1]?.removeCallback(instruments.reportQueued);
    this.instruments = undefined;
  }

  /** The connection closed: its gauges stop reporting. */
  close(): void {
    this.dropInstruments();
    this.meterProvider = undefined;
    this.activeInstruments = undefined;
  }

  /** Looks at the API's registered providers again when RECHECK statements have passed since the last look. */
  private refresh(api: OtelApi | undefined): void {
    if (api === undefined || --this.untilCheck >= 0) return;
    this.untilCheck = RECHECK - 1;
    this.activeTracer = this.host.settings.tracing ? this.currentTracer(api) : undefined;
    this.activeInstruments = this.host.settings.metrics ? this.currentInstruments(api) : undefined;
  }

  /** Retries the retry policy decided for the request sent with `options`. */
  retriesDecided(options: object): number {
    return this.host.retriesDecided(options);
  }

  /** Starts the span of a multi-page read of `table`; undefined when no tracer is registered (or tracing is off). */
  beginOperation(operation: string, keyspace: string | undefined, table: string): OperationScope | undefined {
    const api = this.api;
    this.refresh(api);
    const tracer = this.activeTracer;
    if (tracer === undefined || api === undefined) return undefined;
    const attributes: Record<string, string> = { 'db.system.name': 'cassandra', 'db.collection.name': table, 'cassandra_orm.operation': operation };
    if (keyspace !== undefined) attributes['db.namespace'] = keyspace;
    const parent = api.context.active();
    const span = tracer.startSpan(`${operation} ${table}`, { kind: api.SpanKind.INTERNAL, attributes }, parent);
    if (!span.isRecording()) return undefined;
    return new OperationScope(api, span, api.trace.setSpan(parent, span));
  }

  /** Starts observing one statement (`cql` with `params`); undefined when nothing observes. */
  begin(cql: string, params: unknown, options: OptionsRead, keyspace: string | undefined): Observation | undefined {
    const api = this.api;
    this.refresh(api);
    const tracer = this.activeTracer;
    const instruments = this.activeInstruments;
    if (tracer === undefined && instruments === undefined && !this.hooked) return undefined;
    const facts = factsOf(cql);
    const shape: RequestShape = {
      facts,
      text: () => facts.text,
      rawText: () => cql,
      paramCount: countParams(params),
      params: () => redactParams(this.secrets, facts, cql, params, keyspace),
      batchSize: undefined,
    };
    return this.observe(api, tracer, instruments, shape, options, keyspace);
  }

  /** Starts observing a batch of statements; undefined when nothing observes. */
  beginBatch(
    queries: readonly { readonly query: string; readonly params: unknown }[],
    options: OptionsRead,
    keyspace: string | undefined,
  ): Observation | undefined {
    const api = this.api;
    this.refresh(api);
    const tracer = this.activeTracer;
    const instruments = this.activeInstruments;
    if (tracer === undefined && instruments === undefined && !this.hooked) return undefined;
    const all = queries.map((q) => factsOf(q.query));
    const first = all[0];
    const table = first !== undefined && all.every((f) => f.table === first.table && f.keyspace === first.keyspace) ? first.table : undefined;
    const facts: StatementFacts = Object.freeze({ operation: 'BATCH', table, keyspace: table === undefined ? undefined : first?.keyspace, text: '' });
    let paramCount = 0;
    for (const q of queries) paramCount += countParams(q.params);
    const shape: RequestShape = {
      facts,
      text: () => all.map((f) => f.text).join('; '),
      rawText: () => queries.map((q) => q.query).join('; '),
      paramCount,
      params: () => queries.map((q, i) => redactParams(this.secrets, all[i]!, q.query, q.params, keyspace)),
      batchSize: queries.length,
    };
    return this.observe(api, tracer, instruments, shape, options, keyspace);
  }

  private observe(
    api: OtelApi | undefined,
    tracer: Tracer | undefined,
    instruments: Instruments | undefined,
    shape: RequestShape,
    options: OptionsRead,
    connectionKeyspace: string | undefined,
  ): Observation {
    const facts = shape.facts;
    const keyspace = facts.keyspace ?? connectionKeyspace;
    let span: Span | undefined;
    let parent: Context | undefined;
    if (tracer !== undefined && api !== undefined) {
      const target = facts.table ?? keyspace;
      const attributes: Record<string, string | number | boolean> = {
        'db.system.name': 'cassandra',
        'db.operation.name': facts.operation,
        'db.query.text': shape.text(),
        'cassandra.consistency.level': CONSISTENCY_NAMES[options.consistency ?? this.host.defaultConsistency ?? LOCAL_ONE] ?? String(options.consistency),
        'cassandra.page.size': options.fetchSize ?? this.host.defaultPageSize,
        'cassandra.query.idempotent': options.isIdempotent === true,
      };
      if (keyspace !== undefined) attributes['db.namespace'] = keyspace;
      if (facts.table !== undefined) attributes['db.collection.name'] = facts.table;
      if (shape.batchSize !== undefined && shape.batchSize > 1) attributes['db.operation.batch.size'] = shape.batchSize;
      parent = api.context.active();
      span = tracer.startSpan(target === undefined ? facts.operation : `${facts.operation} ${target}`, { kind: api.SpanKind.CLIENT, attributes }, parent);
      if (!span.isRecording()) {
        span = undefined;
        parent = undefined;
      }
    }
    return new Observation(this, shape, keyspace, span, parent, instruments);
  }

  /** The low-cardinality attributes of a duration measurement. */
  metricAttributes(facts: StatementFacts, keyspace: string | undefined, coordinator: string | undefined, error: { type: string; code: string | undefined } | undefined): Record<string, string | number> {
    const attributes: Record<string, string | number> = { 'db.system.name': 'cassandra', 'db.operation.name': facts.operation };
    if (keyspace !== undefined) attributes['db.namespace'] = keyspace;
    if (facts.table !== undefined) attributes['db.collection.name'] = facts.table;
    if (coordinator !== undefined) {
      const { host, port } = splitAddress(coordinator);
      attributes['server.address'] = host;
      if (port !== undefined) attributes['server.port'] = port;
    }
    if (error !== undefined) {
      attributes['error.type'] = error.type;
      if (error.code !== undefined) attributes['db.response.status_code'] = error.code;
    }
    return attributes;
  }

  /** Hands the event to `onQuery` and writes the slow-query line. */
  report(shape: RequestShape, keyspace: string | undefined, outcome: Outcome): void {
    if (!this.hooked) return;
    const { onQuery, slowQueryMs, includeValues } = this.host.settings;
    if (slowQueryMs !== undefined && outcome.durationMs >= slowQueryMs) {
      const where = outcome.coordinator === undefined ? '' : ` (coordinator ${outcome.coordinator})`;
      this.host.log(
        'warning',
        `Connection '${this.host.alias}': slow statement, ${outcome.durationMs.toFixed(1)} ms (threshold ${slowQueryMs} ms)${where}: ${shape.text()}`,
      );
    }
    if (onQuery === undefined) return;
    const event: QueryEvent = Object.freeze({
      connection: this.host.alias,
      keyspace,
      operation: shape.facts.operation,
      table: shape.facts.table,
      cql: includeValues ? hidePasswords(shape.rawText()) : shape.text(),
      paramCount: shape.paramCount,
      params: includeValues ? shape.params() : undefined,
      batchSize: shape.batchSize,
      ...outcome,
      warnings: includeValues || outcome.warnings.length === 0 ? outcome.warnings : Object.freeze(outcome.warnings.map(sanitize)),
    });
    try {
      onQuery(event);
    } catch (error) {
      this.host.log('error', `Connection '${this.host.alias}': observe.onQuery threw (ignored): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** A `PASSWORD '...'` (CREATE/ALTER ROLE, USER) written inline, replaced. */
function hidePasswords(cql: string): string {
  return cql.replace(/(\bPASSWORD\s*(?:=\s*)?)'(?:[^']|'')*'/gi, "$1'[secret]'");
}
