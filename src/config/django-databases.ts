// django-cassandra-engine's DATABASES setting, accepted as it is and turned into native ConnectionsConfig.
// Every value is validated here, so errors name the key as the user wrote it (DATABASES.events.OPTIONS...).
import type cassandra from 'cassandra-driver';
import { ConfigError } from '../errors.js';
import { expectBoolean, expectInteger, expectObject, expectPositiveNumber, expectString, isPlainObject } from '../connection/check.js';
import { parseConsistency, parseSerialConsistency } from '../connection/consistency.js';
import { DRIVER_CLIENT_OPTION_KEYS, keyspaceName, parseContactPoints, parseRetryConnect, type ConnectionOptions } from '../connection/connection-settings.js';
import { checkRequestQueue } from '../connection/request-queue.js';
import { resolveConnectionsConfig, type ConnectionsConfig } from './connections-config.js';
import { QUERY_DEFAULT_KEYS, parseQueryDefaults } from '../connection/query-defaults.js';
import { parseDjangoReplication } from '../connection/replication.js';
import { TLS_OPTION_KEYS, loadPem, type TlsOptions } from '../connection/tls-settings.js';

/** One alias of Django's DATABASES as django-cassandra-engine reads it. */
export interface DjangoDatabase {
  readonly ENGINE: string;
  readonly NAME?: string;
  readonly TEST_NAME?: string;
  readonly TEST?: { readonly NAME?: string };
  readonly USER?: string;
  readonly PASSWORD?: string;
  readonly HOST?: string | readonly string[];
  readonly PORT?: number | string;
  readonly OPTIONS?: {
    readonly replication?: Readonly<Record<string, unknown>>;
    readonly connection?: Readonly<Record<string, unknown>>;
    readonly session?: Readonly<Record<string, unknown>>;
  };
  readonly [other: string]: unknown;
}

/** Django's DATABASES: aliases of any engine; only django_cassandra_engine ones are read. */
export type DjangoDatabases = Readonly<Record<string, DjangoDatabase | Readonly<Record<string, unknown>>>>;

const ENGINE = 'django_cassandra_engine';
const ALIAS_KEYS = ['ENGINE', 'NAME', 'TEST_NAME', 'TEST', 'USER', 'PASSWORD', 'HOST', 'PORT', 'OPTIONS',
  // Django's generic keys: meaningless for Cassandra, accepted so a real settings file passes as is.
  'TIME_ZONE', 'CONN_MAX_AGE', 'CONN_HEALTH_CHECKS', 'ATOMIC_REQUESTS', 'AUTOCOMMIT'];
const PY_CONNECTION_KEYS = ['consistency', 'retry_connect', 'lazy_connect', 'port', 'auth_provider', 'local_dc',
  'protocol_version', 'ssl_options', 'ssl_context', 'connect_timeout', 'idle_heartbeat_interval',
  'load_balancing_policy', 'default_retry_policy', 'reconnection_policy'];
const NATIVE_CONNECTION_KEYS = ['retryConnect', 'lazyConnect', 'requestQueue', 'localDataCenter', 'authProvider', 'observe', 'logger', ...DRIVER_CLIENT_OPTION_KEYS];
const PY_SESSION_KEYS = ['default_timeout', 'default_fetch_size', 'default_consistency_level', 'default_serial_consistency_level'];

/** Is this alias handled by django-cassandra-engine (`django_cassandra_engine` or a submodule)? */
export function isCassandraEngine(engine: unknown): boolean {
  return typeof engine === 'string' && (engine === ENGINE || engine.startsWith(`${ENGINE}.`));
}

type Mutable<T> = { -readonly [K in keyof T]?: T[K] };

function nested(target: Record<string, unknown>, key: string, patch: Record<string, unknown>): void {
  const current = target[key];
  target[key] = { ...(isPlainObject(current) ? current : {}), ...patch };
}

