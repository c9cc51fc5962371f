// A named connection: one cassandra-driver Client (with its own pool) per alias, shared by every keyspace
// view. The mapper's statements name their keyspace, so they all run on that one pool; raw CQL on a view
// of another keyspace, whose table names may be unqualified, runs on a client of that keyspace (the
// native protocol v4 that cassandra-driver 4 speaks to Apache Cassandra has no per-request keyspace).
// The only module, with cursor.ts, that runs statements on the driver; every statement passes the
// connection's RequestGate, so a burst waits its turn instead of failing.
import cassandra from 'cassandra-driver';
import {
  keyspaceName,
  resolveConnectionSettings,
  type ConnectionLogger,
  type ConnectionOptions,
  type ResolvedConnectionSettings,
} from './connection-settings.js';
import { parseConsistency, parseSerialConsistency } from './consistency.js';
import type { ExecuteOptions } from './execute-options.js';
import type { KeyspaceDefinition, Replication } from './replication.js';
import { ConfigError, ConnectionClosedError, causeMessage } from '../errors.js';
import { connectWithRetry } from './connect-retry.js';
import { retriesDecided } from './retry-counting.js';
import { BATCH_MAP, EXECUTE_MAP, OPERATION_SPAN, PAGED, SECRET_COLUMNS } from './internals.js';
import { Cursor } from './cursor.js';
import { checkDriverSettings, consistencyCode, driverClientOptions, driverQueryOptions } from './driver-options.js';
import { translateQueryError, type ErrorContext } from './driver-errors.js';
import { isSchemaStatement, statementReadTimeout } from './schema-timeout.js';
import { RequestGate, type RequestQueueState } from './request-gate.js';
import { StatementObserver, type HostLookup, type Observation, type OperationScope } from '../observability/observer.js';
import { repairKeyspaceMetadata } from './driver-metadata.js';

export type { ConnectionOptions } from './connection-settings.js';
export type { ExecuteOptions } from './execute-options.js';
export type { RequestQueueState } from './request-gate.js';

interface DriverEntry {
  readonly driver: cassandra.Client;
  /** The keyspace this client switches to (with USE) once it exists. */
  readonly keyspace: string | undefined;
  connecting: Promise<void> | undefined;
  switching: Promise<void> | undefined;
  /** Set once a USE of `keyspace` was tried: statements that name their keyspace do not try it again. */
  switchTried: boolean;
  /** Set once the client has connected: later statements skip the connect step entirely. */
  connected: boolean;
  /** The driver's host record of a coordinator address (data center, host id), for the telemetry. */
  readonly hosts: HostLookup;
}

/**
 * What a connection and all its keyspace views share: settings and driver clients, by session keyspace.
 * The client of the alias's own keyspace (`settings.keyspace`) is the pool every view's mapper statements
 * use; the others exist only once raw CQL ran on a view of their keyspace.
 */
interface SharedState {
  readonly settings: ResolvedConnectionSettings;
  readonly drivers: Map<string, DriverEntry>;
  readonly errorContext: ErrorContext;
  readonly log: ConnectionLogger;
  /** `prepare: true` under the session defaults: the options of a statement that sets none. Frozen. */
  readonly baseOptions: cassandra.QueryOptions;
  /** Frozen per-call options merged with `baseOptions`, by identity. */
  readonly mergedOptions: WeakMap<object, cassandra.QueryOptions>;
  /** Admission to the driver, shared by every keyspace view: at most `requestQueue.maxInFlight` in flight. */
  readonly gate: RequestGate;
  /** Spans, metrics, the query hook and the slow-query log of every statement. */
  readonly observer: StatementObserver;
  closed: boolean;
}

const NO_KEYSPACE = '';

/** Ends the observation of a statement that failed with `error` (translated from `cause`) and returns the error. */
function failed(error: Error, cause: unknown, observation: Observation | undefined): Error {
  observation?.failed(error, cause);
  return error;
}

/** The `fail` of a queued request: ends its observation, then rejects. */
function refuse(reject: (error: unknown) => void, observation: Observation | undefined): (error: unknown) => void {
  if (observation === undefined) return reject;
  return (error) => {
    observation.failed(error instanceof Error ? error : new Error(String(error)), undefined);
    reject(error);
  };
}

