// One connection's settings: what the user writes (ConnectionOptions) → validated, frozen, password-safe
// ResolvedConnectionSettings. Pure: no driver calls, the input is never mutated.
import type cassandra from 'cassandra-driver';
import { ConfigError, type RequestQueueLimits } from '../errors.js';
import { expectBoolean, expectInteger, expectObject, expectPositiveNumber, expectString, isPlainObject } from './check.js';
import { parseConsistency, type Consistency } from './consistency.js';
import { parseQueryDefaults, type QueryDefaultsOptions, type ResolvedQueryDefaults } from './query-defaults.js';
import { DEFAULT_REPLICATION, parseReplication, type Replication } from './replication.js';
import { parseRequestQueue, type RequestQueueOptions } from './request-queue.js';
import { Secret } from './secret.js';
import { parseObserve } from './observe-settings.js';
import { parseTls, type ResolvedTls, type TlsOptions } from './tls-settings.js';
import type { ObserveOptions, ObserveSettings } from '../observability/query-event.js';

/** Retry-connect: exponential backoff between attempts until a deadline. */
export interface RetryConnectOptions {
  /** Give up this many ms after the first attempt started. Default 30000. */
  readonly deadlineMs?: number;
  /** Wait before the second attempt. Default 200. */
  readonly initialDelayMs?: number;
  /** Longest wait between attempts. Default 5000. */
  readonly maxDelayMs?: number;
  /** Growth of the wait per attempt. Default 2. */
  readonly multiplier?: number;
}

/** Receives the connection's log lines (retry attempts, driver warnings); they never contain a password. */
export type ConnectionLogger = (level: 'info' | 'warning' | 'error', message: string) => void;

/** Options for one connection. Everything in `clientOptions` goes to the driver untouched. */
export interface ConnectionOptions {
  /** Name of this connection; errors and logs use it. Default `'default'` (in a registry: the alias). */
  readonly alias?: string;
  /** `host` or `host:port` entries, or one comma-separated string. */
  readonly contactPoints: readonly string[] | string;
  /** Native protocol port for contact points without one. Default 9042. */
  readonly port?: number;
  /** Data center of the load-balancing policy. Default `'datacenter1'`. */
  readonly localDataCenter?: string;
  /** Keyspace statements run in when they name none (required in a registry). */
  readonly keyspace?: string;
  /** Keyspace the test kit uses. Default `test_<keyspace>`. */
  readonly testKeyspace?: string;
  /** Plain-text credentials (PasswordAuthenticator). */
  readonly username?: string;
  /** The password of `username`; no error or log message ever contains it. */
  readonly password?: string;
  /** A custom driver auth provider; used instead of username/password. */
  readonly authProvider?: cassandra.auth.AuthProvider;
  /**
   * Client-to-node encryption: the CA to trust and, for nodes that require one, the client certificate
   * and key (PEM text or file paths). The node's certificate and name are checked. `true`: TLS with
   * Node's built-in CAs.
   */
  readonly tls?: boolean | TlsOptions;
  /** Replication of the keyspace when schema sync creates it. Default SimpleStrategy, factor 1. */
  readonly replication?: Replication | { readonly class: 'SimpleStrategy' };
  /** `durable_writes` of the keyspace. Default true. */
  readonly durableWrites?: boolean;
  /** Default consistency by name ('LOCAL_QUORUM'); shorthand for `queryDefaults.consistency`. */
  readonly consistency?: Consistency;
  /** Retry the first connect with backoff until a deadline (`true` = defaults). Default off. */
  readonly retryConnect?: boolean | RetryConnectOptions;
  /** `true` (default): connect on the first statement; `false`: `ConnectionRegistry.open()` connects at once. */
  readonly lazyConnect?: boolean;
  /** Session defaults for every statement: timeout, fetch size, consistencies, any driver query option. */
  readonly queryDefaults?: QueryDefaultsOptions;
  /** Any other driver ClientOptions (pooling, socketOptions, sslOptions, policies, ...), passed through untouched. */
  readonly clientOptions?: Partial<cassandra.ClientOptions>;
  /**
   * Requests beyond what the driver's pool takes wait here instead of failing. Default: `maxInFlight`
   * from `clientOptions.pooling` (one host's core connections × maxRequestsPerConnection less a
   * sixteenth, at most 32, for the driver's own queries: 2016 with the driver's defaults),
   * `maxQueued` 100000, `queueTimeoutMs` 30000.
   */
  readonly requestQueue?: RequestQueueOptions;
  /** Where log lines go. Default: nowhere. */
  readonly logger?: ConnectionLogger;
  /**
   * Telemetry: a hook that sees every statement, a slow-query threshold logged through `logger`, and
   * switches for OpenTelemetry spans and metrics (on by default when @opentelemetry/api is installed
   * and a provider is registered). Types in `cassandra-orm/observability`.
   */
  readonly observe?: ObserveOptions;
}

