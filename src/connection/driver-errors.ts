// The one place driver errors become typed cassandra-orm errors.
import cassandra from 'cassandra-driver';
import {
  AuthenticationError,
  ConnectionError,
  ConnectionLostError,
  DriverError,
  InvalidQueryError,
  InvalidValueError,
  MapperError,
  PoolSaturatedError,
  QueryError,
  QueryTimeoutError,
  ReplicaFailureError,
  TlsError,
  UnauthorizedError,
  UnavailableError,
  WriteTimeoutError,
  causeMessage,
  isAuthUnavailable,
  tlsFailureReason,
  type RequestQueueLimits,
} from '../errors.js';

const codes = cassandra.types.responseErrorCodes;

/** Context a translated error names: the connection alias and user, never the password. */
export interface ErrorContext {
  readonly alias: string;
  readonly contactPoints: readonly string[];
  readonly username?: string | undefined;
  /** The connection's request-queue limits, named when the driver's pool is saturated. */
  readonly limits?: RequestQueueLimits | undefined;
  /** The connection sends a client certificate (tls.cert): an internal-error alert in the handshake is then the node refusing it. */
  readonly clientCertificate?: boolean | undefined;
  /** The connection uses TLS (tls or sslOptions). */
  readonly tls?: boolean | undefined;
}

function innerErrors(error: unknown): unknown[] {
  if (error instanceof cassandra.errors.NoHostAvailableError) {
    return Object.values((error as { innerErrors?: Record<string, unknown> }).innerErrors ?? {});
  }
  return [];
}

/** The first host whose connect attempt failed in a TLS handshake, with its Node/OpenSSL error. */
function tlsFailure(error: unknown): { host: string; error: Error & { code: string } } | undefined {
  const hosts: [string, unknown][] = error instanceof cassandra.errors.NoHostAvailableError
    ? Object.entries((error as { innerErrors?: Record<string, unknown> }).innerErrors ?? {})
    : [['the node', error]];
  for (const [host, e] of hosts) {
    const code = (e as { code?: unknown } | null)?.code;
    if (e instanceof Error && typeof code === 'string' && tlsFailureReason(code) !== undefined) return { host, error: e as Error & { code: string } };
  }
  return undefined;
}

/** Translates an error raised while connecting. */
export function translateConnectError(error: unknown, ctx: ErrorContext): MapperError {
  if (error instanceof MapperError) return error;
  const tls = tlsFailure(error);
  if (tls !== undefined) return TlsError.handshake(ctx.alias, tls.host, tls.error, error, ctx.clientCertificate === true);
  const candidates = [error, ...innerErrors(error)];
  const auth = candidates.find((e) => e instanceof cassandra.errors.AuthenticationError);
  if (auth !== undefined) {
    const message = (auth as Error).message;
    if (/requires authentication/i.test(message) || /PasswordAuthenticator/.test(message) && ctx.username === undefined) {
      return AuthenticationError.credentialsRequired(ctx.alias, error);
    }
    // The server's reason, from any host that gave one: "could not read system_auth" beats "wrong password".
    const reasons = candidates.filter((e) => e instanceof cassandra.errors.AuthenticationError).map((e) => serverReason(e as Error));
    const unavailable = reasons.find(isAuthUnavailable);
    if (unavailable !== undefined) return AuthenticationError.authUnavailable(ctx.alias, ctx.username, unavailable, error);
    return AuthenticationError.rejected(ctx.alias, ctx.username, error, reasons[0]);
  }
  // A node that takes TLS only resets a plain connection at its first bytes: say so when no TLS is configured.
  const inner = innerErrors(error);
  const reset = ctx.tls !== true && inner.length > 0 && inner.every((e) => (e as { code?: unknown } | null)?.code === 'ECONNRESET');
  return ConnectionError.unreachable(ctx.alias, ctx.contactPoints, error, reset ? 'a node that takes TLS connections only resets plain ones: if it does, set tls (ssl_options in DATABASES)' : undefined);
}

