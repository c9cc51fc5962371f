// Per-call options, their translation to driver options, and the result of a write.
import cassandra from 'cassandra-driver';
import type { Consistency } from '../connection/consistency.js';
import { ConfigError } from '../errors.js';
import type { CompiledQuery } from '../query/compiled-query.js';
import type { QueryOptions } from '../connection/query-options.js';
import type { LwtOptions } from './lwt.js';

export type { ExecutionInfo, Page, PageOptions, QueryOptions } from '../connection/query-options.js';
export { report } from '../connection/query-options.js';


/** Options of a read that returns entities (`findOne`, `find`, `findPartition`, `first`). */
export interface ReadOptions extends QueryOptions {
  /** Track the entities returned, so that `saveChanges` can send only what changes (default false). */
  readonly track?: boolean;
  /** Read from this query table of the entity (by its table name) instead of the table the key shape picks (docs/query-tables.md). */
  readonly table?: string;
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