/** Validated retry-connect settings. */
export interface RetryConnectSettings {
  readonly deadlineMs: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly multiplier: number;
}

/** Validated, frozen settings of one connection. The password is a Secret (prints as `[secret]`). */
export interface ResolvedConnectionSettings {
  readonly alias: string;
  readonly contactPoints: readonly string[];
  readonly port: number;
  readonly localDataCenter: string;
  readonly keyspace: string | undefined;
  readonly testKeyspace: string | undefined;
  readonly username: string | undefined;
  readonly password: Secret | undefined;
  readonly authProvider: cassandra.auth.AuthProvider | undefined;
  readonly tls: ResolvedTls | undefined;
  readonly replication: Replication;
  readonly durableWrites: boolean;
  readonly retryConnect: RetryConnectSettings | undefined;
  readonly lazyConnect: boolean;
  readonly queryDefaults: ResolvedQueryDefaults;
  readonly clientOptions: Readonly<Partial<cassandra.ClientOptions>>;
  readonly requestQueue: RequestQueueLimits;
  readonly logger: ConnectionLogger | undefined;
  readonly observe: ObserveSettings;
}

/** Every key of ConnectionOptions. */
export const CONNECTION_OPTION_KEYS = [
  'alias', 'contactPoints', 'port', 'localDataCenter', 'keyspace', 'testKeyspace', 'username', 'password',
  'authProvider', 'tls', 'replication', 'durableWrites', 'consistency', 'retryConnect', 'lazyConnect', 'queryDefaults',
  'clientOptions', 'requestQueue', 'logger', 'observe',
] as const;

/** cassandra-driver 4.10 ClientOptions keys that `clientOptions` may carry. */
export const DRIVER_CLIENT_OPTION_KEYS = [
  'cloud', 'encoding', 'isMetadataSyncEnabled', 'maxPrepared', 'metrics', 'policies', 'pooling', 'prepareOnAllHosts',
  'profiles', 'protocolOptions', 'promiseFactory', 'queryOptions', 'refreshSchemaDelay', 'rePrepareOnUp',
  'requestTracker', 'socketOptions', 'sslOptions', 'id', 'applicationName', 'applicationVersion', 'monitorReporting',
] as const;

/** ClientOptions keys that have a first-class setting here: using both would be ambiguous. */
const OWNED_CLIENT_KEYS: Readonly<Record<string, string>> = {
  contactPoints: 'contactPoints', localDataCenter: 'localDataCenter', keyspace: 'keyspace',
  authProvider: 'authProvider', credentials: 'username/password',
};

const KEYSPACE = /^[A-Za-z0-9_]{1,48}$/;

/** A valid keyspace name (letters, digits, underscores; 1 to 48 characters). */
export function keyspaceName(value: unknown, path: string): string {
  const name = expectString(value, path);
  if (!KEYSPACE.test(name)) {
    throw new ConfigError(`'${name}' is not a valid keyspace name (letters, digits, underscores; 1 to 48 characters)`, path);
  }
  return name;
}