/** Translates an error raised by a statement; `cql` is kept, bound values are not. */
export function translateQueryError(error: unknown, cql: string, ctx: ErrorContext): MapperError {
  if (error instanceof MapperError) return error;
  if (error instanceof cassandra.errors.NoHostAvailableError) {
    const inner = innerErrors(error);
    const first = inner[0];
    // The retry policy tried the next host after a server error (e.g. unavailable): report the server's answer.
    if (first instanceof cassandra.errors.ResponseError && inner.every((e) => e instanceof cassandra.errors.ResponseError)) {
      return translateQueryError(first, cql, ctx);
    }
    if (inner.length > 0 && inner.every((e) => e instanceof cassandra.errors.OperationTimedOutError)) {
      return new QueryTimeoutError(`Client timeout: no host answered in time (${causeMessage(error)}) for: ${cql}`, cql, { cause: error });
    }
    // A host whose connections are all busy is connected, not down: saying "no node answered" would be false.
    const busy = inner.filter((e) => e instanceof cassandra.errors.BusyConnectionError).length;
    if (busy > 0) return PoolSaturatedError.driverBusy(ctx.alias, ctx.limits, busy, inner.length, cql, error);
    return translateConnectError(error, ctx);
  }
  if (error instanceof cassandra.errors.BusyConnectionError) return PoolSaturatedError.driverBusy(ctx.alias, ctx.limits, 1, 1, cql, error);
  if (error instanceof cassandra.errors.AuthenticationError) return translateConnectError(error, ctx);
  if (error instanceof cassandra.errors.OperationTimedOutError) {
    return new QueryTimeoutError(`Client timeout: no answer in time for: ${cql}`, cql, { cause: error });
  }
  if (error instanceof cassandra.errors.ResponseError) {
    const table = statementTable(cql);
    const message = `${table === undefined ? '' : `${table}: `}${error.message} (in: ${cql})`;
    switch (error.code) {
      case codes.syntaxError:
      case codes.invalid:
      case codes.configError:
      case codes.alreadyExists:
        return new InvalidQueryError(message, cql, { cause: error });
      case codes.unauthorized:
        return isAuthUnavailable(error.message) ? UnauthorizedError.authUnavailable(message, cql, error) : new UnauthorizedError(message, cql, { cause: error });
      case codes.unavailableException:
        return new UnavailableError(message, cql, { cause: error });
      case codes.readTimeout:
        return new QueryTimeoutError(message, cql, { cause: error });
      case codes.writeTimeout:
        return WriteTimeoutError.fromServer(message, cql, error);
      case codes.readFailure:
        return ReplicaFailureError.fromServer('read', message, cql, error);
      case codes.writeFailure:
        return ReplicaFailureError.fromServer('write', message, cql, error);
      case codes.badCredentials:
        return translateConnectError(error, ctx);
      default:
        return new QueryError(message, cql, { cause: error });
    }
  }
  if (error instanceof Error && (error as { isSocketError?: unknown }).isSocketError === true) {
    return ConnectionLostError.inFlight(cql, (error as { requestNotWritten?: unknown }).requestNotWritten !== true, error);
  }
  if (error instanceof TypeError && fromDriverEncoder(error)) {
    // The driver's encoder refused a value (raw CQL, where the library knows no columns). Its message
    // holds the value: keep it only in `cause`.
    return InvalidValueError.driverRefused(cql, error);
  }
  // Anything else the driver raised in this process (bad arguments, unsupported features): nothing
  // reached the server, so it is not dressed as a server error.
  return DriverError.refused(cql, error);
}

/** The server's own text of an authentication error (the driver prefixes nothing, but may add a stack's worth of lines). */
function serverReason(error: Error): string {
  return (error.message.split('\n')[0] ?? '').trim();
}

/** True when the driver's encoder (or one of its value types) raised `error`: its top stack frame is there. */
function fromDriverEncoder(error: TypeError): boolean {
  const frame = (error.stack ?? '').split('\n').find((line) => line.trimStart().startsWith('at '));
  return frame !== undefined && /cassandra-driver[\\/]lib[\\/](?:encoder|types[\\/])/.test(frame);
}

/** The table a statement names (`ks.t`, as written), for messages; undefined when none is found. */
export function statementTable(cql: string): string | undefined {
  const m = /\b(?:FROM|INTO|UPDATE)\s+((?:"(?:[^"]|"")+"|\w+)(?:\.(?:"(?:[^"]|"")+"|\w+))?)/i.exec(cql);
  return m?.[1];
}
