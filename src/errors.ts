// Every error the library throws. One module, classes with named constructors, always a `cause`
// where there is one, the CQL for execution errors, and never a password or a bound value.

/** Base class of every error cassandra-orm throws. */
export class MapperError extends Error {
  override name = 'MapperError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Configuration that cannot work: names the key, what is wrong and how to fix it. */
export class ConfigError extends MapperError {
  override name = 'ConfigError';
  constructor(
    message: string,
    /** Dotted path of the offending key, e.g. `DATABASES.cassandra.OPTIONS.connection.consistency`. */
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    super(`${key}: ${message}`, options);
  }

  static unknownKey(key: string, allowed: readonly string[]): ConfigError {
    return new ConfigError(`unknown key (allowed: ${allowed.join(', ')})`, key);
  }

  static wrongType(key: string, expected: string, actual: unknown): ConfigError {
    const got = actual === null ? 'null' : Array.isArray(actual) ? 'an array' : typeof actual;
    return new ConfigError(`expected ${expected}, got ${got}`, key);
  }

  static missing(key: string, hint: string): ConfigError {
    return new ConfigError(`is required: ${hint}`, key);
  }
}

/** The cluster could not be reached (after any configured retries). */
export class ConnectionError extends MapperError {
  override name = 'ConnectionError';

  static unreachable(alias: string, contactPoints: readonly string[], cause: unknown, hint?: string): ConnectionError {
    return new ConnectionError(
      `Connection '${alias}': no Cassandra node answered at ${contactPoints.join(', ')} ` +
        `(${causeMessage(cause)}). Check the contact points, the port and that the node is up${hint === undefined ? '' : `; ${hint}`}.`,
      { cause },
    );
  }
}

/** What to do when system_auth cannot be read: the fix named by the auth errors it causes. */
const RAISE_SYSTEM_AUTH =
  "system_auth has too few live replicas (a fresh cluster keeps one copy; the default superuser 'cassandra' is read at QUORUM, other roles at LOCAL_ONE). " +
  "Bring the down nodes back, and raise its replication so one node loss cannot break logins: ALTER KEYSPACE system_auth WITH replication = " +
  "{'class': 'NetworkTopologyStrategy', '<dc>': 3, ...} (3 per data centre, or as many nodes as it has), then nodetool repair system_auth";

/** True for the server's answer when it could not read system_auth (not a verdict on the credentials or permissions). */
export function isAuthUnavailable(serverMessage: string): boolean {
  return /^Unable to perform (?:authentication|authorization)/i.test(serverMessage.trim());
}

/**
 * The cluster rejected the credentials, or could not check them because system_auth was unavailable
 * (`systemAuthUnavailable`). The message names the user and the server's reason, never the password.
 */
export class AuthenticationError extends ConnectionError {
  override name = 'AuthenticationError';
  constructor(
    message: string,
    options?: { cause?: unknown },
    /** True when the server could not read system_auth: the credentials were not checked, and may be right. */
    readonly systemAuthUnavailable = false,
  ) {
    super(message, options);
  }

  static rejected(alias: string, username: string | undefined, cause: unknown, serverMessage?: string): AuthenticationError {
    const who = username === undefined ? 'the configured auth provider' : `user '${username}'`;
    return new AuthenticationError(
      `Connection '${alias}': authentication failed for ${who}${serverMessage === undefined ? '' : ` (server: ${serverMessage})`}. ` +
        `Check USER/PASSWORD (or the auth provider) for this connection.`,
      { cause },
    );
  }

  /** The server could not read the role from system_auth (its replicas are down): says so, with the server's reason and the fix. */
  static authUnavailable(alias: string, username: string | undefined, serverMessage: string, cause: unknown): AuthenticationError {
    const who = username === undefined ? 'the configured auth provider' : `user '${username}'`;
    return new AuthenticationError(
      `Connection '${alias}': the cluster could not check the credentials of ${who}, because it could not read system_auth ` +
        `(server: ${serverMessage}). The credentials were not rejected. ${RAISE_SYSTEM_AUTH}.`,
      { cause },
      true,
    );
  }

  static credentialsRequired(alias: string, cause: unknown): AuthenticationError {
    return new AuthenticationError(
      `Connection '${alias}': the cluster requires authentication, but no credentials are configured. ` +
        `Set USER and PASSWORD (or an authProvider) for this connection.`,
      { cause },
    );
  }
}

/** What went wrong in a TLS handshake with a node, as `TlsError.reason`. */
export type TlsFailureReason =
  | 'untrusted-certificate'
  | 'hostname-mismatch'
  | 'client-certificate-required'
  | 'client-certificate-rejected'
  | 'handshake';

const TLS_UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID',
  'CERT_REVOKED', 'CERT_REJECTED', 'INVALID_CA', 'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
]);
const TLS_CLIENT_CERT_REQUIRED = new Set(['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED']);
const TLS_CLIENT_CERT_REJECTED = new Set([
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN',
  'ERR_SSL_TLSV1_ALERT_ACCESS_DENIED', 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED',
]);

/** The TLS failure reason of a Node or OpenSSL error code; undefined when the code is not a TLS one. */
export function tlsFailureReason(code: string): TlsFailureReason | undefined {
  if (TLS_UNTRUSTED.has(code)) return 'untrusted-certificate';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'hostname-mismatch';
  if (TLS_CLIENT_CERT_REQUIRED.has(code)) return 'client-certificate-required';
  if (TLS_CLIENT_CERT_REJECTED.has(code)) return 'client-certificate-rejected';
  // ERR_OSSL_*: this side's own material could not be used (a key that does not match its certificate, a bad PEM).
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code.startsWith('ERR_OSSL_') || code === 'EPROTO') return 'handshake';
  return undefined;
}

const TLS_FIX: Readonly<Record<TlsFailureReason, string>> = {
  'untrusted-certificate':
    "The node's certificate is not signed by a CA this connection trusts: set tls.ca (ssl_options.ca_certs in DATABASES) to the CA certificate that signed the nodes' certificates, as PEM text or a file path",
  'hostname-mismatch':
    "The node's certificate does not name the host connected to: use the addresses or names its subjectAltName lists as contact points, or set tls.servername (ssl_options.server_hostname) to the name it carries",
  'client-certificate-required':
    'The node requires a client certificate (client_encryption_options.require_client_auth): set tls.cert and tls.key (ssl_options.certfile and keyfile) to a certificate signed by a CA in the node\'s truststore',
  'client-certificate-rejected':
    "The node refused this connection's client certificate: it must be signed by a CA in the node's truststore, and be valid now",
  handshake:
    'Check that the node has client encryption enabled on this port (client_encryption_options.enabled) and that the TLS versions and ciphers of both sides overlap',
};