/** Splits a list or a comma-separated string of contact points. */
export function parseContactPoints(value: unknown, path: string): readonly string[] {
  let list: unknown[];
  if (typeof value === 'string') list = value.split(',');
  else if (Array.isArray(value)) list = value;
  else throw ConfigError.wrongType(path, 'a list of hosts or a comma-separated string', value);
  const points = list.map((p, i) => {
    if (typeof p !== 'string') throw ConfigError.wrongType(`${path}[${i}]`, 'a string', p);
    return p.trim();
  }).filter((p) => p.length > 0);
  if (points.length === 0) throw new ConfigError('needs at least one host', path);
  return Object.freeze(points);
}

/** Validates retry-connect settings; `true` gives the defaults, `false` turns it off. */
export function parseRetryConnect(value: unknown, path: string): RetryConnectSettings | undefined {
  if (typeof value === 'boolean') return value ? parseRetryConnect({}, path) : undefined;
  if (!isPlainObject(value)) throw ConfigError.wrongType(path, 'a boolean or { deadlineMs, initialDelayMs, maxDelayMs, multiplier }', value);
  const obj = expectObject(value, path, ['deadlineMs', 'initialDelayMs', 'maxDelayMs', 'multiplier']);
  const num = (key: string, fallback: number): number =>
    obj[key] === undefined ? fallback : expectPositiveNumber(obj[key], `${path}.${key}`);
  const settings = {
    deadlineMs: num('deadlineMs', 30_000),
    initialDelayMs: num('initialDelayMs', 200),
    maxDelayMs: num('maxDelayMs', 5_000),
    multiplier: num('multiplier', 2),
  };
  if (settings.multiplier < 1) throw new ConfigError(`must be at least 1, got ${settings.multiplier}`, `${path}.multiplier`);
  return Object.freeze(settings);
}

function parseClientOptions(value: unknown, path: string): Readonly<Partial<cassandra.ClientOptions>> {
  if (!isPlainObject(value)) throw ConfigError.wrongType(path, 'an object of cassandra-driver ClientOptions', value);
  for (const key of Object.keys(value)) {
    const owner = OWNED_CLIENT_KEYS[key];
    if (owner !== undefined) throw new ConfigError(`set it with the connection's '${owner}' setting instead`, `${path}.${key}`);
    if (!(DRIVER_CLIENT_OPTION_KEYS as readonly string[]).includes(key)) throw ConfigError.unknownKey(`${path}.${key}`, DRIVER_CLIENT_OPTION_KEYS);
  }
  return Object.freeze({ ...value }) as Readonly<Partial<cassandra.ClientOptions>>;
}

function clientOptionsPort(client: unknown): number | undefined {
  const port = isPlainObject(client) && isPlainObject(client['protocolOptions']) ? client['protocolOptions']['port'] : undefined;
  return typeof port === 'number' ? port : undefined;
}

function parseAuthProvider(value: unknown, path: string): cassandra.auth.AuthProvider {
  const candidate = value as { newAuthenticator?: unknown } | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.newAuthenticator !== 'function') {
    throw ConfigError.wrongType(path, 'a cassandra-driver AuthProvider (an object with newAuthenticator())', value);
  }
  return value as cassandra.auth.AuthProvider;
}

/** What `resolveConnectionSettings` needs besides the options. */
export interface ResolveContext {
  /** Key path prefix errors start with, e.g. `connections.events`. */
  readonly path: string;
  /** The alias when the options come from a registry entry. */
  readonly alias?: string;
  /** A registry connection must name its keyspace. */
  readonly requireKeyspace?: boolean;
}

