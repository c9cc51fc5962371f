// Per-call options, their translation to driver options, and the result of a write.
import cassandra from 'cassandra-driver';
import type { Consistency } from '../connection/consistency.js';
import { ConfigError } from '../errors.js';
import type { CompiledQuery } from '../query/compiled-query.js';
import type { LwtOptions } from './lwt.js';


/** What the driver reported about one execution. */
export interface ExecutionInfo {
  /** Trace id (as a string) when `tracing: true`; read the trace from system_traces. */
  readonly traceId: string | undefined;
  /** Server warnings (e.g. large batch, tombstones). */
  readonly warnings: readonly string[];
  readonly queriedHost: string | undefined;
  readonly achievedConsistency: number | undefined;
  /** Speculative executions the driver started besides the first (only for idempotent statements, with a speculative execution policy). */
  readonly speculativeExecutions: number;
}

/** Options of one call. */
export interface QueryOptions {
  readonly consistency?: Consistency;
  /** Serial consistency of a lightweight transaction (`serial` or `localSerial`). */
  readonly serialConsistency?: Consistency;
  /** Client-side timeout in milliseconds (driver `readTimeout`). */
  readonly timeout?: number;
  /** Rows per page fetched from the coordinator. */
  readonly fetchSize?: number;
  /** Ask the coordinator to trace the statement; the trace id arrives in `onInfo`. */
  readonly tracing?: boolean;
  /** A driver execution profile by name. */
  readonly executionProfile?: string;
  /** Called after each execution with the trace id, warnings and coordinator. */
  readonly onInfo?: (info: ExecutionInfo) => void;
}

/** Options of a read that returns entities (`findOne`, `find`, `findPartition`, `first`). */
export interface ReadOptions extends QueryOptions {
  /** Track the entities returned, so that `saveChanges` can send only what changes (default false). */
  readonly track?: boolean;
}

/** Options of a write. */
export interface WriteOptions extends QueryOptions {
  /** `USING TTL` in seconds. */
  readonly ttl?: number;
  /** `USING TIMESTAMP` in microseconds. */
  readonly timestamp?: bigint | number;
  /** What a lightweight transaction whose outcome is unknown does, over the repository's `lwt` (docs/writes.md). */
  readonly lwt?: LwtOptions;
}

/** The outcome of a write. A lightweight transaction that did not apply carries the current values. */
export interface WriteResult<T> {
  /** False only when an `IF` condition (or IF [NOT] EXISTS) did not hold. */
  readonly applied: boolean;
  /** When not applied: the values Cassandra returned (the existing row, or the tested columns). */
  readonly current?: Partial<T> | undefined;
}

const consistencies = cassandra.types.consistencies as unknown as Record<string, number>;

/** A consistency as the driver's number; a ConfigError naming `key` for an unknown name. */
export function consistencyOf(key: string, value: Consistency): number {
  if (typeof value === 'number') return value;
  const camel = /^[A-Z_]+$/.test(value) ? value.toLowerCase().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()) : value;
  const n = consistencies[camel];
  if (n === undefined) throw ConfigError.wrongType(key, `a consistency (${Object.keys(consistencies).join(', ')})`, value);
  return n;
}

const FAST = { idempotent: Object.freeze({ prepare: true, isIdempotent: true }), other: Object.freeze({ prepare: true, isIdempotent: false }) };

/** Driver options for a compiled statement: idempotency from the statement, the rest from the call. */
export function driverOptions(
  compiled: Pick<CompiledQuery, 'idempotent'>,
  options: QueryOptions | undefined,
  extra?: cassandra.QueryOptions,
): cassandra.QueryOptions {
  if (options === undefined && extra === undefined) return compiled.idempotent ? FAST.idempotent : FAST.other;
  const o: cassandra.QueryOptions = { prepare: true, isIdempotent: compiled.idempotent, ...extra };
  if (options === undefined) return o;
  if (options.consistency !== undefined) o.consistency = consistencyOf('consistency', options.consistency);
  if (options.serialConsistency !== undefined) o.serialConsistency = consistencyOf('serialConsistency', options.serialConsistency);
  if (options.timeout !== undefined) o.readTimeout = options.timeout;
  if (options.fetchSize !== undefined) o.fetchSize = options.fetchSize;
  if (options.tracing === true) o.traceQuery = true;
  if (options.executionProfile !== undefined) o.executionProfile = options.executionProfile;
  return o;
}

/** Reports execution info to `onInfo`, if given. */
export function report(rs: cassandra.types.ResultSet, options: QueryOptions | undefined): void {
  if (options?.onInfo === undefined) return;
  const info = rs.info as unknown as { traceId?: { toString(): string }; warnings?: string[]; queriedHost?: string; achievedConsistency?: number; speculativeExecutions?: number };
  options.onInfo(
    Object.freeze({
      traceId: info.traceId?.toString(),
      warnings: Object.freeze([...(info.warnings ?? [])]),
      queriedHost: info.queriedHost,
      achievedConsistency: info.achievedConsistency,
      speculativeExecutions: Math.max(0, info.speculativeExecutions ?? 0),
    }),
  );
}