/**
 * A client that has connected and switched to its session keyspace (or, for a statement that names its
 * keyspace, `qualified`, tried to once): statements go straight to it.
 */
function isReady(entry: DriverEntry, qualified: boolean): boolean {
  return entry.connected && (entry.keyspace === undefined || entry.driver.keyspace === entry.keyspace || (qualified && entry.switchTried));
}
const identity = <T>(value: T): T => value;
/** True when the client decodes CQL maps as Map (the default here), which the driver's keyspace metadata needs repaired for. */
const decodesMapsAsMap = (driver: cassandra.Client): boolean => (driver as unknown as { options?: { encoding?: { map?: unknown } } }).options?.encoding?.map === Map;
const silent: ConnectionLogger = () => {};
/** Driver options of the USE statement: the client's defaults. */
const NO_OPTIONS: cassandra.QueryOptions = Object.freeze({});

function sharedState(settings: ResolvedConnectionSettings, path: string): SharedState {
  checkDriverSettings(settings, path);
  const log = settings.logger ?? silent;
  const baseOptions: cassandra.QueryOptions = Object.freeze({ prepare: true, ...driverQueryOptions(settings.queryDefaults) });
  const gate = new RequestGate(settings.alias, settings.requestQueue);
  const clientDefaults = settings.clientOptions.queryOptions;
  const observer = new StatementObserver({
    alias: settings.alias,
    settings: settings.observe,
    log,
    queueState: () => gate.state(),
    defaultConsistency: baseOptions.consistency ?? clientDefaults?.consistency,
    defaultPageSize: baseOptions.fetchSize ?? clientDefaults?.fetchSize ?? 5000,
    retriesDecided,
  });
  return {
    settings,
    drivers: new Map(),
    errorContext: {
      alias: settings.alias,
      contactPoints: settings.contactPoints,
      username: settings.authProvider !== undefined ? undefined : settings.username,
      limits: settings.requestQueue,
    },
    log,
    baseOptions,
    mergedOptions: new WeakMap(),
    gate,
    observer,
    closed: false,
  };
}

/** A named connection to a cluster. Create it (or get it from a ConnectionRegistry), use it, `close()` it. */
export class Connection {
  /** The connection's alias in its registry (`'default'` for one made directly). */
  readonly alias: string;
  /** The keyspace unqualified table names resolve in, if any. */
  readonly keyspace: string | undefined;
  /** The nodes the driver first contacts, as `host` or `host:port`. */
  readonly contactPoints: readonly string[];
  /** @internal The validated settings (the password prints as `[secret]`). */
  readonly settings: ResolvedConnectionSettings;
  private readonly shared: SharedState;

  constructor(options: ConnectionOptions) {
    this.shared = sharedState(resolveConnectionSettings(options, { path: 'connection' }), 'connection');
    this.settings = this.shared.settings;
    this.alias = this.settings.alias;
    this.keyspace = this.settings.keyspace;
    this.contactPoints = this.settings.contactPoints;
  }

  /** @internal A connection over settings already validated (by a ConnectionRegistry). */
  static fromSettings(settings: ResolvedConnectionSettings): Connection {
    return Connection.view(sharedState(settings, settings.alias), settings.keyspace);
  }

  private static view(shared: SharedState, keyspace: string | undefined): Connection {
    const view = Object.create(Connection.prototype) as { -readonly [K in keyof Connection]: Connection[K] };
    Object.assign(view, { shared, settings: shared.settings, alias: shared.settings.alias, keyspace, contactPoints: shared.settings.contactPoints });
    return view as Connection;
  }