/** Validates one connection's options; throws ConfigError naming the key path and the problem. */
export function resolveConnectionSettings(options: unknown, ctx: ResolveContext): ResolvedConnectionSettings {
  const { path } = ctx;
  const o = expectObject(options, path, CONNECTION_OPTION_KEYS);
  const at = (key: string): string => `${path}.${key}`;
  const alias = o['alias'] !== undefined ? expectString(o['alias'], at('alias')) : ctx.alias ?? 'default';
  if (o['contactPoints'] === undefined) throw ConfigError.missing(at('contactPoints'), "the cluster's hosts, e.g. ['10.0.0.1', '10.0.0.2:9042']");
  const contactPoints = parseContactPoints(o['contactPoints'], at('contactPoints'));
  const keyspace = o['keyspace'] !== undefined ? keyspaceName(o['keyspace'], at('keyspace')) : undefined;
  if (keyspace === undefined && ctx.requireKeyspace === true) {
    throw ConfigError.missing(at('keyspace'), 'every named connection needs the keyspace it works in');
  }
  const testKeyspace =
    o['testKeyspace'] !== undefined ? keyspaceName(o['testKeyspace'], at('testKeyspace')) : keyspace !== undefined ? `test_${keyspace}` : undefined;
  if (testKeyspace !== undefined && testKeyspace.length > 48) {
    throw new ConfigError(`the default test keyspace '${testKeyspace}' is longer than 48 characters; set testKeyspace`, at('testKeyspace'));
  }
  const username = o['username'] !== undefined ? expectString(o['username'], at('username')) : undefined;
  if (o['password'] !== undefined && typeof o['password'] !== 'string') throw ConfigError.wrongType(at('password'), 'a string', o['password']);
  if (o['password'] !== undefined && username === undefined) throw ConfigError.missing(at('username'), 'a password was given without a user');
  const password = typeof o['password'] === 'string' ? new Secret(o['password']) : undefined;
  const queryDefaults = parseQueryDefaults(o['queryDefaults'] ?? {}, at('queryDefaults'));
  let defaults = queryDefaults;
  if (o['consistency'] !== undefined) {
    const consistency = parseConsistency(o['consistency'], at('consistency'));
    if (queryDefaults.consistency !== undefined && queryDefaults.consistency !== consistency) {
      throw new ConfigError('conflicts with queryDefaults.consistency; set only one', at('consistency'));
    }
    defaults = Object.freeze({ ...queryDefaults, consistency });
  }
  if (o['logger'] !== undefined && typeof o['logger'] !== 'function') throw ConfigError.wrongType(at('logger'), 'a function', o['logger']);
  const tls = o['tls'] !== undefined ? parseTls(o['tls'], at('tls')) : undefined;
  if (tls !== undefined && isPlainObject(o['clientOptions']) && o['clientOptions']['sslOptions'] !== undefined) {
    throw new ConfigError('conflicts with clientOptions.sslOptions; set only one (tls maps onto the driver\'s sslOptions)', at('tls'));
  }
  return Object.freeze({
    alias,
    contactPoints,
    port: o['port'] !== undefined ? expectInteger(o['port'], at('port'), 1, 65535) : clientOptionsPort(o['clientOptions']) ?? 9042,
    localDataCenter: o['localDataCenter'] !== undefined ? expectString(o['localDataCenter'], at('localDataCenter')) : 'datacenter1',
    keyspace,
    testKeyspace,
    username,
    password,
    authProvider: o['authProvider'] !== undefined ? parseAuthProvider(o['authProvider'], at('authProvider')) : undefined,
    tls,
    replication: o['replication'] !== undefined ? parseReplication(o['replication'], at('replication')) : DEFAULT_REPLICATION,
    durableWrites: o['durableWrites'] !== undefined ? expectBoolean(o['durableWrites'], at('durableWrites')) : true,
    retryConnect: o['retryConnect'] !== undefined ? parseRetryConnect(o['retryConnect'], at('retryConnect')) : undefined,
    lazyConnect: o['lazyConnect'] !== undefined ? expectBoolean(o['lazyConnect'], at('lazyConnect')) : true,
    queryDefaults: defaults,
    clientOptions: o['clientOptions'] !== undefined ? parseClientOptions(o['clientOptions'], at('clientOptions')) : Object.freeze({}),
    requestQueue: parseRequestQueue(o['requestQueue'], at('requestQueue'), o['clientOptions'], at('clientOptions')),
    logger: o['logger'] as ConnectionLogger | undefined,
    observe: parseObserve(o['observe'], at('observe')),
  });
}