/**
 * A TLS handshake with a node failed: its certificate is not trusted, does not name the host, the node
 * requires (or refused) a client certificate, or the handshake itself failed. The message has the
 * OpenSSL or Node reason and what to change; `code` is that error's code.
 */
export class TlsError extends ConnectionError {
  override name = 'TlsError';
  constructor(
    message: string,
    /** What failed: the node's certificate, its name, the client certificate, or the handshake itself. */
    readonly reason: TlsFailureReason,
    /** The Node or OpenSSL code, e.g. SELF_SIGNED_CERT_IN_CHAIN or ERR_TLS_CERT_ALTNAME_INVALID. */
    readonly code: string,
    /** `address:port` of the node whose handshake failed. */
    readonly host: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** From the Node TLS error `tlsError` of host `host` (a connect attempt's inner error); `cause` is the driver's error. */
  static handshake(alias: string, host: string, tlsError: Error & { code: string }, cause: unknown, sentClientCertificate = false): TlsError {
    // Cassandra's OpenSSL engine answers a client certificate its truststore does not trust with an
    // internal_error alert (its log: "SSLHandshakeException: General OpenSslEngine problem").
    const refusedCertificate = sentClientCertificate && tlsError.code === 'ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR';
    const reason = refusedCertificate ? 'client-certificate-rejected' : tlsFailureReason(tlsError.code) ?? 'handshake';
    const what = (tlsError.message.split('\n')[0] ?? '').replace(/^[0-9A-F]+:error:[0-9A-F]+:SSL routines:[^:]*:/, '').replace(/:\.\.\/deps\/openssl.*$/, '').trim();
    let fix = TLS_FIX[reason];
    if (tlsError.code.startsWith('ERR_OSSL_')) {
      fix = "This connection's own TLS material could not be used (a key that does not match its certificate, a wrong passphrase, a malformed PEM): check tls.cert, tls.key and tls.passphrase (ssl_options.certfile and keyfile)";
    }
    if (refusedCertificate) fix = `The node answered the client certificate with an internal_error alert, which is how Cassandra refuses one its truststore does not trust. ${fix}`;
    if (tlsError.code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
      fix = 'The node answered without TLS: it does not have client encryption enabled on this port. Remove tls (or ssl_options) for a node that takes plain connections, or enable client_encryption_options on it';
    }
    return new TlsError(`Connection '${alias}': TLS failure with ${host} (${reason}: ${what} [${tlsError.code}]). ${fix}.`, reason, tlsError.code, host, { cause });
  }
}

/** An error about one statement. Carries its CQL (never the bound values). */
export class StatementError extends MapperError {
  override name = 'StatementError';
  constructor(
    message: string,
    /** The CQL text of the statement. */
    readonly cql: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A statement failed on the cluster (the server or the network answered). */
export class QueryError extends StatementError {
  override name = 'QueryError';
}

/**
 * The driver refused a statement in this process (a bad argument, an unsupported feature): nothing
 * reached the server.
 */
export class DriverError extends StatementError {
  override name = 'DriverError';

  static refused(cql: string, cause: unknown): DriverError {
    return new DriverError(`The driver refused the statement before sending it: ${causeMessage(cause)} (in: ${cql})`, cql, { cause });
  }
}

/** The CQL is invalid: a syntax error, an unknown table or column, or a query Cassandra refuses. */
export class InvalidQueryError extends QueryError {
  override name = 'InvalidQueryError';
}

/** Not enough replicas were alive for the requested consistency level. */
export class UnavailableError extends QueryError {
  override name = 'UnavailableError';
}

/** The coordinator or the client gave up waiting. */
export class QueryTimeoutError extends QueryError {
  override name = 'QueryTimeoutError';
}

/**
 * The coordinator did not get enough replica acknowledgements of a write in time. The write may or may
 * not have been applied; `writeType` says what was written (SIMPLE, BATCH, BATCH_LOG, UNLOGGED_BATCH,
 * COUNTER, CAS, VIEW, CDC), which decides whether retrying is safe.
 */
export class WriteTimeoutError extends QueryTimeoutError {
  override name = 'WriteTimeoutError';
  constructor(
    message: string,
    cql: string,
    /** The server's write type; undefined when it sent none. */
    readonly writeType: string | undefined,
    /** Replicas that acknowledged, of `blockFor` needed. */
    readonly received: number | undefined,
    readonly blockFor: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, cql, options);
  }

  /** From the driver's write-timeout response (which carries writeType, received and blockFor). */
  static fromServer(message: string, cql: string, cause: unknown): WriteTimeoutError {
    const c = (cause ?? {}) as { writeType?: unknown; received?: unknown; blockFor?: unknown };
    const writeType = typeof c.writeType === 'string' ? c.writeType : undefined;
    const received = typeof c.received === 'number' ? c.received : undefined;
    const blockFor = typeof c.blockFor === 'number' ? c.blockFor : undefined;
    const acks = received !== undefined && blockFor !== undefined ? `, ${received} of ${blockFor} replicas acknowledged` : '';
    return new WriteTimeoutError(`Write timeout (write type ${writeType ?? 'unknown'}${acks}; the write may or may not be applied): ${message}`, cql, writeType, received, blockFor, { cause });
  }
}

/**
 * A replica answered the coordinator with an error instead of data (a read failure or a write failure,
 * e.g. a node still starting, or too many tombstones): `failures` replicas failed, `received` of
 * `blockFor` answered. A failed write may have been applied on some replicas.
 */
export class ReplicaFailureError extends QueryError {
  override name = 'ReplicaFailureError';
  constructor(
    message: string,
    cql: string,
    readonly operation: 'read' | 'write',
    readonly failures: number | undefined,
    readonly received: number | undefined,
    readonly blockFor: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, cql, options);
  }

  /** From the driver's read-failure or write-failure response. */
  static fromServer(operation: 'read' | 'write', message: string, cql: string, cause: unknown): ReplicaFailureError {
    const c = (cause ?? {}) as { failures?: unknown; received?: unknown; blockFor?: unknown };
    const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
    return new ReplicaFailureError(`Replica ${operation} failure: ${message}`, cql, operation, num(c.failures), num(c.received), num(c.blockFor), { cause });
  }
}

/**
 * The connection to the statement's coordinator closed while the statement was in flight (the node
 * died or the network dropped). When it had been written, its outcome is unknown: it may have been
 * applied.
 */
export class ConnectionLostError extends QueryError {
  override name = 'ConnectionLostError';
  constructor(
    message: string,
    cql: string,
    /** False only when the driver knows the request never left this process. */
    readonly written: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, cql, options);
  }

  static inFlight(cql: string, written: boolean, cause: unknown): ConnectionLostError {
    const outcome = written ? 'the statement had been sent, so it may or may not have been applied' : 'the statement was not sent';
    return new ConnectionLostError(`The connection to the coordinator closed while the statement was in flight (${outcome}): ${causeMessage(cause)} (in: ${cql})`, cql, written, { cause });
  }
}

/**
 * A lightweight transaction (INSERT ... IF NOT EXISTS, UPDATE/DELETE ... IF) whose outcome is unknown:
 * its Paxos round timed out (under contention, or with replicas slow or down), the client gave up
 * waiting, or the coordinator's connection closed after it was sent. It may or may not have been
 * applied, now or by a later Paxos round. A read at SERIAL consistency of the row tells which; a
 * repository does that read itself when `lwt.resolveUnknownOutcome` is set. `cause` is the typed
 * error underneath (a WriteTimeoutError of write type CAS, a QueryTimeoutError or a ConnectionLostError).
 */
export class LwtOutcomeUnknownError extends QueryError {
  override name = 'LwtOutcomeUnknownError';
  constructor(
    message: string,
    cql: string,
    /** Why the outcome is unknown: the server or the client timed out, or the connection closed in flight. */
    readonly reason: 'timeout' | 'connection-lost',
    /** The server's write type (CAS for a Paxos timeout); undefined when the server sent none. */
    readonly writeType: string | undefined,
    /** Replicas that acknowledged, of `blockFor` needed (from the server's timeout, when it sent them). */
    readonly received: number | undefined,
    readonly blockFor: number | undefined,
    /** SERIAL reads (or repeated inserts) made to resolve the outcome before giving up; 0 when resolution is off. */
    readonly resolutionAttempts: number,
    options?: { cause?: unknown },
  ) {
    super(message, cql, options);
  }