function connectionOptions(value: unknown, path: string, out: Mutable<ConnectionOptions>): void {
  const conn = expectObject(value, path, [...PY_CONNECTION_KEYS, 'consistency', ...NATIVE_CONNECTION_KEYS]);
  const at = (k: string): string => `${path}.${k}`;
  const client: Record<string, unknown> = {};
  for (const key of DRIVER_CLIENT_OPTION_KEYS) if (conn[key] !== undefined) client[key] = conn[key];
  if (conn['consistency'] !== undefined) out.consistency = parseConsistency(conn['consistency'], at('consistency'));
  const retry = conn['retry_connect'] ?? conn['retryConnect'];
  if (retry !== undefined) out.retryConnect = parseRetryConnect(retry, at(conn['retry_connect'] !== undefined ? 'retry_connect' : 'retryConnect')) ?? false;
  const lazy = conn['lazy_connect'] ?? conn['lazyConnect'];
  if (lazy !== undefined) out.lazyConnect = expectBoolean(lazy, at(conn['lazy_connect'] !== undefined ? 'lazy_connect' : 'lazyConnect'));
  // Checked here so errors name the DATABASES key; the native settings fill in the defaults.
  if (conn['requestQueue'] !== undefined) out.requestQueue = checkRequestQueue(conn['requestQueue'], at('requestQueue'));
  if (conn['port'] !== undefined) out.port = expectInteger(conn['port'], at('port'), 1, 65535);
  const dc = conn['local_dc'] ?? conn['localDataCenter'];
  if (dc !== undefined) out.localDataCenter = expectString(dc, at(conn['local_dc'] !== undefined ? 'local_dc' : 'localDataCenter'));
  // Passed on as they are; the native settings validate them (errors name connections.<alias>.observe).
  if (conn['observe'] !== undefined) out.observe = conn['observe'] as NonNullable<ConnectionOptions['observe']>;
  if (conn['logger'] !== undefined) out.logger = conn['logger'] as NonNullable<ConnectionOptions['logger']>;
  const auth = conn['auth_provider'] ?? conn['authProvider'];
  if (auth !== undefined) out.authProvider = auth as cassandra.auth.AuthProvider;
  if (conn['protocol_version'] !== undefined) nested(client, 'protocolOptions', { maxVersion: expectInteger(conn['protocol_version'], at('protocol_version'), 1, 0x42) });
  if (conn['ssl_options'] !== undefined) out.tls = sslOptions(conn['ssl_options'], at('ssl_options'));
  // A Python SSLContext has no JavaScript form: an object here is handed to the driver as its sslOptions.
  if (conn['ssl_context'] !== undefined) client['sslOptions'] = expectObject(conn['ssl_context'], at('ssl_context'));
  if (conn['connect_timeout'] !== undefined) {
    nested(client, 'socketOptions', { connectTimeout: Math.round(expectPositiveNumber(conn['connect_timeout'], at('connect_timeout')) * 1000) });
  }
  if (conn['idle_heartbeat_interval'] !== undefined) {
    nested(client, 'pooling', { heartBeatInterval: Math.round(expectPositiveNumber(conn['idle_heartbeat_interval'], at('idle_heartbeat_interval')) * 1000) });
  }
  const policies: Record<string, unknown> = {};
  if (conn['load_balancing_policy'] !== undefined) policies['loadBalancing'] = conn['load_balancing_policy'];
  if (conn['default_retry_policy'] !== undefined) policies['retry'] = conn['default_retry_policy'];
  if (conn['reconnection_policy'] !== undefined) policies['reconnection'] = conn['reconnection_policy'];
  if (Object.keys(policies).length > 0) nested(client, 'policies', policies);
  if (Object.keys(client).length > 0) out.clientOptions = client;
}

/** Python ssl_options keys (as the Python driver hands them to `ssl.wrap_socket`) and what they become in `tls`. */
const PY_SSL_KEYS = { ca_certs: 'ca', certfile: 'cert', keyfile: 'key', check_hostname: 'checkHostname', server_hostname: 'servername', ciphers: 'ciphers' } as const;

/** Python's `ssl.CERT_*` values of `cert_reqs`, by number or name: does the client check the node's certificate? */
function certReqs(value: unknown, path: string): boolean {
  if (value === 0 || value === 'CERT_NONE') return false;
  if (value === 1 || value === 2 || value === 'CERT_OPTIONAL' || value === 'CERT_REQUIRED') return true;
  throw ConfigError.wrongType(path, "ssl.CERT_NONE (0), CERT_OPTIONAL (1) or CERT_REQUIRED (2), by number or name", value);
}

/**
 * `OPTIONS.connection.ssl_options`: the Python keys django-cassandra-engine users write (`ca_certs`,
 * `certfile`, `keyfile` as file paths, `cert_reqs`, `check_hostname`, `server_hostname`, `ciphers`) or
 * this library's `tls` keys, as the `tls` setting. Files are read here, so errors name the key written.
 */
