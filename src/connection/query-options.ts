// Per-call options of every statement the mapper and the raw cursor send, and what paging takes.
import type cassandra from 'cassandra-driver';
import type { Consistency } from './consistency.js';

/** What the driver reported about one execution. */
export interface ExecutionInfo {
  /** Trace id (as a string) when `tracing: true`; read the trace from system_traces. */
  readonly traceId: string | undefined;
  /** Server warnings (e.g. large batch, tombstones). */
  readonly warnings: readonly string[];
  /** The coordinator that answered (`address:port`). */
  readonly queriedHost: string | undefined;
  /** The consistency the coordinator achieved, as the driver's code (after a downgrading retry it differs from the one asked for). */
  readonly achievedConsistency: number | undefined;
  /** Speculative executions the driver started besides the first (only for idempotent statements, with a speculative execution policy). */
  readonly speculativeExecutions: number;
}

/** Options of one call: of a repository method, a batch, or a raw CQL statement on the cursor. */
export interface QueryOptions {
  /** Consistency for this call: a name ('LOCAL_QUORUM', 'localQuorum') or the driver's code. */
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

/** Options of a paged read: `pageSize` rows per page, resuming after `pageToken` when given. */
export interface PageOptions extends QueryOptions {
  /** Rows per page (a whole number >= 1). Default: `fetchSize`, else the connection's, else 5,000. */
  readonly pageSize?: number;
  /** Where to resume: the `nextPageToken` of a page this same query returned. */
  readonly pageToken?: string | undefined;
}

/** One page of rows and the token that resumes after it (`undefined` when no rows follow). */
export interface Page<T> {
  /** The page's rows: entities (or the query's row shape) from a repository, plain objects from the cursor. */
  readonly rows: T[];
  /** Pass it back as `pageToken` to fetch the next page; `undefined` on the last page. */
  readonly nextPageToken: string | undefined;
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