  /** The unknown-outcome error of a lightweight transaction that failed with `cause` (a typed timeout or lost connection). */
  static of(cause: QueryTimeoutError | ConnectionLostError, cql: string, resolutionAttempts = 0, lastResolution?: unknown): LwtOutcomeUnknownError {
    const w = cause instanceof WriteTimeoutError ? cause : undefined;
    const reason = cause instanceof ConnectionLostError ? 'connection-lost' : 'timeout';
    const tried =
      resolutionAttempts === 0
        ? 'Read the row at SERIAL consistency to learn which, or set lwt: { resolveUnknownOutcome: true } on the repository or the call to have it read'
        : `${resolutionAttempts} SERIAL read${resolutionAttempts === 1 ? '' : 's'} did not resolve it (last: ${causeMessage(lastResolution)}); read the row at SERIAL consistency later, or raise lwt.attempts`;
    return new LwtOutcomeUnknownError(
      `Lightweight transaction outcome unknown: it may or may not have been applied (${cause.message}). ${tried}.`,
      cql,
      reason,
      w?.writeType,
      w?.received,
      w?.blockFor,
      resolutionAttempts,
      { cause },
    );
  }

  /**
   * The unknown outcome of a versioned write whose SERIAL read found the row already moved past the
   * version it expected: another write applied after it or instead of it, which the row cannot tell.
   */
  static superseded(cause: QueryTimeoutError | ConnectionLostError, cql: string, resolutionAttempts: number, actual: unknown): LwtOutcomeUnknownError {
    const w = cause instanceof WriteTimeoutError ? cause : undefined;
    return new LwtOutcomeUnknownError(
      `Lightweight transaction outcome unknown: it may or may not have been applied (${cause.message}). A SERIAL read found the row at version ${String(actual)}, ` +
        'written by another writer after this write or instead of it, and the row cannot tell which. Re-read the row and check whether it holds your change ' +
        '(a value only this write sets tells), then write again if it does not.',
      cql,
      cause instanceof ConnectionLostError ? 'connection-lost' : 'timeout',
      w?.writeType,
      w?.received,
      w?.blockFor,
      resolutionAttempts,
      { cause },
    );
  }
}

/**
 * The logged-in role lacks a permission the statement needs, or (`systemAuthUnavailable`) the server
 * could not read the permissions from system_auth.
 */
export class UnauthorizedError extends QueryError {
  override name = 'UnauthorizedError';
  constructor(
    message: string,
    cql: string,
    options?: { cause?: unknown },
    /** True when the server could not read system_auth: the permission was not checked, and may be granted. */
    readonly systemAuthUnavailable = false,
  ) {
    super(message, cql, options);
  }

  /** The server could not read the permissions from system_auth: says so, with the server's reason and the fix. */
  static authUnavailable(message: string, cql: string, cause: unknown): UnauthorizedError {
    return new UnauthorizedError(`${message}. The permission was not checked: it may well be granted. ${RAISE_SYSTEM_AUTH}.`, cql, { cause }, true);
  }
}

/** A readable message of any thrown value. */
export function causeMessage(cause: unknown): string {
  // The driver's NoHostAvailableError repeats every inner error with its stack: name each host's first line.
  const inner = (cause as { innerErrors?: unknown } | null)?.innerErrors;
  if (cause instanceof Error && typeof inner === 'object' && inner !== null && Object.keys(inner).length > 0) {
    return Object.entries(inner)
      .map(([host, e]) => `${host}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`)
      .join('; ');
  }
  if (cause instanceof Error) return cause.message;
  return String(cause);
}

// ---------------------------------------------------------------------------------------------
// Metadata and schema errors: entities, DDL, schema sync.

/** A decorated class cannot be mapped: names `Class.property`, what is wrong and how to fix it. */
export class MetadataError extends MapperError {
  override name = 'MetadataError';
  constructor(
    message: string,
    /** `Class` or `Class.property` the problem is on. */
    readonly where: string,
    options?: { cause?: unknown },
  ) {
    super(`${where}: ${message}`, options);
  }

  static notAnEntity(className: string): MetadataError {
    return new MetadataError('is not an entity. Decorate the class with @Table().', className);
  }

