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

  static unreachable(alias: string, contactPoints: readonly string[], cause: unknown): ConnectionError {
    return new ConnectionError(
      `Connection '${alias}': no Cassandra node answered at ${contactPoints.join(', ')} ` +
        `(${causeMessage(cause)}). Check the contact points, the port and that the node is up.`,
      { cause },
    );
  }
}

/** The cluster rejected the credentials. The message names the user, never the password. */
export class AuthenticationError extends ConnectionError {
  override name = 'AuthenticationError';

  static rejected(alias: string, username: string | undefined, cause: unknown): AuthenticationError {
    const who = username === undefined ? 'the configured auth provider' : `user '${username}'`;
    return new AuthenticationError(
      `Connection '${alias}': authentication failed for ${who}. Check USER/PASSWORD (or the auth provider) ` +
        `for this connection.`,
      { cause },
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

/** A statement failed on the cluster. Carries the CQL (never the bound values). */
export class QueryError extends MapperError {
  override name = 'QueryError';
  constructor(
    message: string,
    /** The CQL text that failed. */
    readonly cql: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
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

/** The logged-in role lacks a permission the statement needs. */
export class UnauthorizedError extends QueryError {
  override name = 'UnauthorizedError';
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

// ---------------------------------------------------------------------------------------------------
// Named connections and retry-connect (issue 4).

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
