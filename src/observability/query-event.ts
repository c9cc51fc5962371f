// What a connection reports about each statement it runs, and the settings that choose what it reports.

/** One statement a connection ran (or tried to): what `observe.onQuery` receives. */
export interface QueryEvent {
  /** The connection's alias. */
  readonly connection: string;
  /** The keyspace the statement ran in (the one it names, else the connection's), if any. */
  readonly keyspace: string | undefined;
  /** `SELECT`, `INSERT`, `UPDATE`, `DELETE`, `BATCH`, `CREATE`, ... */
  readonly operation: string;
  /** The table the statement names (the first one for a batch), if any. */
  readonly table: string | undefined;
  /**
   * The statement text with `?` placeholders; literals written inline are replaced by `?` too
   * (unless `includeValues`, and then a `PASSWORD '...'` is still replaced). A batch's statements
   * are joined with `; `.
   */
  readonly cql: string;
  /** How many values were bound (all statements of a batch together). */
  readonly paramCount: number;
  /**
   * The bound values, only with `observe.includeValues: true`; the values of columns marked
   * `secret` are replaced by `'[secret]'`. For a batch: one array per statement.
   */
  readonly params?: readonly unknown[] | undefined;
  /** Statements in a batch; undefined for a single statement. */
  readonly batchSize: number | undefined;
  /** From the call until the answer (waiting in the request queue included), in milliseconds. */
  readonly durationMs: number;
  /** Rows in the answer (this page's rows for a paged read); undefined on failure. */
  readonly rows: number | undefined;
  /** `host:port` of the coordinator that answered, if one did. */
  readonly coordinator: string | undefined;
  /** Data center of that coordinator, when the driver knows it. */
  readonly coordinatorDc: string | undefined;
  /** Times the request was sent again after a failure (the client retry policy's decisions, same host or another). */
  readonly retries: number;
  /** Speculative executions the driver started besides the first. */
  readonly speculativeExecutions: number;
  /** The server's warnings (large batch, tombstones scanned, aggregation without partition key, ...). */
  readonly warnings: readonly string[];
  /** The typed error the statement failed with; undefined on success. */
  readonly error: Error | undefined;
}

/** Hooks and thresholds of one connection's telemetry (`ConnectionOptions.observe`). */
export interface ObserveOptions {
  /** Receives every statement the connection runs, after it settles. An exception it throws is logged and ignored. */
  readonly onQuery?: (event: QueryEvent) => void;
  /** Put the bound values into `QueryEvent.params` (columns marked `secret` always redacted). Default false. */
  readonly includeValues?: boolean;
  /** Log statements slower than this many milliseconds through the connection's `logger` (level `warning`). Default off. */
  readonly slowQueryMs?: number;
  /** Spans through @opentelemetry/api when it is installed and a tracer provider is registered. Default true. */
  readonly tracing?: boolean;
  /** Metrics through @opentelemetry/api when it is installed and a meter provider is registered. Default true. */
  readonly metrics?: boolean;
}

/** Validated observe settings. */
export interface ObserveSettings {
  readonly onQuery: ((event: QueryEvent) => void) | undefined;
  readonly includeValues: boolean;
  readonly slowQueryMs: number | undefined;
  readonly tracing: boolean;
  readonly metrics: boolean;
}

/** The settings of a connection that sets no `observe`. */
export const DEFAULT_OBSERVE: ObserveSettings = Object.freeze({
  onQuery: undefined,
  includeValues: false,
  slowQueryMs: undefined,
  tracing: true,
  metrics: true,
});