  static notAUserType(className: string): MetadataError {
    return new MetadataError('is not a user-defined type. Decorate the class with @UserType().', className);
  }

  static missingPartitionKey(className: string): MetadataError {
    return new MetadataError(
      'has no partition key. Mark at least one property with @PartitionKey().',
      className,
    );
  }

  static noFields(className: string): MetadataError {
    return new MetadataError('has no fields. Mark at least one property with @Field().', className);
  }

  static mixedPositions(className: string, kind: string, withPosition: readonly string[], without: readonly string[]): MetadataError {
    return new MetadataError(
      `${kind} keys mix explicit positions (${withPosition.join(', ')}) with declaration order (${without.join(', ')}). ` +
        `Give every ${kind} key a position, or none.`,
      className,
    );
  }

  static duplicatePosition(className: string, kind: string, position: number, properties: readonly string[]): MetadataError {
    return new MetadataError(
      `${kind} key position ${position} is used by ${properties.join(' and ')}. Give each ${kind} key its own position.`,
      className,
    );
  }

  static gappedPositions(className: string, kind: string, positions: readonly number[]): MetadataError {
    return new MetadataError(
      `${kind} key positions ${positions.join(', ')} have a gap. Number them 0, 1, 2, ... without holes.`,
      className,
    );
  }

  static counterMixed(className: string, counters: readonly string[], others: readonly string[]): MetadataError {
    return new MetadataError(
      `a counter table can only hold counter columns besides its keys: ${counters.join(', ')} are counters but ` +
        `${others.join(', ')} are not. Move the non-counter columns to another table.`,
      className,
    );
  }

  static counterNotAllowed(where: string, context: string): MetadataError {
    return new MetadataError(`a counter cannot be ${context}. Use bigint, or a counter as a regular column.`, where);
  }

  static staticWithoutClustering(where: string): MetadataError {
    return new MetadataError(
      'is static, but the table has no clustering key (a static column only makes sense with one). ' +
        'Add a @ClusteringKey() or drop `static: true`.',
      where,
    );
  }

  static indexOnKey(where: string, reason: string): MetadataError {
    return new MetadataError(`cannot carry this index: ${reason}.`, where);
  }

  static invalidIndex(where: string, reason: string): MetadataError {
    return new MetadataError(`invalid index: ${reason}.`, where);
  }

  static unknownType(where: string, type: string, detail: string): MetadataError {
    return new MetadataError(
      `unknown CQL type '${type}' (${detail}). Use a CQL type such as 'int', 'map<text, int>' or ` +
        `'vector<float, 3>', and \`type: () => MyUdt\` for a @UserType class.`,
      where,
    );
  }

  static invalidType(where: string, type: string, reason: string): MetadataError {
    return new MetadataError(`CQL type '${type}' is not allowed here: ${reason}.`, where);
  }

  static typeRequired(where: string, designType: string): MetadataError {
    return new MetadataError(
      `the CQL type cannot be inferred (${designType}). Only string → text, boolean → boolean and ` +
        `Date → timestamp are inferred; give the type explicitly, e.g. @Column({ type: 'int' }).`,
      where,
    );
  }

  static duplicateName(where: string, what: string, name: string, properties: readonly string[]): MetadataError {
    return new MetadataError(
      `${what} '${name}' is mapped from ${properties.join(' and ')}. Give one of them another \`name\`.`,
      where,
    );
  }

  static unknownProperty(where: string, property: string, context: string): MetadataError {
    return new MetadataError(`${context} names '${property}', which is not a mapped property.`, where);
  }

  static invalidView(where: string, reason: string): MetadataError {
    return new MetadataError(`invalid materialized view: ${reason}.`, where);
  }

  static invalidQueryTable(where: string, reason: string): MetadataError {
    return new MetadataError(`invalid query table: ${reason}.`, where);
  }

  static invalidOption(where: string, option: string): MetadataError {
    return new MetadataError(`table option '${option}' must be a string, number, boolean or a map object.`, where);
  }

  /** A `@Version`, `@CreatedAt`, `@UpdatedAt` or `@Table({ ttl })` declaration the write path cannot honour. */
  static invalidManaged(where: string, reason: string): MetadataError {
    return new MetadataError(reason, where);
  }

