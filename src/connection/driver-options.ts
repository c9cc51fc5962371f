// Resolved settings → cassandra-driver ClientOptions and QueryOptions (consistency names → protocol codes).
import cassandra from 'cassandra-driver';
import type { ResolvedConnectionSettings } from './connection-settings.js';
import type { ConsistencyName } from './consistency.js';
import type { ResolvedQueryDefaults } from './query-defaults.js';
import { ConfigError } from '../errors.js';
import { Secret } from './secret.js';
import { CountingRetryPolicy } from './retry-counting.js';

const CODES: Readonly<Record<ConsistencyName, number>> = {
  ANY: cassandra.types.consistencies.any,
  ONE: cassandra.types.consistencies.one,
  TWO: cassandra.types.consistencies.two,
  THREE: cassandra.types.consistencies.three,
  QUORUM: cassandra.types.consistencies.quorum,
  ALL: cassandra.types.consistencies.all,
  LOCAL_QUORUM: cassandra.types.consistencies.localQuorum,
  EACH_QUORUM: cassandra.types.consistencies.eachQuorum,
  SERIAL: cassandra.types.consistencies.serial,
  LOCAL_SERIAL: cassandra.types.consistencies.localSerial,
  LOCAL_ONE: cassandra.types.consistencies.localOne,
};

// The typings declare AuthProvider as an interface; at run time it is the class the driver checks with instanceof.
const { AuthProvider } = cassandra.auth as unknown as { AuthProvider: new () => cassandra.auth.AuthProvider };

/**
 * Plain-text authentication that keeps the password in a Secret: the driver's own PlainTextAuthProvider
 * stores it in a public field, where `console.log(client)` would print it.
 */
export class SecretPlainTextAuthProvider extends AuthProvider {
  constructor(
    readonly username: string,
    private readonly password: Secret,
  ) {
    super();
  }

  override newAuthenticator(endpoint: string, name: string): cassandra.auth.Authenticator {
    return new cassandra.auth.PlainTextAuthProvider(this.username, this.password.reveal()).newAuthenticator(endpoint, name);
  }
}

/** The driver's protocol code of a consistency level name. */
export function consistencyCode(name: ConsistencyName): number {
  return CODES[name];
}

/** The name of a driver consistency code (for logs and execution info). */
export function consistencyName(code: number): ConsistencyName | undefined {
  return (Object.keys(CODES) as ConsistencyName[]).find((name) => CODES[name] === code);
}

/** Query defaults as driver QueryOptions. */
export function driverQueryOptions(defaults: ResolvedQueryDefaults): cassandra.QueryOptions {
  const { consistency, serialConsistency, ...rest } = defaults;
  return {
    ...rest,
    ...(consistency !== undefined ? { consistency: consistencyCode(consistency) } : {}),
    ...(serialConsistency !== undefined ? { serialConsistency: consistencyCode(serialConsistency) } : {}),
  };
}

/**
 * Prepared statements a driver client keeps before evicting the oldest, unless `clientOptions.maxPrepared`
 * says otherwise. The driver's own default (500) is too few once one pool serves many keyspaces: each
 * keyspace has its own statement texts (qualified names), so 200 keyspaces × 10 shapes are 2,000.
 * An evicted statement is prepared again on its next use: one more round trip, no error.
 */
export const DEFAULT_MAX_PREPARED = 5000;

/** ClientOptions of the driver client for `keyspace` (the connection's own or one switched to). */
export function driverClientOptions(settings: ResolvedConnectionSettings, keyspace: string | undefined): cassandra.ClientOptions {
  const client = settings.clientOptions;
  const authProvider =
    settings.authProvider ??
    (settings.username !== undefined
      ? new SecretPlainTextAuthProvider(settings.username, settings.password ?? new Secret(''))
      : undefined);
  return {
    maxPrepared: DEFAULT_MAX_PREPARED,
    ...client,
    contactPoints: [...settings.contactPoints],
    localDataCenter: settings.localDataCenter,
    ...(keyspace !== undefined ? { keyspace } : {}),
    ...(authProvider !== undefined ? { authProvider } : {}),
    protocolOptions: { ...client.protocolOptions, port: settings.port },
    queryOptions: { ...client.queryOptions, ...driverQueryOptions(settings.queryDefaults) },
    // The configured retry policy (or the driver's default), its decisions counted for query events.
    policies: { ...client.policies, retry: new CountingRetryPolicy(client.policies?.retry ?? cassandra.policies.defaultRetryPolicy()) },
    // Lossless by default: 64-bit and varint integers as bigint, CQL maps and sets as Map and Set (the
    // driver's default object/array forms stringify map keys and cannot carry timestamp, blob or tuple keys).
    encoding: { useBigIntAsLong: true, useBigIntAsVarint: true, map: Map, set: Set, ...client.encoding },
  };
}

/** Checks what only the driver can tell (a custom auth provider must extend its AuthProvider class). */
export function checkDriverSettings(settings: ResolvedConnectionSettings, path: string): void {
  if (settings.authProvider !== undefined && !(settings.authProvider instanceof AuthProvider)) {
    throw ConfigError.wrongType(`${path}.authProvider`, 'an instance of a cassandra-driver auth.AuthProvider subclass', settings.authProvider);
  }
}
