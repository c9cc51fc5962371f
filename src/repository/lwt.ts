// Lightweight transactions whose outcome is unknown: the typed error that says so, and the optional
// resolution of a conditional insert by a SERIAL read of its row, with jittered back-off between
// attempts so that contending callers spread out instead of colliding again.
import { ConnectionLostError, LwtOutcomeUnknownError, QueryTimeoutError, UnavailableError } from '../errors.js';
import { expectBoolean, expectInteger, expectObject } from '../connection/check.js';

/** How a repository treats a lightweight transaction whose outcome is unknown (set per repository or per call). */
export interface LwtOptions {
  /**
   * After a Paxos timeout or a lost connection, read the row at SERIAL consistency (the call's
   * `serialConsistency`, else the connection's, else SERIAL) and report `applied` / not applied with
   * the current row instead of throwing LwtOutcomeUnknownError. Conditional inserts, and the updates
   * and deletes of an `@Version` entity (compared by version); other conditional updates and deletes
   * still throw. Default false.
   */
  readonly resolveUnknownOutcome?: boolean;
  /** SERIAL reads (and repeated inserts when the row is absent) before giving up with LwtOutcomeUnknownError. Default 5. */
  readonly attempts?: number;
  /** Back-off before the first attempt in ms; it doubles per attempt, each wait drawn at random up to it. Default 100. */
  readonly backoffMs?: number;
  /** The longest back-off in ms. Default 2000. */
  readonly maxBackoffMs?: number;
}

/** LwtOptions with every value set and checked. */
export interface ResolvedLwtOptions {
  readonly resolveUnknownOutcome: boolean;
  readonly attempts: number;
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
}

const LWT_KEYS = ['resolveUnknownOutcome', 'attempts', 'backoffMs', 'maxBackoffMs'] as const;

export const DEFAULT_LWT: ResolvedLwtOptions = Object.freeze({ resolveUnknownOutcome: false, attempts: 5, backoffMs: 100, maxBackoffMs: 2000 });

/** Checks LwtOptions over `base` (a ConfigError names the key at `path`). */
export function resolveLwtOptions(value: unknown, path: string, base: ResolvedLwtOptions = DEFAULT_LWT): ResolvedLwtOptions {
  if (value === undefined) return base;
  const o = expectObject(value, path, LWT_KEYS);
  const resolved = {
    resolveUnknownOutcome: o['resolveUnknownOutcome'] === undefined ? base.resolveUnknownOutcome : expectBoolean(o['resolveUnknownOutcome'], `${path}.resolveUnknownOutcome`),
    attempts: o['attempts'] === undefined ? base.attempts : expectInteger(o['attempts'], `${path}.attempts`, 1, 100),
    backoffMs: o['backoffMs'] === undefined ? base.backoffMs : expectInteger(o['backoffMs'], `${path}.backoffMs`, 0, 60_000),
    maxBackoffMs: o['maxBackoffMs'] === undefined ? base.maxBackoffMs : expectInteger(o['maxBackoffMs'], `${path}.maxBackoffMs`, 0, 600_000),
  };
  return Object.freeze(resolved);
}

/**
 * The error a failed lightweight transaction rejects with: a timeout (server or client) or a
 * connection lost after sending becomes LwtOutcomeUnknownError; anything else (unavailable, invalid,
 * a lost connection before sending) is known not to have applied and stays as it is.
 */
export function lwtFailure(error: unknown): unknown {
  if (error instanceof QueryTimeoutError) return LwtOutcomeUnknownError.of(error, error.cql);
  if (error instanceof ConnectionLostError && error.written) return LwtOutcomeUnknownError.of(error, error.cql);
  return error;
}

/** True for a failure of a SERIAL read (or of a repeated insert) that another attempt may get past. */
export function transient(error: unknown): boolean {
  return error instanceof LwtOutcomeUnknownError || error instanceof QueryTimeoutError || error instanceof UnavailableError || error instanceof ConnectionLostError;
}

/** The wait before attempt `attempt` (1-based): a random share of the back-off, which doubles per attempt up to the maximum. */
export function backoffDelay(options: ResolvedLwtOptions, attempt: number): number {
  const ceiling = Math.min(options.maxBackoffMs, options.backoffMs * 2 ** (attempt - 1));
  return Math.floor(Math.random() * (ceiling + 1));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