function sslOptions(value: unknown, path: string): TlsOptions {
  const ssl = expectObject(value, path, [...Object.keys(PY_SSL_KEYS), 'cert_reqs', 'ssl_version', ...TLS_OPTION_KEYS]);
  const at = (k: string): string => `${path}.${k}`;
  if (ssl['ssl_version'] !== undefined) {
    throw new ConfigError("Python's protocol constants have no meaning here; Node negotiates TLS 1.2 or 1.3. Set minVersion: 'TLSv1.2' or 'TLSv1.3' to require one", at('ssl_version'));
  }
  const tls: Record<string, unknown> = {};
  for (const key of TLS_OPTION_KEYS) if (ssl[key] !== undefined) tls[key] = ssl[key];
  for (const [py, native] of Object.entries(PY_SSL_KEYS)) {
    if (ssl[py] === undefined) continue;
    if (ssl[native] !== undefined) throw new ConfigError(`conflicts with ${native}; set only one`, at(py));
    tls[native] = ssl[py];
  }
  // PEM files are read here, so that an error names the key as written (ca_certs or ca).
  for (const [key, py] of [['ca', 'ca_certs'], ['cert', 'certfile'], ['key', 'keyfile']] as const) {
    const v = tls[key];
    if (v === undefined) continue;
    const written = at(ssl[key] !== undefined ? key : py);
    tls[key] = Array.isArray(v) ? v.map((x: unknown, i) => loadPem(x, `${written}[${i}]`, key === 'key')) : loadPem(v, written, key === 'key');
  }
  if (ssl['check_hostname'] !== undefined) expectBoolean(ssl['check_hostname'], at('check_hostname'));
  if (ssl['cert_reqs'] !== undefined) {
    if (ssl['rejectUnauthorized'] !== undefined) throw new ConfigError('conflicts with rejectUnauthorized; set only one', at('cert_reqs'));
    tls['rejectUnauthorized'] = certReqs(ssl['cert_reqs'], at('cert_reqs'));
  }
  return tls as TlsOptions;
}

function sessionOptions(value: unknown, path: string, out: Mutable<ConnectionOptions>): void {
  const session = expectObject(value, path, [...PY_SESSION_KEYS, ...QUERY_DEFAULT_KEYS]);
  const at = (k: string): string => `${path}.${k}`;
  const defaults: Record<string, unknown> = {};
  for (const key of QUERY_DEFAULT_KEYS) if (session[key] !== undefined) defaults[key] = session[key];
  parseQueryDefaults(defaults, path);
  if (session['default_timeout'] !== undefined) {
    defaults['readTimeout'] = Math.round(expectPositiveNumber(session['default_timeout'], at('default_timeout')) * 1000);
  }
  if (session['default_fetch_size'] !== undefined) defaults['fetchSize'] = expectInteger(session['default_fetch_size'], at('default_fetch_size'), 1);
  if (session['default_consistency_level'] !== undefined) {
    defaults['consistency'] = parseConsistency(session['default_consistency_level'], at('default_consistency_level'));
  }
  if (session['default_serial_consistency_level'] !== undefined) {
    defaults['serialConsistency'] = parseSerialConsistency(session['default_serial_consistency_level'], at('default_serial_consistency_level'));
  }
  if (out.consistency !== undefined && defaults['consistency'] !== undefined && defaults['consistency'] !== out.consistency) {
    throw new ConfigError('conflicts with OPTIONS.connection.consistency; set only one', at('default_consistency_level'));
  }
  out.queryDefaults = defaults;
}