  /** What `console.log(connection)` shows: never the driver client (nor its credentials). */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Connection { alias: '${this.alias}', keyspace: ${this.keyspace === undefined ? 'undefined' : `'${this.keyspace}'`}, contactPoints: [${this.contactPoints.join(', ')}] }`;
  }

  /** Test keyspace name (default `test_<keyspace>`). */
  get testKeyspace(): string | undefined {
    return this.settings.testKeyspace;
  }

  /** Replication schema sync uses when it creates the keyspace. */
  get replication(): Replication {
    return this.settings.replication;
  }

  /** `durable_writes` of the keyspace. */
  get durableWrites(): boolean {
    return this.settings.durableWrites;
  }

  /** `{ name, replication, durableWrites }` of this view's keyspace (or the test keyspace) for CREATE KEYSPACE. */
  keyspaceDefinition(which: 'main' | 'test' = 'main'): KeyspaceDefinition {
    const name = which === 'test' ? this.testKeyspace : this.keyspace;
    if (name === undefined) throw ConfigError.missing(`${this.alias}.keyspace`, 'this connection has no keyspace configured');
    return Object.freeze({ name, replication: this.replication, durableWrites: this.durableWrites });
  }

  /**
   * The same connection working in another keyspace: the same settings, request queue and pool. The
   * repositories of a view qualify their statements with its keyspace; its raw CQL (`execute()`, the
   * cursor) resolves unqualified names in it, on a client of that keyspace opened on first use.
   */
  useKeyspace(keyspace: string): Connection {
    return Connection.view(this.shared, keyspaceName(keyspace, 'useKeyspace(keyspace)'));
  }

  /**
   * The alias's driver client, for what the mapper does not cover: the one pool every keyspace view's
   * repositories use. Its session keyspace is the alias's (`settings.keyspace`), whatever the view.
   */
  get client(): cassandra.Client {
    return this.entry(this.settings.keyspace).driver;
  }

  /** This connection's requests (all keyspace views) in flight to the driver and waiting for a slot, now. */
  get requestQueue(): RequestQueueState {
    return this.shared.gate.state();
  }

  /** A raw CQL cursor on this connection (rows as plain objects, always prepared). */
  cursor(): Cursor {
    return new Cursor(this);
  }

  /** Connects now instead of on the first statement (with retry-connect if configured). Safe to call again. */
  async connect(): Promise<void> {
    await this.ready(this.entry(this.settings.keyspace));
  }

  /**
   * Runs one statement as a prepared statement (unless `prepare: false` is given), with the session
   * defaults. Unqualified table names resolve in `options.keyspace`, else in this view's keyspace.
   */
  execute(cql: string, params?: cassandra.ArrayOrObject, options?: ExecuteOptions): Promise<cassandra.types.ResultSet> {
    let keyspace: string | undefined;
    try {
      keyspace = options?.keyspace !== undefined ? keyspaceName(options.keyspace, 'options.keyspace') : this.keyspace;
    } catch (error) {
      return Promise.reject(error);
    }
    return this.run(keyspace, cql, params, options, identity, false);
  }

  /**
   * Runs one statement like `execute()` and hands the result set to `map` in the same step: what the
   * repositories use, so a read or write costs one promise reaction on top of the driver's own.
   * The statement must name its keyspace (or mean the alias's): it runs on the alias's pool whatever
   * this view's keyspace (unless `options.keyspace` asks for another session keyspace, as in
   * `execute()`; the repositories never do). Driver errors are translated (QueryError and
   * subclasses) before the promise rejects.
   * @internal
   */
  [EXECUTE_MAP]<R>(cql: string, params: cassandra.ArrayOrObject | undefined, options: ExecuteOptions | undefined, map: (rs: cassandra.types.ResultSet) => R | PromiseLike<R>): Promise<R> {
    let keyspace: string | undefined;
    try {
      keyspace = options?.keyspace !== undefined ? keyspaceName(options.keyspace, 'options.keyspace') : this.settings.keyspace;
    } catch (error) {
      return Promise.reject(error);
    }
    return this.run(keyspace, cql, params, options, map, options?.keyspace === undefined);
  }

  /**
   * Runs one statement on the client whose session keyspace is `keyspace` (the pool for the alias's
   * own). A `qualified` statement (the internal channel's) tries USE of the session keyspace once,
   * not before every statement while that keyspace does not exist: a tenant-only application whose
   * alias keyspace is never created would otherwise pay a failing USE per statement.
   */
  private run<R>(
    keyspace: string | undefined,
    cql: string,
    params: cassandra.ArrayOrObject | undefined,
    options: ExecuteOptions | undefined,
    map: (rs: cassandra.types.ResultSet) => R | PromiseLike<R>,
    qualified: boolean,
  ): Promise<R> {
    let entry: DriverEntry;
    let queryOptions: cassandra.QueryOptions;
    try {
      entry = this.entry(keyspace);
      queryOptions = this.queryOptions(cql, options);
    } catch (error) {
      return Promise.reject(error);
    }
    // Hot path: a connected client already in its keyspace goes straight to the driver (no awaits).
    if (isReady(entry, qualified)) return this.send(entry, cql, params, queryOptions, map);
    return this.ready(entry, qualified).then(() => this.send(entry, cql, params, queryOptions, map));
  }

  /**
   * One statement run page after page, as `Repository.pages()` and `stream()` run it: the options are
   * checked and merged with the session defaults once, here, and each call of the returned function
   * sends the statement for one page (the first with `pageState` undefined) adding only its paging
   * state. `params` must not change between pages. Like `[EXECUTE_MAP]`, it runs on the alias's pool
   * (the statement names its keyspace) unless `options.keyspace` says otherwise. Errors are translated
   * as in `execute()`; a closed connection rejects the next page.
   * @internal
   */
  [PAGED](cql: string, params: cassandra.ArrayOrObject | undefined, options: ExecuteOptions | undefined): (pageState?: Buffer) => Promise<cassandra.types.ResultSet> {
    const keyspace = options?.keyspace !== undefined ? keyspaceName(options.keyspace, 'options.keyspace') : this.settings.keyspace;
    const qualified = options?.keyspace === undefined;
    const merged = this.queryOptions(cql, options);
    return (pageState) => {
      let entry: DriverEntry;
      try {
        entry = this.entry(keyspace);
      } catch (error) {
        return Promise.reject(error);
      }
      // A page's options are the merged ones plus its paging state: one small object per page.
      const queryOptions = pageState === undefined ? merged : { ...merged, pageState };
      if (isReady(entry, qualified)) return this.send(entry, cql, params, queryOptions, identity);
      return this.ready(entry, qualified).then(() => this.send(entry, cql, params, queryOptions, identity));
    };
  }

  /** Sends one statement through the gate: at once while a slot is free, else after the requests ahead of it. */
  private send<R>(
    entry: DriverEntry,
    cql: string,
    params: cassandra.ArrayOrObject | undefined,
    queryOptions: cassandra.QueryOptions,
    map: (rs: cassandra.types.ResultSet) => R | PromiseLike<R>,
    observed = true,
  ): Promise<R> {
    const gate = this.shared.gate;
    // Undefined (a few comparisons) unless a hook, a tracer or a meter provider observes.
    const observation = observed ? this.shared.observer.begin(cql, params, queryOptions, entry.keyspace) : undefined;
    // Under the limit (the usual case) the statement goes straight to the driver: one comparison and one increment.
    if (gate.tryAcquire()) return this.dispatch(entry, cql, params, queryOptions, map, observation);
    return new Promise<R>((resolve, reject) => {
      gate.enqueue({ start: () => resolve(this.dispatch(entry, cql, params, queryOptions, map, observation)), fail: refuse(reject, observation) }, cql);
    });
  }

  /** Sends on a slot already taken; the driver promise's settle handlers give the slot back. */
  private dispatch<R>(
    entry: DriverEntry,
    cql: string,
    params: cassandra.ArrayOrObject | undefined,
    queryOptions: cassandra.QueryOptions,
    map: (rs: cassandra.types.ResultSet) => R | PromiseLike<R>,
    observation: Observation | undefined,
  ): Promise<R> {
    const shared = this.shared;
    let sent: Promise<cassandra.types.ResultSet>;
    try {
      if (observation === undefined) sent = entry.driver.execute(cql, params, queryOptions);
      else {
        const own = observation.own(queryOptions);
        sent = observation.run(() => entry.driver.execute(cql, params, own));
      }
    } catch (error) {
      // The driver refused the call before sending it: the slot is given back all the same.
      shared.gate.release();
      return Promise.reject(failed(translateQueryError(error, cql, shared.errorContext), error, observation));
    }
    return sent.then(
      (rs) => {
        shared.gate.release();
        observation?.succeeded(rs as never, entry.hosts);
        return map(rs);
      },
      (error: unknown) => {
        shared.gate.release();
        throw failed(translateQueryError(error, cql, shared.errorContext), error, observation);
      },
    );
  }

  /**
   * Runs a batch of statements (each prepared) through the driver's batch API with the session
   * defaults, and hands the result to `map`. `options` are driver batch options (`logged`, `counter`...).
   * `cql` is the batch's text for error messages. On the alias's pool: every statement names its keyspace.
   * @internal
   */
  [BATCH_MAP]<R>(
    queries: readonly { readonly query: string; readonly params: cassandra.ArrayOrObject }[],
    cql: () => string,
    options: ExecuteOptions | undefined,
    map: (rs: cassandra.types.ResultSet) => R | PromiseLike<R>,
  ): Promise<R> {
    let entry: DriverEntry;
    let queryOptions: cassandra.QueryOptions;
    try {
      entry = this.entry(this.settings.keyspace);
      queryOptions = this.queryOptions('', options);
    } catch (error) {
      return Promise.reject(error);
    }
    // A batch is one request to the driver: it takes one slot of the same gate as single statements.
    const send = (): Promise<R> => {
      const gate = this.shared.gate;
      const observation = this.shared.observer.beginBatch(queries, queryOptions, entry.keyspace);
      if (gate.tryAcquire()) return this.dispatchBatch(entry, queries, queryOptions, cql, map, observation);
      return new Promise<R>((resolve, reject) => {
        gate.enqueue({ start: () => resolve(this.dispatchBatch(entry, queries, queryOptions, cql, map, observation)), fail: refuse(reject, observation) }, cql());
      });
    };
    return isReady(entry, true) ? send() : this.ready(entry, true).then(send);
  }

  /** Sends a batch on a slot already taken; the settle handlers give the slot back. */
  private dispatchBatch<R>(
    entry: DriverEntry,
    queries: readonly { readonly query: string; readonly params: cassandra.ArrayOrObject }[],
    queryOptions: cassandra.QueryOptions,
    cql: () => string,
    map: (rs: cassandra.types.ResultSet) => R | PromiseLike<R>,
    observation: Observation | undefined,
  ): Promise<R> {
    const shared = this.shared;
    const statements = queries as { query: string; params: cassandra.ArrayOrObject }[];
    let sent: Promise<cassandra.types.ResultSet>;
    try {
      if (observation === undefined) sent = entry.driver.batch(statements, queryOptions);
      else {
        const own = observation.own(queryOptions);
        sent = observation.run(() => entry.driver.batch(statements, own));
      }
    } catch (error) {
      // The driver refused the call before sending it: the slot is given back all the same.
      shared.gate.release();
      return Promise.reject(failed(translateQueryError(error, cql(), shared.errorContext), error, observation));
    }
    return sent.then(
      (rs) => {
        shared.gate.release();
        observation?.succeeded(rs as never, entry.hosts);
        return map(rs);
      },
      (error: unknown) => {
        shared.gate.release();
        throw failed(translateQueryError(error, cql(), shared.errorContext), error, observation);
      },
    );
  }

  private async ready(entry: DriverEntry, qualified = false): Promise<void> {
    await this.connectEntry(entry);
    if (!qualified || !entry.switchTried) await this.switchKeyspace(entry);
  }

  /**
   * Registers the columns of `keyspace.table` whose values query events must never show (the
   * repositories register their entity's `secret` columns).
   * @internal
   */
  [SECRET_COLUMNS](keyspace: string | undefined, table: string, columns: readonly string[]): void {
    this.shared.observer.secrets.set(`${keyspace ?? this.keyspace ?? ''}.${table}`, new Set(columns));
  }

  /**
   * The span of a read made of several pages (`stream()`, `pages()`) of `table`, whose page statements
   * become its children; undefined when tracing is off or no tracer provider is registered.
   * @internal
   */
  [OPERATION_SPAN](operation: string, keyspace: string | undefined, table: string): OperationScope | undefined {
    return this.shared.observer.beginOperation(operation, keyspace ?? this.keyspace, table);
  }

  /** Shuts every pool of this connection down (all keyspace views); the process can exit afterwards. */
  async close(): Promise<void> {
    this.shared.closed = true;
    this.shared.gate.failAll(ConnectionClosedError.closed(this.alias));
    this.shared.observer.close();
    const entries = [...this.shared.drivers.values()];
    this.shared.drivers.clear();
    await Promise.all(entries.map((e) => e.driver.shutdown()));
  }

  /**
   * The driver options of one statement: `prepare: true` and the session defaults under the call's
   * own options, and the longer timeout of schema statements. Frozen option objects (what the
   * repositories pass) are merged once and the merge is reused.
   */
  private queryOptions(cql: string, options: ExecuteOptions | undefined): cassandra.QueryOptions {
    const schema = isSchemaStatement(cql);
    if (!schema) {
      if (options === undefined) return this.shared.baseOptions;
      if (Object.isFrozen(options)) {
        let merged = this.shared.mergedOptions.get(options);
        if (merged === undefined) {
          merged = Object.freeze(this.mergeOptions(options));
          this.shared.mergedOptions.set(options, merged);
        }
        return merged;
      }
    }
    const merged = this.mergeOptions(options);
    if (schema && options?.readTimeout === undefined) {
      merged.readTimeout = statementReadTimeout(cql, merged.readTimeout, undefined);
    }
    return merged;
  }

  private mergeOptions(options: ExecuteOptions | undefined): cassandra.QueryOptions {
    const { consistency, serialConsistency, ...rest } = options ?? {};
    const merged: cassandra.QueryOptions = { ...this.shared.baseOptions, ...rest };
    if (consistency !== undefined) merged.consistency = consistencyCode(parseConsistency(consistency, 'options.consistency'));
    if (serialConsistency !== undefined) {
      merged.serialConsistency = consistencyCode(parseSerialConsistency(serialConsistency, 'options.serialConsistency'));
    }
    return merged;
  }

  private entry(keyspace: string | undefined): DriverEntry {
    if (this.shared.closed) throw ConnectionClosedError.closed(this.alias);
    const key = keyspace ?? NO_KEYSPACE;
    let entry = this.shared.drivers.get(key);
    if (entry === undefined) {
      // The client starts without a keyspace and switches with USE once the keyspace exists, so a
      // connection can connect (and schema sync can create its keyspace) before the keyspace is there.
      const driver = new cassandra.Client(driverClientOptions(this.settings, undefined));
      const log = this.shared.log;
      driver.on('log', (level: string, className: string, message: string) => {
        if (level === 'warning' || level === 'error') log(level, `[driver ${className}] ${message}`);
      });
      const hosts: HostLookup = (address) => driver.hosts?.get(address) as ReturnType<HostLookup>;
      entry = { driver, keyspace, connecting: undefined, switching: undefined, switchTried: false, connected: false, hosts };
      this.shared.drivers.set(key, entry);
    }
    return entry;
  }

  /** USE the entry's keyspace if it exists; while it does not, statements must name their keyspace. */
  private async switchKeyspace(entry: DriverEntry): Promise<void> {
    const target = entry.keyspace;
    if (target === undefined || entry.driver.keyspace === target) return;
    entry.switching ??= this.send(entry, `USE "${target}"`, undefined, NO_OPTIONS, identity, false)
      .then(
        () => this.shared.log('info', `Connection '${this.alias}': using keyspace ${target}`),
        (error: unknown) => this.shared.log('info', `Connection '${this.alias}': keyspace ${target} is not usable yet (${causeMessage(error)})`),
      )
      .finally(() => {
        entry.switching = undefined;
        entry.switchTried = true;
      });
    await entry.switching;
  }

  private async connectEntry(entry: DriverEntry): Promise<void> {
    entry.connecting ??= connectWithRetry(entry.driver, this.settings.retryConnect, this.shared.errorContext, this.shared.log).then(
      async () => {
        // The metadata refresh is best effort: a failure leaves the driver's routing as it was.
        if (decodesMapsAsMap(entry.driver)) await repairKeyspaceMetadata(entry.driver).catch((error: unknown) => this.shared.log('warning', `Connection '${this.alias}': keyspace metadata not refreshed (${causeMessage(error)})`));
        entry.connected = true;
      },
      (error: unknown) => {
        entry.connecting = undefined;
        throw error;
      },
    );
    return entry.connecting;
  }
}