  static invalidName(where: string, cause: unknown): MetadataError {
    return new MetadataError(causeMessage(cause), where, { cause });
  }
}

/** One change of a schema plan that would lose data or schema, as listed by DestructiveChangeError. */
export interface DestructiveChangeSummary {
  readonly description: string;
  readonly loses: string;
}

/** Sync refused to run destructive changes; lists each one and what it would lose. Nothing was applied. */
export class DestructiveChangeError extends MapperError {
  override name = 'DestructiveChangeError';
  constructor(
    message: string,
    readonly changes: readonly DestructiveChangeSummary[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  static refused(keyspace: string, changes: readonly DestructiveChangeSummary[]): DestructiveChangeError {
    const list = changes.map((c) => `  - ${c.description} (loses: ${c.loses})`).join('\n');
    return new DestructiveChangeError(
      `Schema sync of keyspace '${keyspace}' needs ${changes.length} destructive change(s); nothing was applied:\n${list}\n` +
        'Pass `allowDestructive: true` to apply them.',
      changes,
    );
  }
}

/** The schema could not be brought in line: a DDL statement failed, or the cluster never agreed. */
export class SchemaSyncError extends MapperError {
  override name = 'SchemaSyncError';

  static nodesDown(keyspace: string, down: readonly string[]): SchemaSyncError {
    return new SchemaSyncError(
      `Schema sync of keyspace ${keyspace} refused, nothing applied: ${down.length === 1 ? 'node' : 'nodes'} ${down.join(', ')} ${down.length === 1 ? 'is' : 'are'} down. ` +
        `A CREATE of a keyspace, table, type or function grants its creator permissions in system_auth after the schema change ` +
        `(at auth_write_consistency_level, EACH_QUORUM by default), so with replicas down it can fail with the change already made, ` +
        `and a down node misses the schema until it rejoins. Bring the node back and sync again, or pass allowNodesDown: true ` +
        `(the CLI's --allow-nodes-down) to apply on the nodes that are up.`,
    );
  }

  static noAgreement(cql: string, waitedMs: number): SchemaSyncError {
    return new SchemaSyncError(`The cluster did not reach schema agreement within ${waitedMs} ms after: ${cql}`);
  }

  static notConverged(keyspace: string, remaining: readonly string[]): SchemaSyncError {
    return new SchemaSyncError(
      `Keyspace '${keyspace}' still differs from the model after sync:\n${remaining.map((r) => `  - ${r}`).join('\n')}`,
    );
  }

  static buildTimeout(keyspace: string, kind: string, name: string, waitedMs: number): SchemaSyncError {
    return new SchemaSyncError(`The ${kind} ${keyspace}.${name} was created but not built within ${waitedMs} ms; it builds on in the background.`);
  }

  static leaseTimeout(keyspace: string, holder: string): SchemaSyncError {
    return new SchemaSyncError(`Timed out waiting for the schema lease of keyspace '${keyspace}', held by ${holder}.`);
  }

  static blocked(keyspace: string, blocked: readonly string[]): SchemaSyncError {
    return new SchemaSyncError(
      `Keyspace '${keyspace}' cannot be synced automatically; nothing was applied:\n${blocked.map((b) => `  - ${b}`).join('\n')}`,
    );
  }

  /** The logged-in role lacks permissions the plan's statements need: refused before the first one runs. */
  static permissionsMissing(keyspace: string, role: string, missing: readonly { permission: string; resource: string; cql: string }[]): SchemaSyncError {
    const grantOn = (resource: string): string =>
      resource === '<all keyspaces>' ? 'ALL KEYSPACES' : resource.replace(/^<(keyspace|table) (.+)>$/, (_, kind: string, name: string) => `${kind.toUpperCase()} ${name}`);
    const lines = missing.map((m) => `  - ${m.permission} on ${m.resource}, for: ${m.cql.split('\n')[0]}`);
    const grants = [...new Set(missing.map((m) => `GRANT ${m.permission} ON ${grantOn(m.resource)} TO ${role}`))];
    return new SchemaSyncError(
      `Schema sync of keyspace ${keyspace} refused, nothing applied: role '${role}' lacks ${missing.length === 1 ? 'a permission' : 'permissions'} the plan needs:\n${lines.join('\n')}\n` +
        `Run sync as a role that may change the schema, or grant them (as a superuser): ${grants.join('; ')}.`,
    );
  }

  static statementFailed(cause: unknown): SchemaSyncError {
    return new SchemaSyncError(`Schema change failed: ${causeMessage(cause)}`, { cause });
  }

  static keyspaceMismatch(entity: string, entityKeyspace: string, target: string): SchemaSyncError {
    return new SchemaSyncError(
      `${entity} is declared in keyspace '${entityKeyspace}' but is being synced into '${target}'. ` +
        'Sync it with its own keyspace, or pass `ignoreEntityKeyspace: true`.',
    );
  }
}

/**
 * Versioned migrations could not run, or a migration or its snapshot is not usable: names the
 * migration (and the statement, when one failed), what is wrong and how to fix it.
 */
export class MigrationError extends MapperError {
  override name = 'MigrationError';
  constructor(
    message: string,
    /** The migration concerned, when there is one. */
    readonly migration?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  static changed(id: string, recorded: string, actual: string): MigrationError {
    return new MigrationError(
      `Migration ${id} was applied with checksum ${recorded.slice(0, 12)} but its file now has ${actual.slice(0, 12)}: ` +
        'an applied migration must not be edited. Restore the file as it was applied and put the change in a new migration; nothing was run.',
      id,
    );
  }

  static missingFile(id: string): MigrationError {
    return new MigrationError(`Migration ${id} is recorded in the history but its file is gone: restore it; nothing was run.`, id);
  }

  static editedDone(id: string, statement: number): MigrationError {
    return new MigrationError(
      `Migration ${id} failed after statement ${statement} had run, and that statement (or one before it) was edited since: ` +
        'only the failed statement and the ones after it may change before a retry. Restore the statements that ran; nothing was run.',
      id,
    );
  }

  static statementFailed(id: string, index: number, total: number, cql: string, cause: unknown): MigrationError {
    const ran = index > 1 ? `statements 1-${index - 1} ran and are recorded` : 'no statement of it ran';
    return new MigrationError(
      `Migration ${id}: statement ${index} of ${total} failed: ${causeMessage(cause)} (in: ${cql}); ${ran}. ` +
        'Fix the statement and run migrate again: it resumes from the failed statement.',
      id,
      { cause },
    );
  }

  static dataFailed(id: string, cause: unknown): MigrationError {
    return new MigrationError(
      `Migration ${id}: the data step failed: ${causeMessage(cause)}. Its statements ran and are recorded; ` +
        'fix the data step (it must be safe to run again) and run migrate again.',
      id,
      { cause },
    );
  }

  static inProgress(id: string, owner: string): MigrationError {
    return new MigrationError(`Migration ${id} is being applied by ${owner} outside the schema lease; nothing was run.`, id);
  }

  static unknownTarget(id: string, known: readonly string[]): MigrationError {
    return new MigrationError(`--to ${id}: no such migration (known: ${known.join(', ') || 'none'}).`, id);
  }

  static invalidFile(file: string, problem: string): MigrationError {
    return new MigrationError(`Migration file ${file}: ${problem}`, undefined);
  }

  static snapshot(file: string, problem: string): MigrationError {
    return new MigrationError(`Schema snapshot ${file}: ${problem}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Named connections and retry-connect.

/** Retry-connect gave up: no node answered before the configured deadline. */
export class ConnectTimeoutError extends ConnectionError {
  override name = 'ConnectTimeoutError';

  static deadlineExceeded(
    alias: string,
    contactPoints: readonly string[],
    attempts: number,
    deadlineMs: number,
    cause: unknown,
  ): ConnectTimeoutError {
    return new ConnectTimeoutError(
      `Connection '${alias}': no Cassandra node answered at ${contactPoints.join(', ')} within ${deadlineMs} ms ` +
        `(${attempts} attempt${attempts === 1 ? '' : 's'}; last error: ${causeMessage(cause)}). ` +
        `Check the contact points, the port and that the node is up, or raise retryConnect.deadlineMs.`,
      { cause },
    );
  }
}

/** The connection was used after `close()`. */
export class ConnectionClosedError extends ConnectionError {
  override name = 'ConnectionClosedError';

  static closed(alias: string): ConnectionClosedError {
    return new ConnectionClosedError(`Connection '${alias}' is closed; create a new one (or a new registry).`);
  }
}

// ---------------------------------------------------------------------------------------------
// Queries, mapping, validation and paging.
// ---------------------------------------------------------------------------------------------

/** A query Cassandra would refuse, caught before anything is sent: says what is wrong and how to fix it. */
export class QueryBuildError extends MapperError {
  override name = 'QueryBuildError';
  constructor(
    message: string,
    /** The table the query targets. */
    readonly table: string,
    options?: { cause?: unknown },
  ) {
    super(`${table}: ${message}`, options);
  }

  static unknownProperty(table: string, property: string): QueryBuildError {
    return new QueryBuildError(`'${property}' is not a mapped column of this entity.`, table);
  }

  static partialPartitionKey(table: string, missing: readonly string[]): QueryBuildError {
    return new QueryBuildError(
      `the partition key is only partly restricted (missing ${missing.join(', ')}). Restrict every partition ` +
        `key column with = or IN, restrict token(...), or call allowFiltering() if a full scan is intended.`,
      table,
    );
  }

  static partitionKeyRange(table: string, column: string): QueryBuildError {
    return new QueryBuildError(
      `partition key column ${column} can only be restricted with = or IN; use whereToken() for ranges.`,
      table,
    );
  }

  static clusteringOutOfOrder(table: string, column: string, missing: string): QueryBuildError {
    return new QueryBuildError(
      `clustering column ${column} is restricted but the preceding clustering column ${missing} is not ` +
        `restricted by = or IN. Restrict clustering columns in order, or call allowFiltering().`,
      table,
    );
  }

  static clusteringAfterRange(table: string, column: string, range: string): QueryBuildError {
    return new QueryBuildError(
      `clustering column ${column} cannot be restricted after the range restriction on ${range}; ` +
        `call allowFiltering() if this is intended.`,
      table,
    );
  }

  static needsFiltering(table: string, column: string, why: string): QueryBuildError {
    return new QueryBuildError(
      `the restriction on ${column} ${why}; add a secondary index on it or call allowFiltering().`,
      table,
    );
  }

  static orderByNonClustering(table: string, column: string): QueryBuildError {
    return new QueryBuildError(`ORDER BY ${column}: only clustering columns can be ordered by.`, table);
  }

  static badOrder(table: string, detail: string): QueryBuildError {
    return new QueryBuildError(`ORDER BY ${detail}`, table);
  }

  static invalid(table: string, detail: string): QueryBuildError {
    return new QueryBuildError(detail, table);
  }

  /** An ANN (`ORDER BY col ANN OF ?`) query that breaks one of Cassandra 5.0's rules for them. */
  static annRule(table: string, detail: string): QueryBuildError {
    return new QueryBuildError(`ANN query: ${detail}`, table);
  }

  /** `saveChanges` of an entity whose primary key property changed since its snapshot. */
  static keyChanged(table: string, property: string, column: string): QueryBuildError {
    return new QueryBuildError(
      `primary key property '${property}' (column ${column}) changed since the entity was tracked; a changed key ` +
        'names another row, so saveChanges refuses it. Insert the row under its new key (and delete the old one) instead.',
      table,
    );
  }

  /** `saveChanges` of an entity whose counter property changed since its snapshot. */
  static counterChanged(table: string, property: string): QueryBuildError {
    return new QueryBuildError(
      `counter '${property}' changed since the entity was tracked, and a counter cannot be set; ` +
        `use update(key, u => u.increment('${property}', n)).`,
      table,
    );
  }
}

/** `saveChanges` was given an entity the repository holds no snapshot of; nothing was sent. */
export class UntrackedEntityError extends MapperError {
  override name = 'UntrackedEntityError';

  /** The entity holds no snapshot in this repository: says how to take one. */
  static notTracked(entity: string, table: string): UntrackedEntityError {
    return new UntrackedEntityError(
      `${entity} (table ${table}): saveChanges needs an entity this repository tracks, and this one is not tracked. ` +
        'Load it with { track: true } (findOne, find, findPartition, first), or call repository.track(entity) first.',
    );
  }
}

/**
 * An optimistic-locking write (an entity with `@Version`) did not apply: the row's version is not the
 * one the write expected (another writer got there first), the row is gone, or an insert found the
 * row already there. `current` is the row as a SERIAL read (or the insert's answer) found it; re-read
 * or merge into it, then write again with its version.
 */
export class VersionConflictError extends MapperError {
  override name = 'VersionConflictError';
  constructor(
    message: string,
    /** The entity class name. */
    readonly entity: string,
    /** The table written. */
    readonly table: string,
    /** The version the write expected: `undefined` for an insert (which expects no row). */
    readonly expected: unknown,
    /** The row's version now: `undefined` when the row does not exist. */
    readonly actual: unknown,
    /** The current row as an entity, `undefined` when the row does not exist. */
    readonly current: object | undefined,
    /** The statement that did not apply. */
    readonly cql: string,
  ) {
    super(message);
  }

  /** The conflict of a versioned write that found `actual` where it expected `expected`. */
  static of(entity: string, table: string, property: string, expected: unknown, actual: unknown, current: object | undefined, cql: string): VersionConflictError {
    const shown = (v: unknown): string => (v === undefined ? 'no row' : `${property} ${String(v)}`);
    const what = expected === undefined
      ? `the insert expected no row and found one at ${shown(actual)}`
      : current === undefined ? `the write expected ${shown(expected)} and the row no longer exists` : `the write expected ${shown(expected)} and the row is at ${shown(actual)}`;
    return new VersionConflictError(
      `${entity} (table ${table}): version conflict: ${what}. Nothing was written; re-read the row (error.current holds it), apply the change to it and write again.`,
      entity, table, expected, actual, current, cql,
    );
  }
}

/** A value cannot be converted to or from its CQL type without losing information. */
export class MappingError extends MapperError {
  override name = 'MappingError';

  static badValue(where: string, type: string, value: unknown, cause?: unknown): MappingError {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    return new MappingError(`${where}: cannot convert ${got} to CQL ${type}.`, { cause });
  }

  static mapEncodingRequired(where: string, keyType: string): MappingError {
    return new MappingError(
      `${where}: a map with ${keyType} keys needs native Map decoding (the default), which this connection ` +
        `turns off; drop that override or set clientOptions: { encoding: { map: Map, set: Set } }.`,
    );
  }
}

/** Where a refused value was headed: the entity's property and column, and the part of the statement. */
export interface ValueLocation {
  /** Entity class name. */
  readonly entity: string;
  /** Property name, when the value belongs to a column. */
  readonly property?: string | undefined;
  /** CQL column name, when the value belongs to a column. */
  readonly column?: string | undefined;
  /** CQL type of the column (or of the slot: `int` for a TTL). */
  readonly cqlType: string;
  /** What binds it, when not the column's own value: `IN list`, `CONTAINS`, `map key`, `list index`, `field zip`, `TTL`... */
  readonly part?: string | undefined;
}

/**
 * A value that does not fit its column, refused before anything was sent. Names the entity, the
 * property, the column, the CQL type and the reason; the value itself is shown only when it is a
 * number, bigint or boolean (strings, buffers and objects are described by kind and size, so a secret
 * never reaches a message or a log).
 * @example Order.quantity (column quantity, int): 1.5 is not an integer
 */
export class InvalidValueError extends MappingError {
  override name = 'InvalidValueError';
  /** Entity class name (undefined when the value was checked outside an entity's statement). */
  readonly entity: string | undefined;
  /** Property name on the entity. */
  readonly property: string | undefined;
  /** CQL column name. */
  readonly column: string | undefined;
  /** CQL type of the column (or of the checked value when there is no column). */
  readonly cqlType: string;
  /** Why the value was refused, e.g. `1.5 is not an integer`. */
  readonly reason: string;
  /** Where inside the value: `[2]`, `.street`, `{key}`, or '' for the value itself. */
  readonly path: string;
  /** What binds the value when it is not the column's own (`IN list`, `map key`, ...). */
  readonly part: string | undefined;

  constructor(reason: string, cqlType: string, path = '', at?: ValueLocation, options?: { cause?: unknown }) {
    super(InvalidValueError.message(reason, cqlType, path, at), options);
    this.reason = reason;
    this.cqlType = at?.cqlType ?? cqlType;
    this.path = path;
    this.entity = at?.entity;
    this.property = at?.property;
    this.column = at?.column;
    this.part = at?.part;
  }

  /**
   * The driver could not encode a parameter of a raw CQL statement for its column (the library knows
   * no columns there). The driver's message, which holds the value, stays in `cause` only.
   */
  static driverRefused(cql: string, cause: unknown): InvalidValueError {
    const error = new InvalidValueError('the driver could not encode a bound parameter for its column (value not shown)', 'unknown', '', undefined, { cause });
    error.message = `A bound parameter does not fit its column or the statement's markers: the driver could not encode it (value not shown) (in: ${cql})`;
    return error;
  }

  /** True once the error names where the value was headed. */
  get located(): boolean {
    return this.entity !== undefined;
  }

  /** The same refusal with `step` (an index or field) in front of its path. */
  within(step: string): InvalidValueError {
    return new InvalidValueError(this.reason, this.cqlType, step + this.path, undefined, { cause: this.cause });
  }

  /** The same refusal, naming where the value was headed. */
  at(location: ValueLocation): InvalidValueError {
    return this.located ? this : new InvalidValueError(this.reason, this.cqlType, this.path, location, { cause: this.cause });
  }

  private static message(reason: string, cqlType: string, path: string, at: ValueLocation | undefined): string {
    if (at === undefined) return `${cqlType}${path === '' ? '' : ` at ${path}`}: ${reason}`;
    const who = at.property === undefined ? at.entity : `${at.entity}.${at.property}`;
    const column = at.column === undefined ? at.cqlType : `column ${at.column}, ${at.cqlType}`;
    return `${who}${path} (${column}${at.part === undefined ? '' : `, ${at.part}`}): ${reason}`;
  }
}

/** One property that failed validation, with every message class-validator gave for it. */
export interface FieldViolation {
  /** Property path, dotted for nested objects (`address.city`). */
  readonly property: string;
  /** Constraint name → message, e.g. `{ isEmail: 'email must be an email' }`. */
  readonly constraints: Readonly<Record<string, string>>;
}

/** class-validator rejected an entity before a write; nothing was sent. Lists every field. */
export class ValidationError extends MapperError {
  override name = 'ValidationError';
  constructor(
    /** Entity class name. */
    readonly entity: string,
    readonly violations: readonly FieldViolation[],
    options?: { cause?: unknown },
  ) {
    super(
      `${entity} failed validation: ` +
        violations.map((v) => `${v.property} (${Object.values(v.constraints).join('; ')})`).join(', '),
      options,
    );
  }
}

/** A page token that was altered, truncated, or belongs to another query. */
export class PageTokenError extends MapperError {
  override name = 'PageTokenError';

  /** The token's signature does not match: pass back the `nextPageToken` of a page of this same query, unchanged. */
  static tampered(): PageTokenError {
    return new PageTokenError('The page token is invalid: it was altered or was not issued for this query (pass back the nextPageToken of a page of the same query, unchanged).');
  }
}

// ---------------------------------------------------------------------------------------------
// The request queue: a connection's requests beyond what its driver pool takes wait, within limits.
// ---------------------------------------------------------------------------------------------

/** Which limit refused a request: the queue was full, the wait ran out, or the driver's pool was busy. */
export type PoolSaturationReason = 'queue-full' | 'queue-timeout' | 'driver-busy';

/** The request-queue limits of a connection, as PoolSaturatedError reports them. */
export interface RequestQueueLimits {
  readonly maxInFlight: number;
  readonly maxQueued: number;
  readonly queueTimeoutMs: number;
}

const RAISE_POOL =
  'add connections with clientOptions.pooling.coreConnectionsPerHost (and raise requestQueue.maxInFlight to match)';

/** A request was refused because the connection had more concurrent requests than its limits allow. */
export class PoolSaturatedError extends MapperError {
  override name = 'PoolSaturatedError';
  constructor(
    message: string,
    /** Which limit refused the request. */
    readonly reason: PoolSaturationReason,
    /** The connection's alias. */
    readonly alias: string,
    /** The connection's request-queue limits (undefined when they are not known). */
    readonly limits: RequestQueueLimits | undefined,
    /** The CQL of the refused request. */
    readonly cql: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** `maxQueued` requests were already waiting: refused at once, nothing was sent. */
  static queueFull(alias: string, limits: RequestQueueLimits, cql: string): PoolSaturatedError {
    return new PoolSaturatedError(
      `Connection '${alias}': request refused, nothing was sent: ${limits.maxInFlight} requests are in flight ` +
        `(requestQueue.maxInFlight) and ${limits.maxQueued} are already waiting (requestQueue.maxQueued). ` +
        `Send fewer requests at once, raise requestQueue.maxQueued, or ${RAISE_POOL}. Statement: ${cql}`,
      'queue-full',
      alias,
      limits,
      cql,
    );
  }

  /** The request waited `queueTimeoutMs` for an in-flight slot and was not sent. */
  static queueTimeout(alias: string, limits: RequestQueueLimits, waitedMs: number, cql: string): PoolSaturatedError {
    return new PoolSaturatedError(
      `Connection '${alias}': request not sent after waiting ${Math.round(waitedMs)} ms in the queue ` +
        `(requestQueue.queueTimeoutMs is ${limits.queueTimeoutMs}) for one of ${limits.maxInFlight} in-flight slots ` +
        `(requestQueue.maxInFlight). The requests ahead of it are slow or too many: send fewer at once, ` +
        `raise requestQueue.queueTimeoutMs, or ${RAISE_POOL}. Statement: ${cql}`,
      'queue-timeout',
      alias,
      limits,
      cql,
    );
  }

  /**
   * The driver refused the request: every connection to `busy` of the `hosts` hosts it tried already
   * had `pooling.maxRequestsPerConnection` requests in flight.
   */
  static driverBusy(alias: string, limits: RequestQueueLimits | undefined, busy: number, hosts: number, cql: string, cause: unknown): PoolSaturatedError {
    const admitted = limits === undefined ? 'requestQueue.maxInFlight' : `requestQueue.maxInFlight (${limits.maxInFlight})`;
    return new PoolSaturatedError(
      `Connection '${alias}': the driver refused the request because every connection to ${busy} of the ${hosts} ` +
        `host(s) it tried already had pooling.maxRequestsPerConnection requests in flight (${causeMessage(cause)}). ` +
        `The client's pool is full, not unreachable: ${admitted} is above or too close to coreConnectionsPerHost × ` +
        `maxRequestsPerConnection of clientOptions.pooling (the driver's own metadata queries share a pooled ` +
        `connection), or other code sends on connection.client. Lower ` +
        `requestQueue.maxInFlight, send fewer requests at once, or ${RAISE_POOL}. Statement: ${cql}`,
      'driver-busy',
      alias,
      limits,
      cql,
      { cause },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The development node: a real Cassandra node for an application's own tests and examples.
// ---------------------------------------------------------------------------------------------

/** What any machine needs for a development node; every DevNodeError about a missing node ends with it. */
export const DEV_NODE_PREREQUISITES = `A development node needs one of:
  1. an existing cluster: CASSANDRA_CONTACT_POINTS=host1:9042,host2 (optional CASSANDRA_USERNAME,
     CASSANDRA_PASSWORD, CASSANDRA_LOCAL_DC; the user must be able to create keyspaces and roles);
  2. a container runtime (Docker or Podman) and the optional packages testcontainers@11 and
     @testcontainers/cassandra@11;
  3. JDK 17 (or 11) and Maven (Debian: apt-get install openjdk-17-jdk-headless maven): cassandra-all is
     then resolved from Maven Central once per machine and run as a plain java process.`;

/** A development node could not be found, started or reached; the message says what to install or set. */
export class DevNodeError extends MapperError {
  override name = 'DevNodeError';

  /** No JDK 11 or 17 among the candidates (Cassandra 5.0 refuses JDK 18+). */
  static noJava(tried: readonly string[]): DevNodeError {
    return new DevNodeError(
      `Cassandra 5.0 needs JDK 11 or 17 (it calls System.setSecurityManager, which JDK 18+ refuses). ` +
        `Tried: ${tried.join(', ') || 'nothing'}. Install one (Debian: apt-get install openjdk-17-jdk-headless) ` +
        `or point CASSANDRA_JAVA at its bin/java.`,
    );
  }

  /** Maven could not resolve the cassandra-all jars. */
  static noJars(detail: string, cause?: unknown): DevNodeError {
    return new DevNodeError(`Could not resolve the Cassandra jars with Maven (is mvn installed?):\n${detail}`, cause === undefined ? undefined : { cause });
  }

  /** The node process died or never accepted a login; `tail` is the end of its log. */
  static startFailed(reason: string, dir: string, tail: string, folderKept = false): DevNodeError {
    const folder = folderKept ? `its folder ${dir} is kept until the cluster stops` : `its folder ${dir} was removed`;
    return new DevNodeError(`Cassandra did not start: ${reason}.\n--- last lines of the node's log (${folder}) ---\n${tail}`);
  }

  /** Something already listens where a cluster node would bind. */
  static addressTaken(address: string, port: number, cause: unknown): DevNodeError {
    const code = (cause as { code?: unknown } | null)?.code;
    return new DevNodeError(
      `${address}:${port} is not free (${typeof code === 'string' ? code : causeMessage(cause)}): another node or cluster uses it. ` +
        `Stop it (cassandra-orm dev-node stop --cluster, if it is one this machine started), or start on other addresses (--first-address).`,
      { cause },
    );
  }

  /** The cluster's nodes run, but they did not all see each other up with one schema in time. */
  static notSettled(waitedMs: number, last: string): DevNodeError {
    return new DevNodeError(`The cluster did not settle within ${Math.round(waitedMs / 1000)} s: not every node saw every other up with one schema (last: ${last}).`);
  }

  /** openssl or keytool could not make the throw-away TLS material of a node started with TLS. */
  static tlsMaterial(what: string, command: string, detail: string, cause: unknown): DevNodeError {
    return new DevNodeError(
      `Could not make ${what} for a TLS development node (${command}: ${detail}). ` +
        `A node started with TLS needs the JDK's keytool, and uses openssl when it is on the PATH (Debian: apt-get install openjdk-17-jdk-headless openssl).`,
      cause === undefined ? undefined : { cause },
    );
  }

  /** A node index outside the cluster. */
  static noSuchNode(index: number, count: number): DevNodeError {
    return new DevNodeError(`The cluster has no node ${index} (it has ${count}, numbered from 1).`);
  }

  /** CASSANDRA_CONTACT_POINTS is set, but a login there failed. */
  static unreachable(contactPoints: string, cause: unknown): DevNodeError {
    return new DevNodeError(
      `CASSANDRA_CONTACT_POINTS=${contactPoints} is set, but a login there failed: ${causeMessage(cause)}\n\n${DEV_NODE_PREREQUISITES}`,
      { cause },
    );
  }

  /** Every way of getting a node failed; `reasons` says why each did. */
  static noNode(reasons: readonly string[]): DevNodeError {
    return new DevNodeError(`No Cassandra node could be had:\n- ${reasons.join('\n- ')}\n\n${DEV_NODE_PREREQUISITES}`);
  }
}