function cassandraAlias(alias: string, value: Readonly<Record<string, unknown>>, root: string): Omit<ConnectionOptions, 'alias'> {
  const path = `${root}.${alias}`;
  const db = expectObject(value, path, ALIAS_KEYS);
  const at = (k: string): string => `${path}.${k}`;
  if (db['NAME'] === undefined) throw ConfigError.missing(at('NAME'), 'the keyspace of this connection');
  if (db['HOST'] === undefined) throw ConfigError.missing(at('HOST'), "contact points, e.g. '10.0.0.1,10.0.0.2'");
  const out: Mutable<ConnectionOptions> = {
    keyspace: keyspaceName(db['NAME'], at('NAME')),
    contactPoints: parseContactPoints(db['HOST'], at('HOST')),
    lazyConnect: false, // django-cassandra-engine connects at startup unless lazy_connect is set
  };
  const test = db['TEST'] !== undefined ? expectObject(db['TEST'], at('TEST'), ['NAME', 'CHARSET', 'COLLATION', 'MIRROR', 'DEPENDENCIES', 'CREATE_DB', 'SERIALIZE', 'MIGRATE']) : undefined;
  if (db['TEST_NAME'] !== undefined) out.testKeyspace = keyspaceName(db['TEST_NAME'], at('TEST_NAME'));
  else if (test?.['NAME'] !== undefined) out.testKeyspace = keyspaceName(test['NAME'], at('TEST.NAME'));
  if (db['USER'] !== undefined && db['USER'] !== '') out.username = expectString(db['USER'], at('USER'));
  if (db['PASSWORD'] !== undefined && db['PASSWORD'] !== '') {
    if (typeof db['PASSWORD'] !== 'string') throw ConfigError.wrongType(at('PASSWORD'), 'a string', db['PASSWORD']);
    if (out.username === undefined) throw ConfigError.missing(at('USER'), 'PASSWORD is set but USER is not');
    out.password = db['PASSWORD'];
  }
  if (db['PORT'] !== undefined && db['PORT'] !== '') {
    const port = typeof db['PORT'] === 'string' && /^\d+$/.test(db['PORT']) ? Number(db['PORT']) : db['PORT'];
    out.port = expectInteger(port, at('PORT'), 1, 65535);
  }
  const options = db['OPTIONS'] !== undefined ? expectObject(db['OPTIONS'], at('OPTIONS'), ['replication', 'connection', 'session']) : {};
  if (options['replication'] !== undefined) {
    const replication = parseDjangoReplication(options['replication'], at('OPTIONS.replication'));
    out.replication = replication.class === 'SimpleStrategy'
      ? { class: replication.class, replicationFactor: replication.replicationFactor }
      : { class: replication.class, dataCenters: replication.dataCenters };
  }
  if (options['connection'] !== undefined) connectionOptions(options['connection'], at('OPTIONS.connection'), out);
  if (options['session'] !== undefined) sessionOptions(options['session'], at('OPTIONS.session'), out);
  return out as Omit<ConnectionOptions, 'alias'>;
}

/**
 * Reads django-cassandra-engine's `DATABASES` as it is and returns native ConnectionsConfig for
 * `new ConnectionRegistry(...)`. Aliases of other engines are ignored; the input is never mutated.
 */
export function fromDjangoDatabases(databases: DjangoDatabases, options: { readonly default?: string } = {}): ConnectionsConfig {
  const root = 'DATABASES';
  const all = expectObject(databases, root);
  const connections: Record<string, Omit<ConnectionOptions, 'alias'>> = {};
  for (const [alias, value] of Object.entries(all)) {
    const db = expectObject(value, `${root}.${alias}`);
    if (db['ENGINE'] === undefined) throw ConfigError.missing(`${root}.${alias}.ENGINE`, `the database engine, e.g. '${ENGINE}'`);
    if (typeof db['ENGINE'] !== 'string') throw ConfigError.wrongType(`${root}.${alias}.ENGINE`, 'a string', db['ENGINE']);
    if (isCassandraEngine(db['ENGINE'])) connections[alias] = cassandraAlias(alias, db, root);
  }
  const aliases = Object.keys(connections);
  if (aliases.length === 0) throw new ConfigError(`no alias uses ENGINE '${ENGINE}'`, root);
  let chosen = options.default;
  if (chosen !== undefined && !(chosen in connections)) {
    throw new ConfigError(`'${chosen}' is not a ${ENGINE} alias (found: ${aliases.join(', ')})`, `${root}(default)`);
  }
  if (chosen === undefined && 'default' in connections) chosen = 'default';
  if (chosen === undefined && aliases.length === 1) chosen = aliases[0];
  if (chosen === undefined) {
    throw ConfigError.missing(`${root}(default)`, `several Cassandra aliases (${aliases.join(', ')}): pass { default: '<alias>' }`);
  }
  const config: ConnectionsConfig = { default: chosen, connections };
  resolveConnectionsConfig(config, root);
  return config;
}
